"""The note boxes never trap the keyboard: Tab / Shift+Tab move on (no tab character is typed), Esc saves the note
and gives the keyboard back (to the reader's text for an annotation, to the list for a playlist's notes), and F6 /
Shift+F6 go round the window's areas. Keys only, on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.domain.annotation import CASE_NOTE
from reader.storage import playlists as pl
from tests.ui.test_playlists_panel import CASES, make_panel

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def focus():
    return QApplication.focusWidget()


def _note_from_the_keyboard(qtbot, w):
    """A sentence of the open case selected with caret browsing and highlighted with N: the note box has the keys."""
    w.activateWindow()
    view = w.current_tab().view
    view.setFocus()
    qtbot.waitUntil(lambda: focus() is view)
    QTest.keyClick(view, Qt.Key.Key_F7)
    QTest.keyClick(view, Qt.Key.Key_Home, CTRL)
    for _ in range(6):
        QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_S)
    assert view.selected_text().strip()
    QTest.keyClick(view, Qt.Key.Key_N)
    note = w.annotations.editor.note
    qtbot.waitUntil(lambda: focus() is note)
    return view, note


def test_tab_leaves_the_note_and_esc_saves_it_and_goes_back_to_the_text(qtbot, make_window):
    w = make_window()
    view, note = _note_from_the_keyboard(qtbot, w)
    highlight = next(a for a in w.annotation_store.for_case(view.case.id) if a.is_highlight)
    QTest.keyClick(note, Qt.Key.Key_Tab, SHIFT)
    assert focus() is not note and note.toPlainText() == ""  # no tab character typed
    QTest.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is note
    QTest.keyClick(note, Qt.Key.Key_Tab)
    assert focus() is not note and note.toPlainText() == ""
    note.setFocus()  # (the way back round depends on the whole window's tab order)
    QTest.keyClicks(note, "Back with Esc")
    QTest.keyClick(note, Qt.Key.Key_Escape)
    assert focus() is view  # the reader's text, at once
    # Saved at once (not after the typing pause).
    assert w.annotation_store.get(highlight.id).note == "Back with Esc"
    # The caret is where the highlight was made: typing on with the keyboard continues from there.
    (start, end), *_ = view.highlight_doc_spans(highlight)
    assert start <= view.textCursor().position() <= end + 1


def test_tab_in_an_empty_case_note_saves_no_blank_note(qtbot, make_window):
    w = make_window()
    w.activateWindow()
    case_id = w.current_tab().case_id
    QTest.keySequence(w, "Ctrl+Shift+N")
    note = w.annotations.editor.note
    qtbot.waitUntil(lambda: focus() is note)
    QTest.keyClick(note, Qt.Key.Key_Tab)
    assert focus() is not note
    w.flush_user_data()
    case_notes = [a for a in w.annotation_store.for_case(case_id) if a.kind == CASE_NOTE]
    assert case_notes == []  # an empty case note is a draft: never stored, blank or not
    assert note.toPlainText() == ""


def test_f6_goes_round_the_areas_of_the_window(qtbot, make_window):
    w = make_window()
    w.activateWindow()
    view = w.current_tab().view
    view.setFocus()
    qtbot.waitUntil(lambda: focus() is view)
    QTest.keyClick(view, Qt.Key.Key_F6)
    assert w.right.isAncestorOf(focus())
    QTest.keyClick(focus(), Qt.Key.Key_F6)
    assert w.left.isAncestorOf(focus())
    QTest.keyClick(focus(), Qt.Key.Key_F6)
    assert focus() is view
    QTest.keyClick(view, Qt.Key.Key_F6, SHIFT)
    assert w.left.isAncestorOf(focus())
    QTest.keyClick(focus(), Qt.Key.Key_F6, SHIFT)
    assert w.right.isAncestorOf(focus())
    QTest.keyClick(focus(), Qt.Key.Key_F6, SHIFT)
    assert focus() is view
    # From the note box too (the note box does not swallow it).
    _view, note = _note_from_the_keyboard(qtbot, w)
    QTest.keyClick(note, Qt.Key.Key_F6)
    assert w.left.isAncestorOf(focus())


def test_playlist_notes_let_tab_through_and_esc_saves(qtbot, userdb):
    a = pl.create_playlist(userdb, "甲", case_ids=CASES[:2])
    panel = make_panel(qtbot, userdb)
    panel.activateWindow()
    panel.select(a.id)
    for box, home, read in (
        (panel.notes, panel.view, lambda: pl.playlist(userdb, a.id).notes),
        (panel.item_notes, panel.items_view, lambda: pl.playlist(userdb, a.id).items[0].notes),
    ):
        box.setFocus()
        qtbot.waitUntil(lambda box=box: focus() is box)
        QTest.keyClick(box, Qt.Key.Key_Tab)
        assert focus() is not box and "\t" not in box.toPlainText()
        QTest.keyClick(focus(), Qt.Key.Key_Tab, SHIFT)
        assert focus() is box
        QTest.keyClicks(box, "ten minutes")
        QTest.keyClick(box, Qt.Key.Key_Escape)
        assert focus() is home
        assert read() == "ten minutes"


def test_with_every_tab_closed_no_note_lands_on_a_closed_case(qtbot, make_window):
    """Close the last tab, press Ctrl+Shift+N and type: nothing is stored on the case that was closed (the field
    walkthrough found the note saved onto it, invisibly); the entries that need a case are greyed out and the
    window title no longer names it."""
    w = make_window()
    w.activateWindow()
    closed = w.current_tab().case_id
    w.right.setCurrentWidget(w.annotations)  # the notes panel has seen the case (as after any use of it)
    while w.tabs.count():
        QTest.keySequence(w, "Ctrl+W")
    assert w.tabs.count() == 0
    QTest.keySequence(w, "Ctrl+Shift+N")
    QTest.keyClicks(focus() or w, "orphan")
    QTest.keyClick(focus() or w, Qt.Key.Key_Tab)
    w.flush_user_data()
    assert [a for a in w.annotation_store.for_case(closed) if a.kind == CASE_NOTE] == []
    assert "orphan" not in w.annotations.editor.note.toPlainText()
    assert not w.menus.act_present.isEnabled() and not w.menus.act_close_tab.isEnabled()
    assert all(not act.isEnabled() for act in w.menus.case_actions)
    assert w.windowTitle() == w.tr("Casebook")
    w.open_case(closed)
    assert all(act.isEnabled() for act in w.menus.case_actions)
