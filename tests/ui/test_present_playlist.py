"""A playlist is presented from the menus: View → Present Playlist (Shift+F5) from anywhere in the window, disabled
with a reason while there is nothing to present; in the Playlists panel Tab visits Rehearse, then Present, as on
screen. Keys only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.storage import playlists as pl


def _present_playlist_action(w):
    return next(a for a in w.menus.view_menu.actions() if a.text() == "Present Playlist")


@pytest.mark.qt_log_ignore("does not support raise")
def test_shift_f5_presents_the_selected_playlist_from_the_reader(qtbot, make_window):
    w = make_window()
    act = _present_playlist_action(w)
    assert "Shift+F5" in [k.toString() for k in act.shortcuts()]
    # Nothing to present: the entry is disabled and says why; the shortcut brings the panel forward instead.
    w.menus.view_menu.aboutToShow.emit()
    assert not act.isEnabled() and "Playlists panel" in act.toolTip()
    w.activateWindow()
    view = w.current_tab().view
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    w.menus.act_present_playlist.setEnabled(True)  # (as it is between two openings of the menu)
    QTest.keyClick(view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert w.presenting.presentation is None
    assert w.right.currentWidget() is w.playlists and QApplication.focusWidget() is w.playlists.view
    # With a playlist: enabled, and Shift+F5 from the reader presents it as a talk (agenda first).
    other = pl.create_playlist(w.annotation_store.db, "乙", case_ids=["stid-b-01"])
    chosen = pl.create_playlist(w.annotation_store.db, "甲", case_ids=["stid-a-01", "stid-a-02"])
    w.playlists.refresh(select=chosen.id)
    w.menus.view_menu.aboutToShow.emit()
    assert act.isEnabled()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    QTest.keyClick(view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    shown = w.presenting.presentation
    assert shown is not None and shown.talk is not None and shown.talk.title == "甲" != other.title
    QTest.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.presenting.presentation is None)


def test_tab_visits_rehearse_then_present_as_on_screen(qtbot, make_window):
    w = make_window()
    chosen = pl.create_playlist(w.annotation_store.db, "甲", case_ids=["stid-a-01"])
    w.right.setCurrentWidget(w.playlists)
    w.playlists.refresh(select=chosen.id)
    panel = w.playlists
    w.activateWindow()
    rehearse, present = panel.rehearse_button, panel.present_button
    assert rehearse.mapTo(panel, rehearse.rect().center()).x() < present.mapTo(panel, present.rect().center()).x()
    rehearse.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is rehearse)
    QTest.keyClick(rehearse, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is present
