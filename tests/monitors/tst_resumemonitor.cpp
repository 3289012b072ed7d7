// ResumeMonitor's clock check, driven by a clock whose wall-clock and
// monotonic times the test moves by hand. The system bus address points at a
// socket that does not exist, so logind is never reached and the monitor
// relies on the clock check, as it does on a machine without logind.

#include "ManualClock.h"
#include "MinuteTicker.h"
#include "ResumeMonitor.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;

class ResumeMonitorTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void clockCheck_data();
    void clockCheck();

    void reasonNamesJump();
    void jumpReportedOnce();
    void thresholdIsConfigurable();
    void timerRunsCheck();
    void minuteTickRunsCheck();
    void defaultIntervalAndThreshold();
    void withoutSystemBusLogs();

private:
    QTemporaryDir m_directory;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ResumeMonitor> m_monitor;
};

void ResumeMonitorTest::initTestCase()
{
    QVERIFY(m_directory.isValid());

    // QtDBus reads the address on the first systemBus() call, which init() makes.
    const QString missingSocket = m_directory.filePath(QStringLiteral("no-system-bus"));
    qputenv("DBUS_SYSTEM_BUS_ADDRESS", QStringLiteral("unix:path=%1").arg(missingSocket).toUtf8());
}

void ResumeMonitorTest::init()
{
    m_clock = std::make_unique<ManualClock>();
    Clock::setInstance(m_clock.get());
    m_monitor = std::make_unique<ResumeMonitor>();
}

void ResumeMonitorTest::cleanup()
{
    m_monitor.reset();
    Clock::setInstance(nullptr);
    m_clock.reset();
}

void ResumeMonitorTest::clockCheck_data()
{
    QTest::addColumn<qint64>("wallSeconds");
    QTest::addColumn<qint64>("monotonicSeconds");
    QTest::addColumn<int>("expectedResumed");
    QTest::addColumn<int>("expectedClockChanged");

    QTest::newRow("suspended 2 h") << qint64(7200) << qint64(60) << 1 << 0;
    QTest::newRow("clocks in step") << qint64(60) << qint64(60) << 0 << 0;
    QTest::newRow("wall clock set back 1 h") << qint64(60 - 3600) << qint64(60) << 0 << 1;
    QTest::newRow("drift 5 s ahead") << qint64(65) << qint64(60) << 0 << 0;
    QTest::newRow("drift 5 s behind") << qint64(55) << qint64(60) << 0 << 0;
    QTest::newRow("exactly the threshold") << qint64(90) << qint64(60) << 0 << 0;
    QTest::newRow("1 s over the threshold") << qint64(91) << qint64(60) << 1 << 0;
}

void ResumeMonitorTest::clockCheck()
{
    QFETCH(qint64, wallSeconds);
    QFETCH(qint64, monotonicSeconds);
    QFETCH(int, expectedResumed);
    QFETCH(int, expectedClockChanged);
    QSignalSpy resumedSpy(m_monitor.get(), &ResumeMonitor::resumed);
    QSignalSpy clockChangedSpy(m_monitor.get(), &ResumeMonitor::clockChanged);

    m_clock->advance(std::chrono::seconds(wallSeconds), std::chrono::seconds(monotonicSeconds));
    m_monitor->checkClock();

    QCOMPARE(resumedSpy.count(), expectedResumed);
    QCOMPARE(clockChangedSpy.count(), expectedClockChanged);
}

void ResumeMonitorTest::reasonNamesJump()
{
    QSignalSpy resumedSpy(m_monitor.get(), &ResumeMonitor::resumed);

    m_clock->advance(2h, 60s);
    m_monitor->checkClock();

    QCOMPARE(resumedSpy.count(), 1);
    QCOMPARE(resumedSpy.at(0).at(0).toString(), QStringLiteral("wall clock jumped ahead by 7140 s"));
}

void ResumeMonitorTest::jumpReportedOnce()
{
    QSignalSpy resumedSpy(m_monitor.get(), &ResumeMonitor::resumed);

    m_clock->advance(2h, 60s);
    m_monitor->checkClock();
    m_clock->advance(60s, 60s);
    m_monitor->checkClock();

    QCOMPARE(resumedSpy.count(), 1);
}

void ResumeMonitorTest::thresholdIsConfigurable()
{
    m_monitor->setJumpThreshold(10s);
    QSignalSpy resumedSpy(m_monitor.get(), &ResumeMonitor::resumed);

    m_clock->advance(65s, 60s);
    m_monitor->checkClock();
    QCOMPARE(resumedSpy.count(), 0);

    m_clock->advance(75s, 60s);
    m_monitor->checkClock();
    QCOMPARE(resumedSpy.count(), 1);
}

void ResumeMonitorTest::timerRunsCheck()
{
    m_monitor->setCheckInterval(20ms);
    QSignalSpy resumedSpy(m_monitor.get(), &ResumeMonitor::resumed);

    m_clock->advance(2h, 60s);

    QTRY_COMPARE(resumedSpy.count(), 1);
}

void ResumeMonitorTest::minuteTickRunsCheck()
{
    QSignalSpy resumedSpy(m_monitor.get(), &ResumeMonitor::resumed);
    m_clock->advance(2h, 60s);

    emit MinuteTicker::instance()->tick();

    QCOMPARE(resumedSpy.count(), 1);
}

void ResumeMonitorTest::defaultIntervalAndThreshold()
{
    QCOMPARE(m_monitor->checkInterval(), 60s);
    QCOMPARE(m_monitor->jumpThreshold(), 30s);
}

void ResumeMonitorTest::withoutSystemBusLogs()
{
    m_monitor.reset();
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("^logind is not reachable")));

    m_monitor = std::make_unique<ResumeMonitor>();

    QVERIFY(!m_monitor->isLogindConnected());
}

QTEST_GUILESS_MAIN(ResumeMonitorTest)
#include "tst_resumemonitor.moc"
