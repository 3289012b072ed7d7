#include "SecretField.h"

#include "SecretWipe.h"

#include <QLineEdit>

void clearSecretField(QLineEdit *field)
{
    // Copied before setText() drops the field's reference, so that this
    // variable then holds the last one.
    QString text = field->text();

    field->setText(QString());

    wipeSecret(text);
}
