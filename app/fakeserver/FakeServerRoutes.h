#pragma once

class RequestRouter;
class TokenAuthService;

// Registers the TokenAuth endpoints and the password reset page. RefreshToken
// takes GET as well as POST because DenvrCloud's own SDKs send it with GET.
void addFakeServerRoutes(RequestRouter& router, TokenAuthService& service);
