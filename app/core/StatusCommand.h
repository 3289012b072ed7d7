#pragma once

class QTextStream;

// Exit codes of "denvr-signin --status".
enum StatusExitCode {
    StatusSignedIn = 0,    // an instance runs and its user is signed in (see isSignedInState())
    StatusNotSignedIn = 1, // an instance runs but is not signed in
    StatusNotRunning = 2,  // no instance of this user runs
    StatusFailed = 3       // the status could not be read: the instance rejected the request or
                           // did not reply, or the runtime directory is unusable
};

// Implements "denvr-signin --status". Asks the running instance of this user
// for its status and prints it on out as one line of compact JSON with the
// keys of sessionStatusKeys(), in that order. Prints nothing on out unless the
// instance replied. Messages go to err. Blocks for at most
// InstanceClient::DefaultTimeoutMs. Returns a StatusExitCode.
int runStatusCommand(QTextStream& out, QTextStream& err);
