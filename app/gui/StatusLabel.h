#pragma once

#include <QString>

class QLabel;

// The look and behavior shared by the status lines of the dialogs: errors,
// hints and notes. Each line shows plain text (a server message is never
// interpreted as HTML) and is hidden while it has no text.
namespace StatusLabel {

void styleAsError(QLabel* label);
void styleAsHint(QLabel* label);
void styleAsNote(QLabel* label);

// Sets the text, hides the label when the text is empty and announces a
// non-empty error to assistive technology.
void setText(QLabel* label, const QString& text);

} // namespace StatusLabel
