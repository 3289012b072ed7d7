// The session state machine against the real denvr-fake-server on loopback
// and the real Secret Service (scripts/test provides an unlocked keyring).

#include "ApiCall.h"
#include "ApiClient.h"
#include "AppSettings.h"
#include "Clock.h"
#include "FakeServer.h"
#include "KeychainEntry.h"
#include "KeychainStore.h"
#include "MinuteTicker.h"
#include "ServerUrl.h"
#include "Session.h"
#include "StoredSession.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <memory>

namespace {

const QString TestService = QStringLiteral("denvr-signin-test-session");

// A wall clock that tests move by hand; the monotonic time stays real.
class ShiftedClock : public Clock
{
public:
    QDateTime currentUtc() const override { return QDateTime::currentDateTimeUtc().addSecs(m_shiftSeconds); }
    void shift(qint64 seconds) { m_shiftSeconds += seconds; }

private:
    qint64 m_shiftSeconds = 0;
};

void removeEntry(KeychainStore &keychain, const QString &key)
{
    bool done = false;
    QObject context;
    keychain.remove(key, &context, [&](const KeychainStore::Outcome &) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
}

} // namespace

class SessionTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void refreshDeadline_data();
    void refreshDeadline();

    void signInStoresSession();
    void signInWithTwoFactor();
    void wrongCodeKeepsChallenge();
    void wrongPasswordSignsOut();
    void notKeptSessionIsNotStored();
    void restoreWithoutDialog();
    void restoreWithoutEntry();
    void refreshArrivesOnTime();
    void rejectedRefreshEndsSession();
    void unreachableServerKeepsSession();
    void signOutDeletesEntry();
    void rememberedDeviceSkipsSecondFactor();
    void cancelAbortsSignIn();
    void clockJumpForwardRefreshes();
    void minuteTickRefreshesWhenDue();
    void clockJumpBackwardWaits();
    void expiredRefreshTokenEndsSession();
    void concurrentTokenRequestsShareRefresh();
    void freshTokenNeedsNoRefresh();
    void tokenRequestWhileSignedOutFails();
    void expiryWarningOnce();
    void networkReturnRetriesAtOnce();
    void accountsKeepSeparateEntries();
    void rejectionRetriesNewerStoredToken();
    void switchServerKeepsEntry();

private:
    // Builds a client, keychain and session pointed at the running server.
    void createSession();
    void signInPlainUser();

    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<KeychainStore> m_keychain;
    std::unique_ptr<Session> m_session;
};

void SessionTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void SessionTest::init()
{
    // A port used by an earlier test may come back, and with it that test's
    // last user name for the server. So each test starts without settings.
    QSettings(QString::fromLatin1(AppSettings::OrganizationName), QString::fromLatin1(AppSettings::ApplicationName)).clear();
    m_server = std::make_unique<FakeServer>();
}

void SessionTest::cleanup()
{
    // A failed check returns early, so the real clock is put back here too.
    Clock::setInstance(nullptr);

    if (m_keychain && m_server) {
        for (const FakeServer::User &user : {FakeServer::plainUser(), FakeServer::twoFactorUser()}) {
            removeEntry(*m_keychain, StoredSession::sessionKey(m_server->url(), user.userName));
            removeEntry(*m_keychain, StoredSession::rememberDeviceKey(m_server->url(), user.userName));
        }
    }

    m_session.reset();
    m_keychain.reset();
    m_client.reset();
    m_server.reset();
}

void SessionTest::createSession()
{
    m_client = std::make_unique<ApiClient>();
    m_client->setServerUrl(m_server->url());
    m_keychain = std::make_unique<KeychainStore>(TestService);
    m_session = std::make_unique<Session>(m_client.get(), m_keychain.get());
}

void SessionTest::signInPlainUser()
{
    const FakeServer::User user = FakeServer::plainUser();
    m_session->signIn(user.userName, user.password, true);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isStored(), 15000);
}

void SessionTest::refreshDeadline_data()
{
    QTest::addColumn<int>("lifetimeSeconds");
    QTest::addColumn<qint64>("expectedOffsetMs");

    QTest::newRow("one day: 80% mark") << 86400 << qint64(69120000);
    QTest::newRow("one hour: 80% mark") << 3600 << qint64(2880000);
    QTest::newRow("ten minutes: 80% mark") << 600 << qint64(480000);
    QTest::newRow("five minutes: 60 s lead wins") << 300 << qint64(240000);
    QTest::newRow("two minutes: 60 s lead wins") << 120 << qint64(60000);
    QTest::newRow("70 s: 60 s lead wins") << 70 << qint64(10000);
    QTest::newRow("60 s: too short for the lead") << 60 << qint64(48000);
    QTest::newRow("10 s: 80% mark") << 10 << qint64(8000);
    QTest::newRow("1 s: 80% mark") << 1 << qint64(800);
    QTest::newRow("0 s: at once") << 0 << qint64(0);
}

void SessionTest::refreshDeadline()
{
    QFETCH(int, lifetimeSeconds);
    QFETCH(qint64, expectedOffsetMs);

    const QDateTime receivedAt = QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC);
    const QDateTime deadline = Session::refreshDeadline(receivedAt, lifetimeSeconds);

    QCOMPARE(receivedAt.msecsTo(deadline), expectedOffsetMs);
}

void SessionTest::signInStoresSession()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    QSignalSpy states(m_session.get(), &Session::stateChanged);

    signInPlainUser();

    QCOMPARE(states.at(0).at(0).value<Session::State>(), Session::State::SigningIn);
    QCOMPARE(states.last().at(0).value<Session::State>(), Session::State::SignedIn);
    QVERIFY(!m_session->accessToken().isEmpty());
    QVERIFY(m_session->accessTokenExpiresAt() > QDateTime::currentDateTimeUtc());
    QVERIFY(m_session->refreshTokenExpiresAt() > m_session->accessTokenExpiresAt());
    QVERIFY(m_session->nextRefreshAt() < m_session->accessTokenExpiresAt());

    const KeychainStore::Outcome entry = readKeychainEntry(*m_keychain, StoredSession::sessionKey(m_server->url(), QStringLiteral("grace")));
    QVERIFY(entry.ok());
    const std::optional<StoredSession> stored = StoredSession::fromJson(entry.data, nullptr);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->userName, QStringLiteral("grace"));
    QVERIFY(!stored->refreshToken.isEmpty());
    QVERIFY(!entry.data.contains("hopper-1906"));
}

void SessionTest::signInWithTwoFactor()
{
    const FakeServer::User user = FakeServer::twoFactorUser();
    QVERIFY2(m_server->start({{user}}), qPrintable(m_server->errorMessage()));
    createSession();
    QSignalSpy codeSent(m_session.get(), &Session::twoFactorCodeSent);

    m_session->signIn(user.userName, user.password, true);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::AwaitingSecondFactor, 15000);
    QCOMPARE(m_session->twoFactorChallenge().providers, user.twoFactorProviders);

    m_session->sendTwoFactorCode(QStringLiteral("Email"));
    QTRY_COMPARE_WITH_TIMEOUT(codeSent.count(), 1, 15000);
    QCOMPARE(m_server->countRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/SendTwoFactorAuthCode")), 1);

    m_session->submitTwoFactorCode(user.twoFactorCode, false);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    QVERIFY(!m_session->accessToken().isEmpty());
}

void SessionTest::wrongCodeKeepsChallenge()
{
    const FakeServer::User user = FakeServer::twoFactorUser();
    QVERIFY2(m_server->start({{user}}), qPrintable(m_server->errorMessage()));
    createSession();
    QSignalSpy failures(m_session.get(), &Session::signInFailed);

    m_session->signIn(user.userName, user.password, true);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::AwaitingSecondFactor, 15000);
    m_session->submitTwoFactorCode(QStringLiteral("000000"), false);

    QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, 15000);
    QCOMPARE(m_session->state(), Session::State::AwaitingSecondFactor);
    QCOMPARE(failures.at(0).at(0).value<ApiError>().kind, ApiError::Kind::InvalidSecurityCode);

    m_session->submitTwoFactorCode(user.twoFactorCode, false);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
}

void SessionTest::wrongPasswordSignsOut()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    QSignalSpy failures(m_session.get(), &Session::signInFailed);

    m_session->signIn(QStringLiteral("grace"), QStringLiteral("not her password"), true);

    QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, 15000);
    QCOMPARE(m_session->state(), Session::State::SignedOut);
    QCOMPARE(failures.at(0).at(0).value<ApiError>().kind, ApiError::Kind::InvalidCredentials);
    QCOMPARE(m_session->userName(), QStringLiteral("grace"));
}

void SessionTest::notKeptSessionIsNotStored()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    const FakeServer::User user = FakeServer::plainUser();

    m_session->signIn(user.userName, user.password, false);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);

    QVERIFY(!m_session->isStored());
    const KeychainStore::Outcome entry = readKeychainEntry(*m_keychain, StoredSession::sessionKey(m_server->url(), user.userName));
    QCOMPARE(entry.status, KeychainStore::Status::NotFound);
}

void SessionTest::restoreWithoutDialog()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    const QString accessToken = m_session->accessToken();
    const int requestsBefore = m_server->requestLog().size();

    Session restored(m_client.get(), m_keychain.get());
    restored.restore(QStringLiteral("grace"));
    QCOMPARE(restored.state(), Session::State::Restoring);

    QTRY_COMPARE_WITH_TIMEOUT(restored.state(), Session::State::SignedIn, 15000);
    QCOMPARE(restored.accessToken(), accessToken);
    QCOMPARE(restored.userName(), QStringLiteral("grace"));
    QVERIFY(restored.isStored());
    QCOMPARE(m_server->requestLog().size(), requestsBefore);
}

void SessionTest::restoreWithoutEntry()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();

    m_session->restore(QStringLiteral("grace"));

    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedOut, 15000);
}

void SessionTest::refreshArrivesOnTime()
{
    FakeServer::Options options{{FakeServer::plainUser()}};
    options.accessTokenSeconds = 3;
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    const QDateTime firstExpiry = m_session->accessTokenExpiresAt();

    // With a 3 s lifetime the refresh is due at 2.4 s, before the token ends.
    QVERIFY(m_server->waitForRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken"), 1, 5000));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 5000);
    QVERIFY(m_session->accessTokenExpiresAt() > firstExpiry);
    QVERIFY(QDateTime::currentDateTimeUtc() < firstExpiry);
}

void SessionTest::rejectedRefreshEndsSession()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    QSignalSpy ended(m_session.get(), &Session::sessionEnded);

    // A restart without --state drops every issued token.
    FakeServer::Options options{{FakeServer::plainUser()}};
    options.port = m_server->port();
    m_server->stop();
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));
    m_session->refreshNow();

    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SessionEnded, 15000);
    QCOMPARE(ended.count(), 1);
    QCOMPARE(m_session->userName(), QStringLiteral("grace"));
    QVERIFY(m_session->accessToken().isEmpty());
    const KeychainStore::Outcome entry = readKeychainEntry(*m_keychain, StoredSession::sessionKey(m_server->url(), QStringLiteral("grace")));
    QCOMPARE(entry.status, KeychainStore::Status::NotFound);
}

void SessionTest::unreachableServerKeepsSession()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();

    m_server->stop();
    m_session->refreshNow();

    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::Offline, 15000);
    QVERIFY(m_session->nextRefreshAt().isValid());
    QVERIFY(m_session->nextRefreshAt() <= QDateTime::currentDateTimeUtc().addSecs(3));
    const KeychainStore::Outcome entry = readKeychainEntry(*m_keychain, StoredSession::sessionKey(m_server->url(), QStringLiteral("grace")));
    QVERIFY(entry.ok());
}

void SessionTest::signOutDeletesEntry()
{
    const FakeServer::User user = FakeServer::twoFactorUser();
    QVERIFY2(m_server->start({{user}}), qPrintable(m_server->errorMessage()));
    createSession();
    m_session->signIn(user.userName, user.password, true);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::AwaitingSecondFactor, 15000);
    m_session->submitTwoFactorCode(user.twoFactorCode, true);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isStored(), 15000);

    m_session->signOut();

    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedOut, 15000);
    QCOMPARE(m_server->countRequests(QStringLiteral("GET"), QStringLiteral("/api/TokenAuth/LogOut")), 1);
    QVERIFY(m_session->accessToken().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(readKeychainEntry(*m_keychain, StoredSession::sessionKey(m_server->url(), user.userName)).status,
                              KeychainStore::Status::NotFound, 15000);
    QVERIFY(readKeychainEntry(*m_keychain, StoredSession::rememberDeviceKey(m_server->url(), user.userName)).ok());
}

void SessionTest::rememberedDeviceSkipsSecondFactor()
{
    const FakeServer::User user = FakeServer::twoFactorUser();
    QVERIFY2(m_server->start({{user}}), qPrintable(m_server->errorMessage()));
    createSession();
    m_session->signIn(user.userName, user.password, true);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::AwaitingSecondFactor, 15000);
    m_session->submitTwoFactorCode(user.twoFactorCode, true);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(readKeychainEntry(*m_keychain, StoredSession::rememberDeviceKey(m_server->url(), user.userName)).ok(), 15000);

    m_session->signOut();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedOut, 15000);
    QSignalSpy states(m_session.get(), &Session::stateChanged);
    m_session->signIn(user.userName, user.password, true);

    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    for (const QList<QVariant> &change : states)
        QVERIFY(change.at(0).value<Session::State>() != Session::State::AwaitingSecondFactor);
}

void SessionTest::cancelAbortsSignIn()
{
    FakeServer::Options options{{FakeServer::plainUser()}};
    options.delayMs = 5000;
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));
    createSession();
    QSignalSpy failures(m_session.get(), &Session::signInFailed);
    const FakeServer::User user = FakeServer::plainUser();

    m_session->signIn(user.userName, user.password, true);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->state() == Session::State::SigningIn, 1000);
    QTest::qWait(200);
    m_session->cancel();

    QCOMPARE(m_session->state(), Session::State::SignedOut);
    QTest::qWait(100);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(m_session->state(), Session::State::SignedOut);
}

void SessionTest::clockJumpForwardRefreshes()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    ShiftedClock clock;
    Clock::setInstance(&clock);

    // As after a two-hour suspend: the one-hour token's refresh is overdue.
    clock.shift(2 * 3600);
    m_session->checkDeadlines();

    QCOMPARE(m_session->state(), Session::State::Refreshing);
    QVERIFY(m_server->waitForRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken"), 1, 5000));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 5000);
    Clock::setInstance(nullptr);
}

// The shared minute ticker, not a timer of the Session's, compares the
// deadlines with the wall clock once a minute.
void SessionTest::minuteTickRefreshesWhenDue()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    ShiftedClock clock;
    Clock::setInstance(&clock);
    clock.shift(2 * 3600);

    emit MinuteTicker::instance()->tick();

    QCOMPARE(m_session->state(), Session::State::Refreshing);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 5000);
    Clock::setInstance(nullptr);
}

void SessionTest::clockJumpBackwardWaits()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    const QDateTime refreshAt = m_session->nextRefreshAt();
    ShiftedClock clock;
    Clock::setInstance(&clock);

    clock.shift(-3600);
    m_session->checkDeadlines();

    QCOMPARE(m_session->state(), Session::State::SignedIn);
    QCOMPARE(m_session->nextRefreshAt(), refreshAt);
    QCOMPARE(m_server->countRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken")), 0);
    Clock::setInstance(nullptr);
}

void SessionTest::expiredRefreshTokenEndsSession()
{
    FakeServer::Options options{{FakeServer::plainUser()}};
    options.refreshTokenSeconds = 600;
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    QSignalSpy ended(m_session.get(), &Session::sessionEnded);
    ShiftedClock clock;
    Clock::setInstance(&clock);

    clock.shift(601);
    m_session->checkDeadlines();

    QCOMPARE(m_session->state(), Session::State::SessionEnded);
    QCOMPARE(ended.count(), 1);
    Clock::setInstance(nullptr);
}

void SessionTest::concurrentTokenRequestsShareRefresh()
{
    FakeServer::Options options{{FakeServer::plainUser()}};
    options.accessTokenSeconds = 30;
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    QStringList tokens;
    QList<ApiError::Kind> errors;
    QObject context;

    // A 30 s token is within the 60 s margin, so each request needs a refresh.
    for (int i = 0; i < 3; ++i) {
        m_session->requestAccessToken(&context, [&](const QString &token, const ApiError &error) {
            tokens.append(token);
            errors.append(error.kind);
        });
    }

    QTRY_COMPARE_WITH_TIMEOUT(tokens.size(), 3, 15000);
    QCOMPARE(m_server->countRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken")), 1);
    QCOMPARE(errors, QList<ApiError::Kind>(3, ApiError::Kind::None));
    QCOMPARE(tokens.at(0), m_session->accessToken());
    QCOMPARE(tokens.at(1), tokens.at(0));
    QCOMPARE(tokens.at(2), tokens.at(0));
}

void SessionTest::freshTokenNeedsNoRefresh()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    QString token;
    QObject context;

    m_session->requestAccessToken(&context, [&](const QString &accessToken, const ApiError &) { token = accessToken; });

    QTRY_VERIFY_WITH_TIMEOUT(!token.isEmpty(), 5000);
    QCOMPARE(token, m_session->accessToken());
    QCOMPARE(m_server->countRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken")), 0);
}

void SessionTest::tokenRequestWhileSignedOutFails()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    ApiError::Kind kind = ApiError::Kind::None;
    bool answered = false;
    QObject context;

    m_session->requestAccessToken(&context, [&](const QString &, const ApiError &error) {
        kind = error.kind;
        answered = true;
    });

    QTRY_VERIFY_WITH_TIMEOUT(answered, 5000);
    QCOMPARE(kind, ApiError::Kind::NotSignedIn);
}

void SessionTest::expiryWarningOnce()
{
    FakeServer::Options options{{FakeServer::plainUser()}};
    options.refreshTokenSeconds = 48 * 3600;
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));
    createSession();
    QSignalSpy warnings(m_session.get(), &Session::refreshTokenExpiringSoon);
    signInPlainUser();
    QCOMPARE(warnings.count(), 0);
    ShiftedClock clock;
    Clock::setInstance(&clock);

    // 25 h later the refresh token has 23 h left, inside the 24 h lead.
    clock.shift(25 * 3600);
    m_session->checkDeadlines();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    m_session->checkDeadlines();
    m_session->checkDeadlines();

    QCOMPARE(warnings.count(), 1);
    QCOMPARE(warnings.at(0).at(0).toDateTime(), m_session->refreshTokenExpiresAt());
}

void SessionTest::networkReturnRetriesAtOnce()
{
    FakeServer::Options options{{FakeServer::plainUser()}};
    options.stateFile = QDir::temp().filePath(QStringLiteral("denvr-session-test-state-%1.json").arg(QCoreApplication::applicationPid()));
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();

    options.port = m_server->port();
    m_server->stop();
    m_session->refreshNow();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::Offline, 15000);

    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));
    m_session->handleNetworkReturned();

    QCOMPARE(m_session->state(), Session::State::Refreshing);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    QFile::remove(options.stateFile);
}

void SessionTest::accountsKeepSeparateEntries()
{
    const FakeServer::User grace = FakeServer::plainUser();
    const FakeServer::User ada = FakeServer::twoFactorUser();
    QVERIFY2(m_server->start({{grace, ada}}), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();

    // A second session object, as the command line would use, signs in another account.
    Session second(m_client.get(), m_keychain.get());
    second.signIn(ada.userName, ada.password, true);
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), Session::State::AwaitingSecondFactor, 15000);
    second.submitTwoFactorCode(ada.twoFactorCode, false);
    QTRY_VERIFY_WITH_TIMEOUT(second.isStored(), 15000);

    const KeychainStore::Outcome graceEntry = readKeychainEntry(*m_keychain, StoredSession::sessionKey(m_server->url(), grace.userName));
    const KeychainStore::Outcome adaEntry = readKeychainEntry(*m_keychain, StoredSession::sessionKey(m_server->url(), ada.userName));
    QVERIFY(graceEntry.ok());
    QVERIFY(adaEntry.ok());
    QCOMPARE(StoredSession::fromJson(graceEntry.data, nullptr)->userName, grace.userName);
    QCOMPARE(StoredSession::fromJson(adaEntry.data, nullptr)->userName, ada.userName);
    QVERIFY(StoredSession::fromJson(graceEntry.data, nullptr)->refreshToken != StoredSession::fromJson(adaEntry.data, nullptr)->refreshToken);
}

void SessionTest::switchServerKeepsEntry()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    FakeServer otherServer;
    QVERIFY2(otherServer.start({{FakeServer::twoFactorUser()}}), qPrintable(otherServer.errorMessage()));
    createSession();
    signInPlainUser();
    const QString accessToken = m_session->accessToken();
    const QString sessionKey = StoredSession::sessionKey(m_server->url(), QStringLiteral("grace"));

    m_session->switchServer(otherServer.url());

    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedOut, 15000);
    QCOMPARE(ServerUrl::origin(m_session->server()), ServerUrl::origin(otherServer.url()));
    QVERIFY(m_session->accessToken().isEmpty());
    QVERIFY(m_session->userName().isEmpty());
    QVERIFY(readKeychainEntry(*m_keychain, sessionKey).ok());
    QVERIFY(!m_server->requestLog().join(QLatin1Char('\n')).contains(QStringLiteral("LogOut")));

    m_session->switchServer(m_server->url());

    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    QCOMPARE(m_session->userName(), QStringLiteral("grace"));
    QCOMPARE(m_session->accessToken(), accessToken);
}

void SessionTest::rejectionRetriesNewerStoredToken()
{
    QVERIFY2(m_server->start({{FakeServer::plainUser()}}), qPrintable(m_server->errorMessage()));
    createSession();
    signInPlainUser();
    const QString firstAccessToken = m_session->accessToken();

    // Another program signs the same account in again and stores its new session...
    Session other(m_client.get(), m_keychain.get());
    other.signIn(FakeServer::plainUser().userName, FakeServer::plainUser().password, true);
    QTRY_VERIFY_WITH_TIMEOUT(other.isStored(), 15000);

    // ...and the first session's tokens are revoked, as a LogOut elsewhere does.
    ApiCall *logOut = m_client->logOut(firstAccessToken);
    QSignalSpy loggedOut(logOut, &ApiCall::finished);
    QVERIFY(loggedOut.wait(15000));
    QSignalSpy ended(m_session.get(), &Session::sessionEnded);

    m_session->refreshNow();

    QTRY_COMPARE_WITH_TIMEOUT(m_server->countRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken")), 2, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    QCOMPARE(ended.count(), 0);
    QVERIFY(readKeychainEntry(*m_keychain, StoredSession::sessionKey(m_server->url(), FakeServer::plainUser().userName)).ok());
}

QTEST_GUILESS_MAIN(SessionTest)
#include "tst_session.moc"
