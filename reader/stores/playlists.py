"""The GUI's access to workshop playlists: every change undoable, one signal, stale copies never win.

``PlaylistStore`` wraps :mod:`reader.storage.playlists` the way :class:`~reader.stores.annotations.AnnotationStore`
wraps the annotations, on the same undo stack (Ctrl+Z undoes a playlist change like an annotation). Each write
is one transaction that remembers the playlist before and after; undo puts the "before" back exactly, redo the
"after", and either is refused when the playlist changed elsewhere since (another window, the command line,
a second user).

Every write is made on ``base``, the copy of the playlist the user saw. A newer stored playlist gets only what
this edit changed (merged); when the other write changed the same thing, a title, order or item change is
refused with a message, and a note (playlist notes, a case's notes, the end slide) keeps both texts, the
other one first, and the user is told: nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from reader.storage import playlists as pl
from reader.storage.exchange import CONFLICT_TAG
from reader.storage.playlists import Playlist, PlaylistImport, StalePlaylistError
from reader.stores.base import Store

#: Fields whose conflicting edits are kept side by side (text the user typed), with their separators.
_TEXT_FIELDS = {"notes": "\n\n", "item notes": "\n\n", "end_text": " "}


def both_texts(theirs: str, mine: str, separator: str = "\n\n") -> str:
    """The other window's text, then this one's, marked as the conflicting copy."""
    if mine in theirs:
        return theirs
    return f"{theirs}{separator}【{CONFLICT_TAG}】{separator}{mine}"


class PlaylistStore(Store):
    """Playlists: the one write path. Writes return the stored playlist, or None after ``failed`` said why."""

    # Reads -----------------------------------------------------------------------------------

    def playlists(self) -> list[Playlist]:
        return pl.list_playlists(self.db)

    def get(self, playlist_id: str) -> Playlist | None:
        return pl.get_playlist(self.db, playlist_id)

    # Undoable writes -------------------------------------------------------------------------

    def _write(self, text: str, playlist_id: str, fn: Callable[[], Playlist | None]) -> Playlist | None:
        """Run ``fn`` (one change of ``playlist_id``) as one undoable transaction; the stored playlist after it."""
        holder: dict[str, Playlist | None] = {}

        def do() -> None:
            with self.db.transaction():
                holder["before"] = pl.get_playlist(self.db, playlist_id)
                fn()
                holder["after"] = pl.get_playlist(self.db, playlist_id)

        if not self._run(do, playlist_id):
            return None
        before, after = holder["before"], holder["after"]
        if before != after:
            self._push(
                text,
                playlist_id,
                lambda: pl.replace_playlist(self.db, playlist_id, after, expected=before),
                lambda: pl.replace_playlist(self.db, playlist_id, before, expected=after),
            )
        return after

    def _text(
        self,
        text: str,
        base: Playlist,
        field: str,
        value: str,
        write: Callable[[Playlist, str], object],
        theirs: Callable[[Playlist], str],
    ) -> Playlist | None:
        """Write a typed text made on ``base``; when the same text was changed elsewhere meanwhile, keep both."""
        kept: list[bool] = []

        def fn() -> None:
            try:
                write(base, value)
            except StalePlaylistError as exc:
                if exc.field != field or exc.current is None:
                    raise
                write(exc.current, both_texts(theirs(exc.current), value, _TEXT_FIELDS[field]))
                kept.append(True)

        stored = self._write(text, base.id, fn)
        if stored is not None and kept:
            self.failed.emit(
                QCoreApplication.translate(
                    "PlaylistStore",
                    "This playlist was changed in another window at the same time. Both texts are kept: the other "
                    "one first, then yours, marked “%1”.",
                ).replace("%1", CONFLICT_TAG)
            )
        return stored

    def create(self, title: str, case_ids: Iterable[str] = ()) -> Playlist | None:
        made: list[Playlist] = []
        ids = list(case_ids)

        def do() -> None:
            made.append(pl.create_playlist(self.db, title, case_ids=ids))

        if not self._run(do, ""):
            return None
        p = made[0]
        self._push(
            QCoreApplication.translate("PlaylistStore", "New playlist"),
            "",
            lambda: pl.replace_playlist(self.db, p.id, p, expected=None),
            lambda: pl.replace_playlist(self.db, p.id, None, expected=p),
        )
        return p

    def duplicate(self, playlist_id: str, *, title: str | None = None) -> Playlist | None:
        made: list[Playlist] = []
        if not self._run(lambda: made.append(pl.duplicate_playlist(self.db, playlist_id, title=title)), ""):
            return None
        p = made[0]
        self._push(
            QCoreApplication.translate("PlaylistStore", "Duplicate playlist"),
            "",
            lambda: pl.replace_playlist(self.db, p.id, p, expected=None),
            lambda: pl.replace_playlist(self.db, p.id, None, expected=p),
        )
        return p

    def delete(self, base: Playlist) -> bool:
        if not self._run(lambda: pl.delete_playlist(self.db, base.id, base=base), ""):
            return False
        self._push(
            QCoreApplication.translate("PlaylistStore", "Delete playlist"),
            "",
            lambda: pl.replace_playlist(self.db, base.id, None, expected=base),
            lambda: pl.replace_playlist(self.db, base.id, base, expected=None),
        )
        return True

    def rename(self, base: Playlist, title: str) -> Playlist | None:
        return self._write(
            QCoreApplication.translate("PlaylistStore", "Rename playlist"),
            base.id,
            lambda: pl.rename_playlist(self.db, base.id, title, base=base),
        )

    def set_notes(self, base: Playlist, notes: str) -> Playlist | None:
        return self._text(
            QCoreApplication.translate("PlaylistStore", "Edit playlist notes"),
            base,
            "notes",
            notes,
            lambda b, t: pl.set_playlist_notes(self.db, base.id, t, base=b),
            lambda p: p.notes,
        )

    def set_end_text(self, base: Playlist, text: str) -> Playlist | None:
        return self._text(
            QCoreApplication.translate("PlaylistStore", "Edit end slide"),
            base,
            "end_text",
            text,
            lambda b, t: pl.set_end_text(self.db, base.id, t, base=b),
            lambda p: p.end_text,
        )

    def add_cases(self, base: Playlist, case_ids: Sequence[str], *, row: int | None = None) -> Playlist | None:
        ids = list(case_ids)
        return self._write(
            QCoreApplication.translate("PlaylistStore", "Add to playlist"),
            base.id,
            lambda: pl.add_items(self.db, base.id, ids, position=row),
        )

    def remove_items(self, base: Playlist, item_ids: Sequence[str]) -> Playlist | None:
        ids = list(item_ids)
        return self._write(
            QCoreApplication.translate("PlaylistStore", "Remove from playlist"),
            base.id,
            lambda: pl.remove_items(self.db, base.id, ids, base=base),
        )

    def reorder(self, base: Playlist, item_ids: Sequence[str]) -> Playlist | None:
        ids = list(item_ids)
        return self._write(
            QCoreApplication.translate("PlaylistStore", "Reorder playlist"),
            base.id,
            lambda: pl.reorder_items(self.db, base.id, ids, base=base),
        )

    def set_item_notes(self, base: Playlist, item_id: str, notes: str) -> Playlist | None:
        return self._text(
            QCoreApplication.translate("PlaylistStore", "Edit notes on a case"),
            base,
            "item notes",
            notes,
            lambda b, t: pl.set_item_notes(self.db, base.id, item_id, t, base=b),
            lambda p: p.item(item_id).notes,
        )

    def set_item_sections(self, base: Playlist, item_id: str, sections: Sequence[str] | None) -> Playlist | None:
        return self._write(
            QCoreApplication.translate("PlaylistStore", "Choose sections"),
            base.id,
            lambda: pl.set_item_sections(self.db, base.id, item_id, sections, base=base),
        )

    def set_item_minutes(self, base: Playlist, item_id: str, minutes: int | None) -> Playlist | None:
        return self._write(
            QCoreApplication.translate("PlaylistStore", "Plan the time"),
            base.id,
            lambda: pl.set_item_minutes(self.db, base.id, item_id, minutes, base=base),
        )

    def import_file(self, path: Path, *, known_case_ids: Iterable[str] | None) -> PlaylistImport:
        """Check and import a playlist file (undoable: undo removes what it added, if unchanged since).
        Raises :class:`~reader.storage.playlists.PlaylistFileError` or a storage error; nothing changes then."""
        result = pl.import_playlists(self.db, Path(path), known_case_ids=known_case_ids)
        added = [p for p in (pl.get_playlist(self.db, i) for i in result.added) if p is not None]
        if added:

            def put(new: bool) -> None:
                with self.db.transaction():
                    for p in added:
                        pl.replace_playlist(self.db, p.id, p if new else None, expected=None if new else p)

            self._push(
                QCoreApplication.translate("PlaylistStore", "Import playlists"),
                "",
                lambda: put(True),
                lambda: put(False),
            )
            self.changed.emit("")
        return result
