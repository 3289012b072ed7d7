#include "Fault.h"

#include "RequestRouter.h"

#include <QStringList>

namespace {

struct KindName
{
    FaultKind kind;
    const char* name;
};

const KindName kindNames[] = {
    {FaultKind::None, "none"},
    {FaultKind::NoResponse, "no-response"},
    {FaultKind::StallAfterHeaders, "stall-after-headers"},
    {FaultKind::ResetMidBody, "reset-mid-body"},
    {FaultKind::ShortBody, "short-body"},
    {FaultKind::Drip, "drip"},
    {FaultKind::Html200, "html-200"},
    {FaultKind::Html502, "html-502"},
    {FaultKind::Empty200, "empty-200"},
    {FaultKind::HugeBody, "huge-body"},
    {FaultKind::HugeBodyUnsized, "huge-body-unsized"},
    {FaultKind::WrongContentType, "wrong-content-type"},
    {FaultKind::RedirectOtherOrigin, "redirect-other-origin"},
};

const char* const endpointNames[] = {"Authenticate", "SendTwoFactorAuthCode", "RefreshToken", "LogOut"};

QByteArray endpointPath(const QByteArray& endpointName)
{
    return "/api/tokenauth/" + endpointName.toLower();
}

} // namespace

QByteArray faultKindName(FaultKind kind)
{
    for (const KindName& entry : kindNames) {
        if (entry.kind == kind)
            return entry.name;
    }
    return "none";
}

std::optional<FaultKind> parseFaultKind(const QByteArray& name)
{
    for (const KindName& entry : kindNames) {
        if (name == entry.name)
            return entry.kind;
    }
    return std::nullopt;
}

QString faultKindNames()
{
    QStringList names;
    for (const KindName& entry : kindNames)
        names.append(QString::fromLatin1(entry.name));
    return names.join(QStringLiteral(", "));
}

bool isTransportFault(FaultKind kind)
{
    switch (kind) {
    case FaultKind::NoResponse:
    case FaultKind::StallAfterHeaders:
    case FaultKind::ResetMidBody:
    case FaultKind::ShortBody:
    case FaultKind::Drip:
    case FaultKind::HugeBody:
    case FaultKind::HugeBodyUnsized:
        return true;
    default:
        return false;
    }
}

bool FaultTable::apply(const QString& setting, QString* errorMessage)
{
    const qsizetype equals = setting.indexOf(QLatin1Char('='));
    const QByteArray endpoint = setting.left(equals).trimmed().toLatin1();
    const QByteArray kindName = equals < 0 ? QByteArray() : setting.mid(equals + 1).trimmed().toLatin1();

    const std::optional<FaultKind> kind = parseFaultKind(kindName);
    if (equals < 0 || !kind) {
        *errorMessage = QStringLiteral("invalid fault '%1': expected ENDPOINT=KIND with KIND one of %2.")
                            .arg(setting, faultKindNames());
        return false;
    }

    QList<QByteArray> endpoints;
    if (endpoint == "all") {
        for (const char* name : endpointNames)
            endpoints.append(name);
    } else {
        for (const char* name : endpointNames) {
            if (endpoint == name)
                endpoints.append(name);
        }
    }
    if (endpoints.isEmpty()) {
        *errorMessage = QStringLiteral("invalid fault '%1': the endpoint must be Authenticate, SendTwoFactorAuthCode, "
                                       "RefreshToken, LogOut or all.")
                            .arg(setting);
        return false;
    }

    for (const QByteArray& name : endpoints) {
        if (*kind == FaultKind::None)
            m_faults.remove(endpointPath(name));
        else
            m_faults.insert(endpointPath(name), *kind);
    }
    return true;
}

bool FaultTable::replace(const QString& settings, QString* errorMessage)
{
    FaultTable parsed;
    for (const QString& line : settings.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.trimmed().isEmpty())
            continue;
        if (!parsed.apply(line, errorMessage))
            return false;
    }

    m_faults = parsed.m_faults;
    return true;
}

FaultKind FaultTable::faultFor(const QByteArray& path) const
{
    return m_faults.value(RequestRouter::normalizedPath(path), FaultKind::None);
}

QByteArray FaultTable::describe() const
{
    QByteArray text;
    for (const char* name : endpointNames) {
        const FaultKind kind = m_faults.value(endpointPath(name), FaultKind::None);
        if (kind != FaultKind::None)
            text += QByteArray(name) + '=' + faultKindName(kind) + '\n';
    }
    return text;
}

std::shared_ptr<FaultResponseRecord> FaultTable::recordResponse(const QByteArray& path, FaultKind kind)
{
    auto record = std::make_shared<FaultResponseRecord>();
    record->path = path;
    record->kind = kind;
    m_responses.append(record);
    return record;
}
