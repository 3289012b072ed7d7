#include "TokenGenerator.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <array>

QString generateOpaqueToken()
{
    // 46 bytes are not a multiple of 3, so the padding "==" is always present.
    // About two draws in five contain both '+' and '/', so the loop ends quickly.
    const int tokenBytes = 46;
    for (;;) {
        std::array<quint32, 12> words{};
        QRandomGenerator::system()->fillRange(words.data(), words.size());
        const QByteArray bytes(reinterpret_cast<const char*>(words.data()), tokenBytes);
        const QByteArray encoded = bytes.toBase64(QByteArray::Base64Encoding);
        if (encoded.contains('+') && encoded.contains('/'))
            return QString::fromLatin1(encoded);
    }
}
