#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into QCoreApplication::quit() so that the server logs
// its stop and exits with code 0. The signal handler only writes one byte to a
// socket pair, because nothing else is safe inside a signal handler.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject* parent = nullptr);

private:
    void handleSignal();

    QSocketNotifier* m_notifier = nullptr;
};
