#include "ResponseParser.h"

#include "Envelope.h"
#include "ServerUrl.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <limits>

namespace {

// The exact message ABP sends with the 500 for a wrong or reused two-factor code.
const QString invalidSecurityCodeMessage = QStringLiteral("Invalid security code!");

using Kind = ApiError::Kind;

QString serverName(const HttpReply& reply)
{
    const QString host = reply.serverUrl.host();
    if (host.isEmpty())
        return QCoreApplication::translate("ApiError", "the server");
    return host;
}

bool isSuccessStatus(int status)
{
    return status >= 200 && status < 300;
}

ApiError makeError(Kind kind, const HttpReply& reply, const QString& message, const QString& details = {})
{
    ApiError error;
    error.kind = kind;
    error.httpStatus = reply.status;
    error.message = message;
    error.details = details;
    return error;
}

// QNetworkReply reports socket, DNS, TLS and proxy failures with codes below
// 200. Codes from 200 on only restate an HTTP status that the body explains.
bool isTransportFailure(const HttpReply& reply)
{
    if (reply.networkError == QNetworkReply::NoError)
        return false;

    return reply.networkError < QNetworkReply::ContentAccessDenied || reply.status == 0;
}

ApiError networkFailure(const HttpReply& reply)
{
    const QString server = serverName(reply);

    switch (reply.networkError) {
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        // ApiCall turns its own abort() into Cancelled before parsing, so a
        // cancelled operation that reaches this point is the transfer timeout.
        return makeError(Kind::Timeout, reply,
                         QCoreApplication::translate(
                             "ApiError", "The request to %1 timed out. Check your network connection, then try again.")
                             .arg(server));

    case QNetworkReply::ConnectionRefusedError:
        return makeError(Kind::ConnectionRefused, reply,
                         QCoreApplication::translate("ApiError",
                                                     "Could not connect to %1: the connection was refused. "
                                                     "Check the server address and your network, then try again.")
                             .arg(server));

    case QNetworkReply::HostNotFoundError:
        return makeError(Kind::HostNotFound, reply,
                         QCoreApplication::translate(
                             "ApiError", "Could not find the server %1 on the network. "
                                         "Check the server address and your network connection, then try again.")
                             .arg(server));

    case QNetworkReply::SslHandshakeFailedError:
        return makeError(Kind::TlsFailure, reply,
                         QCoreApplication::translate(
                             "ApiError", "Could not open a secure connection to %1. If your company uses its own "
                                         "certificate authority, add its certificate, then try again.")
                             .arg(server),
                         reply.networkErrorString);

    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::TooManyRedirectsError:
        // Redirects may not leave the server's origin, so that the bearer token
        // stays with it. Such a server is misconfigured rather than unreachable.
        return makeError(Kind::ServerFault, reply,
                         QCoreApplication::translate(
                             "ApiError", "%1 redirected the request to another address, which is not followed. "
                                         "Check the server address.")
                             .arg(server),
                         reply.networkErrorString);

    default:
        return makeError(Kind::NetworkUnreachable, reply,
                         QCoreApplication::translate("ApiError", "Could not reach %1 because of a network error. "
                                                                 "Check your network connection, then try again.")
                             .arg(server),
                         reply.networkErrorString);
    }
}

QByteArray mediaType(const HttpReply& reply)
{
    const qsizetype parameters = reply.contentType.indexOf(';');
    const QByteArray type = parameters < 0 ? reply.contentType : reply.contentType.left(parameters);
    return type.trimmed().toLower();
}

// The published API responds with application/json, text/json or text/plain. The
// contract does not rule out a missing Content-Type or other JSON media types,
// so those are accepted as long as the body is an envelope.
bool isJsonMediaType(const QByteArray& type)
{
    if (type.isEmpty() || type == "application/json" || type == "text/json" || type == "text/plain")
        return true;

    return type.startsWith("application/") && type.endsWith("+json");
}

bool looksLikeHtml(const HttpReply& reply)
{
    return mediaType(reply) == "text/html" || reply.body.trimmed().startsWith('<');
}

ApiError malformed(const HttpReply& reply, const QString& reason)
{
    return makeError(Kind::MalformedResponse, reply,
                     QCoreApplication::translate("ApiError",
                                                 "The response from %1 is not in the DenvrCloud API format. "
                                                 "Check the server address, then try again.")
                         .arg(serverName(reply)),
                     reason);
}

// Explains why a body that should hold an envelope does not.
QString missingEnvelopeReason(const HttpReply& reply)
{
    if (looksLikeHtml(reply))
        return QCoreApplication::translate("ApiError", "The response is a web page, not JSON.");

    const QByteArray type = mediaType(reply);
    if (!isJsonMediaType(type))
        return QCoreApplication::translate("ApiError", "The response has the content type %1 instead of JSON.")
            .arg(QString::fromLatin1(type));

    if (reply.body.trimmed().isEmpty())
        return QCoreApplication::translate("ApiError", "The response is empty.");

    return QCoreApplication::translate("ApiError", "The response is not JSON wrapped in the ABP envelope.");
}

ApiError missingEnvelope(const HttpReply& reply)
{
    const QString server = serverName(reply);

    if (isSuccessStatus(reply.status))
        return malformed(reply, missingEnvelopeReason(reply));

    if (reply.status >= 500) {
        return makeError(
            Kind::ServerFault, reply,
            QCoreApplication::translate(
                "ApiError", "The request failed because of a problem at %1 (HTTP %2). Try again in a few minutes.")
                .arg(server)
                .arg(reply.status));
    }

    if (reply.status == 404) {
        return makeError(Kind::NotFound, reply,
                         QCoreApplication::translate(
                             "ApiError", "The request is not available at %1 (HTTP 404). Check the server address.")
                             .arg(server));
    }

    if (reply.status == 401 || reply.status == 403) {
        return makeError(
            Kind::Unauthorized, reply,
            QCoreApplication::translate("ApiError", "The session is no longer valid at %1 (HTTP %2). Sign in again.")
                .arg(server)
                .arg(reply.status));
    }

    return makeError(Kind::ServerFault, reply,
                     QCoreApplication::translate(
                         "ApiError", "Unexpected response from %1 (HTTP %2). Check the server address, then try again.")
                         .arg(server)
                         .arg(reply.status));
}

// Maps a failed envelope the same way for every endpoint. The endpoint
// parsers handle their own special cases before calling this.
ApiError envelopeFailure(const HttpReply& reply, const Envelope& envelope)
{
    const QString server = serverName(reply);
    ApiError error;

    if (reply.status == 400) {
        const QString message =
            envelope.errorMessage.isEmpty()
                ? QCoreApplication::translate("ApiError", "The request was rejected as invalid by %1.").arg(server)
                : envelope.errorMessage;
        const QString details = envelope.errorDetails.isEmpty() ? envelope.validationMessages.join(QLatin1Char('\n'))
                                                                : envelope.errorDetails;
        error = makeError(Kind::ValidationFailed, reply, message, details);
        error.invalidFields = envelope.validationMembers;
    } else if (reply.status == 401 || reply.status == 403) {
        error = makeError(
            Kind::Unauthorized, reply,
            QCoreApplication::translate("ApiError", "The session is no longer valid at %1. Sign in again.").arg(server),
            envelope.errorMessage);
    } else if (reply.status == 404) {
        error = makeError(Kind::NotFound, reply,
                          QCoreApplication::translate(
                              "ApiError", "The request is not available at %1 (HTTP 404). Check the server address.")
                              .arg(server),
                          envelope.errorMessage);
    } else {
        const QString message =
            envelope.errorMessage.isEmpty()
                ? QCoreApplication::translate("ApiError", "The request failed at %1 (HTTP %2). Try again later.")
                      .arg(server)
                      .arg(reply.status)
                : envelope.errorMessage;
        error = makeError(Kind::ServerFault, reply, message, envelope.errorDetails);
    }

    error.hasEnvelope = true;
    return error;
}

// Reads a lifetime in seconds, which must be a positive integer that fits an int.
bool readSeconds(const QJsonObject& object, const QString& key, int* seconds)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return false;

    const qint64 number = value.toInteger(-1);
    if (number <= 0 || number > std::numeric_limits<int>::max())
        return false;

    *seconds = static_cast<int>(number);
    return true;
}

// Reads the int64 user id. Qt 6 keeps a JSON integer literal as qint64, and
// toInteger() returns it without a round trip through double, so ids above
// 2^53 survive.
bool readUserId(const QJsonObject& object, qint64* userId)
{
    const QJsonValue value = object.value(QStringLiteral("userId"));
    if (!value.isDouble())
        return false;

    const qint64 number = value.toInteger(0);
    if (number <= 0)
        return false;

    *userId = number;
    return true;
}

QString missingField(const QString& name)
{
    return QCoreApplication::translate("ApiError", "The result lacks a valid %1.").arg(name);
}

// Fills *grant from a token result. Returns an empty string on success,
// otherwise the reason for a MalformedResponse.
QString readTokenGrant(const QJsonObject& result, const QDateTime& receivedAt, TokenGrant* grant)
{
    grant->accessToken = result.value(QStringLiteral("accessToken")).toString();
    if (grant->accessToken.isEmpty())
        return missingField(QStringLiteral("accessToken"));

    if (!readSeconds(result, QStringLiteral("expireInSeconds"), &grant->accessTokenLifetimeSeconds))
        return missingField(QStringLiteral("expireInSeconds"));

    grant->refreshToken = result.value(QStringLiteral("refreshToken")).toString();
    if (grant->refreshToken.isEmpty())
        return missingField(QStringLiteral("refreshToken"));

    if (!readSeconds(result, QStringLiteral("refreshTokenExpireInSeconds"), &grant->refreshTokenLifetimeSeconds))
        return missingField(QStringLiteral("refreshTokenExpireInSeconds"));

    if (!readUserId(result, &grant->userId))
        return missingField(QStringLiteral("userId"));

    grant->accessTokenExpiresAt = receivedAt.addSecs(grant->accessTokenLifetimeSeconds);
    grant->refreshTokenExpiresAt = receivedAt.addSecs(grant->refreshTokenLifetimeSeconds);
    grant->twoFactorRememberClientToken = result.value(QStringLiteral("twoFactorRememberClientToken")).toString();
    return {};
}

QString readChallenge(const QJsonObject& result, TwoFactorChallenge* challenge)
{
    if (!readUserId(result, &challenge->userId))
        return missingField(QStringLiteral("userId"));

    // A missing provider list still lets the user type a code from an authenticator app.
    const QJsonArray providers = result.value(QStringLiteral("twoFactorAuthProviders")).toArray();
    for (const QJsonValue& provider : providers) {
        if (!provider.isString())
            return missingField(QStringLiteral("twoFactorAuthProviders"));
        challenge->providers.append(provider.toString());
    }
    return {};
}

ApiError passwordResetRequired(const HttpReply& reply, const QJsonObject& result)
{
    ApiError error = makeError(
        Kind::PasswordResetRequired, reply,
        QCoreApplication::translate("ApiError", "You must change your password before you can sign in. "
                                                "Set a new password on the password reset page, then sign in again."));

    const QString opaqueCode = result.value(QStringLiteral("c")).toString();
    const QString resetCode = result.value(QStringLiteral("passwordResetCode")).toString();
    const qint64 userId = result.value(QStringLiteral("userId")).toInteger(0);

    error.resetUrl = ServerUrl::passwordResetUrl(reply.serverUrl, opaqueCode, userId, resetCode);
    error.hasEnvelope = true;
    return error;
}

ApiError authenticateFailure(const HttpReply& reply, const Envelope& envelope)
{
    if (reply.status == 401 || (isSuccessStatus(reply.status) && envelope.unAuthorizedRequest)) {
        const QString message = envelope.errorMessage.isEmpty()
                                    ? QCoreApplication::translate("ApiError", "The user name or password is incorrect.")
                                    : envelope.errorMessage;
        ApiError error = makeError(Kind::InvalidCredentials, reply, message, envelope.errorDetails);
        error.hasEnvelope = true;
        return error;
    }

    if (reply.status == 500 && envelope.errorMessage == invalidSecurityCodeMessage) {
        // The server's own words come first, and the hint tells the user what to do.
        ApiError error =
            makeError(Kind::InvalidSecurityCode, reply, envelope.errorMessage,
                      QCoreApplication::translate("ApiError", "The code is wrong or was already used. "
                                                              "Enter the current code."));
        error.hasEnvelope = true;
        return error;
    }

    return envelopeFailure(reply, envelope);
}

ApiError refreshFailure(const HttpReply& reply, const Envelope& envelope)
{
    // ABP responds to an invalid, expired or revoked refresh token with a generic 500.
    if (reply.status == 500 || reply.status == 401) {
        ApiError error = makeError(
            Kind::RefreshTokenRejected, reply,
            QCoreApplication::translate("ApiError", "The saved session is no longer valid at %1. Sign in again.")
                .arg(serverName(reply)),
            envelope.errorMessage);
        error.hasEnvelope = true;
        return error;
    }

    return envelopeFailure(reply, envelope);
}

// Returns the envelope of a reply that classifyTransportError() accepted.
Envelope acceptedEnvelope(const HttpReply& reply)
{
    return Envelope::parse(reply.body).value_or(Envelope());
}

} // namespace

namespace ResponseParser {

ApiError classifyTransportError(const HttpReply& reply)
{
    if (isTransportFailure(reply))
        return networkFailure(reply);

    if (reply.status == 0)
        return malformed(reply, QCoreApplication::translate("ApiError", "The response has no HTTP status."));

    // A body with a non-JSON content type is not trusted as an envelope, even if it parses.
    if (isJsonMediaType(mediaType(reply)) && Envelope::parse(reply.body))
        return {};

    return missingEnvelope(reply);
}

ApiError parseAuthenticate(const HttpReply& reply, AuthenticateResult* result)
{
    const ApiError transportError = classifyTransportError(reply);
    if (transportError.isError())
        return transportError;

    const Envelope envelope = acceptedEnvelope(reply);
    if (!envelope.success || !isSuccessStatus(reply.status))
        return authenticateFailure(reply, envelope);

    if (!envelope.result.isObject())
        return malformed(reply, QCoreApplication::translate("ApiError", "The response contains no result."));

    const QJsonObject object = envelope.result.toObject();

    if (object.value(QStringLiteral("shouldResetPassword")).toBool())
        return passwordResetRequired(reply, object);

    AuthenticateResult parsed;
    QString reason;
    if (object.value(QStringLiteral("requiresTwoFactorVerification")).toBool()) {
        parsed.kind = AuthenticateResult::Kind::TwoFactorRequired;
        reason = readChallenge(object, &parsed.challenge);
    } else {
        parsed.kind = AuthenticateResult::Kind::Tokens;
        reason = readTokenGrant(object, reply.receivedAt, &parsed.tokens);
    }

    if (!reason.isEmpty())
        return malformed(reply, reason);

    *result = parsed;
    return {};
}

ApiError parseRefreshToken(const HttpReply& reply, RefreshResult* result)
{
    const ApiError transportError = classifyTransportError(reply);
    if (transportError.isError())
        return transportError;

    const Envelope envelope = acceptedEnvelope(reply);
    if (!envelope.success || !isSuccessStatus(reply.status))
        return refreshFailure(reply, envelope);

    if (!envelope.result.isObject())
        return malformed(reply, QCoreApplication::translate("ApiError", "The response contains no result."));

    const QJsonObject object = envelope.result.toObject();

    RefreshResult parsed;
    parsed.accessToken = object.value(QStringLiteral("accessToken")).toString();
    if (parsed.accessToken.isEmpty())
        return malformed(reply, missingField(QStringLiteral("accessToken")));

    if (!readSeconds(object, QStringLiteral("expireInSeconds"), &parsed.accessTokenLifetimeSeconds))
        return malformed(reply, missingField(QStringLiteral("expireInSeconds")));

    parsed.accessTokenExpiresAt = reply.receivedAt.addSecs(parsed.accessTokenLifetimeSeconds);

    *result = parsed;
    return {};
}

ApiError parseEmptyResult(const HttpReply& reply)
{
    const ApiError transportError = classifyTransportError(reply);
    if (transportError.isError())
        return transportError;

    // A non-null result is ignored: these calls carry no payload the client needs.
    const Envelope envelope = acceptedEnvelope(reply);
    if (!envelope.success || !isSuccessStatus(reply.status))
        return envelopeFailure(reply, envelope);

    return {};
}

ApiError parseSendTwoFactorCode(const HttpReply& reply)
{
    ApiError error = parseEmptyResult(reply);
    if (error.kind != Kind::NotFound)
        return error;

    // The endpoint is absent from the published API, so some servers lack it.
    error.message = QCoreApplication::translate("ApiError", "This server (%1) cannot send security codes. "
                                                            "Enter the code from your authenticator app instead.")
                        .arg(serverName(reply));
    return error;
}

} // namespace ResponseParser
