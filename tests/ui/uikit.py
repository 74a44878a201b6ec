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


def drain_pool() -> None:
    """Let every background task (a search, a term index) finish and deliver its queued callback."""
    from PySide6.QtCore import QCoreApplication, QThreadPool

    assert QThreadPool.globalInstance().waitForDone(10000)
    QCoreApplication.processEvents()
