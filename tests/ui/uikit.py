"""Helpers the GUI tests share."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_chinese(widget, text: str) -> None:
    """Type like a Chinese input method: the text arrives as one committed string (QTest can't type CJK)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
