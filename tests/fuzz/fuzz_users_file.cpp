// Feeds users files to the fake server's UserDirectory::parse().

#include "FuzzCheck.h"
#include "UserDirectory.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));

    UserDirectory users;
    QString errorMessage;
    if (!users.parse(json, QStringLiteral("fuzz-users.json"), &errorMessage)) {
        fuzzCheck(!errorMessage.isEmpty(), "a rejected file has an error message");
        fuzzCheck(users.count() == 0, "a rejected file adds no user");
        return 0;
    }

    const std::optional<qint64> accessSeconds = users.accessTokenSeconds();
    fuzzCheck(!accessSeconds || *accessSeconds >= 0, "the access token lifetime is not negative");
    return 0;
}
