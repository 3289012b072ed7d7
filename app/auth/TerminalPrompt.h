#pragma once

#include <QString>

#include <optional>

// Questions asked on the controlling terminal (/dev/tty), so that standard
// input and output stay free for scripts. POSIX only.
namespace TerminalPrompt {

enum class Echo { On, Off };

// True when /dev/tty can be opened, that is, the process has a controlling terminal.
bool isAvailable();

// Prints prompt on the terminal and reads one line. With Echo::Off the typed
// characters are not shown (termios ECHO is off until the line is read, and
// restored on SIGINT, SIGTERM and SIGHUP too). Returns nothing when there is
// no terminal or it reached end of file.
std::optional<QString> ask(const QString& prompt, Echo echo);

// Prints one line on the terminal, or nothing when there is none.
void tell(const QString& message);

} // namespace TerminalPrompt

// Reads the first line of standard input as UTF-8 and strips one trailing
// "\n" or "\r\n". Returns nothing and fills *errorMessage when standard input
// is empty or not valid UTF-8.
std::optional<QString> readLineFromStdin(QString* errorMessage);
