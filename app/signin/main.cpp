// denvr-signin: signs in to DenvrCloud and keeps the session in the tray.

#include "ApiClient.h"
#include "AppController.h"
#include "AppSettings.h"
#include "GuiResources.h"
#include "InstanceClient.h"
#include "InstanceLock.h"
#include "InstancePaths.h"
#include "InstanceServer.h"
#include "KeychainStore.h"
#include "LoggingCategories.h"
#include "NetworkMonitor.h"
#include "ResumeMonitor.h"
#include "ServerUrl.h"
#include "Session.h"
#include "SessionStatus.h"
#include "StatusCommand.h"
#include "Version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSystemTrayIcon>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>
#include <memory>

namespace {

struct Options
{
    QCommandLineOption server{
        QStringLiteral("server"),
        QCoreApplication::translate("main", "Signs in to the DenvrCloud API at <url> instead of the default server."),
        QCoreApplication::translate("main", "url")};
    QCommandLineOption status{
        QStringLiteral("status"),
        QCoreApplication::translate("main",
                                    "Prints the running instance's session as one JSON object and exits: 0 when signed "
                                    "in, 1 when not signed in, 2 when no instance runs, 3 when it did not answer.")};
    QCommandLineOption minimized{
        QStringLiteral("minimized"),
        QCoreApplication::translate("main",
                                    "Starts with only the tray icon and no window. Without a system tray the window "
                                    "opens minimized instead. The \"Start minimized\" setting does the same.")};
    QCommandLineOption caFile{
        QStringLiteral("ca-file"),
        QCoreApplication::translate("main",
                                    "Also trusts the CA certificates in the PEM file <file>, such as a company CA. "
                                    "The DENVR_CA_FILE environment variable does the same."),
        QCoreApplication::translate("main", "file")};
};

// --help, --version and --status need no window, so they must work without a display.
bool printsTextOnly(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "-?" || argument == "--help-all" ||
            argument == "--version" || argument == "-v" || argument == "--status")
            return true;
    }
    return false;
}

void setApplicationMetadata()
{
    QCoreApplication::setOrganizationName(QString::fromLatin1(AppSettings::OrganizationName));
    QCoreApplication::setApplicationName(QString::fromLatin1(AppSettings::ApplicationName));
    QCoreApplication::setApplicationVersion(QStringLiteral(DENVR_VERSION));
}

// Loads the catalog of the user's language from the resources that
// qt_add_translations embeds, and Qt's own for its standard buttons. Without
// a catalog for the language the English source strings stay.
void installTranslations(QCoreApplication* application)
{
    auto* appTranslator = new QTranslator(application);
    if (appTranslator->load(QLocale(), QStringLiteral("denvr-signin"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(appTranslator);
    else
        qCDebug(lcApp) << "no translation for" << QLocale().name() << "- using English";

    auto* qtTranslator = new QTranslator(application);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
}

void printError(const QString& message)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(message));
}

} // namespace

int main(int argc, char* argv[])
{
    const std::unique_ptr<QCoreApplication> application = printsTextOnly(argc, argv)
                                                              ? std::make_unique<QCoreApplication>(argc, argv)
                                                              : std::make_unique<QApplication>(argc, argv);
    setApplicationMetadata();
    installTranslations(application.get());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Signs in to DenvrCloud and keeps the session alive from the system tray."));
    parser.addHelpOption();
    parser.addVersionOption();
    const Options options;
    parser.addOption(options.server);
    parser.addOption(options.status);
    parser.addOption(options.minimized);
    parser.addOption(options.caFile);
    parser.process(*application);

    if (parser.isSet(options.status)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        return runStatusCommand(out, err);
    }

    QUrl server = AppSettings::defaultServer();
    if (parser.isSet(options.server)) {
        server = QUrl(parser.value(options.server).trimmed(), QUrl::StrictMode);
        const QString problem = ServerUrl::validate(server);
        if (!problem.isEmpty()) {
            printError(QCoreApplication::translate("main", "invalid --server value: %1").arg(problem));
            return 1;
        }
    }

    // One instance per user: a second start brings the first one forward and exits.
    QString runtimeError;
    const QString runtimeDirectory = InstancePaths::runtimeDirectory(&runtimeError);
    if (runtimeDirectory.isEmpty()) {
        printError(runtimeError);
        return 1;
    }

    InstanceLock instanceLock(runtimeDirectory);
    switch (instanceLock.acquire()) {
    case InstanceLock::Result::Primary:
        break;
    case InstanceLock::Result::Secondary: {
        qCInfo(lcApp) << "another instance runs; asking it to come forward";
        const InstanceClient::Result reply = InstanceClient::activate(InstancePaths::socketPath(runtimeDirectory));
        if (reply.kind == InstanceClient::Result::Kind::Reply)
            return 0;
        printError(QCoreApplication::translate("main", "Denvr Sign-In is already running but did not respond: %1").arg(reply.errorMessage));
        return 1;
    }
    case InstanceLock::Result::Failed:
        printError(instanceLock.errorString());
        return 1;
    }

    QGuiApplication::setApplicationDisplayName(QCoreApplication::translate("main", "Denvr Sign-In"));
    QGuiApplication::setDesktopFileName(QStringLiteral("denvr-signin"));
    QGuiApplication::setWindowIcon(GuiResources::appIcon());

    ApiClient client;
    const QString caFile = AppSettings::effectiveCaFile(parser.value(options.caFile));
    if (!caFile.isEmpty()) {
        QString error;
        if (!client.addCaCertificatesFromFile(caFile, &error)) {
            // The message names the file and what to do.
            printError(error);
            return 1;
        }
        qCInfo(lcApp) << "trusting the extra CA certificates in" << caFile;
    }

    KeychainStore keychain;
    Session session(&client, &keychain);
    session.setExpiryWarningLead(AppSettings::expiryWarningLeadSeconds());
    AppController controller(&session);
    controller.setProxyServices(&client, &keychain);
    QObject::connect(&controller, &AppController::quitRequested, application.get(), &QCoreApplication::quit);

    InstanceServer instanceServer;
    instanceServer.setStatusProvider([&session] { return sessionStatusJson(session); });
    if (!instanceServer.listen(instanceLock))
        qCWarning(lcApp) << "--status and a second start will not reach this instance:" << instanceServer.errorString();
    QObject::connect(&instanceServer, &InstanceServer::activationRequested, &controller, &AppController::activate);

    // The command line requests tokens from this instance, so that one process refreshes at a
    // time, and sends "reload" after it signed in or out.
    instanceServer.setTokenProvider([&session](InstanceServer::TokenReply reply) {
        session.requestAccessToken(&session, [&session, reply](const QString &token, const ApiError &error) {
            reply(token, session.accessTokenExpiresAt(), error);
        });
    });
    QObject::connect(&instanceServer, &InstanceServer::reloadRequested, &session, &Session::reloadStoredSession);

    // Deadlines are checked again after a suspend, a clock change and a network return.
    ResumeMonitor resumeMonitor;
    QObject::connect(&resumeMonitor, &ResumeMonitor::resumed, &session, &Session::handleResume);
    QObject::connect(&resumeMonitor, &ResumeMonitor::clockChanged, &session, &Session::checkDeadlines);
    NetworkMonitor networkMonitor;
    QObject::connect(&networkMonitor, &NetworkMonitor::networkReturned, &session, &Session::handleNetworkReturned);

    qCInfo(lcApp) << "Denvr Sign-In" << DENVR_VERSION << "starting";
    controller.start(server, parser.isSet(options.minimized) || AppSettings::startMinimized());

    // With a tray the app lives on when its last window closes. Without one
    // it quits, since nothing else would be left to reach it.
    // NOTE: The tray is looked for once, at start, so a tray host started later is not used.
    QApplication::setQuitOnLastWindowClosed(!controller.hasTray());

    const int exitCode = application->exec();
    qCInfo(lcApp) << "Denvr Sign-In stopping";
    return exitCode;
}
