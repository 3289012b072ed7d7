// The session when no keychain can be reached: ctest runs this with
// DBUS_SESSION_BUS_ADDRESS naming a bus that does not exist, so QtKeychain
// finds no Secret Service, as on a desktop without one.

#include "ApiClient.h"
#include "FakeServer.h"
#include "KeychainStore.h"
#include "Session.h"

#include <QDir>
#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

class SessionNoKeychainTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void restoreReportsKeychain();
    void signInKeepsSessionInMemory();
};

void SessionNoKeychainTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QStringLiteral("nonexistent")));
}

void SessionNoKeychainTest::restoreReportsKeychain()
{
    FakeServer server;
    QVERIFY2(server.start({{FakeServer::plainUser()}}), qPrintable(server.errorMessage()));
    ApiClient client;
    client.setServerUrl(server.url());
    KeychainStore keychain(QStringLiteral("denvr-signin-test-nokeychain"));
    Session session(&client, &keychain);
    QSignalSpy problems(&session, &Session::keychainProblem);

    session.restore(FakeServer::plainUser().userName);

    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::KeychainUnavailable, 15000);
    QCOMPARE(problems.count(), 1);
    QVERIFY2(problems.at(0).at(0).toString().contains(QStringLiteral("Secret Service")), qPrintable(problems.at(0).at(0).toString()));
}

void SessionNoKeychainTest::signInKeepsSessionInMemory()
{
    FakeServer server;
    QVERIFY2(server.start({{FakeServer::plainUser()}}), qPrintable(server.errorMessage()));
    ApiClient client;
    client.setServerUrl(server.url());
    KeychainStore keychain(QStringLiteral("denvr-signin-test-nokeychain"));
    Session session(&client, &keychain);
    QSignalSpy problems(&session, &Session::keychainProblem);

    session.signIn(FakeServer::plainUser().userName, FakeServer::plainUser().password, true);

    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(problems.count(), 1, 15000);
    QVERIFY(!session.isStored());
    QVERIFY(!session.accessToken().isEmpty());
    QVERIFY2(problems.at(0).at(0).toString().contains(QStringLiteral("will not be remembered")), qPrintable(problems.at(0).at(0).toString()));

    // Nothing falls back to a file: no file under the test's data or config folders contains the token.
    const QString token = session.accessToken();
    for (const auto location : {QStandardPaths::GenericDataLocation, QStandardPaths::GenericConfigLocation}) {
        QDirIterator files(QStandardPaths::writableLocation(location), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(token.toUtf8()), qPrintable(file.fileName()));
        }
    }
}

QTEST_GUILESS_MAIN(SessionNoKeychainTest)
#include "tst_sessionnokeychain.moc"
