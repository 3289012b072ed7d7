#include "DialogHeight.h"

#include <QLayout>
#include <QWidget>

void fitDialogHeight(QWidget* window)
{
    QLayout* layout = window->layout();
    if (!layout || !window->isVisible())
        return;

    const int width = window->width();
    const int needed =
        layout->hasHeightForWidth() ? layout->totalHeightForWidth(width) : layout->totalSizeHint().height();

    if (needed > 0 && needed != window->height())
        window->resize(width, needed);
}
