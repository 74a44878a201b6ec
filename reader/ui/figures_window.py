"""The figures window: every key figure of the library in one table, filtered, sorted, searched, exported.

Filters: batch, category, region (printed contributors, or places the text mentions — marked), unit, and
search words that must all occur (``亿元 融资``). Click a column header to sort (the value column sorts by
the number). Double-click (or Enter) opens the case at the figure's sentence. Export writes the rows shown,
in the order shown, to CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese), or as
a table headed by the filters in force to Word or PDF (:mod:`reader.export.table_doc`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.domain.figures import Figure, extract
from reader.domain.glance import MENTIONED, NO_CATEGORY, case_regions
from reader.export.table_doc import TableDoc
from reader.models.figures import COLUMNS, FigureRow, FiguresFilter, FiguresModel, RowRole, rows_csv
from reader.ui.export_dialog import ExportTask, safe_stem
from reader.ui.tool_window import close_keys

#: Each column's share of the page width in an exported table (the sentence gets the most).
EXPORT_WIDTHS = {
    "case": 13,
    "batch": 10,
    "category": 7,
    "regions": 8,
    "value": 8,
    "unit": 4,
    "qualifier": 5,
    "what": 10,
    "when": 8,
    "sentence": 27,
}


#: The widest the long columns of the table get, in characters (their texts elide beyond, the whole text in
#: the tool tip); the other columns are as wide as their texts, and the sentence takes the rest.
COLUMN_MAX_CHARS = {"case": 14, "batch": 10, "regions": 10, "what": 12}


def load_rows(book: Any) -> list[FigureRow]:
    """Every figure of every case of ``book`` (a casebook or the library), in document order."""
    titles = {b.id: b.title for b in book.batches()}
    rows: list[FigureRow] = []
    for case in book.cases():
        regions = case_regions(case)
        for f in extract(case):
            rows.append(
                FigureRow(
                    figure=f,
                    case_title=case.display_title,
                    batch_id=case.batch_id,
                    batch_title=titles.get(case.batch_id, case.batch_id),
                    category=case.category or NO_CATEGORY,
                    regions=regions,
                )
            )
    return rows


def write_csv(path: Path, rows: Sequence[FigureRow]) -> None:
    """Write the rows as CSV to ``path`` all or nothing (a temporary file moved into place)."""
    data = ("\ufeff" + rows_csv(rows)).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".figures-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class FiguresWindow(QWidget):
    """A top-level window; :attr:`open_requested` carries the figure to show in the reader."""

    open_requested = Signal(object)  # Figure

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("figures-window")
        self.setWindowTitle(self.tr("Key Figures"))
        close_keys(self)  # Esc, Ctrl+W
        self.model = FiguresModel(parent=self)
        self.proxy = FiguresFilter(parent=self)
        self.proxy.setSourceModel(self.model)

        self.batch = QComboBox(self)
        self.category = QComboBox(self)
        self.region = QComboBox(self)
        self.unit = QComboBox(self)
        for combo, tip in (
            (self.batch, self.tr("Batch")),
            (self.category, self.tr("Category")),
            (self.region, self.tr("Region: printed contributors, or places mentioned in the text")),
            (self.unit, self.tr("Unit")),
        ):
            combo.setToolTip(tip)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(260)
            combo.currentIndexChanged.connect(self._apply)
        self.search = QLineEdit(self)
        self.search.setObjectName("figures-search")
        self.search.setPlaceholderText(self.tr("Search figures, e.g. 亿元 融资"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply)
        self.count = QLabel(self)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.word_button = QPushButton(self.tr("Export Word…"), self)
        self.word_button.setToolTip(self.tr("The rows shown, as a table in a Word document"))
        self.word_button.clicked.connect(lambda: self.export_document("docx"))
        self.pdf_button = QPushButton(self.tr("Export PDF…"), self)
        self.pdf_button.setToolTip(self.tr("The rows shown, as a table in a PDF"))
        self.pdf_button.clicked.connect(lambda: self.export_document("pdf"))
        self.export_task: ExportTask | None = None

        self.table = QTableView(self)
        self.table.setObjectName("figures-table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the sentence takes the rest
        self.table.doubleClicked.connect(self._activated)
        self.table.installEventFilter(self)  # Enter opens too (``activated`` is not emitted on every platform)

        filters = QHBoxLayout()
        for w in (self.batch, self.category, self.region, self.unit):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        for button in (self.export_button, self.word_button, self.pdf_button):
            bottom.addWidget(button)
        lay = QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        self.resize(1280, 640)  # fitted to the screen when shown

    # -- data --------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[FigureRow]) -> None:
        """Show these rows; the filter choices are rebuilt from them (current choices kept when still there)."""
        self.model.set_rows(rows)
        batches = {r.batch_id: r.batch_title for r in rows}
        categories = sorted({r.category for r in rows if r.category})
        printed = sorted({g for r in rows if r.regions.source != MENTIONED for g in r.regions.regions})
        mentioned = sorted({g for r in rows if r.regions.source == MENTIONED for g in r.regions.regions})
        units = sorted({r.figure.unit for r in rows}, key=lambda u: (-sum(r.figure.unit == u for r in rows), u))
        self._fill(self.batch, self.tr("All batches"), [(t, b) for b, t in batches.items()])
        self._fill(
            self.category,
            self.tr("All categories"),
            [(c, c) for c in categories]
            + ([(self.tr("(no category)"), NO_CATEGORY)] if any(not r.category for r in rows) else []),
        )
        mention = self.tr("%1 (mentioned in the text)")
        self._fill(
            self.region,
            self.tr("All regions"),
            [(g, g) for g in printed] + [(mention.replace("%1", g), g) for g in mentioned],
        )
        self._fill(self.unit, self.tr("All units"), [(u, u) for u in units])
        self._apply()
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Each column but the last as wide as its widest text (of every row, so that filtering does not make
        them jump); the long ones at most :data:`COLUMN_MAX_CHARS` characters: longer texts elide, with a tool tip."""
        fm, head = self.table.fontMetrics(), self.table.horizontalHeader()
        pad = 2 * (self.table.style().pixelMetric(self.table.style().PixelMetric.PM_FocusFrameHMargin) + 1) + 6
        char = fm.horizontalAdvance("中")
        for c in range(len(COLUMNS) - 1):
            title = str(self.model.headerData(c, Qt.Orientation.Horizontal) or "")
            need = head.fontMetrics().horizontalAdvance(title) + 2 * pad + 12  # room for the sort arrow
            for r in range(self.model.rowCount()):
                text = self.model.index(r, c).data()
                if text:
                    need = max(need, fm.horizontalAdvance(str(text)) + pad)
            cap = COLUMN_MAX_CHARS.get(COLUMNS[c])
            self.table.setColumnWidth(c, min(need, cap * char + pad) if cap else need)

    @staticmethod
    def _fill(combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for text, value in items:
            combo.addItem(text, value)
        i = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    def set_filters(
        self, *, batch: str = "", category: str | None = None, region: str = "", unit: str = "", search: str = ""
    ) -> None:
        """Choose filters programmatically (a value that is not offered selects "all")."""
        for combo, value in ((self.batch, batch), (self.category, category), (self.region, region), (self.unit, unit)):
            combo.blockSignals(True)
            i = combo.findData(value) if value not in (None, "") or (combo is self.category and value == "") else 0
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(search)
        self.search.blockSignals(False)
        self._apply()

    def _apply(self, *_: object) -> None:
        self.proxy.set_filters(
            batch=self.batch.currentData() or "",
            category=self.category.currentData(),
            region=self.region.currentData() or "",
            unit=self.unit.currentData() or "",
            search=self.search.text(),
        )
        self.count.setText(self._count_text())

    def _count_text(self) -> str:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        cases = len({r.figure.case_id for r in self.proxy.visible_rows()})
        return (
            self.tr("%1 of %2 figures, from %3 cases")
            .replace("%1", str(shown))
            .replace("%2", str(total))
            .replace("%3", str(cases))
        )

    # -- actions -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._activated(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(RowRole)
        if row is not None:
            self.open_requested.emit(row.figure)

    def selected_figure(self) -> Figure | None:
        index = self.table.currentIndex()
        row = index.data(RowRole) if index.isValid() else None
        return row.figure if row is not None else None

    def filter_texts(self) -> list[str]:
        """The filters in force, in words ("Batch: …"), for the head of an exported table."""
        out = []
        for combo, label in (
            (self.batch, self.tr("Batch: %1")),
            (self.category, self.tr("Category: %1")),
            (self.region, self.tr("Region: %1")),
            (self.unit, self.tr("Unit: %1")),
        ):
            if combo.currentIndex() > 0:
                out.append(label.replace("%1", combo.currentText()))
        if self.search.text().strip():
            out.append(self.tr("Search: %1").replace("%1", self.search.text().strip()))
        return out

    def table_doc(self) -> TableDoc:
        """The rows shown, in the order shown, with the columns and texts of the table, as a document."""
        columns = range(self.proxy.columnCount())
        headers = tuple(str(self.proxy.headerData(c, Qt.Orientation.Horizontal)) for c in columns)
        rows = tuple(
            tuple(str(self.proxy.index(r, c).data() or "") for c in columns) for r in range(self.proxy.rowCount())
        )
        filters = self.filter_texts()
        facts = (self._count_text(),) + (("；".join(filters),) if filters else ())
        return TableDoc(
            title=self.windowTitle(),
            headers=headers,
            rows=rows,
            widths=tuple(EXPORT_WIDTHS[name] for name in COLUMNS),
            facts=facts,
            right=frozenset({COLUMNS.index("value")}),
        )

    def export_document(self, fmt: str, path: Path | None = None) -> ExportTask | None:
        """Write the rows shown as a table to Word (``"docx"``) or PDF, on a worker thread with progress; asks
        where when ``path`` is None (and then offers to open the file). Returns the running export."""
        from reader.export.table_doc import write_table
        from reader.ui.export_dialog import ask_path, export_with_progress, show_export_done

        asked = path is None
        if path is None:
            path = ask_path(self, fmt=fmt, name=safe_stem(self.windowTitle()) + (".docx" if fmt == "docx" else ".pdf"))
            if path is None:
                return None
        table = self.table_doc()
        self.export_task = export_with_progress(
            self,
            path=path,
            title=table.title,
            write=lambda p, progress: write_table(table, p, format=fmt, progress=progress),
            on_finished=(lambda result: show_export_done(self, result)) if asked else None,
        )
        return self.export_task

    def export_csv(self, path: Path | None = None) -> Path | None:
        """Write the rows shown to CSV (asks where when ``path`` is None); returns the file written."""
        if path is None:
            from reader.ui.file_dialogs import save_path

            path, _ = save_path(self, "figures", self.tr("Export Figures"), "figures.csv", self.tr("CSV files (*.csv)"))
            if path is None:
                return None
        try:
            write_csv(path, self.proxy.visible_rows())
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Export Figures"),
                self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", exc.strerror or str(exc)),
            )
            return None
        return path
