"""Workshop playlists in the user database and in files: CRUD, order, restarts, round trips, hostile files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.domain.annotation import new_id
from reader.storage import playlists as pl
from reader.storage.exchange import ExchangeError
from reader.storage.playlists import Playlist, PlaylistError, PlaylistFileError, PlaylistItem
from reader.storage.userdb import UserDB
from tests.userdbkit import reopen_userdb

T0 = dt.datetime(2024, 5, 1, 8, 0, 0, tzinfo=dt.UTC)
CASES = ["stid-a-01", "stid-a-02", "stid-b-01", "sop-a-01e1d062"]


@pytest.fixture
def db(userdb):
    return userdb


reopen = reopen_userdb


def test_create_rename_notes_delete_survive_a_restart(db):
    p = pl.create_playlist(db, "  培训一  ", notes="开场", case_ids=CASES[:3], now=T0)
    assert p.title == "培训一" and pl.playlist_case_ids(p) == CASES[:3]
    renamed = pl.rename_playlist(db, p.id, "知识产权专题", now=T0)
    assert renamed.modified > p.modified, "modified is strictly later, even with the same clock"
    pl.set_playlist_notes(db, p.id, "**要点**\n- 一\n- 二")
    other = pl.create_playlist(db, "第二场")
    db = reopen(db)
    try:
        stored = pl.playlist(db, p.id)
        assert stored.title == "知识产权专题" and stored.notes.startswith("**要点**")
        assert pl.playlist_case_ids(stored) == CASES[:3]
        assert [x.id for x in pl.list_playlists(db)] == [p.id, other.id]
        deleted = pl.delete_playlist(db, p.id)
        assert deleted == stored
        db = reopen(db)
        assert pl.get_playlist(db, p.id) is None
        assert db._read("SELECT count(*) FROM playlist_items WHERE playlist_id = :id", {"id": p.id})[0][0] == 0
        pl.put_playlist(db, deleted)  # undo of a delete: back exactly
        assert pl.playlist(db, p.id) == deleted
    finally:
        db.close()


def test_reorder_and_move_survive_a_restart(db):
    p = pl.create_playlist(db, "顺序", case_ids=CASES)
    ids = [i.id for i in p.items]
    pl.reorder_items(db, p.id, [ids[2], ids[0], ids[3], ids[1]])
    db = reopen(db)
    try:
        assert pl.playlist_case_ids(pl.playlist(db, p.id)) == [CASES[2], CASES[0], CASES[3], CASES[1]]
        # move (Qt's "before row" convention): the first two to the end
        moved = pl.move_items(db, p.id, [ids[2], ids[0]], 4)
        assert pl.playlist_case_ids(moved) == [CASES[3], CASES[1], CASES[2], CASES[0]]
        moved = pl.move_items(db, p.id, [ids[0]], 0)
        assert pl.playlist_case_ids(moved) == [CASES[0], CASES[3], CASES[1], CASES[2]]
        db = reopen(db)
        stored = pl.playlist(db, p.id)
        assert pl.playlist_case_ids(stored) == [CASES[0], CASES[3], CASES[1], CASES[2]]
        positions = db._read(
            "SELECT position FROM playlist_items WHERE playlist_id = :id ORDER BY position", {"id": p.id}
        )
        assert [r[0] for r in positions] == [0, 1, 2, 3]
        with pytest.raises(PlaylistError):
            pl.reorder_items(db, p.id, ids[:3])  # not a permutation
        assert pl.playlist(db, p.id) == stored
    finally:
        db.close()


def test_items_add_remove_sections_notes(db):
    p = pl.create_playlist(db, "条目")
    p = pl.add_items(db, p.id, ["stid-a-01", "stid-a-01"])  # the same case twice is allowed
    assert len(p.items) == 2 and p.items[0].id != p.items[1].id
    p = pl.add_items(db, p.id, ["stid-b-01"], position=1)
    assert pl.playlist_case_ids(p) == ["stid-a-01", "stid-b-01", "stid-a-01"]
    first = p.items[0].id
    p = pl.set_item_sections(db, p.id, first, ["lead", "s2.1"])
    p = pl.set_item_notes(db, p.id, first, "先讲背景")
    assert p.item(first).sections == ("lead", "s2.1") and p.item(first).notes == "先讲背景"
    p = pl.set_item_sections(db, p.id, first, None)
    assert p.item(first).sections is None and p.item(first).notes == "先讲背景"
    p = pl.remove_items(db, p.id, [p.items[1].id])
    assert pl.playlist_case_ids(p) == ["stid-a-01", "stid-a-01"]
    for bad in (["s0"], ["../x"], ["s1", "s1"], ["S1"], [""]):
        with pytest.raises(PlaylistError):
            pl.set_item_sections(db, p.id, first, bad)
    with pytest.raises(PlaylistError):
        pl.add_items(db, p.id, ["has space"])
    with pytest.raises(PlaylistError):
        pl.remove_items(db, p.id, [new_id()])
    assert pl.playlist(db, p.id) == p, "failed changes change nothing"
    assert pl.handout(p) == {
        "title": "条目",
        "notes": "",
        "cases": [
            {"case_id": "stid-a-01", "sections": None, "notes": "先讲背景"},
            {"case_id": "stid-a-01", "sections": None, "notes": ""},
        ],
    }


def test_duplicate_has_new_ids(db):
    p = pl.create_playlist(db, "原件", notes="n", case_ids=CASES[:2])
    p = pl.set_item_sections(db, p.id, p.items[0].id, ["s1"])
    copy = pl.duplicate_playlist(db, p.id, title="原件（副本）")
    assert copy.id != p.id and copy.title == "原件（副本）" and copy.notes == "n"
    assert [(i.case_id, i.sections) for i in copy.items] == [(i.case_id, i.sections) for i in p.items]
    assert not {i.id for i in copy.items} & {i.id for i in p.items}
    assert [x.id for x in pl.list_playlists(db)] == [p.id, copy.id]


@pytest.mark.parametrize(
    "title", ["", "   ", "a\nb", "tab\there", "x" * 201, "bell\x07", "\ud800"], ids=lambda t: repr(t)[:12]
)
def test_bad_titles_rejected(db, title):
    with pytest.raises(PlaylistError):
        pl.create_playlist(db, title)
    assert pl.list_playlists(db) == []


def test_valid_by_construction():
    stamp = "2024-05-01T08:00:00.000Z"
    with pytest.raises(PlaylistError):
        Playlist(id="not-a-uuid", title="t", created=stamp, modified=stamp)
    with pytest.raises(PlaylistError):
        Playlist(id=new_id(), title="t", created="yesterday", modified=stamp)
    item = PlaylistItem(id=new_id(), case_id="stid-a-01")
    with pytest.raises(PlaylistError):
        Playlist(id=new_id(), title="t", created=stamp, modified=stamp, items=(item, item))
    with pytest.raises(PlaylistError):
        PlaylistItem(id=new_id(), case_id="stid-a-01", notes="x\x00")
    with pytest.raises(PlaylistError):
        PlaylistItem(id=new_id(), case_id="stid-a-01", sections="s1")  # type: ignore[arg-type]


def test_missing_playlist(db):
    with pytest.raises(PlaylistError) as err:
        pl.rename_playlist(db, new_id(), "x")
    assert err.value.code == "playlist-missing"


# ---------------------------------------------------------------------------------------------
# Files


def test_export_import_round_trip(db, tmp_path):
    p = pl.create_playlist(db, "导出", notes="备注 <b>粗</b>", case_ids=CASES)
    p = pl.set_item_sections(db, p.id, p.items[1].id, ["s1", "s2.2"])
    p = pl.set_item_notes(db, p.id, p.items[0].id, "第一条\n第二行")
    p = pl.set_item_minutes(db, p.id, p.items[0].id, 25)
    p = pl.set_end_text(db, p.id, "谢谢！\n请提问")
    q = pl.create_playlist(db, "另一个")
    path = tmp_path / "out" / "playlists.json"
    path.parent.mkdir()
    assert pl.export_playlists(db, path) == 2
    doc = json.loads(path.read_text("utf-8"))
    assert doc["format"] == "casebook-playlists" and doc["version"] == 2 and len(doc["playlists"]) == 2
    assert doc["playlists"][0]["end_text"] == "谢谢！\n请提问"
    assert [i["minutes"] for i in doc["playlists"][0]["items"]] == [25] + [None] * (len(CASES) - 1)
    assert list(path.parent.iterdir()) == [path], "no temporary file left"

    other = UserDB.open(tmp_path / "other" / "user.db", backups_dir=tmp_path / "other" / "backups")
    try:
        result = pl.import_playlists(other, path, known_case_ids=CASES)
        assert result.added == [p.id, q.id] and not result.renumbered
        assert pl.list_playlists(other) == [p, q]
        again = pl.import_playlists(other, path, known_case_ids=CASES)
        assert again.added == [] and again.skipped == [p.id, q.id]
        # the local copy changed: the file's version comes in under new ids, next to it
        pl.rename_playlist(other, p.id, "本地改过")
        third = pl.import_playlists(other, path, known_case_ids=CASES)
        assert third.added == [third.renumbered[p.id]] and third.skipped == [q.id]
        copy = pl.playlist(other, third.renumbered[p.id])
        assert copy.title == "导出" and pl.playlist_case_ids(copy) == CASES
        assert pl.import_playlists(other, path, known_case_ids=CASES).added == [], "and only once"
    finally:
        other.close()
    # one playlist only
    one = tmp_path / "one.json"
    assert pl.export_playlists(db, one, ids=[q.id]) == 1
    assert [x.id for x in pl.read_playlist_file(one)] == [q.id]


def good_document() -> dict:
    stamp = "2024-05-01T08:00:00.000Z"
    return {
        "format": "casebook-playlists",
        "version": 1,
        "exported": stamp,
        "app_version": "1.0",
        "playlists": [
            {
                "id": new_id(),
                "title": "工作坊",
                "notes": "",
                "created": stamp,
                "modified": stamp,
                "items": [{"id": new_id(), "case_id": "stid-a-01", "sections": None, "notes": ""}],
            }
        ],
    }


def hostile(name: str):
    doc = good_document()
    p = doc["playlists"][0]
    item = p["items"][0]
    if name == "not-json":
        return b"{not json"
    if name == "truncated":
        return json.dumps(doc).encode()[:-20]
    if name == "empty":
        return b""
    if name == "not-utf8":
        return json.dumps(doc, ensure_ascii=False).encode("utf-16")
    if name == "nan":
        return json.dumps(doc).replace('"notes": ""', '"notes": NaN', 1).encode()
    if name == "duplicate-key":
        return json.dumps(doc, ensure_ascii=False).replace('"title": "工作坊"', '"title": "a", "title": "b"').encode()
    if name == "deep":
        return (b"[" * 100000) + (b"]" * 100000)
    if name == "list":
        return b"[]"
    if name == "wrong-format":
        doc["format"] = "casebook-annotations"
    elif name == "newer":
        doc["version"] = 3
    elif name == "v1-with-minutes":
        item["minutes"] = 5
    elif name in ("minutes-zero", "minutes-bool", "minutes-text", "minutes-huge", "end-text-type"):
        doc["version"] = 2
        p["end_text"] = 5 if name == "end-text-type" else ""
        for it in p["items"]:
            it["minutes"] = {"minutes-zero": 0, "minutes-bool": True, "minutes-text": "10", "minutes-huge": 601}.get(
                name
            )
    elif name == "bool-version":
        doc["version"] = True
    elif name == "unknown-top":
        doc["extra"] = 1
    elif name == "no-list":
        doc["playlists"] = {"a": 1}
    elif name == "unknown-field":
        p["owner"] = "x"
    elif name == "missing-field":
        del p["notes"]
    elif name == "bad-id":
        p["id"] = "../../etc/passwd"
    elif name == "upper-uuid":
        p["id"] = p["id"].upper()
    elif name == "dup-id":
        item["id"] = p["id"]
    elif name == "title-type":
        p["title"] = ["x"]
    elif name == "title-newline":
        p["title"] = "a\nb"
    elif name == "title-long":
        p["title"] = "长" * 5000
    elif name == "control":
        p["notes"] = "bell\x07"
    elif name == "huge-notes":
        p["notes"] = "字" * 400_000
    elif name == "too-many":
        p["items"] = [dict(item, id=new_id()) for _ in range(pl.MAX_ITEMS + 1)]
    elif name == "bad-sections":
        item["sections"] = ["s1", "<script>"]
    elif name == "sections-type":
        item["sections"] = "s1"
    elif name == "case-id-space":
        item["case_id"] = "stid a 01"
    elif name == "unknown-case":
        item["case_id"] = "nope-1"
    elif name == "bad-time":
        p["created"] = "2024-13-45T99:00:00.000Z"
    elif name == "item-not-object":
        p["items"] = ["stid-a-01"]
    elif name == "number-as-text":
        item["notes"] = 5
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


HOSTILE = [
    "not-json", "truncated", "empty", "not-utf8", "nan", "duplicate-key", "deep", "list", "wrong-format", "newer",
    "bool-version", "unknown-top", "no-list", "unknown-field", "missing-field", "bad-id", "upper-uuid", "dup-id",
    "title-type", "title-newline", "title-long", "control", "huge-notes", "too-many", "bad-sections", "sections-type",
    "case-id-space", "unknown-case", "bad-time", "item-not-object", "number-as-text", "v1-with-minutes",
    "minutes-zero", "minutes-bool", "minutes-text", "minutes-huge", "end-text-type",
]  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_rejected_and_nothing_changed(db, tmp_path, name):
    mine = pl.create_playlist(db, "我的", case_ids=CASES[:2])
    before = pl.list_playlists(db)
    path = tmp_path / "bad.json"
    path.write_bytes(hostile(name))
    with pytest.raises(PlaylistFileError) as err:
        pl.import_playlists(db, path, known_case_ids=CASES)
    assert isinstance(err.value, ExchangeError) and err.value.code.startswith(("import-", "playlist-"))
    assert str(err.value).endswith(str(path)), "the message names the file"
    assert pl.list_playlists(db) == before and pl.playlist(db, mine.id) == mine


def test_good_document_imports(db, tmp_path):
    path = tmp_path / "good.json"
    path.write_bytes(hostile("nothing"))
    result = pl.import_playlists(db, path, known_case_ids=CASES)
    assert len(result.added) == 1
    unknown = tmp_path / "unknown.json"
    unknown.write_bytes(hostile("unknown-case"))
    assert len(pl.import_playlists(db, unknown, known_case_ids=CASES, allow_unknown_cases=True).added) == 1


def test_a_failure_midway_changes_nothing(db, monkeypatch):
    p = pl.create_playlist(db, "原子", case_ids=CASES)
    calls = {"n": 0}
    real = pl._execute

    def flaky(db_, sql, params=None):
        calls["n"] += 1
        if calls["n"] == 3:
            raise PlaylistError("playlist-invalid", "simulated failure")
        return real(db_, sql, params)

    monkeypatch.setattr(pl, "_execute", flaky)
    with pytest.raises(PlaylistError):
        pl.reorder_items(db, p.id, [i.id for i in reversed(p.items)])
    monkeypatch.undo()
    assert pl.playlist(db, p.id) == p


def test_files_are_written_atomically(db, tmp_path, monkeypatch):
    pl.create_playlist(db, "甲")
    path = tmp_path / "p.json"
    path.write_text("old", "utf-8")
    import os

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(Exception) as err:
        pl.export_playlists(db, path)
    assert getattr(err.value, "code", "") == "disk-full"
    monkeypatch.undo()
    assert path.read_text("utf-8") == "old" and sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_case_ids_are_checked_against_a_casebook(db, tmp_path, casebook):
    path = tmp_path / "p.json"
    path.write_bytes(hostile("nothing"))
    assert len(pl.import_playlists(db, path, casebook=casebook).added) == 1
    path.write_bytes(hostile("unknown-case"))
    with pytest.raises(PlaylistFileError) as err:
        pl.import_playlists(db, path, casebook=casebook)
    assert err.value.code == "import-unknown-case"


def test_path_type(tmp_path, db):
    assert pl.export_playlists(db, Path(tmp_path / "none.json")) == 0


def test_version_1_and_2_files_import(db, tmp_path):
    v1 = tmp_path / "v1.json"
    v1.write_text(json.dumps(good_document(), ensure_ascii=False), "utf-8")
    (p,) = pl.read_playlist_file(v1)
    assert p.end_text == "" and p.items[0].minutes is None
    doc = good_document()
    doc["version"] = 2
    doc["playlists"][0]["end_text"] = "再见"
    doc["playlists"][0]["items"][0]["minutes"] = 12
    v2 = tmp_path / "v2.json"
    v2.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    pl.import_playlists(db, v2, known_case_ids=CASES)
    (stored,) = pl.list_playlists(db)
    assert stored.end_text == "再见" and stored.items[0].minutes == 12


def test_minutes_and_end_text_survive_a_restart_and_are_checked(db):
    p = pl.create_playlist(db, "半天工作坊", case_ids=CASES[:2])
    p = pl.set_item_minutes(db, p.id, p.items[1].id, 40)
    p = pl.set_end_text(db, p.id, "谢谢大家")
    for bad in (0, -5, 601, 2.5, True, "10"):
        with pytest.raises(PlaylistError):
            pl.set_item_minutes(db, p.id, p.items[0].id, bad)  # type: ignore[arg-type]
    path = db.path
    db.close()
    again = UserDB.open(path, backups_dir=path.parent / "backups")
    try:
        q = pl.playlist(again, p.id)
        assert [i.minutes for i in q.items] == [None, 40] and q.end_text == "谢谢大家"
        q = pl.set_item_minutes(again, p.id, p.items[1].id, None)
        assert q.items[1].minutes is None
    finally:
        again.close()


def test_a_version_1_database_keeps_its_playlists_on_upgrade(tmp_path):
    """Schema step 2 adds the planned minutes and end slide text to the playlists of an older database."""
    import sqlite3

    from reader.storage import userdb

    path = tmp_path / "user.db"
    conn = sqlite3.connect(path, isolation_level=None)
    userdb.upgrade_to_1(conn)
    conn.execute("PRAGMA user_version = 1")
    stamp = "2024-05-01T08:00:00.000Z"
    pid, iid = new_id(), new_id()
    conn.execute("INSERT INTO playlists VALUES (?, '旧的', '备注', ?, ?)", (pid, stamp, stamp))
    conn.execute("INSERT INTO playlist_items VALUES (?, ?, 0, 'stid-a-01', NULL, '讲十分钟')", (iid, pid))
    conn.close()
    with UserDB.open(path, backups_dir=tmp_path / "backups") as db:
        assert db.schema_version == 2
        (p,) = pl.list_playlists(db)
        assert (p.title, p.notes, p.end_text) == ("旧的", "备注", "")
        assert (p.items[0].notes, p.items[0].minutes) == ("讲十分钟", None)
        assert pl.set_item_minutes(db, pid, iid, 10).items[0].minutes == 10
