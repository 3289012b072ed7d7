#pragma once

#include <QIcon>

// The icons compiled into the GUI library from resources/resources.qrc.
namespace GuiResources {

// Registers the compiled resources. A static library's resource initializer
// is dropped by the linker unless something refers to it, so every class
// that loads an icon calls this first. Calling it again does nothing.
void initialize();

QIcon appIcon();

} // namespace GuiResources
