#include "FuzzHttpReply.h"

#include <QByteArray>
#include <QDate>
#include <QTime>
#include <QTimeZone>

HttpReply httpReplyFromFuzzInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));

    // A fixed arrival time and server keep every run of one input identical.
    HttpReply reply;
    reply.receivedAt = QDateTime(QDate(2026, 12, 4), QTime(12, 0), QTimeZone::utc());
    reply.serverUrl = QUrl(QStringLiteral("https://api.cloud.denvrdata.com"));

    const qsizetype lineEnd = input.indexOf('\n');
    if (lineEnd < 0) {
        reply.status = 200;
        reply.contentType = "application/json";
        reply.body = input;
        return reply;
    }

    const QByteArray statusLine = input.left(lineEnd);
    const qsizetype space = statusLine.indexOf(' ');
    if (space < 0) {
        reply.status = statusLine.toInt();
    } else {
        reply.status = statusLine.left(space).toInt();
        reply.contentType = statusLine.mid(space + 1);
    }

    reply.body = input.mid(lineEnd + 1);
    return reply;
}
