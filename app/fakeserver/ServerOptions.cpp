#include "ServerOptions.h"

#include "Fault.h"

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
    const QCommandLineOption faultOption(
        QStringLiteral("fault"),
        QStringLiteral("Replaces the responses of ENDPOINT (Authenticate, SendTwoFactorAuthCode, RefreshToken, LogOut "
                       "or all) with the fault KIND. Repeatable. The kinds:\n"
                       "  no-response: reads the request and never responds\n"
                       "  stall-after-headers: sends the status line and headers, then nothing\n"
                       "  reset-mid-body: sends half the body, then resets the connection (TCP RST)\n"
                       "  short-body: sends half the body, then closes, short of Content-Length\n"
                       "  drip: sends the headers, then the body at one byte per second\n"
                       "  html-200: 200 with an HTML page, as from a captive portal\n"
                       "  html-502: 502 with an HTML page, as from a reverse proxy\n"
                       "  empty-200: 200 with an empty body\n"
                       "  huge-body: 200 with a 10 MiB JSON body and its Content-Length, at about 6.5 MB/s\n"
                       "  huge-body-unsized: the same without Content-Length, ended by closing\n"
                       "  wrong-content-type: the normal response as application/octet-stream\n"
                       "  redirect-other-origin: 307 to the same path and query on the other-origin listener\n"
                       "  none: no fault\n"
                       "With a fault or --control-port, a second plain HTTP listener on a free port is the "
                       "other origin: it records every request and responds 404. Its URL follows the first "
                       "line as 'other origin on URL'."),
        QStringLiteral("ENDPOINT=KIND"));
    const QCommandLineOption controlOption(
        QStringLiteral("control-port"),
        QStringLiteral("Also listens on this port at 127.0.0.1 (0 for a free one) for plain HTTP control requests, "
                       "announced as 'control on URL': GET or PUT /faults (a body of ENDPOINT=KIND lines replaces "
                       "the faults, an empty one clears them), GET /fault-responses (JSON: bytes each transport "
                       "fault planned and sent) and GET /other-origin-requests (JSON: method, target and headers "
                       "of each request to the other origin)."),
        QStringLiteral("N"));
    parser.addOptions({portOption, usersOption, certificateOption, keyOption, accessOption, refreshOption, stateOption,
                       delayOption, faultOption, controlOption});

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

    options.faults = parser.values(faultOption);
    FaultTable faultCheck;
    for (const QString& fault : std::as_const(options.faults)) {
        if (!faultCheck.apply(fault, errorMessage))
            return std::nullopt;
    }

    if (parser.isSet(controlOption)) {
        const auto controlPort = parseBoundedInteger(parser.value(controlOption), 0, 65535);
        if (!controlPort) {
            *errorMessage = invalidValueMessage(QStringLiteral("control-port"), parser.value(controlOption),
                                                QStringLiteral("an integer from 0 to 65535"));
            return std::nullopt;
        }
        options.controlPort = quint16(*controlPort);
    }

    return options;
}
