"""Caret browsing in the reader (F7, as in Firefox): a text caret moved with the arrow keys, Shift+arrows
select, and the number keys highlight the selection, so that nothing needs a mouse.

Also the keys every reader has without a caret: Home/End and Ctrl+Home/Ctrl+End go to the top or the end.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QTextBrowser

#: Where a sentence ends (the caret's "S" key selects from one to the next).
SENTENCE_ENDS = "。！？；!?;\n\u2029"

_BROWSE = (
    Qt.TextInteractionFlag.TextSelectableByMouse
    | Qt.TextInteractionFlag.LinksAccessibleByMouse
    | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
)


def set_caret_browsing(view: QTextBrowser, on: bool) -> None:
    """Show a caret the keyboard moves (and selects with), or go back to a caret-less reader."""
    flags = _BROWSE | Qt.TextInteractionFlag.TextSelectableByKeyboard if on else _BROWSE
    if view.textInteractionFlags() == flags:
        return
    view.setTextInteractionFlags(flags)
    view.setCursorWidth(2 if on else 1)
    if on and view.isVisible():
        place_caret_at_top(view)


def caret_browsing(view: QTextBrowser) -> bool:
    return bool(view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard)


def place_caret_at_top(view: QTextBrowser) -> None:
    """Put the caret at the first character visible at the top of the view, unless it is already in view."""
    rect = view.cursorRect()
    if rect.top() >= 0 and rect.bottom() <= view.viewport().height():
        return
    cursor = view.cursorForPosition(QPoint(8, 8))
    view.setTextCursor(cursor)


def select_sentence(view: QTextBrowser) -> bool:
    """Select the sentence around the caret (up to and including its 。！？；). Returns False without a case."""
    text = view.document().toRawText()
    if not text:
        return False
    pos = min(view.textCursor().position(), len(text) - 1)
    start = pos
    while start > 0 and text[start - 1] not in SENTENCE_ENDS:
        start -= 1
    while start < pos and text[start].isspace():
        start += 1
    end = pos
    while end < len(text) and text[end] not in SENTENCE_ENDS:
        end += 1
    if end < len(text) and text[end] not in "\n\u2029":
        end += 1  # the full stop belongs to the sentence
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    return True


def handle_key(view: QTextBrowser, event: QKeyEvent) -> bool:
    """The reader's navigation keys; True when ``event`` was handled here."""
    key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    caret = caret_browsing(view)
    if key == Qt.Key.Key_S and mods == Qt.KeyboardModifier.NoModifier and caret:
        return select_sentence(view)
    plain_or_ctrl = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier)
    if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and not caret and plain_or_ctrl:
        bar = view.verticalScrollBar()
        bar.setValue(bar.minimum() if key == Qt.Key.Key_Home else bar.maximum())
        return True
    return False
