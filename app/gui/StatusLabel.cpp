#include "StatusLabel.h"

#include <QAccessible>
#include <QLabel>
#include <QPalette>

namespace {

const char* const ErrorProperty = "denvrStatusError";

void prepare(QLabel* label)
{
    // Expanding, so that a line in a form's field column takes the column's
    // full width. It is set before the word wrap, which adds height-for-width.
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

void setTextColor(QLabel* label, const QColor& color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

} // namespace

void StatusLabel::styleAsError(QLabel* label)
{
    prepare(label);
    label->setProperty(ErrorProperty, true);

    // Red that keeps a readable contrast on light and on dark window colors.
    setTextColor(label, isDark(label->palette()) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c));
}

void StatusLabel::styleAsHint(QLabel* label)
{
    prepare(label);

    // Between the text and the window color: clearly secondary, still readable.
    const QPalette palette = label->palette();
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    const QColor hint =
        QColor::fromRgbF(text.redF() * 0.65f + window.redF() * 0.35f, text.greenF() * 0.65f + window.greenF() * 0.35f,
                         text.blueF() * 0.65f + window.blueF() * 0.35f);
    setTextColor(label, hint);
}

void StatusLabel::styleAsNote(QLabel* label)
{
    prepare(label);
}

void StatusLabel::setText(QLabel* label, const QString& text)
{
    if (label->text() == text && label->isHidden() == text.isEmpty())
        return;

    label->setText(text);
    label->setVisible(!text.isEmpty());

    if (!text.isEmpty() && label->property(ErrorProperty).toBool()) {
        QAccessibleEvent event(label, QAccessible::Alert);
        QAccessible::updateAccessibility(&event);
    }
}
