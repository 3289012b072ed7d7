#include "SessionSummary.h"

#include "Clock.h"
#include "ServerUrl.h"
#include "Session.h"

#include <QLocale>
#include <QStringList>

namespace {

// Returns whether the Session has tokens in state.
bool holdsSession(Session::State state)
{
    return state == Session::State::SignedIn || state == Session::State::Refreshing ||
           state == Session::State::Offline;
}

// An expired access token is worth a headline only while the Session tries to
// renew it: offline, or during the retry itself. In SignedIn it lasts only
// until the refresh that the Session starts at once.
bool showsExpiredToken(const Session& session)
{
    const Session::State state = session.state();
    const bool renewing = state == Session::State::Offline || state == Session::State::Refreshing;
    return renewing && session.isAccessTokenExpired();
}

} // namespace

QString SessionSummary::headline(const Session& session)
{
    const QString user = session.userName();

    if (showsExpiredToken(session))
        return tr("Access token expired — reconnecting…");

    switch (session.state()) {
    case Session::State::SignedOut:
        return tr("Signed out");
    case Session::State::Restoring:
        return tr("Restoring session…");
    case Session::State::SigningIn:
        return user.isEmpty() ? tr("Signing in…") : tr("Signing in as %1…").arg(user);
    case Session::State::AwaitingSecondFactor:
        return tr("Waiting for the security code of %1").arg(user);
    case Session::State::SignedIn:
        return tr("Signed in as %1").arg(user);
    case Session::State::Refreshing:
        return tr("Signed in as %1, renewing the access token…").arg(user);
    case Session::State::Offline:
        return tr("Signed in as %1 — offline").arg(user);
    case Session::State::SessionEnded:
        return tr("Session of %1 ended: sign in again").arg(user);
    case Session::State::KeychainUnavailable:
        return tr("Keychain unavailable: sign in to continue");
    case Session::State::SigningOut:
        return tr("Signing out…");
    }
    return QString();
}

QString SessionSummary::toolTip(const Session& session)
{
    const Session::State state = session.state();
    QStringList lines{headline(session)};

    const bool headlineOmitsUser = state == Session::State::Restoring || showsExpiredToken(session);
    if (headlineOmitsUser && !session.userName().isEmpty())
        lines.append(tr("User: %1").arg(session.userName()));

    if (state == Session::State::Offline) {
        const QDateTime retryAt = session.nextRefreshAt();
        lines.append(retryAt.isValid() ? tr("Cannot reach the server. Next try at %1.").arg(formatMoment(retryAt))
                                       : tr("Cannot reach the server. Retrying."));
    }

    const QUrl server = session.server();
    if (server.isValid() && !server.isEmpty())
        lines.append(tr("Server: %1").arg(ServerUrl::origin(server)));

    if (!holdsSession(state))
        return lines.join(QLatin1Char('\n'));

    const QDateTime expiresAt = session.accessTokenExpiresAt();
    if (!session.isAccessTokenExpired() && expiresAt.isValid())
        lines.append(tr("Access token expires at %1").arg(formatMoment(expiresAt)));

    // Offline, the next try is on the line above already.
    const QDateTime renewsAt = session.nextRefreshAt();
    if (state == Session::State::SignedIn && renewsAt.isValid())
        lines.append(tr("Renews at %1").arg(formatMoment(renewsAt)));

    const QDateTime sessionEndsAt = session.refreshTokenExpiresAt();
    if (sessionEndsAt.isValid())
        lines.append(tr("Session valid until %1").arg(formatDate(sessionEndsAt)));

    if (!session.isStored())
        lines.append(tr("This session is not remembered after you quit."));

    return lines.join(QLatin1Char('\n'));
}

QDateTime SessionSummary::nextChange(const Session& session)
{
    if (!holdsSession(session.state()) || session.isAccessTokenExpired())
        return QDateTime();

    return session.accessTokenExpiresAt();
}

QString SessionSummary::formatMoment(const QDateTime& moment)
{
    const QDateTime local = moment.toLocalTime();
    const QDate today = Clock::instance()->currentUtc().toLocalTime().date();

    if (local.date() == today)
        return formatTime(local);

    return QLocale().toString(local, QLocale::ShortFormat);
}

QString SessionSummary::formatLongDate(const QDateTime& moment)
{
    return QLocale().toString(moment.toLocalTime().date(), QLocale::LongFormat);
}

QString SessionSummary::formatDate(const QDateTime& moment)
{
    return QLocale().toString(moment.toLocalTime().date(), QLocale::ShortFormat);
}

QString SessionSummary::formatTime(const QDateTime& moment)
{
    return QLocale().toString(moment.toLocalTime().time(), QLocale::ShortFormat);
}
