#include "InstancePaths.h"

#include "LoggingCategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const QString LockFileName = QStringLiteral("denvr-signin.lock");
const QString SocketFileName = QStringLiteral("denvr-signin.socket");

QString translate(const char* text)
{
    return QCoreApplication::translate("InstancePaths", text);
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Creates the fallback directory with mode 0700 unless it exists. A path that
// exists as a symbolic link is rejected, because in a shared temporary directory
// another user could have planted it to point at a directory of theirs.
QString createFallbackDirectory(const QString& path)
{
    const QByteArray nativePath = QFile::encodeName(path);

    if (::mkdir(nativePath.constData(), S_IRWXU) == 0) {
        qCInfo(lcApp).noquote() << "created the runtime directory" << path;
        return QString();
    }

    if (errno != EEXIST) {
        const int error = errno;
        qCWarning(lcApp).noquote() << "could not create the runtime directory" << path << "-" << systemError(error);
        return translate("Could not create the directory %1: %2.").arg(path, systemError(error));
    }

    struct stat status = {};
    if (::lstat(nativePath.constData(), &status) != 0) {
        const int error = errno;
        qCWarning(lcApp).noquote() << "could not read the runtime directory" << path << "-" << systemError(error);
        return translate("Could not read the directory %1: %2.").arg(path, systemError(error));
    }

    if (S_ISLNK(status.st_mode)) {
        qCWarning(lcApp).noquote() << "rejected the runtime directory" << path << "because it is a symbolic link";
        return translate("%1 is a symbolic link, not a directory. Remove it and start again.").arg(path);
    }

    return QString();
}

} // namespace

namespace InstancePaths {

QString runtimeDirectory(QString* errorMessage)
{
    // NOTE: QStandardPaths::writableLocation(RuntimeLocation) is not used here.
    // Qt 6.4.2 returns /tmp/runtime-<user> instead when XDG_RUNTIME_DIR has the
    // wrong mode, so two processes could look for the socket in different places.
    QString directory = qEnvironmentVariable("XDG_RUNTIME_DIR");

    if (directory.isEmpty()) {
        directory = fallbackDirectory();
        const QString problem = createFallbackDirectory(directory);
        if (!problem.isEmpty()) {
            *errorMessage = problem;
            return QString();
        }
    } else if (QDir::isRelativePath(directory)) {
        *errorMessage = translate("XDG_RUNTIME_DIR must be an absolute path, not \"%1\".").arg(directory);
        qCWarning(lcApp).noquote() << "XDG_RUNTIME_DIR is a relative path:" << directory;
        return QString();
    }

    const QString problem = checkPrivateDirectory(directory);
    if (!problem.isEmpty()) {
        *errorMessage = problem;
        return QString();
    }

    return QDir::cleanPath(directory);
}

QString fallbackDirectory()
{
    return QDir::tempPath() + QStringLiteral("/denvr-signin-") + QString::number(::geteuid());
}

QString checkPrivateDirectory(const QString& path)
{
    struct stat status = {};

    if (::stat(QFile::encodeName(path).constData(), &status) != 0) {
        const int error = errno;
        qCWarning(lcApp).noquote() << "runtime directory" << path << "is not usable:" << systemError(error);
        return translate("The runtime directory %1 is not usable: %2.").arg(path, systemError(error));
    }

    if (!S_ISDIR(status.st_mode)) {
        qCWarning(lcApp).noquote() << "runtime directory" << path << "is not a directory";
        return translate("The runtime directory %1 is not a directory.").arg(path);
    }

    if (status.st_uid != ::geteuid()) {
        qCWarning(lcApp).noquote() << "runtime directory" << path << "is owned by uid" << status.st_uid << "instead of"
                                   << ::geteuid();
        return translate(
                   "The runtime directory %1 belongs to another user. Set XDG_RUNTIME_DIR to a directory of your own.")
            .arg(path);
    }

    if ((status.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        const QString mode = QStringLiteral("0") + QString::number(status.st_mode & 07777, 8);
        qCWarning(lcApp).noquote() << "runtime directory" << path << "has mode" << mode
                                   << "which lets the group or others write to it";
        return translate(
                   "The runtime directory %1 has mode %2, which lets other users write to it. Run \"chmod 700 %1\".")
            .arg(path, mode);
    }

    return QString();
}

QString lockFilePath(const QString& runtimeDirectory)
{
    return runtimeDirectory + QLatin1Char('/') + LockFileName;
}

QString socketPath(const QString& runtimeDirectory)
{
    return runtimeDirectory + QLatin1Char('/') + SocketFileName;
}

} // namespace InstancePaths
