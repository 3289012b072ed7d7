// KeychainStore against the real Secret Service: gnome-keyring on the D-Bus
// session that scripts/test provides. Entries go under a service name of this
// test process and are cleared at the end.

#include "KeychainStore.h"
#include "LogCapture.h"
#include "OutcomeRecorder.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using Status = KeychainStore::Status;

namespace {

const QByteArray secretMarker = "SECRET-7d3f";

// Session JSON of about 4 KB, as a long token makes it, with non-ASCII text.
QByteArray largeJson()
{
    QByteArray token;
    while (token.size() < 4000)
        token += secretMarker + "-abcdefghijklmnopqrstuvwxyz0123456789";

    return "{\"userName\":\"Jürgen Ωmega 東京\",\"refreshToken\":\"" + token + "\"}";
}

} // namespace

class tst_KeychainStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void writeThenRead_data();
    void writeThenRead();
    void overwriteReplacesValue();
    void secretToolReadsEntry();
    void readMissingIsNotFound();
    void removeThenReadIsNotFound();
    void removeMissingSucceeds();
    void servicesAreSeparate();
    void writeRejectsNonText_data();
    void writeRejectsNonText();
    void destroyedContextGetsNoCallback();
    void destroyedStoreGetsNoCallback();
    void zeroTimeoutReportsTimedOutOnce();
    void logsContainNoSecret();
    void describeExplainsFailure_data();
    void describeExplainsFailure();

private:
    Status write(const QString &key, const QByteArray &data);
    KeychainStore::Outcome read(const QString &key);
    Status remove(const QString &key);
    QString key(const QString &name) const;

    QString m_serviceName;
    KeychainStore *m_store = nullptr;
};

void tst_KeychainStore::initTestCase()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(),
             "secret-tool (package libsecret-tools) is needed to check what the keychain holds");

    m_serviceName = QStringLiteral("denvr-test-keychainstore-%1").arg(QCoreApplication::applicationPid());
}

void tst_KeychainStore::init()
{
    m_store = new KeychainStore(m_serviceName, this);
}

void tst_KeychainStore::cleanup()
{
    delete m_store;
    m_store = nullptr;
}

void tst_KeychainStore::cleanupTestCase()
{
    QProcess::execute(QStringLiteral("secret-tool"),
                      {QStringLiteral("clear"), QStringLiteral("server"), m_serviceName});
}

// Runs one call and waits for its single outcome. The keychain replies
// within milliseconds here, so the default 5 s limit of qWaitFor is ample.
Status tst_KeychainStore::write(const QString &key, const QByteArray &data)
{
    OutcomeRecorder recorder;
    m_store->write(key, data, this, recorder.callback());
    if (!QTest::qWaitFor([&] { return !recorder.outcomes.isEmpty(); }))
        return Status::TimedOut;
    return recorder.firstStatus();
}

KeychainStore::Outcome tst_KeychainStore::read(const QString &key)
{
    OutcomeRecorder recorder;
    m_store->read(key, this, recorder.callback());
    if (!QTest::qWaitFor([&] { return !recorder.outcomes.isEmpty(); }))
        return {Status::TimedOut, {}, QStringLiteral("the test waited 5 s")};
    return recorder.outcomes.first();
}

Status tst_KeychainStore::remove(const QString &key)
{
    OutcomeRecorder recorder;
    m_store->remove(key, this, recorder.callback());
    if (!QTest::qWaitFor([&] { return !recorder.outcomes.isEmpty(); }))
        return Status::TimedOut;
    return recorder.firstStatus();
}

QString tst_KeychainStore::key(const QString &name) const
{
    return QStringLiteral("test:%1").arg(name);
}

void tst_KeychainStore::writeThenRead_data()
{
    QTest::addColumn<QByteArray>("data");

    QTest::newRow("short JSON") << QByteArray(R"({"version":1,"refreshToken":"abc"})");
    QTest::newRow("non-ASCII JSON") << QByteArray(R"({"userName":"Zoë Ærø","server":"https://例え.jp","q":"\"\\"})");
    QTest::newRow("4 KB JSON") << largeJson();
    QTest::newRow("empty") << QByteArray();
}

void tst_KeychainStore::writeThenRead()
{
    QFETCH(QByteArray, data);
    const QString entry = key(QString::fromLatin1(QTest::currentDataTag()));

    QCOMPARE(write(entry, data), Status::Ok);
    const KeychainStore::Outcome outcome = read(entry);

    QCOMPARE(outcome.status, Status::Ok);
    QCOMPARE(outcome.data, data);
    QCOMPARE(remove(entry), Status::Ok);
}

void tst_KeychainStore::overwriteReplacesValue()
{
    const QString entry = key(QStringLiteral("overwrite"));

    QCOMPARE(write(entry, "first"), Status::Ok);
    QCOMPARE(write(entry, "second"), Status::Ok);

    QCOMPARE(read(entry).data, QByteArray("second"));
    QCOMPARE(remove(entry), Status::Ok);
}

// QtKeychain 0.13.2 stores text with the attributes server=<service>,
// user=<key> and type=plaintext. secret-tool must print exactly the bytes
// written, so that a user or a script can inspect the entry.
void tst_KeychainStore::secretToolReadsEntry()
{
    const QString entry = key(QStringLiteral("secret-tool"));
    const QByteArray data = largeJson();
    QCOMPARE(write(entry, data), Status::Ok);

    QProcess lookup;
    lookup.start(QStringLiteral("secret-tool"), {QStringLiteral("lookup"), QStringLiteral("server"), m_serviceName,
                                                 QStringLiteral("user"), entry, QStringLiteral("type"),
                                                 QStringLiteral("plaintext")});
    QVERIFY(lookup.waitForFinished(10000));

    QCOMPARE(lookup.exitCode(), 0);
    QCOMPARE(lookup.readAllStandardOutput(), data);
    QCOMPARE(remove(entry), Status::Ok);
}

void tst_KeychainStore::readMissingIsNotFound()
{
    QCOMPARE(read(key(QStringLiteral("never-written"))).status, Status::NotFound);
}

void tst_KeychainStore::removeThenReadIsNotFound()
{
    const QString entry = key(QStringLiteral("removed"));
    QCOMPARE(write(entry, "value"), Status::Ok);

    QCOMPARE(remove(entry), Status::Ok);

    QCOMPARE(read(entry).status, Status::NotFound);
}

void tst_KeychainStore::removeMissingSucceeds()
{
    QCOMPARE(remove(key(QStringLiteral("never-written"))), Status::Ok);
}

void tst_KeychainStore::servicesAreSeparate()
{
    const QString entry = key(QStringLiteral("shared-key"));
    KeychainStore otherStore(m_serviceName + QStringLiteral("-other"));
    QCOMPARE(write(entry, "mine"), Status::Ok);

    OutcomeRecorder otherRead;
    otherStore.read(entry, this, otherRead.callback());
    QTRY_COMPARE(otherRead.outcomes.size(), 1);

    QCOMPARE(otherRead.firstStatus(), Status::NotFound);
    QCOMPARE(remove(entry), Status::Ok);
}

void tst_KeychainStore::writeRejectsNonText_data()
{
    QTest::addColumn<QByteArray>("data");

    QTest::newRow("invalid UTF-8") << QByteArray("caf\xe9");
    QTest::newRow("NUL byte") << QByteArray("before\0after", 12);
}

// libsecret keeps text as a NUL-terminated string, so these bytes would come
// back changed or cut short. The store rejects them without writing.
void tst_KeychainStore::writeRejectsNonText()
{
    QFETCH(QByteArray, data);
    const QString entry = key(QStringLiteral("non-text"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("write of test:non-text failed: OtherError")));

    QCOMPARE(write(entry, data), Status::OtherError);

    QCOMPARE(read(entry).status, Status::NotFound);
}

void tst_KeychainStore::destroyedContextGetsNoCallback()
{
    const QString entry = key(QStringLiteral("context"));
    QCOMPARE(write(entry, "value"), Status::Ok);
    QLoggingCategory::setFilterRules(QStringLiteral("denvr.keychain.debug=true"));
    QTest::ignoreMessage(QtDebugMsg, QRegularExpression(QStringLiteral("Dropped the read result of test:context")));

    auto *context = new QObject;
    bool called = false;
    m_store->read(entry, context, [&called](const KeychainStore::Outcome &) { called = true; });
    delete context;

    // Jobs run one at a time in order, so once this read has an outcome the
    // one above has finished too.
    QCOMPARE(remove(entry), Status::Ok);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(!called);
}

void tst_KeychainStore::destroyedStoreGetsNoCallback()
{
    const QString entry = key(QStringLiteral("store-destroyed"));
    auto *store = new KeychainStore(m_serviceName);
    bool called = false;
    store->read(entry, this, [&called](const KeychainStore::Outcome &) { called = true; });
    delete store;

    // Jobs run one at a time in order, so once this read has an outcome the
    // one above has finished too.
    QCOMPARE(read(entry).status, Status::NotFound);

    QVERIFY(!called);
}

// A timeout of 0 ms expires in the first pass of the event loop after write(),
// while a D-Bus reply needs at least one pass more, so the job always
// finishes after its timeout here.
void tst_KeychainStore::zeroTimeoutReportsTimedOutOnce()
{
    const QString entry = key(QStringLiteral("zero-timeout"));
    QLoggingCategory::setFilterRules(QStringLiteral("denvr.keychain.debug=true"));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("write of test:zero-timeout failed: TimedOut")));
    QTest::ignoreMessage(QtDebugMsg, QRegularExpression(QStringLiteral("write of test:zero-timeout finished after "
                                                                       ".* its result Ok was ignored")));

    OutcomeRecorder written;
    m_store->setTimeout(0);
    m_store->write(entry, "late", this, written.callback());
    QTRY_COMPARE(written.outcomes.size(), 1);
    QCOMPARE(written.firstStatus(), Status::TimedOut);

    // The timed-out job was left to finish: the next job runs after it and
    // reads what it wrote, and its result did not reach the callback again.
    m_store->setTimeout(KeychainStore::DefaultTimeoutMs);
    const KeychainStore::Outcome readBack = read(entry);
    QLoggingCategory::setFilterRules(QString());

    QCOMPARE(readBack.data, QByteArray("late"));
    QCOMPARE(written.outcomes.size(), 1);
    QCOMPARE(remove(entry), Status::Ok);
}

void tst_KeychainStore::logsContainNoSecret()
{
    const QString entry = key(QStringLiteral("logs"));
    const QByteArray data = largeJson();
    QLoggingCategory::setFilterRules(QStringLiteral("denvr.keychain.debug=true"));
    LogCapture capture;

    QCOMPARE(write(entry, data), Status::Ok);
    QCOMPARE(read(entry).data, data);
    QCOMPARE(remove(entry), Status::Ok);
    QCOMPARE(read(entry).status, Status::NotFound);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(capture.count(QStringLiteral("test:logs")) > 0);
    QCOMPARE(capture.count(QString::fromLatin1(secretMarker)), 0);
}

void tst_KeychainStore::describeExplainsFailure_data()
{
    QTest::addColumn<Status>("status");
    QTest::addColumn<QString>("expected");

    QTest::newRow("NotFound") << Status::NotFound << QStringLiteral("No saved sign-in was found in the keychain.");
    QTest::newRow("NoBackend") << Status::NoBackend << QStringLiteral("No keychain is available");
    QTest::newRow("AccessDenied") << Status::AccessDenied
                                  << QStringLiteral("The keychain is locked and was not unlocked.");
    QTest::newRow("TimedOut") << Status::TimedOut << QStringLiteral("did not answer within 10 seconds");
    QTest::newRow("OtherError") << Status::OtherError << QStringLiteral("The keychain reported an error: D-Bus broke.");
}

void tst_KeychainStore::describeExplainsFailure()
{
    QFETCH(Status, status);
    QFETCH(QString, expected);

    const QString sentence = KeychainStore::describe({status, {}, QStringLiteral("D-Bus broke")});

    QVERIFY2(sentence.contains(expected), qPrintable(sentence));
}

QTEST_GUILESS_MAIN(tst_KeychainStore)

#include "tst_keychainstore.moc"
