#include "SessionStatus.h"

#include "ServerUrl.h"
#include "Session.h"

#include <QDateTime>
#include <QJsonValue>

namespace {

QJsonValue stringOrNull(const QString& text)
{
    if (text.isEmpty())
        return QJsonValue::Null;
    return text;
}

QJsonValue utcTimeOrNull(const QDateTime& time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODate);
}

QJsonValue originOrNull(const QUrl& server)
{
    if (!server.isValid() || server.host().isEmpty())
        return QJsonValue::Null;
    return ServerUrl::origin(server);
}

} // namespace

QJsonObject sessionStatusJson(const Session& session)
{
    return QJsonObject{
        {QStringLiteral("state"), Session::stateName(session.state())},
        {QStringLiteral("user"), stringOrNull(session.userName())},
        {QStringLiteral("server"), originOrNull(session.server())},
        {QStringLiteral("accessTokenExpiresAt"), utcTimeOrNull(session.accessTokenExpiresAt())},
        {QStringLiteral("refreshTokenExpiresAt"), utcTimeOrNull(session.refreshTokenExpiresAt())},
    };
}

QStringList sessionStatusKeys()
{
    return {QStringLiteral("state"), QStringLiteral("user"), QStringLiteral("server"),
            QStringLiteral("accessTokenExpiresAt"), QStringLiteral("refreshTokenExpiresAt")};
}

bool isSignedInState(const QString& stateName)
{
    return stateName == Session::stateName(Session::State::SignedIn) ||
           stateName == Session::stateName(Session::State::Refreshing) ||
           stateName == Session::stateName(Session::State::Offline);
}
