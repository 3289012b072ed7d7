#pragma once

#include <QString>

#include <memory>

// Starts the app when the user logs in, through the platform's own mechanism:
// an XDG autostart entry on Linux, the HKCU Run key on Windows and a
// LaunchAgent on macOS. The entry starts the running executable with --minimized.
class Autostart
{
public:
    virtual ~Autostart() = default;

    // Whether an enabled entry for this app exists.
    virtual bool isEnabled() const = 0;

    // Writes the entry (enabled) or removes it (disabled). Returns false and
    // fills *error, when error is not nullptr, with a translated sentence
    // naming the file or key that could not be changed.
    virtual bool setEnabled(bool enabled, QString* error) = 0;

    // The implementation for the platform the app was built for.
    static std::unique_ptr<Autostart> create();
};
