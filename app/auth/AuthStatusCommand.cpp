#include "AuthStatusCommand.h"

#include "Clock.h"
#include "CommandContext.h"
#include "ExitCodes.h"
#include "RunningApp.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {

QString translate(const char* text)
{
    return QCoreApplication::translate("AuthStatusCommand", text);
}

QJsonValue utcTimeOrNull(const QDateTime& time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODate);
}

QJsonValue stringOrNull(const QString& text)
{
    if (text.isEmpty())
        return QJsonValue::Null;
    return text;
}

QString describeTime(const QJsonValue& value)
{
    return value.isString() ? value.toString() : translate("unknown");
}

void printText(const QJsonObject& status)
{
    printOutput(translate("Server: %1").arg(status.value(QStringLiteral("server")).toString()));
    printOutput(translate("User: %1")
                    .arg(status.value(QStringLiteral("user")).isString()
                             ? status.value(QStringLiteral("user")).toString()
                             : translate("none")));

    if (status.value(QStringLiteral("stored")).toBool()) {
        printOutput(translate("Stored session: refresh token valid until %1, access token until %2")
                        .arg(describeTime(status.value(QStringLiteral("refreshTokenExpiresAt"))),
                             describeTime(status.value(QStringLiteral("accessTokenExpiresAt")))));
    } else {
        printOutput(translate("Stored session: none"));
    }

    const QJsonValue app = status.value(QStringLiteral("app"));
    if (app.isObject()) {
        const QJsonObject appStatus = app.toObject();
        printOutput(translate("Denvr Sign-In: running, %1 (%2 on %3)")
                        .arg(appStatus.value(QStringLiteral("state")).toString(),
                             appStatus.value(QStringLiteral("user")).toString(),
                             appStatus.value(QStringLiteral("server")).toString()));
    } else {
        printOutput(translate("Denvr Sign-In: not running"));
    }

    printOutput(status.value(QStringLiteral("signedIn")).toBool() ? translate("Signed in.")
                                                                  : translate("Not signed in."));
}

} // namespace

int runAuthStatusCommand(CommandContext& context)
{
    const QString userName = context.storedUserName();
    const StoredSessionRead stored =
        userName.isEmpty() ? StoredSessionRead{} : readStoredSession(context.keychain(), context.server(), userName);

    if (exitCodeForKeychain(stored.status) == AuthKeychainUnavailable) {
        printError(stored.errorMessage);
        return AuthKeychainUnavailable;
    }

    const std::optional<QJsonObject> app = RunningApp::status();
    const bool appHoldsSession = app && RunningApp::holdsSession(*app, context.server(), userName);
    const bool storedValid = stored.session && stored.session->isRefreshTokenValidAt(Clock::instance()->currentUtc());

    const QJsonObject status{
        {QStringLiteral("server"), context.serverOrigin()},
        {QStringLiteral("user"), stringOrNull(userName)},
        {QStringLiteral("signedIn"), storedValid || appHoldsSession},
        {QStringLiteral("stored"), stored.session.has_value()},
        {QStringLiteral("accessTokenExpiresAt"),
         stored.session ? utcTimeOrNull(stored.session->accessTokenExpiresAt) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("refreshTokenExpiresAt"),
         stored.session ? utcTimeOrNull(stored.session->refreshTokenExpiresAt) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("app"), app ? QJsonValue(*app) : QJsonValue(QJsonValue::Null)},
    };

    if (context.options().json)
        printOutput(QString::fromUtf8(QJsonDocument(status).toJson(QJsonDocument::Compact)));
    else
        printText(status);

    return status.value(QStringLiteral("signedIn")).toBool() ? AuthSuccess : AuthNotSignedIn;
}
