#include "RequestBody.h"

#include "SecretWipe.h"

namespace {

constexpr qsizetype InitialCapacity = 1024;

// A byte escaped for a JSON string takes at most six bytes (\u001f).
constexpr qsizetype MaxEscapedBytes = 6;

} // namespace

RequestBody::RequestBody(QObject *parent)
    : QBuffer(parent)
{
    m_bytes.reserve(InitialCapacity);
    m_bytes.append('{');
    setBuffer(&m_bytes);
}

RequestBody::~RequestBody()
{
    wipe();
}

void RequestBody::addString(QLatin1String name, const QString &value)
{
    QByteArray utf8 = value.toUtf8();
    reserveMore(name.size() + 4 + utf8.size() * MaxEscapedBytes + 2);

    addName(name);
    m_bytes.append('"');
    for (const char byte : std::as_const(utf8)) {
        const auto code = static_cast<unsigned char>(byte);
        if (byte == '"' || byte == '\\') {
            m_bytes.append('\\');
            m_bytes.append(byte);
        } else if (code < 0x20) {
            static const char hex[] = "0123456789abcdef";
            m_bytes.append("\\u00", 4);
            m_bytes.append(hex[code >> 4]);
            m_bytes.append(hex[code & 0xf]);
        } else {
            m_bytes.append(byte);
        }
    }
    m_bytes.append('"');

    wipeSecret(utf8);
}

void RequestBody::addBool(QLatin1String name, bool value)
{
    reserveMore(name.size() + 4 + 5);

    addName(name);
    m_bytes.append(value ? "true" : "false");
}

void RequestBody::finish()
{
    reserveMore(1);
    m_bytes.append('}');

    open(QIODevice::ReadOnly);
}

void RequestBody::wipe()
{
    // In place and without freeing: Qt's upload device may still hold a
    // pointer into the bytes until the reply is deleted.
    overwriteSecret(m_bytes);
}

void RequestBody::addName(QLatin1String name)
{
    if (!m_empty)
        m_bytes.append(',');
    m_empty = false;

    m_bytes.append('"');
    m_bytes.append(name.data(), name.size());
    m_bytes.append("\":", 2);
}

void RequestBody::reserveMore(qsizetype extra)
{
    if (m_bytes.capacity() - m_bytes.size() >= extra)
        return;

    // Grows into a new buffer and overwrites the old one, which QByteArray
    // itself would free without overwriting.
    QByteArray larger;
    larger.reserve(2 * (m_bytes.size() + extra));
    larger.append(m_bytes.constData(), m_bytes.size());

    QByteArray old = m_bytes;
    m_bytes = larger;
    wipeSecret(old);
}
