# shellcheck shell=bash
# Functions that find and drive the app's windows on an X display without a
# window manager (Xvfb), for the bash tests that run the real denvr-signin.
# The sourcing script defines WAIT_SECONDS, APP_PID (the app's process) and
# fail MESSAGE, which reports the failure and exits.

# Prints the id of the visible window whose title starts with title, waiting
# for it to appear. Qt on X11 may append " — " and the application's display
# name. Polling, unlike xdotool search --sync, notices when the app exits.
wait_for_window()
{
    local title=$1
    local window
    for _ in $(seq $((WAIT_SECONDS * 5))); do
        window=$(xdotool search --onlyvisible --name "^${title}" 2>/dev/null | head -n 1 || true)
        if [[ -n $window ]]; then
            printf '%s\n' "$window"
            return
        fi
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            fail "denvr-signin exited while the test waited for the window '$title'"
        fi
        sleep 0.2
    done
    fail "no window titled '$title' appeared within $WAIT_SECONDS s"
}

# Gives window the keyboard focus. xdotool windowactivate needs a window
# manager, which Xvfb lacks, so this sets the X input focus directly.
focus_window()
{
    local window=$1
    xdotool windowraise "$window"
    if ! timeout "$WAIT_SECONDS" xdotool windowfocus --sync "$window"; then
        fail "window $window did not take the keyboard focus within $WAIT_SECONDS s"
    fi
}

# Prints the id of the app's tray icon: a window of class denvr-signin that
# the tray host (trayer) has embedded into one of its own windows.
find_tray_icon()
{
    # Readers that stop early (awk's exit, head) could end the pipeline with
    # SIGPIPE, which pipefail turns into a silent exit, so awk reads it all.
    local host icon
    for host in $(xdotool search --class '^trayer$' 2>/dev/null); do
        icon=$(xwininfo -tree -id "$host" | awk '/\("denvr-signin" / && !found { print $1; found = 1 }')
        if [[ -n $icon ]]; then
            printf '%s\n' "$icon"
            return
        fi
    done
}
