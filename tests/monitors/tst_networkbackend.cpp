// NetworkMonitor with the QNetworkInformation backends installed on this
// machine. Without NetworkManager the default backend fails to load and the
// monitor falls back to the GLib one. It is its own executable because
// QNetworkInformation keeps the first backend it loads for the whole process.

#include "NetworkMonitor.h"

#include <QTest>

class NetworkBackendTest : public QObject
{
    Q_OBJECT

private slots:
    void followsInstalledBackend();
};

void NetworkBackendTest::followsInstalledBackend()
{
    // The GLib backend needs no daemon, so with its plugin installed a backend must load.
    if (!QNetworkInformation::availableBackends().contains(QStringLiteral("glib")))
        QSKIP("the GLib QNetworkInformation backend plugin is not installed");

    NetworkMonitor monitor;

    QVERIFY(monitor.hasBackend());
    QVERIFY(QNetworkInformation::instance());
    QCOMPARE(monitor.reachability(), QNetworkInformation::instance()->reachability());
}

QTEST_GUILESS_MAIN(NetworkBackendTest)
#include "tst_networkbackend.moc"
