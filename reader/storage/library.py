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
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.domain.case import IMPORTED_PREFIX, Case
from reader.storage.casebook import BatchSummary, Casebook, CaseNotFoundError, CaseSummary
from reader.storage.db import CorruptDatabaseError, SchemaTooNewError, StorageError, build_database, translate

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
    meta = {"schema_version": str(SCHEMA_VERSION), "app_version": __version__, "kind": "library"}
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", sorted(meta.items()))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _create(path: Path) -> None:
    """Create an empty library at ``path`` atomically (built in a temporary file, then moved into place)."""
    build_database(path, upgrade_to_1, prefix=".library-")


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to an existing library, checked: raises a :class:`StorageError` subclass on failure."""
    try:
        if readonly:
            conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    try:
        conn.row_factory = sqlite3.Row
        if not readonly:
            conn.execute("PRAGMA journal_mode=WAL").fetchone()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(f"the library was made by a newer version of Casebook: {path}", path=path)
        if version < 1:
            raise CorruptDatabaseError(f"not a Casebook library: {path}", path=path)
        conn.execute("SELECT 1 FROM cases LIMIT 1").fetchall()
        conn.execute("SELECT 1 FROM search_doc LIMIT 1").fetchall()
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, path) from exc
        raise
    return conn


def open_library(path: Path) -> tuple[sqlite3.Connection, Path | None]:
    """Open (creating if need be) the library at ``path``; returns the connection and, when the file was damaged,
    where it was moved aside (an empty library replaces it). A library of a newer Casebook is left alone."""
    path = Path(path)
    if not path.exists():
        _create(path)
    try:
        return _connect(path), None
    except CorruptDatabaseError:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        damaged = path.with_name(f"{path.stem}-damaged-{stamp}{path.suffix}")
        os.replace(path, damaged)
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        _create(path)
        return _connect(path), damaged


# ---------------------------------------------------------------------------------------------
# The library


class Library:
    """The bundled casebook and the user's library database, with the read API of :class:`Casebook`.

    Every method may be called from any thread (one lock guards the library connection); writes are one
    transaction each and leave the library unchanged when they fail.
    """

    def __init__(self, bundled: Casebook, conn: sqlite3.Connection, *, path: Path) -> None:
        self.bundled = bundled
        self.library_path = path
        self.recovered_from: Path | None = None  # where a damaged library was moved aside
        self._conn = conn
        self._user = Casebook(conn, path=path)
        self._lock = threading.RLock()
        self._engine: SearchEngine | None = None

    @classmethod
    def open(cls, casebook_path: Path, library_path: Path) -> Library:
        """Open the bundled casebook (read-only) and the user's library (created when missing)."""
        bundled = Casebook.open(Path(casebook_path))
        try:
            conn, damaged = open_library(Path(library_path))
        except BaseException:
            bundled.close()
            raise
        library = cls(bundled, conn, path=Path(library_path))
        library.recovered_from = damaged
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

    def find_duplicate(self, content_hash: str) -> str | None:
        """The id of the imported batch made from a document with this content hash, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM batches WHERE source_sha256 = ? OR id = ? ORDER BY source_sha256 = ? DESC LIMIT 1",
                (content_hash, _imported_batch_id(content_hash), content_hash),
            ).fetchone()
        return row[0] if row else None

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
