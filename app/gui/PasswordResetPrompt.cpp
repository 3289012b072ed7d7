#include "PasswordResetPrompt.h"

#include "GuiResources.h"
#include "LoggingCategories.h"

#include <QDesktopServices>
#include <QPushButton>

PasswordResetPrompt::PasswordResetPrompt(const QUrl& resetUrl, QWidget* parent)
    : QMessageBox(parent)
    , m_resetUrl(resetUrl)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setIcon(QMessageBox::Information);
    setWindowIcon(GuiResources::appIcon());
    setWindowTitle(tr("Password reset required"));
    setTextFormat(Qt::PlainText);
    setText(tr("Your password must be reset before you can sign in."));
    setInformativeText(tr("Set a new password in the DenvrCloud console, then sign in here with the new password."));

    m_openButton = addButton(tr("Open reset page"), QMessageBox::AcceptRole);
    m_openButton->setEnabled(m_resetUrl.isValid());
    addButton(QMessageBox::Close);
    setDefaultButton(m_openButton);

    // Run on the button's own click, so that the browser opens whichever way
    // the box is shown: open(), show() or exec().
    connect(m_openButton, &QPushButton::clicked, this, &PasswordResetPrompt::openResetPage);
}

void PasswordResetPrompt::openResetPage()
{
    // The reset URL carries a one-time code, so only its host and path are logged.
    qCInfo(lcGui).noquote()
        << "opening the password reset page on"
        << m_resetUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();

    if (QDesktopServices::openUrl(m_resetUrl))
        return;

    qCWarning(lcGui) << "no browser could open the password reset page";

    // The address is the user's own reset link, so it can be shown for copying.
    auto* fallback = new QMessageBox(QMessageBox::Warning, tr("Password reset required"),
                                     tr("No web browser could be opened. Open this address in a browser yourself:"),
                                     QMessageBox::Close, parentWidget());
    fallback->setAttribute(Qt::WA_DeleteOnClose);
    fallback->setInformativeText(m_resetUrl.toString());
    fallback->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fallback->open();
}
