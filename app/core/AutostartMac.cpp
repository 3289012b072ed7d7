// Start at login on macOS: a LaunchAgent property list that launchd loads at
// the next login and that runs the executable with --minimized once.

#include "Autostart.h"

#include "LoggingCategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace {

const QString label = QStringLiteral("com.denvrdata.signin");

QString plistPath()
{
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + label + QStringLiteral(".plist");
}

QByteArray launchAgent(const QString& executable)
{
    QString plist;
    plist += QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    plist += QStringLiteral("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                            "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
    plist += QStringLiteral("<plist version=\"1.0\">\n<dict>\n");
    plist += QStringLiteral("    <key>Label</key>\n    <string>%1</string>\n").arg(label);
    plist += QStringLiteral("    <key>ProgramArguments</key>\n    <array>\n");
    plist += QStringLiteral("        <string>%1</string>\n").arg(executable.toHtmlEscaped());
    plist += QStringLiteral("        <string>--minimized</string>\n    </array>\n");
    plist += QStringLiteral("    <key>RunAtLoad</key>\n    <true/>\n");
    plist += QStringLiteral("    <key>ProcessType</key>\n    <string>Interactive</string>\n");
    plist += QStringLiteral("</dict>\n</plist>\n");
    return plist.toUtf8();
}

class AutostartMac : public Autostart
{
public:
    bool isEnabled() const override { return QFile::exists(plistPath()); }

    bool setEnabled(bool enabled, QString* error) override
    {
        const bool done = enabled ? writePlist(error) : removePlist(error);
        if (done)
            qCInfo(lcSettings) << "start at login" << (enabled ? "enabled" : "disabled");
        return done;
    }

private:
    static bool writePlist(QString* error)
    {
        const QString path = plistPath();
        const QString folder = QFileInfo(path).absolutePath();
        QDir().mkpath(folder);

        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return fail(
                QStringLiteral("cannot write the launch agent %1: %2").arg(path, file.errorString()),
                QCoreApplication::translate("Autostart", "Could not write %1: %2. Check the folder's permissions.")
                    .arg(path, file.errorString()),
                error);
        }

        file.write(launchAgent(QCoreApplication::applicationFilePath()));
        if (!file.commit()) {
            return fail(QStringLiteral("cannot save the launch agent %1: %2").arg(path, file.errorString()),
                        QCoreApplication::translate("Autostart", "Could not save %1: %2. Check the free disk space.")
                            .arg(path, file.errorString()),
                        error);
        }
        return true;
    }

    static bool removePlist(QString* error)
    {
        QFile file(plistPath());
        if (!file.exists() || file.remove())
            return true;

        return fail(QStringLiteral("cannot remove the launch agent %1: %2").arg(file.fileName(), file.errorString()),
                    QCoreApplication::translate("Autostart", "Could not remove %1: %2. Check the folder's permissions.")
                        .arg(file.fileName(), file.errorString()),
                    error);
    }

    static bool fail(const QString& logMessage, const QString& userMessage, QString* error)
    {
        qCWarning(lcSettings).noquote() << logMessage;
        if (error)
            *error = userMessage;
        return false;
    }
};

} // namespace

std::unique_ptr<Autostart> Autostart::create()
{
    return std::make_unique<AutostartMac>();
}
