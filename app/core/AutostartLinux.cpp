// Start at login on Linux and other XDG desktops: a desktop entry in
// $XDG_CONFIG_HOME/autostart, as the XDG Autostart Specification describes.

#include "Autostart.h"

#include "LoggingCategories.h"
#include "Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace {

const QString entryFileName = QStringLiteral("denvr-signin.desktop");

// In the Desktop Entry Specification's Exec key, an argument that contains a
// reserved character is quoted, and inside the quotes '"', '`', '$' and '\'
// take a backslash. The key's value is a string, so every backslash is doubled
// once more, and '%' is doubled because it starts a field code.
QString execArgument(const QString& argument)
{
    const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    bool needsQuotes = argument.isEmpty();
    for (const QChar character : argument) {
        if (reserved.contains(character))
            needsQuotes = true;
    }

    QString quoted;
    for (const QChar character : argument) {
        if (needsQuotes && QStringLiteral("\"`$\\").contains(character))
            quoted += QLatin1Char('\\');
        quoted += character;
    }
    if (needsQuotes)
        quoted = QLatin1Char('"') + quoted + QLatin1Char('"');

    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    quoted.replace(QLatin1Char('%'), QStringLiteral("%%"));
    return quoted;
}

QByteArray desktopEntry(const QString& executable)
{
    QString entry;
    entry += QStringLiteral("[Desktop Entry]\n");
    entry += QStringLiteral("Type=Application\n");
    entry += QStringLiteral("Version=1.0\n");
    entry += QStringLiteral("Name=%1\n").arg(QStringLiteral(DENVR_PRODUCT_NAME));
    entry += QStringLiteral("Comment=Keeps the DenvrCloud session signed in\n");
    entry += QStringLiteral("Exec=%1 --minimized\n").arg(execArgument(executable));
    entry += QStringLiteral("Icon=denvr-signin\n");
    entry += QStringLiteral("Terminal=false\n");
    entry += QStringLiteral("X-GNOME-Autostart-enabled=true\n");
    return entry.toUtf8();
}

// The value of key in the [Desktop Entry] group, or an empty string.
QString entryValue(const QByteArray& contents, const QString& key)
{
    bool inMainGroup = false;
    const QList<QByteArray> lines = contents.split('\n');
    for (const QByteArray& rawLine : lines) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            inMainGroup = line == QLatin1String("[Desktop Entry]");
            continue;
        }

        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (inMainGroup && equals > 0 && line.left(equals).trimmed() == key)
            return line.mid(equals + 1).trimmed();
    }
    return QString();
}

class AutostartLinux : public Autostart
{
public:
    bool isEnabled() const override;
    bool setEnabled(bool enabled, QString* error) override;

private:
    static QString entryPath();
    static bool writeEntry(QString* error);
    static bool removeEntry(QString* error);
};

// GenericConfigLocation is $XDG_CONFIG_HOME, or ~/.config when that is unset,
// and QStandardPaths::setTestModeEnabled() moves it away in tests.
QString AutostartLinux::entryPath()
{
    const QString configFolder = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    return configFolder + QStringLiteral("/autostart/") + entryFileName;
}

// A present entry still counts as disabled when Hidden=true (the XDG way to
// delete it) or X-GNOME-Autostart-enabled=false (the GNOME switch) is set.
bool AutostartLinux::isEnabled() const
{
    QFile file(entryPath());
    if (!file.exists())
        return false;

    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcSettings).noquote()
            << QStringLiteral("cannot read the autostart entry %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }

    const QByteArray contents = file.readAll();
    if (entryValue(contents, QStringLiteral("Hidden")) == QLatin1String("true"))
        return false;
    return entryValue(contents, QStringLiteral("X-GNOME-Autostart-enabled")) != QLatin1String("false");
}

bool AutostartLinux::setEnabled(bool enabled, QString* error)
{
    const bool done = enabled ? writeEntry(error) : removeEntry(error);
    if (done)
        qCInfo(lcSettings).noquote() << QStringLiteral("start at login %1: %2")
                                            .arg(enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"),
                                                 entryPath());
    return done;
}

bool AutostartLinux::writeEntry(QString* error)
{
    const QString path = entryPath();

    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        qCWarning(lcSettings).noquote() << QStringLiteral("cannot create the autostart folder %1").arg(folder);
        if (error)
            *error = QCoreApplication::translate("Autostart", "Could not create the folder %1. Check its permissions.")
                         .arg(folder);
        return false;
    }

    // QSaveFile writes a temporary file and renames it, so a session that
    // starts meanwhile never reads half an entry.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcSettings).noquote()
            << QStringLiteral("cannot write the autostart entry %1: %2").arg(path, file.errorString());
        if (error)
            *error = QCoreApplication::translate("Autostart", "Could not write %1: %2. Check the folder's permissions.")
                         .arg(path, file.errorString());
        return false;
    }

    file.write(desktopEntry(QCoreApplication::applicationFilePath()));
    if (!file.commit()) {
        qCWarning(lcSettings).noquote()
            << QStringLiteral("cannot save the autostart entry %1: %2").arg(path, file.errorString());
        if (error)
            *error = QCoreApplication::translate("Autostart", "Could not save %1: %2. Check the free disk space.")
                         .arg(path, file.errorString());
        return false;
    }

    return true;
}

bool AutostartLinux::removeEntry(QString* error)
{
    QFile file(entryPath());
    if (!file.exists())
        return true;

    if (!file.remove()) {
        qCWarning(lcSettings).noquote()
            << QStringLiteral("cannot remove the autostart entry %1: %2").arg(file.fileName(), file.errorString());
        if (error)
            *error =
                QCoreApplication::translate("Autostart", "Could not remove %1: %2. Check the folder's permissions.")
                    .arg(file.fileName(), file.errorString());
        return false;
    }

    return true;
}

} // namespace

std::unique_ptr<Autostart> Autostart::create()
{
    return std::make_unique<AutostartLinux>();
}
