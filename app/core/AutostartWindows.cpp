// Start at login on Windows: a value named after the app under the current
// user's Run key, whose data is the quoted executable path and --minimized.

#include "Autostart.h"

#include "LoggingCategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

namespace {

const QString runKey = QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString valueName = QStringLiteral("DenvrSignIn");

class AutostartWindows : public Autostart
{
public:
    bool isEnabled() const override
    {
        const QSettings run(runKey, QSettings::NativeFormat);
        return run.contains(valueName);
    }

    bool setEnabled(bool enabled, QString* error) override
    {
        QSettings run(runKey, QSettings::NativeFormat);
        if (enabled) {
            const QString executable = QDir::toNativeSeparators(QCoreApplication::applicationFilePath());
            run.setValue(valueName, QStringLiteral("\"%1\" --minimized").arg(executable));
        } else {
            run.remove(valueName);
        }

        run.sync();
        if (run.status() != QSettings::NoError) {
            qCWarning(lcSettings).noquote() << QStringLiteral("cannot change the registry value %1\\%2, status %3")
                                                   .arg(runKey, valueName)
                                                   .arg(run.status());
            if (error) {
                *error =
                    QCoreApplication::translate("Autostart", "Could not change the registry value %1\\%2. Check the "
                                                             "permissions of the key.")
                        .arg(runKey, valueName);
            }
            return false;
        }

        qCInfo(lcSettings) << "start at login" << (enabled ? "enabled" : "disabled");
        return true;
    }
};

} // namespace

std::unique_ptr<Autostart> Autostart::create()
{
    return std::make_unique<AutostartWindows>();
}
