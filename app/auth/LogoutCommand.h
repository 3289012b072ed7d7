#pragma once

class CommandContext;

// "denvr-auth logout [--forget-device]": restores the stored session, calls
// LogOut through Session and deletes the entry, then asks a running app to
// read the stored session again so that it shows the user signed out.
// Returns an AuthExitCode.
int runLogoutCommand(CommandContext& context);
