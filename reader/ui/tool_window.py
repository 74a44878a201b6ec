"""The window's non-modal tool windows (Key Figures, the overview, the shortcuts help) close from the keyboard:
Esc or Ctrl+W, also without a window manager to give them a title bar, and the main window gets the keyboard
back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QWidget


class _Closer(QAction):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        keys = [QKeySequence(Qt.Key.Key_Escape)]
        keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Close) if k not in keys]
        if QKeySequence("Ctrl+W") not in keys:
            keys.append(QKeySequence("Ctrl+W"))
        self.setShortcuts(keys)
        self.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.triggered.connect(window.close)
        window.addAction(self)
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and isinstance(obj, QWidget):
            owner = obj.parentWidget()
            if owner is not None and owner.window().isVisible():
                owner.window().activateWindow()  # the keyboard back where the tool window was opened from
        return False


def close_keys(window: QWidget) -> QAction:
    """Esc and Ctrl+W (and the platform's other Close keys) close the tool window ``window``."""
    return _Closer(window)


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` in front with the keyboard in it."""
    window.show()
    # WORKAROUND: the offscreen platform (tests, headless) warns on raise(); it has no stacking to change.
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
    window.activateWindow()
