#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QVBoxLayout;

// The small window that replaces the tray where the desktop has none:
// the session's headline and details, and a button for each tray menu
// action. The buttons trigger the tray's own QActions and follow their
// enabled state, so both offer the same actions in every state. Closing the
// window minimizes it, so only the Quit button ends the app.
class StatusWindow : public QWidget
{
    Q_OBJECT

public:
    explicit StatusWindow(QWidget* parent = nullptr);

    // The headline and the tooltip lines below it, as SessionSummary writes them.
    void setSummary(const QString& headline, const QString& details);

    // Adds a button that triggers action and mirrors its text and enabled
    // state. The "Start at login" check item becomes a check box.
    void addActionButton(QAction* action);

    // Ends the button rows; the Quit action goes last, on its own.
    void setQuitAction(QAction* action);

    QLabel* headlineLabel() const { return m_headline; }
    QLabel* detailsLabel() const { return m_details; }

    // The button of action, or nullptr.
    QWidget* buttonFor(const QAction* action) const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QLabel* m_headline;
    QLabel* m_details;
    QVBoxLayout* m_buttonColumn;
    QVBoxLayout* m_quitColumn;
    QList<QPair<const QAction*, QWidget*>> m_buttons;
};
