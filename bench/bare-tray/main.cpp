// bare-tray: shows a tray icon and nothing else, until it is terminated. It
// is the baseline that scripts/bench compares denvr-signin with: the cost of
// QApplication, the xcb platform plugin and one QSystemTrayIcon.

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);

    QSystemTrayIcon trayIcon(application.style()->standardIcon(QStyle::SP_ComputerIcon));
    trayIcon.show();

    return application.exec();
}
