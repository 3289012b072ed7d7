#include "VirtualDisplay.h"

#include <QPoint>
#include <QRect>
#include <QRegularExpression>
#include <QTest>

namespace {

constexpr int StartTimeoutMs = 10000;

void stopProcess(QProcess& process)
{
    if (process.state() == QProcess::NotRunning)
        return;

    process.terminate();
    if (!process.waitForFinished(5000))
        process.kill();
    process.waitForFinished(5000);
}

} // namespace

VirtualDisplay::~VirtualDisplay()
{
    stop();
}

bool VirtualDisplay::start(bool withTray)
{
    // A start can still fail when the machine is loaded, for example when
    // trayer gives up early, so a fresh display is tried up to three times.
    constexpr int Attempts = 3;
    for (int attempt = 1; attempt <= Attempts; ++attempt) {
        if (startOnce(withTray))
            return true;

        qWarning("display attempt %d of %d failed: %s", attempt, Attempts, qPrintable(m_error));
        stop();
    }
    return false;
}

bool VirtualDisplay::startOnce(bool withTray)
{
    m_name.clear();
    m_error.clear();

    // -displayfd 1 makes Xvfb pick a free display and write its number to
    // stdout. Without -noreset, Xvfb resets whenever its last client
    // disconnects, and a client that connects during the reset is refused:
    // under load 6 of 600 quick connections failed that way.
    m_xvfb.start(QStringLiteral("Xvfb"), {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"),
                                         QStringLiteral("0"), QStringLiteral("1024x640x24"), QStringLiteral("-nolisten"),
                                         QStringLiteral("tcp"), QStringLiteral("-noreset")});
    if (!m_xvfb.waitForStarted(StartTimeoutMs)) {
        m_error = QStringLiteral("Xvfb did not start: %1").arg(m_xvfb.errorString());
        return false;
    }

    const bool numbered = QTest::qWaitFor(
        [this] {
            m_name += QString::fromLatin1(m_xvfb.readAllStandardOutput());
            return m_name.endsWith(QLatin1Char('\n'));
        },
        StartTimeoutMs);
    if (!numbered) {
        m_error = QStringLiteral("Xvfb did not report its display number within 10 s");
        return false;
    }
    m_name = QLatin1Char(':') + m_name.trimmed();

    // The display is checked with a client before it is used.
    const bool accepting = QTest::qWaitFor(
        [this] {
            return !run(QStringLiteral("xdotool"), {QStringLiteral("getmouselocation")}).trimmed().isEmpty() ||
                   m_xvfb.state() == QProcess::NotRunning;
        },
        StartTimeoutMs);
    if (!accepting || m_xvfb.state() == QProcess::NotRunning) {
        m_error = QStringLiteral("Xvfb on %1 accepted no client within 10 s: %2")
                      .arg(m_name, QString::fromLocal8Bit(m_xvfb.readAllStandardError()));
        return false;
    }

    if (!withTray)
        return true;

    m_trayer.setProcessEnvironment(environment(QProcessEnvironment::systemEnvironment()));
    m_trayer.start(QStringLiteral("trayer"), {QStringLiteral("--edge"), QStringLiteral("bottom"), QStringLiteral("--align"),
                                             QStringLiteral("right"), QStringLiteral("--widthtype"), QStringLiteral("request"),
                                             QStringLiteral("--height"), QStringLiteral("32")});
    if (!m_trayer.waitForStarted(StartTimeoutMs)) {
        m_error = QStringLiteral("trayer did not start: %1").arg(m_trayer.errorString());
        return false;
    }

    const bool trayShown = QTest::qWaitFor(
        [this] { return trayCentre().x() >= 0 || m_trayer.state() == QProcess::NotRunning; }, StartTimeoutMs);
    if (!trayShown || m_trayer.state() == QProcess::NotRunning) {
        m_error = QStringLiteral("trayer showed no panel within 10 s on %1: %2")
                      .arg(m_name, QString::fromLocal8Bit(m_trayer.readAllStandardError()));
        return false;
    }

    // trayer maps its window before it owns the tray selection.
    QTest::qWait(500);
    return true;
}

void VirtualDisplay::stop()
{
    stopProcess(m_trayer);
    stopProcess(m_xvfb);
}

QProcessEnvironment VirtualDisplay::environment(QProcessEnvironment environment) const
{
    environment.insert(QStringLiteral("DISPLAY"), m_name);
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    return environment;
}

QByteArray VirtualDisplay::run(const QString& program, const QStringList& arguments) const
{
    QProcess process;
    process.setProcessEnvironment(environment(QProcessEnvironment::systemEnvironment()));
    process.start(program, arguments);
    if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QByteArray();
    return process.readAllStandardOutput();
}

QPoint VirtualDisplay::trayCentre() const
{
    // trayer's panel, which contains the icons, has the instance name
    // "panel". Its other windows are small and off to the side.
    const QByteArray windows =
        run(QStringLiteral("xdotool"), {QStringLiteral("search"), QStringLiteral("--classname"), QStringLiteral("^panel$")});
    const QByteArray window = windows.split('\n').value(0).trimmed();
    if (window.isEmpty())
        return QPoint(-1, -1);

    const QString info = QString::fromLatin1(
        run(QStringLiteral("xwininfo"), {QStringLiteral("-id"), QString::fromLatin1(window)}));
    const auto number = [&info](const QString& label) {
        const QRegularExpressionMatch match =
            QRegularExpression(label + QStringLiteral(":\\s+(-?\\d+)")).match(info);
        return match.hasMatch() ? match.captured(1).toInt() : -1;
    };

    const int x = number(QStringLiteral("Absolute upper-left X"));
    const int y = number(QStringLiteral("Absolute upper-left Y"));
    const int width = number(QStringLiteral("Width"));
    const int height = number(QStringLiteral("Height"));
    if (x < 0 || y < 0 || width <= 0 || height <= 0)
        return QPoint(-1, -1);
    return QPoint(x + width / 2, y + height / 2);
}

bool VirtualDisplay::saveScreenshot(const QString& path, const QRect& crop) const
{
    QStringList arguments{QStringLiteral("-window"), QStringLiteral("root")};
    if (crop.isValid())
        arguments << QStringLiteral("-crop")
                  << QStringLiteral("%1x%2+%3+%4").arg(crop.width()).arg(crop.height()).arg(crop.x()).arg(crop.y())
                  << QStringLiteral("+repage");
    arguments << path;

    QProcess process;
    process.setProcessEnvironment(environment(QProcessEnvironment::systemEnvironment()));
    process.start(QStringLiteral("import"), arguments);
    return process.waitForFinished(15000) && process.exitCode() == 0;
}
