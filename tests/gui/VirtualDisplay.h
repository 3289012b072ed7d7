#pragma once

#include <QProcess>
#include <QPoint>
#include <QProcessEnvironment>
#include <QRect>
#include <QString>

// A private Xvfb display for a process-level test, optionally with trayer as
// its system tray host, so that the test controls whether a tray exists and
// never types into another test's windows.
class VirtualDisplay
{
public:
    ~VirtualDisplay();

    // Starts Xvfb on a free display number (Xvfb -displayfd) and, with
    // withTray, trayer at the bottom right; waits until trayer's window
    // exists. Returns false and fills errorMessage() on failure.
    bool start(bool withTray);
    void stop();

    QString name() const { return m_name; }
    QString errorMessage() const { return m_error; }

    // environment with DISPLAY set to this display.
    QProcessEnvironment environment(QProcessEnvironment environment) const;

    // Runs a command such as xdotool on this display and returns its
    // standard output, or an empty array when it failed.
    QByteArray run(const QString& program, const QStringList& arguments) const;

    // The centre of the tray host's window in root coordinates, where the
    // only tray icon sits, or (-1, -1) without one.
    QPoint trayCentre() const;

    // Saves the whole screen, cropped to crop when it is valid, as path.
    bool saveScreenshot(const QString& path, const QRect& crop = QRect()) const;

private:
    bool startOnce(bool withTray);

    QProcess m_xvfb;
    QProcess m_trayer;
    QString m_name;
    QString m_error;
};
