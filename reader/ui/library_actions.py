"""The main window's commands on the library itself: importing a batch, renaming or removing an imported one,
the library tree's context menu, and refreshing every view that lists batches when the set changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from reader.i18n import error_text
from reader.storage.db import StorageError
from reader.ui.batch_labels import batch_labels
from reader.ui.constants import STATUS_MESSAGE_MS
from reader.ui.file_dialogs import open_path
from reader.ui.reader_tab import ReaderTab

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class LibraryActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def import_batch(self, path: str | None = None) -> None:
        from pathlib import Path

        from reader.ui.import_dialog import ImportPreviewDialog

        w = self._window
        if w.catalog.library is None:
            return
        if path is None:
            chosen = open_path(
                w,
                "import",
                self.tr("Import Batch"),
                self.tr("Documents (*.txt *.md *.docx *.pdf *.ofd);;All files (*)"),
            )
            if chosen is None:
                return
            path = str(chosen)
        dlg = ImportPreviewDialog(path=Path(path), library=w.catalog.library, parent=w)
        dlg.imported.connect(self.show_imported)
        dlg.exec()
        dlg.deleteLater()

    def refresh_annotation_marks(self, _case_id: str = "") -> None:
        """Give the library tree the number of annotations of every case (one query), after any change to the
        annotations: made here, undone, imported or made by another window or process."""
        w = self._window
        counts = w.annotation_store.counts_by_case()
        if counts is not None:  # unreadable now: the marks stay as they were
            w.library_model.set_annotation_counts(counts)

    def show_imported(self, batch_id: str) -> None:
        """After an import: refresh the views, select and scroll to the new batch, say how many cases came in."""
        w = self._window
        self.library_changed()
        w.left.setCurrentWidget(w.library)  # the new batch in view, even when the search tab was in front
        w.library.reveal_batch(batch_id)
        count = next((len(b.cases) for b in w.catalog.batches() if b.id == batch_id), 0)
        w.statusBar().showMessage(self.tr("Imported %1 cases").replace("%1", str(count)), STATUS_MESSAGE_MS)

    def library_changed(self) -> None:
        """The set of batches changed (import, rename, remove): refresh everything that lists them."""
        w = self._window
        w.catalog.refresh()
        try:
            w.annotation_store.db.reanchor_all(w.catalog)
        except StorageError as exc:
            w.statusBar().showMessage(error_text(exc), STATUS_MESSAGE_MS)
        w.library_model.set_batches(w.catalog.batches(), imported=w.catalog.imported_batch_ids())
        if (search := w.lazy_left.built("search")) is not None:
            search.set_batch_titles(batch_labels(w.catalog.batches()))  # type: ignore[attr-defined]
        w.annotation_store.changed.emit("")

    def rename_batch(self, batch_id: str) -> None:
        from PySide6.QtWidgets import QInputDialog

        w = self._window
        title, ok = QInputDialog.getText(
            w, self.tr("Rename Batch"), self.tr("Title:"), text=w.catalog.batch_titles.get(batch_id, "")
        )
        if ok and title.strip():
            w.catalog.library.rename_batch(batch_id, title.strip())  # type: ignore[union-attr]
            self.library_changed()

    def remove_batch(self, batch_id: str) -> None:
        w = self._window
        answer = QMessageBox.question(
            w,
            self.tr("Remove Batch"),
            self.tr(
                "Remove the imported batch “%1”? Your annotations on it are kept as orphans and come back "
                "if you import it again."
            ).replace("%1", w.catalog.batch_titles.get(batch_id, batch_id)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            for i in reversed(range(w.tabs.count())):
                tab = w.tabs.widget(i)
                if isinstance(tab, ReaderTab) and tab.case_id and tab.view.case and tab.view.case.batch_id == batch_id:
                    w.close_tab(i)
            w.catalog.library.remove_batch(batch_id)  # type: ignore[union-attr]
            self.library_changed()

    def tree_menu(self, pos) -> None:
        """The library tree's context menu at ``pos``: open, export, add to a playlist, compare; rename and
        remove for an imported batch."""
        from PySide6.QtWidgets import QMenu

        from reader.models.library import BatchIdRole, ImportedRole, NodeKindRole

        w = self._window
        index = w.library.tree.indexAt(pos)
        menu = QMenu(w)
        ids = w.library.selected_case_ids()
        if ids:
            menu.addAction(self.tr("Open in New Tab"), lambda: [w.open_case(cid, True) for cid in ids])
            menu.addAction(self.tr("Export…"), w.files.export_cases)
            menu.addAction(self.tr("Add to Playlist"), w.presenting.add_selection_to_playlist)
            if len(ids) >= 2:
                menu.addAction(self.tr("Compare Selected Cases"), w.compare.compare_selected)
            else:
                menu.addAction(self.tr("Compare With…"), lambda: w.compare.compare_with(ids[0]))
        if index.isValid() and index.data(NodeKindRole) == "batch" and index.data(ImportedRole):
            batch_id = index.data(BatchIdRole)
            menu.addSeparator()
            menu.addAction(self.tr("Rename Batch…"), lambda: self.rename_batch(batch_id))
            menu.addAction(self.tr("Remove Batch…"), lambda: self.remove_batch(batch_id))
        if not menu.isEmpty():
            menu.exec(w.library.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()
