"""Item views that report a middle-click on a row (open in a new tab) instead of treating it as a click."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QListView, QTreeView, QWidget


class _MiddleClickMixin:
    """Emits ``middle_clicked(index)`` when the middle button is pressed and released on the same row."""

    def _init_middle_click(self) -> None:
        self._middle_pressed = QPersistentModelIndex()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._middle_pressed = QPersistentModelIndex(self.indexAt(event.position().toPoint()))  # type: ignore[attr-defined]
            event.accept()
            return
        super().mousePressEvent(event)  # type: ignore[misc]

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            index = self.indexAt(event.position().toPoint())  # type: ignore[attr-defined]
            if index.isValid() and QPersistentModelIndex(index) == self._middle_pressed:
                self.middle_clicked.emit(index)  # type: ignore[attr-defined]
            self._middle_pressed = QPersistentModelIndex()
            event.accept()
            return
        super().mouseReleaseEvent(event)  # type: ignore[misc]


class MiddleClickTreeView(_MiddleClickMixin, QTreeView):
    middle_clicked = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._init_middle_click()


class MiddleClickListView(_MiddleClickMixin, QListView):
    middle_clicked = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._init_middle_click()
