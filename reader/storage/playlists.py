"""Workshop playlists in the user database, and in and out of a versioned JSON file.

A playlist is an ordered list of cases (each optionally limited to some sections, each with the
trainer's notes and the minutes planned for it) with a title, notes and the text of the talk's end slide. They live in the user database's ``playlists`` and
``playlist_items`` tables (schema in :func:`reader.storage.userdb.upgrade_to_1` and ``upgrade_to_2``) with the durability of
annotations: every function that writes is *one* transaction (one user action) and bumps the
playlist's ``modified``; item positions are kept ``0..n-1``.

``modified`` is the playlist's version. A write given ``base`` (the copy the user edited) that finds a newer
version stored applies only what it changed (a merge); when the other write changed the same field or item,
nothing is written and :class:`StalePlaylistError` says so: a write based on a stale copy never silently wins.

:class:`Playlist` and :class:`PlaylistItem` are valid by construction (:class:`PlaylistError` with a
stable ``code`` otherwise), so nothing malformed reaches the database from the GUI or from a file.

File format (``export_playlists``; written atomically)::

    {"format": "casebook-playlists", "version": 2, "exported": "...", "app_version": "...",
     "playlists": [{"id", "title", "notes", "end_text", "created", "modified",
                    "items": [{"id", "case_id", "sections": null | ["s1", "s2.1", "lead"], "notes",
                               "minutes": null | 1..600}]}]}

Version 1 files (without ``end_text`` and ``minutes``) are read too.

:func:`read_playlist_file` checks the *whole* file (size, UTF-8, strict JSON without duplicate keys or
NaN, format and version, exactly the known keys with their JSON types, UUIDs unique in the file, text
limits and control characters, known case ids) before :func:`import_playlists` writes anything, in one
transaction. Any problem raises :class:`PlaylistFileError` and changes nothing. An imported playlist keeps
its ids unless one is taken here; then it gets new ones. A playlist already here (same ids, or the same
content under other ids) is skipped, so importing a file twice adds its playlists once.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.domain.annotation import (
    MAX_CASE_ID_CHARS,
    MAX_NOTE_BYTES,
    AnnotationError,
    bad_control,
    check_text,
    is_uuid,
    later_timestamp,
    new_id,
    now_iso,
    parse_timestamp,
)
from reader.storage.db import StorageError
from reader.storage.exchange import ExchangeError, check_envelope, load_document
from reader.storage.files import atomic_write
from reader.storage.userdb import UserDB

if TYPE_CHECKING:
    from reader.storage.casebook import Casebook

FORMAT = "casebook-playlists"
VERSION = 2

MAX_TITLE_CHARS = 200
MAX_NOTES_BYTES = MAX_NOTE_BYTES
MAX_ITEMS = 500  # cases in one playlist
MAX_SECTIONS = 100  # sections chosen for one item
MAX_PLAYLISTS_PER_FILE = 1000
MAX_MINUTES = 600  # planned for one case of a talk

#: A section anchor as the reader uses them (``s1``, ``s2.3``) or ``lead`` for the lead paragraphs.
SECTION_RE = re.compile(r"lead|s[1-9][0-9]{0,2}(?:\.[1-9][0-9]{0,2}){0,3}", re.ASCII)
_SPACE_RE = re.compile(r"\s")

_TOP_KEYS = {"format", "version", "exported", "app_version", "playlists"}
_PLAYLIST_KEYS = {"id", "title", "notes", "end_text", "created", "modified", "items"}
_ITEM_KEYS = {"id", "case_id", "sections", "notes", "minutes"}
#: Fields added by format version 2 (absent from version 1 files).
_V2_PLAYLIST_KEYS = {"end_text"}
_V2_ITEM_KEYS = {"minutes"}


class PlaylistError(StorageError):
    """A playlist field that cannot be stored, or a playlist operation that makes no sense.

    ``code``: ``playlist-invalid``, ``playlist-too-large``, ``playlist-control-char``, ``playlist-missing``,
    ``playlist-item-missing``.
    """

    code = "playlist-invalid"

    def __init__(self, code: str, message: str, *, path: Path | None = None) -> None:
        super().__init__(message, path=path)
        self.code = code


class StalePlaylistError(PlaylistError):
    """A write based on a copy of the playlist that is older than the stored one, in a part that changed
    there too (another window, process or user wrote it meanwhile): nothing was written.

    ``current`` is the stored playlist (None: it was deleted), ``field`` what both changed (``title``,
    ``notes``, ``end_text``, ``order``, ``item``, ``item notes``, ``item sections``, ``item minutes``,
    ``playlist``).
    """

    def __init__(self, message: str, *, path: Path | None, current: Playlist | None, field: str) -> None:
        super().__init__("playlist-stale", message, path=path)
        self.current, self.field = current, field


class PlaylistFileError(ExchangeError):
    """A playlist file that cannot be imported (codes as :class:`~reader.storage.exchange.ExchangeError`'s
    ``import-*`` codes, plus the ``playlist-*`` codes of :class:`PlaylistError` for a bad field)."""


# ---------------------------------------------------------------------------------------------
# Plain data


def _check_text(name: str, value: object, *, max_chars: int | None = None, max_bytes: int | None = None) -> str:
    return check_text(name, value, max_chars=max_chars, max_bytes=max_bytes, error=PlaylistError, prefix="playlist")


def _check_uuid(name: str, value: object) -> None:
    if not is_uuid(value):
        raise PlaylistError("playlist-invalid", f"{name} is not a UUID: {value!r:.60}")


def _check_timestamp(name: str, value: object) -> None:
    try:
        parse_timestamp(value)  # type: ignore[arg-type]
    except AnnotationError as exc:
        raise PlaylistError("playlist-invalid", f"{name}: {exc}") from exc


def check_title(title: object) -> str:
    """``title`` stripped, if it can be a playlist title (one line of text, not empty); else :class:`PlaylistError`."""
    _check_text("the title", title, max_chars=MAX_TITLE_CHARS)
    assert isinstance(title, str)
    if bad_control(title, allow_tab_newline=False) is not None:
        raise PlaylistError("playlist-control-char", "the title contains a line break or tab")
    if not title.strip():
        raise PlaylistError("playlist-invalid", "the title is empty")
    return title.strip()


@dataclass(frozen=True, kw_only=True)
class PlaylistItem:
    """One case of a playlist. ``sections`` None: the whole case; else section anchors to show.
    ``minutes``: the time planned for it in a talk (None: not planned)."""

    id: str
    case_id: str
    sections: tuple[str, ...] | None = None
    notes: str = ""
    minutes: int | None = None

    def __post_init__(self) -> None:
        _check_uuid("item id", self.id)
        _check_text("case_id", self.case_id, max_chars=MAX_CASE_ID_CHARS)
        if not self.case_id or _SPACE_RE.search(self.case_id):
            raise PlaylistError("playlist-invalid", f"case_id is not a case id: {self.case_id!r:.60}")
        if self.sections is not None:
            if isinstance(self.sections, str) or not isinstance(self.sections, tuple | list):
                raise PlaylistError("playlist-invalid", "sections must be a list of section anchors or null")
            sections = tuple(self.sections)
            if len(sections) > MAX_SECTIONS:
                raise PlaylistError("playlist-too-large", f"more than {MAX_SECTIONS} sections")
            for s in sections:
                if not isinstance(s, str) or not SECTION_RE.fullmatch(s):
                    raise PlaylistError("playlist-invalid", f"not a section anchor: {s!r:.40}")
            if len(set(sections)) != len(sections):
                raise PlaylistError("playlist-invalid", "a section is listed twice")
            object.__setattr__(self, "sections", sections)
        _check_text("item notes", self.notes, max_bytes=MAX_NOTES_BYTES)
        check_minutes(self.minutes)


def check_minutes(minutes: object) -> int | None:
    """``minutes`` if it can be the time planned for a case (None, or a whole number 1..600)."""
    if minutes is None:
        return None
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise PlaylistError("playlist-invalid", f"the planned minutes must be a whole number 1..{MAX_MINUTES}")
    return minutes


@dataclass(frozen=True, kw_only=True)
class Playlist:
    """A playlist. ``end_text``: the text of the talk's end slide ("" for the default thanks)."""

    id: str
    title: str
    notes: str = ""
    created: str
    modified: str
    items: tuple[PlaylistItem, ...] = ()
    end_text: str = ""

    def __post_init__(self) -> None:
        _check_uuid("playlist id", self.id)
        if check_title(self.title) != self.title:
            raise PlaylistError("playlist-invalid", "the title has surrounding spaces")
        _check_text("playlist notes", self.notes, max_bytes=MAX_NOTES_BYTES)
        _check_text("end slide text", self.end_text, max_bytes=MAX_NOTES_BYTES)
        _check_timestamp("created", self.created)
        _check_timestamp("modified", self.modified)
        object.__setattr__(self, "items", tuple(self.items))
        if len(self.items) > MAX_ITEMS:
            raise PlaylistError("playlist-too-large", f"more than {MAX_ITEMS} cases in one playlist")
        ids = [i.id for i in self.items]
        if len(set(ids)) != len(ids):
            raise PlaylistError("playlist-invalid", "an item id occurs twice")
        for item in self.items:
            if not isinstance(item, PlaylistItem):
                raise PlaylistError("playlist-invalid", "items must be PlaylistItem objects")

    def item(self, item_id: str) -> PlaylistItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise PlaylistError("playlist-item-missing", f"no item {item_id} in the playlist {self.id}")


def playlist_case_ids(playlist: Playlist) -> list[str]:
    """The case ids of the playlist in order (a case listed twice appears twice)."""
    return [item.case_id for item in playlist.items]


def playlist_to_dict(playlist: Playlist) -> dict[str, Any]:
    """Every field as JSON-ready plain data (the shape of a file's ``playlists`` entries)."""
    return {
        "id": playlist.id,
        "title": playlist.title,
        "notes": playlist.notes,
        "end_text": playlist.end_text,
        "created": playlist.created,
        "modified": playlist.modified,
        "items": [
            {
                "id": it.id,
                "case_id": it.case_id,
                "sections": list(it.sections) if it.sections is not None else None,
                "notes": it.notes,
                "minutes": it.minutes,
            }
            for it in playlist.items
        ],
    }


def handout(playlist: Playlist) -> dict[str, Any]:
    """What a handout needs, as plain data: ``{"title", "notes", "cases": [{"case_id", "sections", "notes"}]}``."""
    return {
        "title": playlist.title,
        "notes": playlist.notes,
        "cases": [
            {
                "case_id": it.case_id,
                "sections": list(it.sections) if it.sections is not None else None,
                "notes": it.notes,
            }
            for it in playlist.items
        ],
    }


def _item_from_dict(d: Any, where: str, version: int = VERSION) -> PlaylistItem:
    if not isinstance(d, dict):
        raise PlaylistError("playlist-invalid", f"{where} must be an object")
    _exact_keys(d, _ITEM_KEYS if version >= 2 else _ITEM_KEYS - _V2_ITEM_KEYS, where)
    sections = d["sections"]
    if sections is not None and not isinstance(sections, list):
        raise PlaylistError("playlist-invalid", f"{where}: sections must be a list or null")
    for name in ("id", "case_id", "notes"):
        if not isinstance(d[name], str):
            raise PlaylistError("playlist-invalid", f"{where}: {name} must be text")
    try:
        return PlaylistItem(
            id=d["id"],
            case_id=d["case_id"],
            sections=tuple(sections) if sections is not None else None,
            notes=d["notes"],
            minutes=d.get("minutes"),
        )
    except PlaylistError as exc:
        raise PlaylistError(exc.code, f"{where}: {exc}") from exc


def playlist_from_dict(d: Any, where: str = "the playlist", version: int = VERSION) -> Playlist:
    """The playlist of a :func:`playlist_to_dict` mapping (of file format ``version``); strict (exact keys
    and JSON types)."""
    if not isinstance(d, dict):
        raise PlaylistError("playlist-invalid", f"{where} must be an object")
    _exact_keys(d, _PLAYLIST_KEYS if version >= 2 else _PLAYLIST_KEYS - _V2_PLAYLIST_KEYS, where)
    d = {"end_text": "", **d}
    for name in ("id", "title", "notes", "end_text", "created", "modified"):
        if not isinstance(d[name], str):
            raise PlaylistError("playlist-invalid", f"{where}: {name} must be text")
    raw_items = d["items"]
    if not isinstance(raw_items, list):
        raise PlaylistError("playlist-invalid", f"{where}: items must be a list")
    if len(raw_items) > MAX_ITEMS:
        raise PlaylistError("playlist-too-large", f"{where}: more than {MAX_ITEMS} cases")
    items = tuple(_item_from_dict(it, f"{where}, case {n + 1}", version) for n, it in enumerate(raw_items))
    try:
        return Playlist(
            id=d["id"],
            title=d["title"],
            notes=d["notes"],
            end_text=d["end_text"],
            created=d["created"],
            modified=d["modified"],
            items=items,
        )
    except PlaylistError as exc:
        raise PlaylistError(exc.code, f"{where}: {exc}") from exc


def _exact_keys(d: Mapping[str, Any], keys: set[str], where: str) -> None:
    missing = sorted(keys - set(d))
    if missing:
        raise PlaylistError("playlist-invalid", f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(str(k) for k in set(d) - keys)
    if unknown:
        raise PlaylistError("playlist-invalid", f"{where}: unknown field(s) {', '.join(unknown)[:80]}")


# ---------------------------------------------------------------------------------------------
# The database


def _rows(db: UserDB, sql: str, params: Mapping[str, Any] | None = None) -> list[sqlite3.Row]:
    return db.query(sql, params)


def _execute(db: UserDB, sql: str, params: Mapping[str, Any] | None = None) -> None:
    """Run a write inside ``db.transaction()`` (its errors are translated on the way out)."""
    db.execute(sql, params)


def _load(db: UserDB, playlist_id: str) -> Playlist | None:
    rows = _rows(db, f"SELECT {_PLAYLIST_COLUMNS} FROM playlists WHERE id = :id", {"id": playlist_id})
    if not rows:
        return None
    return _playlist_of(rows[0], _items_of(db, [playlist_id]).get(playlist_id, []))


_PLAYLIST_COLUMNS = "id, title, notes, end_text, created, modified"


def _items_of(db: UserDB, playlist_ids: Sequence[str] | None) -> dict[str, list[PlaylistItem]]:
    sql = "SELECT id, playlist_id, case_id, sections, notes, minutes FROM playlist_items"
    params: dict[str, Any] = {}
    if playlist_ids is not None:
        names = []
        for n, pid in enumerate(playlist_ids):
            params[f"p{n}"] = pid
            names.append(f":p{n}")
        sql += f" WHERE playlist_id IN ({', '.join(names) or 'NULL'})"
    out: dict[str, list[PlaylistItem]] = {}
    for row in _rows(db, sql + " ORDER BY playlist_id, position, id", params):
        sections = json.loads(row["sections"]) if row["sections"] is not None else None
        out.setdefault(row["playlist_id"], []).append(
            PlaylistItem(
                id=row["id"],
                case_id=row["case_id"],
                sections=tuple(sections) if sections is not None else None,
                notes=row["notes"],
                minutes=row["minutes"],
            )
        )
    return out


def _playlist_of(row: sqlite3.Row, items: Sequence[PlaylistItem]) -> Playlist:
    return Playlist(
        id=row["id"],
        title=row["title"],
        notes=row["notes"],
        end_text=row["end_text"],
        created=row["created"],
        modified=row["modified"],
        items=tuple(items),
    )


def list_playlists(db: UserDB) -> list[Playlist]:
    """Every playlist with its items, oldest first."""
    rows = _rows(db, f"SELECT {_PLAYLIST_COLUMNS} FROM playlists ORDER BY created, id")
    items = _items_of(db, None)
    return [_playlist_of(row, items.get(row["id"], [])) for row in rows]


def get_playlist(db: UserDB, playlist_id: str) -> Playlist | None:
    return _load(db, playlist_id)


def playlist(db: UserDB, playlist_id: str) -> Playlist:
    """The playlist with this id; :class:`PlaylistError` (``playlist-missing``) when there is none."""
    found = _load(db, playlist_id)
    if found is None:
        raise PlaylistError("playlist-missing", f"no playlist with id {playlist_id}", path=db.path)
    return found


def _write(db: UserDB, p: Playlist, *, replace: bool) -> None:
    """Store ``p`` exactly (its items replace the stored ones). Inside a transaction."""
    params = {
        "id": p.id,
        "title": p.title,
        "notes": p.notes,
        "end_text": p.end_text,
        "created": p.created,
        "modified": p.modified,
    }
    if replace:
        _execute(
            db,
            "UPDATE playlists SET title = :title, notes = :notes, end_text = :end_text, created = :created, "
            "modified = :modified WHERE id = :id",
            params,
        )
        _execute(db, "DELETE FROM playlist_items WHERE playlist_id = :id", {"id": p.id})
    else:
        _execute(
            db,
            "INSERT INTO playlists (id, title, notes, end_text, created, modified) "
            "VALUES (:id, :title, :notes, :end_text, :created, :modified)",
            params,
        )
    for position, it in enumerate(p.items):
        _execute(
            db,
            "INSERT INTO playlist_items (id, playlist_id, position, case_id, sections, notes, minutes) "
            "VALUES (:id, :playlist_id, :position, :case_id, :sections, :notes, :minutes)",
            {
                "id": it.id,
                "playlist_id": p.id,
                "position": position,
                "case_id": it.case_id,
                "sections": json.dumps(list(it.sections), ensure_ascii=False) if it.sections is not None else None,
                "notes": it.notes,
                "minutes": it.minutes,
            },
        )


def _stale(db: UserDB, current: Playlist | None, field: str) -> StalePlaylistError:
    what = current.id if current is not None else "the playlist"
    return StalePlaylistError(
        f"{what} was changed elsewhere ({field}) since it was read", path=db.path, current=current, field=field
    )


def _current(db: UserDB, playlist_id: str, base: Playlist | None) -> Playlist:
    """The stored playlist; a write based on ``base`` finds it deleted: :class:`StalePlaylistError`."""
    found = _load(db, playlist_id)
    if found is None:
        if base is not None:
            raise _stale(db, None, "playlist")
        raise PlaylistError("playlist-missing", f"no playlist with id {playlist_id}", path=db.path)
    return found


def _merged(db: UserDB, base: Playlist | None, current: Playlist, changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` (new values of ``title``/``notes``/``end_text``, made on the copy ``base``) that still apply to
    ``current``: a field this edit left as it was keeps the stored value; a field changed both here and
    elsewhere, differently, raises :class:`StalePlaylistError` (nothing is written)."""
    if base is None or base.modified == current.modified:
        return changes
    out: dict[str, Any] = {}
    for name, new in changes.items():
        if name == "items":
            out[name] = new  # item changes are checked item by item by their callers
            continue
        was, theirs = getattr(base, name), getattr(current, name)
        if new == was:
            continue
        if theirs not in (was, new):
            raise _stale(db, current, name)
        out[name] = new
    return out


def _change(
    db: UserDB, playlist_id: str, now: _dt.datetime | None, base: Playlist | None = None, **changes: Any
) -> Playlist:
    """Apply ``changes`` to the stored playlist in one transaction; returns the new version.

    ``base`` is the copy the change was made on; ``modified`` is the playlist's version: when the stored one is
    newer, only what this change changed is applied, and a field changed elsewhere too is refused
    (:class:`StalePlaylistError`): a write based on a stale copy never silently wins."""
    with db.transaction():
        current = _current(db, playlist_id, base)
        changes = _merged(db, base, current, changes)
        fields: dict[str, Any] = {
            "id": current.id,
            "title": current.title,
            "notes": current.notes,
            "end_text": current.end_text,
            "created": current.created,
            "modified": current.modified,
            "items": current.items,
        }
        fields.update(changes)
        if Playlist(**fields) == current:
            return current
        fields["modified"] = later_timestamp(current.modified, now)
        new = Playlist(**fields)
        _write(db, new, replace=True)
    return new


def create_playlist(
    db: UserDB, title: str, *, notes: str = "", case_ids: Iterable[str] = (), now: _dt.datetime | None = None
) -> Playlist:
    """A new playlist (with these cases, whole) stored and returned."""
    stamp = now_iso(now)
    p = Playlist(
        id=new_id(),
        title=check_title(title),
        notes=notes,
        created=stamp,
        modified=stamp,
        items=tuple(PlaylistItem(id=new_id(), case_id=c) for c in case_ids),
    )
    with db.transaction():
        _write(db, p, replace=False)
    return p


def rename_playlist(
    db: UserDB, playlist_id: str, title: str, *, now: _dt.datetime | None = None, base: Playlist | None = None
) -> Playlist:
    return _change(db, playlist_id, now, base, title=check_title(title))


def set_playlist_notes(
    db: UserDB, playlist_id: str, notes: str, *, now: _dt.datetime | None = None, base: Playlist | None = None
) -> Playlist:
    return _change(db, playlist_id, now, base, notes=notes)


def duplicate_playlist(
    db: UserDB, playlist_id: str, *, title: str | None = None, now: _dt.datetime | None = None
) -> Playlist:
    """A copy with new ids (``title``, or the same title) stored after the original; returned."""
    with db.transaction():
        source = playlist(db, playlist_id)
        stamp = later_timestamp(source.created, now)
        copy = Playlist(
            id=new_id(),
            title=check_title(title) if title is not None else source.title,
            notes=source.notes,
            created=stamp,
            modified=stamp,
            items=tuple(
                PlaylistItem(id=new_id(), case_id=i.case_id, sections=i.sections, notes=i.notes) for i in source.items
            ),
        )
        _write(db, copy, replace=False)
    return copy


def delete_playlist(db: UserDB, playlist_id: str, *, base: Playlist | None = None) -> Playlist:
    """Delete a playlist with its items; returns it (``put_playlist`` restores it exactly). With ``base`` (the copy
    the user saw) a playlist changed elsewhere since is not deleted: :class:`StalePlaylistError`."""
    with db.transaction():
        current = _current(db, playlist_id, base)
        if base is not None and current != base:
            raise _stale(db, current, "playlist")
        _execute(db, "DELETE FROM playlist_items WHERE playlist_id = :id", {"id": playlist_id})
        _execute(db, "DELETE FROM playlists WHERE id = :id", {"id": playlist_id})
    return current


def put_playlist(db: UserDB, p: Playlist) -> Playlist | None:
    """Insert or overwrite ``p`` exactly as given (for undo and import); returns the previous version or None."""
    with db.transaction():
        previous = _load(db, p.id)
        if previous != p:
            _write(db, p, replace=previous is not None)
    return previous


def replace_playlist(db: UserDB, playlist_id: str, new: Playlist | None, *, expected: Playlist | None) -> None:
    """Put ``new`` exactly (None: delete the playlist) where ``expected`` is stored (None: no playlist), for undo
    and redo; when the stored playlist is not ``expected`` (it was changed elsewhere since), nothing is written:
    :class:`StalePlaylistError`."""
    with db.transaction():
        current = _load(db, playlist_id)
        if current != expected:
            raise _stale(db, current, "playlist")
        if new is None:
            _execute(db, "DELETE FROM playlist_items WHERE playlist_id = :id", {"id": playlist_id})
            _execute(db, "DELETE FROM playlists WHERE id = :id", {"id": playlist_id})
        elif new != current:
            _write(db, new, replace=current is not None)


def add_items(
    db: UserDB,
    playlist_id: str,
    case_ids: Iterable[str],
    *,
    position: int | None = None,
    now: _dt.datetime | None = None,
) -> Playlist:
    """Add these cases (whole) at ``position`` (default: the end); returns the new version."""
    new = tuple(PlaylistItem(id=new_id(), case_id=c) for c in case_ids)
    with db.transaction():
        current = playlist(db, playlist_id)
        at = len(current.items) if position is None else max(0, min(position, len(current.items)))
        return _change(db, playlist_id, now, items=current.items[:at] + new + current.items[at:])


def remove_items(
    db: UserDB,
    playlist_id: str,
    item_ids: Iterable[str],
    *,
    now: _dt.datetime | None = None,
    base: Playlist | None = None,
) -> Playlist:
    """Remove these items. With ``base`` an item removed elsewhere meanwhile is simply gone already (merged);
    one changed elsewhere since ``base`` is kept (:class:`StalePlaylistError`)."""
    gone = set(item_ids)
    with db.transaction():
        current = _current(db, playlist_id, base)
        here = {i.id: i for i in current.items}
        for i in gone:
            if base is not None and i not in here and any(b.id == i for b in base.items):
                continue  # removed elsewhere too
            if base is not None and any(b.id == i and b != here[i] for b in base.items):
                raise _stale(db, current, "item")
            current.item(i)  # raises for an unknown id
        return _change(db, playlist_id, now, items=tuple(i for i in current.items if i.id not in gone))


def reorder_items(
    db: UserDB,
    playlist_id: str,
    item_ids: Sequence[str],
    *,
    now: _dt.datetime | None = None,
    base: Playlist | None = None,
) -> Playlist:
    """Put the items in this order (``item_ids`` must list every item once). With ``base`` (the order the user
    saw) an order or a set of items changed elsewhere meanwhile is refused: :class:`StalePlaylistError`."""
    with db.transaction():
        current = _current(db, playlist_id, base)
        if (
            base is not None
            and [i.id for i in current.items] != [i.id for i in base.items]
            and [i.id for i in current.items] != list(item_ids)
        ):
            raise _stale(db, current, "order")
        if sorted(item_ids) != sorted(i.id for i in current.items):
            raise PlaylistError("playlist-invalid", "the new order must list every item of the playlist once")
        by_id = {i.id: i for i in current.items}
        return _change(db, playlist_id, now, items=tuple(by_id[i] for i in item_ids))


def move_items(
    db: UserDB,
    playlist_id: str,
    item_ids: Sequence[str],
    row: int,
    *,
    now: _dt.datetime | None = None,
    base: Playlist | None = None,
) -> Playlist:
    """Move these items, in their current order, before the item now at ``row`` (``len`` = to the end)."""
    with db.transaction():
        current = _current(db, playlist_id, base) if base is None else base
        order = [i.id for i in current.items]
        moving = [i for i in order if i in set(item_ids)]
        if len(moving) != len(set(item_ids)):
            raise PlaylistError("playlist-item-missing", "an item to move is not in the playlist")
        row = max(0, min(row, len(order)))
        before = sum(1 for i in order[:row] if i in set(moving))
        rest = [i for i in order if i not in set(moving)]
        at = row - before
        return reorder_items(db, playlist_id, rest[:at] + moving + rest[at:], now=now, base=base)


def _set_item(
    db: UserDB, playlist_id: str, item_id: str, now: _dt.datetime | None, base: Playlist | None, **changes: Any
) -> Playlist:
    with db.transaction():
        current = _current(db, playlist_id, base)
        if base is not None and not any(i.id == item_id for i in current.items):
            raise _stale(db, current, "item")  # removed elsewhere: the change has nothing to go to
        old = current.item(item_id)
        if base is not None and base.modified != current.modified and any(i.id == item_id for i in base.items):
            was = base.item(item_id)
            for name, new in list(changes.items()):
                before, theirs = getattr(was, name), getattr(old, name)
                if new == before:
                    del changes[name]
                elif theirs not in (before, new):
                    raise _stale(db, current, f"item {name}")
        fields = {
            "id": old.id,
            "case_id": old.case_id,
            "sections": old.sections,
            "notes": old.notes,
            "minutes": old.minutes,
            **changes,
        }
        new = PlaylistItem(**fields)
        return _change(db, playlist_id, now, items=tuple(new if i.id == item_id else i for i in current.items))


def set_item_sections(
    db: UserDB,
    playlist_id: str,
    item_id: str,
    sections: Iterable[str] | None,
    *,
    now: _dt.datetime | None = None,
    base: Playlist | None = None,
) -> Playlist:
    """Show only these sections of the item's case (anchors ``s1``, ``s2.3``, ``lead``); None: the whole case."""
    return _set_item(db, playlist_id, item_id, now, base, sections=tuple(sections) if sections is not None else None)


def set_item_notes(
    db: UserDB,
    playlist_id: str,
    item_id: str,
    notes: str,
    *,
    now: _dt.datetime | None = None,
    base: Playlist | None = None,
) -> Playlist:
    return _set_item(db, playlist_id, item_id, now, base, notes=notes)


def set_item_minutes(
    db: UserDB,
    playlist_id: str,
    item_id: str,
    minutes: int | None,
    *,
    now: _dt.datetime | None = None,
    base: Playlist | None = None,
) -> Playlist:
    """Plan ``minutes`` for the item in a talk (None: no plan)."""
    return _set_item(db, playlist_id, item_id, now, base, minutes=check_minutes(minutes))


def set_end_text(
    db: UserDB, playlist_id: str, text: str, *, now: _dt.datetime | None = None, base: Playlist | None = None
) -> Playlist:
    """The text of the talk's end slide ("" for the default thanks)."""
    return _change(db, playlist_id, now, base, end_text=text)


# ---------------------------------------------------------------------------------------------
# Files


def playlist_document(playlists: Iterable[Playlist], *, now: _dt.datetime | None = None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": now_iso(now),
        "app_version": __version__,
        "playlists": [playlist_to_dict(p) for p in playlists],
    }


def export_playlists(
    db: UserDB, path: Path, *, ids: Iterable[str] | None = None, now: _dt.datetime | None = None
) -> int:
    """Write these playlists (default: all) to ``path`` atomically; returns how many."""
    chosen = list_playlists(db) if ids is None else [playlist(db, i) for i in ids]
    doc = playlist_document(chosen, now=now)
    atomic_write(Path(path), (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return len(chosen)


def read_playlist_file(
    path: Path, *, known_case_ids: Iterable[str] | None = None, allow_unknown_cases: bool = False
) -> list[Playlist]:
    """Parse and check a playlist file completely; writes nothing. :class:`PlaylistFileError` for any problem.

    ``known_case_ids``: every case id must be one of them (unless ``allow_unknown_cases``); None: not checked.
    """
    path = Path(path)
    try:
        doc = load_document(path)  # size, UTF-8, strict JSON
    except ExchangeError as exc:
        raise PlaylistFileError(exc.code, str(exc), path=path) from exc
    doc = check_envelope(
        doc,
        path,
        file_format=FORMAT,
        version=VERSION,
        keys=_TOP_KEYS,
        kind="a Casebook playlist file",
        error=PlaylistFileError,
    )
    raw = doc.get("playlists")
    if not isinstance(raw, list):
        raise PlaylistFileError("import-invalid-field", f"the file has no list of playlists: {path}", path=path)
    if len(raw) > MAX_PLAYLISTS_PER_FILE:
        raise PlaylistFileError(
            "import-too-large", f"the file holds more than {MAX_PLAYLISTS_PER_FILE} playlists: {path}", path=path
        )
    known = set(known_case_ids) if known_case_ids is not None else None
    out: list[Playlist] = []
    seen: set[str] = set()
    for n, d in enumerate(raw):
        where = f"playlist {n + 1}"
        try:
            p = playlist_from_dict(d, where, doc["version"])
        except PlaylistError as exc:
            raise PlaylistFileError(exc.code, f"{exc}: {path}", path=path) from exc
        for ident in (p.id, *(i.id for i in p.items)):
            if ident in seen:
                raise PlaylistFileError(
                    "import-duplicate-id", f"{where}: the id {ident} occurs twice in the file: {path}", path=path
                )
            seen.add(ident)
        if known is not None and not allow_unknown_cases:
            for k, item in enumerate(p.items):
                if item.case_id not in known:
                    raise PlaylistFileError(
                        "import-unknown-case",
                        f"{where}, case {k + 1}: no case {item.case_id!r:.60} in the casebook: {path}",
                        path=path,
                    )
        out.append(p)
    return out


@dataclass
class PlaylistImport:
    added: list[str] = field(default_factory=list)  # ids of the playlists stored
    renumbered: dict[str, str] = field(default_factory=dict)  # id in the file -> new id (the id was taken)
    skipped: list[str] = field(default_factory=list)  # already here, unchanged


def _content(p: Playlist) -> tuple[Any, ...]:
    """Everything but the ids: a playlist imported under new ids is recognised when it comes again."""
    return (
        p.title,
        p.notes,
        p.end_text,
        p.created,
        p.modified,
        tuple((i.case_id, i.sections, i.notes, i.minutes) for i in p.items),
    )


def _renumbered(p: Playlist) -> Playlist:
    items = tuple(dataclasses.replace(i, id=new_id()) for i in p.items)
    return dataclasses.replace(p, id=new_id(), items=items)


def import_playlists(
    db: UserDB,
    path: Path,
    *,
    casebook: Casebook | None = None,
    known_case_ids: Iterable[str] | None = None,
    allow_unknown_cases: bool = False,
) -> PlaylistImport:
    """Check ``path`` completely, then store its playlists in one transaction (rules in the module docstring).

    Case ids are checked against ``known_case_ids``, else ``casebook`` when given. On any error nothing is
    written.
    """
    if known_case_ids is None and casebook is not None:
        known_case_ids = {c.id for batch in casebook.batches() for c in batch.cases}
    incoming = read_playlist_file(path, known_case_ids=known_case_ids, allow_unknown_cases=allow_unknown_cases)
    result = PlaylistImport()
    with db.transaction():
        here = {_content(q) for q in list_playlists(db)}
        for p in incoming:
            existing = _load(db, p.id)
            if existing == p or _content(p) in here:
                result.skipped.append(p.id)
                continue
            taken = existing is not None or any(
                _rows(db, "SELECT 1 FROM playlist_items WHERE id = :id", {"id": i.id}) for i in p.items
            )
            stored = _renumbered(p) if taken else p
            if taken:
                result.renumbered[p.id] = stored.id
            _write(db, stored, replace=False)
            result.added.append(stored.id)
    return result
