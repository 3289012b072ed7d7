// KeychainStore where no Secret Service can be reached. ctest runs this test
// on two kinds of bus, selected by DENVR_KEYCHAIN_TEST_BUS:
// - "missing": DBUS_SESSION_BUS_ADDRESS names a socket that does not exist,
//   as when there is no session bus at all;
// - "empty": a private session bus on which nothing provides
//   org.freedesktop.secrets, as on a desktop without a keyring installed.
// QtKeychain 0.13.2 reports both as OtherError with a GLib message, and
// KeychainStore maps them to NoBackend after asking the session bus. ctest
// runs "missing" a second time with LANGUAGE=de, where GLib's messages are
// German, to check that the mapping does not depend on their wording.

#include "KeychainStore.h"
#include "OutcomeRecorder.h"
#include "PrivateBus.h"

#include <QRegularExpression>
#include <QTest>

using Status = KeychainStore::Status;

class tst_KeychainNoBackend : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void operationReportsNoBackend_data();
    void operationReportsNoBackend();
    void describeReportsNoKeychain();

private:
    PrivateBus m_bus{PrivateBus::Role::Session, qEnvironmentVariable("DENVR_SOURCE_DIR") + QStringLiteral("/tests/keychain/session-bus-without-services.conf")};
};

void tst_KeychainNoBackend::initTestCase()
{
    const QString bus = qEnvironmentVariable("DENVR_KEYCHAIN_TEST_BUS");

    if (bus == QLatin1String("missing")) {
        QCOMPARE(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent-denvr-test"));
    } else if (bus == QLatin1String("empty")) {
        QVERIFY2(m_bus.start(), qPrintable(m_bus.errorMessage()));
    } else {
        QFAIL("Set DENVR_KEYCHAIN_TEST_BUS to \"missing\" or \"empty\"; ctest does so for both runs of this test");
    }
}

void tst_KeychainNoBackend::operationReportsNoBackend_data()
{
    QTest::addColumn<QString>("operation");

    QTest::newRow("read") << QStringLiteral("read");
    QTest::newRow("write") << QStringLiteral("write");
    QTest::newRow("remove") << QStringLiteral("remove");
}

void tst_KeychainNoBackend::operationReportsNoBackend()
{
    QFETCH(QString, operation);
    KeychainStore store(QStringLiteral("denvr-test-nobackend"));
    OutcomeRecorder recorder;
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Keychain %1 of session:alice@https://example.com failed: "
                                                           "NoBackend .+")
                                                .arg(operation)));

    const QString key = QStringLiteral("session:alice@https://example.com");
    if (operation == QLatin1String("read"))
        store.read(key, this, recorder.callback());
    else if (operation == QLatin1String("write"))
        store.write(key, R"({"version":1})", this, recorder.callback());
    else
        store.remove(key, this, recorder.callback());
    QTRY_COMPARE(recorder.outcomes.size(), 1);

    QCOMPARE(recorder.firstStatus(), Status::NoBackend);
    const QString errorString = recorder.outcomes.first().errorString;
    QVERIFY(!errorString.isEmpty());
    if (qEnvironmentVariable("LANGUAGE") == QLatin1String("de")) {
        QVERIFY2(!errorString.startsWith(QLatin1String("Could not connect")),
                 "GLib's message is in English, so this run checks nothing beyond the English one. "
                 "Install libglib2.0-data for GLib's translations.");
    }
}

void tst_KeychainNoBackend::describeReportsNoKeychain()
{
    KeychainStore store(QStringLiteral("denvr-test-nobackend"));
    OutcomeRecorder recorder;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("failed: NoBackend")));

    store.read(QStringLiteral("any"), this, recorder.callback());
    QTRY_COMPARE(recorder.outcomes.size(), 1);

    QCOMPARE(KeychainStore::describe(recorder.outcomes.first()),
             QStringLiteral("No keychain is available (the Secret Service is not running on the session bus). "
                            "Start GNOME Keyring, KWallet or another Secret Service to have sessions remembered."));
}

QTEST_GUILESS_MAIN(tst_KeychainNoBackend)

#include "tst_keychainnobackend.moc"
