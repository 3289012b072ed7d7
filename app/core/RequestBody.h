#pragma once

#include <QBuffer>
#include <QByteArray>
#include <QLatin1String>
#include <QString>

// The JSON body of a request that carries a secret, such as the password of
// Authenticate. It is written straight into one buffer, which is grown by
// hand so that no reallocation leaves a copy behind, and wipe() overwrites
// it once the request has ended. The object's members are written in order.
// Like the buffer of QNetworkAccessManager::post(QByteArray), it should be a
// child of the reply that reads it, so that it lives as long as the reply.
//
// NOTE: Qt's HTTP stack copies the body into buffers of its own on the way
// to the socket. Those copies are freed but not overwritten.
class RequestBody : public QBuffer
{
    Q_OBJECT

public:
    explicit RequestBody(QObject *parent = nullptr);
    ~RequestBody() override;

    void addString(QLatin1String name, const QString &value);
    void addBool(QLatin1String name, bool value);

    // Closes the JSON object and opens the buffer for reading.
    void finish();

    // Overwrites every byte of the body with zeros, keeping its size and
    // memory until the object is destroyed. Called when the request has ended.
    void wipe();

    const QByteArray &bytes() const { return m_bytes; }

private:
    void addName(QLatin1String name);
    void reserveMore(qsizetype extra);

    QByteArray m_bytes;
    bool m_empty = true;
};
