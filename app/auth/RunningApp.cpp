#include "RunningApp.h"

#include "InstanceClient.h"
#include "InstancePaths.h"
#include "InstanceProtocol.h"
#include "InstanceServer.h"
#include "LoggingCategories.h"
#include "ServerUrl.h"
#include "SessionStatus.h"

namespace {

// The app's own deadline for a token plus time for the socket exchange.
constexpr int TokenRequestTimeoutMs = InstanceServer::TokenTimeoutMs + 5000;

std::optional<QString> socketPath()
{
    QString errorMessage;
    const QString directory = InstancePaths::runtimeDirectory(&errorMessage);
    if (directory.isEmpty()) {
        qCWarning(lcApp).noquote() << "no runtime directory, so the running app is not asked:" << errorMessage;
        return std::nullopt;
    }
    return InstancePaths::socketPath(directory);
}

} // namespace

namespace RunningApp {

std::optional<QJsonObject> status()
{
    const std::optional<QString> path = socketPath();
    if (!path)
        return std::nullopt;

    const InstanceClient::Result result = InstanceClient::send(*path, InstanceProtocol::StatusCommand);
    if (result.kind != InstanceClient::Result::Kind::Reply) {
        if (result.kind == InstanceClient::Result::Kind::Failed)
            qCWarning(lcApp).noquote() << "the running app sent no status:" << result.errorMessage;
        return std::nullopt;
    }
    return result.reply;
}

bool holdsSession(const QJsonObject& status, const QUrl& server, const QString& userName)
{
    if (!isSignedInState(status.value(QStringLiteral("state")).toString()))
        return false;
    if (status.value(QStringLiteral("server")).toString() != ServerUrl::origin(server))
        return false;
    return userName.isEmpty() || status.value(QStringLiteral("user")).toString() == userName;
}

bool requestReload()
{
    const std::optional<QString> path = socketPath();
    if (!path)
        return false;

    const InstanceClient::Result result = InstanceClient::send(*path, InstanceProtocol::ReloadCommand);
    if (result.kind == InstanceClient::Result::Kind::Reply) {
        qCInfo(lcApp) << "the running app reads the stored session again";
        return true;
    }

    if (result.kind == InstanceClient::Result::Kind::Failed)
        qCWarning(lcApp).noquote() << "the running app did not take the reload request:" << result.errorMessage;
    return false;
}

TokenReply requestToken()
{
    TokenReply reply;
    const std::optional<QString> path = socketPath();
    if (!path)
        return reply;

    const InstanceClient::Result result =
        InstanceClient::send(*path, InstanceProtocol::TokenCommand, TokenRequestTimeoutMs);

    switch (result.kind) {
    case InstanceClient::Result::Kind::NoInstance:
        return reply;
    case InstanceClient::Result::Kind::Failed:
        reply.answered = result.reply.contains(InstanceProtocol::KindKey);
        reply.errorMessage = result.reply.value(InstanceProtocol::ErrorKey).toString();
        reply.errorKind = result.reply.value(InstanceProtocol::KindKey).toString();
        if (!reply.answered)
            qCWarning(lcApp).noquote() << "the running app sent no token:" << result.errorMessage;
        return reply;
    case InstanceClient::Result::Kind::Reply:
        break;
    }

    reply.accessToken = result.reply.value(InstanceProtocol::AccessTokenKey).toString();
    reply.answered = !reply.accessToken.isEmpty();
    return reply;
}

} // namespace RunningApp
