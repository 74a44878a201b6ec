"""Two windows on one user database (two instances, or the command line while the GUI runs): a write based
on a stale copy is merged or kept as a copy, never silently wins; the other window refreshes by itself."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from reader.domain.text import plain_text
from reader.storage.exchange import CONFLICT_TAG


def highlight_in(window):
    view = window.current_tab().view
    start = plain_text(view.case).index("外国专利代理机构")
    window.annotate.highlight(window.current_tab(), start, start + 8, 0, with_note=True)
    (a,) = window.annotation_store.for_case("stid-a-01")
    return a


def test_a_colour_change_in_window_b_does_not_revert_window_a_s_note(make_window, qtbot, monkeypatch):
    """The issue's row: A saves a note; B (still showing the old copy) changes colour and tags. A's note stays."""
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    a_win, b_win = make_window(), make_window()
    for w in (a_win, b_win):
        w.open_case("stid-a-01")
    a = highlight_in(a_win)
    b_win.annotation_store.changed.emit("")  # B shows it (B's own poll would do the same within a second)
    b_win.annotate.show_annotation(a.id)
    b_editor = b_win.annotations.editor
    assert b_editor.annotation is not None and b_editor.annotation.note == ""
    b_win.annotation_store._watch.stop()  # B does not look again before its edit: its copy is stale
    a_editor = a_win.annotations.editor
    a_editor.note.setPlainText("A 的笔记")
    a_editor.flush()
    b_editor._set_colour(3)
    b_editor.tags.setText("来自B")
    b_editor.flush()
    stored = a_win.annotation_store.get(a.id)
    assert (stored.note, stored.color, stored.tags) == ("A 的笔记", 3, ("来自B",)), "merged, nothing reverted"
    assert warnings == []


def test_the_same_note_edited_in_two_windows_keeps_both(make_window, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    a_win, b_win = make_window(), make_window()
    for w in (a_win, b_win):
        w.open_case("stid-a-01")
    a = highlight_in(a_win)
    b_win.annotation_store.changed.emit("")
    b_win.annotate.show_annotation(a.id)
    b_win.annotation_store._watch.stop()
    a_win.annotations.editor.note.setPlainText("A 写的")
    a_win.annotations.editor.flush()
    b_win.annotations.editor.note.setPlainText("B 写的")
    b_win.annotations.editor.flush()
    notes = sorted((x.note, x.tags) for x in a_win.annotation_store.for_case("stid-a-01"))
    assert notes == [("A 写的", ()), ("B 写的", (CONFLICT_TAG,))], "neither edit is lost"
    assert len(warnings) == 1 and CONFLICT_TAG in warnings[0]


def test_the_other_window_refreshes_when_the_database_changed(make_window, qtbot):
    a_win, b_win = make_window(), make_window()
    for w in (a_win, b_win):
        w.open_case("stid-a-01")
    assert b_win.annotation_store.for_case("stid-a-01") == []
    a = highlight_in(a_win)
    with qtbot.waitSignal(b_win.annotation_store.changed, timeout=3000):
        pass  # B's poll of PRAGMA data_version notices A's commit
    assert [x.id for x in b_win.current_tab().view._annotations] == [a.id]  # its reader repainted the highlight
