// A server outage of a full minute, against the real denvr-fake-server with
// --state and the real Secret Service: the session survives it, retrying
// with growing delays, and renews once the server is back.

#include "ApiClient.h"
#include "FakeServer.h"
#include "KeychainStore.h"
#include "Session.h"
#include "StoredSession.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class SessionOutageTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void minuteOutageKeepsSession();
};

void SessionOutageTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void SessionOutageTest::minuteOutageKeepsSession()
{
    QTemporaryDir stateDirectory;
    FakeServer server;
    FakeServer::Options options{{FakeServer::plainUser()}};
    options.stateFile = stateDirectory.filePath(QStringLiteral("state.json"));
    QVERIFY2(server.start(options), qPrintable(server.errorMessage()));
    options.port = server.port();

    ApiClient client;
    client.setServerUrl(server.url());
    KeychainStore keychain(QStringLiteral("denvr-signin-test-outage"));
    Session session(&client, &keychain);
    session.signIn(FakeServer::plainUser().userName, FakeServer::plainUser().password, true);
    QTRY_VERIFY_WITH_TIMEOUT(session.isStored(), 15000);
    const QString key = StoredSession::sessionKey(server.url(), FakeServer::plainUser().userName);

    // Each failed attempt enters Offline; the moments are recorded to see the backoff.
    QElapsedTimer outage;
    QList<qint64> failedAttemptsMs;
    connect(&session, &Session::stateChanged, this, [&](Session::State state) {
        if (state == Session::State::Offline)
            failedAttemptsMs.append(outage.elapsed());
    });

    server.stop();
    outage.start();
    session.refreshNow();
    QTRY_VERIFY_WITH_TIMEOUT(outage.elapsed() >= 60000, 70000);

    QVERIFY2(server.start(options), qPrintable(server.errorMessage()));
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 120000);

    // About 0, 2, 6, 14, 30 s: at least four attempts, each gap longer than the one before.
    qInfo() << "failed attempts at ms" << failedAttemptsMs;
    QVERIFY(failedAttemptsMs.size() >= 4);
    for (int i = 2; i < failedAttemptsMs.size(); ++i) {
        const qint64 previousGap = failedAttemptsMs.at(i - 1) - failedAttemptsMs.at(i - 2);
        const qint64 gap = failedAttemptsMs.at(i) - failedAttemptsMs.at(i - 1);
        QVERIFY2(gap > previousGap, qPrintable(QStringLiteral("gap %1 ms after %2 ms").arg(gap).arg(previousGap)));
    }

    QCOMPARE(server.countRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken")), 1);
    QVERIFY(server.requestLog().last().endsWith(QStringLiteral(" 200")));

    bool read = false;
    keychain.read(key, this, [&](const KeychainStore::Outcome &outcome) {
        QVERIFY(outcome.ok());
        read = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(read, 15000);

    bool removed = false;
    keychain.remove(key, this, [&](const KeychainStore::Outcome &) { removed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 15000);
}

QTEST_GUILESS_MAIN(SessionOutageTest)
#include "tst_sessionoutage.moc"
