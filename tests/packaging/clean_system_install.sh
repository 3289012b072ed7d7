#!/usr/bin/env bash
# Installs the .deb into a minimal Debian bookworm root and runs the programs
# there, so that the package's declared dependencies alone must make them work.
#
# Usage: clean_system_install.sh DEB CACHE_ROOT FAKE_SERVER
#   DEB          the denvr-signin .deb to install
#   CACHE_ROOT   a debootstrap --variant=minbase root, created when missing and
#                reused afterwards; it is copied for each run and never changed
#   FAKE_SERVER  the denvr-fake-server program, run outside the root
#
# Steps:
#   1. apt-get install --no-install-recommends of the .deb, then
#      denvr-signin --version and --help, and denvr-auth --version: the
#      Depends field alone must be enough for the programs to start.
#   2. apt-get install of the first alternative of each Recommends group
#      (gnome-keyring and dbus-user-session), which a default apt-get install
#      pulls in too.
#   3. denvr-auth login --password-stdin over HTTPS against the fake server on
#      127.0.0.1, trusted through a CA file copied into the root, then
#      denvr-auth token. Both run inside dbus-run-session with an unlocked
#      gnome-keyring as the Secret Service.
#
# Needs root (debootstrap, chroot and mount), the Debian archive of this
# machine's apt sources and openssl. Exits 77, which ctest counts as skipped,
# when root or a tool is missing.
set -euo pipefail

readonly SKIP=77
readonly SUITE=bookworm

deb_file=$1
cache_root=$2
fake_server=$3

work_root=$cache_root-work
archive_cache=$cache_root-apt-archives
state_dir=
fake_server_pid=

log()
{
    printf 'clean_system_install: %s\n' "$*" >&2
}

fail()
{
    log "error: $*"
    exit 1
}

skip()
{
    log "skipped: $*"
    exit "$SKIP"
}

# Prints the URI of the first apt source that serves the suite $SUITE itself
# (not $SUITE-security or $SUITE-updates), from the one-line and the deb822
# formats of /etc/apt/sources.list and /etc/apt/sources.list.d/.
find_debian_mirror()
{
    local files=()
    local file
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        if [[ -f $file ]]; then
            files+=("$file")
        fi
    done
    if [[ ${#files[@]} -eq 0 ]]; then
        return
    fi

    awk -v suite="$SUITE" '
        function flush() {
            if (uris != "" && index(" " suites " ", " " suite " ") > 0 && found == "") {
                split(uris, list, " ")
                found = list[1]
            }
            uris = ""
            suites = ""
        }
        FNR == 1 { flush() }
        /^[[:space:]]*$/ { flush(); next }
        /^URIs:/ { sub(/^URIs:[[:space:]]*/, ""); uris = $0; next }
        /^Suites:/ { sub(/^Suites:[[:space:]]*/, ""); suites = $0; next }
        /^deb[[:space:]]/ {
            sub(/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?/, "")
            if ($2 == suite && found == "") found = $1
            next
        }
        END { flush(); if (found != "") print found }
    ' "${files[@]}"
}

# Lists the mount points at or below the work root, deepest first.
mounts_in_work_root()
{
    awk -v root="$work_root" '$2 == root || index($2, root "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}

# Stops every process whose root directory is the work root, such as a
# gnome-keyring-daemon that outlived its D-Bus session, so that the mounts
# can be released.
# shellcheck disable=SC2317  # called from cleanup, which the EXIT trap runs
stop_processes_in_work_root()
{
    local proc_dir pid
    for proc_dir in /proc/[0-9]*; do
        pid=${proc_dir#/proc/}
        if [[ $(readlink "$proc_dir/root" 2>/dev/null || true) == "$work_root" ]]; then
            kill "$pid" 2>/dev/null || true
        fi
    done
}

# shellcheck disable=SC2317  # run by the EXIT trap
cleanup()
{
    local status=$?

    if [[ -n $fake_server_pid ]] && kill -0 "$fake_server_pid" 2>/dev/null; then
        kill "$fake_server_pid" 2>/dev/null || true
        wait "$fake_server_pid" 2>/dev/null || true
    fi
    if [[ -d $work_root ]]; then
        stop_processes_in_work_root
        local mount_point
        while read -r mount_point; do
            umount "$mount_point" || umount --lazy "$mount_point" || log "could not unmount $mount_point"
        done < <(mounts_in_work_root)
    fi
    if [[ -n $state_dir ]]; then
        rm -rf "$state_dir"
    fi
    exit "$status"
}

# Runs a command inside the work root with a clean environment.
in_root()
{
    chroot "$work_root" /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        "$@"
}

create_cache_root()
{
    local mirror=$1
    local partial=$cache_root.partial
    local started=$SECONDS

    log "creating the $SUITE root $cache_root from $mirror (debootstrap --variant=minbase)"
    rm -rf --one-file-system "$partial"
    debootstrap --variant=minbase "$SUITE" "$partial" "$mirror" >"$cache_root.debootstrap.log" 2>&1 ||
        fail "debootstrap failed; its log is $cache_root.debootstrap.log"
    # Renamed only when complete, so that an interrupted run leaves no half-made cache.
    mv "$partial" "$cache_root"
    log "debootstrap took $((SECONDS - started)) s"
}

prepare_work_root()
{
    if [[ -n $(mounts_in_work_root) ]]; then
        fail "$work_root still has mounts from an earlier run; unmount them: $(mounts_in_work_root | tr '\n' ' ')"
    fi
    rm -rf --one-file-system "$work_root"
    cp -a "$cache_root" "$work_root"

    # A container without CAP_SYS_ADMIN cannot mount, and then no chroot test can run.
    mount -t proc proc "$work_root/proc" || skip "mounting /proc in the root is not permitted here"
    mount --bind /dev "$work_root/dev"
    # Downloaded .debs are kept between runs, so a repeated run needs little network.
    mkdir -p "$archive_cache/partial"
    mount --bind "$archive_cache" "$work_root/var/cache/apt/archives"
    cp /etc/resolv.conf "$work_root/etc/resolv.conf"
}

# Prints the first alternative of each group of the package's Recommends field.
recommended_packages()
{
    dpkg-deb --field "$deb_file" Recommends | tr ',' '\n' | sed -e 's/|.*//' -e 's/(.*)//' -e 's/[[:space:]]//g' | sed '/^$/d'
}

# Checks that the Qt plugins the app loads at run time are installed in the
# root and that each finds all its libraries, because dpkg-shlibdeps cannot
# see them and --version loads none of them.
check_qt_plugins()
{
    local plugin_dirs=("$work_root"/usr/lib/*/qt6/plugins)
    [[ -d ${plugin_dirs[0]} ]] || fail "no Qt 6 plugin folder in the root; is libqt6gui6 installed?"
    local plugin_dir=${plugin_dirs[0]#"$work_root"}
    local plugin missing
    for plugin in platforms/libqxcb.so tls/libqopensslbackend.so iconengines/libqsvgicon.so imageformats/libqsvg.so; do
        [[ -f $work_root$plugin_dir/$plugin ]] || fail "the Qt plugin $plugin_dir/$plugin is not installed; declare its package in the Depends field"
        missing=$(in_root ldd "$plugin_dir/$plugin" | grep 'not found' || true)
        [[ -z $missing ]] || fail "the Qt plugin $plugin misses libraries: $missing"
    done
    log "the xcb, TLS, SVG icon engine and SVG image plugins are installed with all their libraries"
}

start_fake_server()
{
    local users_file=$state_dir/users.json
    cat >"$users_file" <<'JSON'
{
  "users": [
    { "userName": "packaging", "emailAddress": "packaging@example.com", "password": "packaging-password" }
  ]
}
JSON

    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Denvr packaging test CA" \
        -keyout "$state_dir/ca.key" -out "$state_dir/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$state_dir/server.key" -out "$state_dir/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\n' >"$state_dir/server.ext"
    openssl x509 -req -in "$state_dir/server.csr" -CA "$state_dir/ca.pem" -CAkey "$state_dir/ca.key" \
        -CAcreateserial -days 2 -extfile "$state_dir/server.ext" -out "$state_dir/server.pem" 2>/dev/null

    "$fake_server" --port 0 --users "$users_file" \
        --tls-cert "$state_dir/server.pem" --tls-key "$state_dir/server.key" \
        >"$state_dir/fake-server.log" 2>"$state_dir/fake-server-errors.log" &
    fake_server_pid=$!

    local first_line=
    for _ in $(seq 100); do
        first_line=$(head -n 1 "$state_dir/fake-server.log")
        if [[ $first_line == "listening on "* ]]; then
            server_url=${first_line#listening on }
            return
        fi
        if ! kill -0 "$fake_server_pid" 2>/dev/null; then
            fail "denvr-fake-server exited at start: $(cat "$state_dir/fake-server-errors.log")"
        fi
        sleep 0.1
    done
    fail "denvr-fake-server printed no 'listening on' line within 10 s"
}

main()
{
    if [[ $EUID -ne 0 ]]; then
        skip "debootstrap, chroot and mount need root"
    fi
    local tool
    for tool in debootstrap chroot dpkg-deb openssl; do
        command -v "$tool" >/dev/null || skip "$tool is not installed"
    done
    [[ -f $deb_file ]] || fail "the package $deb_file does not exist; run cpack first"

    trap cleanup EXIT
    state_dir=$(mktemp -d "${TMPDIR:-/tmp}/denvr-clean-system.XXXXXX")

    if [[ ! -d $cache_root ]]; then
        local mirror
        mirror=$(find_debian_mirror)
        [[ -n $mirror ]] || skip "no apt source for $SUITE in /etc/apt/sources.list or /etc/apt/sources.list.d/"
        create_cache_root "$mirror"
    fi

    local started=$SECONDS
    prepare_work_root
    cp "$deb_file" "$work_root/tmp/denvr-signin.deb"

    log "installing $(basename "$deb_file") with its Depends only"
    in_root apt-get update -qq
    in_root apt-get install -y -qq --no-install-recommends /tmp/denvr-signin.deb >"$state_dir/apt.log" 2>&1 ||
        fail "apt-get install of the package failed: $(tail -n 20 "$state_dir/apt.log")"
    log "installed in $((SECONDS - started)) s"

    log "running denvr-signin --version and --help"
    local version
    version=$(in_root denvr-signin --version)
    [[ $version == *"$(dpkg-deb --field "$deb_file" Version)"* ]] ||
        fail "denvr-signin --version printed '$version', not the package version"
    in_root denvr-signin --help >/dev/null
    check_qt_plugins

    [[ -x $work_root/usr/bin/denvr-auth ]] || fail "the package installed no /usr/bin/denvr-auth"
    in_root denvr-auth --version >/dev/null

    local recommended
    mapfile -t recommended < <(recommended_packages)
    log "installing the recommended packages: ${recommended[*]}"
    in_root apt-get install -y -qq --no-install-recommends "${recommended[@]}" >"$state_dir/apt.log" 2>&1 ||
        fail "apt-get install of the recommended packages failed: $(tail -n 20 "$state_dir/apt.log")"

    local server_url
    start_fake_server
    cp "$state_dir/ca.pem" "$work_root/tmp/denvr-test-ca.pem"
    log "signing in with denvr-auth to $server_url"

    mkdir -m 700 "$work_root/run/denvr-test"

    # gnome-keyring-daemon reads the keyring password from stdin, where a
    # trailing newline would become part of it. denvr-auth reads the account
    # password from the outer pipe.
    local token
    # shellcheck disable=SC2016  # $1 is expanded by the inner sh, inside the root.
    token=$(printf 'packaging-password\n' | in_root env XDG_RUNTIME_DIR=/run/denvr-test \
        dbus-run-session -- sh -c '
            set -e
            printf keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
            denvr-auth login --server "$1" --ca-file /tmp/denvr-test-ca.pem --username packaging --password-stdin >&2
            denvr-auth token --server "$1" --ca-file /tmp/denvr-test-ca.pem
        ' sh "$server_url") || fail "denvr-auth login or token failed; the fake server log: $(cat "$state_dir/fake-server.log")"

    [[ -n $token ]] || fail "denvr-auth token printed nothing"
    grep -q "^POST /api/TokenAuth/Authenticate 200" "$state_dir/fake-server.log" ||
        fail "the fake server logged no successful Authenticate: $(cat "$state_dir/fake-server.log")"
    log "passed in $((SECONDS - started)) s: the package installs with its declared dependencies, and denvr-auth signs in over HTTPS and prints a token"
}

# exit on the same line stops bash from reading the file further, so an edit
# to this file during a run cannot change what the run executes.
main "$@"; exit
