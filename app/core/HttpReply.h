#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

// The status, headers and body of one reply, collected from a QNetworkReply so that the
// parsers can be pure functions and be tested from a table.
struct HttpReply
{
    int status = 0;                  // HTTP status, 0 when none arrived
    QByteArray contentType;          // the Content-Type header as sent
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;      // QNetworkReply::errorString(), or the TLS errors
    QDateTime receivedAt;            // UTC arrival time; token deadlines are computed from it
    QUrl serverUrl;                  // the server's base URL, for the password reset link
};
