// Feeds replies of RefreshToken to ResponseParser::parseRefreshToken(). The
// input format is described in FuzzHttpReply.h.

#include "FuzzCheck.h"
#include "FuzzHttpReply.h"
#include "ResponseParser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const HttpReply reply = httpReplyFromFuzzInput(data, size);

    RefreshResult result;
    const ApiError error = ResponseParser::parseRefreshToken(reply, &result);
    if (error.isError()) {
        fuzzCheck(!error.message.isEmpty(), "every error has a message for the user");
        return 0;
    }

    fuzzCheck(!result.accessToken.isEmpty(), "a refresh result has an access token");
    fuzzCheck(result.accessTokenLifetimeSeconds > 0, "the access token lifetime is positive");
    fuzzCheck(result.accessTokenExpiresAt > reply.receivedAt, "the access token expires after arrival");
    return 0;
}
