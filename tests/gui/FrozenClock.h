#pragma once

#include "Clock.h"

#include <QDateTime>

#include <chrono>

// A wall clock that does not move until the test moves it, so that token
// deadlines pass exactly when the test chooses. It starts at the real time, so
// that tooltips show plausible times. The monotonic time stays the real one.
class FrozenClock : public Clock
{
public:
    QDateTime currentUtc() const override { return m_now; }

    void setCurrentUtc(const QDateTime& now) { m_now = now.toUTC(); }
    void advance(std::chrono::milliseconds step) { m_now = m_now.addMSecs(step.count()); }

private:
    QDateTime m_now = QDateTime::currentDateTimeUtc();
};
