"""The annotations panel: this case's annotations, the whole library's with filters, or the orphans;
an editor for the selected one (colour, tags with completion, Markdown note with preview)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.domain.annotation import CASE_NOTE, Annotation, clean_note, new_case_note
from reader.domain.query import QueryError
from reader.i18n import error_text
from reader.models.annotations import AnnotationIdRole, AnnotationListModel
from reader.stores.annotations import AnnotationStore
from reader.stores.read_only import refusal_text
from reader.ui.case_view import HIGHLIGHT_COLOURS, colour_names
from reader.ui.flow_layout import FlowLayout
from reader.ui.geometry import size_to_current_text
from reader.ui.note_keys import keyboard_friendly
from reader.ui.note_render import note_html

SCOPE_CASE, SCOPE_ALL, SCOPE_ORPHANS = "case", "all", "orphans"


class AnnotationEditor(QWidget):
    """Edits one annotation; changes are saved (undoably) shortly after typing stops. Tab leaves the note box,
    Esc saves it and emits ``left`` (the window gives the keyboard back to the reader).

    A new case note is a *draft* (:meth:`set_draft`): stored only once it has text or tags, so opening the
    case note and leaving it empty leaves nothing behind. A stored case note emptied is deleted (undoably)
    when the editor leaves it; while it is being edited the empty text is not written."""

    left = Signal()

    def __init__(self, *, store: AnnotationStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.annotation: Annotation | None = None
        self.draft = False  # self.annotation is not stored yet (a new case note)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        self.quote = QLabel(self)
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.quote)
        row = QHBoxLayout()
        self.colour_buttons: list[QToolButton] = []
        for i, (colour, name) in enumerate(zip(HIGHLIGHT_COLOURS, colour_names(), strict=True)):
            b = QToolButton(self)
            b.setCheckable(True)
            b.setToolTip(name)
            b.setStyleSheet(
                f"QToolButton {{ background: {colour}; min-width: 18px; min-height: 18px; border-radius: 9px; }}"
                "QToolButton:checked { border: 2px solid palette(highlight); }"
            )
            b.clicked.connect(lambda _c=False, i=i: self._set_colour(i))
            row.addWidget(b)
            self.colour_buttons.append(b)
        row.addStretch(1)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self._delete)
        row.addWidget(self.delete_button)
        lay.addLayout(row)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("Tags, separated by spaces or commas"))
        self._tag_model = QStringListModel(self)
        completer = QCompleter(self._tag_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tags.setCompleter(completer)
        self.tags.editingFinished.connect(self._save)
        lay.addWidget(self.tags)
        self.tabs = QTabWidget(self)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(self.tr("Write a note (Markdown: **bold**, *italic*, - lists)…"))
        keyboard_friendly(self.note, leave=self._leave)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.tabs.addTab(self.note, self.tr("Note"))
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.currentChanged.connect(self._update_preview)
        lay.addWidget(self.tabs, 1)
        self._timer = QTimer(self, singleShot=True, interval=700)
        self._timer.timeout.connect(self._save)
        self.note.textChanged.connect(self._note_edited)
        self._loading = False
        self._saving = False
        self.set_annotation(None)
        store.add_pending(self.flush, owner=self)

    def set_annotation(self, annotation: Annotation | None, *, draft: bool = False) -> None:
        """Show ``annotation`` (None: nothing); ``draft``: it is not stored yet (see the class docstring)."""
        if self.annotation is not None and not self._loading:
            self.flush()
        self.annotation = annotation
        self.draft = draft and annotation is not None
        self._loading = True
        self.setEnabled(annotation is not None)
        if (reason := self.store.read_only) is not None:  # read-only mode: say why typing does nothing
            for box in (self.note, self.tags):
                box.setReadOnly(True)
                box.setToolTip(refusal_text(reason))
            self.note.setPlaceholderText(refusal_text(reason))
            self.delete_button.setEnabled(False)
        self._tag_model.setStringList(self.store.tags())
        if annotation is None:
            self.quote.setText("")
            self.tags.clear()
            self.note.clear()
        else:
            quote = annotation.quote.exact if annotation.quote else self.tr("(the whole case)")
            self.quote.setText(f"“{quote[:300]}”" if annotation.quote else quote)
            self.tags.setText(" ".join(annotation.tags))
            if self.note.toPlainText() != annotation.note:
                self.note.setPlainText(annotation.note)
            for i, b in enumerate(self.colour_buttons):
                b.setVisible(annotation.is_highlight)
                b.setChecked(annotation.color == i)
        self._update_preview()
        self._loading = False

    def _note_edited(self) -> None:
        if not self._loading:
            self._timer.start()

    def _update_preview(self, *_: object) -> None:
        if self.tabs.currentWidget() is self.preview:
            self.preview.setHtml(note_html(self.note.toPlainText()))

    def _tags(self) -> tuple[str, ...]:
        return tuple(t for t in self.tags.text().replace("，", " ").replace(",", " ").split() if t)

    def _save(self, *, leaving: bool = False) -> None:
        """Write what the editor shows; ``leaving``: the editor is about to show something else (or the window
        closes), so an emptied case note is deleted now."""
        a = self.annotation
        if a is None or self._loading or self._saving:
            return
        try:
            new = a.replace(note=clean_note(self.note.toPlainText()), tags=self._tags())
        except ValueError as exc:
            self.store.failed.emit(str(exc))
            return
        if new.is_empty and (self.draft or not leaving):
            return  # an empty case note is never stored; a stored one emptied is deleted when left
        if not self.draft and new.same_content(a):
            return
        self._saving = True  # the store's changed signal refreshes the panel, which flushes this editor again
        try:
            if new.is_empty:
                self.annotation = None
                self.store.delete(a.id, base=a, text=self.tr("Delete empty case note"))
            elif self.draft:
                if self.store.add(new, text=self.tr("Add case note")):
                    self.draft = False
                    self.annotation = self.store.get(a.id)
            elif self.store.update(new, base=a):
                self.annotation = self.store.get(a.id)
        finally:
            self._saving = False

    def _set_colour(self, colour: int) -> None:
        a = self.annotation
        if a is None:
            return
        for i, b in enumerate(self.colour_buttons):
            b.setChecked(i == colour)
        if a.color != colour and self.store.update(a.replace(color=colour), text=self.tr("Change colour"), base=a):
            self.annotation = self.store.get(a.id)

    def _delete(self) -> None:
        if self.annotation is not None:
            self._timer.stop()
            a, self.annotation = self.annotation, None
            if self.draft:  # never stored: nothing to delete
                self.set_annotation(None)
            else:
                self.store.delete(a.id, base=a)

    def flush(self) -> None:
        """Save what is typed and not yet saved, now: the note waiting for its timer and tags still being typed
        (called before the panel changes what it shows, and through ``AnnotationStore.flush`` at close and quit)."""
        self._timer.stop()
        self._save(leaving=True)

    def _leave(self) -> None:
        self.flush()
        self.left.emit()

    def edit_note(self) -> None:
        """Show the note's text box (not the preview) with the keyboard in it."""
        self.tabs.setCurrentWidget(self.note)
        self.note.setFocus()


class AnnotationsPanel(QWidget):
    jump_requested = Signal(str, str)  # case id, annotation id
    leave_requested = Signal()  # Esc in the note: back to the reader
    bookmark_requested = Signal()

    def __init__(
        self,
        *,
        store: AnnotationStore,
        case_title: Callable[[str], str],
        batch_titles: dict[str, str],
        case_batches: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._case_batches = case_batches
        self.case_id: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)

        top = QHBoxLayout()
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("This case"), SCOPE_CASE)
        self.scope.addItem(self.tr("All annotations"), SCOPE_ALL)
        self.scope.addItem(self.tr("Orphaned"), SCOPE_ORPHANS)
        self.scope.setToolTip(
            self.tr("Orphaned annotations lost their passage when the casebook changed; they are kept.")
        )
        top.addWidget(self.scope, 1)
        self.case_note_button = QPushButton(self.tr("Case Note"), self)
        self.case_note_button.setToolTip(self.tr("A note on the case as a whole"))
        self.case_note_button.clicked.connect(self.edit_case_note)
        top.addWidget(self.case_note_button)
        bookmark = QPushButton(self.tr("Bookmark"), self)
        bookmark.setToolTip(self.tr("Bookmark the place at the top of the reader (Ctrl+D)"))
        bookmark.clicked.connect(self.bookmark_requested.emit)
        top.addWidget(bookmark)
        lay.addLayout(top)

        filters = FlowLayout()  # on a narrow panel the boxes wrap onto a second row rather than read "全部颜("
        self.colour_filter = QComboBox(self)
        self.colour_filter.addItem(self.tr("All colours"), None)
        for i, name in enumerate(colour_names()):
            self.colour_filter.addItem(name, i)
        self.tag_filter = QComboBox(self)
        self.batch_filter = QComboBox(self)
        self.batch_filter.addItem(self.tr("All batches"), None)
        for bid, title in batch_titles.items():
            self.batch_filter.addItem(title, bid)
        self.date_filter = QComboBox(self)
        for label, days in (
            (self.tr("Any time"), None),
            (self.tr("Today"), 1),
            (self.tr("Last 7 days"), 7),
            (self.tr("Last 30 days"), 30),
        ):
            self.date_filter.addItem(label, days)
        for w in (self.colour_filter, self.tag_filter, self.batch_filter, self.date_filter):
            w.currentIndexChanged.connect(self.refresh)
            fit = size_to_current_text(w)
            filters.addWidget(w)
            if w is self.tag_filter:  # refilled with its signals blocked: fitted again after
                self._fit_tag_filter = fit
        lay.addLayout(filters)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search notes and quotes…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        lay.addWidget(self.search)

        self.model = AnnotationListModel(colours=HIGHLIGHT_COLOURS, case_title=case_title, parent=self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor = AnnotationEditor(store=store, parent=self)
        self.editor.left.connect(self.leave_requested)
        split = QSplitter(Qt.Orientation.Vertical, self)
        listbox = QWidget(split)
        ll = QVBoxLayout(listbox)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.view, 1)
        ll.addWidget(self.empty)
        split.addWidget(listbox)
        split.addWidget(self.editor)
        split.setSizes([300, 260])
        lay.addWidget(split, 1)
        self.scope.currentIndexChanged.connect(self.refresh)
        store.changed.connect(self._store_changed)  # a bound slot: disconnected when the panel is deleted
        self.refresh()

    def _store_changed(self, _case_id: str) -> None:
        self.refresh()

    def set_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        if self.scope.currentData() == SCOPE_CASE:
            self.refresh()

    def _filters(self) -> dict:
        f: dict = {}
        if self.colour_filter.currentData() is not None:
            f["color"] = self.colour_filter.currentData()
        if self.tag_filter.currentData():
            f["tag"] = self.tag_filter.currentData()
        if self.batch_filter.currentData():
            f["batch_ids"] = [self.batch_filter.currentData()]
            f["case_batches"] = self._case_batches
        days = self.date_filter.currentData()
        if days:
            f["since"] = _dt.datetime.now(_dt.UTC) - _dt.timedelta(days=days)
        if self.search.text().strip():
            f["text"] = self.search.text()
        return f

    def refresh(self) -> None:
        self.editor.flush()
        keep = self.editor.annotation.id if self.editor.annotation else None
        self._refresh_tags()
        scope = self.scope.currentData()
        try:
            if scope == SCOPE_CASE:
                rows = list(self.store.db.list(self.case_id, **self._filters())) if self.case_id else []
            elif scope == SCOPE_ORPHANS:
                rows = list(self.store.db.list(orphaned=True, **self._filters()))
            else:
                rows = list(self.store.db.list(**self._filters()))
            message = ""
        except QueryError as exc:
            rows, message = [], error_text(exc)
        self.model.set_annotations(rows, show_case=scope != SCOPE_CASE)
        if not rows and not message:
            message = (
                self.tr("No annotations yet. Select text in the case and press 1–5 to highlight it.")
                if scope == SCOPE_CASE and not self._filters()
                else self.tr("No annotations match.")
            )
        self.empty.setText(message)
        self.empty.setVisible(bool(message))
        self.case_note_button.setEnabled(self.case_id is not None)
        row = self.model.row_of(keep) if keep else -1
        draft = self.editor.annotation if self.editor.draft else None
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.editor.set_annotation(self.model.annotation(row))
        elif draft is not None and scope == SCOPE_CASE and draft.case_id == self.case_id:
            pass  # a new case note not written yet stays in the editor
        else:
            self.editor.set_annotation(None)

    def _refresh_tags(self) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), None)
        for tag, n in self.store.db.tags():
            self.tag_filter.addItem(f"#{tag} ({n})", tag)
        i = self.tag_filter.findData(current)
        self.tag_filter.setCurrentIndex(max(0, i))
        self.tag_filter.blockSignals(False)
        self._fit_tag_filter()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            if not self.editor.draft:  # a new case note not written yet stays in the editor
                self.editor.set_annotation(None)
            return
        target = self.model.annotation(current.row()).id
        self.editor.flush()  # may delete an emptied case note, which refreshes the list
        row = self.model.row_of(target)
        if row >= 0 and self.view.currentIndex().row() != row:
            self.view.setCurrentIndex(self.model.index(row, 0))  # comes back here
            return
        self.editor.set_annotation(self.model.annotation(row) if row >= 0 else None)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            a = self.model.annotation(index.row())
            self.jump_requested.emit(a.case_id, a.id)

    def select(self, annotation_id: str) -> bool:
        """Show and select an annotation (switching to this case's list when needed)."""
        row = self.model.row_of(annotation_id)
        if row < 0 and self.scope.currentData() != SCOPE_CASE:
            self.scope.setCurrentIndex(self.scope.findData(SCOPE_CASE))
            row = self.model.row_of(annotation_id)
        if row < 0:
            return False
        idx = self.model.index(row, 0)
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        return True

    def selected_id(self) -> str | None:
        idx = self.view.currentIndex()
        return idx.data(AnnotationIdRole) if idx.isValid() else None

    def edit_case_note(self) -> None:
        if self.case_id is None:
            return
        existing = [a for a in self.store.for_case(self.case_id) if a.kind == CASE_NOTE]
        self.scope.setCurrentIndex(self.scope.findData(SCOPE_CASE))
        if existing:
            self.select(existing[0].id)
        elif not (self.editor.draft and self.editor.annotation and self.editor.annotation.case_id == self.case_id):
            if (reason := self.store.read_only) is not None:
                self.store.failed.emit(refusal_text(reason))
                return
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
            self.editor.set_annotation(new_case_note(self.case_id), draft=True)
        self.editor.edit_note()
