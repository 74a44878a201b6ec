"""File → Import batch…: a preview of what a document holds, then one write to the user's library.

``ImportPreviewDialog(path=..., library=...)`` reads and parses the document on a pool thread
(:func:`reader.tasks.run_in_background`) behind a busy indicator, then shows the detected batch title
(editable), categories, the cases (number, title, contributors, category, section count, first lines; a
checkbox per case to leave it out) and the importer's warnings. A document imported before is offered as
"Replace"; one already in the library otherwise (a bundled batch, or an imported one with the same title and
case titles) is pointed out before anything is written and offered as "Import as Copy". Nothing is written until the user confirms; the write runs off the GUI thread too. A file that
cannot be imported shows its reason in the dialog and nothing is written. After a successful import the
dialog emits ``imported(batch_id)`` and closes; the caller re-anchors annotations and refreshes its views.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader import i18n
from reader.domain.case import Case
from reader.ingest.errors import IngestError
from reader.ingest.messages import Message
from reader.ingest.parse import ParseResult
from reader.ingest.readers import LoadedDocument, load_document
from reader.tasks import run_in_background

_Index = QModelIndex | QPersistentModelIndex

#: How much of a case's first paragraph the preview shows.
FIRST_LINES = 80


class ImportCasesModel(QAbstractTableModel):
    """The cases of a parsed batch, one row each; column 0 carries the "import this case" checkbox."""

    NUMBER, TITLE, CONTRIBUTORS, CATEGORY, SECTIONS, FIRST_LINES = range(6)

    #: The set of cases to import changed.
    selection_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases: list[Case] = []
        self._dropped: set[str] = set()

    #: The user edited the title or contributors of the case in this row.
    case_edited = Signal(int)

    def set_cases(self, cases: Sequence[Case], dropped: Iterable[str] = ()) -> None:
        self.beginResetModel()
        self._cases = list(cases)
        self._dropped = set(dropped)
        self.endResetModel()
        self.selection_changed.emit()

    def cases(self) -> list[Case]:
        return list(self._cases)

    def case_at(self, row: int) -> Case:
        return self._cases[row]

    def dropped_case_ids(self) -> list[str]:
        """Ids of the unchecked cases, in document order."""
        return [c.id for c in self._cases if c.id in self._dropped]

    def kept_count(self) -> int:
        return len(self._cases) - len(self._dropped)

    def set_kept(self, row: int, kept: bool) -> None:
        self.setData(self.index(row, 0), Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked, _CHECK)

    @staticmethod
    def first_lines(case: Case) -> str:
        text = case.lead[0] if case.lead else next((b.text for s in case.walk() for b in s.blocks), "")
        return text if len(text) <= FIRST_LINES else text[: FIRST_LINES - 1] + "…"

    # Qt API ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("No."),
            self.tr("Title"),
            self.tr("Contributors"),
            self.tr("Category"),
            self.tr("Sections"),
            self.tr("First lines"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cases):
            return None
        case = self._cases[index.row()]
        column = index.column()
        if role == _CHECK and column == self.NUMBER:
            return Qt.CheckState.Unchecked if case.id in self._dropped else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.EditRole and column in (self.TITLE, self.CONTRIBUTORS):
            return case.title if column == self.TITLE else "、".join(case.contributors)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NUMBER:
                return str(case.number) if case.number is not None else ""
            if column == self.TITLE:
                return case.title
            if column == self.CONTRIBUTORS:
                return "、".join(case.contributors)
            if column == self.CATEGORY:
                return case.category or ""
            if column == self.SECTIONS:
                return str(len(case.sections))
            if column == self.FIRST_LINES:
                return self.first_lines(case)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.TITLE, self.FIRST_LINES):
            return case.title if column == self.TITLE else (case.lead[0] if case.lead else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.NUMBER, self.SECTIONS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() in (self.TITLE, self.CONTRIBUTORS):
            return self._edit(index, str(value))
        if role != _CHECK or not index.isValid() or index.column() != self.NUMBER:
            return False
        case = self._cases[index.row()]
        kept = Qt.CheckState(value) == Qt.CheckState.Checked
        if kept == (case.id not in self._dropped):
            return True
        if kept:
            self._dropped.discard(case.id)
        else:
            self._dropped.add(case.id)
        self.dataChanged.emit(index, index, [_CHECK])
        self.selection_changed.emit()
        return True

    def _edit(self, index: _Index, value: str) -> bool:
        case = self._cases[index.row()]
        if index.column() == self.TITLE:
            title = " ".join(value.split())
            if not title:
                return False
            edited = replace(case, title=title)
        else:
            names = tuple(n.strip() for n in re.split(r"[、，,;；]", value) if n.strip())
            edited = replace(case, contributors=names)
        if edited == case:
            return True
        self._cases[index.row()] = edited
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.case_edited.emit(index.row())
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == self.NUMBER:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (self.TITLE, self.CONTRIBUTORS):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


_CHECK = Qt.ItemDataRole.CheckStateRole


class DocumentLinesModel(QAbstractListModel):
    """The document's paragraphs in order; a case's title paragraph is shown in bold."""

    #: How much of a paragraph a row shows (the tooltip has all of it).
    ROW_CHARS = 100

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paragraphs: list[tuple[int, str]] = []
        self._titles: set[int] = set()

    def set_paragraphs(self, paragraphs: Sequence[tuple[int, str]], title_lines: Iterable[int]) -> None:
        self.beginResetModel()
        self._paragraphs = list(paragraphs)
        self._titles = set(title_lines)
        self.endResetModel()

    def line_at(self, row: int) -> int:
        return self._paragraphs[row][0]

    def row_of_line(self, line: int) -> int | None:
        return next((r for r, (no, _) in enumerate(self._paragraphs) if no == line), None)

    def is_title(self, row: int) -> bool:
        return self._paragraphs[row][0] in self._titles

    # Qt API ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._paragraphs)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._paragraphs):
            return None
        line, text = self._paragraphs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text if len(text) <= self.ROW_CHARS else text[: self.ROW_CHARS - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return text
        if role == Qt.ItemDataRole.FontRole and line in self._titles:
            font = QFont()
            font.setBold(True)
            return font
        return None


class ImportPreviewDialog(QDialog):
    """Preview a document's batch and import it into the user's library on confirmation."""

    #: The document was read and parsed; the preview is shown.
    loaded = Signal()
    #: The document cannot be imported (the message shown).
    failed = Signal(str)
    #: The batch was written to the library (its id); the dialog then closes with Accepted.
    imported = Signal(str)

    BUSY, PREVIEW, ERROR = range(3)

    def __init__(
        self,
        *,
        path: Path,
        library: Any,
        loader: Callable[[Path], LoadedDocument] = load_document,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.library = library
        self.document: LoadedDocument | None = None
        self.duplicate_of: str | None = None  # the imported batch this document would replace
        self.same_as: tuple[str, bool] | None = None  # the batch (id, bundled?) this document already is
        self.batch_id: str | None = None
        self._loader = loader
        self._writing = False
        # the user's corrections, by source line number of a case's title paragraph (stable across re-parsing)
        self.parsed: ParseResult | None = None
        self._titles: set[int] = set()
        self._not_titles: set[int] = set()
        self._edits: dict[int, Case] = {}
        self._skipped: set[int] = set()
        self._whole = False
        self.setWindowTitle(self.tr("Import Batch"))
        self.resize(1180, 700)

        self.stack = QStackedWidget(self)
        busy = QWidget(self.stack)
        bl = QVBoxLayout(busy)
        bl.addStretch(1)
        self.busy_label = QLabel(busy)
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_bar = QProgressBar(busy)
        self.busy_bar.setRange(0, 0)  # indeterminate: a busy indicator
        self.busy_bar.setTextVisible(False)
        bl.addWidget(self.busy_label)
        bl.addWidget(self.busy_bar)
        bl.addStretch(1)
        self.stack.addWidget(busy)
        self.stack.addWidget(self._build_preview())
        error = QWidget(self.stack)
        el = QVBoxLayout(error)
        el.addStretch(1)
        self.error_label = QLabel(error)
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        el.addWidget(self.error_label)
        self.whole_button = QPushButton(self.tr("Import as One Case"), error)
        self.whole_button.setToolTip(self.tr("Import the whole document as one case, its headings as sections"))
        self.whole_button.setVisible(False)
        self.whole_button.clicked.connect(self.import_as_one_case)
        el.addWidget(self.whole_button, 0, Qt.AlignmentFlag.AlignCenter)
        el.addStretch(1)
        self.stack.addWidget(error)

        self.buttons = QDialogButtonBox(self)
        self.import_button: QPushButton = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        self._show_busy(self.tr("Reading %1…").replace("%1", self.path.name))
        run_in_background(lambda: self._loader(self.path), on_success=self._loaded, on_failure=self._load_failed)

    def _build_preview(self) -> QWidget:
        page = QWidget(self.stack)
        form = QFormLayout()
        self.title_edit = QLineEdit(page)
        self.title_edit.textChanged.connect(self._update_button)
        self.source_label = QLabel(page)
        self.categories_label = QLabel(page)
        self.categories_label.setWordWrap(True)
        form.addRow(self.tr("Batch title:"), self.title_edit)
        form.addRow(self.tr("Document:"), self.source_label)
        form.addRow(self.tr("Categories:"), self.categories_label)

        self.duplicate_label = QLabel(page)
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setVisible(False)
        self.cases_label = QLabel(page)
        self.model = ImportCasesModel(self)
        self.model.selection_changed.connect(self._update_button)
        self.model.selection_changed.connect(self._remember_skipped)
        self.model.case_edited.connect(self._remember_edit)
        self.table = QTableView(page)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._case_selected)

        self.lines_model = DocumentLinesModel(self)
        self.lines_view = QListView(page)
        self.lines_view.setModel(self.lines_model)
        self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines_view.setUniformItemSizes(True)
        self.lines_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.mark_title_button = QPushButton(self.tr("Mark as Case Title (Split Here)"), page)
        self.mark_title_button.setToolTip(
            self.tr("The selected line becomes the title of a new case; the case it was in ends before it")
        )
        self.mark_title_button.clicked.connect(self.mark_selected_line_as_title)
        self.merge_button = QPushButton(self.tr("Merge into Previous Case"), page)
        self.merge_button.setToolTip(self.tr("The selected case is no case of its own: join it to the one before"))
        self.merge_button.clicked.connect(self.merge_selected_case)
        self.undo_button = QPushButton(self.tr("Undo Corrections"), page)
        self.undo_button.clicked.connect(self.undo_corrections)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_title_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        lines_pane = QWidget(page)
        lp = QVBoxLayout(lines_pane)
        lp.setContentsMargins(0, 0, 0, 0)
        lp.addWidget(
            QLabel(self.tr("Document (case titles in bold; select a line to mark it as a title):"), lines_pane)
        )
        lp.addWidget(self.lines_view, 1)
        lp.addLayout(buttons)
        hint = QLabel(self.tr("Double-click a title or contributors to edit them."), page)
        cases_pane = QWidget(page)
        cp = QVBoxLayout(cases_pane)
        cp.setContentsMargins(0, 0, 0, 0)
        cp.addWidget(self.cases_label)
        cp.addWidget(self.table, 1)
        cp.addWidget(hint)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, page)
        self.splitter.addWidget(cases_pane)
        self.splitter.addWidget(lines_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.warnings_label = QLabel(page)
        self.warnings_model = QStringListModel(self)
        self.warnings_view = QListView(page)
        self.warnings_view.setModel(self.warnings_model)
        self.warnings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.warnings_view.setMaximumHeight(130)
        self.status_label = QLabel(page)
        self.status_label.setWordWrap(True)
        self.status_label.setVisible(False)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.duplicate_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings_view)
        layout.addWidget(self.status_label)
        return page

    # -- states --------------------------------------------------------------------------------

    def _show_busy(self, text: str) -> None:
        self.busy_label.setText(text)
        self.stack.setCurrentIndex(self.BUSY)
        self.import_button.setEnabled(False)

    def is_busy(self) -> bool:
        return self.stack.currentIndex() == self.BUSY

    def _alive(self) -> bool:
        return shiboken6.isValid(self)

    def _loaded(self, document: LoadedDocument) -> None:
        if not self._alive():
            return
        self.document = document
        batch = document.result.batch
        self.duplicate_of = self.library.find_duplicate(document.content_hash)
        same = getattr(self.library, "same_document", None)
        self.same_as = same(document.content_hash, batch.title, [c.title for c in batch.cases]) if same else None
        self.title_edit.setText(batch.title)
        kinds = {"text": self.tr("text"), "markdown": "Markdown", "docx": "Word", "pdf": "PDF", "ofd": "OFD"}
        self.source_label.setText(f"{self.path.name} ({kinds.get(document.kind, document.kind)})")
        self._show_result(document.result)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(ImportCasesModel.TITLE, min(self.table.columnWidth(ImportCasesModel.TITLE), 360))
        if self.duplicate_of is not None:
            old = self.library.batch_title(self.duplicate_of)
            self.title_edit.setText(old)  # Replace keeps the title the batch has in the library (perhaps edited)
            self.duplicate_label.setText(
                self.tr(
                    "This document was imported before as “%1”. Replace that batch? Your annotations are kept."
                ).replace("%1", old)
            )
            self.import_button.setText(self.tr("Replace"))
        elif self.same_as is not None:
            other, bundled = self.same_as
            text = (
                self.tr(
                    "This document is already in your library: “%1” comes with Casebook. Import it again as a copy?"
                )
                if bundled
                else self.tr("This document is already in your library as “%1”. Import it again as a copy?")
            )
            self.duplicate_label.setText(text.replace("%1", self.library.batch_title(other)))
            self.import_button.setText(self.tr("Import as Copy"))
            if self.title_edit.text().strip() == self.library.batch_title(other).strip():
                # Two batches of one name cannot be told apart in the tree: the copy says what it is (editable).
                self.title_edit.setText(self.tr("%1 (copy)").replace("%1", self.title_edit.text().strip()))
        self.duplicate_label.setVisible(self.duplicate_of is not None or self.same_as is not None)
        self.stack.setCurrentIndex(self.PREVIEW)
        self._update_button()
        self.loaded.emit()

    def _show_result(self, result: ParseResult) -> None:
        """Show a parse of the document with the user's edits and skipped cases applied."""
        self.parsed = result
        batch = result.batch
        lines = result.title_lines or [0] * len(batch.cases)
        cases = [self._edited(case, line) for case, line in zip(batch.cases, lines, strict=True)]
        dropped = [case.id for case, line in zip(cases, lines, strict=True) if line in self._skipped]
        self.model.set_cases(cases, dropped)
        self.lines_model.set_paragraphs(result.paragraphs, lines)
        self.categories_label.setText("、".join(batch.categories) if batch.categories else self.tr("none"))
        warnings = [i18n.import_message(w) for w in result.warnings]
        self.warnings_model.setStringList(warnings)
        self.warnings_label.setText(
            self.tr("Warnings (%1): check these places in the document.").replace("%1", str(len(warnings)))
            if warnings
            else self.tr("No warnings.")
        )
        self.warnings_view.setVisible(bool(warnings))
        self._update_actions()

    def _edited(self, case: Case, line: int) -> Case:
        edit = self._edits.get(line)
        if edit is None:
            return case
        return replace(case, title=edit.title, contributors=edit.contributors)

    def _title_lines(self) -> list[int]:
        return list(self.parsed.title_lines) if self.parsed is not None else []

    def _remember_edit(self, row: int) -> None:
        lines = self._title_lines()
        if 0 <= row < len(lines):
            self._edits[lines[row]] = self.model.case_at(row)
        self._update_actions()

    def _remember_skipped(self) -> None:
        lines = self._title_lines()
        dropped = set(self.model.dropped_case_ids())
        if len(lines) == self.model.rowCount():
            self._skipped = {line for line, case in zip(lines, self.model.cases(), strict=True) if case.id in dropped}

    # -- corrections ---------------------------------------------------------------------------

    def _case_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        lines = self._title_lines()
        if current.isValid() and current.row() < len(lines):
            row = self.lines_model.row_of_line(lines[current.row()])
            if row is not None:
                index = self.lines_model.index(row)
                self.lines_view.setCurrentIndex(index)
                self.lines_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        self._update_actions()

    def selected_line(self) -> int | None:
        index = self.lines_view.currentIndex()
        return self.lines_model.line_at(index.row()) if index.isValid() else None

    def selected_case_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def _update_actions(self) -> None:
        line_row = self.lines_view.currentIndex()
        self.mark_title_button.setEnabled(line_row.isValid() and not self.lines_model.is_title(line_row.row()))
        case_row = self.selected_case_row()
        self.merge_button.setEnabled(case_row is not None and case_row > 0)
        self.undo_button.setEnabled(bool(self._titles or self._not_titles or self._edits))

    def mark_selected_line_as_title(self) -> None:
        """The selected document line starts a case (splitting the case it was in)."""
        line = self.selected_line()
        if line is None:
            return
        self._titles.add(line)
        self._not_titles.discard(line)
        self._reparse(select_line=line)

    def merge_selected_case(self) -> None:
        """Join the selected case to the case before it (its title becomes a paragraph of that case)."""
        row = self.selected_case_row()
        lines = self._title_lines()
        if row is None or row == 0 or row >= len(lines):
            return
        line = lines[row]
        self._not_titles.add(line)
        self._titles.discard(line)
        self._edits.pop(line, None)
        self._reparse(select_line=lines[row - 1])

    def undo_corrections(self) -> None:
        self._titles.clear()
        self._not_titles.clear()
        self._edits.clear()
        self._reparse()

    def _reparse(self, select_line: int | None = None) -> None:
        document = self.document
        if document is None:
            return
        try:
            result = document.reparsed(titles=self._titles, not_titles=self._not_titles, whole=self._whole)
        except IngestError as exc:
            self.status_label.setText(self.error_message(exc))
            self.status_label.setVisible(True)
            return
        self.status_label.setVisible(False)
        self._show_result(result)
        self.table.resizeColumnToContents(ImportCasesModel.TITLE)
        self.table.setColumnWidth(ImportCasesModel.TITLE, min(self.table.columnWidth(ImportCasesModel.TITLE), 360))
        if select_line is not None and select_line in result.title_lines:
            self.table.selectRow(result.title_lines.index(select_line))
        self._update_button()

    def corrected_result(self) -> ParseResult | None:
        """What will be written: the current parse with the user's edits (skipped cases are left out on write)."""
        if self.parsed is None:
            return None
        batch = replace(self.parsed.batch, cases=tuple(self.model.cases()))
        return replace(self.parsed, batch=batch)

    def import_as_one_case(self) -> None:
        """After "no recognisable case": read the document again as one case."""
        self._whole = True
        self.whole_button.setVisible(False)
        self._show_busy(self.tr("Reading %1…").replace("%1", self.path.name))
        run_in_background(
            lambda: self._loader(self.path, whole=True),  # type: ignore[call-arg]
            on_success=self._loaded,
            on_failure=self._load_failed,
        )

    def _load_failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        message = self.error_message(exc)
        offer_whole = getattr(exc, "code", "") == "import-no-cases" and not self._whole
        self.whole_button.setVisible(offer_whole)
        if offer_whole:
            message += "\n\n" + self.tr(
                "You can still import the whole document as one case (its headings become sections)."
            )
        self.error_label.setText(self.tr("This file cannot be imported.") + "\n\n" + message)
        self.stack.setCurrentIndex(self.ERROR)
        self.import_button.setEnabled(False)
        self.failed.emit(message)

    def _update_button(self) -> None:
        kept = self.model.kept_count()
        self.cases_label.setText(
            self.tr("Cases: %1 of %2 will be imported (uncheck a case to leave it out).")
            .replace("%1", str(kept))
            .replace("%2", str(self.model.rowCount()))
        )
        ready = self.document is not None and not self._writing and self.stack.currentIndex() == self.PREVIEW
        self.import_button.setEnabled(ready and kept > 0 and bool(self.title_edit.text().strip()))

    def error_message(self, exc: BaseException) -> str:
        """A translated explanation of why the document cannot be read or written (the detail after it)."""
        code = getattr(exc, "code", "")
        messages = {
            "import-empty": self.tr("The file is empty."),
            "import-binary": self.tr("The file is not a text document."),
            "import-encoding": self.tr("The text encoding of the file is not recognised."),
            "import-too-large": self.tr("The file is too large to import."),
            "import-encrypted": self.tr("The file is password-protected."),
            "import-damaged": self.tr("The file is damaged."),
            "import-no-text": self.tr(
                "The document has no text layer, only images (a scan?): run OCR on it or ask for the original file."
            ),
            "import-unsupported": self.tr("This kind of file cannot be imported."),
            "import-missing": self.tr("The file cannot be found."),
            "import-not-file": self.tr("This is not a regular file (a pipe, socket or device)."),
            "import-old-format": self.tr(
                "This is an old binary Word or WPS file (.doc/.wps): open it in Word or WPS, save it as .docx, "
                "and import that file."
            ),
            "import-unreadable": self.tr("The file cannot be read."),
            "import-no-cases": self.tr("No case was recognised in the document."),
            "library-duplicate": self.tr("This batch is already in your library."),
            "library-empty-import": self.tr("Every case was left out: there is nothing to import."),
        }
        text = messages.get(code)
        message = getattr(exc, "message", None)
        if isinstance(message, Message):  # the importer's own words, translated, with its details
            return "\n".join(t for t in (text, i18n.import_message(message)) if t)
        # a file the importer could not read: the translated reason says it; any other error in its own words
        return text or " ".join(i18n.error_text(exc).split())

    # -- confirm -------------------------------------------------------------------------------

    def confirm(self) -> None:
        """Write the previewed batch (without the unchecked cases) off the GUI thread."""
        document = self.document
        if document is None or self._writing or not self.import_button.isEnabled():
            return
        title = " ".join(self.title_edit.text().split())
        dropped = self.model.dropped_case_ids()
        result = self.corrected_result() or document.result
        replace = self.duplicate_of is not None
        library = self.library
        self._writing = True
        self.cancel_button.setEnabled(False)
        self._show_busy(self.tr("Importing…"))

        def write() -> str:
            return library.import_batch(
                result,
                title=title,
                drop_case_ids=dropped,
                replace=replace,
                content_hash=document.content_hash,
            )

        run_in_background(write, on_success=self._written, on_failure=self._write_failed)

    def _written(self, batch_id: str) -> None:
        if not self._alive():
            return
        self._writing = False
        self.batch_id = batch_id
        self.imported.emit(batch_id)
        super().accept()

    def _write_failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        self._writing = False
        self.cancel_button.setEnabled(True)
        self.stack.setCurrentIndex(self.PREVIEW)
        self.status_label.setText(self.tr("Nothing was imported.") + " " + self.error_message(exc))
        self.status_label.setVisible(True)
        self._update_button()

    def accept(self) -> None:  # Enter in the title field: confirm, never close without writing
        self.confirm()

    def reject(self) -> None:
        if not self._writing:
            super().reject()
