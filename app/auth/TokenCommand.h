#pragma once

class CommandContext;

// "denvr-auth token": prints an access token valid for more than 60 s and a
// newline, nothing else, on standard output. A stored token with that much
// time left is printed without any network call. Otherwise a running app
// with the same session provides one, so that only one process refreshes at
// a time, and without an app this process refreshes and stores the result.
// Returns an AuthExitCode.
int runTokenCommand(CommandContext& context);
