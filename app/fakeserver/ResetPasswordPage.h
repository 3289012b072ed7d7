#pragma once

#include "HttpResponse.h"

// A small HTML page standing in for the web console's password reset page, so
// that the client's "open the console" link lands somewhere during demos.
HttpResponse resetPasswordPage();
