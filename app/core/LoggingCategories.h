// Every logging category of Denvr Sign-In, declared in one place so that
// QT_LOGGING_RULES such as "denvr.*.debug=true" can be written from this list.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApi)        // denvr.api: requests, replies and their errors
Q_DECLARE_LOGGING_CATEGORY(lcSession)    // denvr.session: state machine transitions
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)   // denvr.keychain: Secret Service jobs
Q_DECLARE_LOGGING_CATEGORY(lcSettings)   // denvr.settings: QSettings reads and writes
Q_DECLARE_LOGGING_CATEGORY(lcGui)        // denvr.gui: dialogs and tray
Q_DECLARE_LOGGING_CATEGORY(lcApp)        // denvr.app: start, single instance, shutdown
Q_DECLARE_LOGGING_CATEGORY(lcPower)      // denvr.power: suspend, resume and wall-clock jumps
Q_DECLARE_LOGGING_CATEGORY(lcNetwork)    // denvr.network: reachability reported by the operating system
