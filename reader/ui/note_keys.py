"""The keys of a plain-text note box: Tab and Shift+Tab move the focus on (a note never needs a literal tab, and
Markdown does not use one), Esc saves and hands the keyboard back to where the user came from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QPlainTextEdit


class _EscapeLeaves(QObject):
    def __init__(self, editor: QPlainTextEdit, leave: Callable[[], object]) -> None:
        super().__init__(editor)
        self._leave = leave
        editor.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape  # type: ignore[attr-defined]
            and event.modifiers() == Qt.KeyboardModifier.NoModifier  # type: ignore[attr-defined]
        ):
            self._leave()
            return True
        return False


def keyboard_friendly(editor: QPlainTextEdit, *, leave: Callable[[], object]) -> None:
    """Tab / Shift+Tab leave ``editor`` for the next / previous widget; Esc calls ``leave()`` (which saves what
    was typed and puts the focus elsewhere)."""
    editor.setTabChangesFocus(True)
    _EscapeLeaves(editor, leave)
