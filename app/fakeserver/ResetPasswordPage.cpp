#include "ResetPasswordPage.h"

HttpResponse resetPasswordPage()
{
    const QByteArray html =
        "<!DOCTYPE html>\n"
        "<html lang=\"en\">\n"
        "<head><meta charset=\"utf-8\"><title>Reset your password</title></head>\n"
        "<body>\n"
        "<h1>Reset your password</h1>\n"
        "<p>This page replaces the DenvrCloud console during tests and demos. The fake server does not change "
        "passwords: edit the users file and restart it instead.</p>\n"
        "</body>\n"
        "</html>\n";
    return HttpResponse::withBody(200, "text/html; charset=utf-8", html);
}
