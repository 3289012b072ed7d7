#include "TokenAuthService.h"

#include "AbpEnvelope.h"
#include "AuthenticateModel.h"
#include "AuthenticateResultModel.h"
#include "FakeServerLog.h"
#include "SendTwoFactorAuthCodeModel.h"
#include "TokenGenerator.h"
#include "TokenStore.h"
#include "UserDirectory.h"

#include <QJsonObject>
#include <QUrlQuery>

namespace {

const QString invalidCredentialsMessage = QStringLiteral("Invalid user name or password");
const QString lockedOutMessage = QStringLiteral("The user account has been locked out. Please try again later.");
const QString notActiveMessage = QStringLiteral("The user account is not active.");
const QString invalidSecurityCodeMessage = QStringLiteral("Invalid security code!");
const QString notLoggedInMessage = QStringLiteral("Current user did not login to the application!");

// NOTE: the real server is believed to reject a code request without an open
// challenge too, but its wording is unknown, so this text is the fake server's own.
const QString noOpenChallengeMessage =
    QStringLiteral("No two-factor sign-in is in progress for this user. Sign in again to get a new code.");

HttpResponse rejected(const HttpRequest& request, const HttpResponse& response, const QString& reason)
{
    qCInfo(lcFakeServer).noquote().nospace()
        << "rejected " << request.method << ' ' << request.path << " with " << response.statusCode << ": " << reason;
    return response;
}

QString describeValidationErrors(const QList<ValidationError>& errors)
{
    QStringList members;
    for (const ValidationError& error : errors)
        members += error.members;
    return QStringLiteral("invalid request body (%1)").arg(members.join(QStringLiteral(", ")));
}

// Returns the refreshToken query parameter decoded as ASP.NET Core decodes a query
// string: '+' is a space, so a token sent with a raw '+' arrives damaged, and the
// parameter name is matched without regard to case.
QString refreshTokenParameter(const QByteArray& query)
{
    QByteArray formDecoded = query;
    formDecoded.replace('+', "%20");

    const QUrlQuery urlQuery(QString::fromUtf8(formDecoded));
    const auto items = urlQuery.queryItems(QUrl::FullyDecoded);
    for (const auto& item : items) {
        if (item.first.compare(QLatin1String("refreshToken"), Qt::CaseInsensitive) == 0)
            return item.second;
    }
    return {};
}

// Returns the token of an "Authorization: Bearer <token>" header, or an empty string.
QString bearerToken(const HttpRequest& request)
{
    const QByteArray authorization = request.header("authorization");
    const QByteArray scheme = "bearer ";
    if (authorization.size() <= scheme.size() || authorization.left(scheme.size()).toLower() != scheme)
        return {};
    return QString::fromUtf8(authorization.mid(scheme.size()).trimmed());
}

} // namespace

TokenAuthService::TokenAuthService(const UserDirectory& users, TokenStore& tokens, const TokenLifetimes& lifetimes)
    : m_users(users)
    , m_tokens(tokens)
    , m_lifetimes(lifetimes)
{}

HttpResponse TokenAuthService::authenticate(const HttpRequest& request)
{
    AuthenticateModel model;
    const QList<ValidationError> errors = model.bind(request.body);
    if (!errors.isEmpty())
        return rejected(request, AbpEnvelope::validationFailure(errors), describeValidationErrors(errors));

    // The checks follow ABP's AbpLogInManager.LoginAsyncInternal (Abp.ZeroCore):
    // lockout is checked before the password, and the active flag only after a
    // correct password, so a locked-out account is reported even to a caller who
    // does not know its password.
    const FakeUser* user = m_users.findByNameOrEmail(model.userNameOrEmailAddress);
    if (!user) {
        return rejected(request, AbpEnvelope::failure(401, invalidCredentialsMessage, true),
                        QStringLiteral("unknown user name or email address"));
    }
    if (user->lockedOut) {
        return rejected(request, AbpEnvelope::failure(401, lockedOutMessage, true),
                        QStringLiteral("user %1 is locked out").arg(user->userId));
    }
    if (user->password != model.password) {
        return rejected(request, AbpEnvelope::failure(401, invalidCredentialsMessage, true),
                        QStringLiteral("wrong password for user %1").arg(user->userId));
    }
    if (!user->active) {
        return rejected(request, AbpEnvelope::failure(401, notActiveMessage, true),
                        QStringLiteral("user %1 is not active").arg(user->userId));
    }

    // The real server fails with its generic 500 when singleSignIn is true without
    // a returnUrl. NOTE: this check sits after the credential checks on the
    // assumption that the real server builds the single sign-in URL only after a
    // successful login.
    if (model.singleSignIn && model.returnUrl.isEmpty()) {
        return rejected(request, AbpEnvelope::internalError(),
                        QStringLiteral("singleSignIn is true but returnUrl is missing"));
    }

    // A user who must reset the password gets no two-factor challenge.
    if (user->shouldResetPassword)
        return passwordResetResult(*user, model);

    QString rememberClientToken;
    const bool rememberedClient =
        m_tokens.isRememberClientTokenValidFor(model.twoFactorRememberClientToken, user->userId);
    if (user->requiresTwoFactor() && !rememberedClient) {
        if (model.twoFactorVerificationCode.isEmpty())
            return twoFactorChallengeResult(*user, model);

        // Wrong codes leave the challenge open, and the right one closes it, so each code works once.
        if (!m_openChallenges.contains(user->userId)) {
            return rejected(request, AbpEnvelope::failure(500, invalidSecurityCodeMessage),
                            QStringLiteral("no open two-factor challenge for user %1").arg(user->userId));
        }
        if (model.twoFactorVerificationCode != user->twoFactorCode) {
            return rejected(request, AbpEnvelope::failure(500, invalidSecurityCodeMessage),
                            QStringLiteral("wrong two-factor code for user %1").arg(user->userId));
        }
        m_openChallenges.remove(user->userId);

        if (model.rememberClient)
            rememberClientToken =
                m_tokens.issueRememberClientToken(user->userId, TokenLifetimes::rememberClientTokenSeconds);
    }

    return signInResult(*user, model, rememberClientToken);
}

HttpResponse TokenAuthService::sendTwoFactorAuthCode(const HttpRequest& request)
{
    SendTwoFactorAuthCodeModel model;
    const QList<ValidationError> errors = model.bind(request.body);
    if (!errors.isEmpty())
        return rejected(request, AbpEnvelope::validationFailure(errors), describeValidationErrors(errors));

    const FakeUser* user = m_users.findById(model.userId);
    if (!user)
        return rejected(request, AbpEnvelope::internalError(), QStringLiteral("unknown user %1").arg(model.userId));

    if (!user->twoFactorProviders.contains(model.provider)) {
        const ValidationError error{
            QStringLiteral("The two-factor provider '%1' is not enabled for this user.").arg(model.provider),
            {QStringLiteral("provider")}};
        return rejected(request, AbpEnvelope::validationFailure({error}),
                        QStringLiteral("provider %1 is not enabled for user %2").arg(model.provider).arg(user->userId));
    }

    // A code is sent only for an open challenge, so that callers cannot make the
    // server mail codes to arbitrary users.
    if (!m_openChallenges.contains(user->userId)) {
        return rejected(request, AbpEnvelope::failure(500, noOpenChallengeMessage),
                        QStringLiteral("no open two-factor challenge for user %1").arg(user->userId));
    }

    qCInfo(lcFakeServer).noquote() << "pretended to send the two-factor code to user" << user->userId << "by"
                                   << model.provider;
    return AbpEnvelope::success();
}

HttpResponse TokenAuthService::refreshToken(const HttpRequest& request)
{
    const QString refreshToken = refreshTokenParameter(request.query);
    if (refreshToken.isEmpty()) {
        const ValidationError error{QStringLiteral("The refreshToken field is required."),
                                    {QStringLiteral("refreshToken")}};
        return rejected(request, AbpEnvelope::validationFailure({error}),
                        QStringLiteral("refreshToken query parameter is missing"));
    }

    qint64 userId = 0;
    const TokenStatus status = m_tokens.checkRefreshToken(refreshToken, &userId);
    if (status != TokenStatus::Valid) {
        return rejected(request, AbpEnvelope::internalError(),
                        QStringLiteral("refresh token is %1").arg(QLatin1String(tokenStatusName(status))));
    }
    if (!m_users.findById(userId)) {
        return rejected(request, AbpEnvelope::internalError(),
                        QStringLiteral("refresh token belongs to user %1, who is not in the users file").arg(userId));
    }

    const QString accessToken = m_tokens.issueAccessToken(refreshToken, userId, m_lifetimes.accessTokenSeconds);
    qCInfo(lcFakeServer) << "refreshed the access token of user" << userId;
    return AbpEnvelope::success(QJsonObject{
        {QStringLiteral("accessToken"), accessToken},
        {QStringLiteral("encryptedAccessToken"), generateOpaqueToken()},
        {QStringLiteral("expireInSeconds"), m_lifetimes.accessTokenSeconds},
    });
}

HttpResponse TokenAuthService::logOut(const HttpRequest& request)
{
    const QString accessToken = bearerToken(request);

    qint64 userId = 0;
    const TokenStatus status =
        accessToken.isEmpty() ? TokenStatus::Unknown : m_tokens.checkAccessToken(accessToken, &userId);
    if (accessToken.isEmpty() || status != TokenStatus::Valid) {
        const QString reason = accessToken.isEmpty()
                                   ? QStringLiteral("no bearer token")
                                   : QStringLiteral("bearer token is %1").arg(QLatin1String(tokenStatusName(status)));
        return rejected(request, AbpEnvelope::failure(401, notLoggedInMessage, true), reason);
    }

    m_tokens.revokeSession(accessToken);
    qCInfo(lcFakeServer) << "signed out user" << userId << "and revoked the session's tokens";
    return AbpEnvelope::success();
}

HttpResponse TokenAuthService::passwordResetResult(const FakeUser& user, const AuthenticateModel& model)
{
    // Newer ASP.NET Zero versions leave passwordResetCode null and send an opaque
    // "c" for the console's /account/reset-password?c=... page.
    AuthenticateResultModel result;
    result.shouldResetPassword = true;
    result.userId = user.userId;
    result.returnUrl = model.returnUrl;
    result.c = generateOpaqueToken();

    qCInfo(lcFakeServer) << "user" << user.userId << "must reset the password before signing in";
    return AbpEnvelope::success(result.toJson());
}

HttpResponse TokenAuthService::twoFactorChallengeResult(const FakeUser& user, const AuthenticateModel& model)
{
    m_openChallenges.insert(user.userId);

    AuthenticateResultModel result;
    result.requiresTwoFactorVerification = true;
    result.userId = user.userId;
    result.twoFactorAuthProviders = user.twoFactorProviders;
    result.returnUrl = model.returnUrl;

    qCInfo(lcFakeServer) << "opened a two-factor challenge for user" << user.userId;
    return AbpEnvelope::success(result.toJson());
}

HttpResponse TokenAuthService::signInResult(const FakeUser& user, const AuthenticateModel& model,
                                            const QString& rememberClientToken)
{
    const TokenStore::SignInTokens tokens =
        m_tokens.issueSignInTokens(user.userId, m_lifetimes.accessTokenSeconds, m_lifetimes.refreshTokenSeconds);

    AuthenticateResultModel result;
    result.accessToken = tokens.accessToken;
    result.encryptedAccessToken = generateOpaqueToken();
    result.expireInSeconds = m_lifetimes.accessTokenSeconds;
    result.refreshToken = tokens.refreshToken;
    result.refreshTokenExpireInSeconds = m_lifetimes.refreshTokenSeconds;
    result.userId = user.userId;
    result.twoFactorRememberClientToken = rememberClientToken;
    result.returnUrl = model.returnUrl;

    if (rememberClientToken.isEmpty())
        qCInfo(lcFakeServer) << "signed in user" << user.userId;
    else
        qCInfo(lcFakeServer) << "signed in user" << user.userId << "and issued a remember-client token";
    return AbpEnvelope::success(result.toJson());
}
