#pragma once

#include <QNetworkInformation>
#include <QObject>

// Reports that the network came back, so that a session waiting out a retry
// delay can try again at once. It wraps QNetworkInformation. When no backend
// that reports reachability loads, it logs that once and never emits, and the
// session's own retry timer still runs.
class NetworkMonitor : public QObject
{
    Q_OBJECT

public:
    using Reachability = QNetworkInformation::Reachability;

    // Loads the default QNetworkInformation backend, or else any backend that
    // reports reachability, unless one is loaded already, and follows it.
    explicit NetworkMonitor(QObject* parent = nullptr);

    // Returns true when a backend reports reachability, so that networkReturned() can be emitted.
    bool hasBackend() const { return m_hasBackend; }
    Reachability reachability() const { return m_reachability; }

    // Returns true for Site and Online, the levels at which the server may be reached.
    static bool isConnected(Reachability reachability);

    // Returns true when a change from previous to current means the network came back.
    static bool isReturn(Reachability previous, Reachability current);

public slots:
    // Records the new reachability and emits networkReturned() on a return.
    // QNetworkInformation::reachabilityChanged calls it, and tests call it directly.
    void onReachabilityChanged(QNetworkInformation::Reachability reachability);

signals:
    // Reachability went from Unknown, Disconnected or Local to Site or Online.
    void networkReturned();

private:
    static QNetworkInformation* loadBackend();

    bool m_hasBackend = false;
    Reachability m_reachability = Reachability::Unknown;
};
