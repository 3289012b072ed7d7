#!/usr/bin/env bash
# Checks that the .deb, the .rpm and the .tar.gz each contain the files every
# package must ship: the programs, the desktop entry, the AppStream metainfo,
# the icons, the man pages and the license.
#
# Usage: check_package_contents.sh DEB RPM TGZ
set -euo pipefail

deb_file=$1
rpm_file=$2
tgz_file=$3

# Paths below the installation prefix /usr.
expected=(
    bin/denvr-signin
    share/applications/denvr-signin.desktop
    share/metainfo/com.denvrdata.signin.metainfo.xml
    share/icons/hicolor/scalable/apps/denvr-signin.svg
    share/man/man1/denvr-signin.1.gz
    share/doc/denvr-signin/copyright
)
for size in 16 22 24 32 48 64 128 256; do
    expected+=("share/icons/hicolor/${size}x${size}/apps/denvr-signin.png")
done

# denvr-auth and its man page are expected once the package has the program.
if dpkg-deb --contents "$deb_file" | grep -q '/usr/bin/denvr-auth$'; then
    expected+=(bin/denvr-auth share/man/man1/denvr-auth.1.gz)
else
    echo "NOTE: the .deb has no denvr-auth, so it is not expected in any package"
fi

status=0

# check_listing NAME LISTING: LISTING has one path per line, each starting at
# the prefix's parent ("usr/bin/...").
check_listing()
{
    local name=$1
    local listing=$2
    local path
    for path in "${expected[@]}"; do
        if ! grep -qx "usr/$path" <<<"$listing"; then
            printf '%s: missing /usr/%s\n' "$name" "$path" >&2
            status=1
        fi
    done
}

check_listing "$deb_file" "$(dpkg-deb --fsys-tarfile "$deb_file" | tar -t | sed 's#^\./##')"
check_listing "$rpm_file" "$(rpm -qlp "$rpm_file" | sed 's#^/##')"
# The archive contains the install tree below one top folder named after the file.
check_listing "$tgz_file" "$(tar -tzf "$tgz_file" | sed 's#^[^/]*/##')"

if [[ $status -eq 0 ]]; then
    echo "all ${#expected[@]} expected files are in each of the three packages"
fi
exit "$status"
