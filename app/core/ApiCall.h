#pragma once

#include "ApiError.h"
#include "ApiResults.h"
#include "HttpReply.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class QNetworkReply;
class RequestBody;

// One TokenAuth request in flight. It emits finished() exactly once, also
// after abort(), and deletes itself later in the event loop; read the
// outcome inside the slot connected to finished().
class ApiCall : public QObject
{
    Q_OBJECT

public:
    enum class Endpoint { Authenticate, SendTwoFactorCode, RefreshToken, LogOut };
    Q_ENUM(Endpoint)

    // A reply body above this size is aborted and reported as MalformedResponse.
    // NOTE: The abort waits for the event loop. Qt 6.4.2's HTTP thread meanwhile
    // reads whatever the network delivers, so a body that arrives at loopback
    // speed can be buffered in full before the abort. A probe buffered all
    // 10 MiB of a body that a local test server sent unpaced.
    static constexpr qint64 MaxResponseBytes = 1024 * 1024;

    ApiCall(Endpoint endpoint, QNetworkReply *reply, const QUrl &serverUrl, QObject *parent = nullptr);
    ~ApiCall() override;

    Endpoint endpoint() const { return m_endpoint; }
    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && !m_error.isError(); }

    // Valid once finished() was emitted.
    const ApiError &error() const { return m_error; }
    const AuthenticateResult &authenticateResult() const { return m_authenticateResult; }
    const RefreshResult &refreshResult() const { return m_refreshResult; }

    // Finishes with the error from the event loop, so that the caller can
    // connect to finished() first. For calls rejected before sending.
    void finishLater(const ApiError &error);

    // Aborts the request with a Timeout error when it has not finished within
    // milliseconds in total. QNetworkRequest's transfer timeout restarts with
    // every byte received, so a server that drips its response would hold the
    // call for as long as it likes without this.
    void setDeadline(int milliseconds);

    // Takes the body of the request, which contains a secret, and wipes it as
    // soon as the call has ended. The body becomes a child of the reply.
    void adoptRequestBody(RequestBody *body);

public slots:
    // Aborts the request; finished() follows with an error of kind Cancelled.
    void abort();

signals:
    void finished();

private:
    void onReplyFinished();
    void onDownloadProgress(qint64 bytesReceived, qint64 bytesTotal);
    HttpReply collectReply() const;
    ApiError parseReply(const HttpReply &reply);
    void finish(const ApiError &error);

    Endpoint m_endpoint;
    QPointer<QNetworkReply> m_reply;
    QPointer<RequestBody> m_requestBody;
    QUrl m_serverUrl;
    bool m_finished = false;
    bool m_aborted = false;
    bool m_tooLarge = false;
    QStringList m_sslErrors;
    QElapsedTimer m_elapsed;
    QTimer *m_deadline = nullptr;
    ApiError m_error;
    AuthenticateResult m_authenticateResult;
    RefreshResult m_refreshResult;
};
