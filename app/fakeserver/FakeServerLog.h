#pragma once

#include <QLoggingCategory>

// Logging category "denvr.fakeserver" for the fake server's diagnostics on stderr.
// Enable or silence it with QT_LOGGING_RULES="denvr.fakeserver.info=false".
Q_DECLARE_LOGGING_CATEGORY(lcFakeServer)
