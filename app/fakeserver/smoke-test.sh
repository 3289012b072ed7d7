#!/usr/bin/env bash
# Smoke test of denvr-fake-server with curl. It starts its own servers on
# 127.0.0.1 with --port 0 and talks to no other address.
#
# Usage: app/fakeserver/smoke-test.sh [path/to/denvr-fake-server]
# Needs curl, jq and openssl. Prints one line per failed check and exits 1 if
# any check failed.

set -uo pipefail

SERVER_BINARY=${1:-${FAKE_SERVER:-build/bin/denvr-fake-server}}
if [[ ! -x "$SERVER_BINARY" ]]; then
    echo "smoke-test: server binary '$SERVER_BINARY' not found; pass its path as the first argument" >&2
    exit 2
fi

WORK_DIR=$(mktemp -d)
SERVER_PIDS=()
FAILURES=0
CHECKS=0

cleanup() {
    for pid in "${SERVER_PIDS[@]}"; do
        kill "$pid" 2>/dev/null
    done
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    FAILURES=$((FAILURES + 1))
}

# Starts a server with the given arguments and sets SERVER_URL, SERVER_PID and
# SERVER_LOG (its stdout file). The server's stderr goes to "$SERVER_LOG.err".
start_server() {
    SERVER_LOG="$WORK_DIR/server-$RANDOM.out"
    "$SERVER_BINARY" "$@" >"$SERVER_LOG" 2>"$SERVER_LOG.err" &
    SERVER_PID=$!
    SERVER_PIDS+=("$SERVER_PID")
    for _ in $(seq 50); do
        if [[ -s "$SERVER_LOG" ]]; then
            break
        fi
        sleep 0.1
    done
    SERVER_URL=$(head -n 1 "$SERVER_LOG" | sed -n 's/^listening on //p')
    if [[ -z "$SERVER_URL" ]]; then
        fail "server did not start with: $*"
        cat "$SERVER_LOG.err" >&2
        return 1
    fi
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
}

# Sends one request. Sets STATUS, BODY (raw text) and HEADERS.
call() {
    local method=$1 path=$2
    shift 2
    STATUS=$(curl -sS -X "$method" -o "$WORK_DIR/body" -D "$WORK_DIR/headers" -w '%{http_code}' \
        "$@" "$SERVER_URL$path")
    BODY=$(cat "$WORK_DIR/body")
    HEADERS=$(cat "$WORK_DIR/headers")
}

# Sends a JSON body with POST.
post_json() {
    call POST "$1" -H 'Content-Type: application/json' --data-binary "$2" "${@:3}"
}

sign_in_body() {
    jq -cn --arg user "$1" --arg password "$2" '{userNameOrEmailAddress: $user, password: $password, rememberClient: false}'
}

expect_status() {
    CHECKS=$((CHECKS + 1))
    if [[ "$STATUS" != "$1" ]]; then
        fail "$2: expected status $1, got $STATUS, body: $BODY"
    fi
}

# Checks a jq filter that must be true for BODY. Only for values below 2^53,
# because jq reads numbers as doubles.
expect_json() {
    CHECKS=$((CHECKS + 1))
    if ! jq -e "$1" >/dev/null 2>&1 <<<"$BODY"; then
        fail "$2: expected $1, body: $BODY"
    fi
}

expect_body_contains() {
    CHECKS=$((CHECKS + 1))
    if [[ "$BODY" != *"$1"* ]]; then
        fail "$2: expected the body to contain '$1', body: $BODY"
    fi
}

uri_encode() {
    jq -rn --arg value "$1" '$value | @uri'
}

cat >"$WORK_DIR/users.json" <<'EOF'
{
  "accessTokenSeconds": 3600,
  "users": [
    {"userName": "demo", "emailAddress": "demo@example.com", "password": "demo-password",
     "twoFactorProviders": ["Email", "GoogleAuthenticator"], "twoFactorCode": "123456"},
    {"userName": "plain", "emailAddress": "plain@example.com", "password": "plain-password"},
    {"userName": "reset", "emailAddress": "reset@example.com", "password": "reset-password",
     "shouldResetPassword": true},
    {"userName": "locked", "emailAddress": "locked@example.com", "password": "locked-password",
     "lockedOut": true},
    {"userName": "inactive", "emailAddress": "inactive@example.com", "password": "inactive-password",
     "active": false},
    {"userName": "big", "emailAddress": "big@example.com", "password": "big-password",
     "twoFactorProviders": ["Email"], "twoFactorCode": "654321", "userId": 9007199254740993},
    {"userName": "max", "emailAddress": "max@example.com", "password": "max-password",
     "userId": "9223372036854775807"}
  ]
}
EOF

# --- command line and start-up failures ---

"$SERVER_BINARY" --users "$WORK_DIR/users.json" >/dev/null 2>&1
[[ $? == 2 ]] || fail "missing --port should exit with 2"
"$SERVER_BINARY" --port 0 --users "$WORK_DIR/missing.json" >/dev/null 2>&1
[[ $? == 2 ]] || fail "unreadable users file should exit with 2"
echo '{"users": [{"userName": "x"}]}' >"$WORK_DIR/bad-users.json"
"$SERVER_BINARY" --port 0 --users "$WORK_DIR/bad-users.json" >/dev/null 2>"$WORK_DIR/bad-users.err"
[[ $? == 2 ]] || fail "invalid users file should exit with 2"
[[ $(wc -l <"$WORK_DIR/bad-users.err") == 1 ]] || fail "invalid users file should give a one-line error"
"$SERVER_BINARY" --port 0 --users "$WORK_DIR/users.json" --tls-cert "$WORK_DIR/none.pem" \
    --tls-key "$WORK_DIR/none.pem" >/dev/null 2>&1
[[ $? == 2 ]] || fail "unreadable TLS certificate should exit with 2"
"$SERVER_BINARY" --port 0 --users "$WORK_DIR/users.json" --delay-ms -5 >/dev/null 2>&1
[[ $? == 2 ]] || fail "negative --delay-ms should exit with 2"
"$SERVER_BINARY" --port 0 --users "$WORK_DIR/users.json" --state "$WORK_DIR/no/such/dir/state.json" >/dev/null 2>&1
[[ $? == 2 ]] || fail "state file in a missing directory should exit with 2"

start_server --port 0 --users "$WORK_DIR/users.json" || exit 1
BUSY_PORT=${SERVER_URL##*:}
"$SERVER_BINARY" --port "$BUSY_PORT" --users "$WORK_DIR/users.json" >/dev/null 2>&1
[[ $? == 2 ]] || fail "port in use should exit with 2"

# --- Authenticate: credentials, lockout, inactive, validation ---

post_json /api/TokenAuth/Authenticate "$(sign_in_body PLAIN@Example.com plain-password)"
expect_status 200 "sign-in by email ignoring case"
expect_json '.success == true and .error == null and .__abp == true and .unAuthorizedRequest == false' "envelope"
expect_json '.result.userId == 1001 and .result.expireInSeconds == 3600 and .result.refreshTokenExpireInSeconds == 2592000' "token result numbers"
expect_json '.result.requiresTwoFactorVerification == false and .result.shouldResetPassword == false and .result.twoFactorAuthProviders == null and .result.twoFactorRememberClientToken == null and .result.returnUrl == null and .result.passwordResetCode == null and .result.c == null' "token result nulls"
[[ "$HEADERS" == *"Content-Type: application/json; charset=utf-8"* ]] || fail "JSON content type"
PLAIN_ACCESS=$(jq -r .result.accessToken <<<"$BODY")
PLAIN_REFRESH=$(jq -r .result.refreshToken <<<"$BODY")
[[ "$PLAIN_REFRESH" == *+* && "$PLAIN_REFRESH" == */* && "$PLAIN_REFRESH" == *=* ]] \
    || fail "refresh token should contain +, / and =: $PLAIN_REFRESH"

post_json /api/TokenAuth/Authenticate "$(sign_in_body Plain plain-password)"
expect_status 200 "sign-in by user name ignoring case"

post_json /api/TokenAuth/Authenticate "$(sign_in_body plain wrong)"
expect_status 401 "wrong password"
expect_json '.success == false and .unAuthorizedRequest == true and .error.message == "Invalid user name or password" and .result == null' "wrong password body"

post_json /api/TokenAuth/Authenticate "$(sign_in_body nobody whatever)"
expect_status 401 "unknown user"
expect_json '.error.message == "Invalid user name or password"' "unknown user message"

post_json /api/TokenAuth/Authenticate "$(sign_in_body locked wrong)"
expect_status 401 "locked-out user"
expect_json '.unAuthorizedRequest == true and .error.message == "The user account has been locked out. Please try again later."' "locked-out message"

post_json /api/TokenAuth/Authenticate "$(sign_in_body inactive inactive-password)"
expect_status 401 "inactive user"
expect_json '.error.message == "The user account is not active."' "inactive message"
post_json /api/TokenAuth/Authenticate "$(sign_in_body inactive wrong)"
expect_json '.error.message == "Invalid user name or password"' "inactive user with wrong password"

post_json /api/TokenAuth/Authenticate '{"userNameOrEmailAddress": "plain", "rememberClient": false}'
expect_status 400 "missing password"
expect_json '.error.message == "Your request is not valid!" and .error.validationErrors[0].members == ["password"] and .error.validationErrors[0].message == "The Password field is required."' "missing password body"

post_json /api/TokenAuth/Authenticate '{"userNameOrEmailAddress": "", "password": ""}'
expect_status 400 "empty fields"
expect_json '[.error.validationErrors[].members[0]] == ["userNameOrEmailAddress", "password"]' "empty fields members"

LONG_NAME=$(printf 'a%.0s' $(seq 257))
post_json /api/TokenAuth/Authenticate "$(sign_in_body "$LONG_NAME" plain-password)"
expect_status 400 "user name of 257 characters"
expect_json '.error.validationErrors[0].members == ["userNameOrEmailAddress"]' "long user name member"
LONG_PASSWORD=$(printf 'p%.0s' $(seq 129))
post_json /api/TokenAuth/Authenticate "$(sign_in_body plain "$LONG_PASSWORD")"
expect_status 400 "password of 129 characters"
expect_json '.error.validationErrors[0].members == ["password"]' "long password member"

post_json /api/TokenAuth/Authenticate 'not json'
expect_status 400 "body that is not JSON"
expect_json '.error.validationErrors[0].members == ["model"]' "not JSON member"

post_json /api/TokenAuth/Authenticate '{"userNameOrEmailAddress": "plain", "password": "plain-password", "singleSignIn": true}'
expect_status 500 "singleSignIn without returnUrl"
expect_json '.error.message == "An internal error occurred during your request!" and .unAuthorizedRequest == false' "singleSignIn message"

# --- password reset ---

post_json /api/TokenAuth/Authenticate "$(sign_in_body reset reset-password)"
expect_status 200 "reset-required user"
expect_json '.result.shouldResetPassword == true and .result.accessToken == null and .result.refreshToken == null and .result.passwordResetCode == null and (.result.c | type == "string" and length > 0)' "reset result"

call GET '/account/reset-password?c=abc%2B'
expect_status 200 "reset page"
expect_body_contains "Reset your password" "reset page text"
[[ "$HEADERS" == *"Content-Type: text/html"* ]] || fail "reset page content type"

# --- two-factor round trip ---

post_json /api/TokenAuth/Authenticate '{"userNameOrEmailAddress": "demo", "password": "demo-password", "twoFactorVerificationCode": "123456", "rememberClient": true}'
expect_status 500 "code before any challenge"
expect_json '.error.message == "Invalid security code!"' "code before challenge message"

call POST /api/TokenAuth/SendTwoFactorAuthCode -H 'Content-Type: application/json' --data-binary '{"userId": 1000, "provider": "Email"}'
expect_status 500 "code request before any challenge"

post_json /api/TokenAuth/Authenticate "$(sign_in_body demo demo-password)"
expect_status 200 "two-factor challenge"
expect_json '.result.requiresTwoFactorVerification == true and .result.userId == 1000 and .result.twoFactorAuthProviders == ["Email", "GoogleAuthenticator"] and .result.accessToken == null' "challenge result"

post_json /api/TokenAuth/SendTwoFactorAuthCode '{"userId": 1000, "provider": "Email"}'
expect_status 200 "send code by email"
expect_json '.success == true and .result == null' "send code body"
post_json /api/TokenAuth/SendTwoFactorAuthCode '{"userId": 1000, "provider": "Phone"}'
expect_status 400 "send code by a provider the user lacks"
expect_json '.error.validationErrors[0].members == ["provider"]' "provider member"
post_json /api/TokenAuth/SendTwoFactorAuthCode '{"userId": 4242, "provider": "Email"}'
expect_status 500 "send code to unknown user"
expect_json '.error.message == "An internal error occurred during your request!"' "unknown user code message"

post_json /api/TokenAuth/Authenticate '{"userNameOrEmailAddress": "demo", "password": "demo-password", "twoFactorVerificationCode": "000000", "rememberClient": true}'
expect_status 500 "wrong code"
expect_json '.error.message == "Invalid security code!"' "wrong code message"

post_json /api/TokenAuth/Authenticate '{"userNameOrEmailAddress": "demo", "password": "demo-password", "twoFactorVerificationCode": "123456", "rememberClient": true}'
expect_status 200 "right code after a wrong one"
expect_json '(.result.accessToken | length > 0) and (.result.twoFactorRememberClientToken | length > 0) and .result.requiresTwoFactorVerification == false' "tokens and remember token"
REMEMBER_TOKEN=$(jq -r .result.twoFactorRememberClientToken <<<"$BODY")

post_json /api/TokenAuth/Authenticate '{"userNameOrEmailAddress": "demo", "password": "demo-password", "twoFactorVerificationCode": "123456", "rememberClient": true}'
expect_status 500 "reused code"
expect_json '.error.message == "Invalid security code!"' "reused code message"

REMEMBER_BODY=$(jq -cn --arg token "$REMEMBER_TOKEN" '{userNameOrEmailAddress: "demo", password: "demo-password", rememberClient: true, twoFactorRememberClientToken: $token}')
post_json /api/TokenAuth/Authenticate "$REMEMBER_BODY"
expect_status 200 "remember-client token skips the second factor"
expect_json '(.result.accessToken | length > 0) and .result.twoFactorRememberClientToken == null' "remembered sign-in result"

REMEMBER_OTHER=$(jq -cn --arg token "$REMEMBER_TOKEN" '{userNameOrEmailAddress: "big", password: "big-password", twoFactorRememberClientToken: $token}')
post_json /api/TokenAuth/Authenticate "$REMEMBER_OTHER"
expect_json '.result.requiresTwoFactorVerification == true' "another user's remember-client token is ignored"

# --- 64-bit user ids ---

expect_body_contains '"userId":9007199254740993' "userId above 2^53 in the challenge"
post_json /api/TokenAuth/SendTwoFactorAuthCode '{"userId": 9007199254740993, "provider": "Email"}'
expect_status 200 "send code to a userId above 2^53"
post_json /api/TokenAuth/SendTwoFactorAuthCode '{"userId": 9007199254740992, "provider": "Email"}'
expect_status 500 "neighbouring userId is another user"
post_json /api/TokenAuth/Authenticate '{"userNameOrEmailAddress": "big", "password": "big-password", "twoFactorVerificationCode": "654321"}'
expect_status 200 "sign-in of the userId above 2^53"
expect_body_contains '"userId":9007199254740993' "userId above 2^53 in the tokens"
post_json /api/TokenAuth/Authenticate "$(sign_in_body max max-password)"
expect_body_contains '"userId":9223372036854775807' "maximum int64 userId given as a string"

# --- RefreshToken ---

call GET /api/TokenAuth/RefreshToken -G --data-urlencode "refreshToken=$PLAIN_REFRESH"
expect_status 200 "refresh with GET and an encoded token"
expect_json '(.result.accessToken | length > 0) and (.result.encryptedAccessToken | length > 0) and .result.expireInSeconds == 3600 and (.result | has("refreshToken") | not)' "refresh result"
SECOND_ACCESS=$(jq -r .result.accessToken <<<"$BODY")

call POST "/api/TokenAuth/RefreshToken?refreshToken=$(uri_encode "$PLAIN_REFRESH")"
expect_status 200 "refresh with POST and the same token (not rotated)"

call POST "/api/TokenAuth/RefreshToken?refreshToken=$PLAIN_REFRESH"
expect_status 500 "refresh with a raw + (read as a space)"
expect_json '.error.message == "An internal error occurred during your request!" and .unAuthorizedRequest == false' "raw + message"

call POST /api/TokenAuth/RefreshToken
expect_status 400 "refresh without a token"
expect_json '.error.validationErrors[0].members == ["refreshToken"]' "missing refresh token member"

call GET "/api/TokenAuth/RefreshToken?refreshToken=$(uri_encode 'no+such/token==')"
expect_status 500 "unknown refresh token"

# --- LogOut ---

call GET /api/TokenAuth/LogOut
expect_status 401 "logout without a bearer token"
expect_json '.unAuthorizedRequest == true and .error.message == "Current user did not login to the application!"' "logout without bearer body"
call GET /api/TokenAuth/LogOut -H "Authorization: Bearer not-a-token"
expect_status 401 "logout with an unknown bearer token"

call GET /api/TokenAuth/LogOut -H "Authorization: Bearer $PLAIN_ACCESS"
expect_status 200 "logout"
expect_json '.success == true and .result == null' "logout body"
call GET /api/TokenAuth/LogOut -H "Authorization: Bearer $PLAIN_ACCESS"
expect_status 401 "logout twice"
call GET /api/TokenAuth/LogOut -H "Authorization: Bearer $SECOND_ACCESS"
expect_status 401 "sibling access token is revoked too"
call GET /api/TokenAuth/RefreshToken -G --data-urlencode "refreshToken=$PLAIN_REFRESH"
expect_status 500 "refresh after logout"

# --- routing and HTTP plumbing ---

call GET /no/such/path
expect_status 404 "unknown path"
[[ -z "$BODY" ]] || fail "404 body should be empty"
call GET /api/TokenAuth/Authenticate
expect_status 405 "wrong method"
[[ "$HEADERS" == *"Allow: POST"* ]] || fail "405 should carry Allow: POST"
call PUT /api/tokenauth/refreshtoken/
expect_status 405 "wrong method on a lower-case path with trailing slash"
[[ "$HEADERS" == *"Allow: GET, POST"* ]] || fail "405 should carry Allow: GET, POST"

head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' 'x' >"$WORK_DIR/big-body"
call POST /api/TokenAuth/Authenticate -H 'Content-Type: application/json' --data-binary "@$WORK_DIR/big-body"
expect_status 413 "body over 1 MiB"

REUSE_LOG=$(curl -sv -o /dev/null -o /dev/null "$SERVER_URL/account/reset-password" "$SERVER_URL/account/reset-password" 2>&1)
[[ "$REUSE_LOG" == *"Re-using existing connection"* ]] || fail "keep-alive: curl should reuse the connection"
call GET /account/reset-password -H 'Connection: close'
[[ "$HEADERS" == *"Connection: close"* ]] || fail "Connection: close should be echoed"

# The stdout lines are METHOD PATH STATUS and never contain a token.
BAD_LINES=$(tail -n +2 "$SERVER_LOG" | grep -Ev '^[A-Z]+ /[^ ?]* [0-9]{3}$')
[[ -z "$BAD_LINES" ]] || fail "stdout lines not in 'METHOD PATH STATUS' form: $BAD_LINES"
grep -q '^POST /api/TokenAuth/RefreshToken 500$' "$SERVER_LOG" || fail "stdout should list the refresh rejection"
for secret in "$PLAIN_REFRESH" "$PLAIN_ACCESS" "$REMEMBER_TOKEN" plain-password demo-password 123456 654321; do
    if grep -qF -- "$secret" "$SERVER_LOG" "$SERVER_LOG.err"; then
        fail "a secret appears in the server output: $secret"
    fi
done
stop_server
grep -q 'stopped' "$SERVER_LOG.err" || fail "the server should log its stop"

# --- lifetimes and expiry ---

start_server --port 0 --users "$WORK_DIR/users.json" --access-token-seconds 1 --refresh-token-seconds 3 || exit 1
post_json /api/TokenAuth/Authenticate "$(sign_in_body plain plain-password)"
expect_json '.result.expireInSeconds == 1 and .result.refreshTokenExpireInSeconds == 3' "command-line lifetimes override the file"
SHORT_ACCESS=$(jq -r .result.accessToken <<<"$BODY")
SHORT_REFRESH=$(jq -r .result.refreshToken <<<"$BODY")
sleep 1.2
call GET /api/TokenAuth/LogOut -H "Authorization: Bearer $SHORT_ACCESS"
expect_status 401 "expired access token"
call GET /api/TokenAuth/RefreshToken -G --data-urlencode "refreshToken=$SHORT_REFRESH"
expect_status 200 "refresh before the refresh token expires"
sleep 2
call GET /api/TokenAuth/RefreshToken -G --data-urlencode "refreshToken=$SHORT_REFRESH"
expect_status 500 "expired refresh token"
stop_server

# --- response delay and a client that gives up ---

start_server --port 0 --users "$WORK_DIR/users.json" --delay-ms 700 || exit 1
START_NS=$(date +%s%N)
call GET /account/reset-password
ELAPSED_MS=$((($(date +%s%N) - START_NS) / 1000000))
expect_status 200 "delayed response"
((ELAPSED_MS >= 700)) || fail "--delay-ms 700 answered after only $ELAPSED_MS ms"
curl -sS --max-time 0.2 -o /dev/null "$SERVER_URL/account/reset-password" 2>/dev/null
[[ $? == 28 ]] || fail "a client with a 0.2 s timeout should time out"
sleep 0.3
[[ $(grep -c '^GET /account/reset-password 200$' "$SERVER_LOG") == 2 ]] || fail "the abandoned request should still get its stdout line"
stop_server

# --- --state survives a restart ---

STATE_FILE="$WORK_DIR/state.json"
start_server --port 0 --users "$WORK_DIR/users.json" --state "$STATE_FILE" || exit 1
post_json /api/TokenAuth/Authenticate "$(sign_in_body plain plain-password)"
STATE_ACCESS=$(jq -r .result.accessToken <<<"$BODY")
STATE_REFRESH=$(jq -r .result.refreshToken <<<"$BODY")
stop_server
if grep -qF -- "$STATE_REFRESH" "$STATE_FILE"; then
    fail "the state file should hold token hashes, not tokens"
fi

start_server --port 0 --users "$WORK_DIR/users.json" || exit 1
call GET /api/TokenAuth/RefreshToken -G --data-urlencode "refreshToken=$STATE_REFRESH"
expect_status 500 "a restart without --state forgets tokens"
stop_server

start_server --port 0 --users "$WORK_DIR/users.json" --state "$STATE_FILE" || exit 1
call GET /api/TokenAuth/RefreshToken -G --data-urlencode "refreshToken=$STATE_REFRESH"
expect_status 200 "refresh token survives a restart with --state"
call GET /api/TokenAuth/LogOut -H "Authorization: Bearer $STATE_ACCESS"
expect_status 200 "access token survives a restart with --state"
stop_server

start_server --port 0 --users "$WORK_DIR/users.json" --state "$STATE_FILE" || exit 1
call GET /api/TokenAuth/RefreshToken -G --data-urlencode "refreshToken=$STATE_REFRESH"
expect_status 500 "revocation survives a restart with --state"
stop_server

# --- TLS ---

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$WORK_DIR/key.pem" -out "$WORK_DIR/cert.pem" >/dev/null 2>&1 || fail "openssl could not make a certificate"
start_server --port 0 --users "$WORK_DIR/users.json" --tls-cert "$WORK_DIR/cert.pem" --tls-key "$WORK_DIR/key.pem" || exit 1
[[ "$SERVER_URL" == https://127.0.0.1:* ]] || fail "TLS server should print an https URL, got $SERVER_URL"
post_json /api/TokenAuth/Authenticate "$(sign_in_body plain plain-password)" --cacert "$WORK_DIR/cert.pem"
expect_status 200 "sign-in over TLS"
curl -sS -o /dev/null "$SERVER_URL/account/reset-password" 2>/dev/null
[[ $? == 60 ]] || fail "curl without --cacert should reject the self-signed certificate"
stop_server
grep -q 'TLS handshake' "$SERVER_LOG.err" || fail "the failed handshake should be logged"

echo "smoke-test: $CHECKS checks, $FAILURES failures"
((FAILURES == 0))
