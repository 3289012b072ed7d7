#include "TerminalPrompt.h"

#include "SecretWipe.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace {

// The terminal settings to restore when a signal ends the process while echo
// is off. Set only between turning echo off and restoring it.
volatile sig_atomic_t g_echoRestorePending = 0;
int g_terminal = -1;
struct termios g_savedSettings;

const int RestoredSignals[] = {SIGINT, SIGTERM, SIGHUP};

void restoreEchoAndReraise(int signalNumber)
{
    if (g_echoRestorePending)
        ::tcsetattr(g_terminal, TCSANOW, &g_savedSettings);

    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

int openTerminal()
{
    return ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
}

void writeAll(int descriptor, const QByteArray& bytes)
{
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t result = ::write(descriptor, bytes.constData() + written, size_t(bytes.size() - written));
        if (result < 0 && errno == EINTR)
            continue;
        if (result <= 0)
            return;
        written += result;
    }
}

// Reads bytes up to a newline or end of file and returns them without the
// newline, or without "\r\n". Returns nothing for end of file before any byte.
std::optional<QByteArray> readLine(int descriptor)
{
    // Grown by hand, so that no reallocation leaves a copy of a password behind.
    QByteArray line;
    line.reserve(1024);

    for (;;) {
        char byte = 0;
        const ssize_t result = ::read(descriptor, &byte, 1);
        if (result < 0 && errno == EINTR)
            continue;
        if (result <= 0)
            return line.isEmpty() ? std::nullopt : std::optional<QByteArray>(line);

        if (byte == '\n') {
            if (line.endsWith('\r'))
                line.chop(1);
            return line;
        }
        if (line.size() == line.capacity()) {
            QByteArray larger;
            larger.reserve(2 * line.capacity());
            larger.append(line.constData(), line.size());
            wipeSecret(line);
            line = larger;
        }
        line.append(byte);
    }
}

// Decodes UTF-8 and overwrites the bytes, since they may be a password.
std::optional<QString> decodeAndWipe(QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(bytes);
    wipeSecret(bytes);

    if (decoder.hasError()) {
        wipeSecret(text);
        return std::nullopt;
    }
    return text;
}

} // namespace

namespace TerminalPrompt {

bool isAvailable()
{
    const int terminal = openTerminal();
    if (terminal < 0)
        return false;

    ::close(terminal);
    return true;
}

std::optional<QString> ask(const QString& prompt, Echo echo)
{
    const int terminal = openTerminal();
    if (terminal < 0)
        return std::nullopt;

    // Echo goes off before the prompt shows, so that an answer typed or
    // pasted as soon as the prompt appears is never echoed.
    struct termios settings;
    const bool hideInput = echo == Echo::Off && ::tcgetattr(terminal, &settings) == 0;
    if (hideInput) {
        g_terminal = terminal;
        g_savedSettings = settings;
        for (int signalNumber : RestoredSignals)
            std::signal(signalNumber, restoreEchoAndReraise);
        g_echoRestorePending = 1;

        // TCSANOW rather than TCSAFLUSH keeps what was typed ahead.
        settings.c_lflag &= ~tcflag_t(ECHO);
        settings.c_lflag |= ECHONL;
        ::tcsetattr(terminal, TCSANOW, &settings);
    }

    writeAll(terminal, prompt.toUtf8());

    std::optional<QByteArray> line = readLine(terminal);

    if (hideInput) {
        ::tcsetattr(terminal, TCSANOW, &g_savedSettings);
        g_echoRestorePending = 0;
        for (int signalNumber : RestoredSignals)
            std::signal(signalNumber, SIG_DFL);
    }
    ::close(terminal);

    if (!line)
        return std::nullopt;

    return decodeAndWipe(*line);
}

void tell(const QString& message)
{
    const int terminal = openTerminal();
    if (terminal < 0)
        return;

    writeAll(terminal, message.toUtf8() + '\n');
    ::close(terminal);
}

} // namespace TerminalPrompt

std::optional<QString> readLineFromStdin(QString* errorMessage)
{
    std::optional<QByteArray> line = readLine(STDIN_FILENO);
    if (!line) {
        *errorMessage = QCoreApplication::translate("TerminalPrompt", "--password-stdin: standard input is empty.");
        return std::nullopt;
    }

    std::optional<QString> text = decodeAndWipe(*line);
    if (!text)
        *errorMessage =
            QCoreApplication::translate("TerminalPrompt", "--password-stdin: the password is not valid UTF-8.");
    return text;
}
