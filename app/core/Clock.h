#pragma once

#include <QDateTime>
#include <QtGlobal>

// Wall-clock and monotonic time, injectable so that tests of token deadlines
// run without waiting through a real lifetime.
class Clock
{
public:
    virtual ~Clock() = default;

    virtual QDateTime currentUtc() const;
    virtual qint64 monotonicMs() const;   // never jumps; pauses or continues during suspend, per platform

    // The process-wide clock; tests install their own and restore nullptr.
    static Clock *instance();
    static void setInstance(Clock *clock);
};
