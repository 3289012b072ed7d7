#include "PrivateBus.h"

#include <QDeadlineTimer>
#include <QStandardPaths>

namespace {

constexpr int StartTimeoutMs = 10000;
constexpr int StopTimeoutMs = 5000;

} // namespace

PrivateBus::PrivateBus(Role role, const QString &configPath)
    : m_role(role)
    , m_configPath(configPath)
{
}

PrivateBus::~PrivateBus()
{
    stop();
}

bool PrivateBus::start()
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (program.isEmpty()) {
        m_errorMessage = QStringLiteral("dbus-daemon was not found on PATH");
        return false;
    }

    m_daemon.start(program, {QStringLiteral("--nofork"), QStringLiteral("--print-address"),
                             QStringLiteral("--config-file=") + m_configPath});

    QDeadlineTimer deadline(StartTimeoutMs);
    while (!m_daemon.canReadLine() && m_daemon.waitForReadyRead(int(deadline.remainingTime()))) {
    }

    if (!m_daemon.canReadLine()) {
        m_errorMessage = QStringLiteral("dbus-daemon printed no address within %1 ms: %2")
                             .arg(StartTimeoutMs)
                             .arg(QString::fromLocal8Bit(m_daemon.readAllStandardError()));
        stop();
        return false;
    }

    m_address = QString::fromUtf8(m_daemon.readLine().trimmed());
    const char *variable = m_role == Role::Session ? "DBUS_SESSION_BUS_ADDRESS" : "DBUS_SYSTEM_BUS_ADDRESS";
    qputenv(variable, m_address.toUtf8());
    return true;
}

void PrivateBus::stop()
{
    if (m_daemon.state() == QProcess::NotRunning)
        return;

    m_daemon.terminate();
    if (!m_daemon.waitForFinished(StopTimeoutMs))
        m_daemon.kill();
    m_daemon.waitForFinished(StopTimeoutMs);
}

bool PrivateBus::hasOwner(const QString &name) const
{
    QProcess dbusSend;
    dbusSend.start(QStringLiteral("dbus-send"),
                   {QStringLiteral("--bus=") + m_address, QStringLiteral("--print-reply"),
                    QStringLiteral("--dest=org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                    QStringLiteral("org.freedesktop.DBus.NameHasOwner"), QStringLiteral("string:") + name});
    if (!dbusSend.waitForFinished(StopTimeoutMs))
        return false;

    return dbusSend.readAllStandardOutput().contains("boolean true");
}
