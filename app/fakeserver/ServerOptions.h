#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// Settings taken from the command line.
struct ServerOptions
{
    quint16 port = 0;
    QString usersPath;
    QString tlsCertificatePath;
    QString tlsKeyPath;
    std::optional<qint64> accessTokenSeconds;
    std::optional<qint64> refreshTokenSeconds;
    QString statePath;
    int responseDelayMs = 0;
    QStringList faults;                 // "ENDPOINT=KIND" settings, checked by FaultTable
    std::optional<quint16> controlPort; // set when the control listener runs

    bool usesTls() const { return !tlsCertificatePath.isEmpty(); }

    // Fault injection starts the other-origin listener, and --control-port the control one.
    bool usesFaults() const { return !faults.isEmpty() || controlPort.has_value(); }
};

// Parses the command line. Returns std::nullopt and sets errorMessage to a one-line
// error naming the value and the fix when an argument is missing or invalid.
// Prints the help text and exits with code 0 for --help.
std::optional<ServerOptions> parseServerOptions(const QStringList& arguments, QString* errorMessage);
