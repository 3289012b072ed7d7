// The sign-in dialog on its own: focus, tab order, field limits, when
// "Sign in" is enabled, the busy state and how errors are shown.

#include "GuiTestSupport.h"

#include "ApiError.h"
#include "ServerUrl.h"
#include "SignInDialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestSignInDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void windowTitle();
    void serverPrefilled();
    void keepSignedInCheckedByDefault();
    void focusStartsInUserName();
    void focusStartsInPasswordForKnownUser();
    void tabOrder();
    void fieldLimits_data();
    void fieldLimits();
    void passwordEchoHidden();
    void signInEnabled_data();
    void signInEnabled();
    void hintNamesMissingInput();
    void signInIsDefaultButton();
    void enterSubmits();
    void enterIgnoredWhenIncomplete();
    void accessibleNames();
    void busyDisablesInputs();
    void cancelWhileBusyRequestsCancel();
    void escapeWhileBusyRequestsCancel();
    void cancelWhenIdleCloses();
    void finishAttemptClearsPassword();
    void finishAttemptOverwritesPassword();
    void clearedPasswordCannotBeUndone();
    void closingClearsPassword();
    void errorLabelHiddenWhenEmpty();
    void wrongPasswordClearsAndFocusesPassword();
    void validationErrorNamesFields();
    void cancelledRequestShowsNoError();
    void screenshots();

private:
    QLineEdit* userNameEdit() const { return m_dialog->findChild<QLineEdit*>(QStringLiteral("userNameEdit")); }
    QLineEdit* passwordEdit() const { return m_dialog->findChild<QLineEdit*>(QStringLiteral("passwordEdit")); }
    QLineEdit* serverEdit() const { return m_dialog->findChild<QLineEdit*>(QStringLiteral("serverEdit")); }
    QCheckBox* keepSignedInCheck() const
    {
        return m_dialog->findChild<QCheckBox*>(QStringLiteral("keepSignedInCheck"));
    }
    QLabel* errorLabel() const { return m_dialog->findChild<QLabel*>(QStringLiteral("errorLabel")); }
    QLabel* hintLabel() const { return m_dialog->findChild<QLabel*>(QStringLiteral("hintLabel")); }
    QWidget* busyWidget() const { return m_dialog->findChild<QWidget*>(QStringLiteral("busyWidget")); }

    void fillIn(const QString& userName, const QString& password);

    std::unique_ptr<SignInDialog> m_dialog;
};

void TestSignInDialog::init()
{
    m_dialog = std::make_unique<SignInDialog>();
    m_dialog->setServer(QUrl(QString::fromLatin1(ServerUrl::Production)));
    QVERIFY(GuiTest::showActive(m_dialog.get()));
}

void TestSignInDialog::cleanup()
{
    m_dialog.reset();
}

void TestSignInDialog::fillIn(const QString& userName, const QString& password)
{
    QTest::keyClicks(userNameEdit(), userName);
    QTest::keyClicks(passwordEdit(), password);
}

void TestSignInDialog::windowTitle()
{
    QCOMPARE(m_dialog->windowTitle(), QStringLiteral("Sign in to DenvrCloud"));
}

void TestSignInDialog::serverPrefilled()
{
    QCOMPARE(serverEdit()->text(), QStringLiteral("https://api.cloud.denvrdata.com"));
    QCOMPARE(m_dialog->server(), QUrl(QStringLiteral("https://api.cloud.denvrdata.com")));
}

void TestSignInDialog::keepSignedInCheckedByDefault()
{
    QVERIFY(keepSignedInCheck()->isChecked());
    QVERIFY(m_dialog->keepSignedIn());
}

void TestSignInDialog::focusStartsInUserName()
{
    QCOMPARE(QApplication::focusWidget(), userNameEdit());
}

void TestSignInDialog::focusStartsInPasswordForKnownUser()
{
    m_dialog = std::make_unique<SignInDialog>();
    m_dialog->setServer(QUrl(QString::fromLatin1(ServerUrl::Production)));
    m_dialog->setUserName(QStringLiteral("ada"));
    QVERIFY(GuiTest::showActive(m_dialog.get()));

    QCOMPARE(QApplication::focusWidget(), passwordEdit());
}

void TestSignInDialog::tabOrder()
{
    fillIn(QStringLiteral("ada"), QStringLiteral("secret"));
    userNameEdit()->setFocus();

    const QList<QWidget*> expected{passwordEdit(),           keepSignedInCheck(),      serverEdit(),
                                   m_dialog->signInButton(), m_dialog->cancelButton(), userNameEdit()};
    for (QWidget* next : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), next);
    }
}

void TestSignInDialog::fieldLimits_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("maxLength");

    QTest::newRow("user name") << QStringLiteral("userNameEdit") << 256;
    QTest::newRow("password") << QStringLiteral("passwordEdit") << 128;
}

void TestSignInDialog::fieldLimits()
{
    QFETCH(QString, field);
    QFETCH(int, maxLength);

    auto* edit = m_dialog->findChild<QLineEdit*>(field);
    QVERIFY(edit);
    QCOMPARE(edit->maxLength(), maxLength);

    QTest::keyClicks(edit, QString(maxLength + 10, QLatin1Char('x')));
    QCOMPARE(edit->text().size(), maxLength);
}

void TestSignInDialog::passwordEchoHidden()
{
    QCOMPARE(passwordEdit()->echoMode(), QLineEdit::Password);
}

void TestSignInDialog::signInEnabled_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("userName");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("enabled");

    const QString production = QStringLiteral("https://api.cloud.denvrdata.com");
    QTest::newRow("complete form") << production << QStringLiteral("ada") << QStringLiteral("secret") << true;
    QTest::newRow("empty form") << production << QString() << QString() << false;
    QTest::newRow("empty user name") << production << QString() << QStringLiteral("secret") << false;
    QTest::newRow("blank user name") << production << QStringLiteral("   ") << QStringLiteral("secret") << false;
    QTest::newRow("empty password") << production << QStringLiteral("ada") << QString() << false;
    QTest::newRow("empty server") << QString() << QStringLiteral("ada") << QStringLiteral("secret") << false;
    QTest::newRow("server without scheme")
        << QStringLiteral("api.cloud.denvrdata.com") << QStringLiteral("ada") << QStringLiteral("secret") << false;
    QTest::newRow("plain http to a remote host") << QStringLiteral("http://api.cloud.denvrdata.com")
                                                 << QStringLiteral("ada") << QStringLiteral("secret") << false;
    QTest::newRow("plain http to loopback")
        << QStringLiteral("http://127.0.0.1:8080") << QStringLiteral("ada") << QStringLiteral("secret") << true;
}

void TestSignInDialog::signInEnabled()
{
    QFETCH(QString, server);
    QFETCH(QString, userName);
    QFETCH(QString, password);
    QFETCH(bool, enabled);

    serverEdit()->clear();
    QTest::keyClicks(serverEdit(), server);
    fillIn(userName, password);

    QCOMPARE(m_dialog->signInButton()->isEnabled(), enabled);
    QCOMPARE(hintLabel()->isHidden(), enabled);
}

void TestSignInDialog::hintNamesMissingInput()
{
    QVERIFY(hintLabel()->isVisible());
    QVERIFY2(hintLabel()->text().contains(QStringLiteral("user name")), qPrintable(hintLabel()->text()));

    QTest::keyClicks(userNameEdit(), QStringLiteral("ada"));
    QVERIFY2(hintLabel()->text().contains(QStringLiteral("password")), qPrintable(hintLabel()->text()));

    serverEdit()->setText(QStringLiteral("http://api.cloud.denvrdata.com"));
    QCOMPARE(hintLabel()->text(), ServerUrl::validate(QUrl(QStringLiteral("http://api.cloud.denvrdata.com"))));
}

void TestSignInDialog::signInIsDefaultButton()
{
    QVERIFY(m_dialog->signInButton()->isDefault());
    QCOMPARE(m_dialog->signInButton()->text(), QStringLiteral("Sign in"));
    QCOMPARE(m_dialog->cancelButton()->text(), QStringLiteral("Cancel"));
}

void TestSignInDialog::enterSubmits()
{
    QSignalSpy requested(m_dialog.get(), &SignInDialog::signInRequested);
    fillIn(QStringLiteral("ada"), QStringLiteral("secret"));

    QTest::keyClick(passwordEdit(), Qt::Key_Return);

    QCOMPARE(requested.count(), 1);
    QCOMPARE(m_dialog->userName(), QStringLiteral("ada"));
    QCOMPARE(m_dialog->password(), QStringLiteral("secret"));
    QVERIFY(m_dialog->isVisible());
}

void TestSignInDialog::enterIgnoredWhenIncomplete()
{
    QSignalSpy requested(m_dialog.get(), &SignInDialog::signInRequested);
    QTest::keyClicks(userNameEdit(), QStringLiteral("ada"));

    QTest::keyClick(userNameEdit(), Qt::Key_Return);

    QCOMPARE(requested.count(), 0);
    QVERIFY(m_dialog->isVisible());
}

void TestSignInDialog::accessibleNames()
{
    const QList<QWidget*> inputs{userNameEdit(), passwordEdit(), keepSignedInCheck(), serverEdit()};
    for (QWidget* input : inputs)
        QVERIFY2(!input->accessibleName().isEmpty(), qPrintable(input->objectName()));
}

void TestSignInDialog::busyDisablesInputs()
{
    fillIn(QStringLiteral("ada"), QStringLiteral("secret"));

    m_dialog->setBusy(true);

    QVERIFY(!userNameEdit()->isEnabled());
    QVERIFY(!passwordEdit()->isEnabled());
    QVERIFY(!keepSignedInCheck()->isEnabled());
    QVERIFY(!serverEdit()->isEnabled());
    QVERIFY(!m_dialog->signInButton()->isEnabled());
    QVERIFY(m_dialog->cancelButton()->isEnabled());
    QVERIFY(busyWidget()->isVisible());
    QVERIFY(m_dialog->findChild<QLabel*>(QStringLiteral("busyLabel"))->text().startsWith(QStringLiteral("Signing in")));

    m_dialog->setBusy(false);

    QVERIFY(userNameEdit()->isEnabled());
    QVERIFY(m_dialog->signInButton()->isEnabled());
    QVERIFY(busyWidget()->isHidden());
}

void TestSignInDialog::cancelWhileBusyRequestsCancel()
{
    QSignalSpy cancelled(m_dialog.get(), &SignInDialog::cancelRequested);
    QSignalSpy rejected(m_dialog.get(), &QDialog::rejected);
    m_dialog->setBusy(true);

    QTest::mouseClick(m_dialog->cancelButton(), Qt::LeftButton);

    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(rejected.count(), 0);
    QVERIFY(m_dialog->isVisible());
}

void TestSignInDialog::escapeWhileBusyRequestsCancel()
{
    QSignalSpy cancelled(m_dialog.get(), &SignInDialog::cancelRequested);
    m_dialog->setBusy(true);

    QTest::keyClick(m_dialog.get(), Qt::Key_Escape);

    QCOMPARE(cancelled.count(), 1);
    QVERIFY(m_dialog->isVisible());
}

void TestSignInDialog::cancelWhenIdleCloses()
{
    QSignalSpy cancelled(m_dialog.get(), &SignInDialog::cancelRequested);
    QSignalSpy rejected(m_dialog.get(), &QDialog::rejected);

    QTest::mouseClick(m_dialog->cancelButton(), Qt::LeftButton);

    QCOMPARE(cancelled.count(), 0);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!m_dialog->isVisible());
}

void TestSignInDialog::finishAttemptClearsPassword()
{
    fillIn(QStringLiteral("ada"), QStringLiteral("secret"));
    m_dialog->setBusy(true);

    m_dialog->finishAttempt();

    QVERIFY(passwordEdit()->text().isEmpty());
    QCOMPARE(userNameEdit()->text(), QStringLiteral("ada"));
    QVERIFY(passwordEdit()->isEnabled());
    QCOMPARE(QApplication::focusWidget(), passwordEdit());
}

// A copy made while the password was in the field shares the field's
// characters, so it shows whether they were overwritten.
void TestSignInDialog::finishAttemptOverwritesPassword()
{
    fillIn(QStringLiteral("ada"), QStringLiteral("secret"));
    const QString sharedCopy = m_dialog->password();
    m_dialog->setBusy(true);

    m_dialog->finishAttempt();

    QCOMPARE(sharedCopy.count(QChar()), sharedCopy.size());
}

void TestSignInDialog::clearedPasswordCannotBeUndone()
{
    fillIn(QStringLiteral("ada"), QStringLiteral("secret"));
    m_dialog->setBusy(true);
    m_dialog->finishAttempt();

    passwordEdit()->setEchoMode(QLineEdit::Normal);
    passwordEdit()->undo();

    QVERIFY(passwordEdit()->text().isEmpty());
}

void TestSignInDialog::closingClearsPassword()
{
    fillIn(QStringLiteral("ada"), QStringLiteral("secret"));

    m_dialog->reject();

    QVERIFY(passwordEdit()->text().isEmpty());
}

void TestSignInDialog::errorLabelHiddenWhenEmpty()
{
    QVERIFY(errorLabel()->isHidden());

    m_dialog->showMessage(QStringLiteral("Something failed."));
    QVERIFY(errorLabel()->isVisible());
    QVERIFY(errorLabel()->wordWrap());

    m_dialog->clearError();
    QVERIFY(errorLabel()->isHidden());
}

void TestSignInDialog::wrongPasswordClearsAndFocusesPassword()
{
    fillIn(QStringLiteral("ada"), QStringLiteral("wrong"));
    userNameEdit()->setFocus();
    ApiError error;
    error.kind = ApiError::Kind::InvalidCredentials;
    error.httpStatus = 401;
    error.message = QStringLiteral("Invalid user name or password");

    m_dialog->showError(error);

    QCOMPARE(m_dialog->errorText(), QStringLiteral("Invalid user name or password"));
    QVERIFY(passwordEdit()->text().isEmpty());
    QCOMPARE(userNameEdit()->text(), QStringLiteral("ada"));
    QCOMPARE(QApplication::focusWidget(), passwordEdit());
}

void TestSignInDialog::validationErrorNamesFields()
{
    ApiError error;
    error.kind = ApiError::Kind::ValidationFailed;
    error.httpStatus = 400;
    error.message = QStringLiteral("Your request is not valid!");
    error.invalidFields = {QStringLiteral("userNameOrEmailAddress"), QStringLiteral("password")};

    m_dialog->showError(error);

    QVERIFY2(m_dialog->errorText().startsWith(QStringLiteral("Your request is not valid!")),
             qPrintable(m_dialog->errorText()));
    QVERIFY2(m_dialog->errorText().contains(QStringLiteral("User name or email")), qPrintable(m_dialog->errorText()));
    QVERIFY2(m_dialog->errorText().contains(QStringLiteral("Password")), qPrintable(m_dialog->errorText()));
    QCOMPARE(QApplication::focusWidget(), userNameEdit());
}

void TestSignInDialog::cancelledRequestShowsNoError()
{
    m_dialog->showMessage(QStringLiteral("An older error."));
    ApiError error;
    error.kind = ApiError::Kind::Cancelled;
    error.message = QStringLiteral("The request was cancelled.");

    m_dialog->showError(error);

    QVERIFY(errorLabel()->isHidden());
}

void TestSignInDialog::screenshots()
{
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("sign-in-empty")));

    fillIn(QStringLiteral("ada@example.com"), QStringLiteral("correct horse battery"));
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("sign-in-filled")));

    m_dialog->setBusy(true);
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("sign-in-busy")));

    m_dialog->finishAttempt();
    ApiError error;
    error.kind = ApiError::Kind::ConnectionRefused;
    error.message = QStringLiteral("Could not connect to api.cloud.denvrdata.com: the connection was refused. "
                                   "Check the server address and your network, then try again.");
    m_dialog->showError(error);
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("sign-in-error")));

    serverEdit()->setText(QStringLiteral("http://example.com"));
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("sign-in-insecure-server")));
}

DENVR_GUI_TEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
