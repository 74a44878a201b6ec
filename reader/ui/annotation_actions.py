"""The main window's annotation commands: highlight, bookmark, case note, jumping to an annotation, and the
annotation files (export, import, restore from backup)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from reader.domain.annotation import AnnotationError, bookmark_name_at, new_bookmark, new_highlight
from reader.ui.constants import STATUS_CONFIRM_MS, STATUS_ERROR_MS

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.reader_tab import ReaderTab


class AnnotationActions(QObject):
    """Turns the user's annotation commands into writes to the window's annotation store."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.bookmarks_dialog: QDialog | None = None  # Go → Bookmarks… while it is open

    def highlight(self, tab: ReaderTab, start: int, end: int, colour: int, *, with_note: bool = False) -> bool:
        w = self._window
        case = tab.view.case
        if case is None or start >= end:
            return False
        try:
            annotation = new_highlight(case, start, end, color=colour)
        except AnnotationError as exc:
            w.statusBar().showMessage(str(exc), STATUS_ERROR_MS)
            return False
        if not w.annotation_store.add(annotation, text=self.tr("Highlight")):
            return False
        cursor = tab.view.textCursor()
        cursor.clearSelection()
        tab.view.setTextCursor(cursor)
        if with_note:
            self.show_annotation(annotation.id)
            w.annotations.editor.note.setFocus()
        return True

    def bookmark_here(self, tab: ReaderTab | None = None, offset: int | None = None, *, name: str = "") -> bool:
        """Bookmark the place at the top of ``tab`` (or at plain ``offset``), named ``name`` or, without one, as the
        user says in a small dialog prefilled with the section's heading and the first words there."""
        w = self._window
        tab = tab or w.current_tab()
        if tab is None or tab.view.case is None:
            return False
        case = tab.view.case
        start: int | None = tab.view.plain_offset_at_top() if offset is None else offset
        try:
            annotation = new_bookmark(case, start)
        except AnnotationError:
            annotation, start = new_bookmark(case), None
        from reader.ui.bookmarks import ask_name

        name = name or ask_name(w, bookmark_name_at(case, start), title=self.tr("Bookmark This Place"))
        annotation = annotation.replace(note=name)  # a bookmark's name is its note
        if w.annotation_store.add(annotation, text=self.tr("Bookmark")):
            w.statusBar().showMessage(self.tr("Bookmark added"), STATUS_CONFIRM_MS)
            return True
        return False

    def show_bookmarks(self) -> None:
        """Go → Bookmarks…: every bookmark of the library; Enter goes to one."""
        from reader.ui.batch_labels import batch_labels
        from reader.ui.bookmarks import BookmarksDialog

        w = self._window
        w.flush_user_data()
        labels = batch_labels(w.catalog.batches())
        batches = w.catalog.case_batches

        dialog = BookmarksDialog(
            store=w.annotation_store,
            case_title=w.case_title,
            batch_label=lambda cid: labels.get(batches.get(cid, ""), ""),
            parent=w,
        )
        from reader.ui import geometry

        dialog.resize(geometry.fitted_size(dialog.size(), geometry.available_geometry(w)))
        dialog.jump_requested.connect(self.jump_to_annotation)
        self.bookmarks_dialog = dialog  # tests reach the open dialog here
        dialog.exec()
        dialog.deleteLater()
        self.bookmarks_dialog = None

    def case_note(self) -> None:
        """The note on the case in front (Ctrl+Shift+N); nothing without one (never the last case closed)."""
        w = self._window
        tab = w.current_tab()
        if tab is None or not tab.case_id:
            return
        w.right.setCurrentWidget(w.annotations)
        w.annotations.set_case(tab.case_id)
        w.annotations.edit_case_note()

    def show_annotation(self, annotation_id: str) -> None:
        w = self._window
        w.right.setCurrentWidget(w.annotations)
        w.annotations.select(annotation_id)

    def jump_to_annotation(self, case_id: str, annotation_id: str) -> None:
        w = self._window
        tab = w.current_tab()
        if tab is None or tab.case_id != case_id:
            if not w.open_case(case_id):
                return
            tab = w.current_tab()
        annotation = w.annotation_store.get(annotation_id)
        if tab is not None and annotation is not None and annotation.position is not None and not annotation.orphaned:
            tab.view.scroll_to_plain(annotation.position.start)

    def refresh_views(self, case_id: str) -> None:
        """The store changed for ``case_id`` ("" = any case): every reader tab and comparison repaints."""
        w = self._window
        for view in w.compare.views():
            view.refresh_highlights()
        for tab in w.reader_tabs():
            if tab.case_id and (not case_id or tab.case_id == case_id):
                tab.view.set_annotations(w.annotation_store.for_case(tab.case_id))

    def export_annotations(self) -> None:
        from reader.ui.annotation_files import export_annotations

        export_annotations(self._window, store=self._window.annotation_store, casebook=self._window.catalog)

    def import_annotations(self) -> None:
        from reader.ui.annotation_files import import_annotations

        import_annotations(self._window, store=self._window.annotation_store, casebook=self._window.catalog)

    def restore_backup(self) -> None:
        from reader.ui.annotation_files import restore_backup

        restore_backup(self._window, store=self._window.annotation_store)
