#pragma once

#include <QByteArray>
#include <QString>

// Overwrites a secret (a password, a code, a token) in memory, then empties
// the variable. The characters are overwritten in place, also when other
// copies of the implicitly shared string still point at them, so call it
// only when no copy needs the secret any more. Static data, such as a
// QStringLiteral, is only dropped, since it cannot be written.
void wipeSecret(QString &secret);
void wipeSecret(QByteArray &secret);

// Overwrites the bytes in place like wipeSecret(), but keeps their memory
// and size: for a buffer that another object may still read through a raw
// pointer, which then reads zeros instead of freed memory.
void overwriteSecret(QByteArray &secret);

// Overwrites the secret only when this variable holds its last copy, and
// otherwise just drops this reference: for secrets that other objects may
// still use, such as a token on the clipboard or in a request in flight.
void releaseSecret(QString &secret);

// A copy of text in memory of its own, so that wiping it leaves text alone.
QString detachedCopy(const QString &text);
