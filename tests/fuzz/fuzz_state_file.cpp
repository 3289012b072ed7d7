// Feeds state files to the fake server's TokenStore::parseState().

#include "FuzzCheck.h"
#include "TokenStore.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));

    // An empty state path keeps the store in memory, so nothing is written.
    TokenStore tokens{QString()};
    QString errorMessage;
    if (!tokens.parseState(json, &errorMessage)) {
        fuzzCheck(!errorMessage.isEmpty(), "a rejected file has an error message");
        fuzzCheck(tokens.count() == 0, "a rejected file adds no token");
    }
    return 0;
}
