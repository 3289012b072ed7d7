#include "Clock.h"

#include <QElapsedTimer>

namespace {

Clock *installedClock = nullptr;

QElapsedTimer &monotonicTimer()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return timer;
}

} // namespace

QDateTime Clock::currentUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

qint64 Clock::monotonicMs() const
{
    return monotonicTimer().elapsed();
}

Clock *Clock::instance()
{
    static Clock systemClock;
    return installedClock ? installedClock : &systemClock;
}

void Clock::setInstance(Clock *clock)
{
    installedClock = clock;
}
