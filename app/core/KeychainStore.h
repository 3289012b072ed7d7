#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

// Asynchronous access to the OS keychain through QtKeychain, under one
// service name. Jobs run one at a time in QtKeychain's own queue; a job that
// has not finished within the timeout is reported as TimedOut and left to
// finish on its own, because deleting a running job can crash the backend.
class KeychainStore : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *DefaultServiceName = "denvr-signin";
    static constexpr int DefaultTimeoutMs = 10000;

    enum class Status {
        Ok,
        NotFound,            // no entry under that key
        NoBackend,           // no Secret Service on the session bus (or no keychain at all)
        AccessDenied,        // keyring locked and the unlock prompt cancelled
        TimedOut,            // the keychain did not reply within the timeout
        OtherError
    };
    Q_ENUM(Status)

    struct Outcome
    {
        Status status = Status::Ok;
        QByteArray data;          // the secret, for a successful read
        QString errorString;      // QtKeychain's text, for logs and details
        bool ok() const { return status == Status::Ok; }
    };

    using Callback = std::function<void(const Outcome &)>;

    explicit KeychainStore(const QString &serviceName = QString::fromLatin1(DefaultServiceName),
                           QObject *parent = nullptr);

    QString serviceName() const { return m_serviceName; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    // Each call invokes its callback exactly once, on the thread of this
    // object, unless context has been destroyed by then. It is not invoked
    // either when this store is destroyed first, so keep the store alive until
    // the answer arrives. context may be nullptr.
    void read(const QString &key, QObject *context, Callback callback);
    void write(const QString &key, const QByteArray &data, QObject *context, Callback callback);
    void remove(const QString &key, QObject *context, Callback callback);

    // A translated sentence for the user: what failed and what to do.
    static QString describe(const Outcome &outcome);

private:
    QString m_serviceName;
    int m_timeoutMs = DefaultTimeoutMs;
};
