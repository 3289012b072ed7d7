#pragma once

#include "Clock.h"

#include <QDateTime>
#include <QTimeZone>

#include <chrono>

// A clock whose wall-clock and monotonic times move only when a test advances
// them, so that a suspend is simulated by moving the wall clock alone.
class ManualClock : public Clock
{
public:
    QDateTime currentUtc() const override { return m_wallClock; }
    qint64 monotonicMs() const override { return m_monotonicMs; }

    void advance(std::chrono::milliseconds wallClock, std::chrono::milliseconds monotonic)
    {
        m_wallClock = m_wallClock.addMSecs(wallClock.count());
        m_monotonicMs += monotonic.count();
    }

private:
    QDateTime m_wallClock{QDate(2025, 3, 1), QTime(12, 0), QTimeZone::utc()};
    qint64 m_monotonicMs = 1000;
};
