# shellcheck shell=bash
# Reads the app's keychain entries through secret-tool, for the bash tests
# that run the real denvr-signin. The sourcing script defines
# KEYCHAIN_SERVICE, the QtKeychain service name.

# Prints the secret stored under key. Like QtKeychain's own read, it looks for
# text data first and then for binary data, which is stored base64-encoded.
read_entry()
{
    local key=$1
    local secret
    if secret=$(secret-tool lookup server "$KEYCHAIN_SERVICE" user "$key" type plaintext 2>/dev/null); then
        printf '%s' "$secret"
    elif secret=$(secret-tool lookup server "$KEYCHAIN_SERVICE" user "$key" type base64 2>/dev/null); then
        printf '%s' "$secret" | base64 -d
    else
        return 1
    fi
}
