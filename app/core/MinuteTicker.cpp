#include "MinuteTicker.h"

#include <QCoreApplication>

MinuteTicker::MinuteTicker(QObject *parent)
    : QObject(parent)
{
    // A very coarse timer fires on a whole second, and may be late by up to
    // a second, which no once-a-minute check notices.
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    m_timer.setInterval(Interval);
    connect(&m_timer, &QTimer::timeout, this, &MinuteTicker::tick);
    m_timer.start();
}

MinuteTicker *MinuteTicker::instance()
{
    // Owned by the application object, so that it stops with it. Without an
    // application object it lives until the process ends.
    static MinuteTicker *ticker = new MinuteTicker(QCoreApplication::instance());
    return ticker;
}
