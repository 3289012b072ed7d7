// Secrets are overwritten in memory once they are no longer needed: the
// wipe helpers and the request body that carries the password.

#include "RequestBody.h"
#include "SecretWipe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

bool allZero(const QChar *characters, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i) {
        if (!characters[i].isNull())
            return false;
    }
    return true;
}

bool allZero(const QByteArray &bytes)
{
    return bytes.count('\0') == bytes.size();
}

} // namespace

class TestSecretWipe : public QObject
{
    Q_OBJECT

private slots:
    void wipeEmptiesTheString();
    void wipeOverwritesSharedCopies();
    void wipeLeavesLiteralsAlone();
    void wipeOverwritesBytes();
    void overwriteKeepsSizeAndMemory();
    void releaseKeepsSharedCopies();
    void detachedCopyIsNotShared();
    void bodyIsValidJson();
    void bodyEscapesSpecialCharacters();
    void bodyGrowsPastItsFirstBuffer();
    void bodyWipeOverwritesEveryByte();
    void bodyWipeReachesSharedUploadCopy();
};

void TestSecretWipe::wipeEmptiesTheString()
{
    QString secret = QStringLiteral("hunter2-").repeated(2);

    wipeSecret(secret);

    QVERIFY(secret.isEmpty());
}

void TestSecretWipe::wipeOverwritesSharedCopies()
{
    QString secret = QStringLiteral("p@ss-").repeated(3);
    const QString copy = secret;
    const QChar *characters = copy.constData();
    const qsizetype size = copy.size();

    wipeSecret(secret);

    QVERIFY(allZero(characters, size));
}

void TestSecretWipe::wipeLeavesLiteralsAlone()
{
    QString literal = QStringLiteral("static text");

    wipeSecret(literal);

    QVERIFY(literal.isEmpty());
    QCOMPARE(QStringLiteral("static text").size(), 11);
}

void TestSecretWipe::overwriteKeepsSizeAndMemory()
{
    QByteArray secret = QByteArrayLiteral("token-").repeated(4);
    const char *memory = secret.constData();

    overwriteSecret(secret);

    QCOMPARE(secret.size(), 24);
    QCOMPARE(secret.constData(), memory);
    QVERIFY(allZero(secret));
}

void TestSecretWipe::wipeOverwritesBytes()
{
    QByteArray secret = QByteArrayLiteral("token-").repeated(4);
    const QByteArray copy = secret;

    wipeSecret(secret);

    QVERIFY(secret.isEmpty());
    QVERIFY(allZero(copy));
}

void TestSecretWipe::releaseKeepsSharedCopies()
{
    QString token = QStringLiteral("access-").repeated(3);
    const QString onTheClipboard = token;

    releaseSecret(token);

    QVERIFY(token.isEmpty());
    QCOMPARE(onTheClipboard, QStringLiteral("access-access-access-"));
}

void TestSecretWipe::detachedCopyIsNotShared()
{
    const QString original = QStringLiteral("code-").repeated(2);
    QString copy = detachedCopy(original);

    wipeSecret(copy);

    QCOMPARE(original, QStringLiteral("code-code-"));
}

void TestSecretWipe::bodyIsValidJson()
{
    RequestBody body;
    body.addString(QLatin1String("userNameOrEmailAddress"), QStringLiteral("ada"));
    body.addString(QLatin1String("password"), QStringLiteral("s3cret"));
    body.addBool(QLatin1String("rememberClient"), true);

    body.finish();

    const QJsonObject object = QJsonDocument::fromJson(body.readAll()).object();
    QCOMPARE(object.value(QStringLiteral("userNameOrEmailAddress")).toString(), QStringLiteral("ada"));
    QCOMPARE(object.value(QStringLiteral("password")).toString(), QStringLiteral("s3cret"));
    QCOMPARE(object.value(QStringLiteral("rememberClient")).toBool(), true);
}

void TestSecretWipe::bodyEscapesSpecialCharacters()
{
    const QString password = QStringLiteral("quote\" back\\slash tab\t nl\n bell\x07 é 漢 🙂");
    RequestBody body;
    body.addString(QLatin1String("password"), password);

    body.finish();

    const QJsonObject object = QJsonDocument::fromJson(body.readAll()).object();
    QCOMPARE(object.value(QStringLiteral("password")).toString(), password);
}

void TestSecretWipe::bodyGrowsPastItsFirstBuffer()
{
    const QString longValue = QStringLiteral("\"").repeated(3000);
    RequestBody body;
    body.addString(QLatin1String("password"), longValue);

    body.finish();

    const QJsonObject object = QJsonDocument::fromJson(body.readAll()).object();
    QCOMPARE(object.value(QStringLiteral("password")).toString(), longValue);
}

void TestSecretWipe::bodyWipeOverwritesEveryByte()
{
    RequestBody body;
    body.addString(QLatin1String("password"), QStringLiteral("s3cret"));
    body.finish();
    const QByteArray shared = body.bytes();

    body.wipe();

    QCOMPARE(body.bytes().size(), shared.size());
    QVERIFY(allZero(body.bytes()));
    QVERIFY(allZero(shared));
}

// A QByteArray that shares the body's bytes, as an upload device reading a
// QBuffer may, contains zeros after the wipe too.
void TestSecretWipe::bodyWipeReachesSharedUploadCopy()
{
    RequestBody body;
    body.addString(QLatin1String("password"), QStringLiteral("s3cret"));
    body.finish();
    const QByteArray uploadCopy = body.buffer();

    body.wipe();

    QVERIFY(!uploadCopy.isEmpty());
    QVERIFY(allZero(uploadCopy));
}

QTEST_GUILESS_MAIN(TestSecretWipe)
#include "tst_secretwipe.moc"
