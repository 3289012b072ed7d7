// "denvr-signin --status": runStatusCommand() against an InstanceServer in this
// process, and sessionStatusJson() of a real Session. The signed-in case uses
// the real denvr-fake-server and the keyring that scripts/test provides.

#include "ApiClient.h"
#include "FakeServer.h"
#include "InstanceLock.h"
#include "InstanceServer.h"
#include "KeychainStore.h"
#include "ServerUrl.h"
#include "Session.h"
#include "SessionStatus.h"
#include "StatusCommand.h"

#include <QFile>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <chrono>
#include <future>
#include <memory>

namespace {

const QString TestService = QStringLiteral("denvr-signin-test-statuscommand");

struct CommandOutput
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs runStatusCommand() on a second thread, because it blocks while the
// server in this thread has to reply.
CommandOutput runStatusInThread()
{
    auto future = std::async(std::launch::async, [] {
        CommandOutput output;
        QTextStream out(&output.out);
        QTextStream err(&output.err);
        output.exitCode = runStatusCommand(out, err);
        return output;
    });

    while (future.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return future.get();
}

QJsonObject statusWithState(const QString& state)
{
    return QJsonObject{
        {QStringLiteral("state"), state},
        {QStringLiteral("user"), QStringLiteral("alice")},
        {QStringLiteral("server"), QStringLiteral("https://api.example.com")},
        {QStringLiteral("accessTokenExpiresAt"), QStringLiteral("2030-01-01T12:00:00Z")},
        {QStringLiteral("refreshTokenExpiresAt"), QJsonValue::Null},
    };
}

QStringList sortedStatusKeys()
{
    QStringList keys = sessionStatusKeys();
    keys.sort();
    return keys;
}

} // namespace

class StatusCommandTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void noInstanceExitsTwo();
    void exitCodeFollowsState_data();
    void exitCodeFollowsState();
    void outputHasFiveKeys();
    void outputKeepsKeyOrder();
    void outputDropsOtherKeys();
    void missingKeysPrintedAsNull();
    void errorReplyExitsThree();
    void replyWithoutStateExitsThree();
    void unsafeRuntimeDirectoryExitsThree();

    void isSignedInState_data();
    void isSignedInState();
    void signedOutSessionStatus();
    void signedInSessionStatus();

private:
    void startInstance();

    std::unique_ptr<QTemporaryDir> m_runtime;
    std::unique_ptr<InstanceLock> m_lock;
    std::unique_ptr<InstanceServer> m_server;
    QJsonObject m_status;
};

void StatusCommandTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void StatusCommandTest::init()
{
    m_runtime = std::make_unique<QTemporaryDir>();
    QVERIFY(m_runtime->isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime->path()));
    m_status = statusWithState(QStringLiteral("signed-in"));
}

void StatusCommandTest::cleanup()
{
    m_server.reset();
    m_lock.reset();
    m_runtime.reset();
}

void StatusCommandTest::startInstance()
{
    m_lock = std::make_unique<InstanceLock>(m_runtime->path());
    QCOMPARE(m_lock->acquire(), InstanceLock::Result::Primary);

    m_server = std::make_unique<InstanceServer>();
    m_server->setStatusProvider([this] { return m_status; });
    QVERIFY2(m_server->listen(*m_lock), qPrintable(m_server->errorString()));
}

void StatusCommandTest::noInstanceExitsTwo()
{
    const CommandOutput output = runStatusInThread();

    QCOMPARE(output.exitCode, 2);
    QCOMPARE(output.out, QString());
    QVERIFY(!output.err.isEmpty());
}

void StatusCommandTest::exitCodeFollowsState_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("signed-in") << QStringLiteral("signed-in") << 0;
    QTest::newRow("refreshing") << QStringLiteral("refreshing") << 0;
    QTest::newRow("offline") << QStringLiteral("offline") << 0;
    QTest::newRow("signed-out") << QStringLiteral("signed-out") << 1;
    QTest::newRow("restoring") << QStringLiteral("restoring") << 1;
    QTest::newRow("signing-in") << QStringLiteral("signing-in") << 1;
    QTest::newRow("awaiting-second-factor") << QStringLiteral("awaiting-second-factor") << 1;
    QTest::newRow("session-ended") << QStringLiteral("session-ended") << 1;
    QTest::newRow("keychain-unavailable") << QStringLiteral("keychain-unavailable") << 1;
    QTest::newRow("signing-out") << QStringLiteral("signing-out") << 1;
    QTest::newRow("unknown state of a newer version") << QStringLiteral("paused") << 1;
}

void StatusCommandTest::exitCodeFollowsState()
{
    QFETCH(QString, state);
    QFETCH(int, exitCode);
    m_status = statusWithState(state);
    startInstance();

    const CommandOutput output = runStatusInThread();

    QCOMPARE(output.exitCode, exitCode);
    QCOMPARE(QJsonDocument::fromJson(output.out.toUtf8()).object().value(QStringLiteral("state")).toString(), state);
    QCOMPARE(output.err, QString());
}

void StatusCommandTest::outputHasFiveKeys()
{
    startInstance();

    const CommandOutput output = runStatusInThread();

    QVERIFY(output.out.endsWith(QLatin1Char('\n')));
    QCOMPARE(output.out.count(QLatin1Char('\n')), 1);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output.out.toUtf8(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QVERIFY(document.isObject());
    QCOMPARE(document.object().keys(), sortedStatusKeys());
    QCOMPARE(document.object(), m_status);
}

void StatusCommandTest::outputKeepsKeyOrder()
{
    startInstance();

    const CommandOutput output = runStatusInThread();

    QCOMPARE(output.out,
             QStringLiteral("{\"state\":\"signed-in\",\"user\":\"alice\",\"server\":\"https://api.example.com\","
                            "\"accessTokenExpiresAt\":\"2030-01-01T12:00:00Z\",\"refreshTokenExpiresAt\":null}\n"));
}

void StatusCommandTest::outputDropsOtherKeys()
{
    m_status.insert(QStringLiteral("accessToken"), QStringLiteral("not-for-scripts"));
    startInstance();

    const CommandOutput output = runStatusInThread();

    QCOMPARE(QJsonDocument::fromJson(output.out.toUtf8()).object().keys(), sortedStatusKeys());
    QVERIFY(!output.out.contains(QStringLiteral("not-for-scripts")));
}

void StatusCommandTest::missingKeysPrintedAsNull()
{
    m_status = QJsonObject{{QStringLiteral("state"), QStringLiteral("signed-out")}, {QStringLiteral("user"), 42}};
    startInstance();

    const CommandOutput output = runStatusInThread();

    QCOMPARE(output.exitCode, 1);
    const QJsonObject printed = QJsonDocument::fromJson(output.out.toUtf8()).object();
    QCOMPARE(printed.keys(), sortedStatusKeys());
    QVERIFY(printed.value(QStringLiteral("user")).isNull());
    QVERIFY(printed.value(QStringLiteral("server")).isNull());
    QVERIFY(printed.value(QStringLiteral("accessTokenExpiresAt")).isNull());
    QVERIFY(printed.value(QStringLiteral("refreshTokenExpiresAt")).isNull());
}

void StatusCommandTest::errorReplyExitsThree()
{
    startInstance();
    m_server->setStatusProvider({});
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("before the status is available")));

    const CommandOutput output = runStatusInThread();

    QCOMPARE(output.exitCode, 3);
    QCOMPARE(output.out, QString());
    QVERIFY(!output.err.isEmpty());
}

void StatusCommandTest::replyWithoutStateExitsThree()
{
    m_status = QJsonObject{{QStringLiteral("user"), QStringLiteral("alice")}};
    startInstance();

    const CommandOutput output = runStatusInThread();

    QCOMPARE(output.exitCode, 3);
    QCOMPARE(output.out, QString());
    QVERIFY(!output.err.isEmpty());
}

void StatusCommandTest::unsafeRuntimeDirectoryExitsThree()
{
    QVERIFY(QFile::setPermissions(m_runtime->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                         QFileDevice::ExeOwner | QFileDevice::WriteOther |
                                                         QFileDevice::ReadOther | QFileDevice::ExeOther));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("lets the group or others write to it$")));

    const CommandOutput output = runStatusInThread();

    QCOMPARE(output.exitCode, 3);
    QCOMPARE(output.out, QString());
    QVERIFY(output.err.contains(m_runtime->path()));
}

void StatusCommandTest::isSignedInState_data()
{
    QTest::addColumn<Session::State>("state");
    QTest::addColumn<bool>("signedIn");

    const QMetaEnum states = QMetaEnum::fromType<Session::State>();
    for (int i = 0; i < states.keyCount(); ++i) {
        const auto state = Session::State(states.value(i));
        const bool signedIn = state == Session::State::SignedIn || state == Session::State::Refreshing ||
                              state == Session::State::Offline;
        QTest::newRow(states.key(i)) << state << signedIn;
    }
}

void StatusCommandTest::isSignedInState()
{
    QFETCH(Session::State, state);
    QFETCH(bool, signedIn);

    QCOMPARE(::isSignedInState(Session::stateName(state)), signedIn);
}

void StatusCommandTest::signedOutSessionStatus()
{
    ApiClient client;
    client.setServerUrl(QUrl(QStringLiteral("https://API.example.com:443/prefix/")));
    KeychainStore keychain(TestService);
    Session session(&client, &keychain);

    const QJsonObject status = sessionStatusJson(session);

    QCOMPARE(status.keys(), sortedStatusKeys());
    QCOMPARE(status.value(QStringLiteral("state")).toString(), QStringLiteral("signed-out"));
    QVERIFY(status.value(QStringLiteral("user")).isNull());
    QCOMPARE(status.value(QStringLiteral("server")).toString(), QStringLiteral("https://api.example.com"));
    QVERIFY(status.value(QStringLiteral("accessTokenExpiresAt")).isNull());
    QVERIFY(status.value(QStringLiteral("refreshTokenExpiresAt")).isNull());
}

void StatusCommandTest::signedInSessionStatus()
{
    FakeServer fakeServer;
    QVERIFY2(fakeServer.start({{FakeServer::plainUser()}}), qPrintable(fakeServer.errorMessage()));
    ApiClient client;
    client.setServerUrl(fakeServer.url());
    KeychainStore keychain(TestService);
    Session session(&client, &keychain);
    const FakeServer::User user = FakeServer::plainUser();
    session.signIn(user.userName, user.password, false);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 15000);

    startInstance();
    m_server->setStatusProvider([&session] { return sessionStatusJson(session); });
    const CommandOutput output = runStatusInThread();

    QCOMPARE(output.exitCode, 0);
    const QJsonObject printed = QJsonDocument::fromJson(output.out.toUtf8()).object();
    QCOMPARE(printed.value(QStringLiteral("state")).toString(), QStringLiteral("signed-in"));
    QCOMPARE(printed.value(QStringLiteral("user")).toString(), user.userName);
    QCOMPARE(printed.value(QStringLiteral("server")).toString(), ServerUrl::origin(fakeServer.url()));

    const QString accessExpiry = printed.value(QStringLiteral("accessTokenExpiresAt")).toString();
    const QString refreshExpiry = printed.value(QStringLiteral("refreshTokenExpiresAt")).toString();
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"))
                .match(accessExpiry)
                .hasMatch());
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"))
                .match(refreshExpiry)
                .hasMatch());
    QCOMPARE(QDateTime::fromString(accessExpiry, Qt::ISODate).toSecsSinceEpoch(),
             session.accessTokenExpiresAt().toSecsSinceEpoch());
    QCOMPARE(QDateTime::fromString(refreshExpiry, Qt::ISODate).toSecsSinceEpoch(),
             session.refreshTokenExpiresAt().toSecsSinceEpoch());

    QVERIFY(!session.accessToken().isEmpty());
    QVERIFY(!output.out.contains(session.accessToken()));
    QVERIFY(!output.out.contains(user.password));
}

QTEST_GUILESS_MAIN(StatusCommandTest)
#include "tst_statuscommand.moc"
