"""The casebook database: built from the source documents, then opened read-only.

Build: ``build_casebook(sources_dir, out_path)`` parses every source in the manifest, writes all tables
with sqlite-utils into a temporary file and moves it over ``out_path`` only when complete.
Read: ``Casebook.open(path)`` opens the file immutable (it may live on read-only media) and answers the
questions the CLI and the GUI ask: the tree of batches and cases, one full case, search.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.domain.case import Batch, Case, case_from_dict, case_to_dict
from reader.domain.text import case_segments
from reader.storage.db import StorageError, build_database, open_readonly, translate
from reader.storage.schema import check_not_too_new

if TYPE_CHECKING:
    from reader.storage.search import SearchEngine

SCHEMA_VERSION = 1

#: Tables whose content defines the casebook (``meta.built_at`` aside); used to compare two builds.
CONTENT_TABLES = ("batches", "cases", "case_regions", "segments")


class CaseNotFoundError(StorageError):
    code = "case-missing"


@dataclass(frozen=True)
class CaseSummary:
    id: str
    batch_id: str
    ordinal: int
    number: int | None
    title: str
    category: str | None
    contributors: tuple[str, ...]

    @property
    def display_title(self) -> str:
        return f"{self.number}. {self.title}" if self.number is not None else self.title


@dataclass(frozen=True)
class BatchSummary:
    id: str
    title: str
    order: int
    source: str
    publisher: str | None
    date: str | None
    categories: tuple[str, ...]
    cases: tuple[CaseSummary, ...]


@dataclass(frozen=True)
class BuildReport:
    path: Path
    batches: int
    cases: int
    segments: int
    seconds: float


# ---------------------------------------------------------------------------------------------
# Build


def _sha256(path: Path) -> str:
    import hashlib  # here: loading OpenSSL is a start-up cost the reader never needs

    return hashlib.sha256(path.read_bytes()).hexdigest()


SCHEMA_SQL = """
CREATE TABLE "meta" ("key" TEXT PRIMARY KEY, "value" TEXT);
CREATE TABLE "batches" (
   "id" TEXT PRIMARY KEY, "title" TEXT NOT NULL, "ord" INTEGER NOT NULL, "source" TEXT NOT NULL,
   "source_sha256" TEXT, "publisher" TEXT, "date" TEXT, "preface" TEXT, "categories" TEXT
);
CREATE TABLE "cases" (
   "id" TEXT PRIMARY KEY, "batch_id" TEXT NOT NULL REFERENCES "batches"("id"), "ordinal" INTEGER NOT NULL,
   "number" INTEGER, "title" TEXT NOT NULL, "category" TEXT, "contributors" TEXT, "doc" TEXT NOT NULL
);
CREATE TABLE "case_regions" ("case_id" TEXT NOT NULL, "region" TEXT NOT NULL);
CREATE TABLE "segments" (
   "id" INTEGER PRIMARY KEY, "case_id" TEXT NOT NULL, "seq" INTEGER NOT NULL, "field" TEXT NOT NULL,
   "section" TEXT NOT NULL, "kind" TEXT, "text" TEXT NOT NULL
);
CREATE INDEX "idx_cases_batch_id_ordinal" ON "cases" ("batch_id", "ordinal");
CREATE INDEX "idx_case_regions_region" ON "case_regions" ("region");
CREATE INDEX "idx_case_regions_case_id" ON "case_regions" ("case_id");
CREATE INDEX "idx_segments_case_id_seq" ON "segments" ("case_id", "seq");
"""


def _create_schema(conn: sqlite3.Connection) -> None:
    """The casebook tables (also used for the user's library of imported batches).

    Plain DDL rather than sqlite-utils: creating an empty library at start-up must not pay for
    importing sqlite-utils (and, through it, numpy where installed). Rows are written with sqlite-utils.
    """
    for statement in SCHEMA_SQL.split(";"):
        if statement.strip():
            conn.execute(statement)


def write_batches(conn: sqlite3.Connection, batches: Iterable[Batch], *, sha256: dict[str, str]) -> int:
    """Insert batches with their cases, regions and segments, and index the segments for search.

    Returns the number of segments written. Runs inside the caller's transaction.
    """
    from sqlite_utils import Database

    from reader.storage.search import index_segments

    db = Database(conn)
    next_segment = (conn.execute("SELECT coalesce(max(id), 0) FROM segments").fetchone()[0] or 0) + 1
    indexed: list[tuple[int, str]] = []
    for batch in batches:
        db.table("batches").insert(
            {
                "id": batch.id,
                "title": batch.title,
                "ord": batch.order,
                "source": batch.source,
                "source_sha256": sha256.get(batch.source, ""),
                "publisher": batch.publisher,
                "date": batch.date,
                "preface": json.dumps(list(batch.preface), ensure_ascii=False),
                "categories": json.dumps(list(batch.categories), ensure_ascii=False),
            }
        )
        db.table("cases").insert_all(
            {
                "id": case.id,
                "batch_id": case.batch_id,
                "ordinal": case.ordinal,
                "number": case.number,
                "title": case.title,
                "category": case.category,
                "contributors": json.dumps(list(case.contributors), ensure_ascii=False),
                "doc": json.dumps(case_to_dict(case), ensure_ascii=False, sort_keys=True),
            }
            for case in batch.cases
        )
        db.table("case_regions").insert_all(
            {"case_id": case.id, "region": region} for case in batch.cases for region in case.contributors
        )
        rows = []
        for case in batch.cases:
            for seg in case_segments(case):
                rows.append(
                    {
                        "id": next_segment,
                        "case_id": seg.case_id,
                        "seq": seg.seq,
                        "field": seg.field.value,
                        "section": seg.section,
                        "kind": seg.kind.value if seg.kind else None,
                        "text": seg.text,
                    }
                )
                indexed.append((next_segment, seg.text))
                next_segment += 1
        db.table("segments").insert_all(rows, batch_size=500)
    index_segments(conn, indexed)
    return len(indexed)


def build_casebook(sources_dir: Path, out_path: Path, *, built_at: str | None = None) -> BuildReport:
    """Regenerate the casebook at ``out_path`` from ``sources_dir`` (with its ``manifest.json``).

    Reproducible: the same sources (and the same SQLite) give the same bytes. Nothing in the file depends
    on when or where it was built: no clock time (``meta.built_at`` is only written when given, or from
    ``$SOURCE_DATE_EPOCH``, the reproducible-builds convention), no app version, mode 0644 whatever the
    umask. The new file replaces the old one only once it is complete, so a failed build leaves the old
    one intact.
    """
    from reader.ingest import load_sources
    from reader.storage.search import create_search_schema

    started = time.perf_counter()
    batches = load_sources(sources_dir)
    sha256 = {b.source: _sha256(sources_dir / b.source) for b in batches}

    def build(conn: sqlite3.Connection) -> int:
        conn.execute("PRAGMA journal_mode=DELETE")
        _create_schema(conn)
        create_search_schema(conn)
        segments = write_batches(conn, batches, sha256=sha256)
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "sources": json.dumps(sha256, ensure_ascii=False, sort_keys=True),
        }
        stamp = built_at or _source_date()
        if stamp:
            meta["built_at"] = stamp
        conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", sorted(meta.items()))
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return segments

    segments = build_database(out_path, build, prefix=".casebook-", vacuum=True, mode=0o644)
    return BuildReport(
        path=out_path,
        batches=len(batches),
        cases=sum(len(b.cases) for b in batches),
        segments=segments,
        seconds=time.perf_counter() - started,
    )


def _source_date() -> str | None:
    """``$SOURCE_DATE_EPOCH`` as an ISO-8601 UTC time, or None when it is unset or not a number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sources_fingerprint(meta: dict[str, str]) -> str:
    """A short digest of the sources a casebook was built from: equal fingerprints, same source documents."""
    import hashlib

    return hashlib.sha256(meta.get("sources", "").encode()).hexdigest()[:12]


def content_digest(conn: sqlite3.Connection) -> dict[str, str]:
    """A sha256 per content table (and for ``meta`` without ``built_at``): equal digests, equal casebooks."""
    import hashlib

    out: dict[str, str] = {}
    for table in (*CONTENT_TABLES, "meta"):
        h = hashlib.sha256()
        where = " WHERE key != 'built_at' AND key != 'app_version'" if table == "meta" else ""
        for row in conn.execute(f"SELECT * FROM {table}{where} ORDER BY 1, 2"):
            h.update(json.dumps(list(row), ensure_ascii=False).encode())
        out[table] = h.hexdigest()
    return out


# ---------------------------------------------------------------------------------------------
# Read


class Casebook:
    """Read access to one casebook database (the bundled one, opened immutable)."""

    def __init__(self, conn: sqlite3.Connection, *, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path
        self._search: SearchEngine | None = None

    @classmethod
    def open(cls, path: Path) -> Casebook:
        """Open ``path`` read-only; raise a :class:`StorageError` subclass with a clear reason on failure."""
        conn = open_readonly(path)
        try:
            check_not_too_new(conn, newest=SCHEMA_VERSION, what="the casebook", path=path)
            conn.execute("SELECT 1 FROM cases LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise translate(exc, path) from exc
        except StorageError:
            conn.close()
            raise
        return cls(conn, path=path)

    def close(self) -> None:
        self.conn.close()

    def meta(self) -> dict[str, str]:
        return {row["key"]: row["value"] for row in self.conn.execute("SELECT key, value FROM meta")}

    def batches(self) -> list[BatchSummary]:
        """Every batch with its case summaries, in document order."""
        cases: dict[str, list[CaseSummary]] = {}
        for row in self.conn.execute(
            "SELECT id, batch_id, ordinal, number, title, category, contributors FROM cases ORDER BY batch_id, ordinal"
        ):
            cases.setdefault(row["batch_id"], []).append(_summary(row))
        return [
            BatchSummary(
                id=row["id"],
                title=row["title"],
                order=row["ord"],
                source=row["source"],
                publisher=row["publisher"],
                date=row["date"],
                categories=tuple(json.loads(row["categories"] or "[]")),
                cases=tuple(cases.get(row["id"], ())),
            )
            for row in self.conn.execute("SELECT * FROM batches ORDER BY ord, id")
        ]

    def case_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM cases").fetchone()[0])

    def summary(self, case_id: str) -> CaseSummary:
        row = self.conn.execute(
            "SELECT id, batch_id, ordinal, number, title, category, contributors FROM cases WHERE id = ?", (case_id,)
        ).fetchone()
        if row is None:
            raise CaseNotFoundError(f"no case with id {case_id!r}")
        return _summary(row)

    def case(self, case_id: str) -> Case:
        row = self.conn.execute("SELECT doc FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise CaseNotFoundError(f"no case with id {case_id!r}")
        return case_from_dict(json.loads(row["doc"]))

    def cases(self, case_ids: Sequence[str] | None = None) -> list[Case]:
        """Full cases, in document order (all of them when ``case_ids`` is None)."""
        if case_ids is None:
            rows = self.conn.execute(
                "SELECT c.doc FROM cases c JOIN batches b ON b.id = c.batch_id ORDER BY b.ord, c.ordinal"
            )
            return [case_from_dict(json.loads(r["doc"])) for r in rows]
        return [self.case(cid) for cid in case_ids]

    def batch_title(self, batch_id: str) -> str:
        row = self.conn.execute("SELECT title FROM batches WHERE id = ?", (batch_id,)).fetchone()
        return row["title"] if row else ""

    @property
    def search_engine(self) -> SearchEngine:
        """The full-text search over this database (built on first use)."""
        if self._search is None:
            from reader.storage.search import SearchEngine

            self._search = SearchEngine(self.conn)
        return self._search


def _summary(row: Any) -> CaseSummary:
    return CaseSummary(
        id=row["id"],
        batch_id=row["batch_id"],
        ordinal=row["ordinal"],
        number=row["number"],
        title=row["title"],
        category=row["category"],
        contributors=tuple(json.loads(row["contributors"] or "[]")),
    )


class PerThreadCasebook:
    """Opens one read-only connection per thread, so searches can run on worker threads safely.

    :class:`reader.storage.catalog.Catalog` searches through it.
    """

    def __init__(self, path: Path) -> None:
        import threading

        self.path = path
        self._local = threading.local()

    def book(self) -> Casebook:
        book = getattr(self._local, "book", None)
        if book is None:
            book = self._local.book = Casebook.open(self.path)
        return book

    def engines(self) -> list[SearchEngine]:
        """This thread's search engine, in a list (see :class:`reader.storage.catalog.EngineSet`)."""
        return [self.book().search_engine]
