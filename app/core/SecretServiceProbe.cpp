#include "SecretServiceProbe.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDeadlineTimer>
#include <QMap>
#include <QStringList>

// The first call of QDBusConnection::sessionBus() in a process connects to the
// bus synchronously. That is a local socket handshake, done once. Every later
// call here is asynchronous.

namespace {

const QString secretServiceName = QStringLiteral("org.freedesktop.secrets");

// D-Bus takes a timeout in milliseconds, where 0 or less would mean its
// default of 25 s, so an expired deadline still gets 1 ms.
int remainingMs(const QDeadlineTimer &deadline)
{
    return int(qMax<qint64>(1, deadline.remainingTime()));
}

QDBusMessage busDaemonCall(const QString &method, const QVariantList &arguments)
{
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
                                                       QStringLiteral("/org/freedesktop/DBus"),
                                                       QStringLiteral("org.freedesktop.DBus"), method);
    call.setArguments(arguments);
    return call;
}

// Sends call and hands the finished watcher to onFinished, on the thread of
// context. The watcher belongs to context, so it is deleted with it.
void sendCall(const QDBusMessage &call, const QDeadlineTimer &deadline, QObject *context,
              std::function<void(QDBusPendingCallWatcher *)> onFinished)
{
    const QDBusPendingCall pending = QDBusConnection::sessionBus().asyncCall(call, remainingMs(deadline));
    auto *watcher = new QDBusPendingCallWatcher(pending, context);

    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [onFinished = std::move(onFinished)](QDBusPendingCallWatcher *finished) {
                         finished->deleteLater();
                         onFinished(finished);
                     });
}

// Runs callback on the thread of context once control returns to its event
// loop, so that a probe never calls back before it returns.
template <typename Callback, typename State>
void callLater(QObject *context, Callback callback, State state, const QString &detail)
{
    QMetaObject::invokeMethod(
        context, [callback = std::move(callback), state, detail] { callback(state, detail); }, Qt::QueuedConnection);
}

// Asks the bus whether it can start the Secret Service, after nothing owned
// its name.
void checkActivatable(const QDeadlineTimer &deadline, QObject *context, SecretServiceProbe::ServiceCallback callback)
{
    using State = SecretServiceProbe::ServiceState;

    sendCall(busDaemonCall(QStringLiteral("ListActivatableNames"), {}), deadline, context,
             [callback = std::move(callback)](QDBusPendingCallWatcher *watcher) {
                 const QDBusPendingReply<QStringList> reply = *watcher;
                 if (reply.isError()) {
                     callback(State::Unknown, reply.error().name() + QStringLiteral(": ") + reply.error().message());
                     return;
                 }

                 if (reply.value().contains(secretServiceName)) {
                     callback(State::Available, secretServiceName + QStringLiteral(" can be started by the session bus"));
                     return;
                 }

                 callback(State::Missing,
                          secretServiceName + QStringLiteral(" is neither owned nor activatable on the session bus"));
             });
}

} // namespace

void SecretServiceProbe::findItem(const QString &serviceName, const QString &key, int timeoutMs, QObject *context,
                                  ItemCallback callback)
{
    static const QMetaType attributesType = qDBusRegisterMetaType<QMap<QString, QString>>();
    Q_UNUSED(attributesType)

    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        callLater(context, std::move(callback), ItemState::Unknown,
                  QStringLiteral("No session bus: ") + bus.lastError().message());
        return;
    }

    // SearchItems(a{ss} attributes) -> (ao unlocked, ao locked). It only reads
    // attributes, which stay readable in a locked collection, so it neither
    // unlocks anything nor shows a prompt.
    QDBusMessage call = QDBusMessage::createMethodCall(secretServiceName, QStringLiteral("/org/freedesktop/secrets"),
                                                       QStringLiteral("org.freedesktop.Secret.Service"),
                                                       QStringLiteral("SearchItems"));
    const QMap<QString, QString> attributes{{QStringLiteral("server"), serviceName}, {QStringLiteral("user"), key}};
    call << QVariant::fromValue(attributes);

    sendCall(call, QDeadlineTimer(timeoutMs), context, [callback = std::move(callback)](QDBusPendingCallWatcher *watcher) {
        const QDBusPendingReply<QList<QDBusObjectPath>, QList<QDBusObjectPath>> reply = *watcher;
        if (reply.isError()) {
            callback(ItemState::Unknown, reply.error().name() + QStringLiteral(": ") + reply.error().message());
            return;
        }

        const int unlocked = int(reply.argumentAt<0>().size());
        const int locked = int(reply.argumentAt<1>().size());
        const QString detail = QStringLiteral("SearchItems found %1 unlocked and %2 locked items").arg(unlocked).arg(locked);

        if (locked > 0)
            callback(ItemState::Locked, detail);
        else if (unlocked > 0)
            callback(ItemState::Unlocked, detail);
        else
            callback(ItemState::Missing, detail);
    });
}

void SecretServiceProbe::checkService(int timeoutMs, QObject *context, ServiceCallback callback)
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        callLater(context, std::move(callback), ServiceState::Missing,
                  QStringLiteral("No session bus: ") + bus.lastError().message());
        return;
    }

    const QDeadlineTimer deadline(timeoutMs);

    sendCall(busDaemonCall(QStringLiteral("NameHasOwner"), {secretServiceName}), deadline, context,
             [deadline, context, callback = std::move(callback)](QDBusPendingCallWatcher *watcher) mutable {
                 const QDBusPendingReply<bool> reply = *watcher;
                 if (reply.isError()) {
                     callback(ServiceState::Unknown,
                              reply.error().name() + QStringLiteral(": ") + reply.error().message());
                     return;
                 }

                 if (reply.value()) {
                     callback(ServiceState::Available, secretServiceName + QStringLiteral(" is owned on the session bus"));
                     return;
                 }

                 checkActivatable(deadline, context, std::move(callback));
             });
}
