// The two-factor dialog on its own: focus, the provider choice, which
// providers can send a code, submitting, and how results are shown.

#include "GuiTestSupport.h"

#include "ApiError.h"
#include "TwoFactorDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestTwoFactorDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void windowTitle();
    void focusStartsInCode();
    void providerChoiceShownForSeveral();
    void providerChoiceHiddenForOne();
    void sendCodeEnabled_data();
    void sendCodeEnabled();
    void authenticatorHint();
    void sendCodeRequestsProvider();
    void codeSentNote_data();
    void codeSentNote();
    void sendFailedShowsMessage();
    void verifyDisabledWhenCodeEmpty();
    void enterSubmits();
    void rememberDeviceUncheckedByDefault();
    void busyDisablesInputs();
    void wrongCodeClearsAndFocusesCode();
    void finishAttemptOverwritesCode();
    void cancelClearsCode();
    void escapeRequestsCancel();
    void cancelButtonRequestsCancel();
    void newChallengeResets();
    void accessibleNames();
    void screenshots();

private:
    QLineEdit* codeEdit() const { return m_dialog->findChild<QLineEdit*>(QStringLiteral("codeEdit")); }
    QComboBox* providerCombo() const { return m_dialog->findChild<QComboBox*>(QStringLiteral("providerCombo")); }
    QCheckBox* rememberDeviceCheck() const
    {
        return m_dialog->findChild<QCheckBox*>(QStringLiteral("rememberDeviceCheck"));
    }
    QLabel* errorLabel() const { return m_dialog->findChild<QLabel*>(QStringLiteral("errorLabel")); }

    void showChallenge(const QStringList& providers);

    std::unique_ptr<TwoFactorDialog> m_dialog;
};

void TestTwoFactorDialog::init()
{
    m_dialog = std::make_unique<TwoFactorDialog>();
    showChallenge({QStringLiteral("Email"), QStringLiteral("GoogleAuthenticator")});
    QVERIFY(GuiTest::showActive(m_dialog.get()));
}

void TestTwoFactorDialog::cleanup()
{
    m_dialog.reset();
}

void TestTwoFactorDialog::showChallenge(const QStringList& providers)
{
    TwoFactorChallenge challenge;
    challenge.userId = 42;
    challenge.providers = providers;

    m_dialog->setChallenge(challenge);
}

void TestTwoFactorDialog::windowTitle()
{
    QCOMPARE(m_dialog->windowTitle(), QStringLiteral("Two-factor verification"));
}

void TestTwoFactorDialog::focusStartsInCode()
{
    QCOMPARE(QApplication::focusWidget(), codeEdit());
}

void TestTwoFactorDialog::providerChoiceShownForSeveral()
{
    QVERIFY(providerCombo()->isVisible());
    QCOMPARE(providerCombo()->count(), 2);
    QCOMPARE(m_dialog->selectedProvider(), QStringLiteral("Email"));
}

void TestTwoFactorDialog::providerChoiceHiddenForOne()
{
    showChallenge({QStringLiteral("Email")});

    QVERIFY(providerCombo()->isHidden());
    QVERIFY(m_dialog->findChild<QLabel*>(QStringLiteral("providerLabel"))->isHidden());
    QCOMPARE(m_dialog->selectedProvider(), QStringLiteral("Email"));
}

void TestTwoFactorDialog::sendCodeEnabled_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<bool>("enabled");

    QTest::newRow("email") << QStringLiteral("Email") << true;
    QTest::newRow("phone") << QStringLiteral("Phone") << true;
    QTest::newRow("authenticator app") << QStringLiteral("GoogleAuthenticator") << false;
}

void TestTwoFactorDialog::sendCodeEnabled()
{
    QFETCH(QString, provider);
    QFETCH(bool, enabled);

    showChallenge({QStringLiteral("Email"), QStringLiteral("Phone"), QStringLiteral("GoogleAuthenticator")});
    providerCombo()->setCurrentIndex(providerCombo()->findData(provider));

    QCOMPARE(m_dialog->selectedProvider(), provider);
    QCOMPARE(m_dialog->sendCodeButton()->isEnabled(), enabled);
    QVERIFY(m_dialog->sendCodeButton()->isVisible());
}

void TestTwoFactorDialog::authenticatorHint()
{
    showChallenge({QStringLiteral("GoogleAuthenticator")});

    QVERIFY2(m_dialog->hintText().contains(QStringLiteral("authenticator app")), qPrintable(m_dialog->hintText()));
    QVERIFY(!m_dialog->sendCodeButton()->isEnabled());
}

void TestTwoFactorDialog::sendCodeRequestsProvider()
{
    QSignalSpy requested(m_dialog.get(), &TwoFactorDialog::sendCodeRequested);

    QTest::mouseClick(m_dialog->sendCodeButton(), Qt::LeftButton);

    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("Email"));
    QVERIFY(!m_dialog->sendCodeButton()->isEnabled());
}

void TestTwoFactorDialog::codeSentNote_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("note");

    QTest::newRow("email") << QStringLiteral("Email") << QStringLiteral("A code was sent by email.");
    QTest::newRow("phone") << QStringLiteral("Phone") << QStringLiteral("A code was sent by text message.");
}

void TestTwoFactorDialog::codeSentNote()
{
    QFETCH(QString, provider);
    QFETCH(QString, note);

    showChallenge({provider});
    QTest::mouseClick(m_dialog->sendCodeButton(), Qt::LeftButton);

    m_dialog->showCodeSent(provider);

    QCOMPARE(m_dialog->noteText(), note);
    QVERIFY(m_dialog->sendCodeButton()->isEnabled());
    QCOMPARE(QApplication::focusWidget(), codeEdit());
}

void TestTwoFactorDialog::sendFailedShowsMessage()
{
    QTest::mouseClick(m_dialog->sendCodeButton(), Qt::LeftButton);
    ApiError error;
    error.kind = ApiError::Kind::NotFound;
    error.httpStatus = 404;
    error.message = QStringLiteral("This server cannot send codes.");

    m_dialog->showSendFailed(error);

    QCOMPARE(m_dialog->errorText(), QStringLiteral("This server cannot send codes."));
    QVERIFY(m_dialog->noteText().isEmpty());
    QVERIFY(m_dialog->sendCodeButton()->isEnabled());
}

void TestTwoFactorDialog::verifyDisabledWhenCodeEmpty()
{
    QVERIFY(!m_dialog->verifyButton()->isEnabled());

    QTest::keyClicks(codeEdit(), QStringLiteral("123456"));

    QVERIFY(m_dialog->verifyButton()->isEnabled());
    QCOMPARE(m_dialog->verifyButton()->text(), QStringLiteral("Verify"));
}

void TestTwoFactorDialog::enterSubmits()
{
    QSignalSpy requested(m_dialog.get(), &TwoFactorDialog::verifyRequested);
    QTest::keyClicks(codeEdit(), QStringLiteral(" 123456 "));

    QTest::keyClick(codeEdit(), Qt::Key_Return);

    QCOMPARE(requested.count(), 1);
    QCOMPARE(m_dialog->code(), QStringLiteral("123456"));
}

void TestTwoFactorDialog::rememberDeviceUncheckedByDefault()
{
    QVERIFY(!rememberDeviceCheck()->isChecked());
    QCOMPARE(rememberDeviceCheck()->text(), QStringLiteral("&Remember this device"));
}

void TestTwoFactorDialog::busyDisablesInputs()
{
    QTest::keyClicks(codeEdit(), QStringLiteral("123456"));

    m_dialog->setBusy(true);

    QVERIFY(!codeEdit()->isEnabled());
    QVERIFY(!providerCombo()->isEnabled());
    QVERIFY(!m_dialog->sendCodeButton()->isEnabled());
    QVERIFY(!m_dialog->verifyButton()->isEnabled());
    QVERIFY(m_dialog->cancelButton()->isEnabled());

    m_dialog->setBusy(false);

    QVERIFY(codeEdit()->isEnabled());
    QCOMPARE(QApplication::focusWidget(), codeEdit());
}

void TestTwoFactorDialog::wrongCodeClearsAndFocusesCode()
{
    QTest::keyClicks(codeEdit(), QStringLiteral("000000"));
    ApiError error;
    error.kind = ApiError::Kind::InvalidSecurityCode;
    error.httpStatus = 500;
    error.message = QStringLiteral("Invalid security code!");

    m_dialog->showError(error);

    QCOMPARE(m_dialog->errorText(), QStringLiteral("Invalid security code!"));
    QVERIFY(codeEdit()->text().isEmpty());
    QCOMPARE(QApplication::focusWidget(), codeEdit());
    QVERIFY(m_dialog->isVisible());
}

// A copy made while the code was in the field shares the field's
// characters, so it shows whether they were overwritten.
void TestTwoFactorDialog::finishAttemptOverwritesCode()
{
    QTest::keyClicks(codeEdit(), QStringLiteral("481516"));
    const QString sharedCopy = codeEdit()->text();
    m_dialog->setBusy(true);

    m_dialog->finishAttempt();

    QVERIFY(codeEdit()->text().isEmpty());
    QCOMPARE(sharedCopy.count(QChar()), sharedCopy.size());
}

void TestTwoFactorDialog::cancelClearsCode()
{
    QTest::keyClicks(codeEdit(), QStringLiteral("481516"));

    m_dialog->reject();

    QVERIFY(codeEdit()->text().isEmpty());
}

void TestTwoFactorDialog::escapeRequestsCancel()
{
    QSignalSpy cancelled(m_dialog.get(), &TwoFactorDialog::cancelRequested);

    QTest::keyClick(codeEdit(), Qt::Key_Escape);

    QCOMPARE(cancelled.count(), 1);
}

void TestTwoFactorDialog::cancelButtonRequestsCancel()
{
    QSignalSpy cancelled(m_dialog.get(), &TwoFactorDialog::cancelRequested);

    QTest::mouseClick(m_dialog->cancelButton(), Qt::LeftButton);

    QCOMPARE(cancelled.count(), 1);
}

void TestTwoFactorDialog::newChallengeResets()
{
    QTest::keyClicks(codeEdit(), QStringLiteral("123456"));
    rememberDeviceCheck()->setChecked(true);
    m_dialog->showCodeSent(QStringLiteral("Email"));

    showChallenge({QStringLiteral("Phone")});

    QVERIFY(codeEdit()->text().isEmpty());
    QVERIFY(!rememberDeviceCheck()->isChecked());
    QVERIFY(m_dialog->noteText().isEmpty());
    QVERIFY(errorLabel()->isHidden());
}

void TestTwoFactorDialog::accessibleNames()
{
    const QList<QWidget*> inputs{providerCombo(), codeEdit(), m_dialog->sendCodeButton(), rememberDeviceCheck()};
    for (QWidget* input : inputs)
        QVERIFY2(!input->accessibleName().isEmpty(), qPrintable(input->objectName()));
}

void TestTwoFactorDialog::screenshots()
{
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("two-factor-email")));

    m_dialog->showCodeSent(QStringLiteral("Email"));
    QTest::keyClicks(codeEdit(), QStringLiteral("123456"));
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("two-factor-code-sent")));

    m_dialog->setBusy(true);
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("two-factor-busy")));

    m_dialog->setBusy(false);
    ApiError error;
    error.kind = ApiError::Kind::InvalidSecurityCode;
    error.message = QStringLiteral("The security code is wrong or was already used. Enter the current code.");
    m_dialog->showError(error);
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("two-factor-wrong-code")));

    showChallenge({QStringLiteral("GoogleAuthenticator")});
    QVERIFY(GuiTest::saveScreenshot(m_dialog.get(), QStringLiteral("two-factor-authenticator")));
}

DENVR_GUI_TEST_MAIN(TestTwoFactorDialog)
#include "tst_twofactordialog.moc"
