"""The outline of the open case: its sections and subsections as a flat, indented list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

AnchorRole = Qt.ItemDataRole.UserRole + 1
LevelRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class OutlineModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, int]] = []

    def set_outline(self, rows: list[tuple[str, str, int]]) -> None:
        """Replace the rows: (anchor, heading, level)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, anchor: str) -> int:
        for i, (a, _, _) in enumerate(self._rows):
            if a == anchor:
                return i
        return -1

    # Qt API ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        anchor, heading, level = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return ("    " * (level - 1)) + heading
        if role == Qt.ItemDataRole.ToolTipRole:
            return heading
        if role == AnchorRole:
            return anchor
        if role == LevelRole:
            return level
        return None
