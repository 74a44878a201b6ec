"""File → Import batch…: a preview of what a document holds, then one write to the user's library.

``ImportPreviewDialog(path=..., library=...)`` reads and parses the document on a pool thread
(:func:`reader.tasks.run_in_background`) behind a busy indicator, then shows the detected batch title
(editable), categories, the cases (number, title, contributors, category, section count, first lines; a
checkbox per case to leave it out) and the importer's warnings. A document imported before is offered as
"Replace". Nothing is written until the user confirms; the write runs off the GUI thread too. A file that
cannot be imported shows its reason in the dialog and nothing is written. After a successful import the
dialog emits ``imported(batch_id)`` and closes; the caller re-anchors annotations and refreshes its views.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.domain.case import Case
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

    def set_cases(self, cases: Sequence[Case]) -> None:
        self.beginResetModel()
        self._cases = list(cases)
        self._dropped = set()
        self.endResetModel()
        self.selection_changed.emit()

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

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == self.NUMBER:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags


_CHECK = Qt.ItemDataRole.CheckStateRole


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
        self.duplicate_of: str | None = None
        self.batch_id: str | None = None
        self._loader = loader
        self._writing = False
        self.setWindowTitle(self.tr("Import Batch"))
        self.resize(960, 640)

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
        self.table = QTableView(page)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
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
        layout.addWidget(self.cases_label)
        layout.addWidget(self.table, 1)
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
        self.title_edit.setText(batch.title)
        kinds = {"text": self.tr("text"), "markdown": "Markdown", "docx": "Word", "pdf": "PDF"}
        self.source_label.setText(f"{self.path.name} ({kinds.get(document.kind, document.kind)})")
        self.categories_label.setText("、".join(batch.categories) if batch.categories else self.tr("none"))
        self.model.set_cases(batch.cases)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(ImportCasesModel.TITLE, min(self.table.columnWidth(ImportCasesModel.TITLE), 360))
        warnings = document.result.warnings
        self.warnings_model.setStringList(list(warnings))
        self.warnings_label.setText(
            self.tr("Warnings (%1): check these places in the document.").replace("%1", str(len(warnings)))
            if warnings
            else self.tr("No warnings.")
        )
        self.warnings_view.setVisible(bool(warnings))
        if self.duplicate_of is not None:
            old = self.library.batch_title(self.duplicate_of)
            self.duplicate_label.setText(
                self.tr(
                    "This document was imported before as “%1”. Replace that batch? Your annotations are kept."
                ).replace("%1", old)
            )
            self.import_button.setText(self.tr("Replace"))
        self.duplicate_label.setVisible(self.duplicate_of is not None)
        self.stack.setCurrentIndex(self.PREVIEW)
        self._update_button()
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        message = self.error_message(exc)
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
            "import-no-text": self.tr("The PDF contains no text (a scanned image?)."),
            "import-unsupported": self.tr("This kind of file cannot be imported."),
            "import-missing": self.tr("The file cannot be found."),
            "library-duplicate": self.tr("This batch is already in your library."),
            "library-empty-import": self.tr("Every case was left out: there is nothing to import."),
        }
        detail = " ".join(str(exc).split())
        text = messages.get(code)
        if text is None and not code and "no recognisable case" in detail:
            text = self.tr("No case was recognised in the document.")
        return f"{text}\n{detail}" if text else detail

    # -- confirm -------------------------------------------------------------------------------

    def confirm(self) -> None:
        """Write the previewed batch (without the unchecked cases) off the GUI thread."""
        document = self.document
        if document is None or self._writing or not self.import_button.isEnabled():
            return
        title = " ".join(self.title_edit.text().split())
        dropped = self.model.dropped_case_ids()
        replace = self.duplicate_of is not None
        library = self.library
        self._writing = True
        self.cancel_button.setEnabled(False)
        self._show_busy(self.tr("Importing…"))

        def write() -> str:
            return library.import_batch(
                document.result,
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
