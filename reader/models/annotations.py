"""A list model over annotations (of one case, of the library, or the orphans)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reader.domain.annotation import BOOKMARK, CASE_NOTE, Annotation

AnnotationRole = Qt.ItemDataRole.UserRole + 1
AnnotationIdRole = Qt.ItemDataRole.UserRole + 2
CaseIdRole = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class AnnotationListModel(QAbstractListModel):
    def __init__(
        self,
        *,
        colours: Sequence[str],
        case_title: Callable[[str], str] = lambda _cid: "",
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[Annotation] = []
        self._colours = list(colours)
        self._case_title = case_title
        self.show_case = False

    def set_annotations(self, annotations: Sequence[Annotation], *, show_case: bool = False) -> None:
        self.beginResetModel()
        self._rows = list(annotations)
        self.show_case = show_case
        self.endResetModel()

    def annotation(self, row: int) -> Annotation:
        return self._rows[row]

    def row_of(self, annotation_id: str) -> int:
        for i, a in enumerate(self._rows):
            if a.id == annotation_id:
                return i
        return -1

    def _label(self, a: Annotation) -> str:
        first = a.note.strip().splitlines()[0].replace("**", "").lstrip("#-* ")[:80] if a.note.strip() else ""
        if a.kind == CASE_NOTE:
            # Its text on the first line: a row cut to one line still says what the note is.
            head = self.tr("Note on the case") + (f"：{first}" if first else "")
            first = ""
        elif a.kind == BOOKMARK:
            head = self.tr("Bookmark") + (f": {a.quote.exact[:30]}" if a.quote else "")
        else:
            head = (a.quote.exact if a.quote else "").replace("\n", " ")
            head = f"“{head[:60]}{'…' if len(head) > 60 else ''}”"
        lines = [head]
        if first:
            lines.append(first)
        extra = []
        if a.tags:
            extra.append(" ".join(f"#{t}" for t in a.tags))
        if self.show_case:
            extra.append(self._case_title(a.case_id))
        if a.orphaned:
            extra.append(self.tr("(orphaned)"))
        if extra:
            lines.append(" · ".join(x for x in extra if x))
        return "\n".join(lines)

    # Qt API ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(a)
        if role == Qt.ItemDataRole.ToolTipRole:
            return a.note or (a.quote.exact if a.quote else "")
        if role == Qt.ItemDataRole.DecorationRole:
            if a.color is not None:
                return QColor(self._colours[a.color % len(self._colours)])
            return None
        if role == AnnotationRole:
            return a
        if role == AnnotationIdRole:
            return a.id
        if role == CaseIdRole:
            return a.case_id
        return None
