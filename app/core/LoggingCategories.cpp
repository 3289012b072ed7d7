#include "LoggingCategories.h"

// Info and above are shown by default; debug output is enabled with QT_LOGGING_RULES.
Q_LOGGING_CATEGORY(lcApi, "denvr.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "denvr.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "denvr.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettings, "denvr.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGui, "denvr.gui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "denvr.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPower, "denvr.power", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNetwork, "denvr.network", QtInfoMsg)
