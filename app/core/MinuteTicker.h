#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

// One timer for every check that the app repeats once a minute: the session's
// deadlines against the wall clock, the resume check and the tray's text.
// Sharing it makes an idle app wake once a minute rather than once per check.
class MinuteTicker : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds Interval{60000};

    // The process-wide ticker, created on first use and running from then on.
    static MinuteTicker *instance();

signals:
    void tick();

private:
    explicit MinuteTicker(QObject *parent = nullptr);

    QTimer m_timer;
};
