// denvr-auth as scripts run it: a separate process against the real fake
// server and the real keychain. Each test gives the child its own
// XDG_CONFIG_HOME and XDG_RUNTIME_DIR, so settings and the instance socket
// stay private. Each fake server listens on a port of its own, so the
// keychain keys (server and user) differ from those of other tests.

#include "FakeServer.h"
#include "InstanceLock.h"
#include "InstanceServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>

namespace {

const QString AuthenticatePath = QStringLiteral("/api/TokenAuth/Authenticate");
const QString RefreshPath = QStringLiteral("/api/TokenAuth/RefreshToken");
const QString SendCodePath = QStringLiteral("/api/TokenAuth/SendTwoFactorAuthCode");
const QString LogOutPath = QStringLiteral("/api/TokenAuth/LogOut");
const QString MarkerPath = QStringLiteral("/cli-test-marker");

FakeServer::User plainUser()
{
    FakeServer::User user;
    user.userName = QStringLiteral("cli-grace");
    user.emailAddress = QStringLiteral("cli-grace@example.com");
    user.password = QStringLiteral("hopper-1906");
    return user;
}

FakeServer::User nonAsciiUser()
{
    FakeServer::User user;
    user.userName = QStringLiteral("cli-zoë");
    user.emailAddress = QStringLiteral("cli-zoe@example.com");
    user.password = QStringLiteral("pässwörd 密码 ✓");
    return user;
}

FakeServer::User twoFactorUser()
{
    FakeServer::User user;
    user.userName = QStringLiteral("cli-ada");
    user.emailAddress = QStringLiteral("cli-ada@example.com");
    user.password = QStringLiteral("analytical engine");
    user.twoFactorProviders = {QStringLiteral("Email"), QStringLiteral("GoogleAuthenticator")};
    user.twoFactorCode = QStringLiteral("246810");
    return user;
}

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class AuthCliTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void helpListsExitCodes();
    void passwordArgumentRejected();
    void missingValueNamesOption_data();
    void missingValueNamesOption();
    void loginWithPasswordOnStdin_data();
    void loginWithPasswordOnStdin();
    void loginWithTwoFactor();
    void loginWrongPassword();
    void loginResetRequired();
    void tokenFromKeychain();
    void tokenAfterExpiry();
    void statusJson();
    void logout();
    void loginReloadsRunningApp();
    void logoutReloadsRunningApp();
    void tokenFromRunningApp();
    void tokenErrorFromRunningApp();
    void exitCodes_data();
    void exitCodes();
    void runningAppSeesLogin();
    void runningAppSeesLogout();
    void runningAppRenewsToken();

private:
    QProcessEnvironment environment() const;
    Result run(const QStringList& arguments, const QByteArray& input = QByteArray(),
               const QProcessEnvironment& extra = QProcessEnvironment());
    Result runOnTerminal(const QStringList& dialog, const QStringList& arguments);
    bool startServer(int accessTokenSeconds = 0);
    Result login(const FakeServer::User& user);
    QStringList serverArguments() const;
    QStringList settledRequestLog();
    int countRequests(const QString& path);
    void verifyNoSecret(const QByteArray& text, const QStringList& secrets) const;
    bool startStandInApp(const QString& state);
    bool startApp(QProcess& app);
    QJsonObject appStatus() const;

    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<QTemporaryDir> m_runtime;
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<InstanceLock> m_appLock;
    std::unique_ptr<InstanceServer> m_app;
};

void AuthCliTest::init()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DENVR_AUTH"), "DENVR_AUTH is not set; run the tests through ctest");

    m_config = std::make_unique<QTemporaryDir>();
    m_runtime = std::make_unique<QTemporaryDir>();
    QVERIFY(m_config->isValid());
    QVERIFY(m_runtime->isValid());
    m_server = std::make_unique<FakeServer>();
}

void AuthCliTest::cleanup()
{
    m_app.reset();
    m_appLock.reset();
    m_server.reset();
    m_runtime.reset();
    m_config.reset();
}

QProcessEnvironment AuthCliTest::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config->path());
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime->path());
    environment.remove(QStringLiteral("DENVR_CA_FILE"));
    environment.remove(QStringLiteral("QT_LOGGING_RULES"));
    return environment;
}

Result AuthCliTest::run(const QStringList& arguments, const QByteArray& input, const QProcessEnvironment& extra)
{
    QProcessEnvironment childEnvironment = environment();
    childEnvironment.insert(extra);

    QProcess process;
    process.setProcessEnvironment(childEnvironment);

    // A new session has no controlling terminal, so nothing can be asked on one.
    process.setChildProcessModifier([] { ::setsid(); });
    process.start(qEnvironmentVariable("DENVR_AUTH"), arguments);
    process.write(input);
    process.closeWriteChannel();

    // The event loop keeps running, so that an InstanceServer in this process can reply to the child.
    Result result;
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }

    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// Runs denvr-auth on a pseudo-terminal through terminal_driver.py, which
// answers each prompt of dialog (prompt, answer, prompt, answer...). The
// transcript of the terminal is in out.
Result AuthCliTest::runOnTerminal(const QStringList& dialog, const QStringList& arguments)
{
    const QString driver = qEnvironmentVariable("DENVR_SOURCE_DIR") + QStringLiteral("/tests/cli/terminal_driver.py");

    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(qEnvironmentVariable("DENVR_PYTHON3"),
                  QStringList{driver} + dialog + QStringList{QStringLiteral("--"), qEnvironmentVariable("DENVR_AUTH")} +
                      arguments);
    process.closeWriteChannel();

    Result result;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }

    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

bool AuthCliTest::startServer(int accessTokenSeconds)
{
    FakeServer::Options options;
    options.users = {plainUser(), nonAsciiUser(), twoFactorUser()};
    options.accessTokenSeconds = accessTokenSeconds;
    return m_server->start(options);
}

QStringList AuthCliTest::serverArguments() const
{
    return {QStringLiteral("--server"), m_server->url().toString()};
}

Result AuthCliTest::login(const FakeServer::User& user)
{
    return run(QStringList{QStringLiteral("login"), QStringLiteral("--username"), user.userName,
                           QStringLiteral("--password-stdin")} +
                   serverArguments(),
               user.password.toUtf8() + '\n');
}

// Returns the request log up to now, without the marker requests it sends:
// the server logs requests in the order they arrive, so once a marker sent
// now appears in the log, every earlier request is there too.
QStringList AuthCliTest::settledRequestLog()
{
    const int markers = m_server->countRequests(QStringLiteral("GET"), MarkerPath);

    QNetworkAccessManager network;
    QUrl markerUrl = m_server->url();
    markerUrl.setPath(MarkerPath);
    QNetworkReply* reply = network.get(QNetworkRequest(markerUrl));
    const bool finished = QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000);
    reply->deleteLater();
    if (!finished)
        return {QStringLiteral("(the marker request got no reply)")};

    if (!m_server->waitForRequests(QStringLiteral("GET"), MarkerPath, markers + 1, 5000))
        return {QStringLiteral("(the marker request was not logged)")};

    QStringList log;
    for (const QString& line : m_server->requestLog()) {
        if (line.section(QLatin1Char(' '), 1, 1) != MarkerPath)
            log.append(line);
    }
    return log;
}

// Counts the requests of any method on path that reached the server before now.
int AuthCliTest::countRequests(const QString& path)
{
    int count = 0;
    for (const QString& line : settledRequestLog()) {
        if (line.section(QLatin1Char(' '), 1, 1) == path)
            ++count;
    }
    return count;
}

void AuthCliTest::verifyNoSecret(const QByteArray& text, const QStringList& secrets) const
{
    for (const QString& secret : secrets) {
        QVERIFY2(!secret.isEmpty(), "empty secret in the list");
        QVERIFY2(!text.contains(secret.toUtf8()),
                 qPrintable(QStringLiteral("output contains a secret: %1").arg(QString::fromUtf8(text))));
    }
}

// Listens on the child's instance socket in place of denvr-signin, reporting
// state for the plain user on the fake server. Tests set a token provider.
bool AuthCliTest::startStandInApp(const QString& state)
{
    m_appLock = std::make_unique<InstanceLock>(m_runtime->path());
    if (m_appLock->acquire() != InstanceLock::Result::Primary)
        return false;

    m_app = std::make_unique<InstanceServer>();
    const QJsonObject status{
        {QStringLiteral("state"), state},
        {QStringLiteral("user"), plainUser().userName},
        {QStringLiteral("server"), m_server->url().toString()},
        {QStringLiteral("accessTokenExpiresAt"), QJsonValue::Null},
        {QStringLiteral("refreshTokenExpiresAt"), QJsonValue::Null},
    };
    m_app->setStatusProvider([status] { return status; });
    return m_app->listen(*m_appLock);
}

void AuthCliTest::helpListsExitCodes()
{
    const Result result = run({QStringLiteral("--help")});

    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("Exit codes:"));
    QVERIFY(result.out.contains("5  keychain unavailable"));
}

void AuthCliTest::passwordArgumentRejected()
{
    const Result result = run({QStringLiteral("login"), QStringLiteral("--password"), QStringLiteral("hunter2")});

    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains("--password-stdin"));
    QVERIFY(result.out.isEmpty());
}

void AuthCliTest::missingValueNamesOption_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("namedOption");

    QTest::newRow("user name") << QStringList{QStringLiteral("login")} << QByteArrayLiteral("--username");
    QTest::newRow("password") << QStringList{QStringLiteral("login"), QStringLiteral("--username"),
                                             QStringLiteral("cli-grace")}
                              << QByteArrayLiteral("--password-stdin");
}

void AuthCliTest::missingValueNamesOption()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, namedOption);
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));

    const Result result = run(arguments + serverArguments());

    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY2(result.err.contains(namedOption), result.err.constData());
    QCOMPARE(countRequests(AuthenticatePath), 0);
}

void AuthCliTest::loginWithPasswordOnStdin_data()
{
    QTest::addColumn<QString>("userName");
    QTest::addColumn<QByteArray>("input");

    const QByteArray plain = plainUser().password.toUtf8();
    const QByteArray nonAscii = nonAsciiUser().password.toUtf8();
    QTest::newRow("trailing newline") << plainUser().userName << plain + "\n";
    QTest::newRow("trailing CRLF") << plainUser().userName << plain + "\r\n";
    QTest::newRow("no newline") << plainUser().userName << plain;
    QTest::newRow("second line ignored") << plainUser().userName << plain + "\nnot the password\n";
    QTest::newRow("non-ASCII") << nonAsciiUser().userName << nonAscii + "\n";
}

void AuthCliTest::loginWithPasswordOnStdin()
{
    QFETCH(QString, userName);
    QFETCH(QByteArray, input);
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));

    const Result result = run(QStringList{QStringLiteral("login"), QStringLiteral("--username"), userName,
                                          QStringLiteral("--password-stdin")} +
                                  serverArguments(),
                              input);

    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.err.isEmpty());
    QVERIFY(result.out.contains(userName.toUtf8()));
    verifyNoSecret(result.out, {plainUser().password, nonAsciiUser().password});

    const Result status = run(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + serverArguments());
    QCOMPARE(status.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QStringLiteral("user")).toString(), userName);
}

void AuthCliTest::loginWithTwoFactor()
{
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    const FakeServer::User user = twoFactorUser();

    const Result result = runOnTerminal(
        {QStringLiteral("Password: "), user.password, QStringLiteral("Provider [1-2]: "), QStringLiteral("1"),
         QStringLiteral("Two-factor code: "), user.twoFactorCode},
        QStringList{QStringLiteral("login"), QStringLiteral("--username"), user.userName} + serverArguments());

    QVERIFY2(result.exitCode == 0, result.out.constData());
    QVERIFY(result.out.contains("Signed in to"));
    QCOMPARE(countRequests(SendCodePath), 1);
    QCOMPARE(countRequests(AuthenticatePath), 2);

    // Echo is off for the password and the code, so the terminal never shows them.
    verifyNoSecret(result.out, {user.password, user.twoFactorCode});

    const Result token = run(QStringList{QStringLiteral("token")} + serverArguments());
    QCOMPARE(token.exitCode, 0);
}

void AuthCliTest::loginWrongPassword()
{
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    FakeServer::User user = plainUser();
    user.password = QStringLiteral("not-hopper-1906");

    const Result result = login(user);

    QCOMPARE(result.exitCode, 4);
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(result.out.isEmpty());
    verifyNoSecret(result.err, {user.password});
}

void AuthCliTest::loginResetRequired()
{
    FakeServer::User user = plainUser();
    user.userName = QStringLiteral("cli-reset");
    user.shouldResetPassword = true;
    FakeServer::Options options;
    options.users = {user};
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));

    const Result result = login(user);

    QCOMPARE(result.exitCode, 4);
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY2(result.err.contains("http"), result.err.constData());
    verifyNoSecret(result.err, {user.password});
}

void AuthCliTest::tokenFromKeychain()
{
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    QCOMPARE(login(plainUser()).exitCode, 0);
    const QStringList requestsBefore = settledRequestLog();

    const Result result = run(QStringList{QStringLiteral("token")} + serverArguments());

    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.err.isEmpty());
    QVERIFY(result.out.endsWith('\n'));
    QCOMPARE(result.out.count('\n'), 1);
    QVERIFY(result.out.size() > 20);
    QCOMPARE(settledRequestLog(), requestsBefore);
}

void AuthCliTest::tokenAfterExpiry()
{
    // Tokens of 30 s are inside the 60 s margin, so the stored one is renewed.
    QVERIFY2(startServer(30), qPrintable(m_server->errorMessage()));
    QCOMPARE(login(plainUser()).exitCode, 0);

    const Result result = run(QStringList{QStringLiteral("token")} + serverArguments());

    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.err.isEmpty());
    QCOMPARE(result.out.count('\n'), 1);
    QCOMPARE(countRequests(RefreshPath), 1);
    verifyNoSecret(result.err, {QString::fromUtf8(result.out.trimmed())});
}

void AuthCliTest::statusJson()
{
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    QCOMPARE(login(plainUser()).exitCode, 0);

    const Result result = run(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + serverArguments());

    QCOMPARE(result.exitCode, 0);
    const QJsonObject status = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(status.value(QStringLiteral("server")).toString(), m_server->url().toString());
    QCOMPARE(status.value(QStringLiteral("user")).toString(), plainUser().userName);
    QCOMPARE(status.value(QStringLiteral("signedIn")).toBool(), true);
    QCOMPARE(status.value(QStringLiteral("stored")).toBool(), true);
    QVERIFY(
        QDateTime::fromString(status.value(QStringLiteral("accessTokenExpiresAt")).toString(), Qt::ISODate).isValid());
    QVERIFY(
        QDateTime::fromString(status.value(QStringLiteral("refreshTokenExpiresAt")).toString(), Qt::ISODate).isValid());
    QVERIFY(status.value(QStringLiteral("app")).isNull());
    QVERIFY(!result.out.contains("Token\":"));
}

void AuthCliTest::logout()
{
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    QCOMPARE(login(plainUser()).exitCode, 0);

    const Result result =
        run(QStringList{QStringLiteral("logout"), QStringLiteral("--forget-device")} + serverArguments());

    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(countRequests(LogOutPath), 1);
    QCOMPARE(run(QStringList{QStringLiteral("status")} + serverArguments()).exitCode, 2);
    QCOMPARE(run(QStringList{QStringLiteral("token")} + serverArguments()).exitCode, 2);
}

void AuthCliTest::loginReloadsRunningApp()
{
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    QVERIFY(startStandInApp(QStringLiteral("signed-out")));
    QSignalSpy reloads(m_app.get(), &InstanceServer::reloadRequested);

    QCOMPARE(login(plainUser()).exitCode, 0);

    QTRY_COMPARE(reloads.count(), 1);
}

void AuthCliTest::logoutReloadsRunningApp()
{
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    QCOMPARE(login(plainUser()).exitCode, 0);
    QVERIFY(startStandInApp(QStringLiteral("signed-in")));
    QSignalSpy reloads(m_app.get(), &InstanceServer::reloadRequested);

    QCOMPARE(run(QStringList{QStringLiteral("logout")} + serverArguments()).exitCode, 0);

    QTRY_COMPARE(reloads.count(), 1);
}

void AuthCliTest::tokenFromRunningApp()
{
    // The stored token of 30 s needs renewing, and the app does that rather than this process.
    QVERIFY2(startServer(30), qPrintable(m_server->errorMessage()));
    QCOMPARE(login(plainUser()).exitCode, 0);
    QVERIFY(startStandInApp(QStringLiteral("signed-in")));
    int tokenRequests = 0;
    m_app->setTokenProvider([&tokenRequests](const InstanceServer::TokenReply& reply) {
        ++tokenRequests;
        reply(QStringLiteral("token-from-the-app"), QDateTime::currentDateTimeUtc().addSecs(3600), ApiError{});
    });

    const Result result = run(QStringList{QStringLiteral("token")} + serverArguments());

    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.out, QByteArrayLiteral("token-from-the-app\n"));
    QCOMPARE(tokenRequests, 1);
    QCOMPARE(countRequests(RefreshPath), 0);
}

void AuthCliTest::tokenErrorFromRunningApp()
{
    QVERIFY2(startServer(30), qPrintable(m_server->errorMessage()));
    QCOMPARE(login(plainUser()).exitCode, 0);
    QVERIFY(startStandInApp(QStringLiteral("offline")));
    m_app->setTokenProvider([](const InstanceServer::TokenReply& reply) {
        ApiError error;
        error.kind = ApiError::Kind::ConnectionRefused;
        error.message = QStringLiteral("Could not connect to the server.");
        reply(QString(), QDateTime(), error);
    });
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^replying to a token request with the error")));

    const Result result = run(QStringList{QStringLiteral("token")} + serverArguments());

    QCOMPARE(result.exitCode, 3);
    QCOMPARE(result.err, QByteArrayLiteral("denvr-auth: Could not connect to the server.\n"));
    QVERIFY(result.out.isEmpty());
}

void AuthCliTest::exitCodes_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("usage") << QStringLiteral("usage") << 1;
    QTest::newRow("not signed in") << QStringLiteral("not signed in") << 2;
    QTest::newRow("server unreachable") << QStringLiteral("server unreachable") << 3;
    QTest::newRow("rejected") << QStringLiteral("rejected") << 4;
    QTest::newRow("keychain unavailable") << QStringLiteral("keychain unavailable") << 5;
}

void AuthCliTest::exitCodes()
{
    QFETCH(QString, situation);
    QFETCH(int, exitCode);
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    FakeServer::User user = plainUser();
    QStringList arguments = QStringList{QStringLiteral("login"), QStringLiteral("--username"), user.userName,
                                        QStringLiteral("--password-stdin")} +
                            serverArguments();
    QProcessEnvironment extra;

    if (situation == QLatin1String("usage")) {
        arguments = QStringList{QStringLiteral("refresh")} + serverArguments();
    } else if (situation == QLatin1String("not signed in")) {
        arguments = QStringList{QStringLiteral("token")} + serverArguments();
    } else if (situation == QLatin1String("server unreachable")) {
        m_server->stop();
    } else if (situation == QLatin1String("rejected")) {
        user.password = QStringLiteral("wrong password");
    } else if (situation == QLatin1String("keychain unavailable")) {
        extra.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
    }

    const Result result = run(arguments, user.password.toUtf8() + '\n', extra);

    QCOMPARE(result.exitCode, exitCode);
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(result.out.isEmpty());
    verifyNoSecret(result.err, {user.password});
}

// Starts denvr-signin on the fake server with the child's environment.
bool AuthCliTest::startApp(QProcess& app)
{
    if (qEnvironmentVariableIsEmpty("DENVR_SIGNIN"))
        return false;

    QProcessEnvironment appEnvironment = environment();
    appEnvironment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(appEnvironment);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(qEnvironmentVariable("DENVR_SIGNIN"), serverArguments());
    if (!app.waitForStarted(5000))
        return false;

    return QTest::qWaitFor([this] { return !appStatus().isEmpty(); }, 10000);
}

// The output of "denvr-signin --status", or an empty object when no app replied.
QJsonObject AuthCliTest::appStatus() const
{
    QProcess status;
    status.setProcessEnvironment(environment());
    status.start(qEnvironmentVariable("DENVR_SIGNIN"), {QStringLiteral("--status")});
    status.waitForFinished(5000);
    return QJsonDocument::fromJson(status.readAllStandardOutput()).object();
}

// The last two tests need denvr-signin to connect InstanceServer::reloadRequested
// to a reading of the stored session.
void AuthCliTest::runningAppSeesLogin()
{
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    QProcess app;
    const auto stopApp = qScopeGuard([&app] {
        app.terminate();
        if (!app.waitForFinished(5000))
            app.kill();
    });
    QVERIFY(startApp(app));

    QCOMPARE(login(plainUser()).exitCode, 0);

    QTRY_COMPARE_WITH_TIMEOUT(appStatus().value(QStringLiteral("state")).toString(), QStringLiteral("signed-in"), 2000);
    QCOMPARE(appStatus().value(QStringLiteral("user")).toString(), plainUser().userName);
}

void AuthCliTest::runningAppSeesLogout()
{
    QVERIFY2(startServer(), qPrintable(m_server->errorMessage()));
    QCOMPARE(login(plainUser()).exitCode, 0);
    QProcess app;
    const auto stopApp = qScopeGuard([&app] {
        app.terminate();
        if (!app.waitForFinished(5000))
            app.kill();
    });
    QVERIFY(startApp(app));
    QTRY_COMPARE_WITH_TIMEOUT(appStatus().value(QStringLiteral("state")).toString(), QStringLiteral("signed-in"), 5000);

    QCOMPARE(run(QStringList{QStringLiteral("logout")} + serverArguments()).exitCode, 0);

    QTRY_COMPARE_WITH_TIMEOUT(appStatus().value(QStringLiteral("state")).toString(), QStringLiteral("signed-out"),
                              2000);
}

void AuthCliTest::runningAppRenewsToken()
{
    // Tokens of 30 s are always inside the 60 s margin, so every token request renews.
    QVERIFY2(startServer(30), qPrintable(m_server->errorMessage()));
    QCOMPARE(login(plainUser()).exitCode, 0);
    QProcess app;
    const auto stopApp = qScopeGuard([&app] {
        app.terminate();
        if (!app.waitForFinished(5000))
            app.kill();
    });
    QVERIFY(startApp(app));
    QTRY_COMPARE_WITH_TIMEOUT(appStatus().value(QStringLiteral("state")).toString(), QStringLiteral("signed-in"), 5000);
    const int refreshesBefore = countRequests(RefreshPath);

    const Result result = run(QStringList{QStringLiteral("token")} + serverArguments());

    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.out.count('\n'), 1);
    QCOMPARE(countRequests(RefreshPath), refreshesBefore + 1);
}

QTEST_GUILESS_MAIN(AuthCliTest)
#include "tst_authcli.moc"
