"""List models over workshop playlists: the playlists, and the cases of one playlist.

:class:`PlaylistItemsModel` supports reordering by drag-and-drop: rows dragged within the list carry
their item ids (:data:`PLAYLIST_ITEMS_MIME`) and are moved with ``moveRows``; cases dragged from the
library (:data:`reader.models.library.CASE_IDS_MIME`) are added where they are dropped. The model does
not write to the database itself: it calls ``persist_order(item_ids)`` / ``add_cases(case_ids, row)``
and applies the change only when they return True.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from reader.models.library import CASE_IDS_MIME, case_ids_from_mime
from reader.storage.playlists import Playlist, PlaylistItem

# The MIME type of playlist rows dragged within the list: the playlist id, then the item ids, one a line.
PLAYLIST_ITEMS_MIME = "application/x-casebook-playlist-items"

PlaylistIdRole = Qt.ItemDataRole.UserRole + 1
PlaylistRole = Qt.ItemDataRole.UserRole + 2
ItemIdRole = Qt.ItemDataRole.UserRole + 3
CaseIdRole = Qt.ItemDataRole.UserRole + 4
ItemRole = Qt.ItemDataRole.UserRole + 5

_Index = QModelIndex | QPersistentModelIndex


class PlaylistListModel(QAbstractListModel):
    """The playlists; the title is editable in place (``rename(playlist_id, title)`` stores it)."""

    def __init__(self, *, rename: Callable[[str, str], bool] = lambda _pid, _title: False, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Playlist] = []
        self._rename = rename

    def set_playlists(self, playlists: Sequence[Playlist]) -> None:
        self.beginResetModel()
        self._rows = list(playlists)
        self.endResetModel()

    def update_playlist(self, playlist: Playlist) -> None:
        """Show a changed version of a listed playlist."""
        row = self.row_of(playlist.id)
        if row >= 0:
            self._rows[row] = playlist
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def playlist(self, row: int) -> Playlist:
        return self._rows[row]

    def playlists(self) -> list[Playlist]:
        return list(self._rows)

    def row_of(self, playlist_id: str) -> int:
        for i, p in enumerate(self._rows):
            if p.id == playlist_id:
                return i
        return -1

    # Qt API ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # (tr() outside an f-string: lupdate does not see into one, and the count stayed English)
            return self.tr("%1  (%n case(s))", "playlist title and its number of cases", len(p.items)).replace(
                "%1", p.title
            )
        if role == Qt.ItemDataRole.EditRole:
            return p.title
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole title: the row may be elided
            return f"{p.title}\n{p.notes}" if p.notes else p.title
        if role == PlaylistIdRole:
            return p.id
        if role == PlaylistRole:
            return p
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not isinstance(value, str):
            return False
        p = self._rows[index.row()]
        if value.strip() == p.title or not value.strip():
            return False
        return self._rename(p.id, value)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class PlaylistItemsModel(QAbstractListModel):
    """The cases of one playlist, in order, reorderable by ``moveRows`` and by drag-and-drop."""

    def __init__(
        self,
        *,
        case_title: Callable[[str], str] = lambda case_id: case_id,
        persist_order: Callable[[list[str]], bool] = lambda _ids: True,
        add_cases: Callable[[list[str], int], bool] = lambda _ids, _row: False,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.playlist_id = ""
        self._rows: list[PlaylistItem] = []
        self._case_title = case_title
        self._persist_order = persist_order
        self._add_cases = add_cases

    def set_playlist(self, playlist: Playlist | None) -> None:
        """Show this playlist's items (None: none)."""
        self.beginResetModel()
        self.playlist_id = playlist.id if playlist is not None else ""
        self._rows = list(playlist.items) if playlist is not None else []
        self.endResetModel()

    def sync(self, playlist: Playlist) -> None:
        """Show a changed version of the current playlist (rows updated in place when the ids are the same)."""
        if playlist.id == self.playlist_id and [i.id for i in playlist.items] == [i.id for i in self._rows]:
            self._rows = list(playlist.items)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
        else:
            self.set_playlist(playlist)

    def item(self, row: int) -> PlaylistItem:
        return self._rows[row]

    def items(self) -> list[PlaylistItem]:
        return list(self._rows)

    def item_ids(self) -> list[str]:
        return [i.id for i in self._rows]

    def row_of(self, item_id: str) -> int:
        for i, it in enumerate(self._rows):
            if it.id == item_id:
                return i
        return -1

    def _label(self, row: int, item: PlaylistItem) -> str:
        text = f"{row + 1}. {self._case_title(item.case_id)}"
        if item.sections is not None:
            text += "  " + self.tr("(%n section(s))", "", len(item.sections))
        return text

    # Qt API ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(index.row(), item)
        if role == Qt.ItemDataRole.ToolTipRole:
            title = self._case_title(item.case_id)  # the whole title: the row may be elided
            return f"{title}\n{item.notes}" if item.notes else title
        if role == ItemIdRole:
            return item.id
        if role == CaseIdRole:
            return item.case_id
        if role == ItemRole:
            return item
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.playlist_id else Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def moveRows(
        self, source_parent: _Index, source_row: int, count: int, destination_parent: _Index, destination_child: int
    ) -> bool:
        """Move ``count`` rows from ``source_row`` before ``destination_child`` (Qt's convention), stored at once."""
        n = len(self._rows)
        if (
            source_parent.isValid()
            or destination_parent.isValid()
            or count <= 0
            or source_row < 0
            or source_row + count > n
            or not 0 <= destination_child <= n
            or source_row <= destination_child <= source_row + count  # onto itself: nothing to do
        ):
            return False
        moving = self._rows[source_row : source_row + count]
        rest = self._rows[:source_row] + self._rows[source_row + count :]
        at = destination_child if destination_child < source_row else destination_child - count
        new = rest[:at] + moving + rest[at:]
        if not self._persist_order([i.id for i in new]):
            return False
        self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child)
        self._rows = new
        self.endMoveRows()
        first, last = min(source_row, at), max(source_row + count, at + count) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(min(last, n - 1), 0))  # the numbers changed
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [PLAYLIST_ITEMS_MIME, CASE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if not rows:
            return None
        mime = QMimeData()
        payload = "\n".join([self.playlist_id, *(self._rows[r].id for r in rows)])
        mime.setData(PLAYLIST_ITEMS_MIME, QByteArray(payload.encode("utf-8")))
        mime.setText("\n".join(self._case_title(self._rows[r].case_id) for r in rows))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index) -> bool:
        if not self.playlist_id or parent.isValid():
            return False
        if data.hasFormat(PLAYLIST_ITEMS_MIME):
            return self._dragged_ids(data) is not None
        return bool(case_ids_from_mime(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        row = len(self._rows) if row < 0 else min(row, len(self._rows))
        ids = self._dragged_ids(data)
        if ids is not None:
            return self.move_items(ids, row)
        return self._add_cases(case_ids_from_mime(data), row)

    # Moves -----------------------------------------------------------------------------------

    def _dragged_ids(self, data: QMimeData) -> list[str] | None:
        """Item ids of a drag from this same playlist, or None."""
        raw = bytes(data.data(PLAYLIST_ITEMS_MIME).data()).decode("utf-8", errors="replace").splitlines()
        if not raw or raw[0] != self.playlist_id:
            return None
        known = set(self.item_ids())
        ids = [i for i in raw[1:] if i in known]
        return ids or None

    def move_items(self, item_ids: Sequence[str], row: int) -> bool:
        """Move these items (kept in their current order) before ``row``, in one stored change."""
        chosen = set(item_ids)
        moving = [it for it in self._rows if it.id in chosen]
        if not moving:
            return False
        row = max(0, min(row, len(self._rows)))
        before = sum(1 for it in self._rows[:row] if it.id in chosen)
        rest = [it for it in self._rows if it.id not in chosen]
        at = row - before
        new = rest[:at] + moving + rest[at:]
        if [i.id for i in new] == self.item_ids():
            return True
        rows = [self._rows.index(it) for it in moving]
        if rows == list(range(rows[0], rows[0] + len(rows))):  # one contiguous block: a real move
            return self.moveRows(QModelIndex(), rows[0], len(rows), QModelIndex(), row)
        if not self._persist_order([i.id for i in new]):
            return False
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows = new
        position = {it.id: r for r, it in enumerate(new)}
        self.changePersistentIndexList(
            [self.index(r, 0) for r in range(len(old))], [self.index(position[it.id], 0) for it in old]
        )
        self.layoutChanged.emit()
        return True
