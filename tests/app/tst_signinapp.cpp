// The real denvr-signin process on the Xvfb display that scripts/test starts,
// against the real denvr-fake-server and the real Secret Service: restoring
// at start, --status, a second instance, and a session the server forgot.

#include "ApiClient.h"
#include "AppSettings.h"
#include "FakeServer.h"
#include "KeychainStore.h"
#include "Session.h"
#include "StoredSession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct CommandResult
{
    int exitCode = -1;
    QByteArray output;
};

CommandResult runCommand(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(program, arguments);

    CommandResult result;
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }

    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = process.readAllStandardOutput();
    return result;
}

} // namespace

class SignInAppTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void restartRestoresWithoutDialog();
    void secondInstanceExits();
    void forgottenSessionShowsDialog();

private:
    // Signs in from this process as the command line would, so the app finds a stored session.
    void storeSession();
    void startApp();
    void stopApp();
    QJsonObject status(int *exitCode);
    bool signInWindowShown();
    bool keychainEntryExists();

    QTemporaryDir m_home;
    QProcessEnvironment m_environment;
    FakeServer m_server;
    FakeServer::Options m_serverOptions;
    QProcess m_app;
};

void SignInAppTest::initTestCase()
{
    QVERIFY2(!qEnvironmentVariable("DISPLAY").isEmpty(), "DISPLAY is not set; run the tests through scripts/test, which starts Xvfb");
    QVERIFY2(!qEnvironmentVariable("DENVR_SIGNIN").isEmpty(), "DENVR_SIGNIN is not set; run the tests through ctest");
}

void SignInAppTest::init()
{
    // The app and this process share settings and the runtime folder, not the user's.
    QVERIFY(m_home.isValid());
    const QString config = m_home.filePath(QStringLiteral("config"));
    const QString runtime = m_home.filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkpath(config));
    QVERIFY(QDir().mkpath(runtime));
    QVERIFY(QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    qputenv("XDG_CONFIG_HOME", config.toUtf8());
    qputenv("XDG_RUNTIME_DIR", runtime.toUtf8());

    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("denvr.*.debug=true"));

    m_serverOptions = FakeServer::Options{{FakeServer::plainUser()}};
    m_serverOptions.stateFile = m_home.filePath(QStringLiteral("server-state.json"));
    m_serverOptions.accessTokenSeconds = 8;
    QVERIFY2(m_server.start(m_serverOptions), qPrintable(m_server.errorMessage()));
    m_serverOptions.port = m_server.port();
}

void SignInAppTest::cleanup()
{
    stopApp();
    m_server.stop();

    KeychainStore keychain;
    bool removed = false;
    keychain.remove(StoredSession::sessionKey(m_server.url(), FakeServer::plainUser().userName), this,
                    [&](const KeychainStore::Outcome &) { removed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 15000);
}

void SignInAppTest::storeSession()
{
    ApiClient client;
    client.setServerUrl(m_server.url());
    KeychainStore keychain;
    Session session(&client, &keychain);

    session.signIn(FakeServer::plainUser().userName, FakeServer::plainUser().password, true);

    QTRY_VERIFY_WITH_TIMEOUT(session.isStored(), 15000);
    QCOMPARE(AppSettings::lastUserName(m_server.url()), FakeServer::plainUser().userName);
}

void SignInAppTest::startApp()
{
    m_app.setProcessEnvironment(m_environment);
    m_app.setProcessChannelMode(QProcess::ForwardedChannels);
    m_app.start(qEnvironmentVariable("DENVR_SIGNIN"), {QStringLiteral("--server"), m_server.url().toString()});
    QVERIFY(m_app.waitForStarted(5000));
}

void SignInAppTest::stopApp()
{
    if (m_app.state() == QProcess::NotRunning)
        return;

    m_app.terminate();
    if (!m_app.waitForFinished(5000))
        m_app.kill();
    m_app.waitForFinished(5000);
}

QJsonObject SignInAppTest::status(int *exitCode)
{
    const CommandResult result = runCommand(qEnvironmentVariable("DENVR_SIGNIN"), {QStringLiteral("--status")}, m_environment);
    *exitCode = result.exitCode;
    return QJsonDocument::fromJson(result.output).object();
}

bool SignInAppTest::signInWindowShown()
{
    const CommandResult result = runCommand(QStringLiteral("xdotool"),
                                            {QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--name"),
                                             QStringLiteral("Sign in to DenvrCloud")},
                                            m_environment);
    return result.exitCode == 0 && !result.output.trimmed().isEmpty();
}

bool SignInAppTest::keychainEntryExists()
{
    const QString key = StoredSession::sessionKey(m_server.url(), FakeServer::plainUser().userName);
    const CommandResult result = runCommand(QStringLiteral("secret-tool"),
                                            {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("denvr-signin"),
                                             QStringLiteral("user"), key},
                                            m_environment);
    return result.exitCode == 0 && result.output.contains("refreshToken");
}

void SignInAppTest::restartRestoresWithoutDialog()
{
    storeSession();

    for (int start = 1; start <= 2; ++start) {
        startApp();

        int exitCode = -1;
        QJsonObject reported;
        QTRY_VERIFY_WITH_TIMEOUT((reported = status(&exitCode)).value(QStringLiteral("state")) == QStringLiteral("signed-in"), 15000);
        QCOMPARE(exitCode, 0);
        QCOMPARE(reported.value(QStringLiteral("user")).toString(), FakeServer::plainUser().userName);
        QCOMPARE(reported.value(QStringLiteral("server")).toString(), m_server.url().toString());
        QVERIFY(QDateTime::fromString(reported.value(QStringLiteral("accessTokenExpiresAt")).toString(), Qt::ISODate).isValid());
        QVERIFY(QDateTime::fromString(reported.value(QStringLiteral("refreshTokenExpiresAt")).toString(), Qt::ISODate).isValid());
        QVERIFY(!signInWindowShown());

        stopApp();
    }

    QCOMPARE(m_server.countRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/Authenticate")), 1);
    int exitCode = -1;
    status(&exitCode);
    QCOMPARE(exitCode, 2);
}

void SignInAppTest::secondInstanceExits()
{
    storeSession();
    startApp();
    int exitCode = -1;
    QTRY_VERIFY_WITH_TIMEOUT(status(&exitCode).value(QStringLiteral("state")) == QStringLiteral("signed-in"), 15000);

    const CommandResult second = runCommand(qEnvironmentVariable("DENVR_SIGNIN"), {}, m_environment);

    QCOMPARE(second.exitCode, 0);
    QCOMPARE(m_app.state(), QProcess::Running);
}

void SignInAppTest::forgottenSessionShowsDialog()
{
    storeSession();
    startApp();
    int exitCode = -1;
    QTRY_VERIFY_WITH_TIMEOUT(status(&exitCode).value(QStringLiteral("state")) == QStringLiteral("signed-in"), 15000);

    // The 8 s token renews about every 6 s; a server restarted without its
    // state file rejects the next renewal, which ends the session.
    m_server.stop();
    FakeServer::Options forgetful = m_serverOptions;
    forgetful.stateFile.clear();
    QVERIFY2(m_server.start(forgetful), qPrintable(m_server.errorMessage()));

    QTRY_VERIFY_WITH_TIMEOUT(status(&exitCode).value(QStringLiteral("state")) == QStringLiteral("session-ended"), 20000);
    QCOMPARE(exitCode, 1);
    QTRY_VERIFY_WITH_TIMEOUT(signInWindowShown(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!keychainEntryExists(), 5000);
}

QTEST_GUILESS_MAIN(SignInAppTest)
#include "tst_signinapp.moc"
