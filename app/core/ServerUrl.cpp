#include "ServerUrl.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QStringList>

namespace {

const QString productionApiHost = QStringLiteral("api.cloud.denvrdata.com");
const QString productionConsole = QStringLiteral("https://console.cloud.denvrdata.com");
const QString stagingApiHost = QStringLiteral("api.cloud.denvrdata.dev");
const QString stagingConsole = QStringLiteral("https://console.cloud.denvrdata.dev");
const QString resetPasswordPath = QStringLiteral("/account/reset-password");

int defaultPort(const QString& scheme)
{
    if (scheme == QLatin1String("https"))
        return 443;
    if (scheme == QLatin1String("http"))
        return 80;
    return -1;
}

// Percent-encodes every character outside the unreserved set, so that a
// "+" in a value is not read as a space and "=" or "&" cannot split it.
QString queryItem(const QString& key, const QString& value)
{
    return key + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value));
}

} // namespace

namespace ServerUrl {

QString validate(const QUrl& url)
{
    const QString example = QString::fromLatin1(Production);

    if (url.isEmpty())
        return QCoreApplication::translate("ServerUrl", "Enter the server address, such as %1.").arg(example);

    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || scheme.isEmpty() || url.host().isEmpty()) {
        return QCoreApplication::translate("ServerUrl",
                                           "\"%1\" is not a valid server address. Enter an address such as %2.")
            .arg(url.toString(), example);
    }

    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        return QCoreApplication::translate(
                   "ServerUrl", "The server address must start with https://, not %1://. Enter an address such as %2.")
            .arg(scheme, example);
    }

    if (scheme == QLatin1String("http") && !isLoopback(url)) {
        return QCoreApplication::translate(
                   "ServerUrl", "The server address %1 uses plain http://, which is allowed only for this computer "
                                "(localhost, 127.x.x.x or ::1). Use https:// instead.")
            .arg(origin(url));
    }

    return {};
}

bool isLoopback(const QUrl& url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;

    // QHostAddress covers 127.0.0.0/8, ::1 and IPv4-mapped loopback addresses.
    // Any other name, even one that resolves to loopback, is not trusted here.
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString origin(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return {};

    const QString scheme = url.scheme().toLower();

    QUrl result;
    result.setScheme(scheme);
    result.setHost(url.host().toLower());
    if (url.port() != defaultPort(scheme))
        result.setPort(url.port());

    return result.toString();
}

QUrl consoleUrl(const QUrl& server)
{
    const QString host = server.host().toLower();

    if (host == productionApiHost)
        return QUrl(productionConsole);
    if (host == stagingApiHost)
        return QUrl(stagingConsole);
    return QUrl(origin(server));
}

QUrl passwordResetUrl(const QUrl& server, const QString& opaqueCode, qint64 userId, const QString& resetCode)
{
    QUrl url(consoleUrl(server).toString() + resetPasswordPath);

    QStringList items;
    if (!opaqueCode.isEmpty()) {
        items.append(queryItem(QStringLiteral("c"), opaqueCode));
    } else {
        if (userId != 0)
            items.append(queryItem(QStringLiteral("userId"), QString::number(userId)));
        if (!resetCode.isEmpty())
            items.append(queryItem(QStringLiteral("resetCode"), resetCode));
    }

    if (!items.isEmpty())
        url.setQuery(items.join(QLatin1Char('&')), QUrl::StrictMode);

    return url;
}

} // namespace ServerUrl
