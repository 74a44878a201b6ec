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


def sqlite_version_of(path: Path) -> int:
    """The SQLITE_VERSION_NUMBER of the library that last wrote ``path`` (file header, offset 96)."""
    return int.from_bytes(path.read_bytes()[96:100], "big")


def test_committed_casebook_matches_a_fresh_build(fresh_build):
    """The committed data/casebook.db is exactly what build-db makes of data/sources: byte for byte with the
    SQLite that wrote it (Debian 12's 3.40.1, the one CI has), the same content with any other SQLite."""
    out, report = fresh_build
    assert report.cases == 80 and report.batches == 5
    stale = "data/casebook.db is out of date: run `python -m reader build-db` and commit it"
    with sqlite3.connect(BUNDLED_DB) as committed, sqlite3.connect(out) as fresh:
        assert content_digest(committed) == content_digest(fresh), stale
    major, minor, patch = sqlite3.sqlite_version_info
    if sqlite_version_of(BUNDLED_DB) == major * 1_000_000 + minor * 1000 + patch:
        assert out.read_bytes() == BUNDLED_DB.read_bytes(), stale


def test_build_is_reproducible(fresh_build, tmp_path, monkeypatch):
    """Same sources, same bytes: a build at another time, in another folder, under another umask."""
    out, _ = fresh_build
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = tmp_path / "elsewhere" / "casebook.db"
    old_umask = os.umask(0o077)
    try:
        build_casebook(SOURCES, again)
    finally:
        os.umask(old_umask)
    assert again.read_bytes() == out.read_bytes()
    assert stat.S_IMODE(again.stat().st_mode) == 0o644
    with sqlite3.connect(again) as conn:
        keys = {k for (k,) in conn.execute("SELECT key FROM meta")}
    assert keys == {"schema_version", "sources"}, "nothing about when or by which version it was built"


def test_build_time_only_from_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "casebook.db"
    build_casebook(SOURCES, out)
    assert Casebook.open(out).meta()["built_at"] == "2023-11-14T22:13:20Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    build_casebook(SOURCES, out)
    assert "built_at" not in Casebook.open(out).meta()


def test_build_db_cli_twice_gives_the_same_file(tmp_path):
    """`python -m reader build-db` run twice (a second apart) writes the same bytes, readable by everyone."""
    import subprocess
    import sys
    import time

    outs = [tmp_path / "one.db", tmp_path / "two.db"]
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    for out in outs:
        proc = subprocess.run(
            [sys.executable, "-m", "reader", "build-db", "--output", str(out)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        time.sleep(1.1)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert stat.S_IMODE(outs[1].stat().st_mode) == 0o644


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
