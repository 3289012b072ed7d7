#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"
#include "TokenLifetimes.h"

#include <QSet>
#include <QString>

class TokenStore;
class UserDirectory;
struct AuthenticateModel;
struct FakeUser;

// The four TokenAuth endpoints, responding as the ABP server does: Authenticate,
// SendTwoFactorAuthCode, RefreshToken and LogOut. Every rejection is logged with
// its reason but without passwords, codes or tokens.
class TokenAuthService
{
public:
    TokenAuthService(const UserDirectory& users, TokenStore& tokens, const TokenLifetimes& lifetimes);

    HttpResponse authenticate(const HttpRequest& request);
    HttpResponse sendTwoFactorAuthCode(const HttpRequest& request);
    HttpResponse refreshToken(const HttpRequest& request);
    HttpResponse logOut(const HttpRequest& request);

private:
    HttpResponse passwordResetResult(const FakeUser& user, const AuthenticateModel& model);
    HttpResponse twoFactorChallengeResult(const FakeUser& user, const AuthenticateModel& model);
    HttpResponse signInResult(const FakeUser& user, const AuthenticateModel& model, const QString& rememberClientToken);

    const UserDirectory& m_users;
    TokenStore& m_tokens;
    TokenLifetimes m_lifetimes;

    // Users who got requiresTwoFactorVerification and have not yet sent the right
    // code. Kept in memory only, so a restart closes every challenge.
    QSet<qint64> m_openChallenges;
};
