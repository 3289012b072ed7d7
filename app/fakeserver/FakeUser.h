#pragma once

#include <QString>
#include <QStringList>

// One account from the users file.
struct FakeUser
{
    qint64 userId = 0;
    QString userName;
    QString emailAddress;
    QString password;

    // Provider names such as "Email" or "GoogleAuthenticator", or empty for a user without two-factor sign-in.
    QStringList twoFactorProviders;

    // The only code this user's two-factor challenge accepts, whichever provider sends it.
    QString twoFactorCode;

    bool shouldResetPassword = false;
    bool lockedOut = false;
    bool active = true;

    bool requiresTwoFactor() const { return !twoFactorProviders.isEmpty(); }
};
