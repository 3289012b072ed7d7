#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

// A failed TokenAuth call, classified so that callers can decide what to do
// (ask again, retry later, end the session) and what to tell the user.
struct ApiError
{
    enum class Kind {
        None,
        InvalidCredentials,      // 401 from Authenticate: wrong password, locked out or inactive account
        ValidationFailed,        // 400 with validationErrors; invalidFields names them
        InvalidSecurityCode,     // 500 "Invalid security code!" on the two-factor step
        PasswordResetRequired,   // 200 with shouldResetPassword; resetUrl opens the web console
        RefreshTokenRejected,    // enveloped 500 (or 401) from RefreshToken: the session is dead
        Unauthorized,            // 401 on a call that carries a bearer token
        NotFound,                // 404, e.g. SendTwoFactorAuthCode missing on this server
        ServerFault,             // any other 5xx or unexpected status
        Timeout,                 // no complete reply within the transfer timeout
        ConnectionRefused,
        HostNotFound,            // DNS failure
        NetworkUnreachable,      // no route, connection closed early, other socket errors
        TlsFailure,              // handshake failed or certificate not trusted
        MalformedResponse,       // not JSON, no ABP envelope, wrong content type, HTML page
        InsecureServer,          // http:// to a host that is not loopback, or an invalid URL
        Cancelled,               // aborted by the caller
        NotSignedIn              // a token was requested while no session is held
    };

    Kind kind = Kind::None;
    int httpStatus = 0;          // 0 when no HTTP status arrived
    QString message;             // user-facing text: the server's error.message or our own, translated
    QString details;             // the server's error.details, or technical detail such as the TLS error
    QStringList invalidFields;   // members named by validationErrors
    QUrl resetUrl;               // set for PasswordResetRequired
    bool hasEnvelope = false;    // the API itself responded with an ABP envelope, rather than a proxy page or nothing
    bool certificateRejected = false; // TlsFailure only: the certificate was not trusted, rather than the handshake cut short

    bool isError() const { return kind != Kind::None; }

    // True for failures worth retrying later without asking the user anything
    // (network, timeout, TLS handshake cut, 5xx without an envelope, malformed replies).
    bool isTransient() const;

    // The message and, where present, the details, joined for display.
    QString userText() const;

    static QString kindName(Kind kind);   // stable English identifier for logs and JSON, e.g. "invalid-credentials"
};

Q_DECLARE_METATYPE(ApiError)
