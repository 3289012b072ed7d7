#pragma once

#include <QtGlobal>

// Token lifetimes in seconds.
struct TokenLifetimes
{
    static constexpr qint64 defaultAccessTokenSeconds = 3600;
    static constexpr qint64 defaultRefreshTokenSeconds = 30 * 24 * 3600;

    // NOTE: ASP.NET Zero is believed to issue remember-client tokens for 365 days.
    // The published API does not state it, and no client should depend on it.
    static constexpr qint64 rememberClientTokenSeconds = 365 * 24 * 3600;

    qint64 accessTokenSeconds = defaultAccessTokenSeconds;
    qint64 refreshTokenSeconds = defaultRefreshTokenSeconds;
};
