#pragma once

#include <QByteArray>

// Writes one line to stdout and flushes it at once, because tests read stdout
// through a pipe and wait for each line as it happens.
void writeStdoutLine(const QByteArray& line);
