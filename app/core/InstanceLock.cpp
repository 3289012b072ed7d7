#include "InstanceLock.h"

#include "InstancePaths.h"
#include "LoggingCategories.h"

#include <QCoreApplication>
#include <QLockFile>

InstanceLock::InstanceLock(const QString& runtimeDirectory)
    : m_runtimeDirectory(runtimeDirectory)
{}

InstanceLock::~InstanceLock()
{
    if (isPrimary())
        qCInfo(lcApp).noquote() << "releasing the instance lock" << m_lockFile->fileName();
}

InstanceLock::Result InstanceLock::acquire()
{
    if (isPrimary())
        return Result::Primary;

    m_errorString.clear();

    const QString problem = InstancePaths::checkPrivateDirectory(m_runtimeDirectory);
    if (!problem.isEmpty()) {
        m_errorString = problem;
        return Result::Failed;
    }

    // With a stale lock time of 0 a lock file never goes stale by age, only
    // when the process named in it no longer runs (QLockFile compares the
    // process id, host name and application name).
    m_lockFile = std::make_unique<QLockFile>(InstancePaths::lockFilePath(m_runtimeDirectory));
    m_lockFile->setStaleLockTime(0);

    if (m_lockFile->tryLock(0)) {
        qCInfo(lcApp).noquote() << "holding the instance lock" << m_lockFile->fileName();
        return Result::Primary;
    }

    switch (m_lockFile->error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString hostName;
        QString applicationName;
        m_lockFile->getLockInfo(&pid, &hostName, &applicationName);
        qCInfo(lcApp).noquote() << "another instance holds the lock" << m_lockFile->fileName() << "- process" << pid;
        return Result::Secondary;
    }
    case QLockFile::PermissionError:
        qCWarning(lcApp).noquote() << "no permission to create the lock file" << m_lockFile->fileName();
        m_errorString = QCoreApplication::translate("InstanceLock", "No permission to create the lock file %1.")
                            .arg(m_lockFile->fileName());
        return Result::Failed;
    case QLockFile::NoError:
    case QLockFile::UnknownError:
        break;
    }

    qCWarning(lcApp).noquote() << "could not create the lock file" << m_lockFile->fileName();
    m_errorString =
        QCoreApplication::translate("InstanceLock", "Could not create the lock file %1.").arg(m_lockFile->fileName());
    return Result::Failed;
}

bool InstanceLock::isPrimary() const
{
    return m_lockFile && m_lockFile->isLocked();
}
