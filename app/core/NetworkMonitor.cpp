#include "NetworkMonitor.h"

#include "LoggingCategories.h"

NetworkMonitor::NetworkMonitor(QObject* parent)
    : QObject(parent)
{
    QNetworkInformation* information = loadBackend();
    if (!information) {
        const QStringList available = QNetworkInformation::availableBackends();
        qCInfo(lcNetwork,
               "no network information backend could be loaded (available: %s), so network returns are "
               "not reported and only the session's retry timer runs",
               available.isEmpty() ? "none" : qUtf8Printable(available.join(QStringLiteral(", "))));
        return;
    }

    if (!information->supports(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcNetwork) << "the network information backend" << information->backendName()
                          << "does not report reachability, so network returns are not reported";
        return;
    }

    m_hasBackend = true;
    m_reachability = information->reachability();
    connect(information, &QNetworkInformation::reachabilityChanged, this, &NetworkMonitor::onReachabilityChanged);

    qCInfo(lcNetwork) << "following reachability from the" << information->backendName() << "backend; it is now"
                      << m_reachability;
}

// QNetworkInformation is one instance per process, so one loaded elsewhere is
// reused. loadDefaultBackend() on Linux fails when NetworkManager is not
// running (Qt 6.4.2), although the GLib backend, which queries GNetworkMonitor,
// still reports reachability there.
QNetworkInformation* NetworkMonitor::loadBackend()
{
    if (QNetworkInformation::instance())
        return QNetworkInformation::instance();

    if (QNetworkInformation::loadDefaultBackend())
        return QNetworkInformation::instance();

    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return QNetworkInformation::instance();

    return nullptr;
}

bool NetworkMonitor::isConnected(Reachability reachability)
{
    return reachability == Reachability::Site || reachability == Reachability::Online;
}

bool NetworkMonitor::isReturn(Reachability previous, Reachability current)
{
    return !isConnected(previous) && isConnected(current);
}

void NetworkMonitor::onReachabilityChanged(QNetworkInformation::Reachability reachability)
{
    const Reachability previous = m_reachability;
    m_reachability = reachability;

    if (previous == reachability)
        return;

    qCInfo(lcNetwork) << "reachability changed from" << previous << "to" << reachability;

    if (isReturn(previous, reachability))
        emit networkReturned();
}
