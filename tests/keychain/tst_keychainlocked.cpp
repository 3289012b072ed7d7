// KeychainStore against a locked gnome-keyring collection. The test runs its
// own gnome-keyring-daemon, with its keyring files in a temporary folder, on a
// private session bus, so that locking it cannot disturb other tests. That bus
// offers no org.gnome.keyring.SystemPrompter, so every unlock prompt fails at
// once. The test unlocks the collection again with the keyring password
// through gnome-keyring's own D-Bus interface, which needs no prompt.
// NOTE: whether a prompt that a user cancels on a desktop ends the same way
// has not been checked.

#include "KeychainStore.h"
#include "OutcomeRecorder.h"
#include "PrivateBus.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using Outcome = KeychainStore::Outcome;
using Status = KeychainStore::Status;

namespace {

const QString secretServiceName = QStringLiteral("org.freedesktop.secrets");
const QString serviceName = QStringLiteral("denvr-test-locked");
const QString storedKey = QStringLiteral("stored-before-lock");
const QByteArray storedValue = "before";
const QByteArray keyringPassword = "test-password";

// Calls a Secret Service method with dbus-send and returns its printed reply,
// or an empty array when the call failed.
QByteArray callSecretService(const QStringList &methodAndArguments)
{
    QProcess dbusSend;
    const QStringList arguments{QStringLiteral("--session"), QStringLiteral("--print-reply"),
                                QStringLiteral("--dest=") + secretServiceName,
                                QStringLiteral("/org/freedesktop/secrets")};
    dbusSend.start(QStringLiteral("dbus-send"), arguments + methodAndArguments);
    if (!dbusSend.waitForFinished(10000) || dbusSend.exitCode() != 0)
        return {};
    return dbusSend.readAllStandardOutput();
}

} // namespace

class tst_KeychainLocked : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void writeIsAccessDenied();
    void readIsAccessDenied();
    void removeIsAccessDenied();

private:
    void startKeyring();
    void lockDefaultCollection();
    void unlockDefaultCollection();
    Outcome run(const std::function<void(KeychainStore &, OutcomeRecorder &)> &call);
    bool entryExists(const QString &key) const;

    PrivateBus m_bus{PrivateBus::Role::Session, qEnvironmentVariable("DENVR_SOURCE_DIR") + QStringLiteral("/tests/keychain/session-bus-without-services.conf")};
    QTemporaryDir m_keyringHome;
    QProcess m_keyring;
    QString m_collectionPath;
};

void tst_KeychainLocked::initTestCase()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon")).isEmpty(),
             "gnome-keyring-daemon (package gnome-keyring) is needed for this test");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(),
             "secret-tool (package libsecret-tools) is needed for this test");
    QVERIFY2(m_bus.start(), qPrintable(m_bus.errorMessage()));

    startKeyring();
    if (QTest::currentTestFailed())
        return;

    const Outcome written = run([](KeychainStore &store, OutcomeRecorder &recorder) {
        store.write(storedKey, storedValue, nullptr, recorder.callback());
    });
    QCOMPARE(written.status, Status::Ok);

    lockDefaultCollection();
}

void tst_KeychainLocked::cleanupTestCase()
{
    m_keyring.terminate();
    if (!m_keyring.waitForFinished(5000))
        m_keyring.kill();
    m_keyring.waitForFinished(5000);
}

void tst_KeychainLocked::startKeyring()
{
    QVERIFY(m_keyringHome.isValid());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_keyringHome.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_keyringHome.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_keyringHome.path());
    m_keyring.setProcessEnvironment(environment);
    m_keyring.setProcessChannelMode(QProcess::ForwardedErrorChannel);

    // --unlock reads the password of the login keyring from standard input
    // and creates that keyring when it does not exist yet.
    m_keyring.start(QStringLiteral("gnome-keyring-daemon"),
                    {QStringLiteral("--foreground"), QStringLiteral("--unlock"),
                     QStringLiteral("--components=secrets")});
    QVERIFY2(m_keyring.waitForStarted(10000), qPrintable(m_keyring.errorString()));
    m_keyring.write(keyringPassword);
    m_keyring.closeWriteChannel();

    QTRY_VERIFY_WITH_TIMEOUT(m_bus.hasOwner(secretServiceName), 10000);
}

void tst_KeychainLocked::lockDefaultCollection()
{
    const QByteArray alias = callSecretService(
        {QStringLiteral("org.freedesktop.Secret.Service.ReadAlias"), QStringLiteral("string:default")});
    const QRegularExpressionMatch path =
        QRegularExpression(QStringLiteral("object path \"([^\"]+)\"")).match(QString::fromUtf8(alias));
    QVERIFY2(path.hasMatch(), alias.constData());
    m_collectionPath = path.captured(1);

    const QByteArray locked = callSecretService(
        {QStringLiteral("org.freedesktop.Secret.Service.Lock"), QStringLiteral("array:objpath:") + m_collectionPath});

    QVERIFY2(locked.contains(m_collectionPath.toUtf8()), locked.constData());
}

// Unlocks the collection with gnome-keyring's UnlockWithMasterPassword, which
// takes the password as a Secret Service secret of a "plain" session. A
// secret is a struct that dbus-send cannot build, so QtDBus sends the calls.
void tst_KeychainLocked::unlockDefaultCollection()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    const QString servicePath = QStringLiteral("/org/freedesktop/secrets");

    QDBusMessage openSession = QDBusMessage::createMethodCall(
        secretServiceName, servicePath, QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("OpenSession"));
    openSession << QStringLiteral("plain") << QVariant::fromValue(QDBusVariant(QString()));
    const QDBusMessage opened = bus.call(openSession);
    QVERIFY2(opened.type() == QDBusMessage::ReplyMessage, qPrintable(opened.errorMessage()));
    QCOMPARE(opened.arguments().size(), 2);
    const QDBusObjectPath session = opened.arguments().at(1).value<QDBusObjectPath>();

    QDBusArgument secret;
    secret.beginStructure();
    secret << session << QByteArray() << keyringPassword << QStringLiteral("text/plain");
    secret.endStructure();
    QDBusMessage unlock = QDBusMessage::createMethodCall(
        secretServiceName, servicePath, QStringLiteral("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"),
        QStringLiteral("UnlockWithMasterPassword"));
    unlock << QVariant::fromValue(QDBusObjectPath(m_collectionPath)) << QVariant::fromValue(secret);
    const QDBusMessage unlocked = bus.call(unlock);

    QVERIFY2(unlocked.type() == QDBusMessage::ReplyMessage, qPrintable(unlocked.errorMessage()));
}

Outcome tst_KeychainLocked::run(const std::function<void(KeychainStore &, OutcomeRecorder &)> &call)
{
    KeychainStore store(serviceName);
    OutcomeRecorder recorder;
    call(store, recorder);
    if (!QTest::qWaitFor([&] { return !recorder.outcomes.isEmpty(); }))
        return {Status::TimedOut, {}, QStringLiteral("The test saw no outcome within 5 s")};
    return recorder.outcomes.first();
}

// Item attributes stay readable while the collection is locked, and
// secret-tool prints them on standard error.
bool tst_KeychainLocked::entryExists(const QString &key) const
{
    QProcess search;
    search.start(QStringLiteral("secret-tool"),
                 {QStringLiteral("search"), QStringLiteral("server"), serviceName, QStringLiteral("user"), key});
    if (!search.waitForFinished(10000))
        return false;
    return search.readAllStandardError().contains("attribute.user = " + key.toUtf8());
}

// libsecret reports "Cannot create an item in a locked collection" after
// the unlock prompt fails, and QtKeychain maps that to AccessDenied.
void tst_KeychainLocked::writeIsAccessDenied()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("write of new-entry failed: AccessDenied")));

    const Outcome outcome = run([](KeychainStore &store, OutcomeRecorder &recorder) {
        store.write(QStringLiteral("new-entry"), "value", nullptr, recorder.callback());
    });

    QCOMPARE(outcome.status, Status::AccessDenied);
    QVERIFY(KeychainStore::describe(outcome).startsWith(QLatin1String("The keychain is locked")));
}

// QtKeychain 0.13.2 reports EntryNotFound here, and KeychainStore finds the
// entry among the locked items of the Secret Service.
void tst_KeychainLocked::readIsAccessDenied()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("read of stored-before-lock failed: AccessDenied")));

    const Outcome outcome = run([](KeychainStore &store, OutcomeRecorder &recorder) {
        store.read(storedKey, nullptr, recorder.callback());
    });

    QCOMPARE(outcome.status, Status::AccessDenied);
    QVERIFY2(outcome.errorString.contains(QLatin1String("locked")), qPrintable(outcome.errorString));
    QVERIFY(outcome.data.isEmpty());
    QVERIFY(entryExists(storedKey));
}

// QtKeychain 0.13.2 reports success here although the entry stays. This test
// unlocks the collection, so it runs last.
void tst_KeychainLocked::removeIsAccessDenied()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("remove of stored-before-lock failed: AccessDenied")));

    const Outcome removed = run([](KeychainStore &store, OutcomeRecorder &recorder) {
        store.remove(storedKey, nullptr, recorder.callback());
    });

    QCOMPARE(removed.status, Status::AccessDenied);
    QVERIFY2(removed.errorString.contains(QLatin1String("not removed")), qPrintable(removed.errorString));

    unlockDefaultCollection();
    if (QTest::currentTestFailed())
        return;
    const Outcome readBack = run([](KeychainStore &store, OutcomeRecorder &recorder) {
        store.read(storedKey, nullptr, recorder.callback());
    });

    QCOMPARE(readBack.status, Status::Ok);
    QCOMPARE(readBack.data, storedValue);
}

QTEST_GUILESS_MAIN(tst_KeychainLocked)

#include "tst_keychainlocked.moc"
