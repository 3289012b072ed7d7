#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <optional>

// Runs the real denvr-fake-server executable (path from $DENVR_FAKE_SERVER)
// on 127.0.0.1 with a port chosen by the system, and collects its request log.
class FakeServer
{
public:
    struct User
    {
        QString userName;
        QString emailAddress;
        QString password;
        QStringList twoFactorProviders;
        QString twoFactorCode;
        bool shouldResetPassword = false;
        bool lockedOut = false;
        bool active = true;
        QJsonObject toJson() const;
    };

    struct Options
    {
        QList<User> users;
        QString tlsCertificatePath;      // PEM; with a key, the server speaks HTTPS
        QString tlsKeyPath;
        int accessTokenSeconds = 0;      // 0 keeps the server's default
        int refreshTokenSeconds = 0;
        QString stateFile;               // empty: tokens are forgotten on restart
        int delayMs = 0;
        int port = 0;                    // 0: any free port
        QStringList faults;              // "ENDPOINT=KIND" settings for --fault
        bool control = false;            // runs the control listener (--control-port 0)
    };

    FakeServer();
    ~FakeServer();

    // Starts the server and waits for its "listening on" line. Returns false
    // and fills errorMessage() when it did not start within 10 s.
    bool start(const Options &options);
    void stop();
    bool isRunning() const;

    QUrl url() const { return m_url; }

    // With faults or control: the listener that redirect faults point to.
    QUrl otherOriginUrl() const { return m_otherOriginUrl; }

    // With control: replaces the faults in force (PUT /faults); an empty list
    // clears them. Returns false and fills errorMessage() when the server
    // rejected them or did not respond within 5 s.
    bool setFaults(const QStringList &faults);

    // With control: the responses that transport faults took over, each
    // {path, kind, plannedBytes, sentBytes}, and the requests that reached the
    // other origin, each {method, target, headers: [[name, value], ...]}.
    // Empty when the control listener did not respond.
    QJsonArray faultResponses();
    QJsonArray otherOriginRequests();

    int port() const { return m_url.port(); }
    QString errorMessage() const { return m_errorMessage; }

    // Request lines seen so far, each "METHOD PATH STATUS".
    QStringList requestLog();
    int countRequests(const QString &method, const QString &path);

    // Waits until at least count lines matching method and path arrived.
    bool waitForRequests(const QString &method, const QString &path, int count, int timeoutMs = 10000);

    // A user with 2FA (Email and GoogleAuthenticator, code 123456), and a plain one.
    static User twoFactorUser();
    static User plainUser();

private:
    void readOutput();

    // Sends one request to the control listener and returns the body of a 200
    // response, or std::nullopt with errorMessage() filled.
    std::optional<QByteArray> control(const QByteArray &method, const QByteArray &path, const QByteArray &body = {});

    QProcess m_process;
    QTemporaryDir m_directory;
    QUrl m_url;
    QUrl m_controlUrl;
    QUrl m_otherOriginUrl;
    QStringList m_log;
    QByteArray m_pending;
    QString m_errorMessage;
};
