// denvr-fake-server: a test double of the DenvrCloud TokenAuth HTTP API for the
// automated tests and the demo. It listens on 127.0.0.1 only.

#include "ControlRoutes.h"
#include "FakeServerLog.h"
#include "FakeServerRoutes.h"
#include "Fault.h"
#include "HttpServer.h"
#include "RequestRouter.h"
#include "ServerOptions.h"
#include "StdoutLines.h"
#include "TlsConfiguration.h"
#include "TokenAuthService.h"
#include "TokenStore.h"
#include "UnixSignalWatcher.h"
#include "UserDirectory.h"

#include <QCoreApplication>
#include <QHostAddress>

#include <csignal>
#include <cstdio>

namespace {

// Exit code for every start-up failure: bad arguments, users, state, TLS files or port.
const int startupFailureExitCode = 2;

int failStartup(const QString& message)
{
    std::fprintf(stderr, "denvr-fake-server: %s\n", qUtf8Printable(message));
    return startupFailureExitCode;
}

QString listenFailure(const QString& option, quint16 port, const HttpServer& server)
{
    return QStringLiteral("cannot listen on 127.0.0.1:%1: %2. Pick another --%3, or pass --%3 0 for a free one.")
        .arg(port)
        .arg(server.errorString(), option);
}

// Command-line lifetimes win over the users file, which wins over the defaults.
TokenLifetimes resolveLifetimes(const ServerOptions& options, const UserDirectory& users)
{
    TokenLifetimes lifetimes;
    lifetimes.accessTokenSeconds = options.accessTokenSeconds.value_or(
        users.accessTokenSeconds().value_or(TokenLifetimes::defaultAccessTokenSeconds));
    lifetimes.refreshTokenSeconds = options.refreshTokenSeconds.value_or(
        users.refreshTokenSeconds().value_or(TokenLifetimes::defaultRefreshTokenSeconds));
    return lifetimes;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("denvr-fake-server"));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{category} %{type}: %{message}"));

    // A test that closes its end of the stdout pipe must not kill the server.
    std::signal(SIGPIPE, SIG_IGN);

    QString errorMessage;
    const auto options = parseServerOptions(QCoreApplication::arguments(), &errorMessage);
    if (!options)
        return failStartup(errorMessage);

    UserDirectory users;
    if (!users.load(options->usersPath, &errorMessage))
        return failStartup(errorMessage);
    const TokenLifetimes lifetimes = resolveLifetimes(*options, users);

    TokenStore tokens(options->statePath);
    if (!tokens.load(&errorMessage))
        return failStartup(errorMessage);

    // Declared before every server, so that it outlives their connections.
    FaultTable faults;
    for (const QString& fault : options->faults)
        faults.apply(fault, &errorMessage);

    TokenAuthService service(users, tokens, lifetimes);
    RequestRouter router;
    addFakeServerRoutes(router, service);

    HttpServer server([&router](const HttpRequest& request) { return router.route(request); },
                      options->responseDelayMs);
    if (options->usesTls()) {
        const auto tlsConfiguration =
            loadTlsConfiguration(options->tlsCertificatePath, options->tlsKeyPath, &errorMessage);
        if (!tlsConfiguration)
            return failStartup(errorMessage);
        server.enableTls(*tlsConfiguration);
    }

    if (!server.listen(QHostAddress::LocalHost, options->port))
        return failStartup(listenFailure(QStringLiteral("port"), options->port, server));

    // Fault injection: the table that the API listener consults, the other origin
    // that redirects point to, and the control listener that switches faults.
    HttpServer otherOrigin([&faults](const HttpRequest& request) { return recordOtherOriginRequest(faults, request); },
                           0);
    otherOrigin.setPrintsRequestLines(false);

    RequestRouter controlRouter;
    addControlRoutes(controlRouter, faults);
    HttpServer control([&controlRouter](const HttpRequest& request) { return controlRouter.route(request); }, 0);
    control.setPrintsRequestLines(false);

    if (options->usesFaults()) {
        server.setFaults(&faults);
        if (!otherOrigin.listen(QHostAddress::LocalHost, 0))
            return failStartup(QStringLiteral("cannot listen on a free port of 127.0.0.1 for the other origin: %1.")
                                   .arg(otherOrigin.errorString()));
        faults.setOtherOriginUrl(otherOrigin.baseUrl().toLatin1());
    }
    if (options->controlPort && !control.listen(QHostAddress::LocalHost, *options->controlPort))
        return failStartup(listenFailure(QStringLiteral("control-port"), *options->controlPort, control));

    UnixSignalWatcher signalWatcher;
    writeStdoutLine("listening on " + server.baseUrl().toLatin1());
    if (options->controlPort)
        writeStdoutLine("control on " + control.baseUrl().toLatin1());
    if (options->usesFaults()) {
        writeStdoutLine("other origin on " + otherOrigin.baseUrl().toLatin1());
        qCInfo(lcFakeServer).noquote() << "faults:"
                                       << (faults.describe().isEmpty() ? QByteArray("none")
                                                                       : faults.describe().trimmed().replace('\n', ", "));
    }
    qCInfo(lcFakeServer).noquote() << "started on" << server.baseUrl() << "with" << users.count() << "users,"
                                   << tokens.count() << "stored tokens, access tokens for"
                                   << lifetimes.accessTokenSeconds << "s, refresh tokens for"
                                   << lifetimes.refreshTokenSeconds << "s, response delay" << options->responseDelayMs
                                   << "ms";

    const int exitCode = QCoreApplication::exec();
    qCInfo(lcFakeServer) << "stopped";
    return exitCode;
}
