#include "FakeServerLog.h"

Q_LOGGING_CATEGORY(lcFakeServer, "denvr.fakeserver")
