// Sign-in, refresh and sign-out against every fault of denvr-fake-server's
// --fault option, with the real ApiClient, Session and Secret Service
// (scripts/test provides an unlocked keyring). Each row checks the error kind
// and its text, the time it took, the stored session, the size cap, what
// reached the other origin of a redirect, and that the server still runs.
// denvr-auth, as a separate process, goes through some of the same faults.

#include "ApiCall.h"
#include "ApiClient.h"
#include "AppSettings.h"
#include "FakeServer.h"
#include "KeychainEntry.h"
#include "KeychainStore.h"
#include "Session.h"
#include "StoredSession.h"
#include "TestCertificates.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

#include <unistd.h>

namespace {

// The test's transfer timeout, short so that the stalling rows take seconds.
constexpr int TransferTimeoutMs = 3000;

// Time allowed beyond the transfer timeout for the keychain and event delivery
// on a loaded 2-core machine.
constexpr int MarginMs = 2000;

// Time after which a row counts as hung, well beyond what any fault should take.
constexpr int HangMs = TransferTimeoutMs + 12000;

enum class Operation { SignIn, Refresh, SignOut };

QString operationName(Operation operation)
{
    switch (operation) {
    case Operation::SignIn:
        return QStringLiteral("sign-in");
    case Operation::Refresh:
        return QStringLiteral("refresh");
    case Operation::SignOut:
        return QStringLiteral("sign-out");
    }
    return {};
}

// The fault and the error kind that a client must report for it.
struct FaultCase
{
    const char *fault;
    ApiError::Kind kind;
};

const FaultCase faultCases[] = {
    {"no-response", ApiError::Kind::Timeout},
    {"stall-after-headers", ApiError::Kind::Timeout},
    {"reset-mid-body", ApiError::Kind::NetworkUnreachable},
    {"short-body", ApiError::Kind::NetworkUnreachable},
    {"drip", ApiError::Kind::Timeout},
    {"html-200", ApiError::Kind::MalformedResponse},
    {"html-502", ApiError::Kind::ServerFault},
    {"empty-200", ApiError::Kind::MalformedResponse},
    {"huge-body", ApiError::Kind::MalformedResponse},
    {"huge-body-unsized", ApiError::Kind::MalformedResponse},
    {"wrong-content-type", ApiError::Kind::MalformedResponse},
    {"redirect-other-origin", ApiError::Kind::ServerFault},
};

QString endpointFor(Operation operation)
{
    switch (operation) {
    case Operation::SignIn:
        return QStringLiteral("Authenticate");
    case Operation::Refresh:
        return QStringLiteral("RefreshToken");
    case Operation::SignOut:
        return QStringLiteral("LogOut");
    }
    return {};
}

bool writeEntry(KeychainStore &keychain, const QString &key, const QByteArray &data)
{
    KeychainStore::Outcome result;
    bool done = false;
    QObject context;
    keychain.write(key, data, &context, [&](const KeychainStore::Outcome &outcome) {
        result = outcome;
        done = true;
    });
    while (!done)
        QTest::qWait(10);
    return result.ok();
}

void removeEntry(KeychainStore &keychain, const QString &key)
{
    bool done = false;
    QObject context;
    keychain.remove(key, &context, [&](const KeychainStore::Outcome &) { done = true; });
    while (!done)
        QTest::qWait(10);
}

// The peak resident set size of this process in bytes, from /proc/self/status.
qint64 peakResidentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;

    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

} // namespace

Q_DECLARE_METATYPE(Operation)
Q_DECLARE_METATYPE(ApiError::Kind)

class FaultMatrixTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void matrix_data();
    void matrix();
    void rejectedCertificate_data();
    void rejectedCertificate();
    void authCommand_data();
    void authCommand();

private:
    struct Outcome
    {
        std::optional<ApiError> error;   // unset when the operation never finished
        qint64 elapsedMs = 0;
    };

    void createSession(const QUrl &server, const QString &caFile = QString());
    void signInPlainUser();
    void storeFabricatedSession(const QUrl &server);
    Outcome runOperation(Operation operation);
    void verifyUserText(const ApiError &error);
    void verifyStoredSession(Operation operation, const QUrl &server);
    void verifyOtherOrigin(FakeServer &server);

    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<KeychainStore> m_keychain;
    std::unique_ptr<Session> m_session;
    QStringList m_keysToRemove;

    // The stored session before the operation, and the secrets that no error text may show.
    QByteArray m_storedBefore;
    QStringList m_secrets;
};

void FaultMatrixTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<ApiError>();

    // The real keychain service, so that denvr-auth finds what the in-process
    // session stored; cleanup() removes every entry a row made.
    m_keychain = std::make_unique<KeychainStore>();

    FakeServer::Options options;
    options.users = {FakeServer::plainUser()};
    options.control = true;
    m_server = std::make_unique<FakeServer>();
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorMessage()));
}

void FaultMatrixTest::cleanupTestCase()
{
    m_session.reset();
    m_client.reset();
    m_server.reset();
    m_keychain.reset();
    QSettings(QString::fromLatin1(AppSettings::OrganizationName), QString::fromLatin1(AppSettings::ApplicationName)).clear();
}

void FaultMatrixTest::init()
{
    QVERIFY2(m_server->setFaults({}), qPrintable(m_server->errorMessage()));
    m_storedBefore.clear();
    m_secrets = {FakeServer::plainUser().password};
}

void FaultMatrixTest::cleanup()
{
    m_session.reset();
    m_client.reset();

    for (const QString &key : std::as_const(m_keysToRemove))
        removeEntry(*m_keychain, key);
    m_keysToRemove.clear();
}

void FaultMatrixTest::createSession(const QUrl &server, const QString &caFile)
{
    m_session.reset();
    m_client = std::make_unique<ApiClient>();
    m_client->setServerUrl(server);
    m_client->setTransferTimeout(TransferTimeoutMs);
    if (!caFile.isEmpty())
        QVERIFY(m_client->addCaCertificatesFromFile(caFile, nullptr));
    m_session = std::make_unique<Session>(m_client.get(), m_keychain.get());
    m_session->setServer(server);

    const QString user = FakeServer::plainUser().userName;
    m_keysToRemove << StoredSession::sessionKey(server, user) << StoredSession::rememberDeviceKey(server, user);
}

void FaultMatrixTest::signInPlainUser()
{
    const FakeServer::User user = FakeServer::plainUser();
    m_session->signIn(user.userName, user.password, true);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isStored(), 15000);

    m_secrets << m_session->accessToken();
    const KeychainStore::Outcome stored = readKeychainEntry(*m_keychain, StoredSession::sessionKey(m_session->server(), user.userName));
    QVERIFY2(stored.ok(), qPrintable(stored.errorString));
    m_storedBefore = stored.data;

    const std::optional<StoredSession> session = StoredSession::fromJson(stored.data, nullptr);
    QVERIFY(session);
    m_secrets << session->refreshToken;
}

// Stores a session with made-up tokens valid for an hour and restores it, for
// servers that no sign-in can reach.
void FaultMatrixTest::storeFabricatedSession(const QUrl &server)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    StoredSession entry;
    entry.server = server;
    entry.userName = FakeServer::plainUser().userName;
    entry.userId = 2;
    entry.accessToken = QStringLiteral("made-up-access-token-for-a-rejected-certificate");
    entry.accessTokenExpiresAt = now.addSecs(3600);
    entry.refreshToken = QStringLiteral("made-up-refresh-token-for-a-rejected-certificate");
    entry.refreshTokenExpiresAt = now.addDays(30);

    m_storedBefore = entry.toJson();
    m_secrets << entry.accessToken << entry.refreshToken;
    QVERIFY(writeEntry(*m_keychain, StoredSession::sessionKey(server, entry.userName), m_storedBefore));
}

FaultMatrixTest::Outcome FaultMatrixTest::runOperation(Operation operation)
{
    Outcome outcome;
    QElapsedTimer elapsed;
    elapsed.start();

    switch (operation) {
    case Operation::SignIn: {
        // A new session signs in while the entry of the earlier one stays in the keychain.
        const QUrl server = m_session->server();
        m_session = std::make_unique<Session>(m_client.get(), m_keychain.get());
        m_session->setServer(server);
        QSignalSpy failures(m_session.get(), &Session::signInFailed);
        elapsed.restart();

        const FakeServer::User user = FakeServer::plainUser();
        m_session->signIn(user.userName, user.password, true);
        if (!QTest::qWaitFor([&] { return m_session->state() != Session::State::SigningIn; }, HangMs))
            return outcome;

        outcome.elapsedMs = elapsed.elapsed();
        outcome.error = failures.isEmpty() ? ApiError{} : failures.first().first().value<ApiError>();
        return outcome;
    }

    case Operation::Refresh:
        m_session->refreshNow();
        if (!QTest::qWaitFor([&] { return m_session->state() != Session::State::Refreshing; }, HangMs))
            return outcome;

        outcome.elapsedMs = elapsed.elapsed();
        outcome.error = m_session->lastError();
        return outcome;

    case Operation::SignOut: {
        // Session only logs LogOut's error, because the local sign-out goes
        // ahead anyway, so the test listens to the call itself.
        const QList<ApiCall *> callsBefore = m_client->findChildren<ApiCall *>();
        std::optional<ApiError> callError;
        QObject receiver;
        m_session->signOut();
        for (ApiCall *call : m_client->findChildren<ApiCall *>()) {
            if (!callsBefore.contains(call))
                connect(call, &ApiCall::finished, &receiver, [&callError, call] { callError = call->error(); });
        }

        if (!QTest::qWaitFor([&] { return m_session->state() == Session::State::SignedOut && callError; }, HangMs))
            return outcome;

        outcome.elapsedMs = elapsed.elapsed();
        outcome.error = callError;
        return outcome;
    }
    }
    return outcome;
}

void FaultMatrixTest::verifyUserText(const ApiError &error)
{
    const QString text = error.userText();
    QVERIFY(!error.message.isEmpty());

    // The friendly text names the problem; no page, body or header of the response shows through.
    QVERIFY2(!text.contains(QLatin1Char('<')), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("nginx")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("padding")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("__abp")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("HTTP/1.1")), qPrintable(text));
    for (const QString &secret : std::as_const(m_secrets)) {
        if (!secret.isEmpty())
            QVERIFY2(!text.contains(secret), "an error text shows a password or token");
    }
}

void FaultMatrixTest::verifyStoredSession(Operation operation, const QUrl &server)
{
    const KeychainStore::Outcome stored = readKeychainEntry(*m_keychain, StoredSession::sessionKey(server, FakeServer::plainUser().userName));

    // Session::signOut() deletes the stored session whatever LogOut returns,
    // because the user asked to sign out and the server may never respond.
    if (operation == Operation::SignOut) {
        QCOMPARE(stored.status, KeychainStore::Status::NotFound);
        return;
    }

    QVERIFY2(stored.ok(), qPrintable(stored.errorString));
    QCOMPARE(stored.data, m_storedBefore);
}

void FaultMatrixTest::verifyOtherOrigin(FakeServer &server)
{
    const QJsonArray requests = server.otherOriginRequests();
    for (const QJsonValue &request : requests) {
        const QString target = request[QStringLiteral("target")].toString();
        for (const QString &secret : std::as_const(m_secrets))
            QVERIFY2(secret.isEmpty() || !target.contains(secret), "a token reached the other origin in the URL");

        for (const QJsonValue &header : request[QStringLiteral("headers")].toArray()) {
            QVERIFY2(header[0].toString() != QLatin1String("authorization"), "an Authorization header reached the other origin");
            for (const QString &secret : std::as_const(m_secrets))
                QVERIFY2(secret.isEmpty() || !header[1].toString().contains(secret), "a token reached the other origin in a header");
        }
    }

    // ApiClient follows same-origin redirects only, so the other origin receives no request at all.
    QCOMPARE(requests.size(), 0);
}

void FaultMatrixTest::matrix_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<ApiError::Kind>("kind");

    for (const FaultCase &faultCase : faultCases) {
        for (Operation operation : {Operation::SignIn, Operation::Refresh, Operation::SignOut}) {
            const QString name = QStringLiteral("%1: %2").arg(operationName(operation), QLatin1String(faultCase.fault));
            QTest::newRow(qPrintable(name)) << QString::fromLatin1(faultCase.fault) << operation << faultCase.kind;
        }
    }
}

void FaultMatrixTest::matrix()
{
    QFETCH(QString, fault);
    QFETCH(Operation, operation);
    QFETCH(ApiError::Kind, kind);

    createSession(m_server->url());
    signInPlainUser();
    const int faultResponsesBefore = m_server->faultResponses().size();
    const qint64 peakBefore = peakResidentBytes();

    QVERIFY2(m_server->setFaults({endpointFor(operation) + QLatin1Char('=') + fault}), qPrintable(m_server->errorMessage()));
    const Outcome outcome = runOperation(operation);

    QVERIFY2(outcome.error, "the operation did not finish");
    QCOMPARE(ApiError::kindName(outcome.error->kind), ApiError::kindName(kind));
    QVERIFY2(outcome.elapsedMs <= TransferTimeoutMs + MarginMs, qPrintable(QStringLiteral("took %1 ms").arg(outcome.elapsedMs)));
    verifyUserText(*outcome.error);

    const Session::State expectedState = operation == Operation::Refresh ? Session::State::Offline : Session::State::SignedOut;
    QCOMPARE(m_session->state(), expectedState);
    verifyStoredSession(operation, m_server->url());
    verifyOtherOrigin(*m_server);

    if (fault.startsWith(QLatin1String("huge-body"))) {
        // The client aborts once the body passes ApiCall::MaxResponseBytes, so
        // the server, which paces the body at about 6.5 MB/s, sends little more
        // than that, and this process never keeps the whole body in memory. The bound
        // leaves room for a busy event loop to react late.
        const qint64 bound = 4 * ApiCall::MaxResponseBytes;
        const QJsonArray responses = m_server->faultResponses();
        QCOMPARE(responses.size(), faultResponsesBefore + 1);
        const qint64 sentBytes = responses.last()[QStringLiteral("sentBytes")].toInteger();
        const qint64 peakGrowth = peakResidentBytes() - peakBefore;
        qInfo() << "huge body: the server sent" << sentBytes << "bytes, and the peak RSS grew by" << peakGrowth << "bytes";
        QVERIFY2(sentBytes < bound, qPrintable(QStringLiteral("the server sent %1 bytes").arg(sentBytes)));
        QVERIFY2(peakGrowth < bound, qPrintable(QStringLiteral("the peak RSS grew by %1 bytes").arg(peakGrowth)));
    }

    QVERIFY(m_server->isRunning());
}

void FaultMatrixTest::rejectedCertificate_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<Operation>("operation");

    for (const char *certificate : {"wrong host name", "expired", "untrusted"}) {
        for (Operation operation : {Operation::SignIn, Operation::Refresh, Operation::SignOut}) {
            const QString name = QStringLiteral("%1: %2").arg(operationName(operation), QLatin1String(certificate));
            QTest::newRow(qPrintable(name)) << QString::fromLatin1(certificate) << operation;
        }
    }
}

void FaultMatrixTest::rejectedCertificate()
{
    QFETCH(QString, certificate);
    QFETCH(Operation, operation);

    TestCertificates certificates;
    QVERIFY2(certificates.generate(), qPrintable(certificates.errorMessage()));
    QVERIFY2(certificates.generateRejectedVariants(), qPrintable(certificates.errorMessage()));

    FakeServer::Options options;
    options.users = {FakeServer::plainUser()};
    options.tlsKeyPath = certificates.serverKeyPath();
    if (certificate == QLatin1String("wrong host name"))
        options.tlsCertificatePath = certificates.wrongHostCertificatePath();
    else if (certificate == QLatin1String("expired"))
        options.tlsCertificatePath = certificates.expiredCertificatePath();
    else
        options.tlsCertificatePath = certificates.untrustedCertificatePath();

    FakeServer server;
    QVERIFY2(server.start(options), qPrintable(server.errorMessage()));

    // The client trusts the test CA, which signed the first two certificates but not the third.
    createSession(server.url(), certificates.caCertificatePath());
    storeFabricatedSession(server.url());
    if (operation != Operation::SignIn) {
        m_session->restore(FakeServer::plainUser().userName);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 15000);
    }

    const Outcome outcome = runOperation(operation);

    QVERIFY2(outcome.error, "the operation did not finish");
    QCOMPARE(ApiError::kindName(outcome.error->kind), ApiError::kindName(ApiError::Kind::TlsFailure));
    QVERIFY(outcome.error->certificateRejected);
    QVERIFY2(outcome.elapsedMs <= TransferTimeoutMs + MarginMs, qPrintable(QStringLiteral("took %1 ms").arg(outcome.elapsedMs)));
    verifyUserText(*outcome.error);
    verifyStoredSession(operation, server.url());

    // No request got past the handshake.
    QCOMPARE(server.requestLog(), QStringList());
    QVERIFY(server.isRunning());
}

void FaultMatrixTest::authCommand_data()
{
    QTest::addColumn<QString>("fault");

    // Faults that end quickly: denvr-auth has the default 20 s transfer timeout.
    for (const char *fault : {"reset-mid-body", "short-body", "html-200", "html-502", "empty-200", "huge-body",
                              "wrong-content-type", "redirect-other-origin"})
        QTest::newRow(fault) << QString::fromLatin1(fault);
}

void FaultMatrixTest::authCommand()
{
    QFETCH(QString, fault);
    QVERIFY2(!qEnvironmentVariableIsEmpty("DENVR_AUTH"), "DENVR_AUTH is not set; run the tests through ctest");

    // Access tokens shorter than denvr-auth's 60 s minimum make "token" refresh.
    FakeServer server;
    FakeServer::Options options;
    options.users = {FakeServer::plainUser()};
    options.control = true;
    options.accessTokenSeconds = 30;
    QVERIFY2(server.start(options), qPrintable(server.errorMessage()));

    QTemporaryDir configuration;
    QTemporaryDir runtime;
    QVERIFY(configuration.isValid());
    QVERIFY(runtime.isValid());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configuration.path());
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
    environment.remove(QStringLiteral("DENVR_CA_FILE"));

    const FakeServer::User user = FakeServer::plainUser();
    const QString sessionKey = StoredSession::sessionKey(server.url(), user.userName);
    m_keysToRemove << sessionKey << StoredSession::rememberDeviceKey(server.url(), user.userName);
    const QString serverUrl = server.url().toString();

    const auto runAuth = [&](const QStringList &arguments, const QByteArray &input, QProcess &process) {
        process.setProcessEnvironment(environment);
        process.setChildProcessModifier([] { ::setsid(); });
        process.start(qEnvironmentVariable("DENVR_AUTH"), arguments);
        process.write(input);
        process.closeWriteChannel();
        return process.waitForFinished(HangMs + ApiClient::DefaultTransferTimeoutMs);
    };

    QProcess login;
    QVERIFY(runAuth({QStringLiteral("login"), QStringLiteral("--server"), serverUrl, QStringLiteral("--username"), user.userName,
                     QStringLiteral("--password-stdin")},
                    user.password.toUtf8() + '\n', login));
    QCOMPARE(login.exitCode(), 0);
    const KeychainStore::Outcome storedBefore = readKeychainEntry(*m_keychain, sessionKey);
    QVERIFY2(storedBefore.ok(), qPrintable(storedBefore.errorString));

    QVERIFY2(server.setFaults({QStringLiteral("RefreshToken=") + fault}), qPrintable(server.errorMessage()));
    QElapsedTimer elapsed;
    elapsed.start();
    QProcess token;
    QVERIFY2(runAuth({QStringLiteral("token"), QStringLiteral("--server"), serverUrl}, QByteArray(), token), "denvr-auth token hung");

    // Exit code 3: network failure, timeout, TLS failure or server fault.
    QCOMPARE(token.exitStatus(), QProcess::NormalExit);
    QCOMPARE(token.exitCode(), 3);
    QVERIFY(elapsed.elapsed() <= ApiClient::DefaultTransferTimeoutMs + MarginMs);
    QCOMPARE(token.readAllStandardOutput(), QByteArray());
    const QByteArray errorText = token.readAllStandardError();
    QVERIFY2(!errorText.contains('<'), errorText.constData());
    QVERIFY(server.waitForRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken"), 1));

    const KeychainStore::Outcome storedAfter = readKeychainEntry(*m_keychain, sessionKey);
    QVERIFY2(storedAfter.ok(), qPrintable(storedAfter.errorString));
    QCOMPARE(storedAfter.data, storedBefore.data);
    QCOMPARE(server.otherOriginRequests().size(), 0);
}

QTEST_GUILESS_MAIN(FaultMatrixTest)
#include "tst_faultmatrix.moc"
