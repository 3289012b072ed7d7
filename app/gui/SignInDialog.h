#pragma once

#include <QDialog>
#include <QUrl>

#include <memory>

struct ApiError;
class QPushButton;

namespace Ui {
class SignInDialog;
}

// The "Sign in to DenvrCloud" form. It collects the input and shows the state
// that AppController sets: the controller passes the input to the Session and
// calls setBusy(), finishAttempt() and showError() as the Session reports back.
// The password stays in the field only until the attempt ends.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    // Field limits of the Authenticate request schema.
    static constexpr int MaxUserNameLength = 256;
    static constexpr int MaxPasswordLength = 128;

    explicit SignInDialog(QWidget* parent = nullptr);
    ~SignInDialog() override;

    void setServer(const QUrl& server);
    QUrl server() const;

    void setUserName(const QString& userName);
    QString userName() const;
    QString password() const;
    bool keepSignedIn() const;

    // While busy, the inputs are disabled, activity shows beside a busy
    // indicator ("Signing in…" when empty), and Cancel or Escape emit
    // cancelRequested() instead of closing the dialog.
    void setBusy(bool busy, const QString& activity = QString());
    bool isBusy() const { return m_busy; }

    // Ends a sign-in attempt: leaves the busy state and clears the password.
    void finishAttempt();

    // Shows error.userText() and moves the focus to the field to correct.
    // A cancelled request shows nothing.
    void showError(const ApiError& error);
    void showMessage(const QString& message);
    void clearError();
    QString errorText() const;

    // Returns whether the form contains everything a sign-in needs. When it
    // does not, *reason names what is missing.
    bool canSubmit(QString* reason = nullptr) const;

    // Moves the keyboard focus to the user name, or to the password when the
    // user name is already filled in.
    void focusFirstEmptyField();

    // Shows or hides "Retry", which reads the stored session again after the
    // keychain failed. AppController shows it only while the keychain is unavailable.
    void setRetryVisible(bool visible);

    QPushButton* signInButton() const;
    QPushButton* cancelButton() const;
    QPushButton* retryButton() const { return m_retryButton; }

public slots:
    void accept() override;
    void reject() override;

signals:
    // The user submitted a complete form. The slot reads the fields.
    void signInRequested();

    // The user pressed Cancel or Escape while a request was running.
    void cancelRequested();

    // The user pressed Retry to read the stored session from the keychain again.
    void retryRequested();

protected:
    bool event(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void updateSubmitState();
    QString validationText(const ApiError& error);

    std::unique_ptr<Ui::SignInDialog> m_ui;
    QPushButton* m_retryButton;
    bool m_busy = false;
};
