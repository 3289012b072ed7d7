#include "StatusCommand.h"

#include "InstanceClient.h"
#include "InstancePaths.h"
#include "InstanceProtocol.h"
#include "SessionStatus.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace {

QString translate(const char* text)
{
    return QCoreApplication::translate("StatusCommand", text);
}

void printError(QTextStream& err, const QString& message)
{
    const QString program = QCoreApplication::applicationName();
    if (!program.isEmpty())
        err << program << ": ";
    err << message << Qt::endl;
}

// Compact JSON text of one value: QJsonDocument only serializes arrays and
// objects, so the value is wrapped in an array and the brackets cut off.
QString jsonText(const QJsonValue& value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

// The status keys in their documented order, which QJsonObject would sort.
// A key the instance left out, or sent with a value other than a string, is null.
QString statusLine(const QJsonObject& reply)
{
    QStringList members;

    for (const QString& key : sessionStatusKeys()) {
        const QJsonValue value = reply.value(key);
        members.append(jsonText(key) + QLatin1Char(':') + jsonText(value.isString() ? value : QJsonValue::Null));
    }

    return QLatin1Char('{') + members.join(QLatin1Char(',')) + QLatin1Char('}');
}

} // namespace

int runStatusCommand(QTextStream& out, QTextStream& err)
{
    QString directoryError;
    const QString directory = InstancePaths::runtimeDirectory(&directoryError);
    if (directory.isEmpty()) {
        printError(err, directoryError);
        return StatusFailed;
    }

    const InstanceClient::Result result =
        InstanceClient::send(InstancePaths::socketPath(directory), InstanceProtocol::StatusCommand);

    switch (result.kind) {
    case InstanceClient::Result::Kind::NoInstance:
        printError(err, translate("Denvr Sign-In is not running."));
        return StatusNotRunning;
    case InstanceClient::Result::Kind::Failed:
        printError(err, result.errorMessage);
        return StatusFailed;
    case InstanceClient::Result::Kind::Reply:
        break;
    }

    const QJsonValue state = result.reply.value(QStringLiteral("state"));
    if (!state.isString() || state.toString().isEmpty()) {
        printError(err, translate("The running instance sent a status without a state."));
        return StatusFailed;
    }

    out << statusLine(result.reply) << Qt::endl;
    return isSignedInState(state.toString()) ? StatusSignedIn : StatusNotSignedIn;
}
