#include "GuiTestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QTcpServer>
#include <QWidget>

bool GuiTest::saveScreenshot(QWidget* widget, const QString& name)
{
    const QString outputRoot = qEnvironmentVariable("DENVR_TEST_OUTPUT");
    if (outputRoot.isEmpty())
        return true;

    const QString folder = QDir(outputRoot).filePath(QStringLiteral("screenshots"));
    if (!QDir().mkpath(folder)) {
        qWarning("cannot create the screenshot folder %s", qPrintable(folder));
        return false;
    }

    // Status lines resize the dialog through a posted layout request.
    QCoreApplication::processEvents();

    const QString path = QDir(folder).filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path)) {
        qWarning("cannot save the screenshot %s", qPrintable(path));
        return false;
    }

    return true;
}

quint16 GuiTest::closedLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;

    const quint16 port = server.serverPort();
    server.close();
    return port;
}

bool GuiTest::showActive(QWidget* window)
{
    window->show();
    window->raise();
    window->activateWindow();
    return QTest::qWaitForWindowActive(window);
}
