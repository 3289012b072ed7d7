#!/usr/bin/env bash
# Formats each man page in the folder DIR with the checks that lintian uses
# (man --warnings) and with groff's own warnings, and fails when either
# prints anything.
#
# Usage: lint_man_pages.sh DIR
set -euo pipefail

status=0
for page in "$1"/*.1; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
    warnings+=$(groff -man -ww -z "$page" 2>&1)
    if [[ -n $warnings ]]; then
        printf '%s:\n%s\n' "$page" "$warnings" >&2
        status=1
    else
        printf '%s: no warnings\n' "$page"
    fi
done
exit "$status"
