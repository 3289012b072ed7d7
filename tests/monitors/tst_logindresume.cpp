// ResumeMonitor against a logind stand-in: no logind runs in the test
// environment, so logind-stand-in.py owns org.freedesktop.login1 on a private
// dbus-daemon that serves as this process's system bus, and emits
// PrepareForSleep when the test writes "sleep" or "wake" to it.

#include "ManualClock.h"
#include "PrivateBus.h"
#include "ResumeMonitor.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStringList>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;

namespace {

constexpr int StandInStartTimeoutMs = 10000;

QtMessageHandler previousMessageHandler = nullptr;

// Every message of the denvr.power category, so that a test can wait until
// the monitor has handled a signal that emits nothing.
QStringList& powerLog()
{
    static QStringList messages;
    return messages;
}

void recordPowerMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (qstrcmp(context.category, "denvr.power") == 0)
        powerLog().append(message);

    previousMessageHandler(type, context, message);
}

bool powerLogContains(const QString& text)
{
    for (const QString& message : powerLog()) {
        if (message.contains(text))
            return true;
    }
    return false;
}

} // namespace

class LogindResumeTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void subscribesToLogind();
    void resumedOnlyWhenSleepEnds();
    void logindResumeResetsClockCheck();

private:
    void sendCommand(const QByteArray& command);

    PrivateBus m_bus{PrivateBus::Role::System, qEnvironmentVariable("DENVR_SOURCE_DIR") + QStringLiteral("/tests/monitors/system-bus.conf")};
    QProcess m_standIn;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ResumeMonitor> m_monitor;
};

void LogindResumeTest::initTestCase()
{
    QVERIFY2(m_bus.start(), qPrintable(m_bus.errorMessage()));

    const QString python = qEnvironmentVariable("DENVR_PYTHON3", QStringLiteral("/usr/bin/python3"));
    const QString script =
        qEnvironmentVariable("DENVR_SOURCE_DIR") + QStringLiteral("/tests/monitors/logind-stand-in.py");
    m_standIn.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_standIn.start(python, {script});
    QVERIFY2(m_standIn.waitForStarted(), qPrintable(m_standIn.errorString()));

    QTRY_VERIFY_WITH_TIMEOUT(m_standIn.canReadLine() || m_standIn.state() == QProcess::NotRunning,
                             StandInStartTimeoutMs);
    QCOMPARE(m_standIn.readLine().trimmed(), QByteArray("ready"));

    previousMessageHandler = qInstallMessageHandler(recordPowerMessage);
}

void LogindResumeTest::cleanupTestCase()
{
    qInstallMessageHandler(previousMessageHandler);

    m_standIn.closeWriteChannel();
    if (!m_standIn.waitForFinished(5000))
        m_standIn.kill();
    m_standIn.waitForFinished(5000);
}

void LogindResumeTest::init()
{
    powerLog().clear();
    m_clock = std::make_unique<ManualClock>();
    Clock::setInstance(m_clock.get());
    m_monitor = std::make_unique<ResumeMonitor>();
}

void LogindResumeTest::cleanup()
{
    m_monitor.reset();
    Clock::setInstance(nullptr);
    m_clock.reset();
}

void LogindResumeTest::sendCommand(const QByteArray& command)
{
    m_standIn.write(command + '\n');
    m_standIn.waitForBytesWritten();
}

void LogindResumeTest::subscribesToLogind()
{
    QVERIFY(m_monitor->isLogindConnected());
}

void LogindResumeTest::resumedOnlyWhenSleepEnds()
{
    QSignalSpy resumedSpy(m_monitor.get(), &ResumeMonitor::resumed);

    sendCommand("sleep");
    QTRY_VERIFY(powerLogContains(QStringLiteral("going to sleep")));
    QCOMPARE(resumedSpy.count(), 0);

    sendCommand("wake");
    QTRY_COMPARE(resumedSpy.count(), 1);
    QCOMPARE(resumedSpy.at(0).at(0).toString(), QStringLiteral("logind reported PrepareForSleep(false)"));

    // Signals reach the monitor in the order they were sent, so once the next
    // sleep is handled, a second resume from the wake would have arrived.
    powerLog().clear();
    sendCommand("sleep");
    QTRY_VERIFY(powerLogContains(QStringLiteral("going to sleep")));
    QCOMPARE(resumedSpy.count(), 1);
}

void LogindResumeTest::logindResumeResetsClockCheck()
{
    QSignalSpy resumedSpy(m_monitor.get(), &ResumeMonitor::resumed);

    m_clock->advance(2h, 60s);
    sendCommand("wake");
    QTRY_COMPARE(resumedSpy.count(), 1);

    m_monitor->checkClock();

    QCOMPARE(resumedSpy.count(), 1);
}

QTEST_GUILESS_MAIN(LogindResumeTest)
#include "tst_logindresume.moc"
