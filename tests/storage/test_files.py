"""The storage safety layer: atomic writes, moving a damaged database aside, temporary files per process,
the schema ladder shared by the user database and the library."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from reader.storage import files, schema
from reader.storage.db import SchemaTooNewError


def test_move_aside_takes_the_wal_and_shm_with_the_database(tmp_path):
    db = tmp_path / "user.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (42)")
    conn.commit()  # the row is in the WAL only (no checkpoint while the connection is open)
    assert (tmp_path / "user.db-wal").stat().st_size > 0
    moved = files.move_aside(db, "corrupt")
    conn.close()  # closing would checkpoint into the moved file's old name; it is gone, nothing is lost
    names = sorted(new.name for _old, new in moved)
    assert names[0].startswith("user.db.corrupt-") and {n[len(names[0]) :] for n in names} >= {"", "-wal"}
    assert not db.exists() and not (tmp_path / "user.db-wal").exists()
    copy = sqlite3.connect(moved[0][1])
    assert copy.execute("SELECT x FROM t").fetchall() == [(42,)], "the WAL moved with its database"
    copy.close()
    again = files.move_aside(_new_db(db), "corrupt")  # a second one in the same second gets its own name
    assert again[0][1] != moved[0][1]


def _new_db(path):
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    return path


def test_temp_files_of_a_running_process_are_kept_and_stale_ones_removed(tmp_path):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        mine = files.temp_path(tmp_path, "backup")
        mine.write_bytes(b"in progress")
        theirs = tmp_path / f".backup.{other.pid}.0123abcd.tmp"
        theirs.write_bytes(b"another instance's backup in progress")
        gone = tmp_path / ".backup.999999999.89abcdef.tmp"  # no such process
        gone.write_bytes(b"left by a killed backup")
        gone_journal = tmp_path / ".backup.999999999.89abcdef.tmp-journal"
        gone_journal.write_bytes(b"")
        old = tmp_path / f".backup.{other.pid}.00000000.tmp"
        old.write_bytes(b"")
        os.utime(old, (time.time() - 2 * 86400, time.time() - 2 * 86400))
        unrelated = tmp_path / "user-20240101-000000.db"
        unrelated.write_bytes(b"")
        removed = files.clean_stale_temps(tmp_path, "backup")
        assert sorted(p.name for p in removed) == sorted([gone.name, gone_journal.name, old.name])
        assert mine.exists() and theirs.exists() and unrelated.exists()
    finally:
        other.kill()
        other.wait()


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path):
    target = tmp_path / "out" / "notes.md"
    target.parent.mkdir()
    target.write_text("old")
    files.atomic_write(target, "新的内容".encode())
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert [p.name for p in target.parent.iterdir()] == ["notes.md"]


def test_the_ladder_runs_each_step_once_and_refuses_a_newer_database(tmp_path):
    ran: list[int] = []

    def step(n):
        return lambda conn: (ran.append(n), conn.execute(f"CREATE TABLE t{n} (x)"))

    ladder = schema.Ladder("the test data", {1: step(1), 2: step(2)})
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    assert schema.upgrade(conn, ladder) == 0 and ran == [1, 2]
    assert schema.upgrade(conn, ladder) == 2 and ran == [1, 2]
    conn.execute("PRAGMA user_version = 3")
    with pytest.raises(SchemaTooNewError, match="the test data was saved by a newer version"):
        schema.upgrade(conn, ladder)
    conn.close()
