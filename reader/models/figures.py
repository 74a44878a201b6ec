"""The key figures of the whole library as a table model, and the filter/sort proxy the figures window uses.

One row per :class:`~reader.domain.figures.Figure`, with the case's batch, category and regions (printed
contributors, or places the text mentions — marked so). Sorting by the value column sorts by the number
(:data:`SortRole`), not by the text shown.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from reader.domain.figures import Figure, format_value, is_unit_word
from reader.domain.glance import MENTIONED, CaseRegions

_Index = QModelIndex | QPersistentModelIndex

#: The value to sort a cell by (numbers for the value column).
SortRole = Qt.ItemDataRole.UserRole + 1
#: The :class:`FigureRow` of a row.
RowRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("case", "batch", "category", "regions", "value", "unit", "qualifier", "what", "when", "sentence")


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    case_title: str
    batch_id: str
    batch_title: str
    category: str
    regions: CaseRegions

    @property
    def regions_text(self) -> str:
        return "、".join(self.regions.regions)

    def matches(self, words: Sequence[str]) -> bool:
        """Every word occurs: a unit word (``亿元``, ``家``, ``%``) in the figure as printed or its unit; any
        other word in the figure, what it counts, its time, its sentence or the case title."""
        f = self.figure
        own = f"{f.text} {f.unit}".casefold()
        rest = " ".join((f.text, f.what, f.qualifier, f.when, f.sentence, self.case_title)).casefold()
        return all((w in own) if is_unit_word(w) else (w in rest) for w in words)


class FiguresModel(QAbstractTableModel):
    """Rows of figures; :meth:`set_rows` replaces them all."""

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FigureRow] = []

    def set_rows(self, rows: Iterable[FigureRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[FigureRow]:
        return list(self._rows)

    def row_at(self, row: int) -> FigureRow:
        return self._rows[row]

    def _headers(self) -> list[str]:
        return [
            self.tr("Case"),
            self.tr("Batch"),
            self.tr("Category"),
            self.tr("Region"),
            self.tr("Value"),
            self.tr("Unit"),
            self.tr("Qualifier"),
            self.tr("What"),
            self.tr("When"),
            self.tr("Sentence"),
        ]

    # Qt API ----------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        f = r.figure
        column = COLUMNS[index.column()]
        if role == RowRole:
            return r
        if role == SortRole:
            if column == "value":
                return float(f.value)
            return self.data(index, Qt.ItemDataRole.DisplayRole) or ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "value":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "regions" and r.regions.source == MENTIONED:
                return self.tr("Places mentioned in the text (the case prints no contributor)")
            if column == "sentence":
                return f.sentence
            if column == "case":  # the title may be elided: the whole title, then the sentence
                return f"{r.case_title}\n{f.sentence}"
            if column in ("batch", "what"):  # long texts elide in the table
                return self.data(index, Qt.ItemDataRole.DisplayRole) or None
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "case":
            return r.case_title
        if column == "batch":
            return r.batch_title
        if column == "category":
            return r.category
        if column == "regions":
            text = r.regions_text
            return (
                self.tr("%1 (mentioned in the text)").replace("%1", text)
                if text and r.regions.source == MENTIONED
                else text
            )
        if column == "value":
            shown = format_value(f.value, f.unit)
            if f.high is not None:
                shown = f"{f.value:g}–{format_value(f.high, f.unit)}"
            return shown
        if column == "unit":
            return f.unit
        if column == "qualifier":
            return f.qualifier
        if column == "what":
            return f.what
        if column == "when":
            return f.when
        return f.sentence


class FiguresFilter(QSortFilterProxyModel):
    """Keeps rows matching every set filter: batch, category, region, unit (exact) and search words (all of
    them, anywhere in the figure as printed, its unit, what, qualifier, time, sentence or case title)."""

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.batch = ""
        self.category: str | None = None
        self.region = ""
        self.unit = ""
        self.words: tuple[str, ...] = ()
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_filters(
        self,
        *,
        batch: str = "",
        category: str | None = None,
        region: str = "",
        unit: str = "",
        search: str = "",
    ) -> None:
        self.beginFilterChange()
        self.batch, self.category, self.region, self.unit = batch, category, region, unit
        self.words = tuple(w.casefold() for w in search.split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, FiguresModel)
        r = model.row_at(source_row)
        if self.batch and r.batch_id != self.batch:
            return False
        if self.category is not None and r.category != self.category:
            return False
        if self.region and self.region not in r.regions.regions:
            return False
        if self.unit and r.figure.unit != self.unit:
            return False
        return r.matches(self.words)

    def visible_rows(self) -> list[FigureRow]:
        model = self.sourceModel()
        assert isinstance(model, FiguresModel)
        return [model.row_at(self.mapToSource(self.index(i, 0)).row()) for i in range(self.rowCount())]


CSV_FIELDS = (
    "case_id",
    "case_title",
    "batch_id",
    "batch_title",
    "category",
    "regions",
    "regions_source",
    "value",
    "high",
    "unit",
    "qualifier",
    "what",
    "when",
    "text",
    "sentence",
    "source",
    "section",
    "segment",
    "start",
    "end",
)


def rows_csv(rows: Sequence[FigureRow]) -> str:
    """The rows as CSV text (header first; values as plain numbers)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CSV_FIELDS)
    for r in rows:
        f = r.figure
        w.writerow(
            [
                f.case_id,
                r.case_title,
                r.batch_id,
                r.batch_title,
                r.category,
                r.regions_text,
                r.regions.source,
                f.value,
                "" if f.high is None else f.high,
                f.unit,
                f.qualifier,
                f.what,
                f.when,
                f.text,
                f.sentence,
                f.source,
                f.section,
                f.segment,
                f.start,
                f.end,
            ]
        )
    return out.getvalue()
