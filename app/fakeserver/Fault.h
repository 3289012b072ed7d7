#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

// A misbehaviour that the fake server shows in place of its normal response to
// one endpoint, so that tests can check how the client copes with broken
// servers, proxies and networks.
enum class FaultKind {
    None,
    NoResponse,          // reads the request and never sends a byte
    StallAfterHeaders,   // sends the status line and headers, then nothing
    ResetMidBody,        // sends half the body, then resets the connection (TCP RST)
    ShortBody,           // sends half the body, then closes normally, short of Content-Length
    Drip,                // sends the headers, then the body one byte a second
    Html200,             // 200 with an HTML page, as from a captive portal
    Html502,             // 502 with an HTML page, as from a reverse proxy
    Empty200,            // 200 with an empty body
    HugeBody,            // 200 with a 10 MiB JSON body and its Content-Length, at about 6.5 MB/s
    HugeBodyUnsized,     // the same without Content-Length, ended by closing the connection
    WrongContentType,    // the normal response with Content-Type application/octet-stream
    RedirectOtherOrigin  // 307 to the same path and query on the other-origin listener
};

// The size of the body that HugeBody and HugeBodyUnsized send.
constexpr qint64 hugeBodyBytes = 10 * 1024 * 1024;

QByteArray faultKindName(FaultKind kind);
std::optional<FaultKind> parseFaultKind(const QByteArray& name);

// The kind names, comma-separated, for help and error texts.
QString faultKindNames();

// True for kinds that take over the connection byte by byte; the others
// replace the response and leave the connection as it would be.
bool isTransportFault(FaultKind kind);

// One response that a fault shaped, for the control endpoint's log. sentBytes
// grows while the response is being sent.
struct FaultResponseRecord
{
    QByteArray path;
    FaultKind kind = FaultKind::None;
    qint64 plannedBytes = 0;   // head and body as they would be sent in full
    qint64 sentBytes = 0;      // bytes handed to the socket so far
};

// A request that reached the other-origin listener.
struct RecordedRequest
{
    QByteArray method;
    QByteArray target;   // path and query as received
    QList<QPair<QByteArray, QByteArray>> headers;
};

// The faults in force per endpoint, shared by the API listener, which applies
// them, and the control listener, which changes them and reads the logs.
class FaultTable
{
public:
    // Parses one "ENDPOINT=KIND" setting, where ENDPOINT is Authenticate,
    // SendTwoFactorAuthCode, RefreshToken, LogOut or all, and KIND a fault kind
    // name or "none". Returns false and sets errorMessage when it is invalid.
    bool apply(const QString& setting, QString* errorMessage);

    // Replaces every fault with the settings, one per line; an empty text
    // clears them. Nothing changes when a line is invalid.
    bool replace(const QString& settings, QString* errorMessage);

    FaultKind faultFor(const QByteArray& path) const;

    // The faults in force, one "ENDPOINT=KIND" line each.
    QByteArray describe() const;

    void setOtherOriginUrl(const QByteArray& url) { m_otherOriginUrl = url; }
    QByteArray otherOriginUrl() const { return m_otherOriginUrl; }

    std::shared_ptr<FaultResponseRecord> recordResponse(const QByteArray& path, FaultKind kind);
    const QList<std::shared_ptr<FaultResponseRecord>>& responses() const { return m_responses; }

    void recordOtherOriginRequest(const RecordedRequest& request) { m_otherOriginRequests.append(request); }
    const QList<RecordedRequest>& otherOriginRequests() const { return m_otherOriginRequests; }

private:
    QHash<QByteArray, FaultKind> m_faults;   // keyed by lower-case endpoint path
    QByteArray m_otherOriginUrl;
    QList<std::shared_ptr<FaultResponseRecord>> m_responses;
    QList<RecordedRequest> m_otherOriginRequests;
};
