// Feeds bytes to Envelope::parse(), which reads the ABP wrapper around every
// response body.

#include "Envelope.h"
#include "FuzzCheck.h"

#include <QSet>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char*>(data), qsizetype(size));

    const std::optional<Envelope> envelope = Envelope::parse(body);
    if (!envelope)
        return 0;

    fuzzCheck(!envelope->result.isUndefined(), "a missing result reads as null");
    fuzzCheck(!envelope->validationMessages.contains(QString()), "no empty validation message");
    fuzzCheck(!envelope->validationMembers.contains(QString()), "no empty member name");

    const QSet<QString> uniqueMembers(envelope->validationMembers.cbegin(), envelope->validationMembers.cend());
    fuzzCheck(uniqueMembers.size() == envelope->validationMembers.size(), "each member name is listed once");
    return 0;
}
