#include "AuthCommandLine.h"

#include "AppSettings.h"
#include "ServerUrl.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {

QString translate(const char* text)
{
    return QCoreApplication::translate("AuthCommandLine", text);
}

QString description()
{
    return translate("Signs in to DenvrCloud and prints access tokens for scripts, sharing the sessions of "
                     "Denvr Sign-In.\n"
                     "\n"
                     "Commands:\n"
                     "  login    Signs in and stores the session in the keychain.\n"
                     "  status   Shows the stored session and the running app's state.\n"
                     "  token    Prints a valid access token and a newline on standard output.\n"
                     "  logout   Signs out and deletes the stored session.\n"
                     "\n"
                     "Exit codes:\n"
                     "  0  success (status: signed in)\n"
                     "  1  usage error\n"
                     "  2  not signed in\n"
                     "  3  network failure or server unreachable\n"
                     "  4  rejected by the server\n"
                     "  5  keychain unavailable");
}

struct Options
{
    QCommandLineOption server{QStringLiteral("server"),
                              translate("Uses the DenvrCloud API at <url> instead of the default server."),
                              translate("url")};
    QCommandLineOption userName{QStringLiteral("username"),
                                translate("login: signs in as <name> instead of asking on the terminal."),
                                translate("name")};
    QCommandLineOption passwordStdin{QStringLiteral("password-stdin"),
                                     translate("login: reads the password from the first line of standard input.")};
    QCommandLineOption rememberDevice{
        QStringLiteral("remember-device"),
        translate("login: asks the server to skip the two-factor code on this device next time.")};
    QCommandLineOption forgetDevice{QStringLiteral("forget-device"),
                                    translate("logout: also deletes the remembered-device entry.")};
    QCommandLineOption json{QStringLiteral("json"), translate("status: prints one JSON object.")};
    QCommandLineOption caFile{QStringLiteral("ca-file"),
                              translate("Also trusts the CA certificates in the PEM file <file>. The DENVR_CA_FILE "
                                        "environment variable does the same."),
                              translate("file")};
};

bool parseCommand(const QString& name, AuthOptions::Command* command)
{
    if (name == QLatin1String("login"))
        *command = AuthOptions::Command::Login;
    else if (name == QLatin1String("status"))
        *command = AuthOptions::Command::Status;
    else if (name == QLatin1String("token"))
        *command = AuthOptions::Command::Token;
    else if (name == QLatin1String("logout"))
        *command = AuthOptions::Command::Logout;
    else
        return false;
    return true;
}

// Names the first option given that the command does not take, or returns an empty string.
QString misplacedOption(const QCommandLineParser& parser, const Options& options, AuthOptions::Command command)
{
    const bool login = command == AuthOptions::Command::Login;
    const std::pair<const QCommandLineOption*, bool> rules[] = {
        {&options.userName, login},
        {&options.passwordStdin, login},
        {&options.rememberDevice, login},
        {&options.forgetDevice, command == AuthOptions::Command::Logout},
        {&options.json, command == AuthOptions::Command::Status},
    };

    for (const auto& [option, allowed] : rules) {
        if (!allowed && parser.isSet(*option))
            return option->names().constFirst();
    }
    return QString();
}

} // namespace

bool parseAuthCommandLine(const QCoreApplication& application, AuthOptions* result, QString* errorMessage)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.addHelpOption();
    parser.addVersionOption();
    const Options options;
    parser.addOptions({options.server, options.userName, options.passwordStdin, options.rememberDevice,
                       options.forgetDevice, options.json, options.caFile});
    parser.addPositionalArgument(QStringLiteral("command"), translate("login, status, token or logout."));

    if (!parser.parse(application.arguments())) {
        *errorMessage = parser.errorText();
        if (parser.unknownOptionNames().contains(QStringLiteral("password")))
            *errorMessage += QLatin1Char(' ') + translate("A password is never accepted as an argument: use "
                                                          "--password-stdin or type it when asked.");
        return false;
    }

    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        *errorMessage = translate("Expected one command: login, status, token or logout. See --help.");
        return false;
    }

    if (!parseCommand(positional.constFirst(), &result->command)) {
        *errorMessage =
            translate("Unknown command \"%1\". Use login, status, token or logout.").arg(positional.constFirst());
        return false;
    }

    const QString misplaced = misplacedOption(parser, options, result->command);
    if (!misplaced.isEmpty()) {
        *errorMessage =
            translate("The option --%1 does not apply to \"%2\". See --help.").arg(misplaced, positional.constFirst());
        return false;
    }

    result->serverGiven = parser.isSet(options.server);
    result->server = result->serverGiven ? QUrl(parser.value(options.server).trimmed(), QUrl::StrictMode)
                                         : AppSettings::defaultServer();
    const QString serverProblem = ServerUrl::validate(result->server);
    if (!serverProblem.isEmpty()) {
        *errorMessage = translate("Invalid server %1: %2").arg(result->server.toString(), serverProblem);
        return false;
    }

    result->userName = parser.value(options.userName).trimmed();
    if (parser.isSet(options.userName) && result->userName.isEmpty()) {
        *errorMessage = translate("The --username value is empty.");
        return false;
    }

    result->passwordFromStdin = parser.isSet(options.passwordStdin);
    result->rememberDevice = parser.isSet(options.rememberDevice);
    result->forgetDevice = parser.isSet(options.forgetDevice);
    result->json = parser.isSet(options.json);
    result->caFile = AppSettings::effectiveCaFile(parser.value(options.caFile));
    return true;
}
