#!/usr/bin/env bash
# Secret-hygiene test: one whole scripted session with every denvr.* logging
# category at debug level, after which no password, two-factor code or token
# may appear in any log, output or file that the programs wrote.
#
# The session signs in with two-factor verification through the dialogs
# (xdotool) and waits for the signed-in state. Then it renews from the tray
# menu, copies the access token from the tray menu and reads it back from the
# clipboard, and prints a token with "denvr-auth token". Last, it waits for a
# renewal that the app starts by itself (the access tokens live 20 s) and
# signs out from the tray menu.
#
# Meanwhile the test collects every secret: the password and code it typed,
# and every access, refresh and remember-device token, read from the keychain
# every 0.2 s, from the clipboard and from denvr-auth. Copies of the fake
# server's --state file, which lists the SHA-256 of every valid token, prove
# that no issued token was missed. sweep_secrets.py then searches the outputs
# and files for each secret as plain text, percent-encoded, form-encoded,
# JSON-escaped, base64, base64url and UTF-16.
#
# Searched: the stdout and stderr of denvr-signin (also of --status), the
# stderr of denvr-auth, the fake server's output and state file, and every
# file under the test's HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME,
# XDG_RUNTIME_DIR and TMPDIR, including gnome-keyring's encrypted keyring
# file. The only output left out is the stdout of "denvr-auth token", whose
# job is to print the token.
#
# The test brings its own desktop, so it needs nothing from scripts/test and
# never types into another test's windows. It runs itself again inside
# dbus-run-session and starts a gnome-keyring of its own in temporary XDG
# folders, Xvfb on a free display and trayer as the tray host. It needs Xvfb,
# trayer, xdotool, xclip, xwininfo, secret-tool, gnome-keyring, jq, python3
# and ImageMagick's import (all in scripts/setup).
#
# ctest sets DENVR_SIGNIN, DENVR_AUTH, DENVR_FAKE_SERVER, DENVR_TEST_OUTPUT and
# DENVR_SOURCE_DIR. The last screen goes to
# $DENVR_TEST_OUTPUT/screenshots/hygiene-signed-out.png. On a failure the
# screen goes to hygiene-failure.png there, and the logs are copied to
# $DENVR_TEST_OUTPUT/secret-hygiene/.
set -euo pipefail

readonly USER_NAME=hygiene-user
# The password contains characters that percent-encoding and form encoding change.
readonly PASSWORD='Hyg!ene pa55/w0rd+=&Q'
# The contract types the code as any string, and the fake server accepts any.
# Letters make a code that no timestamp, port or counter in a log can match.
readonly TWO_FACTOR_CODE=QZ7-HYGIENE-940
readonly ACCESS_TOKEN_SECONDS=20
readonly WAIT_SECONDS=30

# denvr-signin's QtKeychain service name. The libsecret backend stores the
# entry's key in the attribute "user" and its type ("plaintext" or "base64")
# in "type".
readonly KEYCHAIN_SERVICE=denvr-signin
# Unlocks the test's own keyring, whose files are deleted after the run.
readonly KEYRING_PASSWORD=denvr-hygiene-keyring

# Down-arrow presses from a freshly opened tray menu to each item while
# signed in. QMenu's keyboard navigation skips the separators, the disabled
# header and "Sign in…", and the hidden "Retry reading the keychain", so the
# enabled items count from the top: Sign out, Sign out and forget this
# device, Renew now, Copy access token.
declare -rA TRAY_ITEM_DOWN_PRESSES=(["Sign out"]=1 ["Renew now"]=3 ["Copy access token"]=4)

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR

WORK_DIR=
LOG_DIR=
SECRETS_FILE=
SNAPSHOT_DIR=
STATE_FILE=
SERVER_PID=
APP_PID=
POLLER_PID=
SERVER_URL=
SESSION_KEY=
REMEMBER_KEY=

# wait_for_window, focus_window and find_tray_icon.
# shellcheck source=tests/support/x11_windows.sh
source "$SCRIPT_DIR/../support/x11_windows.sh"
# read_entry.
# shellcheck source=tests/support/keychain_entries.sh
source "$SCRIPT_DIR/../support/keychain_entries.sh"

step()
{
    echo "-- $*"
}

# Fails the test with message, which never contains a secret. The logs,
# which may, go to a file for a person to read.
fail()
{
    echo "FAIL: $*" >&2
    if [[ -n $LOG_DIR && -d $LOG_DIR && -n ${DENVR_TEST_OUTPUT:-} ]]; then
        rm -rf "$DENVR_TEST_OUTPUT/secret-hygiene"
        cp -r "$LOG_DIR" "$DENVR_TEST_OUTPUT/secret-hygiene"
        echo "   logs: $DENVR_TEST_OUTPUT/secret-hygiene/" >&2
    fi
    exit 1
}

check_test_variables()
{
    local variable
    for variable in DENVR_SIGNIN DENVR_AUTH DENVR_FAKE_SERVER DENVR_TEST_OUTPUT DENVR_SOURCE_DIR; do
        if [[ -z ${!variable:-} ]]; then
            fail "$variable is not set; run this test through ctest, for example with scripts/test -R secret_hygiene"
        fi
    done
}

take_screenshot()
{
    local name=$1
    local path=$DENVR_TEST_OUTPUT/screenshots/$name.png
    import -window root "$path"
    echo "   screenshot: $path"
}

cleanup()
{
    local status=$?
    if [[ $status -ne 0 && -n ${DISPLAY:-} ]]; then
        import -window root "$DENVR_TEST_OUTPUT/screenshots/hygiene-failure.png" 2>/dev/null || true
    fi

    denvr_stop_processes "$POLLER_PID" "$APP_PID" "$SERVER_PID" "${DENVR_TRAYER_PID:-}" "${DENVR_XVFB_PID:-}" \
        "${DENVR_KEYRING_PID:-}"
    if [[ -n $WORK_DIR ]]; then
        rm -rf "$WORK_DIR"
    fi
}

# Creates the private HOME, XDG and runtime folders and points the variables
# of this shell, and so of every program it starts, at them.
make_private_folders()
{
    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/denvr-hygiene.XXXXXX")
    LOG_DIR=$WORK_DIR/logs
    SECRETS_FILE=$WORK_DIR/secrets/collected.tsv
    SNAPSHOT_DIR=$WORK_DIR/secrets/state-snapshots
    STATE_FILE=$WORK_DIR/server/state.json

    mkdir -p "$LOG_DIR" "$SNAPSHOT_DIR" "$WORK_DIR/server" "$DENVR_TEST_OUTPUT/screenshots"
    mkdir -m 700 "$WORK_DIR/home" "$WORK_DIR/runtime" "$WORK_DIR/tmp"
    mkdir -p "$WORK_DIR/home/.config" "$WORK_DIR/home/.local/share" "$WORK_DIR/home/.cache"

    export HOME=$WORK_DIR/home
    export XDG_CONFIG_HOME=$HOME/.config
    export XDG_DATA_HOME=$HOME/.local/share
    export XDG_CACHE_HOME=$HOME/.cache
    export XDG_RUNTIME_DIR=$WORK_DIR/runtime
    export TMPDIR=$WORK_DIR/tmp
    unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM
}

start_fake_server()
{
    # The providers are listed in the opposite order to the one the test
    # picks, so that choosing Email is a real change in the dialog.
    cat >"$WORK_DIR/secrets/users.json" <<EOF
{
  "users": [
    {
      "userName": "$USER_NAME",
      "emailAddress": "$USER_NAME@example.com",
      "password": "$PASSWORD",
      "twoFactorProviders": ["GoogleAuthenticator", "Email"],
      "twoFactorCode": "$TWO_FACTOR_CODE"
    }
  ]
}
EOF

    QT_LOGGING_RULES="denvr.*.debug=true" "$DENVR_FAKE_SERVER" --port 0 --users "$WORK_DIR/secrets/users.json" \
        --access-token-seconds "$ACCESS_TOKEN_SECONDS" --state "$STATE_FILE" \
        >"$LOG_DIR/server.stdout" 2>"$LOG_DIR/server.stderr" &
    SERVER_PID=$!

    local first_line
    for _ in $(seq 100); do
        if IFS= read -r first_line <"$LOG_DIR/server.stdout"; then
            if [[ $first_line =~ ^listening\ on\ (http://127\.0\.0\.1:[0-9]+) ]]; then
                SERVER_URL=${BASH_REMATCH[1]}
                SESSION_KEY="session:$USER_NAME@$SERVER_URL"
                REMEMBER_KEY="remember-device:$USER_NAME@$SERVER_URL"
                return
            fi
            fail "denvr-fake-server did not start; its first output line is: $first_line"
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            fail "denvr-fake-server exited at start; see $LOG_DIR/server.stderr"
        fi
        sleep 0.1
    done
    fail "denvr-fake-server printed no 'listening on' line within 10 s"
}

# Prints how many responses with status the fake server has sent to requests
# for path, whatever their method. The app sends RefreshToken with POST, and
# DenvrCloud's SDKs send it with GET.
count_answers()
{
    local path=$1
    local status=$2
    grep -cE "^[A-Z]+ $path $status\$" "$LOG_DIR/server.stdout" || true
}

# Waits until the fake server has sent at least count responses with status
# to requests for path.
wait_for_answers()
{
    local path=$1
    local status=$2
    local count=$3
    for _ in $(seq $((WAIT_SECONDS * 10))); do
        if [[ $(count_answers "$path" "$status") -ge $count ]]; then
            return
        fi
        sleep 0.1
    done
    fail "the fake server sent fewer than $count responses with $status to $path within $WAIT_SECONDS s"
}

# Prints one string field of the session entry, or nothing without an entry.
session_field()
{
    local field=$1
    { read_entry "$SESSION_KEY" || true; } | jq -r --arg field "$field" '.[$field] // empty' 2>/dev/null || true
}

# Appends one secret to the secrets file. Repeats are dropped by the sweep.
add_secret()
{
    local kind=$1
    local value=$2
    if [[ -n $value ]]; then
        printf '%s\t%s\n' "$kind" "$value" >>"$SECRETS_FILE"
    fi
}

# Collects the tokens that the keychain contains now, and keeps a copy of the
# fake server's state file whenever it changed.
collect_secrets()
{
    add_secret "refresh token" "$(session_field refreshToken)"
    add_secret "access token" "$(session_field accessToken)"
    add_secret "remember-device token" "$(read_entry "$REMEMBER_KEY" || true)"

    local latest
    latest=$(find "$SNAPSHOT_DIR" -type f -printf '%f\n' | sort | tail -n 1)
    if [[ -f $STATE_FILE ]] && ! cmp -s "$STATE_FILE" "$SNAPSHOT_DIR/${latest:-none}"; then
        cp "$STATE_FILE" "$SNAPSHOT_DIR/state-$(date +%s%N).json"
    fi
}

# Runs collect_secrets every 0.2 s in the background. Automatic renewals of
# the 20 s access token come 16 s apart, so each of their tokens stays in the
# keychain for many rounds. The steps that renew collect their tokens
# themselves.
start_secret_poller()
{
    (
        while true; do
            collect_secrets
            sleep 0.2
        done
    ) &
    POLLER_PID=$!
}

stop_secret_poller()
{
    denvr_stop_processes "$POLLER_PID"
    POLLER_PID=
    collect_secrets
}

start_app()
{
    QT_LOGGING_RULES="denvr.*.debug=true" QT_MESSAGE_PATTERN="%{type} %{category}: %{message}" \
        "$DENVR_SIGNIN" --server "$SERVER_URL" >"$LOG_DIR/app.stdout" 2>"$LOG_DIR/app.stderr" &
    APP_PID=$!
}

# Prints the state that "denvr-signin --status" reports. Its output is kept
# in the logs, which the sweep searches as well.
app_state()
{
    local output
    output=$(QT_LOGGING_RULES="denvr.*.debug=true" "$DENVR_SIGNIN" --status 2>>"$LOG_DIR/status.stderr" || true)
    printf '%s\n' "$output" >>"$LOG_DIR/status.stdout"
    printf '%s' "$output" | jq -r '.state // empty' 2>/dev/null || true
}

wait_for_state()
{
    local expected=$1
    local state=
    for _ in $(seq $((WAIT_SECONDS * 4))); do
        state=$(app_state)
        if [[ $state == "$expected" ]]; then
            return
        fi
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            fail "denvr-signin exited while the test waited for the state '$expected'"
        fi
        sleep 0.25
    done
    fail "denvr-signin --status reports '$state' instead of '$expected' after $WAIT_SECONDS s"
}

# Waits until the app's stderr contains a line with text.
wait_for_log_line()
{
    local text=$1
    for _ in $(seq $((WAIT_SECONDS * 10))); do
        if grep -qF -- "$text" "$LOG_DIR/app.stderr"; then
            return
        fi
        sleep 0.1
    done
    fail "the app logged no line with '$text' within $WAIT_SECONDS s"
}

# Exits 0 when the app's tray menu is on screen. Qt 6.4 marks the menu as
# an override-redirect top-level window of type "normal", not "popup menu",
# so the menu is the viewable override-redirect child of the root window.
# The tray icon is override-redirect too, but trayer is its parent.
tray_menu_is_shown()
{
    local window info
    for window in $(xwininfo -root -children | awk '/\("denvr-signin" "denvr-signin"\)/ { print $1 }'); do
        info=$(xwininfo -id "$window")
        if [[ $info == *"Override Redirect State: yes"* && $info == *"Map State: IsViewable"* ]]; then
            return 0
        fi
    done
    return 1
}

# Opens the tray menu with a right click on the icon and chooses item with
# the keyboard.
choose_tray_item()
{
    local item=$1
    local presses=${TRAY_ITEM_DOWN_PRESSES[$item]}

    local icon
    icon=$(find_tray_icon)
    if [[ -z $icon ]]; then
        fail "the tray host on $DISPLAY contains no icon of denvr-signin"
    fi

    xdotool mousemove --window "$icon" 8 8 click 3
    for _ in $(seq $((WAIT_SECONDS * 10))); do
        if tray_menu_is_shown; then
            break
        fi
        sleep 0.1
    done
    if ! tray_menu_is_shown; then
        fail "no tray menu opened within $WAIT_SECONDS s of a right click on the tray icon"
    fi

    local keys=()
    local _press
    for _press in $(seq "$presses"); do
        keys+=(Down)
    done
    xdotool key --delay 100 "${keys[@]}" Return
}

sign_in_with_two_factor()
{
    step "type the user name and password into the sign-in dialog"
    local sign_in_window
    sign_in_window=$(wait_for_window "Sign in to DenvrCloud")
    focus_window "$sign_in_window"
    xdotool type --delay 30 "$USER_NAME"
    xdotool key Tab
    xdotool type --delay 30 "$PASSWORD"
    xdotool key Return

    # The dialog opens with the focus in the code field. Tab order: provider,
    # code, Send code, "Remember this device", buttons.
    step "choose Email, send the code, type it and remember this device"
    local two_factor_window
    two_factor_window=$(wait_for_window "Two-factor verification")
    focus_window "$two_factor_window"
    xdotool key shift+Tab Down
    xdotool key Tab Tab space
    wait_for_answers /api/TokenAuth/SendTwoFactorAuthCode 200 1

    # The dialog puts the focus back into the code field when the app has the
    # server's response, right after it logs the response.
    wait_for_log_line "SendTwoFactorCode: HTTP 200"
    xdotool type --delay 30 "$TWO_FACTOR_CODE"
    xdotool key Tab Tab space
    xdotool key Return

    wait_for_state signed-in
    collect_secrets
    if [[ -z $(session_field refreshToken) ]]; then
        fail "the keychain contains no session entry with a refresh token after the sign-in"
    fi
    if ! read_entry "$REMEMBER_KEY" >/dev/null; then
        fail "the keychain contains no remember-device entry although 'Remember this device' was ticked"
    fi
}

# Waits until the keychain's access token differs from previous, so that the
# renewal has been stored and collected.
wait_for_new_access_token()
{
    local previous=$1
    local current
    for _ in $(seq $((WAIT_SECONDS * 10))); do
        current=$(session_field accessToken)
        if [[ -n $current && $current != "$previous" ]]; then
            add_secret "access token" "$current"
            return
        fi
        sleep 0.1
    done
    fail "the keychain's access token did not change within $WAIT_SECONDS s"
}

renew_from_tray()
{
    step "tray menu: Renew now"
    local refreshes previous
    refreshes=$(count_answers /api/TokenAuth/RefreshToken 200)
    previous=$(session_field accessToken)

    choose_tray_item "Renew now"

    # "Copy access token" would renew as well, so the app's log distinguishes the two.
    wait_for_log_line "renewal chosen in the tray menu"
    wait_for_answers /api/TokenAuth/RefreshToken 200 $((refreshes + 1))
    wait_for_new_access_token "$previous"
    wait_for_state signed-in
}

copy_token_from_tray()
{
    step "tray menu: Copy access token"
    choose_tray_item "Copy access token"

    # The copy renews the token first, because it has less than 60 s left.
    local clipboard=
    for _ in $(seq $((WAIT_SECONDS * 5))); do
        clipboard=$(timeout 5 xclip -selection clipboard -o 2>/dev/null || true)
        if [[ -n $clipboard && $clipboard == "$(session_field accessToken)" ]]; then
            break
        fi
        sleep 0.2
    done
    add_secret "access token" "$clipboard"
    if [[ -z $clipboard ]]; then
        fail "the clipboard is empty after 'Copy access token'"
    fi
    if [[ $clipboard != "$(session_field accessToken)" ]]; then
        fail "the clipboard does not hold the keychain's current access token after 'Copy access token'"
    fi
}

# "denvr-auth token" requests the token from the running app, which renews
# it, because it has less than 60 s left. The token on stdout is the one output that may
# contain it, so it goes to a variable and not to the logs.
print_token_with_auth()
{
    step "denvr-auth token"
    local token status=0
    token=$(QT_LOGGING_RULES="denvr.*.debug=true" QT_MESSAGE_PATTERN="%{type} %{category}: %{message}" \
        "$DENVR_AUTH" token --server "$SERVER_URL" 2>"$LOG_DIR/auth.stderr") || status=$?
    add_secret "access token" "$token"
    if [[ $status -ne 0 ]]; then
        fail "denvr-auth token exited with $status; see the logs"
    fi
    if [[ -z $token ]]; then
        fail "denvr-auth token printed nothing"
    fi
}

wait_for_automatic_renewal()
{
    step "wait for a renewal that the app starts by itself"
    local refreshes
    refreshes=$(count_answers /api/TokenAuth/RefreshToken 200)
    wait_for_answers /api/TokenAuth/RefreshToken 200 $((refreshes + 1))
    wait_for_state signed-in
}

sign_out_from_tray()
{
    step "tray menu: Sign out"
    choose_tray_item "Sign out"

    wait_for_answers /api/TokenAuth/LogOut 200 1
    wait_for_state signed-out
    wait_for_session_entry_removed
    check_device_remembered
}

wait_for_session_entry_removed()
{
    for _ in $(seq $((WAIT_SECONDS * 10))); do
        if ! read_entry "$SESSION_KEY" >/dev/null; then
            return
        fi
        sleep 0.1
    done
    fail "the session entry is still in the keychain $WAIT_SECONDS s after signing out"
}

# Checks that the plain "Sign out" kept the remember-device entry, which
# only "Sign out and forget this device" deletes.
check_device_remembered()
{
    if ! read_entry "$REMEMBER_KEY" >/dev/null; then
        fail "the remember-device entry is gone after 'Sign out'; was 'Sign out and forget this device' chosen?"
    fi
}

# Ends the app and the server with SIGTERM, so that their last log lines are written.
stop_programs()
{
    denvr_stop_processes "$APP_PID" "$SERVER_PID"
    APP_PID=
    SERVER_PID=
}

# Checks that the logs are the debug output of a whole session, so that an
# empty sweep means something.
check_logs_are_verbose()
{
    step "check that the logs hold the session at debug level"
    if ! grep -q '^debug denvr\.' "$LOG_DIR/app.stderr"; then
        fail "the app's stderr contains no debug message of a denvr.* category"
    fi
    if ! grep -q 'signed-in' "$LOG_DIR/app.stderr"; then
        fail "the app's stderr does not mention the state signed-in"
    fi
    if ! grep -q 'signed-out' "$LOG_DIR/app.stderr"; then
        fail "the app's stderr does not mention the state signed-out"
    fi
    if ! grep -q '^debug denvr\.' "$LOG_DIR/auth.stderr"; then
        fail "denvr-auth's stderr contains no debug message of a denvr.* category"
    fi
    if ! grep -q 'denvr.fakeserver' "$LOG_DIR/server.stderr"; then
        fail "the fake server's stderr contains no denvr.fakeserver message"
    fi
}

# Checks that the test collected a secret of every kind, and a distinct access
# token from each step that issues one.
check_secret_counts()
{
    local kind count
    for kind in "refresh token" "remember-device token"; do
        count=$(grep -c "^$kind	" "$SECRETS_FILE" || true)
        if [[ $count -lt 1 ]]; then
            fail "the test collected no $kind"
        fi
    done

    # Sign-in, Renew now, Copy access token, denvr-auth token and the
    # automatic renewal each issue one access token.
    count=$(grep "^access token	" "$SECRETS_FILE" | sort -u | wc -l)
    if [[ $count -lt 5 ]]; then
        fail "the test collected $count distinct access tokens instead of at least 5"
    fi
}

sweep_for_secrets()
{
    step "search the outputs and files for the secrets"
    local keyrings=("$XDG_DATA_HOME"/keyrings/*.keyring)
    if [[ ! -f ${keyrings[0]} ]]; then
        fail "gnome-keyring wrote no keyring file under $XDG_DATA_HOME/keyrings"
    fi

    if ! python3 "$SCRIPT_DIR/sweep_secrets.py" --secrets "$SECRETS_FILE" --state-snapshots "$SNAPSHOT_DIR" \
        "$LOG_DIR" "$STATE_FILE" "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" \
        "$XDG_RUNTIME_DIR" "$TMPDIR"; then
        fail "a secret appears in an output or file, or a token was not collected; see the lines above"
    fi
}

main()
{
    local started=$SECONDS
    check_test_variables
    # scripts/setup provides denvr_start_keyring, denvr_start_xvfb,
    # denvr_start_tray_host and denvr_stop_processes.
    # shellcheck source=scripts/setup
    source "$DENVR_SOURCE_DIR/scripts/setup"

    make_private_folders
    trap cleanup EXIT

    step "start gnome-keyring, Xvfb and trayer"
    denvr_start_keyring "$KEYRING_PASSWORD"
    denvr_start_xvfb "$LOG_DIR/xvfb.log"
    denvr_start_tray_host "$LOG_DIR/trayer.log"
    echo "   display: $DISPLAY"

    step "start denvr-fake-server and denvr-signin"
    start_fake_server
    echo "   server: $SERVER_URL"
    add_secret "password" "$PASSWORD"
    add_secret "two-factor code" "$TWO_FACTOR_CODE"
    start_app
    start_secret_poller

    sign_in_with_two_factor
    renew_from_tray
    copy_token_from_tray
    print_token_with_auth
    wait_for_automatic_renewal
    sign_out_from_tray
    take_screenshot hygiene-signed-out

    stop_secret_poller
    stop_programs
    check_logs_are_verbose
    check_secret_counts
    sweep_for_secrets

    echo "PASS: no secret of the session appears in its logs, outputs or files ($((SECONDS - started)) s)"
}

# The test runs itself again inside a D-Bus session of its own, where its
# keyring cannot meet the keyring of scripts/test or of the user.
if [[ ${DENVR_HYGIENE_IN_SESSION:-} == 1 ]]; then
    main "$@"
else
    DENVR_HYGIENE_IN_SESSION=1 exec dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@"
fi
