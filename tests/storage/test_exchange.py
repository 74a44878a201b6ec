"""Export to JSON and Markdown, and import: lossless round trip, conflicts, hostile files."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from reader.domain.annotation import (
    Annotation,
    TextPositionSelector,
    TextQuoteSelector,
    new_bookmark,
    new_case_note,
    new_highlight,
    new_id,
    to_dict,
)
from reader.domain.text import plain_text
from reader.storage import exchange, files
from reader.storage.db import DiskFullError
from reader.storage.exchange import (
    CONFLICT_TAG,
    ExchangeError,
    export_json,
    export_markdown,
    import_file,
    read_import_file,
)
from reader.storage.userdb import UserDB


@pytest.fixture
def db(open_userdb):
    return open_userdb("a")


@pytest.fixture
def other(open_userdb):
    return open_userdb("b")


def sample(db: UserDB, casebook) -> list[Annotation]:
    case1 = casebook.case("stid-a-01")
    case2 = casebook.case("sop-a-3e8e4363")
    t1, t2 = plain_text(case1), plain_text(case2)
    start = t1.index("国际知识产权服务大厅")
    items = [
        new_highlight(
            case1, start, start + 10, color=2, note="**要点**\n- 一\n- 二\t缩进", tags=["重点", "大厅"], text=t1
        ),
        new_highlight(case1, 5, 12, color=0, text=t1).replace(orphaned=True),
        new_case_note(case1.id, "整个案例的笔记 <b>粗</b>", tags=["待读"]),
        new_bookmark(case2, 30, text=t2),
        new_highlight(case2, 100, 140, color=4, note="", text=t2),
    ]
    for a in items:
        db.add(a)
    return items


def content(db: UserDB) -> list[str]:
    """Everything in the database file, as SQL (read through a second connection)."""
    conn = sqlite3.connect(db.path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def write_doc(path: Path, annotations: Any, **top: Any) -> Path:
    doc = {"format": "casebook-annotations", "version": 1, "exported": "2024-05-01T00:00:00.000Z", **top}
    doc.setdefault("annotations", annotations)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def valid_item(**changes) -> dict:
    d = {
        "id": new_id(),
        "case_id": "stid-a-01",
        "kind": "highlight",
        "color": 1,
        "note": "笔记",
        "tags": ["a"],
        "quote": {"exact": "知识产权", "prefix": "前", "suffix": "后"},
        "position": {"start": 3, "end": 7},
        "created": "2024-05-01T08:00:00.000Z",
        "modified": "2024-05-01T08:00:00.000Z",
        "orphaned": False,
    }
    d.update(changes)
    return d


# ---------------------------------------------------------------------------------------------
# Export


def test_json_export_has_every_field(db, casebook, tmp_path):
    items = sample(db, casebook)
    out = tmp_path / "out.json"
    assert export_json(db, out) == len(items)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "casebook-annotations" and doc["version"] == 1 and doc["count"] == len(items)
    assert isinstance(doc["exported"], str) and doc["exported"].endswith("Z")
    by_id = {d["id"]: d for d in doc["annotations"]}
    for a in items:
        assert by_id[a.id] == to_dict(a)
    assert set(doc["annotations"][0]) == set(exchange.to_dict(items[0]))


def test_export_selection(db, casebook, tmp_path):
    items = sample(db, casebook)
    out = tmp_path / "some.json"
    assert export_json(db, out, case_ids=["sop-a-3e8e4363"]) == 2
    assert {d["case_id"] for d in json.loads(out.read_text())["annotations"]} == {"sop-a-3e8e4363"}
    assert export_json(db, out, ids=[items[0].id]) == 1


def test_round_trip_is_lossless(db, other, casebook, tmp_path):
    items = sample(db, casebook)
    out = tmp_path / "all.json"
    export_json(db, out)
    summary = import_file(other, out, casebook=casebook)
    assert sorted(summary.added) == sorted(a.id for a in items) and not summary.conflicts
    assert other.list() == db.list()
    # Importing again changes nothing.
    again = import_file(other, out, casebook=casebook)
    assert not again.added and sorted(again.skipped) == sorted(a.id for a in items)
    assert other.list() == db.list()


def test_markdown_export(db, casebook, tmp_path):
    items = sample(db, casebook)
    db.add(new_case_note("gone-case-1", "<script>alert(1)</script> 旧笔记"))
    out = tmp_path / "notes.md"
    assert export_markdown(db, out, casebook) == len(items) + 1
    md = out.read_text(encoding="utf-8")
    batch_a = casebook.batches()[0].title
    case1 = casebook.summary("stid-a-01").display_title
    case2 = casebook.summary("sop-a-3e8e4363").display_title
    assert f"## {batch_a}" in md and f"### {case1}" in md and f"### {case2}" in md
    assert md.index(case1) < md.index(case2)  # casebook order
    assert "> 国际知识产权服务大厅" in md
    assert "**要点**\n- 一" in md and "`重点`、`大厅`" in md
    assert "高亮（蓝色）" in md and "案例笔记" in md and "书签" in md
    assert "原文已变动" in md  # the orphan says so
    assert "不在当前案例库中的案例" in md and "### gone-case-1" in md
    assert "<script>" not in md and "&lt;script>" in md and "&lt;b>粗&lt;/b>" in md


def test_failed_write_leaves_nothing_behind(db, casebook, tmp_path, monkeypatch):
    sample(db, casebook)
    folder = tmp_path / "exports"
    folder.mkdir()
    existing = folder / "notes.json"
    existing.write_text("old content")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(DiskFullError):
        export_json(db, existing)
    with pytest.raises(DiskFullError):
        export_markdown(db, folder / "new.md", casebook)
    monkeypatch.undo()
    assert sorted(p.name for p in folder.iterdir()) == ["notes.json"]
    assert existing.read_text() == "old content"


# ---------------------------------------------------------------------------------------------
# Merging


def test_conflict_imported_version_newer(db, other, casebook, tmp_path):
    a = new_case_note("stid-a-01", "原来的笔记", tags=["x"])
    db.add(a)
    theirs = a.replace(note="另一台电脑上改过", modified="2999-01-01T00:00:00.000Z")
    other.add(theirs)
    out = tmp_path / "theirs.json"
    export_json(other, out)

    summary = import_file(db, out, casebook=casebook)
    assert len(summary.conflicts) == 1
    conflict = summary.conflicts[0]
    assert conflict.id == a.id and conflict.kept == "imported"
    assert db.get(a.id) == theirs
    copy = db.get(conflict.copy_id)
    assert copy.note == "原来的笔记" and copy.tags == ("x", CONFLICT_TAG) and copy.modified == a.modified
    assert db.count() == 2
    again = import_file(db, out, casebook=casebook)
    assert not again.conflicts and db.count() == 2


def test_conflict_local_version_newer(db, other, casebook, tmp_path):
    a = new_case_note("stid-a-01", "旧版本", tags=["x"])
    other.add(a)
    mine = a.replace(note="我刚改过", modified="2999-01-01T00:00:00.000Z")
    db.add(mine)
    out = tmp_path / "theirs.json"
    export_json(other, out)

    summary = import_file(db, out, casebook=casebook)
    assert [c.kept for c in summary.conflicts] == ["local"]
    assert db.get(a.id) == mine
    copy = db.get(summary.conflicts[0].copy_id)
    assert copy.note == "旧版本" and CONFLICT_TAG in copy.tags
    again = import_file(db, out, casebook=casebook)  # no second copy
    assert not again.conflicts and again.skipped == [a.id] and db.count() == 2


def test_same_content_with_other_anchoring_is_skipped(db, casebook, tmp_path):
    """The other side re-anchored the highlight (``modified`` unchanged): not a conflict, local kept."""
    items = sample(db, casebook)
    h = items[0]
    moved = h.replace(
        quote=TextQuoteSelector("国际知识产权服务", "旧", "文"), position=TextPositionSelector(0, 8), orphaned=True
    )
    path = write_doc(tmp_path / "f.json", [to_dict(moved)])
    summary = import_file(db, path, casebook=casebook)
    assert summary.skipped == [h.id] and not summary.conflicts and db.get(h.id) == h


def test_newer_highlight_range_replaces_the_local_one(db, casebook, tmp_path):
    items = sample(db, casebook)
    h = items[0]
    wider = h.replace(
        quote=TextQuoteSelector("国际知识产权服务大厅，打通", "", ""),
        position=TextPositionSelector(0, 13),
        modified="2999-01-01T00:00:00.000Z",
    )
    summary = import_file(db, write_doc(tmp_path / "f.json", [to_dict(wider)]), casebook=casebook)
    assert summary.updated == [h.id] and not summary.conflicts and db.get(h.id) == wider
    assert db.count() == len(items)


def test_dry_run_changes_nothing(db, other, casebook, tmp_path):
    sample(db, casebook)
    out = tmp_path / "all.json"
    export_json(db, out)
    before = content(other)
    summary = import_file(other, out, casebook=casebook, dry_run=True)
    assert summary.dry_run and len(summary.added) == 5 and summary.backup is None
    assert content(other) == before and other.backups() == []


def test_import_backs_up_first(db, other, casebook, tmp_path):
    sample(db, casebook)
    out = tmp_path / "all.json"
    export_json(db, out)
    other.add(new_case_note("stid-a-01", "导入前已有"))
    summary = import_file(other, out, casebook=casebook)
    assert summary.backup is not None and summary.backup.exists()
    with UserDB.open(summary.backup, backups_dir=tmp_path / "x") as copy:
        assert copy.count() == 1


def test_script_in_a_note_is_stored_verbatim(db, casebook, tmp_path):
    note = '<script>alert("x")</script><img src=x onerror=alert(1)> & &amp; <!-- -->'
    item = valid_item(note=note)
    summary = import_file(db, write_doc(tmp_path / "f.json", [item]), casebook=casebook)
    assert summary.added == [item["id"]]
    assert db.get(item["id"]).note == note


def test_bom_is_accepted(db, casebook, tmp_path):
    path = tmp_path / "bom.json"
    doc = {"format": "casebook-annotations", "version": 1, "annotations": [valid_item()]}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc).encode())
    assert len(import_file(db, path, casebook=casebook).added) == 1


def test_lenient_import_skips_only_bad_annotations(db, casebook, tmp_path):
    good = valid_item()
    path = write_doc(tmp_path / "f.json", [good, valid_item(color="red"), valid_item(case_id="nope")])
    summary = import_file(db, path, casebook=casebook, strict=False)
    assert summary.added == [good["id"]]
    assert [(p.index, p.code) for p in summary.rejected] == [(1, "import-invalid-field"), (2, "import-unknown-case")]


def test_unknown_cases_can_be_imported_as_orphans(db, casebook, tmp_path):
    item = valid_item(case_id="old-batch-07")
    summary = import_file(db, write_doc(tmp_path / "f.json", [item]), casebook=casebook, allow_unknown_cases=True)
    assert summary.unknown_cases == ["old-batch-07"] and db.get(item["id"]).orphaned


# ---------------------------------------------------------------------------------------------
# Hostile files: each rejected with its code, the database unchanged


def _big_note(path: Path) -> None:
    write_doc(path, [valid_item(note="长" * (10 * 1024 * 1024 // 3 + 10))])


def _huge_file(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"format": "casebook-annotations", "version": 1, "annotations": [')
        item = json.dumps(valid_item(note="x" * 1000))
        for i in range(60 * 1024):
            f.write(("," if i else "") + item)
        f.write("]}")


def _truncated(path: Path) -> None:
    write_doc(path, [valid_item(), valid_item()])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


HOSTILE = {
    "not-json": (lambda p: p.write_text("this is not JSON at all"), "import-not-json"),
    "binary": (lambda p: p.write_bytes(b"\x00\xff\xfe garbage \x80"), "import-not-utf8"),
    "empty": (lambda p: p.write_bytes(b""), "import-not-json"),
    "truncated": (_truncated, "import-truncated"),
    "top-level-list": (lambda p: p.write_text(json.dumps([valid_item()])), "import-not-object"),
    "top-level-string": (lambda p: p.write_text('"casebook-annotations"'), "import-not-object"),
    "wrong-format": (lambda p: write_doc(p, [], format="hypothesis-export"), "import-wrong-format"),
    "no-format": (lambda p: p.write_text(json.dumps({"version": 1, "annotations": []})), "import-wrong-format"),
    "version-99": (lambda p: write_doc(p, [valid_item()], version=99), "import-version-too-new"),
    "version-string": (lambda p: write_doc(p, [], version="1"), "import-version-invalid"),
    "annotations-not-list": (lambda p: write_doc(p, {"a": 1}), "import-invalid-field"),
    "unknown-top-level-key": (lambda p: write_doc(p, [], extra=1), "import-invalid-field"),
    "color-string": (lambda p: write_doc(p, [valid_item(color="red")]), "import-invalid-field"),
    "color-bool": (lambda p: write_doc(p, [valid_item(color=True)]), "import-invalid-field"),
    "color-out-of-range": (lambda p: write_doc(p, [valid_item(color=7)]), "import-invalid-field"),
    "color-on-note": (lambda p: write_doc(p, [valid_item(kind="case_note", quote=None)]), "import-invalid-field"),
    "tags-string": (lambda p: write_doc(p, [valid_item(tags="a,b")]), "import-invalid-field"),
    "tag-too-long": (lambda p: write_doc(p, [valid_item(tags=["长" * 101])]), "import-field-too-large"),
    "tag-newline": (lambda p: write_doc(p, [valid_item(tags=["a\nb"])]), "import-control-char"),
    "position-string": (
        lambda p: write_doc(p, [valid_item(position={"start": "3", "end": 7})]),
        "import-invalid-field",
    ),
    "position-negative": (
        lambda p: write_doc(p, [valid_item(position={"start": -1, "end": 7})]),
        "import-invalid-field",
    ),
    "quote-missing-exact": (
        lambda p: write_doc(p, [valid_item(quote={"prefix": "", "suffix": ""})]),
        "import-invalid-field",
    ),
    "orphaned-string": (lambda p: write_doc(p, [valid_item(orphaned="no")]), "import-invalid-field"),
    "bad-uuid": (lambda p: write_doc(p, [valid_item(id="1234")]), "import-invalid-field"),
    "uppercase-uuid": (lambda p: write_doc(p, [valid_item(id=new_id().upper())]), "import-invalid-field"),
    "bad-date": (lambda p: write_doc(p, [valid_item(created="yesterday")]), "import-invalid-field"),
    "impossible-date": (
        lambda p: write_doc(p, [valid_item(modified="2023-02-30T00:00:00.000Z")]),
        "import-invalid-field",
    ),
    "missing-field": (
        lambda p: write_doc(p, [{k: v for k, v in valid_item().items() if k != "note"}]),
        "import-invalid-field",
    ),
    "unknown-field": (lambda p: write_doc(p, [valid_item(html="<b>")]), "import-invalid-field"),
    "item-not-object": (lambda p: write_doc(p, [valid_item(), "x"]), "import-invalid-field"),
    "control-char": (lambda p: write_doc(p, [valid_item(note="bell\x07")]), "import-control-char"),
    "lone-surrogate": (
        lambda p: p.write_text(
            json.dumps({"format": "casebook-annotations", "version": 1, "annotations": [valid_item(note="\ud800")]})
        ),
        "import-invalid-field",
    ),
    "note-10mb": (_big_note, "import-note-too-large"),
    "file-60mb": (_huge_file, "import-too-large"),
    "unknown-case": (lambda p: write_doc(p, [valid_item(), valid_item(case_id="no-such-case")]), "import-unknown-case"),
    "duplicate-id": (
        lambda p: write_doc(p, [valid_item(id="9b2f7a1e-4c1d-4e8b-9a57-0f0e4d3c2b1a")] * 2),
        "import-duplicate-id",
    ),
    "nan": (
        lambda p: p.write_text('{"format": "casebook-annotations", "version": NaN, "annotations": []}'),
        "import-not-json",
    ),
    "duplicate-key": (
        lambda p: p.write_text('{"format": "casebook-annotations", "format": "x", "version": 1, "annotations": []}'),
        "import-not-json",
    ),
    "deep-nesting": (lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "import-not-json"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_rejected_and_changes_nothing(name, db, casebook, tmp_path):
    sample(db, casebook)
    make, code = HOSTILE[name]
    path = tmp_path / f"{name}.json"
    make(path)
    before = content(db)
    with pytest.raises(ExchangeError) as err:
        import_file(db, path, casebook=casebook)
    assert err.value.code == code, str(err.value)
    message = str(err.value)
    assert "\n" not in message and len(message) < 400
    assert content(db) == before
    assert db.backups() == []  # checked before anything was written, even a backup


def test_all_problems_are_listed(tmp_path):
    path = write_doc(tmp_path / "f.json", [valid_item(color="red"), valid_item(), valid_item(id="x", note="\x01")])
    with pytest.raises(ExchangeError) as err:
        read_import_file(path)
    assert [p.index for p in err.value.problems] == [0, 2]
    assert "and 1 more problem" in str(err.value) and str(err.value).startswith("annotation 1")


def test_without_a_casebook_case_ids_are_not_checked(db, tmp_path):
    item = valid_item(case_id="anything-1")
    assert import_file(db, write_doc(tmp_path / "f.json", [item])).added == [item["id"]]


def test_quote_and_position_survive_exactly(db, other, tmp_path):
    a = Annotation(
        id=new_id(),
        case_id="stid-a-01",
        kind="highlight",
        color=3,
        note="",
        tags=(),
        quote=TextQuoteSelector("跨\n行", "", "\t"),
        position=TextPositionSelector(0, 3),
        created="2020-01-01T00:00:00.000Z",
        modified="2020-01-01T00:00:00.001Z",
        orphaned=False,
    )
    db.add(a)
    out = tmp_path / "x.json"
    export_json(db, out)
    import_file(other, out)
    assert other.get(a.id) == a
    assert not any(n.startswith(".") for n in os.listdir(tmp_path))


def test_markdown_export_keeps_notes_inert(db, casebook, tmp_path):
    """The annotations' Markdown export applies the one rule: no image, no link, whatever the scheme."""
    import markdown as markdown_lib

    from reader.domain.annotation import new_case_note

    note = "![](http://tracker.example/p.png) ![密码](file:///etc/passwd) [点我](javascript:alert(1)) [d](data:x)"
    db.add(new_case_note("stid-a-01").replace(note=note))
    path = tmp_path / "notes.md"
    export_markdown(db, path, casebook)
    html = markdown_lib.markdown(path.read_text(encoding="utf-8"))
    assert "<img" not in html and "<a " not in html
    assert "[密码]" in html and "点我" in html
