// denvr-auth: the command-line companion of Denvr Sign-In, for scripts.

#include "AppSettings.h"
#include "AuthCommandLine.h"
#include "AuthStatusCommand.h"
#include "CommandContext.h"
#include "ExitCodes.h"
#include "LoginCommand.h"
#include "LogoutCommand.h"
#include "TokenCommand.h"
#include "Version.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setOrganizationName(QString::fromLatin1(AppSettings::OrganizationName));
    QCoreApplication::setApplicationName(QStringLiteral("denvr-auth"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DENVR_VERSION));

    // Standard error carries one line per failure, so the library's logs stay
    // off unless QT_LOGGING_RULES, which takes precedence, turns them on.
    QLoggingCategory::setFilterRules(QStringLiteral("denvr.*=false"));

    AuthOptions options;
    QString errorMessage;
    if (!parseAuthCommandLine(application, &options, &errorMessage)) {
        printError(errorMessage);
        return AuthUsageError;
    }

    CommandContext context(options);
    if (!context.setUp(&errorMessage)) {
        printError(errorMessage);
        return AuthUsageError;
    }

    switch (options.command) {
    case AuthOptions::Command::Login:
        return runLoginCommand(context);
    case AuthOptions::Command::Status:
        return runAuthStatusCommand(context);
    case AuthOptions::Command::Token:
        return runTokenCommand(context);
    case AuthOptions::Command::Logout:
        return runLogoutCommand(context);
    }
    return AuthUsageError;
}
