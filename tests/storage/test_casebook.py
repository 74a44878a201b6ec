"""The casebook database: built from data/sources, opened read-only, answering the tree and case queries."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from reader.domain.text import plain_text
from reader.storage.casebook import Casebook, CaseNotFoundError, build_casebook, content_digest
from reader.storage.db import CorruptDatabaseError, DatabaseMissingError, SchemaTooNewError

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DB = ROOT / "data" / "casebook.db"
SOURCES = ROOT / "data" / "sources"


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "casebook.db"
    report = build_casebook(SOURCES, out)
    return out, report


def test_committed_casebook_matches_a_fresh_build(fresh_build):
    out, report = fresh_build
    assert report.cases == 80 and report.batches == 5
    with sqlite3.connect(BUNDLED_DB) as committed, sqlite3.connect(out) as fresh:
        assert content_digest(committed) == content_digest(fresh), (
            "data/casebook.db is out of date: run `python -m reader build-db`"
        )


def test_build_is_deterministic(fresh_build, tmp_path):
    out, _ = fresh_build
    again = tmp_path / "again.db"
    build_casebook(SOURCES, again, built_at="2000-01-01T00:00:00Z")
    with sqlite3.connect(out) as a, sqlite3.connect(again) as b:
        assert content_digest(a) == content_digest(b)


def test_digest_sees_a_changed_paragraph(casebook_file):
    with sqlite3.connect(casebook_file) as conn:
        before = content_digest(conn)
        conn.execute("UPDATE segments SET text = text || '。' WHERE id = 7")
        assert content_digest(conn)["segments"] != before["segments"]


def test_failed_build_keeps_the_old_file(tmp_path):
    out = tmp_path / "casebook.db"
    out.write_bytes(b"old")
    bad = tmp_path / "sources"
    bad.mkdir()
    (bad / "manifest.json").write_text('{"format": 1, "batches": [{"id": "x", "order": 1, "source": "nope.txt"}]}')
    with pytest.raises(Exception):  # noqa: B017 - whatever the parser raises, the old file must survive
        build_casebook(bad, out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".casebook-")] == []


def test_tree(casebook):
    batches = casebook.batches()
    assert [len(b.cases) for b in batches] == [25, 20, 16, 8, 11]
    assert [b.order for b in batches] == sorted(b.order for b in batches)
    ids = [c.id for b in batches for c in b.cases]
    assert len(set(ids)) == 80
    for b in batches:
        assert [c.ordinal for c in b.cases] == list(range(1, len(b.cases) + 1))


def test_case_roundtrip(casebook):
    first = casebook.batches()[0].cases[0]
    case = casebook.case(first.id)
    assert case.title == first.title and case.contributors == first.contributors
    assert case.sections, "every case has sections"
    # segments table holds exactly the case's plain text
    rows = casebook.conn.execute("SELECT text FROM segments WHERE case_id = ? ORDER BY seq", (case.id,))
    assert "\n".join(r[0] for r in rows) == plain_text(case)


def test_unknown_case(casebook):
    with pytest.raises(CaseNotFoundError):
        casebook.case("no-such-case")


def test_opens_read_only_file_on_read_only_folder(tmp_path, casebook_file):
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "casebook.db"
    target.write_bytes(casebook_file.read_bytes())
    target.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        book = Casebook.open(target)
        assert book.case_count() == 80
        book.close()
        assert sorted(p.name for p in folder.iterdir()) == ["casebook.db"], "no journal or lock files written"
    finally:
        folder.chmod(stat.S_IRWXU)


def test_missing_file(tmp_path):
    with pytest.raises(DatabaseMissingError):
        Casebook.open(tmp_path / "nope.db")


def test_corrupt_file(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(os.urandom(8192))
    with pytest.raises(CorruptDatabaseError):
        Casebook.open(bad)


def test_truncated_file(tmp_path, casebook_file):
    data = casebook_file.read_bytes()
    bad = tmp_path / "trunc.db"
    bad.write_bytes(data[: len(data) // 3])
    with pytest.raises((CorruptDatabaseError,)):
        book = Casebook.open(bad)
        book.cases()


def test_newer_schema_refused(casebook_file):
    with sqlite3.connect(casebook_file) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(SchemaTooNewError):
        Casebook.open(casebook_file)


def test_meta(casebook):
    meta = casebook.meta()
    assert meta["schema_version"] == "1"
    sources = json.loads(meta["sources"])
    assert sorted(sources) == sorted(p.name for p in SOURCES.glob("*.txt"))
