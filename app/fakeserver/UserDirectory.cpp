#include "UserDirectory.h"

#include "JsonInteger.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <limits>

namespace {

const QStringList userFields = {
    QStringLiteral("userName"),           QStringLiteral("emailAddress"),  QStringLiteral("password"),
    QStringLiteral("twoFactorProviders"), QStringLiteral("twoFactorCode"), QStringLiteral("shouldResetPassword"),
    QStringLiteral("lockedOut"),          QStringLiteral("active"),        QStringLiteral("userId")};

const QStringList topLevelFields = {QStringLiteral("users"), QStringLiteral("accessTokenSeconds"),
                                    QStringLiteral("refreshTokenSeconds")};

// Rejects unknown keys so that a misspelled field fails loudly instead of
// silently giving a user the default behaviour.
bool checkKnownFields(const QJsonObject& object, const QStringList& knownFields, const QString& where,
                      QString* errorMessage)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!knownFields.contains(it.key())) {
            *errorMessage = QStringLiteral("unknown field '%1' in %2. Expected one of %3.")
                                .arg(it.key(), where, knownFields.join(QStringLiteral(", ")));
            return false;
        }
    }
    return true;
}

bool readRequiredString(const QJsonObject& object, const QString& key, const QString& where, QString* target,
                        QString* errorMessage)
{
    const QJsonValue value = object.value(key);
    if (!value.isString() || value.toString().isEmpty()) {
        *errorMessage = QStringLiteral("%1.%2 is missing or not a non-empty string. Each user needs userName, "
                                       "emailAddress and password.")
                            .arg(where, key);
        return false;
    }
    *target = value.toString();
    return true;
}

bool readOptionalBool(const QJsonObject& object, const QString& key, const QString& where, bool* target,
                      QString* errorMessage)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isBool()) {
        *errorMessage = QStringLiteral("%1.%2 must be true or false.").arg(where, key);
        return false;
    }
    *target = value.toBool();
    return true;
}

bool readTwoFactorSettings(const QJsonObject& object, const QString& where, FakeUser* user, QString* errorMessage)
{
    const QJsonValue providers = object.value(QStringLiteral("twoFactorProviders"));
    if (!providers.isUndefined() && !providers.isNull()) {
        if (!providers.isArray()) {
            *errorMessage = QStringLiteral("%1.twoFactorProviders must be an array of provider names such as "
                                           "[\"Email\", \"GoogleAuthenticator\"].")
                                .arg(where);
            return false;
        }
        for (const QJsonValue& provider : providers.toArray()) {
            if (!provider.isString() || provider.toString().isEmpty()) {
                *errorMessage = QStringLiteral("%1.twoFactorProviders must contain only non-empty strings.").arg(where);
                return false;
            }
            user->twoFactorProviders.append(provider.toString());
        }
    }

    const QJsonValue code = object.value(QStringLiteral("twoFactorCode"));
    if (!code.isUndefined() && !code.isNull()) {
        if (!code.isString()) {
            *errorMessage = QStringLiteral("%1.twoFactorCode must be a string such as \"123456\".").arg(where);
            return false;
        }
        user->twoFactorCode = code.toString();
    }

    if (user->requiresTwoFactor() && user->twoFactorCode.isEmpty()) {
        *errorMessage = QStringLiteral("%1 has twoFactorProviders but no twoFactorCode. Add the code that the "
                                       "two-factor step accepts.")
                            .arg(where);
        return false;
    }
    return true;
}

bool readUserId(const QJsonObject& object, const QString& where, qint64 defaultId, qint64* target,
                QString* errorMessage)
{
    const QJsonValue value = object.value(QStringLiteral("userId"));
    if (value.isUndefined() || value.isNull()) {
        *target = defaultId;
        return true;
    }

    const auto userId = readJsonInt64(value);
    if (!userId || *userId < 1) {
        *errorMessage = QStringLiteral("%1.userId must be a positive int64, written as a JSON integer or as a "
                                       "string of digits.")
                            .arg(where);
        return false;
    }
    *target = *userId;
    return true;
}

bool readUser(const QJsonValue& entry, int index, FakeUser* user, QString* errorMessage)
{
    const QString where = QStringLiteral("users[%1]").arg(index);
    if (!entry.isObject()) {
        *errorMessage = QStringLiteral("%1 must be an object.").arg(where);
        return false;
    }
    const QJsonObject object = entry.toObject();

    return checkKnownFields(object, userFields, where, errorMessage) &&
           readRequiredString(object, QStringLiteral("userName"), where, &user->userName, errorMessage) &&
           readRequiredString(object, QStringLiteral("emailAddress"), where, &user->emailAddress, errorMessage) &&
           readRequiredString(object, QStringLiteral("password"), where, &user->password, errorMessage) &&
           readTwoFactorSettings(object, where, user, errorMessage) &&
           readOptionalBool(object, QStringLiteral("shouldResetPassword"), where, &user->shouldResetPassword,
                            errorMessage) &&
           readOptionalBool(object, QStringLiteral("lockedOut"), where, &user->lockedOut, errorMessage) &&
           readOptionalBool(object, QStringLiteral("active"), where, &user->active, errorMessage) &&
           readUserId(object, where, 1000 + index, &user->userId, errorMessage);
}

bool readLifetime(const QJsonObject& object, const QString& key, std::optional<qint64>* target, QString* errorMessage)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;

    // The API schema declares the lifetimes as int32.
    const auto seconds = readJsonInt64(value);
    if (!seconds || *seconds < 0 || *seconds > std::numeric_limits<qint32>::max()) {
        *errorMessage = QStringLiteral("%1 must be an integer number of seconds from 0 to %2.")
                            .arg(key)
                            .arg(std::numeric_limits<qint32>::max());
        return false;
    }
    *target = *seconds;
    return true;
}

// Rejects a user name, email address or id that another user already has, because
// sign-in by name or email must find exactly one account.
bool checkUnique(const QList<FakeUser>& users, QString* errorMessage)
{
    QSet<QString> signInNames;
    QSet<qint64> userIds;
    for (qsizetype index = 0; index < users.size(); ++index) {
        const FakeUser& user = users.at(index);
        QSet<QString> namesOfThisUser;
        for (const QString& name : {user.userName, user.emailAddress}) {
            const QString folded = name.toCaseFolded();
            if (namesOfThisUser.contains(folded))
                continue;
            namesOfThisUser.insert(folded);
            if (signInNames.contains(folded)) {
                *errorMessage = QStringLiteral("users[%1] reuses the sign-in name '%2' (names and email addresses "
                                               "must be unique, ignoring case).")
                                    .arg(index)
                                    .arg(name);
                return false;
            }
            signInNames.insert(folded);
        }
        if (userIds.contains(user.userId)) {
            *errorMessage = QStringLiteral("users[%1] reuses userId %2. Give each user its own userId.")
                                .arg(index)
                                .arg(user.userId);
            return false;
        }
        userIds.insert(user.userId);
    }
    return true;
}

} // namespace

bool UserDirectory::load(const QString& path, QString* errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *errorMessage = QStringLiteral("cannot read users file '%1': %2. Pass a readable JSON file to --users.")
                            .arg(path, file.errorString());
        return false;
    }

    return parse(file.readAll(), path, errorMessage);
}

bool UserDirectory::parse(const QByteArray& json, const QString& path, QString* errorMessage)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString reason =
            parseError.error != QJsonParseError::NoError
                ? QStringLiteral("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset)
                : QStringLiteral("the top level is not an object");
        *errorMessage = QStringLiteral("invalid users file '%1': %2. Expected {\"users\": [...]}.").arg(path, reason);
        return false;
    }
    const QJsonObject root = document.object();

    QString detail;
    if (!checkKnownFields(root, topLevelFields, QStringLiteral("the top level"), &detail) ||
        !readLifetime(root, QStringLiteral("accessTokenSeconds"), &m_accessTokenSeconds, &detail) ||
        !readLifetime(root, QStringLiteral("refreshTokenSeconds"), &m_refreshTokenSeconds, &detail)) {
        *errorMessage = QStringLiteral("invalid users file '%1': %2").arg(path, detail);
        return false;
    }

    const QJsonValue users = root.value(QStringLiteral("users"));
    if (!users.isArray()) {
        *errorMessage = QStringLiteral("invalid users file '%1': \"users\" is missing or not an array.").arg(path);
        return false;
    }

    QList<FakeUser> loaded;
    const QJsonArray entries = users.toArray();
    for (qsizetype index = 0; index < entries.size(); ++index) {
        FakeUser user;
        if (!readUser(entries.at(index), int(index), &user, &detail)) {
            *errorMessage = QStringLiteral("invalid users file '%1': %2").arg(path, detail);
            return false;
        }
        loaded.append(user);
    }
    if (!checkUnique(loaded, &detail)) {
        *errorMessage = QStringLiteral("invalid users file '%1': %2").arg(path, detail);
        return false;
    }

    m_users = loaded;
    return true;
}

const FakeUser* UserDirectory::findByNameOrEmail(const QString& userNameOrEmailAddress) const
{
    for (const FakeUser& user : m_users) {
        if (user.userName.compare(userNameOrEmailAddress, Qt::CaseInsensitive) == 0 ||
            user.emailAddress.compare(userNameOrEmailAddress, Qt::CaseInsensitive) == 0) {
            return &user;
        }
    }
    return nullptr;
}

const FakeUser* UserDirectory::findById(qint64 userId) const
{
    for (const FakeUser& user : m_users) {
        if (user.userId == userId)
            return &user;
    }
    return nullptr;
}
