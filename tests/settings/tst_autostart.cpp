// Start at login on Linux: the XDG autostart entry that Autostart writes,
// what it contains, and that isEnabled() follows the file.

#include "Autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

bool writeFile(const QString& path, const QByteArray& contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

// The lines of the entry without their line breaks.
QList<QByteArray> entryLines(const QString& path)
{
    QList<QByteArray> lines = readFile(path).split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

} // namespace

class tst_Autostart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void disabledWithoutEntry();
    void enableWritesEntry();
    void entryStartsThisExecutable();
    void entryPassesDesktopFileValidate();
    void disableRemovesEntry();
    void disableWithoutEntry();
    void enableTwiceKeepsOneEntry();
    void isEnabledFollowsFile_data();
    void isEnabledFollowsFile();
    void enableFailsWhenFolderIsFile();

private:
    QString entryPath() const;

    QTemporaryDir m_configHome;
    std::unique_ptr<Autostart> m_autostart;
};

void tst_Autostart::initTestCase()
{
    QVERIFY(m_configHome.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_configHome.path()));
    QCOMPARE(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation), m_configHome.path());
}

void tst_Autostart::init()
{
    QFile::remove(entryPath());
    QFile::setPermissions(m_configHome.path() + QStringLiteral("/autostart"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_autostart = Autostart::create();
}

QString tst_Autostart::entryPath() const
{
    return m_configHome.path() + QStringLiteral("/autostart/denvr-signin.desktop");
}

void tst_Autostart::disabledWithoutEntry()
{
    QVERIFY(!QFile::exists(entryPath()));

    QVERIFY(!m_autostart->isEnabled());
}

void tst_Autostart::enableWritesEntry()
{
    QString error;

    QVERIFY(m_autostart->setEnabled(true, &error));

    QCOMPARE(error, QString());
    QVERIFY(QFile::exists(entryPath()));
    QVERIFY(m_autostart->isEnabled());
}

void tst_Autostart::entryStartsThisExecutable()
{
    QVERIFY(m_autostart->setEnabled(true, nullptr));

    const QList<QByteArray> lines = entryLines(entryPath());
    QCOMPARE(lines.value(0), QByteArray("[Desktop Entry]"));
    QVERIFY(lines.contains("Type=Application"));
    QVERIFY(lines.contains("Name=Denvr Sign-In"));
    QVERIFY(lines.contains("Icon=denvr-signin"));
    QVERIFY(lines.contains("X-GNOME-Autostart-enabled=true"));

    // The build folder contains no reserved character, so the path goes unquoted.
    const QByteArray executable = QFile::encodeName(QCoreApplication::applicationFilePath());
    QVERIFY(executable.startsWith('/'));
    QVERIFY(lines.contains("Exec=" + executable + " --minimized"));
}

void tst_Autostart::entryPassesDesktopFileValidate()
{
    const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (validator.isEmpty())
        QSKIP("desktop-file-validate is not installed (package desktop-file-utils)");
    QVERIFY(m_autostart->setEnabled(true, nullptr));

    QProcess process;
    process.start(validator, {entryPath()});
    QVERIFY(process.waitForFinished());

    const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
    QVERIFY2(output.isEmpty(), output.constData());
    QCOMPARE(process.exitCode(), 0);
}

void tst_Autostart::disableRemovesEntry()
{
    QVERIFY(m_autostart->setEnabled(true, nullptr));
    QString error;

    QVERIFY(m_autostart->setEnabled(false, &error));

    QCOMPARE(error, QString());
    QVERIFY(!QFile::exists(entryPath()));
    QVERIFY(!m_autostart->isEnabled());
}

void tst_Autostart::disableWithoutEntry()
{
    QString error;

    QVERIFY(m_autostart->setEnabled(false, &error));

    QCOMPARE(error, QString());
}

void tst_Autostart::enableTwiceKeepsOneEntry()
{
    QVERIFY(m_autostart->setEnabled(true, nullptr));
    const QByteArray first = readFile(entryPath());

    QVERIFY(m_autostart->setEnabled(true, nullptr));

    QCOMPARE(readFile(entryPath()), first);
    QCOMPARE(QDir(m_configHome.path() + QStringLiteral("/autostart")).entryList(QDir::Files).size(), 1);
}

void tst_Autostart::isEnabledFollowsFile_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<bool>("expectedEnabled");

    const QByteArray head = "[Desktop Entry]\nType=Application\nName=Denvr Sign-In\nExec=/usr/bin/denvr-signin\n";
    QTest::newRow("plain entry") << head << true;
    QTest::newRow("gnome switch on") << head + "X-GNOME-Autostart-enabled=true\n" << true;
    QTest::newRow("gnome switch off") << head + "X-GNOME-Autostart-enabled=false\n" << false;
    QTest::newRow("hidden") << head + "Hidden=true\n" << false;
    QTest::newRow("hidden in other group") << head + "[Desktop Action quit]\nHidden=true\n" << true;
}

void tst_Autostart::isEnabledFollowsFile()
{
    QFETCH(QByteArray, contents);
    QFETCH(bool, expectedEnabled);
    QVERIFY(QDir().mkpath(m_configHome.path() + QStringLiteral("/autostart")));

    QVERIFY(writeFile(entryPath(), contents));

    QCOMPARE(m_autostart->isEnabled(), expectedEnabled);
}

void tst_Autostart::enableFailsWhenFolderIsFile()
{
    // A file where the folder belongs makes the write fail even for root,
    // which file permissions would not stop.
    const QString folder = m_configHome.path() + QStringLiteral("/autostart");
    QDir(folder).removeRecursively();
    QFile blocker(folder);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString error;

    const bool enabled = m_autostart->setEnabled(true, &error);
    QFile::remove(folder);

    QVERIFY(!enabled);
    QVERIFY2(error.contains(folder), qPrintable(error));
    QVERIFY(!m_autostart->isEnabled());
}

QTEST_GUILESS_MAIN(tst_Autostart)
#include "tst_autostart.moc"
