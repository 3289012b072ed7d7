// Feeds replies of SendTwoFactorAuthCode to
// ResponseParser::parseSendTwoFactorCode(). The input format is described in
// FuzzHttpReply.h.

#include "FuzzCheck.h"
#include "FuzzHttpReply.h"
#include "ResponseParser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const HttpReply reply = httpReplyFromFuzzInput(data, size);

    const ApiError error = ResponseParser::parseSendTwoFactorCode(reply);
    if (error.isError())
        fuzzCheck(!error.message.isEmpty(), "every error has a message for the user");
    return 0;
}
