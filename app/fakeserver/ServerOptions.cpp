#include "ServerOptions.h"

#include <QCommandLineParser>

#include <limits>

namespace {

// Parses a decimal integer in [minimum, maximum], or returns std::nullopt.
std::optional<qint64> parseBoundedInteger(const QString& text, qint64 minimum, qint64 maximum)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

QString invalidValueMessage(const QString& option, const QString& value, const QString& expected)
{
    return QStringLiteral("invalid --%1 value '%2': expected %3.").arg(option, value, expected);
}

} // namespace

std::optional<ServerOptions> parseServerOptions(const QStringList& arguments, QString* errorMessage)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Test double of the DenvrCloud TokenAuth HTTP API. Listens on 127.0.0.1 only.\n"
                       "Prints 'listening on URL' as its first stdout line, then 'METHOD PATH STATUS' per request."));
    parser.addHelpOption();

    const QCommandLineOption portOption(
        QStringLiteral("port"), QStringLiteral("TCP port to listen on at 127.0.0.1, or 0 for a free port. Required."),
        QStringLiteral("N"));
    const QCommandLineOption usersOption(
        QStringLiteral("users"),
        QStringLiteral("JSON file with the users who can sign in and, optionally, the token lifetimes. Required."),
        QStringLiteral("FILE"));
    const QCommandLineOption certificateOption(
        QStringLiteral("tls-cert"), QStringLiteral("PEM certificate (chain) to serve HTTPS with. Needs --tls-key."),
        QStringLiteral("PEM"));
    const QCommandLineOption keyOption(QStringLiteral("tls-key"),
                                       QStringLiteral("PEM private key of the --tls-cert certificate, not encrypted."),
                                       QStringLiteral("PEM"));
    const QCommandLineOption accessOption(
        QStringLiteral("access-token-seconds"),
        QStringLiteral("Access token lifetime in seconds. Overrides the users file (default 3600)."),
        QStringLiteral("N"));
    const QCommandLineOption refreshOption(
        QStringLiteral("refresh-token-seconds"),
        QStringLiteral("Refresh token lifetime in seconds. Overrides the users file (default 2592000, 30 days)."),
        QStringLiteral("N"));
    const QCommandLineOption stateOption(
        QStringLiteral("state"),
        QStringLiteral("JSON file that keeps issued tokens across restarts. Created when missing."),
        QStringLiteral("FILE"));
    const QCommandLineOption delayOption(
        QStringLiteral("delay-ms"), QStringLiteral("Delay in milliseconds before every response is sent (default 0)."),
        QStringLiteral("N"));
    parser.addOptions(
        {portOption, usersOption, certificateOption, keyOption, accessOption, refreshOption, stateOption, delayOption});

    if (!parser.parse(arguments)) {
        *errorMessage = parser.errorText() + QStringLiteral(" Run with --help to list the options.");
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")))
        parser.showHelp(0);
    if (!parser.positionalArguments().isEmpty()) {
        *errorMessage = QStringLiteral("unexpected argument '%1': all settings are options, see --help.")
                            .arg(parser.positionalArguments().constFirst());
        return std::nullopt;
    }

    ServerOptions options;

    if (!parser.isSet(portOption)) {
        *errorMessage = QStringLiteral("missing --port: pass --port N, or --port 0 for a free port.");
        return std::nullopt;
    }
    const auto port = parseBoundedInteger(parser.value(portOption), 0, 65535);
    if (!port) {
        *errorMessage = invalidValueMessage(QStringLiteral("port"), parser.value(portOption),
                                            QStringLiteral("an integer from 0 to 65535"));
        return std::nullopt;
    }
    options.port = quint16(*port);

    options.usersPath = parser.value(usersOption);
    if (options.usersPath.isEmpty()) {
        *errorMessage = QStringLiteral("missing --users: pass the JSON users file with --users FILE.");
        return std::nullopt;
    }

    options.tlsCertificatePath = parser.value(certificateOption);
    options.tlsKeyPath = parser.value(keyOption);
    if (options.tlsCertificatePath.isEmpty() != options.tlsKeyPath.isEmpty()) {
        *errorMessage =
            QStringLiteral("--tls-cert and --tls-key go together: pass both for HTTPS or neither for HTTP.");
        return std::nullopt;
    }

    // expireInSeconds and refreshTokenExpireInSeconds are int32 in the API schema.
    const qint64 maximumLifetime = std::numeric_limits<qint32>::max();
    const QString lifetimeRange = QStringLiteral("an integer number of seconds from 0 to %1").arg(maximumLifetime);
    if (parser.isSet(accessOption)) {
        options.accessTokenSeconds = parseBoundedInteger(parser.value(accessOption), 0, maximumLifetime);
        if (!options.accessTokenSeconds) {
            *errorMessage =
                invalidValueMessage(QStringLiteral("access-token-seconds"), parser.value(accessOption), lifetimeRange);
            return std::nullopt;
        }
    }
    if (parser.isSet(refreshOption)) {
        options.refreshTokenSeconds = parseBoundedInteger(parser.value(refreshOption), 0, maximumLifetime);
        if (!options.refreshTokenSeconds) {
            *errorMessage = invalidValueMessage(QStringLiteral("refresh-token-seconds"), parser.value(refreshOption),
                                                lifetimeRange);
            return std::nullopt;
        }
    }

    options.statePath = parser.value(stateOption);
    if (parser.isSet(stateOption) && options.statePath.isEmpty()) {
        *errorMessage =
            QStringLiteral("empty --state value: pass a file path, or leave --state out to keep tokens in memory.");
        return std::nullopt;
    }

    if (parser.isSet(delayOption)) {
        const auto delay = parseBoundedInteger(parser.value(delayOption), 0, std::numeric_limits<qint32>::max());
        if (!delay) {
            *errorMessage = invalidValueMessage(QStringLiteral("delay-ms"), parser.value(delayOption),
                                                QStringLiteral("a non-negative integer number of milliseconds"));
            return std::nullopt;
        }
        options.responseDelayMs = int(*delay);
    }

    return options;
}
