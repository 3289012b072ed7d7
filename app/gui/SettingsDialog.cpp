#include "SettingsDialog.h"

#include "ui_SettingsDialog.h"

#include "AppSettings.h"
#include "SecretField.h"
#include "SecretWipe.h"
#include "Autostart.h"
#include "DialogHeight.h"
#include "KeychainStore.h"
#include "LoggingCategories.h"
#include "ServerUrl.h"
#include "StatusLabel.h"

#include <QPushButton>

namespace {

constexpr int SecondsPerHour = 3600;

} // namespace

SettingsDialog::SettingsDialog(Autostart* autostart, KeychainStore* keychain, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_autostart(autostart)
    , m_keychain(keychain)
{
    m_ui->setupUi(this);

    StatusLabel::styleAsError(m_ui->serverErrorLabel);
    StatusLabel::styleAsError(m_ui->proxyErrorLabel);
    StatusLabel::styleAsError(m_ui->generalErrorLabel);
    StatusLabel::styleAsHint(m_ui->serverNoteLabel);
    StatusLabel::setText(m_ui->serverNoteLabel, m_ui->serverNoteLabel->text());
    setMinimumWidth(480);
    StatusLabel::setText(m_ui->serverErrorLabel, QString());
    StatusLabel::setText(m_ui->proxyErrorLabel, QString());
    StatusLabel::setText(m_ui->generalErrorLabel, QString());

    m_ui->startAtLoginCheck->setEnabled(autostart != nullptr);
    if (!keychain) {
        m_ui->proxyPasswordEdit->setEnabled(false);
        m_ui->proxyPasswordEdit->setPlaceholderText(tr("The keychain is not available"));
    }

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    for (QRadioButton* radio : {m_ui->productionRadio, m_ui->stagingRadio, m_ui->customRadio, m_ui->systemProxyRadio,
                                m_ui->noProxyRadio, m_ui->manualProxyRadio})
        connect(radio, &QRadioButton::toggled, this, &SettingsDialog::updateEnabledFields);
    for (QLineEdit* edit : {m_ui->customServerEdit, m_ui->proxyHostEdit, m_ui->proxyUserEdit})
        connect(edit, &QLineEdit::textChanged, this, [this] { validate(); });
    connect(m_ui->proxyPortSpin, &QSpinBox::valueChanged, this, [this] { validate(); });

    updateEnabledFields();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::load()
{
    switch (AppSettings::serverChoice()) {
    case AppSettings::ServerChoice::Production:
        m_ui->productionRadio->setChecked(true);
        break;
    case AppSettings::ServerChoice::Staging:
        m_ui->stagingRadio->setChecked(true);
        break;
    case AppSettings::ServerChoice::Custom:
        m_ui->customRadio->setChecked(true);
        break;
    }
    m_ui->customServerEdit->setText(AppSettings::customServer().toString());

    m_loadedProxy = AppSettings::proxySettings();
    switch (m_loadedProxy.mode) {
    case ProxySettings::Mode::System:
        m_ui->systemProxyRadio->setChecked(true);
        break;
    case ProxySettings::Mode::None:
        m_ui->noProxyRadio->setChecked(true);
        break;
    case ProxySettings::Mode::Manual:
        m_ui->manualProxyRadio->setChecked(true);
        break;
    }
    m_ui->proxyHostEdit->setText(m_loadedProxy.host);
    if (m_loadedProxy.port != 0)
        m_ui->proxyPortSpin->setValue(m_loadedProxy.port);
    m_ui->proxyUserEdit->setText(m_loadedProxy.userName);

    // The stored password is never read back into the form; an empty field keeps it.
    clearSecretField(m_ui->proxyPasswordEdit);
    if (m_keychain && !m_loadedProxy.userName.isEmpty())
        m_ui->proxyPasswordEdit->setPlaceholderText(tr("Unchanged (stored in the keychain)"));

    // Saving switches the server only when the user changed the choice, so
    // a session started with --server stays on that server otherwise.
    m_loadedServer = chosenServer();

    const int leadHours = (AppSettings::expiryWarningLeadSeconds() + SecondsPerHour - 1) / SecondsPerHour;
    m_ui->warningLeadSpin->setValue(leadHours);
    m_ui->startAtLoginCheck->setChecked(m_autostart ? m_autostart->isEnabled() : AppSettings::startAtLogin());
    m_ui->startMinimizedCheck->setChecked(AppSettings::startMinimized());
    m_ui->trayIconCombo->setCurrentIndex(int(AppSettings::trayIconStyle()));

    updateEnabledFields();
}

QUrl SettingsDialog::chosenServer() const
{
    if (m_ui->productionRadio->isChecked())
        return QUrl(QString::fromLatin1(ServerUrl::Production));
    if (m_ui->stagingRadio->isChecked())
        return QUrl(QString::fromLatin1(ServerUrl::Staging));

    const QUrl custom(m_ui->customServerEdit->text().trimmed(), QUrl::StrictMode);
    return ServerUrl::validate(custom).isEmpty() ? custom : QUrl();
}

ProxySettings SettingsDialog::chosenProxy() const
{
    ProxySettings proxy;
    if (m_ui->noProxyRadio->isChecked())
        proxy.mode = ProxySettings::Mode::None;
    else if (m_ui->manualProxyRadio->isChecked())
        proxy.mode = ProxySettings::Mode::Manual;

    if (proxy.mode == ProxySettings::Mode::Manual) {
        proxy.host = m_ui->proxyHostEdit->text().trimmed();
        proxy.port = static_cast<quint16>(m_ui->proxyPortSpin->value());
        proxy.userName = m_ui->proxyUserEdit->text().trimmed();
    }
    return proxy;
}

bool SettingsDialog::validate(QString* reason)
{
    QString serverProblem;
    if (m_ui->customRadio->isChecked()) {
        const QString text = m_ui->customServerEdit->text().trimmed();
        serverProblem = text.isEmpty() ? tr("Enter the URL of the custom server.")
                                       : ServerUrl::validate(QUrl(text, QUrl::StrictMode));
    }
    StatusLabel::setText(m_ui->serverErrorLabel, serverProblem);

    const QString proxyProblem = chosenProxy().validate();
    StatusLabel::setText(m_ui->proxyErrorLabel, proxyProblem);

    const bool valid = serverProblem.isEmpty() && proxyProblem.isEmpty();
    saveButton()->setEnabled(valid);
    fitDialogHeight(this);

    if (reason)
        *reason = serverProblem.isEmpty() ? proxyProblem : serverProblem;
    return valid;
}

QPushButton* SettingsDialog::saveButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Save);
}

QString SettingsDialog::serverError() const
{
    return m_ui->serverErrorLabel->text();
}

QString SettingsDialog::proxyError() const
{
    return m_ui->proxyErrorLabel->text();
}

QString SettingsDialog::generalError() const
{
    return m_ui->generalErrorLabel->text();
}

void SettingsDialog::updateEnabledFields()
{
    m_ui->customServerEdit->setEnabled(m_ui->customRadio->isChecked());

    const bool manual = m_ui->manualProxyRadio->isChecked();
    for (QWidget* field : {static_cast<QWidget*>(m_ui->proxyHostEdit), static_cast<QWidget*>(m_ui->proxyPortSpin),
                           static_cast<QWidget*>(m_ui->proxyUserEdit), static_cast<QWidget*>(m_ui->proxyHostLabel),
                           static_cast<QWidget*>(m_ui->proxyPortLabel), static_cast<QWidget*>(m_ui->proxyUserLabel),
                           static_cast<QWidget*>(m_ui->proxyPasswordLabel)})
        field->setEnabled(manual);
    m_ui->proxyPasswordEdit->setEnabled(manual && m_keychain);

    validate();
}

void SettingsDialog::save()
{
    QString problem;
    if (!validate(&problem)) {
        qCInfo(lcGui) << "settings not saved: a field is invalid";
        return;
    }
    StatusLabel::setText(m_ui->generalErrorLabel, QString());

    if (!saveAutostart())
        return;

    // The choice is stored first, so that the custom URL survives a later choice of production.
    const QUrl server = chosenServer();
    if (m_ui->customRadio->isChecked()) {
        AppSettings::setCustomServer(server);
        AppSettings::setServerChoice(AppSettings::ServerChoice::Custom);
    } else {
        AppSettings::setServerChoice(m_ui->stagingRadio->isChecked() ? AppSettings::ServerChoice::Staging
                                                                     : AppSettings::ServerChoice::Production);
    }

    const int leadSeconds = m_ui->warningLeadSpin->value() * SecondsPerHour;
    AppSettings::setExpiryWarningLeadSeconds(leadSeconds);
    emit expiryWarningLeadChanged(leadSeconds);
    AppSettings::setStartMinimized(m_ui->startMinimizedCheck->isChecked());

    const auto iconStyle = AppSettings::TrayIconStyle(m_ui->trayIconCombo->currentIndex());
    if (iconStyle != AppSettings::trayIconStyle()) {
        AppSettings::setTrayIconStyle(iconStyle);
        emit trayIconStyleChanged();
    }

    const ProxySettings proxy = chosenProxy();
    // A copy of its own, since the field is wiped below while the keychain write runs.
    const QString password = detachedCopy(m_ui->proxyPasswordEdit->text());
    const bool proxyUnchanged = proxy == m_loadedProxy && password.isEmpty();
    if (proxyUnchanged) {
        finishSave(server);
        return;
    }

    // Without a keychain the proxy is stored and used without a password.
    if (!m_keychain) {
        clearSecretField(m_ui->proxyPasswordEdit);
        AppSettings::setProxySettings(proxy);
        m_loadedProxy = proxy;
        emit proxyChanged(proxy.toNetworkProxy(QString()));
        finishSave(server);
        return;
    }

    // The password goes to the keychain only; the settings file gets the rest.
    setBusy(true);
    AppSettings::saveProxy(proxy, password, m_keychain, this,
                           [this, proxy, password, server](const KeychainStore::Outcome& outcome) {
                               setBusy(false);
                               if (!outcome.ok()) {
                                   qCWarning(lcGui) << "proxy password not stored:" << outcome.errorString;
                                   StatusLabel::setText(m_ui->proxyErrorLabel,
                                                        tr("The proxy password could not be stored in the "
                                                           "keychain: %1")
                                                            .arg(KeychainStore::describe(outcome)));
                                   fitDialogHeight(this);
                                   return;
                               }

                               m_loadedProxy = proxy;
                               emit proxyChanged(proxy.toNetworkProxy(password));
                               finishSave(server);
                           });
    clearSecretField(m_ui->proxyPasswordEdit);
}

bool SettingsDialog::saveAutostart()
{
    const bool requested = m_ui->startAtLoginCheck->isChecked();
    if (!m_autostart || m_autostart->isEnabled() == requested)
        return true;

    QString error;
    if (!m_autostart->setEnabled(requested, &error)) {
        qCWarning(lcGui) << "start at login not changed:" << error;
        StatusLabel::setText(m_ui->generalErrorLabel, error);
        fitDialogHeight(this);
        return false;
    }

    AppSettings::setStartAtLogin(requested);
    emit autostartChanged(requested);
    return true;
}

void SettingsDialog::finishSave(const QUrl& server)
{
    qCInfo(lcGui) << "settings saved";
    emit saved();
    if (ServerUrl::origin(server) != ServerUrl::origin(m_loadedServer))
        emit serverChanged(server);
    accept();
}

void SettingsDialog::setBusy(bool busy)
{
    m_ui->buttonBox->setEnabled(!busy);
    m_ui->proxyGroup->setEnabled(!busy);
}
