#include "KeychainStore.h"

#include "LoggingCategories.h"
#include "SecretServiceProbe.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMetaEnum>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

// KeychainStore stores secrets as text. With libsecret, QtKeychain 0.13.2
// saves text under the attributes server=<service>, user=<key> and
// type=plaintext, so `secret-tool lookup server <service> user <key>` prints
// the JSON unchanged. Binary data would be stored base64-encoded instead.
//
// QtKeychain 0.13.2 hides a locked collection whose unlock prompt failed or
// was cancelled: a read of an entry in it reports EntryNotFound, and a remove
// reports success while the entry stays. After those two results the store
// asks the Secret Service whether a locked item has the entry's attributes,
// and reports AccessDenied if one does. When the Secret Service cannot be
// asked, QtKeychain's result is kept.

namespace {

using Status = KeychainStore::Status;

// One read, write or remove. The job's result and the timeout race for the
// callback, and only the first of them delivers an outcome.
struct Request
{
    QString operation;              // "read", "write" or "remove", for logs
    QString key;
    QPointer<QObject> context;
    bool hasContext = false;
    KeychainStore::Callback callback;
    bool delivered = false;
    int timeoutMs = 0;
    QElapsedTimer elapsed;
    QPointer<QTimer> timeout;       // stopped on delivery, so that it causes no later wake-up
};

using RequestPointer = std::shared_ptr<Request>;

// Returns true when errorString reports that there is no session bus or that
// nothing provides the Secret Service on it. The libsecret backend of
// QtKeychain 0.13.2 reports these cases as OtherError carrying the GLib
// message. Observed messages: "Could not connect: No such file or directory"
// (DBUS_SESSION_BUS_ADDRESS names a missing socket), "Cannot autolaunch D-Bus
// without X11 $DISPLAY" (no address at all) and "The name
// org.freedesktop.secrets was not provided by any .service files" (a bus
// where no keyring is installed). GLib translates the first two, so
// checkForMissingService() asks the session bus as well. This match still
// decides when that check gets no answer, and when the bus has a .service
// file for the Secret Service but fails to start it.
bool isMissingSecretService(const QString &errorString)
{
    return errorString.contains(QLatin1String("org.freedesktop.secrets"))
        || errorString.startsWith(QLatin1String("Could not connect:"))
        || errorString.startsWith(QLatin1String("Cannot autolaunch D-Bus"));
}

// Maps a QtKeychain result onto Status. Every job result passes through here.
// The Secret Service checks after some results can still change the status.
Status statusFor(QKeychain::Error error, const QString &errorString)
{
    switch (error) {
    case QKeychain::NoError:
        return Status::Ok;
    case QKeychain::EntryNotFound:
        return Status::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Status::NoBackend;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Status::AccessDenied;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }

    return isMissingSecretService(errorString) ? Status::NoBackend : Status::OtherError;
}

QString statusName(Status status)
{
    return QString::fromLatin1(QMetaEnum::fromType<Status>().valueToKey(int(status)));
}

// Hands the outcome to the callback unless an earlier outcome was delivered
// or the context object is gone. The callback is released afterwards so
// that whatever it captured does not wait for the timeout to pass.
void deliver(const RequestPointer &request, const KeychainStore::Outcome &outcome)
{
    request->delivered = true;
    const KeychainStore::Callback callback = std::move(request->callback);
    request->callback = nullptr;

    if (request->timeout) {
        request->timeout->stop();
        request->timeout->deleteLater();
    }

    if (request->hasContext && !request->context) {
        qCDebug(lcKeychain).noquote() << "Dropped the" << request->operation << "result of" << request->key
                                      << "because its context object was destroyed";
        return;
    }

    if (callback)
        callback(outcome);
}

// Logs the final outcome of request and delivers it. A result that arrives
// after the timeout was reported is only logged.
void report(const RequestPointer &request, const KeychainStore::Outcome &outcome)
{
    if (request->delivered) {
        qCDebug(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key << "finished after"
                                      << request->elapsed.elapsed() << "ms, when its timeout had been reported, so"
                                      << "its result" << statusName(outcome.status) << "was ignored";
        return;
    }

    if (outcome.ok()) {
        qCInfo(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key << "succeeded";
    } else if (outcome.status == Status::NotFound) {
        qCInfo(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key
                                     << "found no entry:" << statusName(outcome.status) << outcome.errorString;
    } else {
        qCWarning(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key << "failed:"
                                        << statusName(outcome.status) << outcome.errorString;
    }

    deliver(request, outcome);
}

// The time left of the request's timeout, which also bounds the Secret
// Service checks after the job.
int remainingMs(const RequestPointer &request)
{
    return int(qMax<qint64>(0, request->timeoutMs - request->elapsed.elapsed()));
}

// Reports outcome, a read that found nothing or a successful remove, as
// AccessDenied when the Secret Service lists the entry in a locked collection.
void checkForLockedEntry(KeychainStore *store, const RequestPointer &request, KeychainStore::Outcome outcome)
{
    using ItemState = SecretServiceProbe::ItemState;

    const auto onChecked = [request, outcome](ItemState state, const QString &detail) mutable {
        // An unlocked item found after a successful remove was written after
        // it, so the result is kept.
        if (state == ItemState::Locked) {
            qCInfo(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key
                                         << "reported" << statusName(outcome.status) << "but" << detail;
            outcome.status = Status::AccessDenied;
            outcome.errorString = request->operation == QLatin1String("remove")
                ? QStringLiteral("The keyring is locked and was not unlocked, so the entry was not removed")
                : QStringLiteral("The keyring is locked and was not unlocked, so the entry could not be read");
        } else if (state == ItemState::Unknown) {
            qCWarning(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key
                                            << "could not check for a locked keyring, so the result"
                                            << statusName(outcome.status) << "is kept:" << detail;
        } else {
            qCDebug(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key
                                          << "checked for a locked keyring:" << detail;
        }

        report(request, outcome);
    };

    SecretServiceProbe::findItem(store->serviceName(), request->key, remainingMs(request), store, onChecked);
}

// Reports outcome, an OtherError, as NoBackend when there is no session bus or
// nothing on it provides the Secret Service. Unlike the message match in
// statusFor(), this check does not depend on the language of GLib's messages.
void checkForMissingService(KeychainStore *store, const RequestPointer &request, KeychainStore::Outcome outcome)
{
    using ServiceState = SecretServiceProbe::ServiceState;

    const auto onChecked = [request, outcome](ServiceState state, const QString &detail) mutable {
        if (state == ServiceState::Missing) {
            qCInfo(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key
                                         << "reported" << statusName(outcome.status) << "and" << detail;
            outcome.status = Status::NoBackend;
        } else if (state == ServiceState::Unknown) {
            qCWarning(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key
                                            << "could not ask the session bus for the Secret Service, so the"
                                            << "status" << statusName(outcome.status)
                                            << "comes from the error message:" << detail;
        } else {
            qCDebug(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key
                                          << "checked for the Secret Service:" << detail;
        }

        report(request, outcome);
    };

    SecretServiceProbe::checkService(remainingMs(request), store, onChecked);
}

void finishRequest(KeychainStore *store, const RequestPointer &request, QKeychain::Job *job)
{
    KeychainStore::Outcome outcome;
    outcome.status = statusFor(job->error(), job->errorString());
    outcome.errorString = job->errorString();

    if (request->delivered) {
        report(request, outcome);
        return;
    }

    auto *readJob = qobject_cast<QKeychain::ReadPasswordJob *>(job);
    if (outcome.ok() && readJob)
        outcome.data = readJob->textData().toUtf8();

    const QKeychain::Error error = job->error();
    const bool isRemove = qobject_cast<QKeychain::DeletePasswordJob *>(job) != nullptr;

    if ((readJob && error == QKeychain::EntryNotFound) || (isRemove && error == QKeychain::NoError)) {
        checkForLockedEntry(store, request, outcome);
        return;
    }

    if (error == QKeychain::OtherError || error == QKeychain::CouldNotDeleteEntry) {
        checkForMissingService(store, request, outcome);
        return;
    }

    report(request, outcome);
}

void timeOutRequest(const RequestPointer &request)
{
    if (request->delivered)
        return;

    KeychainStore::Outcome outcome;
    outcome.status = Status::TimedOut;
    outcome.errorString = QStringLiteral("The keychain sent no reply within %1 ms").arg(request->timeoutMs);
    qCWarning(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key << "failed:"
                                    << statusName(outcome.status) << outcome.errorString;

    deliver(request, outcome);
}

RequestPointer makeRequest(const QString &operation, const QString &key, int timeoutMs, QObject *context,
                           KeychainStore::Callback callback)
{
    auto request = std::make_shared<Request>();
    request->operation = operation;
    request->key = key;
    request->context = context;
    request->hasContext = context != nullptr;
    request->callback = std::move(callback);
    request->timeoutMs = timeoutMs;
    request->elapsed.start();
    return request;
}

// Starts job and arms the timeout. The job has no parent and deletes itself
// once it has finished, because QtKeychain's autoDelete is on. libsecret
// calls back into the job when its D-Bus call returns, so the job must live
// until then, even after its timeout or after the store is destroyed. The
// connections and the Secret Service checks use the store as context, so no
// callback runs once the store is gone.
void startJob(KeychainStore *store, QKeychain::Job *job, const RequestPointer &request)
{
    qCDebug(lcKeychain).noquote() << "Keychain" << request->operation << "of" << request->key << "started";

    QObject::connect(job, &QKeychain::Job::finished, store,
                     [store, request](QKeychain::Job *finishedJob) { finishRequest(store, request, finishedJob); });
    auto *timeout = new QTimer(store);
    timeout->setSingleShot(true);
    QObject::connect(timeout, &QTimer::timeout, store, [request] { timeOutRequest(request); });
    request->timeout = timeout;
    timeout->start(request->timeoutMs);

    job->start();
}

} // namespace

KeychainStore::KeychainStore(const QString &serviceName, QObject *parent)
    : QObject(parent)
    , m_serviceName(serviceName)
{
}

void KeychainStore::read(const QString &key, QObject *context, Callback callback)
{
    auto *job = new QKeychain::ReadPasswordJob(m_serviceName);
    job->setKey(key);

    startJob(this, job, makeRequest(QStringLiteral("read"), key, m_timeoutMs, context, std::move(callback)));
}

void KeychainStore::write(const QString &key, const QByteArray &data, QObject *context, Callback callback)
{
    const RequestPointer request = makeRequest(QStringLiteral("write"), key, m_timeoutMs, context, std::move(callback));

    // libsecret stores text as a NUL-terminated UTF-8 string, so other bytes
    // would come back changed or cut short. They are rejected instead.
    if (!data.isValidUtf8() || data.contains('\0')) {
        Outcome outcome;
        outcome.status = Status::OtherError;
        outcome.errorString = QStringLiteral("The data is not UTF-8 text without NUL bytes");
        qCWarning(lcKeychain).noquote() << "Keychain write of" << key << "failed:" << statusName(outcome.status)
                                        << outcome.errorString;
        QTimer::singleShot(0, this, [request, outcome] { deliver(request, outcome); });
        return;
    }

    auto *job = new QKeychain::WritePasswordJob(m_serviceName);
    job->setKey(key);
    job->setTextData(QString::fromUtf8(data));

    startJob(this, job, request);
}

void KeychainStore::remove(const QString &key, QObject *context, Callback callback)
{
    auto *job = new QKeychain::DeletePasswordJob(m_serviceName);
    job->setKey(key);

    startJob(this, job, makeRequest(QStringLiteral("remove"), key, m_timeoutMs, context, std::move(callback)));
}

QString KeychainStore::describe(const Outcome &outcome)
{
    switch (outcome.status) {
    case Status::Ok:
        return {};
    case Status::NotFound:
        return QCoreApplication::translate("KeychainStore",
                                           "No saved sign-in was found in the keychain. "
                                           "Sign in again to save one.");
    case Status::NoBackend:
        return QCoreApplication::translate("KeychainStore",
                                           "No keychain is available (the Secret Service is not running on the "
                                           "session bus). Start GNOME Keyring, KWallet or another Secret "
                                           "Service to have sessions remembered.");
    case Status::AccessDenied:
        return QCoreApplication::translate("KeychainStore",
                                           "The keychain is locked and was not unlocked. Unlock it, for example "
                                           "by logging out and in again or with your desktop's keyring manager, "
                                           "then choose Retry.");
    case Status::TimedOut:
        // The sentence names the default timeout because only tests change it.
        return QCoreApplication::translate("KeychainStore",
                                           "The keychain did not answer within %n seconds. It may be waiting for "
                                           "you to unlock it, so look for a password prompt, then try again.",
                                           nullptr, DefaultTimeoutMs / 1000);
    case Status::OtherError:
        break;
    }

    if (outcome.errorString.isEmpty()) {
        return QCoreApplication::translate("KeychainStore",
                                           "The keychain reported an error. Try again, and if the error stays, "
                                           "restart your desktop session.");
    }

    return QCoreApplication::translate("KeychainStore",
                                       "The keychain reported an error: %1. Try again, and if the error stays, "
                                       "restart your desktop session.")
        .arg(outcome.errorString);
}
