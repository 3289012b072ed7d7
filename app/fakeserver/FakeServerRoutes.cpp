#include "FakeServerRoutes.h"

#include "RequestRouter.h"
#include "ResetPasswordPage.h"
#include "TokenAuthService.h"

void addFakeServerRoutes(RequestRouter& router, TokenAuthService& service)
{
    router.addRoute("POST", "/api/TokenAuth/Authenticate",
                    [&service](const HttpRequest& request) { return service.authenticate(request); });
    router.addRoute("POST", "/api/TokenAuth/SendTwoFactorAuthCode",
                    [&service](const HttpRequest& request) { return service.sendTwoFactorAuthCode(request); });
    router.addRoute("GET", "/api/TokenAuth/RefreshToken",
                    [&service](const HttpRequest& request) { return service.refreshToken(request); });
    router.addRoute("POST", "/api/TokenAuth/RefreshToken",
                    [&service](const HttpRequest& request) { return service.refreshToken(request); });
    router.addRoute("GET", "/api/TokenAuth/LogOut",
                    [&service](const HttpRequest& request) { return service.logOut(request); });
    router.addRoute("GET", "/account/reset-password", [](const HttpRequest&) { return resetPasswordPage(); });
}
