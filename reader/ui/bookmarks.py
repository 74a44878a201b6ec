"""Named bookmarks: the small dialog that names one (Ctrl+D), and Go → Bookmarks…, every bookmark of the library
with type-to-filter; Enter goes to the place, F2 renames, Delete removes (Ctrl+Z brings it back)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.domain.annotation import BOOKMARK
from reader.models.bookmarks import AnnotationIdRole, BookmarkRow, BookmarksModel
from reader.stores.annotations import AnnotationStore


class NameDialog(QDialog):
    """A bookmark's name: prefilled, all selected; Enter accepts, Esc keeps the name it came with."""

    def __init__(self, name: str, *, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._default = name
        lay = QVBoxLayout(self)
        label = QLabel(self.tr("&Name:"), self)
        self.edit = QLineEdit(name, self)
        self.edit.selectAll()
        label.setBuddy(self.edit)
        lay.addWidget(label)
        lay.addWidget(self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(max(420, self.edit.fontMetrics().horizontalAdvance(name) + 80), self.sizeHint().height())

    def name(self) -> str:
        """The name typed (the name it came with when it was left empty or the dialog was cancelled)."""
        typed = " ".join(self.edit.text().split())
        return typed if self.result() == QDialog.DialogCode.Accepted and typed else self._default


def ask_name(parent: QWidget, name: str, *, title: str) -> str:
    dialog = NameDialog(name, title=title, parent=parent)
    dialog.exec()
    dialog.deleteLater()
    return dialog.name()


class BookmarksDialog(QDialog):
    """Go → Bookmarks…: every bookmark, newest first, filtered as you type."""

    jump_requested = Signal(str, str)  # case id, annotation id

    def __init__(
        self,
        *,
        store: AnnotationStore,
        case_title: Callable[[str], str],
        batch_label: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bookmarks"))
        self._store, self._case_title, self._batch_label = store, case_title, batch_label
        headers = [self.tr("Name"), self.tr("Case"), self.tr("Batch"), self.tr("Added")]
        self.model = BookmarksModel(load=self._load, headers=headers, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        lay = QVBoxLayout(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Type to filter by name, case or batch"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        lay.addWidget(self.filter)
        self.view = QTreeView(self)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setModel(self.proxy)
        self.view.activated.connect(lambda _i: self.jump())
        self.view.installEventFilter(self)
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 260 if column == 1 else 200)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        lay.addWidget(self.view)
        self.hint = QLabel(
            self.tr("Enter: go to the place · F2: rename · Delete: remove (Ctrl+Z brings it back)"), self
        )
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.empty = QLabel(self.tr("No bookmarks yet. Ctrl+D bookmarks the place you are reading."), self)
        lay.addWidget(self.empty)
        store.changed.connect(self._store_changed)
        self._refresh_state()
        self._select_first()
        self.resize(1000, 520)

    def _load(self) -> list[BookmarkRow]:
        rows = []
        for a in self._store.db.list(kind=BOOKMARK):
            rows.append(BookmarkRow(a, self._case_title(a.case_id), self._batch_label(a.case_id)))
        return rows

    def _store_changed(self, _case_id: str) -> None:
        current = self.current_id()
        self.model.reload()
        self._refresh_state()
        self._select(current)

    def _refresh_state(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(" ".join(text.split()))
        self._select_first()

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _select(self, annotation_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(AnnotationIdRole) == annotation_id:
                self.view.setCurrentIndex(self.proxy.index(row, 0))
                return
        self._select_first()

    def current_id(self) -> str:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(AnnotationIdRole) or "" if index.isValid() else ""

    def shown_names(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def jump(self) -> None:
        """Go to the selected bookmark's place (the dialog closes)."""
        a = self._store.get(self.current_id())
        if a is not None:
            self.accept()
            self.jump_requested.emit(a.case_id, a.id)

    def remove(self) -> None:
        """Remove the selected bookmark (undoable: Edit → Undo)."""
        a = self._store.get(self.current_id())
        if a is not None:
            self._store.delete(a.id, base=a)

    def rename(self) -> None:
        a = self._store.get(self.current_id())
        if a is None:
            return
        name = ask_name(self, " ".join(a.note.split()), title=self.tr("Rename Bookmark"))
        if name != " ".join(a.note.split()):
            self._store.update(a.replace(note=name), text=self.tr("Rename Bookmark"), base=a)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.jump()
                return True
            if key == Qt.Key.Key_F2:
                self.rename()
                return True
            if key == Qt.Key.Key_Delete and (obj is self.view or not self.filter.text()):
                self.remove()
                return True
            if obj is self.filter and key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.view.keyPressEvent(event)  # move in the list while typing
                return True
        return super().eventFilter(obj, event)
