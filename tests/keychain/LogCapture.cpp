#include "LogCapture.h"

#include <QtGlobal>

namespace {

QStringList *activeMessages = nullptr;
QtMessageHandler previousHandler = nullptr;

void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (activeMessages)
        activeMessages->append(QString::fromUtf8(context.category ? context.category : "default")
                               + QStringLiteral(": ") + message);

    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

LogCapture::LogCapture()
{
    Q_ASSERT(!activeMessages);
    activeMessages = &m_messages;
    previousHandler = qInstallMessageHandler(recordMessage);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(previousHandler);
    previousHandler = nullptr;
    activeMessages = nullptr;
}

int LogCapture::count(const QString &part) const
{
    int matches = 0;
    for (const QString &message : m_messages) {
        if (message.contains(part))
            ++matches;
    }
    return matches;
}
