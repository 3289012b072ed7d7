#pragma once

#include "HttpResponse.h"
#include "ValidationError.h"

#include <QJsonValue>
#include <QList>

// Builders for the ABP response envelope that wraps every JSON response body:
// {"result", "targetUrl", "success", "error", "unAuthorizedRequest", "__abp"}.
namespace AbpEnvelope {

// The ABP texts that clients may show or match.
inline const QString genericErrorMessage = QStringLiteral("An internal error occurred during your request!");
inline const QString invalidRequestMessage = QStringLiteral("Your request is not valid!");

// 200 with success true and the given result (null for "no result").
HttpResponse success(const QJsonValue& result = QJsonValue::Null);

// An error envelope with success false and a null result. An empty details is
// written as null, and an empty validationErrors list as null.
HttpResponse failure(int statusCode, const QString& message, bool unAuthorizedRequest = false,
                     const QList<ValidationError>& validationErrors = {}, const QString& details = {});

// 400 "Your request is not valid!" listing the failed fields.
HttpResponse validationFailure(const QList<ValidationError>& validationErrors);

// 500 with the generic message, which ABP returns for any unexpected server fault.
HttpResponse internalError();

} // namespace AbpEnvelope
