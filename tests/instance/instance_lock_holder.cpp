// Takes the instance lock of the runtime directory given as the only argument
// and holds it until standard input closes, so that a test can hold the lock
// from another process. Prints one line: "primary", "secondary" or
// "failed: <message>".

#include "InstanceLock.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 2) {
        std::fprintf(stderr, "usage: instance-lock-holder RUNTIME_DIRECTORY\n");
        return 2;
    }

    InstanceLock lock(arguments.at(1));

    switch (lock.acquire()) {
    case InstanceLock::Result::Primary:
        std::printf("primary\n");
        break;
    case InstanceLock::Result::Secondary:
        std::printf("secondary\n");
        break;
    case InstanceLock::Result::Failed:
        std::printf("failed: %s\n", qPrintable(lock.errorString()));
        break;
    }
    std::fflush(stdout);

    char buffer[256];
    while (std::fgets(buffer, sizeof(buffer), stdin) != nullptr) {
    }

    return 0;
}
