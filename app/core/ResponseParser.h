#pragma once

#include "ApiError.h"
#include "ApiResults.h"
#include "HttpReply.h"

// Turns what arrived for a TokenAuth call into a typed result or a typed error.
// Each function returns an ApiError of kind None on success and then fills *result.
namespace ResponseParser {

ApiError parseAuthenticate(const HttpReply &reply, AuthenticateResult *result);
ApiError parseRefreshToken(const HttpReply &reply, RefreshResult *result);

// LogOut and SendTwoFactorAuthCode, whose result is null.
ApiError parseEmptyResult(const HttpReply &reply);

// SendTwoFactorAuthCode: as parseEmptyResult, but a NotFound error explains
// that this server cannot send codes and points the user to an authenticator app.
ApiError parseSendTwoFactorCode(const HttpReply &reply);

// The network-level and HTTP-level classification shared by all endpoints:
// a QNetworkReply error, a missing or non-JSON body, a 5xx without envelope.
// Returns kind None when the reply carries a parseable envelope.
// OperationCanceledError counts as Timeout, because ApiCall turns its own
// abort() into Cancelled before parsing.
ApiError classifyTransportError(const HttpReply &reply);

} // namespace ResponseParser
