#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTest>

namespace {

const QStringList &states()
{
    static const QStringList names = {
        QStringLiteral("signed-out"),       QStringLiteral("restoring"),
        QStringLiteral("signed-in"),        QStringLiteral("renewing"),
        QStringLiteral("expiring-soon"),    QStringLiteral("offline"),
        QStringLiteral("session-ended"),    QStringLiteral("keychain-problem"),
    };
    return names;
}

const QStringList &variants()
{
    static const QStringList names = {
        QStringLiteral("colour"),
        QStringLiteral("mono-light"),
        QStringLiteral("mono-dark"),
    };
    return names;
}

QString iconPath(const QString &variant, const QString &state)
{
    return QStringLiteral(":/icons/tray/%1/%2.svg").arg(variant, state);
}

QImage render(const QString &path, int size)
{
    QSvgRenderer renderer(path);
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);

    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();

    return image;
}

// An alpha of at least half counts as covered, so anti-aliased edges alone
// cannot make two shapes look different.
bool isCovered(const QImage &image, int x, int y)
{
    return qAlpha(image.pixel(x, y)) >= 128;
}

int coveredPixelCount(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (isCovered(image, x, y))
                ++count;
        }
    }
    return count;
}

int differingPixelCount(const QImage &first, const QImage &second)
{
    int count = 0;
    for (int y = 0; y < first.height(); ++y) {
        for (int x = 0; x < first.width(); ++x) {
            if (isCovered(first, x, y) != isCovered(second, x, y))
                ++count;
        }
    }
    return count;
}

} // namespace

class TrayIconsTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void iconRendersAtTraySizes_data();
    void iconRendersAtTraySizes();
    void monoStatesDifferInShape_data();
    void monoStatesDifferInShape();
};

// Qt SVG warns about problems it detects, such as a fill that refers to a
// missing gradient, so any warning while loading or rendering fails the test.
// NOTE: Qt SVG 6.4.2 drops filter and mask elements without a warning, so
// this check does not catch them.
void TrayIconsTest::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

void TrayIconsTest::iconRendersAtTraySizes_data()
{
    QTest::addColumn<QString>("path");

    for (const QString &variant : variants()) {
        for (const QString &state : states())
            QTest::addRow("%s/%s", qPrintable(variant), qPrintable(state)) << iconPath(variant, state);
    }
}

void TrayIconsTest::iconRendersAtTraySizes()
{
    QFETCH(QString, path);

    QVERIFY2(QFile::exists(path), qPrintable(path));
    QVERIFY(QSvgRenderer(path).isValid());

    // 64 px is the 32 px icon at a device pixel ratio of 2.
    for (const int size : {16, 22, 24, 32, 64}) {
        const QImage image = render(path, size);
        QVERIFY2(coveredPixelCount(image) > 0, qPrintable(QStringLiteral("blank at %1 px").arg(size)));
    }
}

void TrayIconsTest::monoStatesDifferInShape_data()
{
    QTest::addColumn<QString>("variant");

    QTest::newRow("mono-light") << QStringLiteral("mono-light");
    QTest::newRow("mono-dark") << QStringLiteral("mono-dark");
}

// A mono icon has one colour, so if two states covered the same pixels at
// 16 px, only the tooltip would distinguish them.
void TrayIconsTest::monoStatesDifferInShape()
{
    QFETCH(QString, variant);

    // The closest pairs, renewing against session-ended or keychain-problem,
    // differ in 11 pixels with Qt 6.4.2. A copied or barely changed shape
    // differs in fewer.
    const int minimumDifferingPixels = 8;

    QList<QImage> images;
    for (const QString &state : states())
        images.append(render(iconPath(variant, state), 16));

    for (int first = 0; first < states().size(); ++first) {
        for (int second = first + 1; second < states().size(); ++second) {
            const int differing = differingPixelCount(images.at(first), images.at(second));
            const QString pair = QStringLiteral("%1 and %2 differ in %3 pixels")
                                     .arg(states().at(first), states().at(second))
                                     .arg(differing);
            QVERIFY2(differing >= minimumDifferingPixels, qPrintable(pair));
        }
    }
}

QTEST_MAIN(TrayIconsTest)
#include "tst_trayicons.moc"
