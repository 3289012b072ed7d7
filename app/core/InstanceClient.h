#pragma once

#include <QJsonObject>
#include <QString>

// The blocking client of the instance socket (see InstanceProtocol.h), for
// the command line. It blocks the calling thread for at most the timeout.
namespace InstanceClient {

inline constexpr int DefaultTimeoutMs = 3000;

struct Result
{
    enum class Kind {
        NoInstance, // no socket file, or no process listens on it
        Reply,      // the instance replied with the JSON object in reply
        Failed      // any other failure, described by the translated errorMessage. When the
                    // instance sent an error reply, reply contains it, "error" and "kind" included.
    };

    Kind kind = Kind::Failed;
    QJsonObject reply;
    QString errorMessage;
};

// Connects to socketPath, sends {"command": command} and reads the reply line.
Result send(const QString& socketPath, const QString& command, int timeoutMs = DefaultTimeoutMs);

// Sends "activate", and while no process listens yet, tries again until
// timeoutMs has passed. A second instance may start after the first one took
// the lock but before it opened its socket.
Result activate(const QString& socketPath, int timeoutMs = DefaultTimeoutMs);

} // namespace InstanceClient
