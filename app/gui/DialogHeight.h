#pragma once

class QWidget;

// Resizes window to the height its layout needs at its current width.
// Word-wrapped status lines appear and disappear in the dialogs, and a
// top-level window neither grows for a wrapped label nor shrinks once it
// hides, so the dialogs call this whenever their layout changes.
void fitDialogHeight(QWidget* window);
