#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

// The ABP wrapper that the DenvrCloud server puts around every JSON response:
// {"result", "targetUrl", "success", "error", "unAuthorizedRequest", "__abp"}.
struct Envelope
{
    bool success = false;
    QJsonValue result;               // the endpoint's payload; Null on failure
    bool unAuthorizedRequest = false;
    int errorCode = 0;
    QString errorMessage;
    QString errorDetails;
    QStringList validationMessages;
    QStringList validationMembers;   // field names from validationErrors[].members

    // Parses a body; returns nothing when it is not a JSON object carrying the
    // envelope's "success" flag (an HTML page, an empty body, plain JSON).
    static std::optional<Envelope> parse(const QByteArray &body);
};
