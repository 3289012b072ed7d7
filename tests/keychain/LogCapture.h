#pragma once

#include <QStringList>

// Records every log message of the process while it exists, as
// "category: message", and passes each one on to the previous handler, so
// that QTest::ignoreMessage still applies. One instance at a time.
class LogCapture
{
public:
    LogCapture();
    ~LogCapture();

    QStringList messages() const { return m_messages; }
    int count(const QString &part) const;

private:
    QStringList m_messages;
};
