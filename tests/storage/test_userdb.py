"""The user database on real SQLite files: round trips, schema ladder, backups, recovery, errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.domain.annotation import (
    Annotation,
    AnnotationError,
    TextPositionSelector,
    TextQuoteSelector,
    new_bookmark,
    new_case_note,
    new_highlight,
    new_id,
    to_dict,
)
from reader.domain.query import QueryError
from reader.domain.text import plain_text
from reader.storage import userdb as userdb_module
from reader.storage.db import DiskFullError, ReadOnlyError, SchemaTooNewError, StorageError
from reader.storage.userdb import (
    SCHEMA_VERSION,
    AnnotationNotFoundError,
    BackupError,
    DuplicateAnnotationError,
    UserDB,
    verify_backup,
)
from tests.fsutil import make_immutable, undo_immutable
from tests.userdbkit import reopen_userdb

T0 = dt.datetime(2024, 5, 1, 8, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def paths(tmp_path) -> tuple[Path, Path]:
    return tmp_path / "data" / "user.db", tmp_path / "data" / "backups"


@pytest.fixture
def db(userdb):
    return userdb


reopen = reopen_userdb


def full_annotation(**changes) -> Annotation:
    base = Annotation(
        id=new_id(),
        case_id="stid-b-03",
        kind="highlight",
        color=4,
        note="# 标题\n\n*强调*、`代码`\t制表符 😀 <script>alert('x')</script> & \"引号\"",
        tags=("重点", "workshop 2024", "待办"),
        quote=TextQuoteSelector(exact="数字贸易", prefix="推动\n", suffix="高质量发展"),
        position=TextPositionSelector(120, 124),
        created="2024-03-01T09:10:11.123Z",
        modified="2024-03-02T10:11:12.456Z",
        orphaned=True,
    )
    return base.replace(**changes)


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
# Opening and the schema


def test_pragmas(db):
    assert db.journal_mode == "wal"
    assert db._read("PRAGMA synchronous")[0][0] == 2  # FULL
    assert db._read("PRAGMA foreign_keys")[0][0] == 1
    assert db.schema_version == SCHEMA_VERSION == 2
    assert db.recovery is None


def test_schema_has_tables_for_later_features(db):
    names = {r[0] for r in db._read("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}
    assert {"annotations", "annotation_tags", "annotation_fts", "playlists", "playlist_items", "kv"} <= names


def test_upgrade_from_version_0(paths):
    path, backups = paths
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE scratch (x)")
    conn.execute("DROP TABLE scratch")  # a real database file: header written, no tables, version 0
    conn.commit()
    conn.close()
    assert path.stat().st_size > 0
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 0
    with UserDB.open(path, backups_dir=backups) as db:
        assert db.recovery is None
        assert db.schema_version == SCHEMA_VERSION
        db.add(full_annotation())
        assert db.count() == 1


def test_upgrade_step_is_one_transaction(paths, monkeypatch):
    path, backups = paths
    path.parent.mkdir(parents=True)
    sqlite3.connect(path).close()

    def broken(conn):
        userdb_module.upgrade_to_1(conn)
        raise RuntimeError("power cut in the middle of the upgrade")

    monkeypatch.setitem(userdb_module.UPGRADES, 1, broken)
    with pytest.raises(RuntimeError):
        UserDB.open(path, backups_dir=backups)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()
    monkeypatch.undo()
    with UserDB.open(path, backups_dir=backups) as db:
        assert db.schema_version == SCHEMA_VERSION


def test_newer_schema_is_refused_and_left_alone(paths):
    path, backups = paths
    with UserDB.open(path, backups_dir=backups) as db:
        db.add(full_annotation())
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError) as err:
        UserDB.open(path, backups_dir=backups)
    assert err.value.code == "db-too-new" and "newer version" in str(err.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["user.db"]


# ---------------------------------------------------------------------------------------------
# Annotations


def test_round_trip_of_every_field(db, casebook):
    case = casebook.case("stid-a-01")
    text = plain_text(case)
    items = [
        full_annotation(),
        full_annotation(id=new_id(), kind="case_note", color=None, quote=None, position=None, orphaned=False, tags=()),
        full_annotation(id=new_id(), kind="bookmark", color=None, note=""),
        new_highlight(case, 10, 30, color=0, text=text),
        new_case_note(case.id, "全案笔记", tags=[" a ", "b", "a"]),
        new_bookmark(case, 200, text=text),
    ]
    for a in items:
        assert db.add(a) == a
    db = reopen(db)
    try:
        for a in items:
            assert db.get(a.id) == a
            assert to_dict(db.get(a.id)) == to_dict(a)
        assert sorted(map(to_dict, db.list()), key=lambda d: d["id"]) == sorted(
            map(to_dict, items), key=lambda d: d["id"]
        )
        assert db.get(items[4].id).tags == ("a", "b")
        assert db.integrity_check() == ""
    finally:
        db.close()


def test_add_update_delete_and_their_inverses(db):
    a = full_annotation(orphaned=False)
    assert db.add(a) == a
    with pytest.raises(DuplicateAnnotationError):
        db.add(a)

    previous = db.update(a.replace(note="改过的笔记", tags=("新",)))
    assert previous == a
    stored = db.get(a.id)
    assert stored.note == "改过的笔记" and stored.tags == ("新",)
    assert stored.modified > a.modified and stored.created == a.created

    undone = db.update(previous)  # undo
    back = db.get(a.id)
    assert undone == stored
    assert back.replace(modified=a.modified) == a and back.modified > stored.modified

    gone = db.delete(a.id)
    assert gone == back and db.get(a.id) is None and db.count() == 0
    assert db._read("SELECT count(*) FROM annotation_tags")[0][0] == 0
    assert db._read("SELECT count(*) FROM annotation_fts")[0][0] == 0
    db.add(gone)  # undo of the delete: exactly as it was
    assert db.get(a.id) == gone

    with pytest.raises(AnnotationNotFoundError):
        db.update(full_annotation(id=new_id()))
    with pytest.raises(AnnotationNotFoundError):
        db.delete(new_id())


def test_update_without_change_writes_nothing(db):
    a = db.add(full_annotation())
    db.update(a)
    assert db.get(a.id) == a


def test_modified_is_strictly_increasing_even_if_the_clock_goes_back(db):
    a = db.add(full_annotation(modified="2999-01-01T00:00:00.000Z"))
    db.update(a.replace(note="x"), now=T0)
    assert db.get(a.id).modified == "2999-01-01T00:00:00.001Z"


def test_invalid_annotations_cannot_be_built():
    with pytest.raises(AnnotationError):
        full_annotation(color=5)
    with pytest.raises(AnnotationError):
        full_annotation(kind="case_note")  # a colour on a note
    with pytest.raises(AnnotationError):
        full_annotation(note="bell \x07")
    with pytest.raises(AnnotationError):
        full_annotation(id="not-a-uuid")
    with pytest.raises(AnnotationError):
        full_annotation(modified="2024-03-02 10:11:12")
    with pytest.raises(AnnotationError):
        full_annotation(quote=None)
    with pytest.raises(AnnotationError):
        full_annotation(tags=("x" * 101,))


def test_filters(db):
    a1 = db.add(full_annotation(case_id="stid-a-01", color=0, tags=("政策",), modified="2024-01-01T00:00:00.000Z"))
    a2 = db.add(full_annotation(id=new_id(), case_id="stid-a-02", color=1, tags=("政策", "金融")))
    a3 = db.add(new_case_note("sop-a-3e8e4363", "笔记", tags=["金融"]))
    a4 = db.add(full_annotation(id=new_id(), case_id="stid-ab-01", color=1, tags=()))  # batch "stid-ab"
    ids = lambda items: {x.id for x in items}  # noqa: E731
    assert ids(db.list("stid-a-01")) == {a1.id}
    assert ids(db.list(["stid-a-01", "stid-a-02"])) == {a1.id, a2.id}
    assert ids(db.list(kind="case_note")) == {a3.id}
    assert ids(db.list(color=1)) == {a2.id, a4.id}
    assert ids(db.list(tag="政策")) == {a1.id, a2.id}
    assert ids(db.list(tag="金融", kind="highlight")) == {a2.id}
    assert ids(db.list(batch_ids=["stid-a"])) == {a1.id, a2.id}
    assert ids(db.list(batch_ids=["stid-a", "sop-a"])) == {a1.id, a2.id, a3.id}
    assert ids(db.list(batch_ids=["x"], case_batches={"stid-ab-01": "x", "stid-a-01": "y"})) == {a4.id}
    assert ids(db.list(batch_ids=[])) == set()
    assert ids(db.list(since="2024-02-01T00:00:00.000Z")) == {a2.id, a3.id, a4.id}
    assert ids(db.list(since=dt.datetime(2024, 2, 1, tzinfo=dt.UTC))) == {a2.id, a3.id, a4.id}
    assert ids(db.list(orphaned=True)) == {a1.id, a2.id, a4.id} == ids(db.orphans())
    assert ids(db.list(ids=[a3.id, a4.id])) == {a3.id, a4.id}
    assert db.tags() == [("政策", 2), ("金融", 2)]


def test_counts_by_case_counts_every_kind_in_one_statement(db):
    assert db.counts_by_case() == {}
    db.add(full_annotation(case_id="stid-a-01"))
    db.add(full_annotation(id=new_id(), case_id="stid-a-01", orphaned=False))
    db.add(new_case_note("stid-a-01", "笔记"))
    db.add(
        full_annotation(id=new_id(), case_id="sop-a-3e8e4363", kind="bookmark", color=None, quote=None, position=None)
    )
    gone = db.add(full_annotation(id=new_id(), case_id="stid-b-02"))
    db.delete(gone.id)
    statements: list[str] = []
    db._conn.set_trace_callback(statements.append)
    try:
        assert db.counts_by_case() == {"stid-a-01": 3, "sop-a-3e8e4363": 1}
    finally:
        db._conn.set_trace_callback(None)
    assert len(statements) == 1, statements


def test_order_is_case_then_place(db):
    first = db.add(full_annotation(position=TextPositionSelector(5, 9)))
    second = db.add(full_annotation(id=new_id(), position=TextPositionSelector(50, 54)))
    note = db.add(full_annotation(id=new_id(), kind="case_note", color=None, quote=None, position=None))
    assert [a.id for a in db.list()] == [note.id, first.id, second.id]


def test_text_search_uses_the_library_search_semantics(db):
    a = db.add(full_annotation(note="全国首批 3 家外国专利代理机构", quote=TextQuoteSelector("数据跨境", "", "")))
    b = db.add(full_annotation(id=new_id(), note="Hello, World! 知识产权", quote=TextQuoteSelector("证券", "", "")))
    c = db.add(new_case_note("stid-a-01", "第一行\n第二行"))
    ids = lambda q: {x.id for x in db.list(text=q)}  # noqa: E731
    assert ids("3家") == {a.id}  # whitespace ignored, as in the casebook search
    assert ids("数据") == {a.id}  # the quote is searched too
    assert ids("知识 OR 证券") == {b.id}
    assert ids("hello,") == {b.id}  # case folded, ASCII punctuation searchable
    assert ids("专利 -知识") == {a.id}
    assert ids("行第") == set()  # no match across a line break
    assert ids("第二") == {c.id}
    assert ids("") == {a.id, b.id, c.id}  # an empty query is no filter
    with pytest.raises(QueryError):
        db.list(text="-only")
    db.update(db.get(a.id).replace(note="改写"))
    assert ids("3家") == set() and ids("改写") == {a.id}
    db.delete(b.id)
    assert ids("知识") == set()


def test_kv(db):
    assert db.get_value("ui.last_case") is None
    db.set_value("ui.last_case", {"id": "stid-a-01", "scroll": 0.5})
    db.set_value("ui.font", 14)
    db = reopen(db)
    try:
        assert db.get_value("ui.last_case") == {"id": "stid-a-01", "scroll": 0.5}
        assert db.get_value("ui.font") == 14
        db.delete_value("ui.font")
        assert db.get_value("ui.font", "default") == "default"
    finally:
        db.close()


def test_transaction_groups_and_rolls_back(db):
    a = full_annotation()
    with pytest.raises(RuntimeError), db.transaction():
        db.add(a)
        db.add(full_annotation(id=new_id()))
        raise RuntimeError("cancelled")
    assert db.count() == 0
    with db.transaction():
        db.add(a)
        with pytest.raises(DuplicateAnnotationError):
            db.add(a)  # a savepoint: the failed inner step does not undo the outer one
    assert db.count() == 1


def test_disk_full_is_a_clear_error_and_changes_nothing(db):
    db.add(full_annotation())
    pages = db._read("PRAGMA page_count")[0][0]
    db._conn.execute(f"PRAGMA max_page_count = {pages}")  # the database may not grow: SQLITE_FULL
    with pytest.raises(DiskFullError) as err:
        db.add(full_annotation(id=new_id(), note="满" * 200_000))
    assert err.value.code == "disk-full"
    assert db.count() == 1 and db.integrity_check() == ""


# ---------------------------------------------------------------------------------------------
# Re-anchoring against the casebook


def test_reanchor_all(db, casebook):
    case = casebook.case("stid-a-01")
    text = plain_text(case)
    start = text.index("国际知识产权服务大厅")
    good = db.add(new_highlight(case, start, start + 10, text=text))
    # Stored against an older text: shifted by 7 characters.
    older = "旧版本的开头文字\n"[:7] + text
    moved = db.add(new_highlight(case, start + 7, start + 17, text=older))
    lost = db.add(
        full_annotation(case_id=case.id, orphaned=False, quote=TextQuoteSelector("这段文字不存在于案例中", "", ""))
    )
    came_back = db.add(
        new_highlight(case, start, start + 10, text=text).replace(orphaned=True, position=TextPositionSelector(0, 10))
    )
    missing = db.add(new_case_note("no-such-case", "旧案例的笔记"))
    note = db.add(new_case_note(case.id, "全案"))

    report = db.reanchor_all(casebook)
    assert report.checked == 6
    assert sorted(report.orphaned) == sorted([lost.id, missing.id])
    assert report.recovered == [came_back.id]
    assert report.missing_cases == ["no-such-case"]
    assert db.get(good.id) == good
    assert db.get(moved.id).position == TextPositionSelector(start, start + 10) and not db.get(moved.id).orphaned
    assert db.get(moved.id).modified == moved.modified  # anchoring is not a user edit
    assert db.get(lost.id).orphaned and db.get(lost.id).note == lost.note
    assert not db.get(came_back.id).orphaned
    assert db.get(missing.id).orphaned and not db.get(note.id).orphaned
    assert {a.id for a in db.orphans()} == {lost.id, missing.id}
    assert db.reanchor_all(casebook).updated == 0  # stable


def test_mark_orphaned(db):
    a = db.add(full_annotation(orphaned=False))
    assert db.mark_orphaned(a.id) == a
    assert db.get(a.id).orphaned and db.get(a.id).modified == a.modified
    db.mark_orphaned(a.id, False)
    assert not db.get(a.id).orphaned


# ---------------------------------------------------------------------------------------------
# Backups


def add_many(db: UserDB, n: int, **changes) -> list[Annotation]:
    out = []
    with db.transaction():
        for i in range(n):
            out.append(db.add(full_annotation(id=new_id(), note=f"第 {i} 条笔记 " * 20, **changes)))
    return out


def test_backup_is_a_consistent_copy(db):
    items = add_many(db, 50)
    path = db.backup_now(now=T0)
    assert path == db.backups_dir / "user-20240501-080000.db"
    assert verify_backup(path) == ""
    assert not list(db.backups_dir.glob("*.tmp")) and not Path(f"{path}-wal").exists()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # no WAL: opens read-only without -shm
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 50
    conn.close()
    with UserDB.open(path, backups_dir=db.backups_dir / "x") as copy:
        assert copy.list() == db.list() and len(items) == 50


def test_backup_if_due_and_rotation(db):
    db.add(full_annotation())
    assert db.backup_if_due(now=T0) is not None
    assert db.backup_if_due(now=T0 + dt.timedelta(hours=23)) is None
    made = [db.backup_if_due(now=T0 + dt.timedelta(days=d)) for d in range(1, 10)]
    assert all(made)
    names = [b.path.name for b in db.backups()]
    assert len(names) == 7
    assert names[0] == "user-20240510-080000.db" and names[-1] == "user-20240504-080000.db"
    assert db.backups()[0].taken == T0 + dt.timedelta(days=9)
    # Two backups within one second get distinct names.
    again = db.backup_now(now=T0 + dt.timedelta(days=9))
    assert again.name == "user-20240510-080000-1.db" and db.backups()[0].path == again
    # A clock set far back does not stop backups for ever.
    assert db.backup_if_due(now=T0 - dt.timedelta(days=30)) is not None


def test_restore_replaces_the_data_and_keeps_the_old_aside(db):
    a = db.add(full_annotation())
    backup = db.backup_now(now=T0)
    b = db.add(full_annotation(id=new_id(), note="备份之后"))
    db.delete(a.id)
    report = db.restore(backup, now=T0 + dt.timedelta(hours=1))
    assert report.restored_from == backup
    assert report.previous_copy == db.path.with_name("user.db.before-restore-20240501-090000")
    assert {x.id for x in db.list()} == {a.id}
    assert db.list(text="备份之后") == []
    with UserDB.open(report.previous_copy, backups_dir=db.backups_dir / "x") as old:
        assert [x.id for x in old.list()] == [b.id]
    db = reopen(db)
    try:
        assert {x.id for x in db.list()} == {a.id} and db.recovery is None
    finally:
        db.close()


def test_restore_refuses_a_bad_backup(db, tmp_path):
    db.add(full_annotation())
    bad = tmp_path / "user-20240101-000000.db"
    bad.write_bytes(b"this is not a database" * 100)
    before = db.list()
    with pytest.raises(BackupError):
        db.restore(bad)
    assert db.list() == before


# ---------------------------------------------------------------------------------------------
# Start-up recovery


def prepare(paths, *, backups: int = 1) -> tuple[list[Annotation], list[Annotation]]:
    """A database with annotations in ``backups`` backups (one day apart) and some added since."""
    path, backups_dir = paths
    with UserDB.open(path, backups_dir=backups_dir) as db:
        backed_up = add_many(db, 30)
        for d in range(backups):
            db.backup_now(now=T0 + dt.timedelta(days=d))
        later = add_many(db, 5)
    return backed_up, later


def test_garbage_over_the_file_restores_the_newest_backup(paths):
    path, backups_dir = paths
    backed_up, _later = prepare(paths, backups=2)
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    with UserDB.open(path, backups_dir=backups_dir) as db:
        report = db.recovery
        assert report is not None and report.reason in ("not-a-database", "corrupt")
        assert report.restored_from == backups_dir / "user-20240502-080000.db"
        assert report.damaged_copy.name.startswith("user.db.corrupt-")
        assert report.damaged_copy.read_bytes() == garbage  # moved aside, never deleted
        assert {a.id for a in db.list()} == {a.id for a in backed_up}
        assert "moved to" in report.summary()
        assert db.integrity_check() == ""
    with UserDB.open(path, backups_dir=backups_dir) as db:
        assert db.recovery is None


def test_truncated_file_is_recovered(paths):
    path, backups_dir = paths
    backed_up, later = prepare(paths)
    data = path.read_bytes()
    assert len(data) > 40_000
    path.write_bytes(data[: len(data) // 3])
    with UserDB.open(path, backups_dir=backups_dir) as db:
        report = db.recovery
        assert report is not None and report.reason in ("corrupt", "not-a-database")
        assert report.restored_from is not None
        assert report.damaged_copy.read_bytes() == data[: len(data) // 3]
        ids = {a.id for a in db.list()}
        assert {a.id for a in backed_up} <= ids <= {a.id for a in backed_up + later}
        assert len(ids) == len(backed_up) + report.salvaged


def test_damaged_index_recovers_newer_annotations_from_the_damaged_file(paths):
    """Only an index page is broken: the backup is restored and the rows added since are salvaged."""
    path, backups_dir = paths
    backed_up, later = prepare(paths)
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'annotations_modified'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x0d" + b"\xff" * (page_size - 1))
    with UserDB.open(path, backups_dir=backups_dir) as db:
        report = db.recovery
        assert report is not None and report.reason == "corrupt" and report.restored_from is not None
        assert report.salvaged == len(later)
        assert {a.id for a in db.list()} == {a.id for a in backed_up + later}
        for a in later:
            assert db.get(a.id) == a
        assert "recovered" in report.summary()


def test_a_bad_newest_backup_is_skipped(paths):
    path, backups_dir = paths
    prepare(paths, backups=2)
    newest = backups_dir / "user-20240502-080000.db"
    newest.write_bytes(b"\0" * 4096)
    path.write_bytes(b"garbage" * 1000)
    with UserDB.open(path, backups_dir=backups_dir) as db:
        assert db.recovery is not None
        assert db.recovery.restored_from == backups_dir / "user-20240501-080000.db"
        assert db.recovery.rejected_backups == (newest,)
        assert db.count() == 30
    assert newest.exists()


def test_no_backup_gives_a_fresh_database(paths):
    path, backups_dir = paths
    path.parent.mkdir(parents=True)
    path.write_bytes(b"SQLite format 3\0" + os.urandom(5000))
    with UserDB.open(path, backups_dir=backups_dir) as db:
        assert db.recovery is not None and db.recovery.restored_from is None
        assert db.count() == 0 and db.schema_version == SCHEMA_VERSION
        assert "new, empty database" in db.recovery.summary()
    assert len(list(path.parent.glob("user.db.corrupt-*"))) == 1


def test_empty_file(paths):
    path, backups_dir = paths
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    with UserDB.open(path, backups_dir=backups_dir) as db:  # no backups: a crash before the first commit
        assert db.recovery is None and db.schema_version == SCHEMA_VERSION
        db.add(full_annotation())
        db.backup_now(now=T0)
    path.write_bytes(b"")
    with UserDB.open(path, backups_dir=backups_dir) as db:
        assert db.recovery is not None and db.recovery.reason == "empty" and db.count() == 1


def test_foreign_database_is_moved_aside(paths):
    path, backups_dir = paths
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE something_else (x)")
    conn.commit()
    conn.close()
    with UserDB.open(path, backups_dir=backups_dir) as db:
        assert db.recovery is not None and db.recovery.reason == "foreign"
        assert db.count() == 0
    kept = sqlite3.connect(next(path.parent.glob("user.db.corrupt-*")))
    assert kept.execute("SELECT name FROM sqlite_master").fetchall() == [("something_else",)]
    kept.close()


def test_crash_leftovers_are_not_corruption(paths):
    """A WAL left by a process that died is part of the database, not damage."""
    path, backups_dir = paths
    db = UserDB.open(path, backups_dir=backups_dir)
    a = db.add(full_annotation())
    # Copy the files while open (as a crash would leave them), then open the copy.
    crash = path.parent / "crash"
    crash.mkdir()
    for name in ("user.db", "user.db-wal"):
        shutil.copyfile(path.parent / name, crash / name)
    db.close()
    with UserDB.open(crash / "user.db", backups_dir=backups_dir) as copy:
        assert copy.recovery is None and copy.get(a.id) == a


# ---------------------------------------------------------------------------------------------
# Read-only places


def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    if not make_immutable(folder):
        pytest.fail("cannot make a folder read-only here (root needs chattr)")
    try:
        with pytest.raises(ReadOnlyError) as err:
            UserDB.open(folder / "user.db", backups_dir=folder / "backups")
        assert err.value.code == "db-read-only" and str(folder) in str(err.value)
    finally:
        undo_immutable(folder)
    assert list(folder.iterdir()) == []


def test_read_only_database_file(paths):
    path, backups_dir = paths
    with UserDB.open(path, backups_dir=backups_dir) as db:
        db.add(full_annotation())
    before = path.read_bytes()
    if not make_immutable(path):
        pytest.fail("cannot make a file read-only here (root needs chattr)")
    try:
        with pytest.raises(ReadOnlyError):
            UserDB.open(path, backups_dir=backups_dir)
    finally:
        undo_immutable(path)
    assert path.read_bytes() == before
    assert not list(path.parent.glob("user.db.corrupt-*"))


def test_execute_writes_only_inside_a_transaction(db):
    """The public statement API other storage modules use (playlists): writes commit or roll back together."""
    with pytest.raises(RuntimeError):
        db.execute("INSERT INTO kv(key, value, modified) VALUES ('x', '1', 'now')")
    with db.transaction():
        db.execute("INSERT INTO kv(key, value, modified) VALUES (:k, :v, 'now')", {"k": "x", "v": "1"})
    with pytest.raises(ValueError), db.transaction():
        db.execute("INSERT INTO kv(key, value, modified) VALUES ('y', '2', 'now')")
        raise ValueError("abandon the transaction")
    assert [tuple(r) for r in db.query("SELECT key, value FROM kv WHERE key IN ('x', 'y')")] == [("x", "1")]
    with pytest.raises(StorageError), db.transaction():
        db.execute("INSERT INTO no_such_table VALUES (1)")
