// NetworkMonitor's reaction to reachability changes. A test cannot take the
// machine's network down, and the NetworkManager backend cannot run in the
// test environment, so the tests call onReachabilityChanged() the way the
// backend's signal would. initTestCase() hides the backend plugins, so that
// no real change arrives in between and the monitor runs without a backend.
// tst_networkbackend loads a real backend.

#include "NetworkMonitor.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Reachability = QNetworkInformation::Reachability;

class NetworkMonitorTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void constructionWithoutBackendLogs();

    void transition_data();
    void transition();

    void returnReportedOnce();

private:
    QTemporaryDir m_emptyPluginDirectory;
};

void NetworkMonitorTest::initTestCase()
{
    QVERIFY(m_emptyPluginDirectory.isValid());
    QCoreApplication::setLibraryPaths({m_emptyPluginDirectory.path()});
}

void NetworkMonitorTest::constructionWithoutBackendLogs()
{
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("^no network information backend")));

    NetworkMonitor monitor;

    QVERIFY(!monitor.hasBackend());
    QCOMPARE(monitor.reachability(), Reachability::Unknown);
}

void NetworkMonitorTest::transition_data()
{
    QTest::addColumn<Reachability>("previous");
    QTest::addColumn<Reachability>("current");
    QTest::addColumn<int>("expectedReturns");

    QTest::newRow("disconnected to online") << Reachability::Disconnected << Reachability::Online << 1;
    QTest::newRow("disconnected to site") << Reachability::Disconnected << Reachability::Site << 1;
    QTest::newRow("local to online") << Reachability::Local << Reachability::Online << 1;
    QTest::newRow("unknown to online") << Reachability::Unknown << Reachability::Online << 1;
    QTest::newRow("online to online") << Reachability::Online << Reachability::Online << 0;
    QTest::newRow("site to online") << Reachability::Site << Reachability::Online << 0;
    QTest::newRow("online to disconnected") << Reachability::Online << Reachability::Disconnected << 0;
    QTest::newRow("online to local") << Reachability::Online << Reachability::Local << 0;
    QTest::newRow("disconnected to local") << Reachability::Disconnected << Reachability::Local << 0;
}

void NetworkMonitorTest::transition()
{
    QFETCH(Reachability, previous);
    QFETCH(Reachability, current);
    QFETCH(int, expectedReturns);
    NetworkMonitor monitor;
    monitor.onReachabilityChanged(previous);
    QSignalSpy returnedSpy(&monitor, &NetworkMonitor::networkReturned);

    monitor.onReachabilityChanged(current);

    QCOMPARE(returnedSpy.count(), expectedReturns);
    QCOMPARE(monitor.reachability(), current);
}

void NetworkMonitorTest::returnReportedOnce()
{
    NetworkMonitor monitor;
    monitor.onReachabilityChanged(Reachability::Disconnected);
    QSignalSpy returnedSpy(&monitor, &NetworkMonitor::networkReturned);

    monitor.onReachabilityChanged(Reachability::Online);
    monitor.onReachabilityChanged(Reachability::Online);
    monitor.onReachabilityChanged(Reachability::Site);

    QCOMPARE(returnedSpy.count(), 1);
}

QTEST_GUILESS_MAIN(NetworkMonitorTest)
#include "tst_networkmonitor.moc"
