#pragma once

#include <QString>
#include <QUrl>

class QCoreApplication;

// The parsed command line of denvr-auth: one command and its options.
struct AuthOptions
{
    enum class Command { Login, Status, Token, Logout };

    Command command = Command::Status;
    QUrl server; // --server, or AppSettings::defaultServer()
    bool serverGiven = false;
    QString userName; // --username (login only)
    bool passwordFromStdin = false;
    bool rememberDevice = false;
    bool forgetDevice = false;
    bool json = false;
    QString caFile; // --ca-file, else DENVR_CA_FILE, else AppSettings::caFile()
};

// Parses the arguments of application. --help and --version print and exit
// the process with 0. Returns false and fills *errorMessage for a usage error.
bool parseAuthCommandLine(const QCoreApplication& application, AuthOptions* options, QString* errorMessage);
