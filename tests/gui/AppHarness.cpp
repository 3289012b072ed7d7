#include "AppHarness.h"

#include "ApiClient.h"
#include "AppController.h"
#include "Session.h"
#include "SignInDialog.h"
#include "TrayController.h"

#include <QApplication>
#include <QLineEdit>
#include <QTest>

#include <optional>

namespace {

constexpr int DialogTimeoutMs = 5000;
constexpr int KeychainTimeoutMs = 15000;

} // namespace

AppHarness::AppHarness(const QString& keychainService)
    : m_keychainService(keychainService)
{
}

AppHarness::~AppHarness()
{
    stop();
}

void AppHarness::start(const QUrl& server)
{
    stop();

    m_client = std::make_unique<ApiClient>();
    m_keychain = std::make_unique<KeychainStore>(m_keychainService);
    m_session = std::make_unique<Session>(m_client.get(), m_keychain.get());
    m_controller = std::make_unique<AppController>(m_session.get());
    m_controller->setProxyServices(m_client.get(), m_keychain.get());

    m_controller->start(server);
}

void AppHarness::stop()
{
    m_controller.reset();
    m_session.reset();
    m_keychain.reset();
    m_client.reset();
}

SignInDialog* AppHarness::signInDialog() const
{
    return m_controller->signInDialog();
}

TrayController* AppHarness::tray() const
{
    return m_controller->trayController();
}

QLineEdit* AppHarness::signInField(const char* objectName) const
{
    return signInDialog()->findChild<QLineEdit*>(QString::fromLatin1(objectName));
}

bool AppHarness::submitSignIn(const QString& userName, const QString& password)
{
    if (!QTest::qWaitFor([this] { return signInDialog()->isVisible(); }, DialogTimeoutMs))
        return false;
    if (!QTest::qWaitForWindowActive(signInDialog(), DialogTimeoutMs))
        return false;

    QLineEdit* userNameEdit = signInField("userNameEdit");
    QTest::mouseClick(userNameEdit, Qt::LeftButton);
    userNameEdit->selectAll();
    QTest::keyClicks(userNameEdit, userName);
    QTest::keyClick(userNameEdit, Qt::Key_Tab);
    QTest::keyClicks(QApplication::focusWidget(), password);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    return true;
}

KeychainStore::Status AppHarness::keychainStatus(const QString& key)
{
    KeychainStore store(m_keychainService);
    std::optional<KeychainStore::Status> status;
    store.read(key, nullptr, [&status](const KeychainStore::Outcome& outcome) { status = outcome.status; });

    if (!QTest::qWaitFor([&status] { return status.has_value(); }, KeychainTimeoutMs))
        return KeychainStore::Status::TimedOut;

    return *status;
}

bool AppHarness::removeKeychainEntry(const QString& key)
{
    KeychainStore store(m_keychainService);
    bool removed = false;
    bool answered = false;
    store.remove(key, nullptr, [&removed, &answered](const KeychainStore::Outcome& outcome) {
        removed = outcome.ok() || outcome.status == KeychainStore::Status::NotFound;
        answered = true;
    });

    return QTest::qWaitFor([&answered] { return answered; }, KeychainTimeoutMs) && removed;
}
