#include "TwoFactorDialog.h"
#include "ui_TwoFactorDialog.h"

#include "ApiError.h"
#include "SecretField.h"
#include "DialogHeight.h"
#include "GuiResources.h"
#include "LoggingCategories.h"
#include "StatusLabel.h"

#include <QPushButton>

namespace {

constexpr int HeaderIconSize = 48;

const QString EmailProvider = QStringLiteral("Email");
const QString PhoneProvider = QStringLiteral("Phone");
const QString AuthenticatorProvider = QStringLiteral("GoogleAuthenticator");

} // namespace

TwoFactorDialog::TwoFactorDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TwoFactorDialog>())
{
    m_ui->setupUi(this);
    setWindowIcon(GuiResources::appIcon());

    m_ui->headerIconLabel->setPixmap(GuiResources::appIcon().pixmap(HeaderIconSize, HeaderIconSize));
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_ui->titleLabel->setFont(titleFont);

    StatusLabel::styleAsHint(m_ui->hintLabel);
    StatusLabel::styleAsNote(m_ui->noteLabel);
    StatusLabel::styleAsError(m_ui->errorLabel);
    m_ui->busyWidget->hide();

    verifyButton()->setText(tr("Verify"));
    verifyButton()->setDefault(true);
    cancelButton()->setText(tr("Cancel"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &TwoFactorDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &TwoFactorDialog::reject);

    connect(m_ui->providerCombo, &QComboBox::currentIndexChanged, this, &TwoFactorDialog::onProviderChanged);
    connect(m_ui->sendCodeButton, &QPushButton::clicked, this, &TwoFactorDialog::requestCode);
    connect(m_ui->codeEdit, &QLineEdit::textChanged, this, &TwoFactorDialog::updateControls);

    setMinimumWidth(460);
    setChallenge(TwoFactorChallenge{});
}

TwoFactorDialog::~TwoFactorDialog() = default;

void TwoFactorDialog::setChallenge(const TwoFactorChallenge& challenge)
{
    m_busy = false;
    m_sendingCode = false;

    {
        // Filling the list would call onProviderChanged() once per item.
        const QSignalBlocker blocker(m_ui->providerCombo);
        m_ui->providerCombo->clear();
        for (const QString& provider : challenge.providers)
            m_ui->providerCombo->addItem(providerDisplayName(provider), provider);
        m_ui->providerCombo->setCurrentIndex(0);
    }

    const bool severalProviders = challenge.providers.size() > 1;
    m_ui->providerLabel->setVisible(severalProviders);
    m_ui->providerCombo->setVisible(severalProviders);

    clearSecretField(m_ui->codeEdit);
    m_ui->rememberDeviceCheck->setChecked(false);
    m_ui->busyWidget->hide();
    setError(QString());
    setNote(QString());

    qCInfo(lcGui) << "two-factor dialog offers" << challenge.providers;
    onProviderChanged();
    m_ui->codeEdit->setFocus();
}

QString TwoFactorDialog::selectedProvider() const
{
    return m_ui->providerCombo->currentData().toString();
}

QString TwoFactorDialog::code() const
{
    return m_ui->codeEdit->text().trimmed();
}

bool TwoFactorDialog::rememberDevice() const
{
    return m_ui->rememberDeviceCheck->isChecked();
}

void TwoFactorDialog::setBusy(bool busy)
{
    if (busy == m_busy)
        return;

    m_busy = busy;
    qCDebug(lcGui) << "two-factor dialog busy:" << busy;

    m_ui->busyWidget->setVisible(busy);
    if (busy)
        cancelButton()->setFocus();

    updateControls();

    if (!busy)
        m_ui->codeEdit->setFocus();
}

void TwoFactorDialog::finishAttempt()
{
    clearSecretField(m_ui->codeEdit);
    setBusy(false);
}

void TwoFactorDialog::showError(const ApiError& error)
{
    if (error.kind == ApiError::Kind::Cancelled) {
        setError(QString());
        return;
    }

    setError(error.userText());
    clearSecretField(m_ui->codeEdit);

    if (m_ui->codeEdit->isEnabled())
        m_ui->codeEdit->setFocus();
}

void TwoFactorDialog::showCodeSent(const QString& provider)
{
    m_sendingCode = false;
    setError(QString());

    if (provider == EmailProvider)
        setNote(tr("A code was sent by email."));
    else if (provider == PhoneProvider)
        setNote(tr("A code was sent by text message."));
    else
        setNote(tr("A code was sent."));

    updateControls();
    m_ui->codeEdit->setFocus();
}

void TwoFactorDialog::showSendFailed(const ApiError& error)
{
    m_sendingCode = false;
    setNote(QString());
    setError(error.userText());
    updateControls();
}

QString TwoFactorDialog::errorText() const
{
    return m_ui->errorLabel->text();
}

QString TwoFactorDialog::noteText() const
{
    return m_ui->noteLabel->text();
}

QString TwoFactorDialog::hintText() const
{
    return m_ui->hintLabel->text();
}

QPushButton* TwoFactorDialog::verifyButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Ok);
}

QPushButton* TwoFactorDialog::cancelButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Cancel);
}

QPushButton* TwoFactorDialog::sendCodeButton() const
{
    return m_ui->sendCodeButton;
}

bool TwoFactorDialog::canSendCode(const QString& provider)
{
    return provider == EmailProvider || provider == PhoneProvider;
}

QString TwoFactorDialog::providerDisplayName(const QString& provider)
{
    if (provider == EmailProvider)
        return tr("Email");
    if (provider == PhoneProvider)
        return tr("Text message");
    if (provider == AuthenticatorProvider)
        return tr("Authenticator app");
    return provider;
}

void TwoFactorDialog::accept()
{
    if (m_busy || code().isEmpty())
        return;

    setError(QString());
    qCInfo(lcGui) << "two-factor code submitted for provider" << selectedProvider();
    emit verifyRequested();
}

void TwoFactorDialog::reject()
{
    qCInfo(lcGui) << "two-factor step cancelled by the user";
    clearSecretField(m_ui->codeEdit);
    emit cancelRequested();
}

bool TwoFactorDialog::event(QEvent* event)
{
    const bool handled = QDialog::event(event);

    // A status line was shown or hidden: the layout has just been redone.
    if (event->type() == QEvent::LayoutRequest)
        fitDialogHeight(this);

    return handled;
}

void TwoFactorDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    fitDialogHeight(this);
    m_ui->codeEdit->setFocus();
}

void TwoFactorDialog::onProviderChanged()
{
    const QString provider = selectedProvider();

    if (provider == EmailProvider)
        StatusLabel::setText(m_ui->hintLabel, tr("Click Send code to receive a code by email, then enter it here."));
    else if (provider == PhoneProvider)
        StatusLabel::setText(m_ui->hintLabel,
                             tr("Click Send code to receive a code by text message, then enter it here."));
    else if (provider == AuthenticatorProvider)
        StatusLabel::setText(m_ui->hintLabel,
                             tr("Open your authenticator app and enter the code it shows for DenvrCloud."));
    else if (!provider.isEmpty())
        StatusLabel::setText(m_ui->hintLabel, tr("Enter the code from %1.").arg(providerDisplayName(provider)));
    else
        StatusLabel::setText(m_ui->hintLabel, QString());

    setNote(QString());
    updateControls();
}

void TwoFactorDialog::requestCode()
{
    const QString provider = selectedProvider();
    if (m_busy || m_sendingCode || !canSendCode(provider))
        return;

    m_sendingCode = true;
    setError(QString());
    setNote(tr("Sending the code…"));
    updateControls();

    qCInfo(lcGui) << "two-factor code requested by" << provider;
    emit sendCodeRequested(provider);
}

void TwoFactorDialog::updateControls()
{
    m_ui->providerCombo->setEnabled(!m_busy && !m_sendingCode);
    m_ui->codeEdit->setEnabled(!m_busy);
    m_ui->rememberDeviceCheck->setEnabled(!m_busy);

    const bool sendable = canSendCode(selectedProvider());
    m_ui->sendCodeButton->setEnabled(sendable && !m_busy && !m_sendingCode);
    m_ui->sendCodeButton->setToolTip(sendable ? QString() : tr("This method needs no code to be sent."));

    verifyButton()->setEnabled(!m_busy && !code().isEmpty());
}

void TwoFactorDialog::setError(const QString& text)
{
    StatusLabel::setText(m_ui->errorLabel, text);
}

void TwoFactorDialog::setNote(const QString& text)
{
    StatusLabel::setText(m_ui->noteLabel, text);
}
