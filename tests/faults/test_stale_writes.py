"""Two processes write the same playlist, tags and bookmarks: a write made on a stale copy is merged or
refused, never silently wins. Real second processes (``tests.faults.stale_worker``, ``python -c``) write
through the same stores as the app; the window under test is the real one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from reader.domain.annotation import new_bookmark, new_case_note
from reader.storage import playlists as pl
from reader.storage.exchange import CONFLICT_TAG
from reader.storage.userdb import UserDB

ROOT = Path(__file__).resolve().parents[2]
CASES = ["stid-a-01", "stid-a-02", "stid-b-01"]


def env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


def other_process(db_path: Path, code: str) -> None:
    """Run ``code`` in a second Python process with ``db`` (a :class:`UserDB` on the same file) and ``pl``."""
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from reader.storage import playlists as pl
        from reader.storage.userdb import UserDB
        path = Path(sys.argv[1])
        with UserDB.open(path, backups_dir=path.parent / "backups") as db:
        """
    ) + textwrap.indent(textwrap.dedent(code), "    ")
    proc = subprocess.run(
        [sys.executable, "-c", script, str(db_path)], cwd=ROOT, env=env(), capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr


def race(db_path: Path, rounds: int, pid: str, aid: str) -> list[dict]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.faults.stale_worker", str(db_path), name, str(rounds), pid, aid],
            cwd=ROOT,
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def test_two_processes_racing_on_one_playlist_and_one_annotation_lose_nothing(tmp_path):
    path = tmp_path / "data" / "user.db"
    with UserDB.open(path, backups_dir=path.parent / "backups") as db:
        p = pl.create_playlist(db, "工作坊", case_ids=CASES)
        a = db.add(new_case_note("stid-a-01", note="共同的笔记"))
    rounds = 25
    results = race(path, rounds, p.id, a.id)
    with UserDB.open(path, backups_dir=path.parent / "backups") as db:
        final = pl.playlist(db, p.id)
        tags = set(db.get(a.id).tags)
    written = [v for r in results for v in r["notes"]]
    seen = "\n".join(r for res in results for r in res["replaced"])
    assert len(written) == 2 * rounds and all(r["failed"] == 0 for r in results)
    lost = [v for v in written if v not in final.notes and v not in seen]
    assert lost == [], "every note written is in the final text, or was seen by a later write that replaced it"
    assert {v for r in results for v in r["tags"]} <= tags, "every tag added by either process is there"
    assert sum(r["stale_playlist"] for r in results) > 0, "the processes did write on stale copies"


def test_a_window_s_stale_notes_keep_both_texts(make_window, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    w = make_window()
    db = w.annotation_store.db
    p = pl.create_playlist(db, "工作坊", notes="旧说明", case_ids=CASES)
    w.right.setCurrentWidget(w.playlists)
    w.playlists.refresh()
    w.playlist_store._watch.stop()  # the window does not look again: its copy goes stale
    other_process(db.path, f"pl.set_playlist_notes(db, {p.id!r}, '另一个进程写的')")
    w.playlists.notes.setPlainText("本窗口写的")
    w.playlists.flush_notes()
    notes = pl.playlist(db, p.id).notes
    assert notes.startswith("另一个进程写的") and notes.endswith("本窗口写的") and CONFLICT_TAG in notes
    assert len(warnings) == 1 and CONFLICT_TAG in warnings[0]


def test_a_window_s_stale_reorder_is_refused_and_a_different_field_is_merged(make_window, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    w = make_window()
    db = w.annotation_store.db
    p = pl.create_playlist(db, "工作坊", case_ids=CASES)
    panel = w.playlists
    w.right.setCurrentWidget(panel)
    panel.refresh()
    w.playlist_store._watch.stop()
    ids = [i.id for i in p.items]
    other_process(db.path, f"pl.reorder_items(db, {p.id!r}, {[ids[2], ids[0], ids[1]]!r})")
    panel.select_items([ids[1]])
    assert not panel.move_selected(-1), "moving on the old order is refused"
    assert [i.id for i in pl.playlist(db, p.id).items] == [ids[2], ids[0], ids[1]], "the other order stays"
    assert len(warnings) == 1 and "another window or program" in warnings[0]
    # the window looks again, then renames; the other process meanwhile wrote a case's notes: both kept
    panel.refresh()
    other_process(db.path, f"pl.set_item_notes(db, {p.id!r}, {ids[0]!r}, '别人的备注')")
    assert panel.rename(p.id, "新标题")
    stored = pl.playlist(db, p.id)
    assert stored.title == "新标题" and stored.item(ids[0]).notes == "别人的备注"


def test_deleting_a_bookmark_another_process_changed_is_refused(make_window, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    w = make_window()
    w.open_case("stid-a-01")
    store = w.annotation_store
    b = new_bookmark(w.current_tab().view.case, 0)
    assert store.add(b)
    store._watch.stop()
    w.annotate.show_annotation(b.id)
    editor = w.annotations.editor
    assert editor.annotation is not None and editor.annotation.id == b.id
    other_process(store.db.path, f"a = db.get({b.id!r}); db.update(a.replace(note='别人写的'))")
    editor._delete()
    assert store.get(b.id) is not None and store.get(b.id).note == "别人写的", "the other edit is kept"
    assert len(warnings) == 1 and "another window or program" in warnings[0]


def test_tags_added_in_two_processes_are_merged(make_window, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    w = make_window()
    w.open_case("stid-a-01")
    store = w.annotation_store
    a = new_case_note("stid-a-01", note="笔记", tags=("共同",))
    assert store.add(a)
    store._watch.stop()
    w.annotate.show_annotation(a.id)
    other_process(store.db.path, f"x = db.get({a.id!r}); db.update(x.replace(tags=('共同', '别人的')), base=x)")
    w.annotations.editor.tags.setText("共同 我的")
    w.annotations.editor.flush()
    assert set(store.get(a.id).tags) == {"共同", "别人的", "我的"}
    assert len(store.for_case("stid-a-01")) == 1 and warnings == [], "merged, no conflict copy"


@pytest.mark.parametrize("other_change", ["rename", "delete"])
def test_undo_in_a_window_never_reverts_another_process_s_change(make_window, qtbot, monkeypatch, other_change):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    w = make_window()
    db = w.annotation_store.db
    p = pl.create_playlist(db, "工作坊", case_ids=CASES)
    w.right.setCurrentWidget(w.playlists)
    w.playlists.refresh()
    assert w.playlists.rename(p.id, "我改的")
    code = (
        f"pl.rename_playlist(db, {p.id!r}, '别人改的')"
        if other_change == "rename"
        else f"pl.delete_playlist(db, {p.id!r})"
    )
    other_process(db.path, code)
    w.menus.act_undo.trigger()
    stored = pl.get_playlist(db, p.id)
    assert (stored.title if stored else None) == ("别人改的" if other_change == "rename" else None)
    assert len(warnings) == 1 and "another window or program" in warnings[0]
