#!/usr/bin/env bash
# Checks the dependency fields of the .deb: dpkg-shlibdeps must have filled in
# the linked libraries, and the packages that Qt and QtKeychain load at run
# time must be declared by hand because dpkg-shlibdeps cannot see them.
#
# Usage: check_deb_relations.sh DEB
set -euo pipefail

deb_file=$1
depends=$(dpkg-deb --field "$deb_file" Depends)
recommends=$(dpkg-deb --field "$deb_file" Recommends)
printf 'Depends: %s\nRecommends: %s\n' "$depends" "$recommends"

status=0

# require FIELD_NAME FIELD_VALUE PACKAGE REASON
require()
{
    if ! grep -qE "(^|[ ,|])$3( |,|$)" <<<"$2"; then
        printf 'missing from %s: %s (%s)\n' "$1" "$3" "$4" >&2
        status=1
    fi
}

require Depends "$depends" libc6 "computed by dpkg-shlibdeps"
require Depends "$depends" libqt6widgets6 "computed by dpkg-shlibdeps"
require Depends "$depends" libqt6keychain1 "computed by dpkg-shlibdeps"
require Depends "$depends" libqt6gui6 "the xcb platform plugin"
require Depends "$depends" libqt6network6 "the OpenSSL TLS backend plugin"
require Depends "$depends" libssl3 "loaded by the TLS backend"
require Depends "$depends" libqt6svg6 "the SVG icon engine plugin"
require Depends "$depends" libsecret-1-0 "opened by QtKeychain for the Secret Service"
require Recommends "$recommends" gnome-keyring "a Secret Service"

exit "$status"
