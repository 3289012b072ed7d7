#!/usr/bin/env bash
# End-to-end test of a first sign-in with two-factor verification, done the
# way a user does it. The real denvr-signin talks to the real
# denvr-fake-server, xdotool types into its dialogs, and secret-tool checks
# the session that the app writes to the Secret Service keyring.
#
# ctest sets DENVR_SIGNIN, DENVR_FAKE_SERVER, DENVR_TEST_OUTPUT and
# DENVR_SOURCE_DIR. scripts/test provides the rest: DISPLAY (Xvfb with trayer
# as the tray host) and a D-Bus session with an unlocked gnome-keyring.
# Screenshots go to $DENVR_TEST_OUTPUT/screenshots/e2e-*.png.
set -euo pipefail

readonly USER_NAME=e2e-user
readonly PASSWORD=e2e-password-7f3a
readonly TWO_FACTOR_CODE=482915
readonly WAIT_SECONDS=30

# denvr-signin stores its entries under this QtKeychain service name, in the
# keyring of the current D-Bus session. QtKeychain's libsecret backend adds
# the attributes "server" (the service), "user" (the entry's key) and "type"
# ("plaintext", or "base64" for binary data).
readonly KEYCHAIN_SERVICE=denvr-signin

WORK_DIR=
SERVER_PID=
APP_PID=
SERVER_URL=
SESSION_ENTRY_KEY=

# wait_for_window, focus_window and find_tray_icon.
# shellcheck source=tests/support/x11_windows.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/x11_windows.sh"
# read_entry.
# shellcheck source=tests/support/keychain_entries.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/keychain_entries.sh"

step()
{
    echo "-- $*"
}

# Prints the logs of both programs, then fails the test with the message.
fail()
{
    echo "FAIL: $*" >&2
    if [[ -n $WORK_DIR ]]; then
        for log in "$WORK_DIR/server.log" "$WORK_DIR/app.log"; do
            if [[ -f $log ]]; then
                echo "---- $(basename "$log") ----" >&2
                tail -n 60 "$log" >&2
            fi
        done
    fi
    exit 1
}

take_screenshot()
{
    local name=$1
    local path=$DENVR_TEST_OUTPUT/screenshots/$name.png
    import -window root "$path"
    echo "   screenshot: $path"
}

check_test_variables()
{
    local variable
    for variable in DENVR_SIGNIN DENVR_FAKE_SERVER DENVR_TEST_OUTPUT DENVR_SOURCE_DIR; do
        if [[ -z ${!variable:-} ]]; then
            fail "$variable is not set; run this test through ctest, for example with scripts/test -R e2e"
        fi
    done
}

# Fails unless the display, the tray host and the Secret Service are available.
check_desktop()
{
    if [[ -z ${DISPLAY:-} ]]; then
        fail "DISPLAY is not set; this test needs an X display with a system tray. scripts/test starts Xvfb and trayer for it."
    fi
    if ! xdpyinfo >/dev/null 2>&1; then
        fail "cannot connect to the X display $DISPLAY; scripts/test starts Xvfb for this test."
    fi
    if ! denvr_tray_host_ready; then
        fail "no system tray on $DISPLAY (no program owns _NET_SYSTEM_TRAY_S0); start a tray host such as trayer, as scripts/test does."
    fi

    local secrets_owner
    secrets_owner=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null || true)
    if [[ $secrets_owner != *true* ]]; then
        fail "no Secret Service on the D-Bus session bus; run the test inside dbus-run-session with an unlocked gnome-keyring, as scripts/test does."
    fi
}

# Lists the keys of denvr-signin's keychain entries for this test's server.
# The keys end with the server origin, and the port is new in every run, so
# entries of other tests or of the user never match. secret-tool prints the
# attributes on stderr and the secrets on stdout, so only stderr is read.
list_server_keys()
{
    local server_address=${SERVER_URL#http://}
    local key
    secret-tool search --all server "$KEYCHAIN_SERVICE" 2>&1 >/dev/null \
        | sed -n 's/^attribute\.user = //p' \
        | while IFS= read -r key; do
            if [[ $key == *"$server_address" ]]; then
                printf '%s\n' "$key"
            fi
        done
}

# Exits 0 when stdin is a JSON object with a non-empty string refreshToken.
is_session_json()
{
    python3 -c '
import json, sys
try:
    entry = json.load(sys.stdin)
except ValueError:
    sys.exit(1)
token = entry.get("refreshToken") if isinstance(entry, dict) else None
sys.exit(0 if isinstance(token, str) and token else 1)'
}

# Prints one field of the session entry found by wait_for_session_entry.
session_field()
{
    local field=$1
    read_entry "$SESSION_ENTRY_KEY" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$field"
}

cleanup()
{
    local status=$?
    if [[ $status -ne 0 && -n ${DISPLAY:-} && -n ${DENVR_TEST_OUTPUT:-} ]]; then
        import -window root "$DENVR_TEST_OUTPUT/screenshots/e2e-failure.png" 2>/dev/null || true
    fi

    denvr_stop_processes "$APP_PID" "$SERVER_PID"

    # The app wrote to the keyring of this D-Bus session, so remove its entries.
    if [[ -n $SERVER_URL ]]; then
        local key
        while IFS= read -r key; do
            secret-tool clear server "$KEYCHAIN_SERVICE" user "$key" || true
        done < <(list_server_keys)
    fi

    if [[ -n $WORK_DIR ]]; then
        rm -rf "$WORK_DIR"
    fi
}

start_fake_server()
{
    cat >"$WORK_DIR/users.json" <<EOF
{
  "users": [
    {
      "userName": "$USER_NAME",
      "emailAddress": "$USER_NAME@example.com",
      "password": "$PASSWORD",
      "twoFactorProviders": ["Email", "GoogleAuthenticator"],
      "twoFactorCode": "$TWO_FACTOR_CODE"
    }
  ]
}
EOF

    "$DENVR_FAKE_SERVER" --port 0 --users "$WORK_DIR/users.json" >"$WORK_DIR/server.log" 2>&1 &
    SERVER_PID=$!

    local first_line
    for _ in $(seq 100); do
        if IFS= read -r first_line <"$WORK_DIR/server.log"; then
            if [[ $first_line =~ ^listening\ on\ (http://127\.0\.0\.1:[0-9]+) ]]; then
                SERVER_URL=${BASH_REMATCH[1]}
                return
            fi
            fail "denvr-fake-server did not start; its first output line is: $first_line"
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            fail "denvr-fake-server exited at start"
        fi
        sleep 0.1
    done
    fail "denvr-fake-server printed no 'listening on' line within 10 s"
}

# Exits 0 when a tooltip window of the app is on screen.
tooltip_is_shown()
{
    local window
    for window in $(xdotool search --onlyvisible --classname '^denvr-signin$' 2>/dev/null); do
        if xprop -id "$window" _NET_WM_WINDOW_TYPE | grep -q _NET_WM_WINDOW_TYPE_TOOLTIP; then
            return 0
        fi
    done
    return 1
}

# Moves the pointer onto the tray icon and waits for the app's tooltip, which
# shows the signed-in user, the server and the access token's expiry time.
hover_tray_icon()
{
    local icon=$1
    xdotool mousemove --window "$icon" 8 8
    for _ in $(seq $((WAIT_SECONDS * 10))); do
        if tooltip_is_shown; then
            return
        fi
        sleep 0.1
    done
    fail "no tooltip appeared within $WAIT_SECONDS s with the pointer on the tray icon"
}

wait_for_session_entry()
{
    local key
    for _ in $(seq $((WAIT_SECONDS * 10))); do
        while IFS= read -r key; do
            if read_entry "$key" | is_session_json; then
                SESSION_ENTRY_KEY=$key
                return
            fi
        done < <(list_server_keys)
        sleep 0.1
    done
    fail "no keychain entry of service '$KEYCHAIN_SERVICE' for $SERVER_URL holds JSON with a refreshToken after $WAIT_SECONDS s"
}

main()
{
    check_test_variables
    # scripts/setup provides denvr_tray_host_ready and denvr_stop_processes.
    # shellcheck source=scripts/setup
    source "$DENVR_SOURCE_DIR/scripts/setup"
    check_desktop

    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/denvr-e2e.XXXXXX")
    trap cleanup EXIT
    mkdir -p "$DENVR_TEST_OUTPUT/screenshots"

    step "start denvr-fake-server with a two-factor user"
    start_fake_server
    echo "   server: $SERVER_URL"

    # A settings folder of its own makes the app start as on a fresh install:
    # no remembered user name and no other default server.
    step "start denvr-signin --server $SERVER_URL"
    XDG_CONFIG_HOME=$WORK_DIR/config QT_LOGGING_RULES="denvr.*.debug=true" \
        "$DENVR_SIGNIN" --server "$SERVER_URL" >"$WORK_DIR/app.log" 2>&1 &
    APP_PID=$!

    step "type the user name and password into the sign-in dialog"
    local sign_in_window
    sign_in_window=$(wait_for_window "Sign in to DenvrCloud")
    focus_window "$sign_in_window"
    xdotool type --delay 30 "$USER_NAME"
    xdotool key Tab
    xdotool type --delay 30 "$PASSWORD"
    take_screenshot e2e-sign-in
    xdotool key Return

    step "type the code into the two-factor dialog"
    local two_factor_window
    two_factor_window=$(wait_for_window "Two-factor verification")
    focus_window "$two_factor_window"
    xdotool type --delay 30 "$TWO_FACTOR_CODE"
    take_screenshot e2e-two-factor
    xdotool key Return

    step "check the session entry in the keychain"
    wait_for_session_entry
    echo "   entry: service '$KEYCHAIN_SERVICE', key '$SESSION_ENTRY_KEY'"
    local stored_user_name
    stored_user_name=$(session_field userName)
    if [[ $stored_user_name != "$USER_NAME" ]]; then
        fail "the session entry holds the user name '$stored_user_name' instead of '$USER_NAME'"
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        fail "denvr-signin exited after the sign-in"
    fi

    step "show the tray icon's tooltip"
    local tray_icon
    tray_icon=$(find_tray_icon)
    if [[ -z $tray_icon ]]; then
        fail "the tray host on $DISPLAY holds no icon of denvr-signin"
    fi
    hover_tray_icon "$tray_icon"
    take_screenshot e2e-tray

    step "check that the password is stored nowhere and no secret is logged"
    local key
    while IFS= read -r key; do
        if [[ $(read_entry "$key") == *"$PASSWORD"* ]]; then
            fail "the keychain entry '$key' contains the password"
        fi
    done < <(list_server_keys)

    local -A secrets=([password]=$PASSWORD [two-factor code]=$TWO_FACTOR_CODE [refresh token]=$(session_field refreshToken))
    local name
    for name in "${!secrets[@]}"; do
        if grep -rqsF -- "${secrets[$name]}" "$WORK_DIR/config"; then
            fail "the settings under $WORK_DIR/config contain the $name"
        fi
        if grep -qF -- "${secrets[$name]}" "$WORK_DIR/app.log"; then
            fail "the app's log contains the $name"
        fi
    done

    echo "PASS: signed in with two-factor verification; the session is in the keychain"
}

main "$@"
