#pragma once

#include <QMessageBox>
#include <QUrl>

class QPushButton;

// The message box for a user whose password must be reset before signing
// in: it explains that the reset happens in the DenvrCloud web console and
// offers an "Open reset page" button that opens resetUrl in the browser.
// It deletes itself when closed.
class PasswordResetPrompt : public QMessageBox
{
    Q_OBJECT

public:
    explicit PasswordResetPrompt(const QUrl& resetUrl, QWidget* parent = nullptr);

    QUrl resetUrl() const { return m_resetUrl; }
    QPushButton* openButton() const { return m_openButton; }

private:
    void openResetPage();

    QUrl m_resetUrl;
    QPushButton* m_openButton;
};
