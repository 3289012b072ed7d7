// The settings dialog: validation of the server and proxy fields with the
// reason shown, the proxy password going to the keychain and never to the
// settings file, and a server switch that keeps the other server's stored
// session. The session runs against the real denvr-fake-server and the
// real keychain.

#include "AppHarness.h"
#include "GuiTestSupport.h"

#include "AppController.h"
#include "AppSettings.h"
#include "FakeServer.h"
#include "KeychainStore.h"
#include "ProxySettings.h"
#include "ServerUrl.h"
#include "Session.h"
#include "SettingsDialog.h"
#include "SignInDialog.h"
#include "StoredSession.h"
#include "TrayController.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <optional>

namespace {

const QString KeychainService = QStringLiteral("denvr-signin-gui-settings-test");

QSettings appSettings()
{
    return QSettings(QString::fromLatin1(AppSettings::OrganizationName),
                     QString::fromLatin1(AppSettings::ApplicationName));
}

// The bytes of the settings file as written to disk.
QByteArray settingsFileBytes()
{
    QSettings settings(QString::fromLatin1(AppSettings::OrganizationName),
                       QString::fromLatin1(AppSettings::ApplicationName));
    settings.sync();
    QFile file(settings.fileName());
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

std::optional<QByteArray> readKeychainEntry(const QString& key)
{
    KeychainStore store(KeychainService);
    std::optional<KeychainStore::Outcome> result;
    store.read(key, nullptr, [&result](const KeychainStore::Outcome& outcome) { result = outcome; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15000) || !result->ok())
        return std::nullopt;
    return result->data;
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void httpCustomServerRejected();
    void httpsCustomServerAccepted();
    void manualProxyNeedsHost();
    void inputsHaveAccessibleNames();
    void savesPlainSettings();
    void settingsFileFreeOfSecrets();
    void switchServerKeepsSession();

private:
    SettingsDialog* openSettings();
    void signInAsGrace();

    FakeServer m_server;
    FakeServer::User m_plainUser = FakeServer::plainUser();
    AppHarness m_app{KeychainService};
};

void TestSettingsDialog::init()
{
    appSettings().clear();
    QVERIFY2(m_server.start({{m_plainUser}}), qPrintable(m_server.errorMessage()));
}

void TestSettingsDialog::cleanup()
{
    Session* session = m_app.isRunning() ? m_app.session() : nullptr;
    if (session && session->state() == Session::State::SignedIn) {
        session->signOut();
        QTRY_COMPARE(session->state(), Session::State::SignedOut);
    }

    m_app.stop();
    m_server.stop();
}

SettingsDialog* TestSettingsDialog::openSettings()
{
    m_app.tray()->settingsAction()->trigger();
    SettingsDialog* dialog = m_app.controller()->settingsDialog();
    if (dialog)
        GuiTest::showActive(dialog);
    return dialog;
}

void TestSettingsDialog::signInAsGrace()
{
    QVERIFY(m_app.submitSignIn(m_plainUser.userName, m_plainUser.password));
    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedIn);
    QTRY_VERIFY(m_app.session()->isStored());
}

void TestSettingsDialog::httpCustomServerRejected()
{
    m_app.start(m_server.url());
    SettingsDialog* dialog = openSettings();
    QVERIFY(dialog);

    dialog->findChild<QRadioButton*>(QStringLiteral("customRadio"))->click();
    QLineEdit* customServer = dialog->findChild<QLineEdit*>(QStringLiteral("customServerEdit"));
    customServer->clear();
    QTest::keyClicks(customServer, QStringLiteral("http://denvr.example.com"));

    QVERIFY(!dialog->saveButton()->isEnabled());
    QCOMPARE(dialog->serverError(), ServerUrl::validate(QUrl(QStringLiteral("http://denvr.example.com"))));
    QVERIFY(!dialog->serverError().isEmpty());
    QVERIFY(GuiTest::saveScreenshot(dialog, QStringLiteral("settings-invalid-server")));
}

void TestSettingsDialog::httpsCustomServerAccepted()
{
    m_app.start(m_server.url());
    SettingsDialog* dialog = openSettings();
    QVERIFY(dialog);

    dialog->findChild<QRadioButton*>(QStringLiteral("customRadio"))->click();
    QLineEdit* customServer = dialog->findChild<QLineEdit*>(QStringLiteral("customServerEdit"));
    customServer->clear();
    QTest::keyClicks(customServer, QStringLiteral("https://denvr.example.com"));

    QVERIFY(dialog->saveButton()->isEnabled());
    QVERIFY(dialog->serverError().isEmpty());
}

void TestSettingsDialog::manualProxyNeedsHost()
{
    m_app.start(m_server.url());
    SettingsDialog* dialog = openSettings();
    QVERIFY(dialog);

    dialog->findChild<QRadioButton*>(QStringLiteral("manualProxyRadio"))->click();

    QVERIFY(!dialog->saveButton()->isEnabled());
    QVERIFY(!dialog->proxyError().isEmpty());

    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("proxyHostEdit")), QStringLiteral("proxy.example.com"));

    QVERIFY(dialog->saveButton()->isEnabled());
    QVERIFY(dialog->proxyError().isEmpty());
}

void TestSettingsDialog::inputsHaveAccessibleNames()
{
    m_app.start(m_server.url());
    SettingsDialog* dialog = openSettings();
    QVERIFY(dialog);

    for (QWidget* input : dialog->findChildren<QWidget*>()) {
        const bool isInput = qobject_cast<QLineEdit*>(input) || qobject_cast<QAbstractButton*>(input) ||
                             qobject_cast<QSpinBox*>(input);
        // Push buttons are named by their text, and the spin box's inner line edit by the spin box.
        const bool namedByOthers = qobject_cast<QPushButton*>(input) ||
                                   input->objectName().startsWith(QStringLiteral("qt_"));
        if (!isInput || namedByOthers)
            continue;
        QVERIFY2(!input->accessibleName().isEmpty(), qPrintable(input->objectName()));
    }
    QVERIFY(GuiTest::saveScreenshot(dialog, QStringLiteral("settings")));
}

void TestSettingsDialog::savesPlainSettings()
{
    m_app.start(m_server.url());
    SettingsDialog* dialog = openSettings();
    QVERIFY(dialog);

    dialog->findChild<QSpinBox*>(QStringLiteral("warningLeadSpin"))->setValue(48);
    dialog->findChild<QCheckBox*>(QStringLiteral("startMinimizedCheck"))->setChecked(true);
    dialog->findChild<QRadioButton*>(QStringLiteral("noProxyRadio"))->click();
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);

    QTRY_VERIFY(!m_app.controller()->settingsDialog());
    QCOMPARE(AppSettings::expiryWarningLeadSeconds(), 48 * 3600);
    QCOMPARE(m_app.session()->expiryWarningLead(), 48 * 3600);
    QVERIFY(AppSettings::startMinimized());
    QCOMPARE(AppSettings::proxySettings().mode, ProxySettings::Mode::None);
}

void TestSettingsDialog::settingsFileFreeOfSecrets()
{
    const QByteArray proxyPassword = "proxy-secret-4711";
    m_app.start(m_server.url());
    signInAsGrace();
    QStringList secrets{m_plainUser.password, m_app.session()->accessToken()};

    m_app.tray()->renewAction()->trigger();
    QTRY_VERIFY(!secrets.contains(m_app.session()->accessToken()));
    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedIn);
    secrets.append(m_app.session()->accessToken());
    const std::optional<QByteArray> entry =
        readKeychainEntry(StoredSession::sessionKey(m_server.url(), m_plainUser.userName));
    QVERIFY(entry.has_value());
    secrets.append(StoredSession::fromJson(*entry, nullptr)->refreshToken);

    // The proxy password, typed into the settings dialog.
    SettingsDialog* dialog = openSettings();
    QVERIFY(dialog);
    dialog->findChild<QRadioButton*>(QStringLiteral("manualProxyRadio"))->click();
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("proxyHostEdit")), QStringLiteral("127.0.0.1"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("proxyUserEdit")), QStringLiteral("proxy-user"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("proxyPasswordEdit")), QString::fromLatin1(proxyPassword));
    QSignalSpy saved(dialog, &SettingsDialog::saved);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 15000);
    const ProxySettings proxy = AppSettings::proxySettings();
    QCOMPARE(readKeychainEntry(proxy.passwordKey()).value_or(QByteArray()), proxyPassword);
    secrets.append(QString::fromLatin1(proxyPassword));

    // The proxy leads nowhere, so the sign-out's LogOut fails, but the session goes all the same.
    m_app.session()->signOut();
    QTRY_COMPARE_WITH_TIMEOUT(m_app.session()->state(), Session::State::SignedOut, 15000);

    const QByteArray settingsFile = settingsFileBytes();
    QVERIFY(settingsFile.contains("proxy-user"));
    for (const QString& secret : secrets) {
        QVERIFY(!secret.isEmpty());
        QVERIFY2(!settingsFile.contains(secret.toUtf8()), "a secret is in the settings file");
    }
    QVERIFY(m_app.removeKeychainEntry(proxy.passwordKey()));
}

void TestSettingsDialog::switchServerKeepsSession()
{
    FakeServer otherServer;
    QVERIFY2(otherServer.start({{m_plainUser}}), qPrintable(otherServer.errorMessage()));
    m_app.start(m_server.url());
    signInAsGrace();
    const QString sessionKey = StoredSession::sessionKey(m_server.url(), m_plainUser.userName);

    SettingsDialog* dialog = openSettings();
    QVERIFY(dialog);
    dialog->findChild<QRadioButton*>(QStringLiteral("customRadio"))->click();
    QLineEdit* customServer = dialog->findChild<QLineEdit*>(QStringLiteral("customServerEdit"));
    customServer->clear();
    QTest::keyClicks(customServer, otherServer.url().toString());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);

    QTRY_COMPARE(ServerUrl::origin(m_app.session()->server()), ServerUrl::origin(otherServer.url()));
    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedOut);
    QVERIFY(m_app.signInDialog()->isVisible());
    QCOMPARE(ServerUrl::origin(m_app.signInDialog()->server()), ServerUrl::origin(otherServer.url()));
    QCOMPARE(m_app.keychainStatus(sessionKey), KeychainStore::Status::Ok);

    dialog = openSettings();
    QVERIFY(dialog);
    customServer = dialog->findChild<QLineEdit*>(QStringLiteral("customServerEdit"));
    customServer->clear();
    QTest::keyClicks(customServer, m_server.url().toString());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(m_app.session()->state(), Session::State::SignedIn, 15000);
    QCOMPARE(m_app.session()->userName(), m_plainUser.userName);
    QTRY_VERIFY(!m_app.signInDialog()->isVisible());
}

DENVR_GUI_TEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
