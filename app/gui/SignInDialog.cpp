#include "SignInDialog.h"
#include "ui_SignInDialog.h"

#include "ApiError.h"
#include "SecretField.h"
#include "DialogHeight.h"
#include "GuiResources.h"
#include "LoggingCategories.h"
#include "ServerUrl.h"
#include "StatusLabel.h"

#include <QLocale>
#include <QPushButton>

namespace {

constexpr int HeaderIconSize = 48;

} // namespace

SignInDialog::SignInDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SignInDialog>())
{
    m_ui->setupUi(this);
    setWindowIcon(GuiResources::appIcon());

    m_ui->headerIconLabel->setPixmap(GuiResources::appIcon().pixmap(HeaderIconSize, HeaderIconSize));
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_ui->titleLabel->setFont(titleFont);

    m_ui->userNameEdit->setMaxLength(MaxUserNameLength);
    m_ui->passwordEdit->setMaxLength(MaxPasswordLength);

    StatusLabel::styleAsHint(m_ui->hintLabel);
    StatusLabel::styleAsError(m_ui->errorLabel);
    m_ui->busyWidget->hide();

    signInButton()->setText(tr("Sign in"));
    signInButton()->setDefault(true);
    cancelButton()->setText(tr("Cancel"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    // An action button, because the standard Retry button has the accept
    // role and would submit the form.
    m_retryButton = m_ui->buttonBox->addButton(tr("&Retry"), QDialogButtonBox::ActionRole);
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_retryButton->setAutoDefault(false);
    m_retryButton->setToolTip(tr("Reads the stored session from the keychain again."));
    m_retryButton->setAccessibleDescription(m_retryButton->toolTip());
    m_retryButton->hide();
    connect(m_retryButton, &QPushButton::clicked, this, [this] {
        qCInfo(lcGui) << "keychain retry chosen in the sign-in dialog";
        emit retryRequested();
    });

    connect(m_ui->userNameEdit, &QLineEdit::textChanged, this, &SignInDialog::updateSubmitState);
    connect(m_ui->passwordEdit, &QLineEdit::textChanged, this, &SignInDialog::updateSubmitState);
    connect(m_ui->serverEdit, &QLineEdit::textChanged, this, &SignInDialog::updateSubmitState);

    setMinimumWidth(460);
    updateSubmitState();
    focusFirstEmptyField();
}

SignInDialog::~SignInDialog() = default;

void SignInDialog::setServer(const QUrl& server)
{
    m_ui->serverEdit->setText(server.toString());
}

QUrl SignInDialog::server() const
{
    return QUrl(m_ui->serverEdit->text().trimmed(), QUrl::StrictMode);
}

void SignInDialog::setUserName(const QString& userName)
{
    m_ui->userNameEdit->setText(userName);
}

QString SignInDialog::userName() const
{
    return m_ui->userNameEdit->text().trimmed();
}

QString SignInDialog::password() const
{
    return m_ui->passwordEdit->text();
}

bool SignInDialog::keepSignedIn() const
{
    return m_ui->keepSignedInCheck->isChecked();
}

void SignInDialog::setBusy(bool busy, const QString& activity)
{
    if (busy)
        m_ui->busyLabel->setText(activity.isEmpty() ? tr("Signing in…") : activity);

    if (busy == m_busy)
        return;

    m_busy = busy;
    qCDebug(lcGui) << "sign-in dialog busy:" << busy;

    m_ui->userNameEdit->setEnabled(!busy);
    m_ui->passwordEdit->setEnabled(!busy);
    m_ui->keepSignedInCheck->setEnabled(!busy);
    m_ui->serverEdit->setEnabled(!busy);
    m_retryButton->setEnabled(!busy);
    m_ui->busyWidget->setVisible(busy);

    if (busy) {
        // Cancel is the one control left that acts, so Enter or Space reach it.
        cancelButton()->setFocus();
    }

    updateSubmitState();

    if (!busy)
        focusFirstEmptyField();
}

void SignInDialog::finishAttempt()
{
    clearSecretField(m_ui->passwordEdit);
    setBusy(false);
}

void SignInDialog::showError(const ApiError& error)
{
    if (error.kind == ApiError::Kind::Cancelled) {
        clearError();
        return;
    }

    QString text = error.userText();
    QWidget* fieldToCorrect = nullptr;

    switch (error.kind) {
    case ApiError::Kind::InvalidCredentials:
        clearSecretField(m_ui->passwordEdit);
        fieldToCorrect = m_ui->passwordEdit;
        break;
    case ApiError::Kind::ValidationFailed:
        text += QLatin1Char('\n') + validationText(error);
        break;
    case ApiError::Kind::InsecureServer:
        fieldToCorrect = m_ui->serverEdit;
        break;
    default:
        break;
    }

    showMessage(text);

    if (fieldToCorrect && fieldToCorrect->isEnabled())
        fieldToCorrect->setFocus();
}

QString SignInDialog::validationText(const ApiError& error)
{
    QStringList fieldNames;
    QWidget* firstField = nullptr;

    for (const QString& member : error.invalidFields) {
        QWidget* field = nullptr;
        QString name = member;

        if (member.compare(QStringLiteral("userNameOrEmailAddress"), Qt::CaseInsensitive) == 0) {
            field = m_ui->userNameEdit;
            name = tr("User name or email");
        } else if (member.compare(QStringLiteral("password"), Qt::CaseInsensitive) == 0) {
            field = m_ui->passwordEdit;
            name = tr("Password");
        }

        fieldNames.append(name);
        if (!firstField)
            firstField = field;
    }

    if (firstField && firstField->isEnabled())
        firstField->setFocus();

    if (fieldNames.isEmpty())
        return tr("Check the fields of the form.");

    return tr("Check these fields: %1.").arg(QLocale().createSeparatedList(fieldNames));
}

void SignInDialog::showMessage(const QString& message)
{
    StatusLabel::setText(m_ui->errorLabel, message);
}

void SignInDialog::clearError()
{
    StatusLabel::setText(m_ui->errorLabel, QString());
}

QString SignInDialog::errorText() const
{
    return m_ui->errorLabel->text();
}

bool SignInDialog::canSubmit(QString* reason) const
{
    QString missing;

    if (const QString serverProblem = ServerUrl::validate(server()); !serverProblem.isEmpty())
        missing = serverProblem;
    else if (userName().isEmpty())
        missing = tr("Enter your user name or email address.");
    else if (password().isEmpty())
        missing = tr("Enter your password.");

    if (reason)
        *reason = missing;

    return missing.isEmpty();
}

void SignInDialog::focusFirstEmptyField()
{
    if (m_busy)
        return;

    if (userName().isEmpty())
        m_ui->userNameEdit->setFocus();
    else
        m_ui->passwordEdit->setFocus();
}

void SignInDialog::setRetryVisible(bool visible)
{
    m_retryButton->setVisible(visible);
}

QPushButton* SignInDialog::signInButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Ok);
}

QPushButton* SignInDialog::cancelButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Cancel);
}

void SignInDialog::accept()
{
    if (m_busy)
        return;

    QString reason;
    if (!canSubmit(&reason)) {
        qCDebug(lcGui) << "sign-in form incomplete:" << reason;
        updateSubmitState();
        return;
    }

    clearError();
    qCInfo(lcGui) << "sign-in submitted for" << userName() << "on" << ServerUrl::origin(server());
    emit signInRequested();
}

void SignInDialog::reject()
{
    if (m_busy) {
        qCInfo(lcGui) << "sign-in cancelled by the user";
        emit cancelRequested();
        return;
    }

    qCInfo(lcGui) << "sign-in dialog closed";
    clearSecretField(m_ui->passwordEdit);
    QDialog::reject();
}

bool SignInDialog::event(QEvent* event)
{
    const bool handled = QDialog::event(event);

    // A status line was shown or hidden: the layout has just been redone.
    if (event->type() == QEvent::LayoutRequest)
        fitDialogHeight(this);

    return handled;
}

void SignInDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    fitDialogHeight(this);
    focusFirstEmptyField();
}

void SignInDialog::updateSubmitState()
{
    QString reason;
    const bool ready = canSubmit(&reason);

    signInButton()->setEnabled(ready && !m_busy);
    signInButton()->setToolTip(reason);

    // While a request runs, the busy line shows the progress and a hint would only repeat it.
    StatusLabel::setText(m_ui->hintLabel, m_busy ? QString() : reason);
}
