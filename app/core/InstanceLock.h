#pragma once

#include <QString>

#include <memory>

class QLockFile;

// The per-user single-instance lock, a QLockFile in the runtime directory
// (see InstancePaths). The process that holds it is the primary instance and
// serves the instance socket. The lock is released when this object is
// destroyed or the process ends.
class InstanceLock
{
public:
    enum class Result {
        Primary,   // this process holds the lock
        Secondary, // another running process has the lock
        Failed     // the directory or the lock file is unusable, see errorString()
    };

    explicit InstanceLock(const QString& runtimeDirectory);
    ~InstanceLock();

    InstanceLock(const InstanceLock&) = delete;
    InstanceLock& operator=(const InstanceLock&) = delete;

    // Takes the lock without waiting. A lock file left by a process that no
    // longer runs is stale and is taken over. Checks the directory with
    // InstancePaths::checkPrivateDirectory() first. Calling it again after
    // Primary returns Primary.
    Result acquire();

    bool isPrimary() const;
    QString runtimeDirectory() const { return m_runtimeDirectory; }

    // A translated message after Failed, otherwise empty.
    QString errorString() const { return m_errorString; }

private:
    QString m_runtimeDirectory;
    std::unique_ptr<QLockFile> m_lockFile;
    QString m_errorString;
};
