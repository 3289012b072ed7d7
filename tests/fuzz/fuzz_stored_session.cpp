// Feeds keychain entries to StoredSession::fromJson(). An entry that it
// accepts must survive a round trip through toJson(), because the app writes
// back what it read.

#include "FuzzCheck.h"
#include "StoredSession.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));

    QString errorMessage;
    const std::optional<StoredSession> session = StoredSession::fromJson(json, &errorMessage);
    if (!session) {
        fuzzCheck(!errorMessage.isEmpty(), "a rejected entry has an error message");
        return 0;
    }
    fuzzCheck(errorMessage.isEmpty(), "an accepted entry clears the error message");
    fuzzCheck(!session->refreshToken.isEmpty(), "an accepted entry has a refresh token");

    QString rereadError;
    const std::optional<StoredSession> reread = StoredSession::fromJson(session->toJson(), &rereadError);
    fuzzCheck(reread.has_value(), "toJson() writes an entry that fromJson() accepts");
    fuzzCheck(reread->userName == session->userName, "the user name survives the round trip");
    fuzzCheck(reread->userId == session->userId, "the user id survives the round trip");
    fuzzCheck(reread->refreshToken == session->refreshToken, "the refresh token survives the round trip");
    fuzzCheck(reread->accessToken == session->accessToken, "the access token survives the round trip");
    fuzzCheck(reread->refreshTokenExpiresAt == session->refreshTokenExpiresAt,
              "the refresh token deadline survives the round trip");
    fuzzCheck(reread->accessTokenExpiresAt == session->accessTokenExpiresAt,
              "the access token deadline survives the round trip");
    fuzzCheck(StoredSession::sessionKey(reread->server, reread->userName) ==
                  StoredSession::sessionKey(session->server, session->userName),
              "the keychain key survives the round trip");
    return 0;
}
