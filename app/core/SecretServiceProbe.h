#pragma once

#include <QObject>
#include <QString>

#include <functional>

// Asks the session bus and the Secret Service (org.freedesktop.secrets) what
// QtKeychain 0.13.2 does not report: whether an entry sits in a locked
// collection, and whether any Secret Service exists at all. Each query sends
// asynchronous D-Bus calls through QtDBus and never starts an unlock prompt.
// Its callback runs once, on the thread of context, when the reply arrives
// or timeoutMs has passed. It does not run if context is destroyed first.
class SecretServiceProbe
{
public:
    enum class ItemState {
        Missing,    // no item has the attributes
        Unlocked,   // items have them, and all of them are unlocked
        Locked,     // at least one item in a locked collection has them
        Unknown     // the Secret Service could not be asked
    };

    enum class ServiceState {
        Available,  // a connection owns org.freedesktop.secrets, or the bus can start one
        Missing,    // no session bus, or nothing on it provides the Secret Service
        Unknown     // the bus sent an error or no reply in time
    };

    // detail explains the state in English, for logs: the D-Bus error when the
    // query failed.
    using ItemCallback = std::function<void(ItemState state, const QString &detail)>;
    using ServiceCallback = std::function<void(ServiceState state, const QString &detail)>;

    // Searches for items with the attributes that QtKeychain's libsecret
    // backend stores for serviceName and key: server=serviceName and
    // user=key. The third attribute, type ("plaintext" or "base64"), is left
    // out so that an entry of either kind is found.
    static void findItem(const QString &serviceName, const QString &key, int timeoutMs, QObject *context,
                         ItemCallback callback);

    // Checks whether org.freedesktop.secrets is owned on the session bus or
    // can be started by it.
    static void checkService(int timeoutMs, QObject *context, ServiceCallback callback);
};
