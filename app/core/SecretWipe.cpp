#include "SecretWipe.h"

#include <cstddef>

namespace {

// Writes through a volatile pointer, so that the compiler cannot drop the
// stores as dead although the memory is released right afterwards.
void overwrite(const void *data, std::size_t bytes)
{
    volatile auto *cursor = static_cast<volatile unsigned char *>(const_cast<void *>(data));
    for (std::size_t i = 0; i < bytes; ++i)
        cursor[i] = 0;
}

} // namespace

void wipeSecret(QString &secret)
{
    if (secret.data_ptr().isMutable())
        overwrite(secret.constData(), static_cast<std::size_t>(secret.size()) * sizeof(QChar));

    secret.clear();
}

void wipeSecret(QByteArray &secret)
{
    overwriteSecret(secret);
    secret.clear();
}

void overwriteSecret(QByteArray &secret)
{
    if (secret.data_ptr().isMutable())
        overwrite(secret.constData(), static_cast<std::size_t>(secret.size()));
}

void releaseSecret(QString &secret)
{
    if (secret.isDetached())
        wipeSecret(secret);
    else
        secret.clear();
}

QString detachedCopy(const QString &text)
{
    return QString(text.constData(), text.size());
}
