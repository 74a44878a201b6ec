"""Playlists undo like annotations: every change made in the real panel of the real window is undone with
Ctrl+Z and redone with Ctrl+Shift+Z through the window's one undo stack, checked in the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.domain.annotation import new_case_note
from reader.storage import playlists as pl
from reader.storage.userdb import UserDB
from tests.ui.uikit import type_chinese

CASES = ["stid-a-01", "stid-a-02", "stid-b-01"]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(make_window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    w = make_window()
    w.warnings = warnings
    pl.create_playlist(w.annotation_store.db, "工作坊", notes="原来的说明", case_ids=CASES)
    w.right.setCurrentWidget(w.playlists)
    w.playlists.refresh()
    return w


def on_disk(window) -> list[pl.Playlist]:
    """The playlists as a second connection reads them from the file (what another process would see)."""
    db = window.annotation_store.db
    with UserDB.open(db.path, backups_dir=db.backups_dir) as other:
        return pl.list_playlists(other)


def keys(window, qtbot, *modifiers) -> None:
    window.playlists.items_view.setFocus()  # not a text box: its own Ctrl+Z would undo typing
    mods = Qt.KeyboardModifier.NoModifier
    for m in modifiers:
        mods |= m
    qtbot.keyClick(window, Qt.Key.Key_Z, mods)


def _create(w, qtbot):
    w.playlists.new_button.click()
    w.playlists.view.closePersistentEditor(w.playlists.view.currentIndex())


def _rename(w, qtbot):
    panel = w.playlists
    assert panel.model.setData(panel.model.index(0, 0), "工作坊（上午）", Qt.ItemDataRole.EditRole)


def _delete(w, qtbot):
    w.playlists.delete_button.click()


def _add(w, qtbot):
    assert w.playlists.add_cases(w.playlists.current_playlist_id(), ["stid-c-06"], row=1)


def _remove(w, qtbot):
    panel = w.playlists
    panel.select_items([panel.items.item(1).id])
    panel.remove_button.click()


def _reorder(w, qtbot):
    panel = w.playlists
    panel.select_items([panel.items.item(2).id])
    panel.up_button.click()


def _item_notes(w, qtbot):
    panel = w.playlists
    panel.select_items([panel.items.item(1).id])
    type_chinese(panel.item_notes, "讨论十分钟")
    panel.select_items([panel.items.item(0).id])  # switching case saves at once


def _playlist_notes(w, qtbot):
    panel = w.playlists
    panel.notes.clear()
    type_chinese(panel.notes, "新的说明")
    qtbot.waitUntil(lambda: on_disk(w)[0].notes == "新的说明", timeout=3000)  # after the pause in typing


def _sections(w, qtbot):
    panel = w.playlists
    assert panel.set_sections(panel.items.item(0).id, ["s1"])


def _minutes(w, qtbot):
    w.playlists.plan.minutes.setValue(12)
    w.playlists.plan.flush()


def _end_text(w, qtbot):
    type_chinese(w.playlists.plan.end_text, "谢谢大家")
    w.playlists.plan.end_text.editingFinished.emit()


EDITS = {
    "create": _create,
    "rename": _rename,
    "delete": _delete,
    "add": _add,
    "remove": _remove,
    "reorder": _reorder,
    "item notes": _item_notes,
    "playlist notes": _playlist_notes,
    "sections": _sections,
    "minutes": _minutes,
    "end slide": _end_text,
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_every_playlist_change_is_undone_and_redone_with_the_keys(window, qtbot, edit):
    before = on_disk(window)
    EDITS[edit](window, qtbot)
    after = on_disk(window)
    assert after != before, "the change was stored"
    keys(window, qtbot, CTRL)
    assert on_disk(window) == before, "Ctrl+Z put back exactly what was there"
    shown = [window.playlists.model.playlist(r) for r in range(window.playlists.model.rowCount())]
    assert shown == before, "the panel shows it"
    keys(window, qtbot, CTRL, SHIFT)
    assert on_disk(window) == after, "Ctrl+Shift+Z did it again"
    assert window.warnings == []


def test_one_stack_for_annotations_and_playlists(window, qtbot):
    """Ctrl+Z undoes the last change, whichever kind of user data it was, newest first."""
    before = on_disk(window)
    _rename(window, qtbot)
    assert window.annotation_store.add(new_case_note("stid-a-01", note="案例笔记"))
    keys(window, qtbot, CTRL)
    assert window.annotation_store.for_case("stid-a-01") == [] and on_disk(window)[0].title == "工作坊（上午）"
    keys(window, qtbot, CTRL)
    assert on_disk(window) == before
    assert window.menus.act_undo.isEnabled() is False or window.annotation_store.undo_stack.index() == 0


def test_typing_not_yet_saved_is_saved_before_undo(window, qtbot):
    """Typing, then Ctrl+Z in the list at once: leaving the box saved the notes (so they are what is undone)."""
    panel = window.playlists
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    type_chinese(panel.item_notes, "刚打的字")
    assert panel._notes_timer.isActive(), "not saved yet: the pause in typing has not passed"
    keys(window, qtbot, CTRL)
    assert on_disk(window)[0].items[0].notes == "", "the typing was saved, then undone"
    keys(window, qtbot, CTRL, SHIFT)
    assert on_disk(window)[0].items[0].notes == "刚打的字"


def test_undo_does_not_revert_another_windows_later_change(window, qtbot):
    """Undo is a write too: after another window changed the playlist, undoing our rename is refused and
    says so; the other change stays."""
    _rename(window, qtbot)
    db = window.annotation_store.db
    with UserDB.open(db.path, backups_dir=db.backups_dir) as other:
        pl.rename_playlist(other, on_disk(window)[0].id, "另一个窗口改的")
    keys(window, qtbot, CTRL)
    assert on_disk(window)[0].title == "另一个窗口改的"
    assert len(window.warnings) == 1 and "another window or program" in window.warnings[0]
