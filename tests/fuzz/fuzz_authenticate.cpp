// Feeds replies of Authenticate to ResponseParser::parseAuthenticate(). The
// input format is described in FuzzHttpReply.h.

#include "FuzzCheck.h"
#include "FuzzHttpReply.h"
#include "ResponseParser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const HttpReply reply = httpReplyFromFuzzInput(data, size);

    AuthenticateResult result;
    const ApiError error = ResponseParser::parseAuthenticate(reply, &result);
    if (error.isError()) {
        fuzzCheck(!error.message.isEmpty(), "every error has a message for the user");
        return 0;
    }

    if (result.kind == AuthenticateResult::Kind::TwoFactorRequired) {
        fuzzCheck(result.challenge.userId > 0, "a challenge has a positive user id");
        return 0;
    }

    const TokenGrant& tokens = result.tokens;
    fuzzCheck(!tokens.accessToken.isEmpty(), "a grant has an access token");
    fuzzCheck(!tokens.refreshToken.isEmpty(), "a grant has a refresh token");
    fuzzCheck(tokens.accessTokenLifetimeSeconds > 0, "the access token lifetime is positive");
    fuzzCheck(tokens.refreshTokenLifetimeSeconds > 0, "the refresh token lifetime is positive");
    fuzzCheck(tokens.userId > 0, "a grant has a positive user id");
    fuzzCheck(tokens.accessTokenExpiresAt > reply.receivedAt, "the access token expires after arrival");
    fuzzCheck(tokens.refreshTokenExpiresAt > reply.receivedAt, "the refresh token expires after arrival");
    return 0;
}
