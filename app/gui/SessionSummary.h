#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

class Session;

// The text that describes a Session in the tray: a headline for the first
// tooltip line and the menu header, and the tooltip below it. Times are
// local, in the user's locale, and compared with Clock::instance(), as the
// Session's own deadlines are.
class SessionSummary
{
    Q_DECLARE_TR_FUNCTIONS(SessionSummary)

public:
    // Such as "Signed in as ada" or "Access token expired — reconnecting…".
    static QString headline(const Session& session);

    // The headline, then the lines that apply: the user where the headline
    // does not name them, the next retry while offline, the server, the
    // access token's expiry, the next renewal, the day the session ends and
    // whether the session outlives the app.
    static QString toolTip(const Session& session);

    // The next moment at which the text changes although the Session emits
    // nothing: when the access token runs out. Invalid when no such moment
    // is ahead.
    static QDateTime nextChange(const Session& session);

    // The time alone for a moment today, the date and time otherwise.
    static QString formatMoment(const QDateTime& moment);

    // The date in the long format and the time in the short one, such as
    // "Tuesday, 5 December 2023" and "14:05" in a British English locale.
    static QString formatLongDate(const QDateTime& moment);
    static QString formatTime(const QDateTime& moment);

    // The date alone in the locale's short format, such as "12/12/2027" in
    // a British English locale.
    static QString formatDate(const QDateTime& moment);
};
