#include "GuiResources.h"

// Q_INIT_RESOURCE must be used outside any namespace.
static void initializeResourcesOnce()
{
    static const bool initialized = [] {
        Q_INIT_RESOURCE(resources);
        return true;
    }();
    Q_UNUSED(initialized);
}

void GuiResources::initialize()
{
    initializeResourcesOnce();
}

QIcon GuiResources::appIcon()
{
    initialize();
    return QIcon(QStringLiteral(":/icons/denvr-signin.svg"));
}
