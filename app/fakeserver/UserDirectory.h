#pragma once

#include "FakeUser.h"

#include <QByteArray>
#include <QList>

#include <optional>

// The accounts and token lifetimes read from the users file.
class UserDirectory
{
public:
    // Reads and validates the users file. Returns false and sets errorMessage, naming
    // the file, the entry and the fix, when the file is unreadable or invalid.
    bool load(const QString& path, QString* errorMessage);

    // Validates the contents of a users file, as load() does after reading it.
    // path only names the file in errorMessage.
    bool parse(const QByteArray& json, const QString& path, QString* errorMessage);

    // Finds a user by user name or email address, ignoring case as ABP does.
    const FakeUser* findByNameOrEmail(const QString& userNameOrEmailAddress) const;
    const FakeUser* findById(qint64 userId) const;

    int count() const { return int(m_users.size()); }
    std::optional<qint64> accessTokenSeconds() const { return m_accessTokenSeconds; }
    std::optional<qint64> refreshTokenSeconds() const { return m_refreshTokenSeconds; }

private:
    QList<FakeUser> m_users;
    std::optional<qint64> m_accessTokenSeconds;
    std::optional<qint64> m_refreshTokenSeconds;
};
