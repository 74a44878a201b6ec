"""Workshop playlists: create, rename, duplicate, delete, reorder, annotate, present, export and import.

The panel lists the playlists and, below, the cases of the selected one (drag to reorder, drop cases
from the library to add them). Every change goes through the :class:`~reader.stores.playlists.PlaylistStore`
(one transaction, undoable with Ctrl+Z, made on the copy the panel shows so that another window's change is
merged, never overwritten); a change that cannot be saved is reported and not shown. The main
window adds cases with :meth:`PlaylistsPanel.add_cases` and listens to ``present_requested(playlist_id)``
and ``open_case_requested(case_id)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.i18n import error_text
from reader.models.playlists import PlaylistItemsModel, PlaylistListModel
from reader.storage import playlists as pl
from reader.storage.db import StorageError
from reader.storage.playlists import Playlist, PlaylistFileError, PlaylistItem
from reader.storage.userdb import UserDB
from reader.stores.playlists import PlaylistStore
from reader.ui.file_dialogs import open_path, save_path
from reader.ui.flow_layout import FlowLayout
from reader.ui.note_keys import keyboard_friendly
from reader.ui.sections_dialog import SectionsDialog
from reader.ui.talk_plan import TalkPlan

Outline = Callable[[str], Sequence[tuple[str, str, int]]]  # case id -> (anchor, heading, level)


class PlaylistsPanel(QWidget):
    present_requested = Signal(str)  # playlist id
    rehearse_requested = Signal(str)  # playlist id: the presenter view alone, for practice
    open_case_requested = Signal(str)  # case id
    handout_requested = Signal(str)  # playlist id: export it as a handout (the main window writes it)
    changed = Signal(str)  # id of the playlist that changed ("" = the list itself)

    def __init__(
        self,
        *,
        store: PlaylistStore | None = None,
        db: UserDB | None = None,
        case_title: Callable[[str], str] = lambda case_id: case_id,
        known_case_ids: Callable[[], Iterable[str]] | None = None,
        outline: Outline | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if store is None:  # a panel of its own (tests): its own store, whose failures it shows
            assert db is not None
            store = PlaylistStore(db=db, parent=self)
            store.failed.connect(lambda msg: QMessageBox.warning(self, self.tr("Playlists"), msg))
        self.store = store
        self.db = store.db
        self._writing = self._reloading = False
        store.changed.connect(self._store_changed)
        self._case_title = case_title
        self._known_case_ids = known_case_ids
        self._outline = outline

        self.model = PlaylistListModel(rename=self.rename, parent=self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(lambda _i: self._present())

        self.items = PlaylistItemsModel(
            case_title=case_title, persist_order=self._persist_order, add_cases=self._drop_cases, parent=self
        )
        self.items_view = QListView(self)
        self.items_view.setModel(self.items)
        self.items_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items_view.setDragEnabled(True)
        self.items_view.setAcceptDrops(True)
        self.items_view.setDropIndicatorShown(True)
        self.items_view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.items_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.items_view.setDragDropOverwriteMode(False)
        self.items_view.doubleClicked.connect(self._open_item)
        self.items_view.selectionModel().currentChanged.connect(lambda *_: self._item_changed())

        def button(text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _c=False: slot())
            return b

        self.new_button = button(self.tr("New"), self.tr("Create a playlist"), self._new)
        self.rename_button = button(self.tr("Rename"), self.tr("Rename the playlist (F2)"), self._rename)
        self.duplicate_button = button(self.tr("Duplicate"), self.tr("Make a copy of the playlist"), self._duplicate)
        self.delete_button = button(self.tr("Delete"), self.tr("Delete the playlist"), self._delete)
        self.more_button = QToolButton(self)
        self.more_button.setText(self.tr("Files"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        menu.addAction(self.tr("Import Playlists…"), self._import)
        menu.addAction(self.tr("Export This Playlist…"), lambda: self._export(all_playlists=False))
        menu.addAction(self.tr("Export All Playlists…"), lambda: self._export(all_playlists=True))
        menu.addSeparator()
        menu.addAction(self.tr("Export Handout…"), self._export_handout)
        self.more_button.setMenu(menu)
        for v in (self.view, self.items_view):  # long titles elide (the tool tip has them whole), no sideways scrolling
            v.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            v.setTextElideMode(Qt.TextElideMode.ElideRight)
        top_buttons = FlowLayout()  # wraps on a narrow panel rather than cutting "重命名" to "…"
        for b in (self.new_button, self.rename_button, self.duplicate_button, self.delete_button, self.more_button):
            top_buttons.addWidget(b)

        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        # Made in screen order (Rehearse, then Present), which is the Tab order.
        self.rehearse_button = button(
            self.tr("Rehearse"),
            self.tr("Practise the talk: the presenter view on this screen, with the timers running"),
            lambda: self._present(rehearsal=True),
        )
        self.present_button = button(
            self.tr("Present"), self.tr("Present the playlist full-screen (Shift+F5)"), self._present
        )
        self.present_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.rehearse_button)
        head.addWidget(self.present_button)

        self.open_button = button(self.tr("Open"), self.tr("Open the case in the reader"), self._open_current)
        self.remove_button = button(self.tr("Remove"), self.tr("Remove the selected cases"), self._remove)
        self.sections_button = button(
            self.tr("Sections…"), self.tr("Choose the sections of the case to present"), self._sections
        )
        self.up_button = button("▲", self.tr("Move up"), lambda: self.move_selected(-1))
        self.down_button = button("▼", self.tr("Move down"), lambda: self.move_selected(1))
        item_buttons = FlowLayout()
        for b in (self.open_button, self.remove_button, self.sections_button, self.up_button, self.down_button):
            item_buttons.addWidget(b)

        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("Notes on the playlist (for the trainer)"))
        self.item_notes = QPlainTextEdit(self)
        self.item_notes.setPlaceholderText(self.tr("Notes on this case (shown in the presenter view)"))
        self._notes_timer = QTimer(self, singleShot=True, interval=700)
        self._notes_timer.timeout.connect(self.flush_notes)
        self.notes.textChanged.connect(lambda: self._notes_edited(self.notes))
        self.item_notes.textChanged.connect(lambda: self._notes_edited(self.item_notes))
        for box in (self.notes, self.item_notes):  # leaving a box saves it: Ctrl+Z elsewhere can undo the typing
            box.installEventFilter(self)
        # Tab moves on; Esc saves and goes back to the list the notes belong to.
        keyboard_friendly(self.notes, leave=lambda: (self.flush_notes(), self.view.setFocus()))
        keyboard_friendly(self.item_notes, leave=lambda: (self.flush_notes(), self.items_view.setFocus()))
        self._loading = False
        self._notes_item = ""  # the item whose notes the item editor shows
        self.plan = TalkPlan(store=store, base=self._copy, applied=self._applied, parent=self)
        store.add_pending(self.flush_notes, owner=self)  # the store's flush (close, quit, export...) saves the notes

        upper = QWidget(self)
        up = QVBoxLayout(upper)
        up.setContentsMargins(0, 0, 0, 0)
        up.addWidget(self.view, 1)
        up.addLayout(top_buttons)
        lower = QWidget(self)
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        low.addLayout(head)
        low.addWidget(self.items_view, 3)
        low.addLayout(item_buttons)
        low.addWidget(self.plan)
        low.addWidget(QLabel(self.tr("Playlist notes"), lower))
        low.addWidget(self.notes, 1)
        low.addWidget(QLabel(self.tr("Notes on the selected case"), lower))
        low.addWidget(self.item_notes, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)

        self.refresh()

    # Reading ---------------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """Reload the playlists from the database; keep (or move to ``select``) the selection."""
        keep = select or self.current_playlist_id()
        try:
            playlists = self.store.playlists()
        except StorageError as exc:
            self._warn(self.tr("The playlists cannot be read:"), exc)
            playlists = []
        self.model.set_playlists(playlists)
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and playlists:
            row = 0
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._show_playlist(self.current_playlist())

    def current_playlist_id(self) -> str:
        index = self.view.currentIndex()
        return self.model.playlist(index.row()).id if index.isValid() else ""

    def current_playlist(self) -> Playlist | None:
        index = self.view.currentIndex()
        return self.model.playlist(index.row()) if index.isValid() else None

    def select(self, playlist_id: str) -> None:
        row = self.model.row_of(playlist_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def selected_item_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.items_view.selectionModel().selectedRows()})
        return [self.items.item(r).id for r in rows]

    def select_items(self, item_ids: Sequence[str]) -> None:
        """Select these items of the current playlist (the first one current), and nothing else."""
        # Explicit flags: setCurrentIndex() would follow whatever modifier keys Qt thinks are held.
        selection = self.items_view.selectionModel()
        selection.clearSelection()
        rows = [r for r in (self.items.row_of(i) for i in item_ids) if r >= 0]
        for r in rows:
            selection.select(self.items.index(r, 0), QItemSelectionModel.SelectionFlag.Select)
        if rows:
            selection.setCurrentIndex(self.items.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def current_item(self) -> PlaylistItem | None:
        index = self.items_view.currentIndex()
        return self.items.item(index.row()) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.flush_notes()
        self._show_playlist(self.model.playlist(current.row()) if current.isValid() else None)

    def _show_playlist(self, p: Playlist | None) -> None:
        self.items.set_playlist(p)
        self.title_label.setText(p.title if p is not None else self.tr("No playlist selected"))
        self._loading = True
        self.notes.setPlainText(p.notes if p is not None else "")
        self._loading = False
        for w in (self.rename_button, self.duplicate_button, self.delete_button, self.present_button, self.notes):
            w.setEnabled(p is not None)
        self.present_button.setEnabled(p is not None and bool(p.items))
        self.rehearse_button.setEnabled(self.present_button.isEnabled())
        if p is not None and p.items:
            self.select_items([p.items[0].id])
        self._item_changed()

    def _item_changed(self) -> None:
        self.flush_notes(item_only=True)
        item = self.current_item()
        self._loading = True
        self.item_notes.setPlainText(item.notes if item is not None else "")
        self._loading = False
        for w in (self.open_button, self.remove_button, self.sections_button, self.up_button, self.down_button):
            w.setEnabled(item is not None)
        self.item_notes.setEnabled(item is not None)
        self._notes_item = item.id if item is not None else ""
        self.plan.show_plan(self.current_playlist(), item, reload=self._reloading)

    # Writing ---------------------------------------------------------------------------------

    def _warn(self, lead: str, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Playlists"), f"{lead}\n{error_text(exc)}")

    def _copy(self, playlist_id: str) -> Playlist | None:
        """The playlist as the panel shows it: the copy a change is made on (stored again if not listed)."""
        row = self.model.row_of(playlist_id) if playlist_id else -1
        return self.model.playlist(row) if row >= 0 else (self.store.get(playlist_id) if playlist_id else None)

    def _write(self, fn: Callable[[], Any]) -> Any:
        """Run one store write (the store reports a failure); the panel shows the result itself."""
        self._writing = True
        try:
            return fn()
        finally:
            self._writing = False

    def _store_changed(self, _key: str) -> None:
        """Another window's change, an undo or a redo: show what is stored now. Text still being typed is saved
        first (merged onto the new version), once the undo or redo that announced itself has finished."""
        if self._writing:
            return
        if self._notes_timer.isActive() or self.plan.pending():
            QTimer.singleShot(0, self._sync)
        else:
            self._reload()

    def _sync(self) -> None:
        self.flush_notes()
        self._reload()

    def _reload(self) -> None:
        """Show what is stored; the editors' text is replaced, not saved (it was saved, or is stored already)."""
        self._reloading = True
        try:
            self.refresh()
        finally:
            self._reloading = False

    def _applied(self, p: Playlist | None) -> bool:
        """Show a stored change of a playlist (the list row and, if it is the current one, its items)."""
        if p is None:
            return False
        self.model.update_playlist(p)
        if p.id == self.current_playlist_id():
            self.title_label.setText(p.title)
            self.items.sync(p)
            self.present_button.setEnabled(bool(p.items))
            self.rehearse_button.setEnabled(bool(p.items))
            self._item_changed()
        self.changed.emit(p.id)
        return True

    def new_playlist(self, title: str | None = None, case_ids: Iterable[str] = ()) -> Playlist | None:
        """A new playlist (selected); ``title`` default: "New Playlist"."""
        p = self._write(lambda: self.store.create(title or self.tr("New Playlist"), case_ids))
        if p is not None:
            self.refresh(select=p.id)
            self.changed.emit("")
        return p

    def rename(self, playlist_id: str, title: str) -> bool:
        try:
            pl.check_title(title)
        except StorageError:
            return False
        base = self._copy(playlist_id)
        return base is not None and self._applied(self._write(lambda: self.store.rename(base, title)))

    def duplicate(self, playlist_id: str) -> Playlist | None:
        source = self.model.playlist(self.model.row_of(playlist_id)) if self.model.row_of(playlist_id) >= 0 else None
        title = self.tr("%1 (copy)").replace("%1", source.title)[: pl.MAX_TITLE_CHARS] if source else None
        p = self._write(lambda: self.store.duplicate(playlist_id, title=title))
        if p is not None:
            self.refresh(select=p.id)
            self.changed.emit("")
        return p

    def delete(self, playlist_id: str) -> bool:
        base = self._copy(playlist_id)
        if base is None or not self._write(lambda: self.store.delete(base)):
            return False
        self.refresh()
        self.changed.emit("")
        return True

    def add_cases(self, playlist_id: str, case_ids: Sequence[str], *, row: int | None = None) -> bool:
        """Add these cases to the playlist (at ``row``, default the end): for the library's multi-selection."""
        if not case_ids:
            return False
        base = self._copy(playlist_id)
        return base is not None and self._applied(self._write(lambda: self.store.add_cases(base, case_ids, row=row)))

    def _drop_cases(self, case_ids: list[str], row: int) -> bool:
        return self.add_cases(self.items.playlist_id, case_ids, row=row)

    def remove_items(self, item_ids: Sequence[str]) -> bool:
        pid = self.current_playlist_id()
        if not pid or not item_ids:
            return False
        base = self._copy(pid)
        return base is not None and self._applied(self._write(lambda: self.store.remove_items(base, item_ids)))

    def _persist_order(self, item_ids: list[str]) -> bool:
        """Store a new order from the items model (a drag, moveRows); the model applies it on True."""
        pid = self.items.playlist_id
        base = self._copy(pid)
        p = self._write(lambda: self.store.reorder(base, item_ids)) if base is not None else None
        if p is None:
            return False
        self.model.update_playlist(p)
        self.changed.emit(pid)
        return True

    def move_selected(self, delta: int) -> bool:
        """Move the selected cases one place up (``-1``) or down (``1``)."""
        ids = self.selected_item_ids()
        if not ids:
            return False
        rows = [self.items.row_of(i) for i in ids]
        target = min(rows) - 1 if delta < 0 else max(rows) + 2
        if target < 0 or target > self.items.rowCount():
            return False
        ok = self.items.move_items(ids, target)
        if ok:
            self.select_items(ids)
        return ok

    def set_sections(self, item_id: str, sections: Sequence[str] | None) -> bool:
        pid = self.current_playlist_id()
        base = self._copy(pid)
        return base is not None and self._applied(
            self._write(lambda: self.store.set_item_sections(base, item_id, sections))
        )

    def _notes_edited(self, editor: QPlainTextEdit) -> None:
        if not self._loading:
            self._notes_timer.start()

    def _export_handout(self) -> None:
        self.flush_notes()
        if pid := self.current_playlist_id():
            self.handout_requested.emit(pid)

    def flush_notes(self, *, item_only: bool = False) -> None:
        """Save notes being typed (also done after a pause in typing), and the talk's plan."""
        if self._reloading:
            return
        self._notes_timer.stop()
        if not item_only:
            self.plan.flush()
        pid = self.items.playlist_id
        p = self.model.playlist(self.model.row_of(pid)) if pid and self.model.row_of(pid) >= 0 else None
        if p is None:
            return
        item_id = self._notes_item
        if item_id and self.items.row_of(item_id) >= 0:
            text = self.item_notes.toPlainText()
            if text != self.items.item(self.items.row_of(item_id)).notes:
                self._applied(self._write(lambda: self.store.set_item_notes(p, item_id, text)))
        p = self._copy(pid)  # the item's notes just saved made a newer version
        if not item_only and p is not None and self.notes.toPlainText() != p.notes:
            text = self.notes.toPlainText()
            self._applied(self._write(lambda: self.store.set_notes(p, text)))

    # Files -----------------------------------------------------------------------------------

    def export_to(self, path: Path, playlist_ids: Sequence[str] | None = None) -> int | None:
        """Write these playlists (default: all) to ``path``; None (after telling the user) on failure."""
        try:
            return pl.export_playlists(self.db, Path(path), ids=playlist_ids)
        except StorageError as exc:
            self._warn(self.tr("The playlists could not be exported:"), exc)
            return None

    def import_from(self, path: Path) -> pl.PlaylistImport | None:
        """Check and import a playlist file; a bad file is rejected with a clear message and changes nothing."""
        known = set(self._known_case_ids()) if self._known_case_ids is not None else None
        try:
            result = self._write(lambda: self.store.import_file(Path(path), known_case_ids=known))
        except PlaylistFileError as exc:
            QMessageBox.warning(
                self,
                self.tr("Import Playlists"),
                self._file_problem(exc) + "\n\n" + self.tr("Nothing was changed.") + "\n\n" + str(exc),
            )
            return None
        except StorageError as exc:
            self._warn(self.tr("The playlists could not be imported:"), exc)
            return None
        self.refresh(select=result.added[0] if result.added else None)
        self.changed.emit("")
        return result

    def _file_problem(self, exc: PlaylistFileError) -> str:
        messages = {
            "import-not-json": self.tr("The file is not a valid playlist file (it is not JSON)."),
            "import-truncated": self.tr("The file is incomplete (cut off?)."),
            "import-not-utf8": self.tr("The file is not UTF-8 text."),
            "import-too-large": self.tr("The file is too large."),
            "import-wrong-format": self.tr("The file is not a Casebook playlist file."),
            "import-not-object": self.tr("The file is not a Casebook playlist file."),
            "import-version-too-new": self.tr("The file was made by a newer version of Casebook."),
            "import-unknown-case": self.tr("The file lists a case that is not in this casebook."),
            "import-unreadable": self.tr("The file cannot be read."),
        }
        return messages.get(exc.code, self.tr("The playlist file is damaged or not valid."))

    # Buttons ---------------------------------------------------------------------------------

    def _new(self) -> None:
        p = self.new_playlist()
        if p is not None:
            self.view.edit(self.model.index(self.model.row_of(p.id), 0))

    def _rename(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index)

    def _duplicate(self) -> None:
        pid = self.current_playlist_id()
        if pid:
            self.duplicate(pid)

    def _delete(self) -> None:
        p = self.current_playlist()
        if p is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete Playlist"),
            self.tr("Delete the playlist “%1”? The cases and annotations stay.").replace("%1", p.title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(p.id)

    def _present(self, *, rehearsal: bool = False) -> None:
        self.flush_notes()
        p = self.current_playlist()
        if p is not None and p.items:
            (self.rehearse_requested if rehearsal else self.present_requested).emit(p.id)

    def _open_item(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case_requested.emit(self.items.item(index.row()).case_id)

    def _open_current(self) -> None:
        self._open_item(self.items_view.currentIndex())

    def _remove(self) -> None:
        self.remove_items(self.selected_item_ids())

    def _sections(self) -> None:
        item = self.current_item()
        if item is None or self._outline is None:
            return
        try:
            rows = list(self._outline(item.case_id))
        except StorageError as exc:
            self._warn(self.tr("The case cannot be opened:"), exc)
            return
        dlg = SectionsDialog(title=self._case_title(item.case_id), rows=rows, chosen=item.sections, parent=self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.set_sections(item.id, dlg.sections())

    def _import(self) -> None:
        path = open_path(
            self, "playlists", self.tr("Import Playlists"), self.tr("Casebook playlists (*.json);;All files (*)")
        )
        if path is not None:
            result = self.import_from(path)
            if result is not None:
                QMessageBox.information(
                    self,
                    self.tr("Import Playlists"),
                    self.tr("%1 playlist(s) imported, %2 already here.")
                    .replace("%1", str(len(result.added)))
                    .replace("%2", str(len(result.skipped))),
                )

    def _export(self, *, all_playlists: bool) -> None:
        p = self.current_playlist()
        if not all_playlists and p is None:
            return
        stem = p.title if p is not None and not all_playlists else self.tr("playlists")
        suggested = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", stem) + ".json"
        path, _ = save_path(
            self, "playlists", self.tr("Export Playlists"), suggested, self.tr("Casebook playlists (*.json)")
        )
        if path is not None:
            ids = None if all_playlists else [p.id]  # type: ignore[union-attr]
            self.export_to(path, ids)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and obj in (self.notes, self.item_notes):
            self.flush_notes()
        return super().eventFilter(obj, event)

    def hideEvent(self, event) -> None:
        self.flush_notes()
        super().hideEvent(event)
