#include "ResumeMonitor.h"

#include "Clock.h"
#include "LoggingCategories.h"
#include "MinuteTicker.h"

#include <QDBusConnection>
#include <QDBusError>

namespace {

const QString LogindService = QStringLiteral("org.freedesktop.login1");
const QString LogindPath = QStringLiteral("/org/freedesktop/login1");
const QString LogindManagerInterface = QStringLiteral("org.freedesktop.login1.Manager");
const QString PrepareForSleepSignal = QStringLiteral("PrepareForSleep");

} // namespace

ResumeMonitor::ResumeMonitor(QObject* parent)
    : QObject(parent)
{
    resetClockBaseline();

    // The shared minute ticker drives the check until a test sets an
    // interval of its own, which starts a timer of this monitor's.
    m_checkTimer.setTimerType(Qt::VeryCoarseTimer);
    m_checkTimer.setInterval(DefaultCheckInterval);
    connect(&m_checkTimer, &QTimer::timeout, this, &ResumeMonitor::checkClock);
    connect(MinuteTicker::instance(), &MinuteTicker::tick, this, &ResumeMonitor::checkClock);

    connectToLogind();

    qCInfo(lcPower) << "comparing the wall clock with the monotonic clock every" << checkInterval().count()
                    << "ms; a difference over" << m_jumpThreshold.count() << "ms counts as a jump";
}

void ResumeMonitor::setCheckInterval(std::chrono::milliseconds interval)
{
    disconnect(MinuteTicker::instance(), &MinuteTicker::tick, this, &ResumeMonitor::checkClock);
    m_checkTimer.start(interval);
    qCInfo(lcPower) << "clock check interval set to" << interval.count() << "ms";
}

void ResumeMonitor::setJumpThreshold(std::chrono::milliseconds threshold)
{
    m_jumpThreshold = threshold;
    qCInfo(lcPower) << "clock jump threshold set to" << threshold.count() << "ms";
}

void ResumeMonitor::checkClock()
{
    const Clock* clock = Clock::instance();
    const QDateTime wallClock = clock->currentUtc();
    const qint64 monotonicMs = clock->monotonicMs();

    const qint64 wallDeltaMs = m_lastWallClock.msecsTo(wallClock);
    const qint64 monotonicDeltaMs = monotonicMs - m_lastMonotonicMs;
    const qint64 skewMs = wallDeltaMs - monotonicDeltaMs;

    m_lastWallClock = wallClock;
    m_lastMonotonicMs = monotonicMs;

    if (skewMs > m_jumpThreshold.count()) {
        const QString reason = QStringLiteral("wall clock jumped ahead by %1 s").arg(skewMs / 1000);
        qCInfo(lcPower).noquote() << "resume detected:" << reason << "while the monotonic clock advanced"
                                  << monotonicDeltaMs << "ms";
        emit resumed(reason);
        return;
    }

    if (-skewMs > m_jumpThreshold.count()) {
        qCInfo(lcPower) << "wall clock jumped back by" << -skewMs / 1000 << "s; deadlines need re-arming";
        emit clockChanged();
    }
}

void ResumeMonitor::onPrepareForSleep(bool start)
{
    if (start) {
        qCInfo(lcPower) << "logind reports that the system is going to sleep";
        return;
    }

    // The clock check would report the same sleep again on its next run.
    resetClockBaseline();

    qCInfo(lcPower) << "resume detected: logind reported the end of a sleep";
    emit resumed(QStringLiteral("logind reported PrepareForSleep(false)"));
}

// Subscribes to PrepareForSleep on the system bus, which honours
// DBUS_SYSTEM_BUS_ADDRESS. Nothing here calls logind: the subscription is a
// match rule on the bus daemon. QtDBus does wait for the local bus daemon
// while it connects and looks up the owner of the logind name.
void ResumeMonitor::connectToLogind()
{
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        qCInfo(lcPower).noquote() << "logind is not reachable, so only the clock check detects a resume."
                                  << "Connecting to the system bus failed:" << bus.lastError().message();
        return;
    }

    m_logindConnected = bus.connect(LogindService, LogindPath, LogindManagerInterface, PrepareForSleepSignal, this,
                                    SLOT(onPrepareForSleep(bool)));
    if (!m_logindConnected) {
        qCWarning(lcPower).noquote() << "subscribing to logind's PrepareForSleep failed, so only the clock check"
                                     << "detects a resume:" << bus.lastError().message();
        return;
    }

    qCInfo(lcPower) << "subscribed to logind's PrepareForSleep on the system bus";
}

void ResumeMonitor::resetClockBaseline()
{
    const Clock* clock = Clock::instance();
    m_lastWallClock = clock->currentUtc();
    m_lastMonotonicMs = clock->monotonicMs();
}
