#include "ApiCall.h"

#include "Clock.h"
#include "LoggingCategories.h"
#include "RequestBody.h"
#include "ResponseParser.h"

#include <QCoreApplication>
#include <QMetaEnum>
#include <QNetworkReply>
#include <QSslError>

namespace {

QString endpointName(ApiCall::Endpoint endpoint)
{
    return QString::fromLatin1(QMetaEnum::fromType<ApiCall::Endpoint>().valueToKey(static_cast<int>(endpoint)));
}

// Qt writes the request URL into some error strings, and the RefreshToken
// URL carries the refresh token in its query, so every form of it is cut.
QString withoutRequestQuery(QString text, const QUrl& requestUrl)
{
    if (!requestUrl.hasQuery())
        return text;

    const QString safeUrl = requestUrl.adjusted(QUrl::RemoveQuery).toString();
    text.replace(requestUrl.toString(QUrl::FullyEncoded), safeUrl);
    text.replace(requestUrl.toString(), safeUrl);
    text.replace(requestUrl.toDisplayString(), safeUrl);
    return text;
}

bool isTransportKind(ApiError::Kind kind)
{
    return kind == ApiError::Kind::TlsFailure || kind == ApiError::Kind::NetworkUnreachable;
}

} // namespace

ApiCall::ApiCall(Endpoint endpoint, QNetworkReply* reply, const QUrl& serverUrl, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_reply(reply)
    , m_serverUrl(serverUrl)
{
    m_elapsed.start();

    if (!reply)
        return;

    connect(reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
    connect(reply, &QNetworkReply::downloadProgress, this, &ApiCall::onDownloadProgress);
    connect(reply, &QNetworkReply::readyRead, this, [this] {
        if (m_reply)
            onDownloadProgress(m_reply->bytesAvailable(), -1);
    });

    // The errors are only recorded: peer verification stays on, so Qt then
    // fails the handshake with SslHandshakeFailedError.
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            m_sslErrors.append(error.errorString());
    });

    if (reply->isFinished())
        QMetaObject::invokeMethod(this, &ApiCall::onReplyFinished, Qt::QueuedConnection);
}

ApiCall::~ApiCall()
{
    if (!m_reply)
        return;

    // Deleted directly while the reply was still running: no finished() then.
    m_reply->disconnect(this);
    m_reply->abort();
    if (m_requestBody)
        m_requestBody->wipe();
    m_reply->deleteLater();
}

void ApiCall::abort()
{
    if (m_finished)
        return;

    qCInfo(lcApi).noquote() << QStringLiteral("%1 cancelled by the caller").arg(endpointName(m_endpoint));
    m_aborted = true;

    // QNetworkReply::abort() normally emits finished() at once. The direct
    // call below covers a call that has no reply or whose reply stays silent.
    if (m_reply)
        m_reply->abort();

    if (!m_finished)
        finish(parseReply(HttpReply()));
}

void ApiCall::adoptRequestBody(RequestBody* body)
{
    // A child of the reply, which Qt reads it for, so that it outlives every
    // read. The reply is deleted later than this call.
    body->setParent(m_reply ? static_cast<QObject*>(m_reply.data()) : this);
    m_requestBody = body;

    if (m_finished)
        m_requestBody->wipe();
}

void ApiCall::finishLater(const ApiError& error)
{
    QMetaObject::invokeMethod(
        this, [this, error] { finish(error); }, Qt::QueuedConnection);
}

void ApiCall::setDeadline(int milliseconds)
{
    if (m_finished || !m_reply)
        return;

    delete m_deadline;
    m_deadline = new QTimer(this);
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, [this, milliseconds] {
        if (m_finished || !m_reply)
            return;

        // The aborted reply reports OperationCanceledError, which ResponseParser
        // classifies as Timeout because the caller did not cancel.
        qCWarning(lcApi).noquote() << QStringLiteral("%1: no complete response within %2 ms, aborting it")
                                          .arg(endpointName(m_endpoint))
                                          .arg(milliseconds);
        m_reply->abort();
    });
    m_deadline->start(milliseconds);
}

void ApiCall::onReplyFinished()
{
    if (m_finished)
        return;

    finish(parseReply(collectReply()));
}

void ApiCall::onDownloadProgress(qint64 bytesReceived, qint64 bytesTotal)
{
    if (m_finished || m_tooLarge || !m_reply)
        return;

    if (bytesReceived <= MaxResponseBytes && bytesTotal <= MaxResponseBytes)
        return;

    qCWarning(lcApi).noquote() << QStringLiteral("%1: response exceeds %2 bytes, aborting it")
                                      .arg(endpointName(m_endpoint))
                                      .arg(MaxResponseBytes);
    m_tooLarge = true;
    m_reply->abort();
}

HttpReply ApiCall::collectReply() const
{
    HttpReply reply;
    reply.serverUrl = m_serverUrl;
    reply.receivedAt = Clock::instance()->currentUtc();

    if (!m_reply)
        return reply;

    reply.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply.contentType = m_reply->rawHeader("Content-Type");
    reply.networkError = m_reply->error();

    // After an abort, by the caller, the size limit or the transfer timeout, the reply is closed.
    if (!m_tooLarge && m_reply->isOpen())
        reply.body = m_reply->readAll();

    // Qt 6.4.2 sometimes reports a body that a connection reset cut short as
    // complete, with NoError. A compressed body has no comparable length.
    const QVariant declaredLength = m_reply->header(QNetworkRequest::ContentLengthHeader);
    const bool cutShort = reply.networkError == QNetworkReply::NoError && declaredLength.isValid()
                          && m_reply->rawHeader("Content-Encoding").isEmpty()
                          && reply.body.size() < declaredLength.toLongLong();
    if (cutShort) {
        reply.networkError = QNetworkReply::RemoteHostClosedError;
        reply.networkErrorString = QStringLiteral("The connection closed after %1 of the %2 bytes of the response.")
                                       .arg(reply.body.size())
                                       .arg(declaredLength.toLongLong());
    }

    if (!m_sslErrors.isEmpty())
        reply.networkErrorString = m_sslErrors.join(QLatin1Char('\n'));
    else if (reply.networkError != QNetworkReply::NoError && !cutShort)
        reply.networkErrorString = withoutRequestQuery(m_reply->errorString(), m_reply->url());

    return reply;
}

ApiError ApiCall::parseReply(const HttpReply& reply)
{
    const QString server = m_serverUrl.host();

    if (m_aborted) {
        ApiError error;
        error.kind = ApiError::Kind::Cancelled;
        error.httpStatus = reply.status;
        error.message = QCoreApplication::translate("ApiError", "The request to %1 was cancelled.").arg(server);
        return error;
    }

    if (m_tooLarge) {
        ApiError error;
        error.kind = ApiError::Kind::MalformedResponse;
        error.httpStatus = reply.status;
        error.message =
            QCoreApplication::translate("ApiError", "The response from %1 is not in the DenvrCloud API format. "
                                                    "Check the server address, then try again.")
                .arg(server);
        error.details = QCoreApplication::translate("ApiError", "The server's response was larger than 1 MiB.");
        return error;
    }

    ApiError error;
    switch (m_endpoint) {
    case Endpoint::Authenticate:
        error = ResponseParser::parseAuthenticate(reply, &m_authenticateResult);
        break;
    case Endpoint::SendTwoFactorCode:
        error = ResponseParser::parseSendTwoFactorCode(reply);
        break;
    case Endpoint::RefreshToken:
        error = ResponseParser::parseRefreshToken(reply, &m_refreshResult);
        break;
    case Endpoint::LogOut:
        error = ResponseParser::parseEmptyResult(reply);
        break;
    }

    if (error.kind == ApiError::Kind::TlsFailure)
        error.certificateRejected = !m_sslErrors.isEmpty();

    // Kept on success too, for the log line.
    error.httpStatus = reply.status;
    return error;
}

void ApiCall::finish(const ApiError& error)
{
    if (m_finished)
        return;

    m_finished = true;
    m_error = error;

    QString outcome = QStringLiteral("ok");
    if (error.isError())
        outcome = ApiError::kindName(error.kind);
    else if (m_endpoint == Endpoint::Authenticate &&
             m_authenticateResult.kind == AuthenticateResult::Kind::TwoFactorRequired)
        outcome = QStringLiteral("ok, two-factor required");

    const QString summary = QStringLiteral("%1: HTTP %2, %3 ms, %4")
                                .arg(endpointName(m_endpoint))
                                .arg(error.httpStatus)
                                .arg(m_elapsed.elapsed())
                                .arg(outcome);
    if (!error.isError() || error.kind == ApiError::Kind::Cancelled)
        qCInfo(lcApi).noquote() << summary;
    else if (isTransportKind(error.kind))
        qCWarning(lcApi).noquote() << summary << error.details;
    else
        qCWarning(lcApi).noquote() << summary;

    if (m_requestBody)
        m_requestBody->wipe();

    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply.clear();
    }

    emit finished();
    deleteLater();
}
