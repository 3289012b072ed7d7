// The per-user instance lock and the runtime directory that holds it. A second
// process holds the lock through instance-lock-holder ($DENVR_INSTANCE_LOCK_HOLDER).

#include "InstanceLock.h"
#include "InstancePaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// The uid of "nobody" on Debian, used as a foreign owner.
constexpr uid_t NobodyUserId = 65534;

mode_t modeOf(const QString& path)
{
    struct stat status = {};
    if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
        return 0;
    return status.st_mode & 07777;
}

// Starts instance-lock-holder on directory and returns its first output line.
QString startHolder(QProcess& holder, const QString& directory)
{
    holder.start(qEnvironmentVariable("DENVR_INSTANCE_LOCK_HOLDER"), {directory});
    if (!holder.waitForStarted(10000))
        return QStringLiteral("did not start: ") + holder.errorString();

    while (!holder.canReadLine()) {
        if (!holder.waitForReadyRead(10000))
            return QStringLiteral("printed no line");
    }
    return QString::fromUtf8(holder.readLine()).trimmed();
}

// Restores an environment variable on destruction.
class EnvironmentVariable
{
public:
    explicit EnvironmentVariable(const char* name)
        : m_name(name)
        , m_wasSet(qEnvironmentVariableIsSet(name))
        , m_value(qgetenv(name))
    {}

    ~EnvironmentVariable()
    {
        if (m_wasSet)
            qputenv(m_name, m_value);
        else
            qunsetenv(m_name);
    }

private:
    const char* m_name;
    bool m_wasSet;
    QByteArray m_value;
};

} // namespace

class InstanceLockTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void secondLockInProcessFails();
    void acquireAgainStaysPrimary();
    void lockReleasedOnDestruction();
    void otherProcessHoldsLock();
    void otherProcessSeesOurLock();
    void staleLockTakenOver();
    void unsafeDirectoryFails_data();
    void unsafeDirectoryFails();
    void foreignDirectoryFails();
    void missingDirectoryFails();

    void runtimeDirectoryFromEnvironment();
    void relativeRuntimeDirectoryRejected();
    void fallbackCreatedPrivate();
    void fallbackSymlinkRejected();
    void fallbackWorldWritableRejected();

private:
    std::unique_ptr<QTemporaryDir> m_runtime;
    std::unique_ptr<EnvironmentVariable> m_savedRuntimeDirectory;
    std::unique_ptr<EnvironmentVariable> m_savedTemporaryDirectory;
};

void InstanceLockTest::init()
{
    m_savedRuntimeDirectory = std::make_unique<EnvironmentVariable>("XDG_RUNTIME_DIR");
    m_savedTemporaryDirectory = std::make_unique<EnvironmentVariable>("TMPDIR");

    // QTemporaryDir creates the directory with mode 0700, as XDG_RUNTIME_DIR must be.
    m_runtime = std::make_unique<QTemporaryDir>();
    QVERIFY(m_runtime->isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime->path()));
}

void InstanceLockTest::cleanup()
{
    m_runtime.reset();
    m_savedTemporaryDirectory.reset();
    m_savedRuntimeDirectory.reset();
}

void InstanceLockTest::secondLockInProcessFails()
{
    InstanceLock first(m_runtime->path());
    InstanceLock second(m_runtime->path());

    QCOMPARE(first.acquire(), InstanceLock::Result::Primary);
    QCOMPARE(second.acquire(), InstanceLock::Result::Secondary);
    QVERIFY(first.isPrimary());
    QVERIFY(!second.isPrimary());
    QVERIFY(second.errorString().isEmpty());
}

void InstanceLockTest::acquireAgainStaysPrimary()
{
    InstanceLock lock(m_runtime->path());

    QCOMPARE(lock.acquire(), InstanceLock::Result::Primary);
    QCOMPARE(lock.acquire(), InstanceLock::Result::Primary);
}

void InstanceLockTest::lockReleasedOnDestruction()
{
    auto first = std::make_unique<InstanceLock>(m_runtime->path());
    QCOMPARE(first->acquire(), InstanceLock::Result::Primary);

    first.reset();

    QVERIFY(!QFile::exists(InstancePaths::lockFilePath(m_runtime->path())));
    InstanceLock second(m_runtime->path());
    QCOMPARE(second.acquire(), InstanceLock::Result::Primary);
}

void InstanceLockTest::otherProcessHoldsLock()
{
    QProcess holder;
    QCOMPARE(startHolder(holder, m_runtime->path()), QStringLiteral("primary"));

    InstanceLock lock(m_runtime->path());
    QCOMPARE(lock.acquire(), InstanceLock::Result::Secondary);

    holder.closeWriteChannel();
    QVERIFY(holder.waitForFinished(10000));
    QCOMPARE(holder.exitCode(), 0);

    QCOMPARE(lock.acquire(), InstanceLock::Result::Primary);
}

void InstanceLockTest::otherProcessSeesOurLock()
{
    InstanceLock lock(m_runtime->path());
    QCOMPARE(lock.acquire(), InstanceLock::Result::Primary);

    QProcess holder;
    QCOMPARE(startHolder(holder, m_runtime->path()), QStringLiteral("secondary"));

    holder.closeWriteChannel();
    QVERIFY(holder.waitForFinished(10000));
}

void InstanceLockTest::staleLockTakenOver()
{
    QProcess holder;
    QCOMPARE(startHolder(holder, m_runtime->path()), QStringLiteral("primary"));

    // SIGKILL leaves the lock file behind, as a crash would.
    holder.kill();
    QVERIFY(holder.waitForFinished(10000));
    QVERIFY(QFile::exists(InstancePaths::lockFilePath(m_runtime->path())));

    InstanceLock lock(m_runtime->path());
    QCOMPARE(lock.acquire(), InstanceLock::Result::Primary);
}

void InstanceLockTest::unsafeDirectoryFails_data()
{
    QTest::addColumn<int>("mode");

    QTest::newRow("group-writable 0770") << 0770;
    QTest::newRow("world-writable 0777") << 0777;
    QTest::newRow("world-writable sticky 1777") << 01777;
}

void InstanceLockTest::unsafeDirectoryFails()
{
    QFETCH(int, mode);
    QCOMPARE(::chmod(QFile::encodeName(m_runtime->path()).constData(), mode_t(mode)), 0);

    InstanceLock lock(m_runtime->path());

    QCOMPARE(lock.acquire(), InstanceLock::Result::Failed);
    QVERIFY(lock.errorString().contains(m_runtime->path()));
    QVERIFY(!QFile::exists(InstancePaths::lockFilePath(m_runtime->path())));
}

void InstanceLockTest::foreignDirectoryFails()
{
    if (::geteuid() != 0)
        QSKIP("giving a directory to another user needs root");

    QCOMPARE(::chown(QFile::encodeName(m_runtime->path()).constData(), NobodyUserId, NobodyUserId), 0);

    InstanceLock lock(m_runtime->path());

    QCOMPARE(lock.acquire(), InstanceLock::Result::Failed);
    QVERIFY(lock.errorString().contains(m_runtime->path()));
}

void InstanceLockTest::missingDirectoryFails()
{
    const QString missing = m_runtime->filePath(QStringLiteral("missing"));

    InstanceLock lock(missing);

    QCOMPARE(lock.acquire(), InstanceLock::Result::Failed);
    QVERIFY(!lock.errorString().isEmpty());
}

void InstanceLockTest::runtimeDirectoryFromEnvironment()
{
    QString error;

    const QString directory = InstancePaths::runtimeDirectory(&error);

    QCOMPARE(directory, m_runtime->path());
    QVERIFY(error.isEmpty());
    QCOMPARE(InstancePaths::socketPath(directory), m_runtime->filePath(QStringLiteral("denvr-signin.socket")));
    QCOMPARE(InstancePaths::lockFilePath(directory), m_runtime->filePath(QStringLiteral("denvr-signin.lock")));
}

void InstanceLockTest::relativeRuntimeDirectoryRejected()
{
    qputenv("XDG_RUNTIME_DIR", "relative/runtime");
    QString error;

    const QString directory = InstancePaths::runtimeDirectory(&error);

    QVERIFY(directory.isEmpty());
    QVERIFY(error.contains(QStringLiteral("relative/runtime")));
}

void InstanceLockTest::fallbackCreatedPrivate()
{
    qunsetenv("XDG_RUNTIME_DIR");
    qputenv("TMPDIR", QFile::encodeName(m_runtime->path()));
    const QString expected = m_runtime->filePath(QStringLiteral("denvr-signin-%1").arg(::geteuid()));
    QString error;

    const QString directory = InstancePaths::runtimeDirectory(&error);

    QCOMPARE(directory, expected);
    QVERIFY(error.isEmpty());
    QCOMPARE(modeOf(directory), mode_t(0700));
    QCOMPARE(QFileInfo(directory).ownerId(), uint(::geteuid()));
}

void InstanceLockTest::fallbackSymlinkRejected()
{
    qunsetenv("XDG_RUNTIME_DIR");
    qputenv("TMPDIR", QFile::encodeName(m_runtime->path()));
    const QString target = m_runtime->filePath(QStringLiteral("elsewhere"));
    QVERIFY(QDir().mkdir(target));
    QVERIFY(QFile::link(target, InstancePaths::fallbackDirectory()));
    QString error;

    const QString directory = InstancePaths::runtimeDirectory(&error);

    QVERIFY(directory.isEmpty());
    QVERIFY(error.contains(InstancePaths::fallbackDirectory()));
}

void InstanceLockTest::fallbackWorldWritableRejected()
{
    qunsetenv("XDG_RUNTIME_DIR");
    qputenv("TMPDIR", QFile::encodeName(m_runtime->path()));
    const QByteArray fallback = QFile::encodeName(InstancePaths::fallbackDirectory());
    QCOMPARE(::mkdir(fallback.constData(), 0700), 0);
    QCOMPARE(::chmod(fallback.constData(), 0777), 0);
    QString error;

    const QString directory = InstancePaths::runtimeDirectory(&error);

    QVERIFY(directory.isEmpty());
    QVERIFY(error.contains(InstancePaths::fallbackDirectory()));
}

QTEST_GUILESS_MAIN(InstanceLockTest)
#include "tst_instancelock.moc"
