#include "StatusWindow.h"

#include "GuiResources.h"
#include "LoggingCategories.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

// A menu item's text without the keyboard accelerator marker.
QString buttonText(const QAction* action)
{
    QString text = action->text();
    text.remove(QLatin1Char('&'));
    return text;
}

} // namespace

StatusWindow::StatusWindow(QWidget* parent)
    : QWidget(parent)
    , m_headline(new QLabel(this))
    , m_details(new QLabel(this))
    , m_buttonColumn(new QVBoxLayout)
    , m_quitColumn(new QVBoxLayout)
{
    setObjectName(QStringLiteral("statusWindow"));
    setWindowTitle(QGuiApplication::applicationDisplayName());
    setWindowIcon(GuiResources::appIcon());
    setAccessibleName(tr("Denvr Sign-In status"));

    QFont headlineFont = m_headline->font();
    headlineFont.setBold(true);
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.15);
    m_headline->setFont(headlineFont);
    m_headline->setObjectName(QStringLiteral("headlineLabel"));
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::PlainText);

    m_details->setObjectName(QStringLiteral("detailsLabel"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* note = new QLabel(tr("This desktop has no system tray, so Denvr Sign-In shows its status here. "
                               "Closing the window minimizes it; the session is renewed while the app runs."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* text = new QVBoxLayout;
    text->addWidget(m_headline);
    text->addWidget(m_details);
    text->addSpacing(6);
    text->addWidget(note);
    text->addStretch();

    auto* buttons = new QVBoxLayout;
    buttons->addLayout(m_buttonColumn);
    buttons->addStretch();
    buttons->addLayout(m_quitColumn);

    auto* columns = new QHBoxLayout(this);
    columns->addLayout(text, 1);
    columns->addSpacing(12);
    columns->addLayout(buttons);

    setMinimumWidth(520);
}

void StatusWindow::setSummary(const QString& headline, const QString& details)
{
    m_headline->setText(headline);
    m_details->setText(details);
    m_details->setVisible(!details.isEmpty());
    m_details->setAccessibleName(details);
}

void StatusWindow::addActionButton(QAction* action)
{
    QWidget* button = nullptr;

    if (action->isCheckable()) {
        auto* box = new QCheckBox(buttonText(action), this);
        box->setChecked(action->isChecked());
        connect(box, &QCheckBox::clicked, action, [action](bool checked) {
            action->setChecked(checked);
            emit action->triggered(checked);
        });
        connect(action, &QAction::toggled, box, &QCheckBox::setChecked);
        button = box;
    } else {
        auto* push = new QPushButton(buttonText(action), this);
        push->setAutoDefault(false);
        connect(push, &QPushButton::clicked, action, &QAction::trigger);
        button = push;
    }

    button->setEnabled(action->isEnabled());
    button->setVisible(action->isVisible());
    button->setToolTip(action->toolTip());
    connect(action, &QAction::changed, button, [action, button] {
        button->setEnabled(action->isEnabled());
        button->setVisible(action->isVisible());
    });

    m_buttonColumn->addWidget(button);
    m_buttons.append({action, button});
}

void StatusWindow::setQuitAction(QAction* action)
{
    auto* quit = new QPushButton(buttonText(action), this);
    quit->setAutoDefault(false);
    connect(quit, &QPushButton::clicked, action, &QAction::trigger);
    m_quitColumn->addWidget(quit);
    m_buttons.append({action, quit});
}

QWidget* StatusWindow::buttonFor(const QAction* action) const
{
    for (const auto& entry : m_buttons) {
        if (entry.first == action)
            return entry.second;
    }
    return nullptr;
}

void StatusWindow::closeEvent(QCloseEvent* event)
{
    // Without a tray this window is the way back to the app, so closing it
    // must not quit. Quit is a button of its own.
    event->ignore();
    showMinimized();
    qCInfo(lcGui) << "status window minimized instead of closed";
}
