"""Every bookmark of the library as a table: name, case, batch, date (Go → Bookmarks…)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.domain.annotation import Annotation, AnnotationError, parse_timestamp

#: The annotation id of a row.
AnnotationIdRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class BookmarkRow:
    annotation: Annotation
    case_title: str
    batch: str

    @property
    def name(self) -> str:
        return " ".join(self.annotation.note.split())

    def date(self) -> str:
        try:
            moment = parse_timestamp(self.annotation.created).astimezone()
        except AnnotationError:
            return self.annotation.created
        return moment.strftime("%Y-%m-%d %H:%M")


class BookmarksModel(QAbstractTableModel):
    """Rows of :class:`BookmarkRow`, newest first; :meth:`reload` reads them again from ``load``."""

    def __init__(self, *, load: Callable[[], list[BookmarkRow]], headers: list[str], parent: QObject | None = None):
        super().__init__(parent)
        self._load, self._headers = load, headers
        self._rows: list[BookmarkRow] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = sorted(self._load(), key=lambda r: r.annotation.created, reverse=True)
        self.endResetModel()

    def row_at(self, row: int) -> BookmarkRow:
        return self._rows[row]

    # Qt API ------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (r.name, r.case_title, r.batch, r.date())[index.column()]
        if role == AnnotationIdRole:
            return r.annotation.id
        return None
