#pragma once

class QLineEdit;

// Empties a line edit that contains a password or a code and overwrites the
// characters it contained. setText() rather than clear() is used, because it also
// drops the field's undo history, which keeps every typed character.
void clearSecretField(QLineEdit *field);
