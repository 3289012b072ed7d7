#pragma once

#include <QProcess>
#include <QString>

// A dbus-daemon of its own for one test process. start() points
// DBUS_SESSION_BUS_ADDRESS or DBUS_SYSTEM_BUS_ADDRESS of this process, and of
// the processes it starts later, at the new bus. It must run before the first
// use of that bus, because GLib, libsecret and QtDBus keep the first bus they
// connect to for the life of the process.
class PrivateBus
{
public:
    enum class Role { Session, System };

    // configPath is a dbus-daemon configuration file, such as one that
    // starts no service on demand.
    PrivateBus(Role role, const QString &configPath);
    ~PrivateBus();

    // Returns false and fills errorMessage() when dbus-daemon did not print
    // its address within 10 s.
    bool start();
    void stop();

    // Asks the bus whether a connection owns name, with dbus-send.
    bool hasOwner(const QString &name) const;

    QString address() const { return m_address; }
    QString errorMessage() const { return m_errorMessage; }

private:
    Role m_role;
    QString m_configPath;
    QProcess m_daemon;
    QString m_address;
    QString m_errorMessage;
};
