"""The library: the bundled casebook and the user's imported batches, read as one casebook.

Imported batches live in ``library.db`` in the user data folder: a database with the casebook's tables and
search index (:func:`~reader.storage.casebook._create_schema`, :func:`~reader.storage.search.create_search_schema`),
written with :func:`~reader.storage.casebook.write_batches`, one transaction per change. :class:`Library` offers
the read API of :class:`~reader.storage.casebook.Casebook` over both databases (batches, cases, search with one
ranking, summed totals and facet counts, paging over the merged list) plus ``import_batch``, ``rename_batch``,
``remove_batch`` and ``find_duplicate``. :class:`PerThreadLibrary` is the thread-safe searcher for the search
panel. Imported batch ids start with ``imp-`` (:data:`~reader.domain.case.IMPORTED_PREFIX`), so they never
collide with bundled ones; removing a batch deletes its cases, and ``UserDB.reanchor_all(library)`` then makes
their annotations orphans, which come back when the same document is imported again (same ids).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.domain.case import IMPORTED_PREFIX, Case
from reader.storage import schema
from reader.storage.backups import (
    BACKUP_MAX_AGE,
    KEEP_BACKUPS,
    Backup,
    ids_in,
    is_due,
    list_backups,
    rotate,
    take_backup,
    verify,
)
from reader.storage.casebook import BatchSummary, Casebook, CaseNotFoundError, CaseSummary
from reader.storage.db import (
    CorruptDatabaseError,
    DiskFullError,
    ReadOnlyError,
    StorageError,
    build_database,
    readonly_uri,
    translate,
)
from reader.storage.files import fsync_dir, fsync_file, move_aside, probe_writable, temp_file
from reader.storage.schema import Ladder, check_not_too_new

if TYPE_CHECKING:
    from reader.domain.query import Query
    from reader.ingest.parse import ParseResult
    from reader.storage.catalog import MergedSearch
    from reader.storage.search import SearchEngine

LIBRARY_FILE = "library.db"
SCHEMA_VERSION = 1
#: Imported batches sort after the bundled ones: their order starts here.
FIRST_IMPORTED_ORDER = 1000


class LibraryError(StorageError):
    code = "library"


class DuplicateBatchError(LibraryError):
    """The batch is already in the library (import again with ``replace=True``)."""

    code = "library-duplicate"


class BuiltInBatchError(LibraryError):
    """A bundled batch cannot be renamed, removed or replaced."""

    code = "library-built-in"


class BatchNotFoundError(LibraryError):
    code = "library-batch-missing"


class EmptyImportError(LibraryError):
    """Every case was left out: there is nothing to import."""

    code = "library-empty-import"


def _imported_batch_id(content_hash: str) -> str:
    from reader.ingest.readers import imported_batch_id

    return imported_batch_id(content_hash)


def library_path(data_dir: Path) -> Path:
    """Where the user's library database lives in the user data folder."""
    return Path(data_dir) / LIBRARY_FILE


# ---------------------------------------------------------------------------------------------
# The library database


def upgrade_to_1(conn: sqlite3.Connection) -> None:
    """An empty library: the casebook's tables and search index, and its meta rows."""
    from reader.storage.casebook import _create_schema
    from reader.storage.search import create_search_schema

    _create_schema(conn)
    create_search_schema(conn)
    meta = {"schema_version": "1", "app_version": __version__, "kind": "library"}
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", sorted(meta.items()))


#: The library's schema ladder (:mod:`reader.storage.schema`); each later step goes here as ``upgrade_to_N``.
LADDER = Ladder("the library", {1: upgrade_to_1})
assert LADDER.version == SCHEMA_VERSION

#: The name of the library's backups: ``library-YYYYmmdd-HHMMSS.db`` beside the user database's.
BACKUP_PREFIX = "library"


def _create(path: Path) -> None:
    """Create an empty library at ``path`` atomically (built in a temporary file, then moved into place)."""
    try:
        build_database(path, lambda conn: schema.build(conn, LADDER), prefix=".library-")
    except (OSError, sqlite3.Error) as exc:
        raise translate(exc, path) from exc


def _check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise unless ``conn`` is a Casebook library this version reads (tables readable, not too new)."""
    version = check_not_too_new(conn, newest=SCHEMA_VERSION, what=LADDER.what, path=path)
    if version < 1:
        raise CorruptDatabaseError(f"not a Casebook library: {path}", path=path)
    conn.execute("SELECT 1 FROM cases LIMIT 1").fetchall()
    conn.execute("SELECT 1 FROM search_doc LIMIT 1").fetchall()


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to an existing library, checked (and upgraded when writable): raises a
    :class:`StorageError` subclass on failure. Read-only, a WAL library without its ``-shm`` (in a folder
    that cannot be written) is opened immutable."""
    uris: list[str | None] = [None]
    if readonly:  # without a WAL, everything is in the file: immutable reads it exactly and creates nothing
        wal = Path(f"{path}-wal").exists()
        uris = [path.resolve().as_uri() + "?mode=ro", readonly_uri(path)] if wal else [readonly_uri(path)]
    last: BaseException | None = None
    for uri in uris:
        try:
            if uri is not None:
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc
        try:
            conn.row_factory = sqlite3.Row
            if uri is None:
                conn.execute("PRAGMA journal_mode=WAL").fetchone()
                schema.upgrade(conn, LADDER, path)
            _check(conn, path)
            return conn
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                last = translate(exc, path)
                if isinstance(last, CorruptDatabaseError) or uri is None:
                    raise last from exc
                continue
            raise
    assert last is not None
    raise last


def _empty_in_memory() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    schema.upgrade(conn, LADDER)
    return conn


def _restore_or_create(path: Path, backups_dir: Path) -> Path | None:
    """Put the newest sound library backup at ``path`` (or an empty library); return the backup used."""
    for backup in list_backups(backups_dir, BACKUP_PREFIX):
        if verify(backup.path, LADDER, "cases"):
            continue
        try:
            with temp_file(path.parent, path.name) as tmp:
                shutil.copyfile(backup.path, tmp)
                fsync_file(tmp)
                os.replace(tmp, path)
                fsync_dir(path.parent)
        except OSError as exc:
            raise translate(exc, path) from exc
        return backup.path
    _create(path)
    return None


def open_library(path: Path, *, backups_dir: Path | None = None) -> tuple[sqlite3.Connection, Path | None]:
    """Open (creating if need be) the library at ``path``; returns the connection and, when the file was damaged,
    where it was moved aside (with its ``-wal``/``-shm``) before the newest sound backup, or an empty library,
    took its place. A library of a newer Casebook is left alone; a full disk or a read-only folder raises
    :class:`DiskFullError`/:class:`ReadOnlyError` before anything is changed."""
    path = Path(path)
    backups_dir = Path(backups_dir) if backups_dir is not None else path.parent / "backups"
    probe_writable(path.parent, what="imported batches")
    if not path.exists():
        _create(path)
    try:
        return _connect(path), None
    except CorruptDatabaseError:
        moved = move_aside(path, "damaged")
        _restore_or_create(path, backups_dir)
        return _connect(path), moved[0][1]


# ---------------------------------------------------------------------------------------------
# The library


class Library:
    """The bundled casebook and the user's library database, with the read API of :class:`Casebook`.

    Every method may be called from any thread (one lock guards the library connection); writes are one
    transaction each and leave the library unchanged when they fail.
    """

    def __init__(self, bundled: Casebook, conn: sqlite3.Connection, *, path: Path, backups_dir: Path) -> None:
        self.bundled = bundled
        self.library_path = path
        self.backups_dir = backups_dir
        self.recovered_from: Path | None = None  # where a damaged library was moved aside
        #: Why the library can only be read (a read-only folder, a full disk), else None.
        self.read_only: StorageError | None = None
        self._conn = conn
        self._user = Casebook(conn, path=path)
        self._lock = threading.RLock()
        self._engine: SearchEngine | None = None

    @classmethod
    def open(cls, casebook_path: Path, library_path: Path, *, backups_dir: Path | None = None) -> Library:
        """Open the bundled casebook (read-only) and the user's library (created when missing).

        When the library's folder cannot be written (read-only, or a full disk) the library is opened for
        reading only (an empty one when there is none yet): :attr:`read_only` says why, and every change
        raises it. Backups go to ``backups_dir`` (default: ``backups`` beside the library).
        """
        bundled = Casebook.open(Path(casebook_path))
        library_path = Path(library_path)
        backups = Path(backups_dir) if backups_dir is not None else library_path.parent / "backups"
        reason: StorageError | None = None
        damaged: Path | None = None
        try:
            try:
                conn, damaged = open_library(library_path, backups_dir=backups)
            except (ReadOnlyError, DiskFullError) as exc:
                reason = exc
                conn = _connect(library_path, readonly=True) if library_path.exists() else _empty_in_memory()
        except BaseException:
            bundled.close()
            raise
        library = cls(bundled, conn, path=library_path, backups_dir=backups)
        library.recovered_from = damaged
        library.read_only = reason
        return library

    def close(self) -> None:
        with self._lock:
            self._conn.close()
        self.bundled.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the read API of Casebook ---------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The bundled casebook's file (what the About dialog shows)."""
        return self.bundled.path

    def meta(self) -> dict[str, str]:
        """The bundled casebook's meta, with the number of imported batches."""
        meta = self.bundled.meta()
        meta["imported_batches"] = str(len(self.imported_batch_ids()))
        return meta

    def batches(self) -> list[BatchSummary]:
        """Bundled batches in their order, then imported batches in the order they were imported."""
        with self._lock:
            imported = self._user.batches()
        return self.bundled.batches() + imported

    def imported_batch_ids(self) -> set[str]:
        with self._lock:
            return {row[0] for row in self._conn.execute("SELECT id FROM batches")}

    def is_imported(self, batch_id: str) -> bool:
        with self._lock:
            return self._conn.execute("SELECT 1 FROM batches WHERE id = ?", (batch_id,)).fetchone() is not None

    def case_count(self) -> int:
        with self._lock:
            return self.bundled.case_count() + self._user.case_count()

    def _books(self, key: str) -> tuple[Casebook, Casebook]:
        """Both casebooks, the one ``key`` (a case or batch id) most likely belongs to first."""
        return (self._user, self.bundled) if key.startswith(IMPORTED_PREFIX) else (self.bundled, self._user)

    def summary(self, case_id: str) -> CaseSummary:
        first, second = self._books(case_id)
        with self._lock:
            try:
                return first.summary(case_id)
            except CaseNotFoundError:
                return second.summary(case_id)

    def case(self, case_id: str) -> Case:
        first, second = self._books(case_id)
        with self._lock:
            try:
                return first.case(case_id)
            except CaseNotFoundError:
                return second.case(case_id)

    def cases(self, case_ids: Sequence[str] | None = None) -> list[Case]:
        """Full cases, bundled then imported (all of them when ``case_ids`` is None)."""
        if case_ids is not None:
            return [self.case(cid) for cid in case_ids]
        with self._lock:
            imported = self._user.cases()
        return self.bundled.cases() + imported

    def batch_title(self, batch_id: str) -> str:
        first, second = self._books(batch_id)
        with self._lock:
            return first.batch_title(batch_id) or second.batch_title(batch_id)

    @property
    def search_engine(self) -> MergedSearch:
        """``search(query, **filters)`` and ``facets(query)`` over both databases (like ``Casebook.search_engine``)."""
        from reader.storage.catalog import MergedSearch
        from reader.storage.search import SearchEngine

        with self._lock:
            if self._engine is None:
                self._engine = SearchEngine(self._conn)
            engines = (
                [self.bundled.search_engine, self._engine] if self._has_imports() else [self.bundled.search_engine]
            )
        return MergedSearch(engines)

    def facets(self, query: str | Query) -> dict[str, dict[str, int]]:
        return self.search_engine.facets(query)

    def _has_imports(self) -> bool:
        return self._conn.execute("SELECT 1 FROM batches LIMIT 1").fetchone() is not None

    # -- changes ---------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, rolled back on any exception; SQLite errors leave as :class:`StorageError`."""
        with self._lock:
            if self.read_only is not None:
                raise type(self.read_only)(str(self.read_only), path=self.read_only.path)
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise translate(exc, self.library_path) from exc
            try:
                yield self._conn
            except BaseException as exc:
                with suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise translate(exc, self.library_path) from exc
                raise
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise translate(exc, self.library_path) from exc
            finally:
                self._engine = None  # its facet cache describes the old index

    # -- backups ---------------------------------------------------------------------------------

    def backups(self) -> list[Backup]:
        return list_backups(self.backups_dir, BACKUP_PREFIX)

    def backup_now(self, *, now: _dt.datetime | None = None, keep: int = KEEP_BACKUPS) -> Path:
        """Copy the library into :attr:`backups_dir` now (checked, fsynced, renamed); keep the newest ``keep``
        and the newest backup holding each imported batch the library no longer has."""
        with self._lock:
            target = take_backup(self._conn, self.backups_dir, BACKUP_PREFIX, now=now)
            live = {str(r[0]) for r in self._conn.execute("SELECT id FROM batches")}

        def protect(backups: list[Backup]) -> set[Path]:
            covered: set[str] = set()
            keep_these: set[Path] = set()
            for b in backups:
                missing = ids_in(b.path, "SELECT id FROM batches") - live - covered
                if missing:
                    keep_these.add(b.path)
                    covered |= missing
            return keep_these

        rotate(self.backups_dir, BACKUP_PREFIX, keep, protect=protect)
        return target

    def backup_if_due(self, now: _dt.datetime | None = None, max_age: _dt.timedelta = BACKUP_MAX_AGE) -> Path | None:
        """Back up when the newest library backup is ``max_age`` old (or there is none) and the library holds
        imported batches; return the new file or None."""
        moment = (now or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC)
        if self.read_only is not None or not self._has_imports() or not is_due(self.backups(), moment, max_age):
            return None
        return self.backup_now(now=moment)

    def find_duplicate(self, content_hash: str) -> str | None:
        """The id of the imported batch made from a document with this content hash, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM batches WHERE source_sha256 = ? OR id = ? ORDER BY source_sha256 = ? DESC LIMIT 1",
                (content_hash, _imported_batch_id(content_hash), content_hash),
            ).fetchone()
        return row[0] if row else None

    def same_document(self, content_hash: str, title: str, case_titles: Sequence[str]) -> tuple[str, bool] | None:
        """The batch already in the library (bundled or imported) that this document is: an imported one made from
        a document with this content hash, else any batch with the same case titles in the same order (white space
        aside) and the same title, or, with two cases or more, any title (a document without a title line gets
        its file name as title). Returns (its id, True when it is bundled) or None."""
        found = self.find_duplicate(content_hash)
        if found is not None:
            return found, False

        def squash(text: str) -> str:
            return "".join(text.split())

        titles = tuple(squash(t) for t in case_titles)
        for batch in self.batches():
            if tuple(squash(c.title) for c in batch.cases) == titles and (
                len(titles) >= 2 or squash(batch.title) == squash(title)
            ):
                return batch.id, not self.is_imported(batch.id)
        return None

    def import_batch(
        self,
        result: ParseResult,
        *,
        title: str,
        drop_case_ids: Sequence[str] = (),
        replace: bool = False,
        content_hash: str = "",
    ) -> str:
        """Add the parsed batch (without the cases in ``drop_case_ids``) under ``title``; returns its id.

        The batch id must be an imported one (``imp-…``, see :func:`~reader.ingest.readers.load_document`).
        A batch already in the library raises :class:`DuplicateBatchError` unless ``replace`` is true, when it
        is replaced in the same transaction (keeping its place in the order). Kept cases are numbered 1..n
        in document order; their ids do not change. ``content_hash`` is stored for :meth:`find_duplicate`.
        """
        from reader.storage.casebook import write_batches

        batch = result.batch
        if not batch.id.startswith(IMPORTED_PREFIX):
            raise LibraryError(f"an imported batch id must start with {IMPORTED_PREFIX!r}: {batch.id}")
        title = " ".join(title.split()) or batch.title
        drop = set(drop_case_ids)
        cases = [c for c in batch.cases if c.id not in drop]
        if not cases:
            raise EmptyImportError("no case left to import")
        cases = [c if c.ordinal == n else dataclasses.replace(c, ordinal=n) for n, c in enumerate(cases, start=1)]
        with self._transaction() as conn:
            row = conn.execute("SELECT ord FROM batches WHERE id = ?", (batch.id,)).fetchone()
            if row is not None and not replace:
                raise DuplicateBatchError(f"the batch {batch.id} is already in the library", path=self.library_path)
            if row is not None:
                order = row[0]
                self._delete(conn, batch.id)
            else:
                last = conn.execute("SELECT coalesce(max(ord), 0) FROM batches").fetchone()[0]
                order = max(last + 1, FIRST_IMPORTED_ORDER)
            new = dataclasses.replace(
                batch,
                title=title,
                order=order,
                cases=tuple(cases),
                categories=tuple(dict.fromkeys(c.category for c in cases if c.category)),
            )
            write_batches(conn, [new], sha256={new.source: content_hash})
        return batch.id

    def rename_batch(self, batch_id: str, title: str) -> None:
        """Give an imported batch a new title (whitespace collapsed, not empty)."""
        title = " ".join(title.split())
        if not title:
            raise LibraryError("a batch title cannot be empty")
        with self._transaction() as conn:
            self._check_imported(conn, batch_id)
            conn.execute("UPDATE batches SET title = ? WHERE id = ?", (title, batch_id))

    def remove_batch(self, batch_id: str) -> None:
        """Remove an imported batch with its cases and their search index (one transaction)."""
        with self._transaction() as conn:
            self._check_imported(conn, batch_id)
            self._delete(conn, batch_id)

    def _check_imported(self, conn: sqlite3.Connection, batch_id: str) -> None:
        if conn.execute("SELECT 1 FROM batches WHERE id = ?", (batch_id,)).fetchone() is not None:
            return
        if any(b.id == batch_id for b in self.bundled.batches()):
            raise BuiltInBatchError(f"the batch {batch_id} comes with Casebook and cannot be changed")
        raise BatchNotFoundError(f"no imported batch with id {batch_id!r}", path=self.library_path)

    @staticmethod
    def _delete(conn: sqlite3.Connection, batch_id: str) -> None:
        """Delete a batch's rows, then rebuild the search index of what is left (inside the caller's transaction)."""
        cases = "(SELECT id FROM cases WHERE batch_id = ?)"
        conn.execute(f"DELETE FROM segments WHERE case_id IN {cases}", (batch_id,))
        conn.execute(f"DELETE FROM case_regions WHERE case_id IN {cases}", (batch_id,))
        conn.execute("DELETE FROM cases WHERE batch_id = ?", (batch_id,))
        conn.execute("DELETE FROM batches WHERE id = ?", (batch_id,))
        reindex(conn)


def reindex(conn: sqlite3.Connection) -> None:
    """Empty the search index and index every segment again (inside the caller's transaction).

    The index tables are contentless FTS5 tables, whose rows cannot simply be deleted; a library holds few
    batches, so rebuilding it is cheap. Only the ``search_*`` tables are touched, and no schema changes, so
    this works whatever the index's table layout.
    """
    from reader.storage.search import index_segments

    tables = {
        name: sql or ""
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'search%'"
        )
    }
    virtual = [name for name, sql in tables.items() if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    for name in virtual:
        conn.execute(f"INSERT INTO {name} ({name}) VALUES ('delete-all')")
    for name in tables:
        shadow = any(name.startswith(v + "_") for v in virtual)
        if name not in virtual and not shadow and name != "search_info":
            conn.execute(f"DELETE FROM {name}")
    index_segments(conn, conn.execute("SELECT id, text FROM segments ORDER BY id").fetchall())


# ---------------------------------------------------------------------------------------------
# Per-thread searcher


class PerThreadLibrary:
    """The search panel's searcher: one read-only connection per thread to each database.

    :meth:`engines` gives the calling thread's engines (:class:`reader.storage.catalog.Catalog` searches
    through them); a thread sees an import, rename or removal committed by another connection at its next
    call (``PRAGMA data_version``).
    """

    def __init__(self, casebook_path: Path, library_path: Path) -> None:
        self.casebook_path = Path(casebook_path)
        self.library_path = Path(library_path)
        self._local = threading.local()

    def engines(self) -> list[SearchEngine]:
        """This thread's engines: the bundled casebook's, then the library's if it holds any batch."""
        from reader.storage.search import SearchEngine

        local = self._local
        if getattr(local, "bundled", None) is None:
            local.bundled = Casebook.open(self.casebook_path)
            local.conn = None
            local.version = None
            local.engine = None
            local.has_imports = False
        if local.conn is None and self.library_path.exists():
            local.conn = _connect(self.library_path, readonly=True)
        if local.conn is not None:
            version = local.conn.execute("PRAGMA data_version").fetchone()[0]
            if version != local.version or local.engine is None:
                local.version = version
                local.engine = SearchEngine(local.conn)
                local.has_imports = local.conn.execute("SELECT 1 FROM batches LIMIT 1").fetchone() is not None
        engines = [local.bundled.search_engine]
        if local.has_imports:
            engines.append(local.engine)
        return engines
