"""The user database: annotations, playlists and small user state, kept safe.

Annotations are the user's own work: losing one is the worst bug this product can have. So:

* **Durable commits.** WAL journal with ``synchronous=FULL``: once a method returns, its change is on
  disk. Every public method that writes is one transaction (one user action); :meth:`UserDB.transaction`
  groups several into one (nested calls become savepoints).
* **Schema ladder.** ``PRAGMA user_version``; :func:`upgrade_to_1` (and later ``upgrade_to_N``) each run in
  one transaction; a database from a newer Casebook raises :class:`SchemaTooNewError` and is not touched.
* **Start-up check and recovery.** :meth:`UserDB.open` first makes sure the folder can be written (a full disk
  or a read-only folder raises :class:`DiskFullError`/:class:`ReadOnlyError` before anything is touched; the
  app then uses :meth:`UserDB.open_read_only`). It runs ``PRAGMA integrity_check`` (57 ms on a 10 MB database
  with 10 000 annotations). For a damaged file (or one that is not a database) a copy of the newest backup that
  passes the check is prepared first, then the file is *moved aside* as ``user.db.corrupt-<UTC timestamp>``
  (never deleted, its ``-wal``/``-shm`` files with it: :func:`reader.storage.files.move_aside`) and the copy
  takes its place (a fresh database when there is no backup). Every annotation still readable in the damaged
  file, row by row (:mod:`reader.storage.salvage`), that is missing from the backup or newer there is merged in
  by id. ``UserDB.recovery`` reports all of it, with how many came from where.
* **Backups** (:mod:`reader.storage.backups`). :meth:`UserDB.backup_if_due` copies the live database with
  SQLite's online backup API into ``backups_dir/user-YYYYmmdd-HHMMSS.db`` (UTC; written under a temporary name
  owned by this process, checked, fsynced, renamed) and keeps the newest seven, plus the newest backup holding
  each annotation the live database lacks. :meth:`UserDB.restore` first copies the live data aside, then
  replaces it in one transaction.
* **Versions.** ``modified`` is the row's version: :meth:`UserDB.update` with ``base`` merges an edit made on
  a stale copy onto the stored row, or refuses it (:class:`StaleAnnotationError`) when the same field changed.
* **Undo.** ``add`` returns the stored annotation (undo: ``delete(a.id)``), ``update`` returns the
  *previous* version (undo: ``update(previous)``), ``delete`` returns the deleted annotation (undo:
  ``add(deleted)`` puts it back exactly, id and timestamps included).

Note search uses the casebook's Chinese search machinery (:mod:`reader.storage.search`: normalised text
encoded as character pairs in an FTS5 ``ascii`` table, queries parsed by :mod:`reader.domain.query`), so a
term matches a note exactly when the casebook search would match the same text.

Thread safety: one connection guarded by a lock; any thread may call any method.
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime as _dt
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.domain.annotation import (
    Annotation,
    TextPositionSelector,
    TextQuoteSelector,
    format_timestamp,
    later_timestamp,
    now_iso,
)
from reader.storage import backups as _backups
from reader.storage import schema as _schema
from reader.storage.backups import BACKUP_MAX_AGE, KEEP_BACKUPS, Backup
from reader.storage.db import (
    CorruptDatabaseError,
    ReadOnlyError,
    StorageError,
    readonly_uri,
    translate,
)
from reader.storage.files import free_name, fsync_dir, fsync_file, move_aside, probe_writable, temp_file, utc_stamp
from reader.storage.schema import Ladder, check_not_too_new

if TYPE_CHECKING:
    from reader.storage.casebook import Casebook

SCHEMA_VERSION = 2

#: The name of the user database's backups: ``user-YYYYmmdd-HHMMSS.db`` (:mod:`reader.storage.backups`).
BACKUP_PREFIX = "user"

AnnotationList = list[Annotation]


class AnnotationNotFoundError(StorageError):
    code = "annotation-missing"


class DuplicateAnnotationError(StorageError):
    code = "annotation-exists"


class BackupError(StorageError):
    code = "backup-invalid"


class StaleAnnotationError(StorageError):
    """The annotation was changed elsewhere in the same fields since this edit's copy was read.

    ``current`` is the stored version, ``mine`` the refused edit (nothing was written).
    """

    code = "annotation-stale"

    def __init__(self, message: str, *, path: Path | None, current: Annotation, mine: Annotation) -> None:
        super().__init__(message, path=path)
        self.current, self.mine = current, mine


#: The fields an edit may change; a merge applies those the edit changed.
_EDITABLE = ("case_id", "kind", "color", "note", "tags", "quote", "position", "orphaned")


def merge_edit(base: Annotation, mine: Annotation, current: Annotation, *, path: Path | None) -> Annotation:
    """``current`` with the fields ``mine`` changed from ``base``; :class:`StaleAnnotationError` when
    ``current`` changed one of them differently (tags are merged as a set: both sides' additions and removals)."""
    merged: dict[str, Any] = {}
    for name in _EDITABLE:
        was, new, theirs = getattr(base, name), getattr(mine, name), getattr(current, name)
        if new == was:
            continue
        if name == "tags" and theirs not in (was, new):
            # Tags are a set: the tags this edit added and removed, applied to the other edit's tags.
            new = tuple(t for t in theirs if t not in set(was) - set(new)) + tuple(
                t for t in new if t not in set(was) and t not in theirs
            )
        elif theirs not in (was, new):
            raise StaleAnnotationError(
                f"annotation {mine.id} was changed elsewhere ({name}) since it was read",
                path=path,
                current=current,
                mine=mine,
            )
        merged[name] = new
    return current.replace(**merged)


# ---------------------------------------------------------------------------------------------
# Schema


def upgrade_to_1(conn: sqlite3.Connection) -> None:
    """Version 1: annotations with their tags and note index, workshop playlists, key/value user state."""
    statements = [
        """
        CREATE TABLE annotations (
            n            INTEGER PRIMARY KEY,          -- stable row key; rowid of annotation_fts
            id           TEXT NOT NULL UNIQUE,         -- UUID
            case_id      TEXT NOT NULL,
            kind         TEXT NOT NULL CHECK (kind IN ('highlight', 'case_note', 'bookmark')),
            color        INTEGER CHECK (color BETWEEN 0 AND 4),
            note         TEXT NOT NULL DEFAULT '',
            quote_exact  TEXT,
            quote_prefix TEXT,
            quote_suffix TEXT,
            pos_start    INTEGER,
            pos_end      INTEGER,
            created      TEXT NOT NULL,                -- ISO-8601 UTC with milliseconds
            modified     TEXT NOT NULL,
            orphaned     INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
            CHECK ((kind = 'highlight') = (color IS NOT NULL)),
            CHECK (kind != 'highlight' OR quote_exact IS NOT NULL),
            CHECK ((quote_exact IS NULL) = (quote_prefix IS NULL) AND (quote_exact IS NULL) = (quote_suffix IS NULL)),
            CHECK ((pos_start IS NULL) = (pos_end IS NULL)),
            CHECK (pos_start IS NULL OR (pos_start >= 0 AND pos_end >= pos_start))
        )
        """,
        "CREATE INDEX annotations_case ON annotations (case_id, kind)",
        "CREATE INDEX annotations_modified ON annotations (modified)",
        # WORKAROUND: the primary-key columns come first. SQLite 3.40's integrity_check reports a false
        # "NULL value in annotation_tags.position" when a NOT NULL column is declared before the key
        # columns of a WITHOUT ROWID table, which would make every start-up "recover" a sound database.
        """
        CREATE TABLE annotation_tags (
            annotation_id TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE ON UPDATE CASCADE,
            tag           TEXT NOT NULL,
            position      INTEGER NOT NULL,            -- the tag's place in the annotation's tag list
            PRIMARY KEY (annotation_id, tag)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX annotation_tags_tag ON annotation_tags (tag)",
        # Normalised note and quote as character-pair tokens (reader.storage.search.token_stream).
        "CREATE VIRTUAL TABLE annotation_fts USING fts5(note, quote, tokenize='ascii', prefix='1')",
        """
        CREATE TABLE playlists (
            id       TEXT PRIMARY KEY,                 -- UUID
            title    TEXT NOT NULL,
            notes    TEXT NOT NULL DEFAULT '',
            created  TEXT NOT NULL,
            modified TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE playlist_items (
            id          TEXT PRIMARY KEY,              -- UUID: the same case may appear twice
            playlist_id TEXT NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
            position    INTEGER NOT NULL,
            case_id     TEXT NOT NULL,
            sections    TEXT CHECK (sections IS NULL OR json_valid(sections)),  -- JSON list, NULL = whole case
            notes       TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX playlist_items_order ON playlist_items (playlist_id, position)",
        """
        CREATE TABLE kv (
            key      TEXT PRIMARY KEY,
            value    TEXT NOT NULL CHECK (json_valid(value)),
            modified TEXT NOT NULL
        )
        """,
    ]
    for sql in statements:
        conn.execute(sql)


def upgrade_to_2(conn: sqlite3.Connection) -> None:
    """Version 2: workshop talks: the minutes planned for each case of a playlist, the end slide's text."""
    conn.execute(
        "ALTER TABLE playlist_items ADD COLUMN minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 600)"
    )
    conn.execute("ALTER TABLE playlists ADD COLUMN end_text TEXT NOT NULL DEFAULT ''")


#: ``version -> upgrade function``: the ladder (:mod:`reader.storage.schema`). Each step runs in its own transaction.
UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {1: upgrade_to_1, 2: upgrade_to_2}
LADDER = Ladder("the user data", UPGRADES)


def upgrade(conn: sqlite3.Connection, path: Path | None = None) -> int:
    """Bring the database on ``conn`` (autocommit mode) to :data:`SCHEMA_VERSION`; returns the version found.
    Raises :class:`SchemaTooNewError` for a newer database, untouched."""
    return _schema.upgrade(conn, LADDER, path)


# ---------------------------------------------------------------------------------------------
# Reports


@dataclass(frozen=True)
class RecoveryReport:
    """What :meth:`UserDB.open` did with a damaged user database.

    ``reason``: ``corrupt`` (failed the integrity check), ``not-a-database``, ``empty`` (0 bytes while
    backups exist) or ``foreign`` (a database, but not a Casebook user database). ``moved`` lists
    ``(original, new name)`` for the file and its ``-wal``/``-shm`` companions. ``restored_from`` is the
    backup now in use (None: a fresh, empty database was created); ``rejected_backups`` failed the check
    themselves. ``salvaged`` counts annotations copied from the damaged file.
    """

    reason: str
    detail: str
    moved: tuple[tuple[Path, Path], ...]
    restored_from: Path | None
    rejected_backups: tuple[Path, ...] = ()
    salvaged: int = 0  # annotations taken from the damaged file (missing from the backup, or newer there)
    from_backup: int = 0  # annotations the restored backup brought

    @property
    def damaged_copy(self) -> Path:
        return self.moved[0][1]

    def summary(self) -> str:
        where = f"backup {self.restored_from.name}" if self.restored_from else "a new, empty database"
        text = (
            f"the user database was damaged ({self.reason}); it was moved to {self.damaged_copy} and {where} is in use"
        )
        if self.restored_from:
            text += f"; {self.from_backup} annotation(s) came from the backup"
        if self.salvaged:
            text += f"; {self.salvaged} annotation(s) were recovered from the damaged file"
        return text


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    previous_copy: Path  # the data in use before the restore, copied aside


@dataclass
class ReanchorReport:
    """Result of :meth:`UserDB.reanchor_all`: how many annotations were found by which stage."""

    checked: int = 0
    stages: dict[str, int] = field(default_factory=dict)  # anchoring stage (or "missing-case") -> count
    orphaned: list[str] = field(default_factory=list)  # ids newly orphaned
    recovered: list[str] = field(default_factory=list)  # ids that were orphaned and are anchored again
    updated: int = 0  # annotations whose stored selectors or flag changed
    missing_cases: list[str] = field(default_factory=list)  # case ids no longer in the casebook


# ---------------------------------------------------------------------------------------------
# Files


def _utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def _is_corruption(exc: BaseException) -> bool:
    return isinstance(translate(exc), CorruptDatabaseError)


def verify_backup(path: Path) -> str:
    """``""`` when ``path`` is a usable user database (readable, intact, not from a newer Casebook), else why not."""
    return _backups.verify(path, LADDER, "annotations")


# ---------------------------------------------------------------------------------------------
# Rows


_COLUMNS = (
    "a.n, a.id, a.case_id, a.kind, a.color, a.note, a.quote_exact, a.quote_prefix, a.quote_suffix, "
    "a.pos_start, a.pos_end, a.created, a.modified, a.orphaned, "
    "(SELECT json_group_array(tag) FROM (SELECT t.tag FROM annotation_tags t "
    "WHERE t.annotation_id = a.id ORDER BY t.position)) AS tags"
)


def _from_row(row: sqlite3.Row) -> Annotation:
    quote = None
    if row["quote_exact"] is not None:
        quote = TextQuoteSelector(row["quote_exact"], row["quote_prefix"], row["quote_suffix"])
    position = None
    if row["pos_start"] is not None:
        position = TextPositionSelector(row["pos_start"], row["pos_end"])
    return Annotation(
        id=row["id"],
        case_id=row["case_id"],
        kind=row["kind"],
        color=row["color"],
        note=row["note"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        quote=quote,
        position=position,
        created=row["created"],
        modified=row["modified"],
        orphaned=bool(row["orphaned"]),
    )


def _params(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "case_id": a.case_id,
        "kind": a.kind,
        "color": a.color,
        "note": a.note,
        "quote_exact": a.quote.exact if a.quote else None,
        "quote_prefix": a.quote.prefix if a.quote else None,
        "quote_suffix": a.quote.suffix if a.quote else None,
        "pos_start": a.position.start if a.position else None,
        "pos_end": a.position.end if a.position else None,
        "created": a.created,
        "modified": a.modified,
        "orphaned": int(a.orphaned),
    }


def _fts_params(n: int, a: Annotation) -> dict[str, Any]:
    from reader.domain.normalize import normalize
    from reader.storage.search import token_stream

    return {
        "n": n,
        "note": token_stream([normalize(a.note)]),
        "quote": token_stream([normalize(a.quote.exact)]) if a.quote else "",
    }


def match_expression(text: str) -> str | None:
    """The FTS5 expression for a search query over notes and quotes (None for an empty query).

    Same language and semantics as the library search (:mod:`reader.domain.query`); raises its
    :class:`~reader.domain.query.QueryError` for a query that cannot be searched.
    """
    from reader.domain.query import parse_query
    from reader.storage.search import term_expression

    parsed = parse_query(text)
    if parsed.empty:
        return None
    positive = " AND ".join(
        "(" + " OR ".join(term_expression(t.text) for t in clause) + ")" for clause in parsed.clauses
    )
    if not parsed.excluded:
        return positive
    return f"({positive}) NOT (" + " OR ".join(term_expression(t.text) for t in parsed.excluded) + ")"


# ---------------------------------------------------------------------------------------------
# The database


class UserDB:
    """The user database. Open with :meth:`UserDB.open`; close with :meth:`close` (or ``with``)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        path: Path,
        backups_dir: Path,
        recovery: RecoveryReport | None = None,
    ) -> None:
        self._conn = conn
        self.path = path
        self.backups_dir = backups_dir
        self.recovery = recovery
        #: Why this database can only be read (:meth:`open_read_only`), else None; every write raises it.
        self.read_only: StorageError | None = None
        self._lock = threading.RLock()
        self._depth = 0

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, backups_dir: Path) -> UserDB:
        """Open (or create) the user database at ``path``, checking and if need be recovering it.

        Raises :class:`ReadOnlyError` when the file or its folder cannot be written, :class:`DiskFullError`
        when the disk is full, :class:`SchemaTooNewError` for a database of a newer Casebook: in each case
        nothing was changed (open it with :meth:`open_read_only` instead). A damaged database never raises:
        see the module docstring and :attr:`recovery`.
        """
        path = Path(path)
        backups_dir = Path(backups_dir)
        probe_writable(path.parent)  # a full disk or read-only folder is told apart before anything moves
        if path.exists() and not os.access(path, os.W_OK):
            raise ReadOnlyError(f"the user database is read-only: {path}", path=path)
        recovery: RecoveryReport | None = None
        problem = cls._check_file(path, backups_dir)
        if problem is not None:
            recovery = cls._recover(path, backups_dir, *problem)
        conn = cls._connect(path)
        db = cls(conn, path=path, backups_dir=backups_dir, recovery=recovery)
        try:
            upgrade(conn, path)
            if recovery is not None:
                db.recovery = dataclasses.replace(
                    recovery, from_backup=db.count(), salvaged=db._salvage(recovery.damaged_copy)
                )
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error | OSError):
                raise translate(exc, path) from exc
            raise
        return db

    @classmethod
    def open_read_only(cls, path: Path, *, backups_dir: Path, reason: StorageError) -> UserDB:
        """The user database for reading only, for a folder that cannot be written (``reason``: the
        :class:`ReadOnlyError` or :class:`DiskFullError` :meth:`open` raised). Nothing on disk is changed:
        no recovery, no schema upgrade, no journal; every write raises ``reason`` again. A missing file reads
        as an empty database. Raises :class:`StorageError` when the file cannot be read at all.
        """
        path = Path(path)
        conn: sqlite3.Connection | None = None
        if path.exists():
            wal = Path(f"{path}-wal").exists()  # none: everything is in the file, immutable creates nothing
            for uri in (path.resolve().as_uri() + "?mode=ro", readonly_uri(path)) if wal else (readonly_uri(path),):
                candidate = sqlite3.connect(uri, uri=True, check_same_thread=False)
                try:
                    candidate.row_factory = sqlite3.Row
                    check_not_too_new(candidate, newest=SCHEMA_VERSION, what=LADDER.what, path=path)
                    candidate.execute("SELECT count(*) FROM annotations").fetchone()
                    if _backups.integrity_problems(candidate):
                        candidate.close()
                        return cls._salvaged_read_only(path, backups_dir=Path(backups_dir), reason=reason)
                except sqlite3.Error as exc:
                    candidate.close()
                    if _is_corruption(exc):
                        return cls._salvaged_read_only(path, backups_dir=Path(backups_dir), reason=reason)
                    continue  # mode=ro cannot read a WAL database without its -shm: immutable can
                except StorageError:
                    candidate.close()
                    raise
                conn = candidate
                break
        if conn is None:
            return cls.empty_read_only(path, backups_dir=backups_dir, reason=reason)
        db = cls(conn, path=path, backups_dir=Path(backups_dir))
        db.read_only = reason
        return db

    @classmethod
    def _salvaged_read_only(cls, path: Path, *, backups_dir: Path, reason: StorageError) -> UserDB:
        """A damaged database in a folder that cannot be written: nothing is moved; the newest sound backup and
        every annotation still readable in the damaged file are merged in memory, for reading."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        for backup in _backups.list_backups(backups_dir, BACKUP_PREFIX):
            if not verify_backup(backup.path):
                source = sqlite3.connect(readonly_uri(backup.path), uri=True)
                try:
                    source.backup(conn)
                finally:
                    source.close()
                break
        upgrade(conn, None)
        db = cls(conn, path=Path(path), backups_dir=backups_dir)
        db._salvage(path)
        db.read_only = reason
        return db

    @classmethod
    def empty_read_only(cls, path: Path, *, backups_dir: Path, reason: StorageError) -> UserDB:
        """An empty database in memory standing for ``path``, every write refused with ``reason``."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        upgrade(conn, None)
        db = cls(conn, path=Path(path), backups_dir=Path(backups_dir))
        db.read_only = reason
        return db

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL").fetchone()
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            conn.close()
            raise translate(exc, path) from exc
        return conn

    @staticmethod
    def _check_file(path: Path, backups_dir: Path) -> tuple[str, str] | None:
        """None when ``path`` is missing or a sound database; else ``(reason, detail)`` for recovery."""
        if not path.exists():
            return None
        if path.stat().st_size == 0 and not Path(f"{path}-wal").exists():
            # SQLite reads an empty file as an empty database. It is left by a crash before the first
            # commit; with backups around it can only mean the file was truncated.
            return ("empty", "the file is empty") if _backups.list_backups(backups_dir, BACKUP_PREFIX) else None
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc
        try:
            version = check_not_too_new(conn, newest=SCHEMA_VERSION, what=LADDER.what, path=path)
            problems = _backups.integrity_problems(conn)
            if problems:
                return "corrupt", problems
            if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                return "foreign", "the file holds tables of another program"
            return None
        except sqlite3.DatabaseError as exc:
            if _is_corruption(exc):
                return ("not-a-database" if "not a database" in str(exc) else "corrupt"), str(exc)
            raise translate(exc, path) from exc
        finally:
            conn.close()

    @staticmethod
    def _recover(path: Path, backups_dir: Path, reason: str, detail: str) -> RecoveryReport:
        """Put the newest sound backup (or nothing) in place of the damaged file, which is moved aside.

        The backup's copy is made first, beside the database: when that fails (a full disk) nothing has been
        moved and the error is raised, so a start on a full disk never leaves the user with less than before.
        """
        rejected: list[Path] = []
        chosen: Path | None = None
        ready: Path | None = None
        for backup in _backups.list_backups(backups_dir, BACKUP_PREFIX):
            if verify_backup(backup.path):
                rejected.append(backup.path)
                continue
            chosen = backup.path
            break
        try:
            with temp_file(path.parent, path.name) as tmp:
                if chosen is not None:
                    shutil.copyfile(chosen, tmp)
                    fsync_file(tmp)
                    ready = tmp
                moved = move_aside(path, "corrupt")
                if ready is not None:
                    os.replace(ready, path)
                    fsync_dir(path.parent)
        except OSError as exc:
            raise translate(exc, path) from exc
        return RecoveryReport(reason, detail, moved, chosen, tuple(rejected))

    def _salvage(self, damaged: Path) -> int:
        """Merge by id every annotation still readable in the damaged file (:mod:`reader.storage.salvage`,
        row by row) that is missing here or newer there; return how many were taken. Best effort: the damaged
        file is kept for a manual rescue anyway."""
        from reader.storage.salvage import query_annotations, scan_annotations

        try:
            found = scan_annotations(damaged)
        except OSError:
            found = {}
        for aid, a in query_annotations(damaged, _COLUMNS, _from_row).items():
            if aid not in found or a.modified >= found[aid].modified:
                found[aid] = a
        count = 0
        with self.transaction():
            for a in found.values():
                current = self._get(a.id)
                if current is None or a.modified > current.modified:
                    self._write(a, current)
                    count += 1
        return count

    # -- plumbing ------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> UserDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction around the block (a savepoint when nested); rolled back on any exception.

        SQLite errors leave as :class:`StorageError` subclasses (e.g. :class:`DiskFullError`).
        """
        with self._lock:
            if self.read_only is not None:
                raise type(self.read_only)(str(self.read_only), path=self.read_only.path)
            depth = self._depth
            name = f"sp{depth}"
            try:
                self._conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {name}")
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc
            self._depth += 1
            try:
                yield
            except BaseException as exc:
                self._depth = depth
                with suppress(sqlite3.Error):
                    if depth == 0:
                        self._conn.execute("ROLLBACK")
                    else:
                        self._conn.execute(f"ROLLBACK TO {name}")
                        self._conn.execute(f"RELEASE {name}")
                if isinstance(exc, sqlite3.Error):
                    raise translate(exc, self.path) from exc
                raise
            self._depth = depth
            try:
                self._conn.execute("COMMIT" if depth == 0 else f"RELEASE {name}")
            except sqlite3.Error as exc:
                if depth == 0:
                    with suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                raise translate(exc, self.path) from exc

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> builtins.list[sqlite3.Row]:
        """The rows of one read statement, for modules that keep their own tables here (playlists)."""
        return self._read(sql, params)

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        """One write statement, for modules that keep their own tables here; only inside :meth:`transaction`,
        which commits it or rolls it back with the rest. SQLite errors leave as :class:`StorageError`."""
        with self._lock:
            if self._depth == 0:
                raise RuntimeError("UserDB.execute() must run inside UserDB.transaction()")
            try:
                self._conn.execute(sql, params or {})
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc

    def _read(self, sql: str, params: Mapping[str, Any] | None = None) -> builtins.list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params or {}).fetchall()
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc

    def integrity_check(self) -> str:
        """``""`` when the live database passes ``PRAGMA integrity_check``, else the first findings."""
        with self._lock:
            return _backups.integrity_problems(self._conn)

    @property
    def schema_version(self) -> int:
        with self._lock:
            return _schema.schema_version(self._conn)

    @property
    def journal_mode(self) -> str:
        return str(self._read("PRAGMA journal_mode")[0][0])

    # -- annotations: reading ------------------------------------------------------------------

    def _get(self, annotation_id: str) -> Annotation | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM annotations a WHERE a.id = :id", {"id": annotation_id})
        return _from_row(rows[0]) if rows else None

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id, or None."""
        return self._get(annotation_id)

    def count(self) -> int:
        return int(self._read("SELECT count(*) FROM annotations")[0][0])

    def counts_by_case(self) -> dict[str, int]:
        """``case id -> number of annotations`` (highlights, notes, bookmarks; orphans included) for every case
        that has any, in one statement over the ``(case_id, kind)`` index."""
        rows = self._read("SELECT case_id, count(*) AS n FROM annotations GROUP BY case_id")
        return {row["case_id"]: int(row["n"]) for row in rows}

    def list(
        self,
        case_id: str | Iterable[str] | None = None,
        *,
        kind: str | Iterable[str] | None = None,
        color: int | None = None,
        tag: str | None = None,
        batch_ids: Iterable[str] | None = None,
        case_batches: Mapping[str, str] | None = None,
        since: str | _dt.datetime | None = None,
        text: str | None = None,
        orphaned: bool | None = None,
        ids: Iterable[str] | None = None,
    ) -> AnnotationList:
        """Annotations matching every given filter, ordered by case, place in the text, creation.

        ``case_id``/``kind``: one value or several. ``batch_ids``: annotations on cases of these batches,
        looked up in ``case_batches`` (case id -> batch id, e.g. from ``Casebook.batches()``) when given,
        else by the case id prefix ``"<batch id>-"``. ``since``: modified at or after (ISO string or
        datetime). ``text``: a search query (library search syntax) over notes and quotes; an empty
        query is no filter, a rejected one raises :class:`~reader.domain.query.QueryError`.
        """
        where: builtins.list[str] = []
        params: dict[str, Any] = {}

        def one_of(column: str, values: Iterable[Any], prefix: str) -> None:
            names = []
            for i, value in enumerate(values):
                params[f"{prefix}{i}"] = value
                names.append(f":{prefix}{i}")
            where.append(f"{column} IN ({', '.join(names)})" if names else "0")

        if case_id is not None:
            one_of("a.case_id", [case_id] if isinstance(case_id, str) else case_id, "case")
        if kind is not None:
            one_of("a.kind", [kind] if isinstance(kind, str) else kind, "kind")
        if ids is not None:
            one_of("a.id", ids, "id")
        if color is not None:
            where.append("a.color = :color")
            params["color"] = color
        if tag is not None:
            where.append("EXISTS (SELECT 1 FROM annotation_tags t WHERE t.annotation_id = a.id AND t.tag = :tag)")
            params["tag"] = tag.strip()
        if batch_ids is not None:
            wanted = builtins.list(batch_ids)
            if case_batches is not None:
                chosen = set(wanted)
                one_of("a.case_id", sorted(c for c, b in case_batches.items() if b in chosen), "bcase")
            else:
                tests = []
                for i, batch in enumerate(wanted):
                    params[f"batch{i}"] = f"{batch}-"
                    tests.append(f"substr(a.case_id, 1, length(:batch{i})) = :batch{i}")
                where.append("(" + " OR ".join(tests) + ")" if tests else "0")
        if since is not None:
            where.append("a.modified >= :since")
            params["since"] = since if isinstance(since, str) else format_timestamp(since)
        if orphaned is not None:
            where.append("a.orphaned = :orphaned")
            params["orphaned"] = int(orphaned)
        if text is not None:
            expression = match_expression(text)
            if expression is not None:
                where.append("a.n IN (SELECT rowid FROM annotation_fts WHERE annotation_fts MATCH :match)")
                params["match"] = expression
        sql = f"SELECT {_COLUMNS} FROM annotations a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.case_id, coalesce(a.pos_start, -1), a.created, a.id"
        return [_from_row(row) for row in self._read(sql, params)]

    def tags(self) -> builtins.list[tuple[str, int]]:
        """Every tag in use with the number of annotations carrying it, most used first."""
        rows = self._read("SELECT tag, count(*) AS n FROM annotation_tags GROUP BY tag ORDER BY n DESC, tag")
        return [(row["tag"], int(row["n"])) for row in rows]

    def orphans(self) -> AnnotationList:
        return self.list(orphaned=True)

    # -- annotations: writing ------------------------------------------------------------------

    def _write(self, a: Annotation, previous: Annotation | None) -> None:
        """Insert ``a`` or overwrite ``previous`` (same id) with it, as given. Inside a transaction."""
        conn = self._conn
        if previous is None:
            cur = conn.execute(
                "INSERT INTO annotations (id, case_id, kind, color, note, quote_exact, quote_prefix, quote_suffix, "
                "pos_start, pos_end, created, modified, orphaned) VALUES (:id, :case_id, :kind, :color, :note, "
                ":quote_exact, :quote_prefix, :quote_suffix, :pos_start, :pos_end, :created, :modified, :orphaned)",
                _params(a),
            )
            n = int(cur.lastrowid or 0)
        else:
            conn.execute(
                "UPDATE annotations SET case_id = :case_id, kind = :kind, color = :color, note = :note, "
                "quote_exact = :quote_exact, quote_prefix = :quote_prefix, quote_suffix = :quote_suffix, "
                "pos_start = :pos_start, pos_end = :pos_end, created = :created, modified = :modified, "
                "orphaned = :orphaned WHERE id = :id",
                _params(a),
            )
            n = int(conn.execute("SELECT n FROM annotations WHERE id = :id", {"id": a.id}).fetchone()[0])
            conn.execute("DELETE FROM annotation_tags WHERE annotation_id = :id", {"id": a.id})
            conn.execute("DELETE FROM annotation_fts WHERE rowid = :n", {"n": n})
        conn.executemany(
            "INSERT INTO annotation_tags (annotation_id, position, tag) VALUES (:id, :position, :tag)",
            [{"id": a.id, "position": i, "tag": t} for i, t in enumerate(a.tags)],
        )
        conn.execute("INSERT INTO annotation_fts (rowid, note, quote) VALUES (:n, :note, :quote)", _fts_params(n, a))

    def add(self, annotation: Annotation) -> Annotation:
        """Store a new annotation as given (timestamps included) and return it. Undo: ``delete(a.id)``."""
        with self.transaction():
            if self._get(annotation.id) is not None:
                raise DuplicateAnnotationError(f"an annotation with id {annotation.id} exists already", path=self.path)
            self._write(annotation, None)
        return annotation

    def update(
        self, annotation: Annotation, *, now: _dt.datetime | None = None, base: Annotation | None = None
    ) -> Annotation:
        """Store the changed ``annotation`` and return the *previous* version (undo: ``update(previous)``).

        ``modified`` is set to now (strictly later than before); ``created`` is kept from the database.
        The stored version is ``get(annotation.id)``. An unchanged annotation is not written.

        ``base`` is the copy the edit started from. ``modified`` is the row's version: when the stored row is
        newer than ``base`` (another window, the command line or a second user wrote it meanwhile), only the
        fields this edit changed are applied on top of the stored row (a merge), and when the other write
        changed one of those fields too, nothing is written and :class:`StaleAnnotationError` is raised: a
        write based on a stale copy never silently wins.
        """
        with self.transaction():
            previous = self._get(annotation.id)
            if previous is None:
                raise AnnotationNotFoundError(f"no annotation with id {annotation.id}", path=self.path)
            if base is not None and previous.modified != base.modified:
                annotation = merge_edit(base, annotation, previous, path=self.path)
            changed = annotation.replace(created=previous.created, modified=previous.modified)
            if changed != previous:
                self._write(changed.replace(modified=later_timestamp(previous.modified, now)), previous)
        return previous

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes when another connection (window, process) commits."""
        return int(self._read("PRAGMA data_version")[0][0])

    def put(self, annotation: Annotation) -> Annotation | None:
        """Insert or overwrite ``annotation`` exactly as given (no timestamp change); return the previous
        version or None. For imports, recovery and precise undo."""
        with self.transaction():
            previous = self._get(annotation.id)
            if previous != annotation:
                self._write(annotation, previous)
        return previous

    def delete(self, annotation_id: str) -> Annotation:
        """Delete an annotation and return it (undo: ``add(returned)`` restores it exactly)."""
        with self.transaction():
            previous = self._get(annotation_id)
            if previous is None:
                raise AnnotationNotFoundError(f"no annotation with id {annotation_id}", path=self.path)
            n = self._conn.execute("SELECT n FROM annotations WHERE id = :id", {"id": annotation_id}).fetchone()[0]
            self._conn.execute("DELETE FROM annotation_fts WHERE rowid = :n", {"n": n})
            self._conn.execute("DELETE FROM annotations WHERE id = :id", {"id": annotation_id})
        return previous

    def mark_orphaned(self, annotation_id: str, orphaned: bool = True) -> Annotation:
        """Set or clear the orphaned flag (``modified`` unchanged); returns the previous version."""
        with self.transaction():
            previous = self._get(annotation_id)
            if previous is None:
                raise AnnotationNotFoundError(f"no annotation with id {annotation_id}", path=self.path)
            if previous.orphaned != orphaned:
                self._write(previous.replace(orphaned=orphaned), previous)
        return previous

    def reanchor_all(self, casebook: Casebook) -> ReanchorReport:
        """Anchor every annotation with a quote on the current casebook text (one transaction).

        Selectors are updated where the passage moved or changed; annotations not found, or on cases no
        longer in the casebook, are flagged orphaned (nothing is deleted); orphans found again come back.
        ``modified`` is not changed: anchoring is not a user edit.
        """
        from reader.domain.anchoring import reanchor
        from reader.domain.text import plain_text
        from reader.storage.casebook import CaseNotFoundError

        report = ReanchorReport()
        by_case: dict[str, builtins.list[Annotation]] = {}
        with self.transaction():
            for a in self.list():
                by_case.setdefault(a.case_id, []).append(a)
            for case_id, group in by_case.items():
                try:
                    text: str | None = plain_text(casebook.case(case_id))
                except CaseNotFoundError:
                    text = None
                    report.missing_cases.append(case_id)
                for a in group:
                    report.checked += 1
                    if text is None:
                        new, stage = a.replace(orphaned=True), "missing-case"
                    else:
                        new, result = reanchor(a, text)
                        stage = result.stage.value if result is not None else "no-quote"
                    report.stages[stage] = report.stages.get(stage, 0) + 1
                    if new != a:
                        self._write(new, a)
                        report.updated += 1
                        if new.orphaned and not a.orphaned:
                            report.orphaned.append(a.id)
                        elif a.orphaned and not new.orphaned:
                            report.recovered.append(a.id)
        return report

    # -- key/value user state ------------------------------------------------------------------

    def get_value(self, key: str, default: Any = None) -> Any:
        rows = self._read("SELECT value FROM kv WHERE key = :key", {"key": key})
        return json.loads(rows[0]["value"]) if rows else default

    def set_value(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable value under ``key``."""
        data = json.dumps(value, ensure_ascii=False, allow_nan=False)
        with self.transaction():
            self._conn.execute(
                "INSERT INTO kv (key, value, modified) VALUES (:key, :value, :modified) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, modified = excluded.modified",
                {"key": key, "value": data, "modified": now_iso()},
            )

    def delete_value(self, key: str) -> None:
        with self.transaction():
            self._conn.execute("DELETE FROM kv WHERE key = :key", {"key": key})

    # -- backups -------------------------------------------------------------------------------

    def backups(self) -> builtins.list[Backup]:
        """The backups in :attr:`backups_dir`, newest first."""
        return _backups.list_backups(self.backups_dir, BACKUP_PREFIX)

    def backup_now(self, *, now: _dt.datetime | None = None, keep: int = KEEP_BACKUPS) -> Path:
        """Write a backup now (online backup API; checked, fsynced, renamed) and rotate (:meth:`rotate`)."""
        with self._lock:
            if self._depth:
                raise StorageError("cannot back up inside a transaction", path=self.path)
            target = _backups.take_backup(self._conn, self.backups_dir, BACKUP_PREFIX, now=now)
        self.rotate(keep)
        return target

    def backup_if_due(
        self, now: _dt.datetime | None = None, max_age: _dt.timedelta = BACKUP_MAX_AGE, keep: int = KEEP_BACKUPS
    ) -> Path | None:
        """Back up when the newest backup is ``max_age`` old or older (or there is none, or it is dated more
        than ``max_age`` in the future); return the new file or None."""
        moment = (now or _utc_now()).astimezone(_dt.UTC)
        if self.read_only is not None or not _backups.is_due(self.backups(), moment, max_age):
            return None
        return self.backup_now(now=moment, keep=keep)

    def rotate(self, keep: int = KEEP_BACKUPS) -> builtins.list[Path]:
        """Remove all but the newest ``keep`` backups, except the newest backup holding each annotation this
        database lacks (deleted, or lost to damage): that one is kept until the user deletes it."""
        return _backups.rotate(self.backups_dir, BACKUP_PREFIX, keep, protect=self._backups_to_keep)

    def _backups_to_keep(self, backups: builtins.list[Backup]) -> set[Path]:
        live = {str(r[0]) for r in self._read("SELECT id FROM annotations")}
        covered: set[str] = set()
        protect: set[Path] = set()
        for b in backups:  # newest first: each missing annotation protects the newest backup holding it
            missing = _backups.ids_in(b.path, "SELECT id FROM annotations") - live - covered
            if missing:
                protect.add(b.path)
                covered |= missing
        return protect

    def restore(self, backup_path: Path, *, now: _dt.datetime | None = None) -> RestoreReport:
        """Replace the live data by a backup, in one transaction; the current data is first copied to
        ``user.db.before-restore-<timestamp>`` beside the database (never deleted).

        Raises :class:`BackupError` when the backup fails its check (nothing is changed then). Undo stacks
        of the GUI are void afterwards.
        """
        backup_path = Path(backup_path)
        problem = verify_backup(backup_path)
        if problem:
            raise BackupError(f"the backup cannot be used ({problem}): {backup_path}", path=backup_path)
        with self._lock:
            if self._depth:
                raise StorageError("cannot restore inside a transaction", path=self.path)
            aside = free_name(self.path.with_name(f"{self.path.name}.before-restore-{utc_stamp(now)}"))
            _backups.copy_database(self._conn, aside)
            try:
                source = sqlite3.connect(readonly_uri(backup_path), uri=True)
                try:
                    source.backup(self._conn)
                finally:
                    source.close()
                upgrade(self._conn, self.path)
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc
        return RestoreReport(restored_from=backup_path, previous_copy=aside)
