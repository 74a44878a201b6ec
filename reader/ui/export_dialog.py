"""Export from the GUI: choose what and how (:class:`ExportOptionsDialog`), then write it off the GUI thread
with a cancellable progress dialog (:func:`export_with_progress`).

The job is built on the GUI thread (it reads the databases once, quickly); the file is rendered and written
on a pool thread through :func:`reader.tasks.run_in_background`, which touches no widget. Progress is
read from the job's thread-safe :class:`~reader.export.bundle.Progress` by a timer; Cancel sets its flag
and the writer stops at its next step. Files are written all or nothing (temporary file in the target
folder, renamed when complete), so a cancelled or failed export leaves no file behind and an existing file
untouched. Failures are explained in one translated sentence (read-only folder, no permission, file open
in another program, disk full).

The dialog offers PDF, Word (.docx), Markdown and HTML, the clean or the official (公文) layout, each case's
成效要点 (key figures) table, and — from a compare tab — the comparison itself. It remembers the last folder,
format, layout and the key-figures choice in the settings. After
an export, :class:`ExportDoneBox` offers to open the file or show it in its folder.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QProcess, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.export.bundle import (
    ExportCancelled,
    ExportJob,
    ExportResult,
    Progress,
    annotated_case_ids,
    batch_case_ids,
    make_job,
    scope_text,
    unique,
    write_export,
)
from reader.storage.db import StorageError
from reader.tasks import run_in_background

if TYPE_CHECKING:
    from reader.domain.compare import Alignment
    from reader.settings import Settings
    from reader.storage.casebook import Casebook
    from reader.storage.userdb import UserDB

SCOPES = ("current", "selected", "batch", "annotated", "comparison")
EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "md": ".md", "html": ".html"}
#: Formats a comparison can be written in.
COMPARISON_FORMATS = ("pdf", "docx")


def _filters() -> dict[str, str]:
    return {
        "pdf": QCoreApplication.translate("Export", "PDF files (*.pdf)"),
        "docx": QCoreApplication.translate("Export", "Word documents (*.docx)"),
        "md": QCoreApplication.translate("Export", "Markdown files (*.md)"),
        "html": QCoreApplication.translate("Export", "HTML files (*.html *.htm)"),
    }


def export_error_text(exc: BaseException) -> str:
    """A translated explanation of why an export failed, with the file or folder on a second line."""
    code = getattr(exc, "code", "")
    if code == "db-read-only":
        text = QCoreApplication.translate(
            "Export",
            "The file cannot be written here: the folder is read-only, you do not have permission, or the "
            "file is open in another program. Close it or choose another folder, then try again.",
        )
    elif code == "disk-full":
        text = QCoreApplication.translate(
            "Export", "The disk is full. Free some space or choose another drive, then try again."
        )
    elif code == "export-empty":
        text = QCoreApplication.translate("Export", "There is nothing to export.")
    elif code == "case-missing":
        text = QCoreApplication.translate("Export", "A chosen case is not in the casebook.")
    elif isinstance(exc, OSError) or code:
        text = QCoreApplication.translate("Export", "The export could not be written.") + f"\n{exc}"
    else:
        text = QCoreApplication.translate("Export", "The export failed.") + f"\n{exc}"
    path = getattr(exc, "path", None)
    return f"{text}\n{path}" if path else text


class ExportTask(QObject):
    """One running export. Exactly one of ``finished(ExportResult)``, ``failed(message)`` or ``cancelled()``
    is emitted, on the GUI thread. ``message_box`` is the (non-blocking) error box shown on failure."""

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        job: ExportJob | None,
        path: Path,
        *,
        show_errors: bool = True,
        title: str = "",
        write: Callable[[Path, Progress], ExportResult] | None = None,
    ) -> None:
        super().__init__(parent)
        self.job = job
        self.path = Path(path)
        if write is None:
            assert job is not None
            write = lambda path, progress, job=job: write_export(job, path, progress)  # noqa: E731
        self._write = write
        self.progress = Progress()
        self.result: ExportResult | None = None
        self.error: BaseException | None = None
        self.message_box: QMessageBox | None = None
        self._show_errors = show_errors
        self._parent = parent
        self.dialog = QProgressDialog(
            QCoreApplication.translate("Export", "Exporting “%1”…").replace("%1", title or (job.title if job else "")),
            QCoreApplication.translate("Export", "Cancel"),
            0,
            0,
            parent,
        )
        self.dialog.setWindowTitle(QCoreApplication.translate("Export", "Export"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)
        self.running = False

    def start(self) -> None:
        write, path, progress = self._write, self.path, self.progress
        self.running = True
        self._timer.start()
        run_in_background(lambda: write(path, progress), on_success=self._done, on_failure=self._failed)

    def cancel(self) -> None:
        """Ask the writer to stop (it does at its next step); ``cancelled`` follows."""
        self.progress.cancel()
        self.dialog.setLabelText(QCoreApplication.translate("Export", "Cancelling…"))

    def _show_progress(self) -> None:
        total, done = self.progress.total, self.progress.done
        if total and self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        if total:
            self.dialog.setValue(min(done, total - 1))

    def _close_dialog(self) -> None:
        self._timer.stop()
        self.running = False
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _done(self, result: ExportResult) -> None:
        self._close_dialog()
        self.result = result
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._close_dialog()
        self.error = exc
        if isinstance(exc, ExportCancelled):
            self.cancelled.emit()
            return
        message = export_error_text(exc)
        if self._show_errors:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("Export", "Export failed"),
                message,
                QMessageBox.StandardButton.Ok,
                self._parent,
            )
            box.setWindowModality(Qt.WindowModality.WindowModal)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.message_box = box
            box.open()
        self.failed.emit(message)


def export_with_progress(
    parent: QWidget | None,
    *,
    job: ExportJob | None = None,
    path: Path | str,
    on_finished: Callable[[ExportResult], None] | None = None,
    show_errors: bool = True,
    title: str = "",
    write: Callable[[Path, Progress], ExportResult] | None = None,
) -> ExportTask:
    """Write ``job`` (or call ``write(path, progress)``, e.g. for a comparison) to ``path`` on a worker thread
    with a cancellable progress dialog; returns the running task (keep it, or connect to its signals). On
    failure a translated message box is shown (unless ``show_errors`` is false) and ``failed`` carries the
    same text; nothing is left at ``path`` then."""
    task = ExportTask(parent, job, Path(path), show_errors=show_errors, title=title, write=write)
    if on_finished is not None:
        task.finished.connect(on_finished)
    task.start()
    return task


def suggested_file_name(job: ExportJob) -> str:
    """A file name for the job: its title without characters file systems reject, plus the extension."""
    stem = safe_stem(job.title)
    if job.notes_only:
        stem += "-" + QCoreApplication.translate("Export", "notes")
    return stem + EXTENSIONS[job.format]


def safe_stem(title: str) -> str:
    """``title`` without characters file systems reject, at most 80 characters."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")[:80] or "casebook"


class ExportOptionsDialog(QDialog):
    """What to export (current case, selected cases, a batch, every annotated case, or the comparison of the
    compare tab) and how (PDF, Word, Markdown, HTML; clean or official layout; notes only; paper size; each
    case's 成效要点 table, on unless the user turned it off last time).
    :meth:`job` builds the export job (on the GUI thread, reading the databases)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        casebook: Casebook,
        userdb: UserDB | None,
        current_case_id: str | None = None,
        selected_case_ids: Sequence[str] = (),
        comparison: Alignment | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.casebook = casebook
        self.userdb = userdb
        self.comparison = comparison
        self.settings = settings
        self.current_case_id = current_case_id
        self.selected_case_ids = unique(selected_case_ids)
        self._batches = casebook.batches()
        self._annotated = annotated_case_ids(casebook, userdb) if userdb is not None else []
        self.setWindowTitle(self.tr("Export"))
        self.setObjectName("ExportOptionsDialog")

        scope_box = QGroupBox(self.tr("Cases"), self)
        grid = QGridLayout(scope_box)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        current_title = ""
        if current_case_id:
            try:
                current_title = casebook.summary(current_case_id).display_title
            except StorageError:  # a stale id: the choice is simply not offered
                current_case_id = self.current_case_id = None
        labels = {
            "current": self.tr("Current case") + (f": {current_title}" if current_title else ""),
            "selected": self.tr("Selected cases (%n)", "", len(self.selected_case_ids)),
            "batch": self.tr("Whole batch:"),
            "annotated": self.tr("All cases with annotations (%n)", "", len(self._annotated)),
            "comparison": self.tr("The comparison: %1").replace(
                "%1", " | ".join(c.title for c in comparison.columns) if comparison is not None else ""
            ),
        }
        for row, scope in enumerate(SCOPES):
            button = QRadioButton(labels[scope], scope_box)
            self.scope_group.addButton(button, row)
            self.scope_buttons[scope] = button
            grid.addWidget(button, row, 0)
        self.batch_combo = QComboBox(scope_box)
        for b in self._batches:
            self.batch_combo.addItem(f"{b.title} ({len(b.cases)})", b.id)
        grid.addWidget(self.batch_combo, 2, 1)
        self.scope_buttons["current"].setEnabled(bool(current_case_id))
        self.scope_buttons["selected"].setEnabled(bool(self.selected_case_ids))
        self.scope_buttons["annotated"].setEnabled(bool(self._annotated))
        self.scope_buttons["comparison"].setVisible(comparison is not None)
        if current_case_id:
            batch_id = casebook.summary(current_case_id).batch_id
            self.batch_combo.setCurrentIndex(max(0, self.batch_combo.findData(batch_id)))
        default = "selected" if len(self.selected_case_ids) > 1 else ("current" if current_case_id else "batch")
        if comparison is not None:
            default = "comparison"
        self.scope_buttons[default].setChecked(True)

        form_box = QGroupBox(self.tr("Format"), self)
        form = QFormLayout(form_box)
        self.format_combo = QComboBox(form_box)
        self.format_combo.addItem(self.tr("PDF"), "pdf")
        self.format_combo.addItem(self.tr("Word document (.docx)"), "docx")
        self.format_combo.addItem(self.tr("Markdown"), "md")
        self.format_combo.addItem(self.tr("HTML (single file)"), "html")
        form.addRow(self.tr("File type:"), self.format_combo)
        self.layout_combo = QComboBox(form_box)
        self.layout_combo.addItem(self.tr("Clean"), "clean")
        self.layout_combo.addItem(self.tr("Official document (公文: 仿宋 body, 黑体 headings)"), "official")
        form.addRow(self.tr("Layout:"), self.layout_combo)
        self.paper_combo = QComboBox(form_box)
        self.paper_combo.addItem(self.tr("A4"), "A4")
        self.paper_combo.addItem(self.tr("Letter"), "Letter")
        form.addRow(self.tr("Paper:"), self.paper_combo)
        self.notes_only = QCheckBox(self.tr("Notes only (quotes, notes and tags, without the case text)"), form_box)
        form.addRow(self.notes_only)
        self.key_figures = QCheckBox(
            self.tr("Key figures (成效要点): a table at the head of each effect section"), form_box
        )
        self.key_figures.setChecked(True)
        self.notes_only.toggled.connect(lambda on: self.key_figures.setEnabled(not on and self.scope() != "comparison"))
        form.addRow(self.key_figures)
        self.title_edit = QLineEdit(form_box)
        self.title_edit.setPlaceholderText(self.tr("Default: the case or batch title"))
        form.addRow(self.tr("Title:"), self.title_edit)
        if settings is not None:  # the last choices
            self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(settings.get("export/format"))))
            self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(settings.get("export/layout"))))
            self.key_figures.setChecked(bool(settings.get("export/key_figures")))
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.scope_group.idToggled.connect(lambda *_: self._format_changed())
        self._format_changed()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scope_box)
        layout.addWidget(form_box)
        layout.addWidget(buttons)

    def _format_changed(self) -> None:
        fmt = self.format_combo.currentData()
        comparison = self.scope() == "comparison"
        model = self.format_combo.model()
        for i in range(self.format_combo.count()):  # a comparison is a table: PDF or Word only
            item = model.item(i)  # type: ignore[attr-defined]
            item.setEnabled(not comparison or self.format_combo.itemData(i) in COMPARISON_FORMATS)
        if comparison and fmt not in COMPARISON_FORMATS:
            self.format_combo.setCurrentIndex(self.format_combo.findData("pdf"))
            return  # called again by the change
        self.paper_combo.setEnabled(fmt in ("pdf", "docx"))
        self.layout_combo.setEnabled(fmt in ("pdf", "docx"))
        self.notes_only.setEnabled(not comparison)
        self.key_figures.setEnabled(not comparison and not self.notes_only.isChecked())
        self.title_edit.setEnabled(not comparison)

    def format(self) -> str:
        return str(self.format_combo.currentData())

    def remember(self) -> None:
        """Keep the format and layout for the next export."""
        if self.settings is not None:
            self.settings.set("export/format", self.format())
            self.settings.set("export/layout", str(self.layout_combo.currentData()))
            self.settings.set("export/key_figures", self.key_figures.isChecked())

    def scope(self) -> str:
        return SCOPES[max(0, self.scope_group.checkedId())]

    def case_ids(self) -> list[str]:
        """The chosen cases, in order."""
        scope = self.scope()
        if scope == "current":
            return [self.current_case_id] if self.current_case_id else []
        if scope == "selected":
            return list(self.selected_case_ids)
        if scope == "batch":
            return batch_case_ids(self.casebook, self.batch_combo.currentData())
        return list(self._annotated)

    def _batch_title(self) -> str:
        return self._batches[max(0, self.batch_combo.currentIndex())].title

    def _scope_words(self) -> str:
        """What was chosen, in the words of the exported document (see ``reader.export.bundle.LABELS``)."""
        scope = self.scope()
        if scope == "batch":
            return scope_text(batches=[self._batch_title()])
        if scope == "annotated":
            return scope_text(annotated=True)
        return scope_text(cases=scope)

    def job(self) -> ExportJob:
        """The export job for the current choices (reads the casebook and the user database)."""
        scope = self.scope()
        title = self.title_edit.text().strip()
        if not title and scope == "batch":
            title = self._batch_title()
        return make_job(
            self.casebook,
            self.case_ids(),
            userdb=self.userdb,
            title=title,
            format=self.format_combo.currentData(),
            notes_only=self.notes_only.isChecked(),
            paper=self.paper_combo.currentData(),
            layout=self.layout_combo.currentData(),
            scope=self._scope_words(),
            key_figures=self.key_figures.isChecked(),
        )


def ask_path(
    parent: QWidget | None,
    job: ExportJob | None = None,
    *,
    settings: Settings | None = None,
    fmt: str = "",
    name: str = "",
) -> Path | None:
    """Ask where to save ``job`` (or a file of format ``fmt`` named ``name``): a save-file dialog starting in the
    last folder used (kept in the settings when given), else Documents."""
    from reader.ui.file_dialogs import remember_folder, start_folder

    if job is not None:
        fmt, name = job.format, suggested_file_name(job)
    folder = start_folder("export", parent, settings=settings, write=True)
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Export", "Export to"),
        str(folder / name),
        _filters()[fmt],
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".htm", EXTENSIONS[fmt]):
        path = path.with_name(path.name + EXTENSIONS[fmt])
    remember_folder("export", path, parent, settings=settings)
    return path


def show_in_folder(path: Path) -> bool:
    """Show ``path`` in the system's file manager (selected where the platform allows); local files only."""
    path = Path(path)
    if sys.platform.startswith("win"):
        return QProcess.startDetached("explorer", ["/select,", str(path)])[0]
    if sys.platform == "darwin":
        return QProcess.startDetached("open", ["-R", str(path)])[0]
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def open_file(path: Path) -> bool:
    """Open ``path`` in the program the system uses for its type (a PDF viewer, Word or WPS…)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ExportDoneBox(QMessageBox):
    """ "Exported to …" with **Open**, **Show in Folder** and **Close** (non-modal; deletes itself when closed)."""

    def __init__(self, parent: QWidget | None, result: ExportResult) -> None:
        super().__init__(parent)
        self.result = result
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(QCoreApplication.translate("Export", "Export finished"))
        self.setText(QCoreApplication.translate("Export", "Exported to %1").replace("%1", result.path.name))
        self.setInformativeText(str(result.path.parent))
        self.open_button = self.addButton(
            QCoreApplication.translate("Export", "Open"), QMessageBox.ButtonRole.AcceptRole
        )
        self.folder_button = self.addButton(
            QCoreApplication.translate("Export", "Show in Folder"), QMessageBox.ButtonRole.ActionRole
        )
        self.addButton(QCoreApplication.translate("Export", "Close"), QMessageBox.ButtonRole.RejectRole)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button) -> None:
        if button is self.open_button:
            open_file(self.result.path)
        elif button is self.folder_button:
            show_in_folder(self.result.path)


_parentless_boxes: list[ExportDoneBox] = []  # a box without a parent lives as long as it is shown


def show_export_done(parent: QWidget | None, result: ExportResult) -> ExportDoneBox:
    """Show the :class:`ExportDoneBox` for ``result`` (window-modal on ``parent``; returns at once)."""
    box = ExportDoneBox(parent, result)
    if parent is None:
        _parentless_boxes.append(box)
        box.finished.connect(lambda _r, b=box: _parentless_boxes.remove(b) if b in _parentless_boxes else None)
    box.open()
    return box


def run_export_dialog(
    parent: QWidget | None,
    *,
    casebook: Casebook,
    userdb: UserDB | None,
    current_case_id: str | None = None,
    selected_case_ids: Sequence[str] = (),
    on_finished: Callable[[ExportResult], None] | None = None,
    settings: Settings | None = None,
    comparison: Alignment | None = None,
    comparison_highlights: dict | None = None,
    offer_open: bool = True,
) -> ExportTask | None:
    """The whole flow for a menu action: options dialog, save dialog, export with progress, then (unless
    ``offer_open`` is false) a box offering to open the file or its folder. None when the user gave up before
    the export started (or the job could not be made: the reason is shown). ``comparison`` (from a compare
    tab) is offered first, with ``comparison_highlights`` as :func:`reader.export.compare_pdf.write_comparison_pdf`
    takes them."""
    dialog = ExportOptionsDialog(
        parent,
        casebook=casebook,
        userdb=userdb,
        current_case_id=current_case_id,
        selected_case_ids=selected_case_ids,
        comparison=comparison,
        settings=settings,
    )

    def finished(result: ExportResult) -> None:
        if on_finished is not None:
            on_finished(result)
        if offer_open:
            show_export_done(parent, result)

    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        dialog.remember()
        if dialog.scope() == "comparison" and comparison is not None:
            return _export_comparison(
                parent, dialog, comparison, comparison_highlights or {}, settings=settings, on_finished=finished
            )
        try:
            job = dialog.job()
        except StorageError as exc:  # nothing chosen, a case gone: explain, do not crash the menu action
            QMessageBox.warning(parent, QCoreApplication.translate("Export", "Export"), export_error_text(exc))
            return None
    finally:
        dialog.deleteLater()
    path = ask_path(parent, job, settings=settings)
    if path is None:
        return None
    return export_with_progress(parent, job=job, path=path, on_finished=finished)


def _export_comparison(
    parent: QWidget | None,
    dialog: ExportOptionsDialog,
    alignment: Alignment,
    highlights: dict,
    *,
    settings: Settings | None,
    on_finished: Callable[[ExportResult], None],
) -> ExportTask | None:
    from reader.export.bundle import COMPARISON_LABELS

    fmt = dialog.format()
    paper = str(dialog.paper_combo.currentData())
    layout = str(dialog.layout_combo.currentData())
    title = COMPARISON_LABELS["title"].format(
        titles=COMPARISON_LABELS["title_separator"].join(c.title for c in alignment.columns)
    )
    stem = safe_stem(" vs ".join(c.title[:20] for c in alignment.columns))
    path = ask_path(parent, settings=settings, fmt=fmt, name=stem + EXTENSIONS[fmt])
    if path is None:
        return None

    def write(path: Path, progress: Progress) -> ExportResult:
        if fmt == "docx":
            from reader.export.docx_doc import write_comparison_docx

            return write_comparison_docx(alignment, path, title=title, paper=paper, layout=layout, progress=progress)
        from reader.export.compare_pdf import write_comparison_pdf

        return write_comparison_pdf(alignment, path, title=title, paper=paper, highlights=highlights, progress=progress)

    return export_with_progress(parent, path=path, on_finished=on_finished, title=title, write=write)
