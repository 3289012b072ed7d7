#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include "MinuteTicker.h"

#include <chrono>

// Detects that the system woke up from suspend, so that the session can
// compare its deadlines with the clock again. It never touches tokens.
//
// Two sources report a resume:
// - logind's PrepareForSleep(false) signal on the system bus, when a system
//   bus and logind exist;
// - the wall clock running ahead of the monotonic clock, checked by a coarse
//   timer. On Linux the monotonic clock (CLOCK_MONOTONIC, see clock_gettime(2))
//   stops during suspend, so the gap between the two deltas is roughly the
//   time spent asleep. A wall clock set forward by hand or by NTP also counts
//   as a resume, because the deadlines need the same check.
//
// A resume reported by logind resets the clock comparison, so one sleep
// emits resumed() once when logind is the first to report it.
class ResumeMonitor : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultCheckInterval = MinuteTicker::Interval;
    static constexpr std::chrono::milliseconds DefaultJumpThreshold{30000};

    // Subscribes to logind and starts the clock check. Reads Clock::instance(),
    // so tests install their clock before constructing a monitor.
    explicit ResumeMonitor(QObject* parent = nullptr);

    // Returns true when the subscription to logind's PrepareForSleep succeeded.
    bool isLogindConnected() const { return m_logindConnected; }

    // The interval at which the timer compares the clocks, and so the longest
    // delay between a resume and its report by the clock check.
    std::chrono::milliseconds checkInterval() const { return m_checkTimer.intervalAsDuration(); }
    void setCheckInterval(std::chrono::milliseconds interval);

    // The difference between the wall-clock and monotonic deltas, in either
    // direction, below which the clocks count as in step.
    std::chrono::milliseconds jumpThreshold() const { return m_jumpThreshold; }
    void setJumpThreshold(std::chrono::milliseconds threshold);

public slots:
    // Compares the wall-clock and monotonic time passed since the last check
    // and emits resumed() or clockChanged() when they differ by more than the
    // threshold. The timer calls it, and tests call it directly.
    void checkClock();

signals:
    // The system woke up, or the wall clock moved forward. reason is an
    // English phrase for the log, such as "wall clock jumped ahead by 7200 s".
    void resumed(const QString& reason);

    // The wall clock moved backwards, so timers armed from wall-clock deadlines need re-arming.
    void clockChanged();

private slots:
    // QDBusConnection::connect() in Qt 6.4 only takes a slot signature
    // string, so this handler must be a slot.
    void onPrepareForSleep(bool start);

private:
    void connectToLogind();
    void resetClockBaseline();

    QTimer m_checkTimer;
    std::chrono::milliseconds m_jumpThreshold = DefaultJumpThreshold;
    QDateTime m_lastWallClock;
    qint64 m_lastMonotonicMs = 0;
    bool m_logindConnected = false;
};
