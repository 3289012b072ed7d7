#pragma once

class CommandContext;

// "denvr-auth login": signs in with Session, as the app does, so the session
// entry and the last user name are stored the same way, then asks a running
// app to read them. Asks on the terminal for what the options do not give.
// Returns an AuthExitCode.
int runLoginCommand(CommandContext& context);
