#pragma once

#include "ApiResults.h"

#include <QDialog>

#include <memory>

struct ApiError;
class QPushButton;

namespace Ui {
class TwoFactorDialog;
}

// The second sign-in step: the user picks a provider (Email, Phone or an
// authenticator app), requests a code where the server sends one, and enters
// it. Like SignInDialog, it only collects input and shows the state that
// AppController passes on from the Session.
class TwoFactorDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TwoFactorDialog(QWidget* parent = nullptr);
    ~TwoFactorDialog() override;

    // Resets the dialog for a new challenge: providers, empty code, no notes.
    // The provider choice shows only when the server offers several.
    void setChallenge(const TwoFactorChallenge& challenge);

    QString selectedProvider() const;
    QString code() const;
    bool rememberDevice() const;

    // While busy, the inputs are disabled and "Verifying…" shows. Cancel and
    // Escape still emit cancelRequested().
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    // Ends a verification attempt: leaves the busy state and clears the code.
    void finishAttempt();

    // Shows the server's message for a rejected code, then clears and
    // focuses the code field so the user can try again.
    void showError(const ApiError& error);

    void showCodeSent(const QString& provider);
    void showSendFailed(const ApiError& error);

    QString errorText() const;
    QString noteText() const;
    QString hintText() const;

    QPushButton* verifyButton() const;
    QPushButton* cancelButton() const;
    QPushButton* sendCodeButton() const;

    // Returns true for the providers that the server sends a code to (Email,
    // Phone). An authenticator app makes its own codes.
    static bool canSendCode(const QString& provider);

    // The provider's name for the user, such as "Authenticator app".
    static QString providerDisplayName(const QString& provider);

public slots:
    void accept() override;
    void reject() override;

signals:
    void verifyRequested();
    void sendCodeRequested(const QString& provider);

    // Cancel, Escape or closing the window: the sign-in goes back to the start.
    void cancelRequested();

protected:
    bool event(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void onProviderChanged();
    void requestCode();
    void updateControls();
    void setError(const QString& text);
    void setNote(const QString& text);

    std::unique_ptr<Ui::TwoFactorDialog> m_ui;
    bool m_busy = false;
    bool m_sendingCode = false;
};
