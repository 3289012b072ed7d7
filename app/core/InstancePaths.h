#pragma once

#include <QString>

// Where the single-instance lock file and socket live: a directory that only
// the current user can write to, so that no other user can take the lock,
// plant a socket, or connect to ours. POSIX only (geteuid, lstat, mkdir).
namespace InstancePaths {

// Returns $XDG_RUNTIME_DIR when it is set. Otherwise returns fallbackDirectory(),
// which it creates with mode 0700 when missing. Returns an empty string and
// fills *errorMessage when the directory is missing, is not absolute, or
// fails checkPrivateDirectory().
QString runtimeDirectory(QString* errorMessage);

// "<QDir::tempPath()>/denvr-signin-<uid>", used when XDG_RUNTIME_DIR is unset.
QString fallbackDirectory();

// Checks that path is a directory owned by the effective user that neither the
// group nor others can write to. Returns an empty string when it is, otherwise
// a translated message that names the path and the problem.
QString checkPrivateDirectory(const QString& path);

QString lockFilePath(const QString& runtimeDirectory);
QString socketPath(const QString& runtimeDirectory);

} // namespace InstancePaths
