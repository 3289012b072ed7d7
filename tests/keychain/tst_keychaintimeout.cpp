// KeychainStore against a Secret Service that never replies. A real keyring
// that hangs cannot be produced on demand, so silent-secret-service.py stands
// in for it: it owns org.freedesktop.secrets on a private session bus and
// leaves every call pending.

#include "KeychainStore.h"
#include "LogCapture.h"
#include "OutcomeRecorder.h"
#include "PrivateBus.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using Status = KeychainStore::Status;

class tst_KeychainTimeout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void hungServiceTimesOutOnce();

private:
    PrivateBus m_bus{PrivateBus::Role::Session, qEnvironmentVariable("DENVR_SOURCE_DIR") + QStringLiteral("/tests/keychain/session-bus-without-services.conf")};
    QProcess m_standIn;
};

void tst_KeychainTimeout::initTestCase()
{
    const QString python = qEnvironmentVariable("DENVR_PYTHON3");
    QVERIFY2(!python.isEmpty(), "DENVR_PYTHON3 must name a python3 with python3-dbus; ctest sets it");
    QVERIFY2(m_bus.start(), qPrintable(m_bus.errorMessage()));

    m_standIn.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString script = qEnvironmentVariable("DENVR_SOURCE_DIR")
        + QStringLiteral("/tests/keychain/silent-secret-service.py");
    m_standIn.start(python, {script});
    QVERIFY2(m_standIn.waitForStarted(10000), qPrintable(m_standIn.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_standIn.canReadLine() || m_standIn.state() == QProcess::NotRunning, 10000);

    QCOMPARE(m_standIn.readLine().trimmed(), QByteArray("ready"));
}

void tst_KeychainTimeout::cleanupTestCase()
{
    m_standIn.kill();
    m_standIn.waitForFinished(5000);
}

void tst_KeychainTimeout::hungServiceTimesOutOnce()
{
    const int timeoutMs = 300;
    KeychainStore store(QStringLiteral("denvr-test-timeout"));
    store.setTimeout(timeoutMs);
    QLoggingCategory::setFilterRules(QStringLiteral("denvr.keychain.debug=true"));
    LogCapture capture;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("read of hung failed: TimedOut")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("write of queued failed: TimedOut")));

    // The write waits in QtKeychain's queue behind the hung read, so it times
    // out as well.
    OutcomeRecorder read;
    OutcomeRecorder written;
    QElapsedTimer elapsed;
    elapsed.start();
    store.read(QStringLiteral("hung"), this, read.callback());
    store.write(QStringLiteral("queued"), "data", this, written.callback());
    QTRY_COMPARE(read.outcomes.size(), 1);
    QTRY_COMPARE(written.outcomes.size(), 1);

    QVERIFY(elapsed.elapsed() >= timeoutMs);
    QCOMPARE(read.firstStatus(), Status::TimedOut);
    QCOMPARE(written.firstStatus(), Status::TimedOut);
    QVERIFY(KeychainStore::describe(read.outcomes.first()).contains(QLatin1String("did not answer within 10 seconds")));

    // When the stand-in exits, the bus fails the pending call, so both jobs
    // finish late. Their results are logged and dropped.
    m_standIn.kill();
    QVERIFY(m_standIn.waitForFinished(5000));
    QTRY_COMPARE(capture.count(QStringLiteral("when its timeout had been reported")), 2);
    QLoggingCategory::setFilterRules(QString());

    QCOMPARE(read.outcomes.size(), 1);
    QCOMPARE(written.outcomes.size(), 1);
}

QTEST_GUILESS_MAIN(tst_KeychainTimeout)

#include "tst_keychaintimeout.moc"
