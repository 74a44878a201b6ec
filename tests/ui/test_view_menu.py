"""The View menu's reading controls, the status bar's progress and zoom, the F1 shortcut list, and the
geometry rules (fitted sizes, side panels giving way to the reader)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.ui import geometry


def test_fitted_rect_keeps_windows_inside_and_refuses_slivers():
    small = QRect(0, 0, 1024, 768)
    # A 3600×2000 window saved on a big screen comes back no larger than the screen, wholly inside it.
    assert geometry.fitted_rect(QRect(40, 40, 3600, 2000), small) == QRect(0, 0, 1024, 768)
    # The 682×329 sliver Qt's own restore can give becomes the preferred size, fitted.
    assert geometry.fitted_rect(QRect(300, 400, 682, 329), small) == QRect(0, 0, 1024, 768)
    # A sensible window is left alone, a window off the right edge is moved back in.
    assert geometry.fitted_rect(QRect(10, 10, 900, 600), small) == QRect(10, 10, 900, 600)
    assert geometry.fitted_rect(QRect(600, 300, 900, 600), small) == QRect(124, 168, 900, 600)
    # On a big screen the first window is 1480×900, centred.
    assert geometry.first_rect(QRect(0, 0, 1920, 1080)) == QRect(220, 90, 1480, 900)


def test_side_panels_give_way_to_the_reader(make_window, qtbot):
    w = make_window()
    w.resize(1024, 700)
    w.right.setCurrentWidget(w.annotations)  # the Notes panel asks for ~600 px
    qtbot.wait(50)
    need = w.reading_min_width()
    assert need >= 30 * 17
    qtbot.waitUntil(lambda: w.splitter.sizes()[1] >= need)
    w.resize(700, 700)  # narrower than the reader and two panels: the right panel folds, then the left
    qtbot.waitUntil(lambda: w.splitter.sizes()[1] >= need)
    assert w.splitter.sizes()[2] == 0
    w.resize(1400, 800)  # room again: what the guard folded comes back
    qtbot.waitUntil(lambda: w.splitter.sizes()[2] > 0 and w.splitter.sizes()[0] > 0)
    # Zooming in raises the minimum; the panels give way again.
    w.resize(1024, 700)
    for _ in range(5):
        w.appearance.zoom(10)
    qtbot.waitUntil(lambda: w.splitter.sizes()[1] >= w.reading_min_width())
    assert w.view_controls.zoom_label.text() == "Text 150%"


def test_side_panels_give_way_to_a_comparison_and_come_back(make_window, qtbot):
    w = make_window()
    w.resize(1024, 700)
    qtbot.wait(50)
    before = w.splitter.sizes()
    assert before[0] > 0 and before[2] > 0
    w.compare.compare_cases(["stid-a-01", "stid-a-02", "stid-b-01", "stid-a-03"])
    view = w.compare.current()
    assert view is not None
    # Four columns of 14 characters need more than the window: both side panels fold away.
    assert view.wanted_width() >= 4 * 14 * 17
    qtbot.waitUntil(lambda: w.splitter.sizes()[0] == 0 and w.splitter.sizes()[2] == 0)
    # The outline shows the comparison's rows, and a click brings that row to the top of the columns.
    rows = [w.outline_model.index(r, 0).data() for r in range(w.outline_model.rowCount())]
    assert rows[0] == "Lead" and any("主要做法" in r for r in rows), rows
    last = w.outline_model.index(w.outline_model.rowCount() - 1, 0)
    w._outline_clicked(last)
    qtbot.waitUntil(lambda: view.rows.current_row_key() == last.data(Qt.ItemDataRole.UserRole + 1))
    # A column removed: the outline and the room follow (three columns still need more than 1024 px).
    view.remove_column(3)
    assert w.outline_model.rowCount() == len(view.outline())
    assert view.wanted_width() >= 3 * 14 * 17
    # Back to the reader: the panels come back as wide as they were.
    w.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: w.splitter.sizes()[0] > 0 and w.splitter.sizes()[2] > 0)
    assert abs(w.splitter.sizes()[0] - before[0]) <= 2 and abs(w.splitter.sizes()[2] - before[2]) <= 2
    # On a wide window the comparison leaves the panels alone.
    w.resize(1900, 900)
    w.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    assert w.splitter.sizes()[1] >= view.wanted_width() and w.splitter.sizes()[2] > 0


def test_panels_focus_mode_and_next_case(make_window, qtbot):
    w = make_window()
    vc = w.view_controls
    vc.act_library.trigger()
    assert not w.left.isVisible()
    vc.act_library.trigger()
    assert w.left.isVisible() and w.splitter.sizes()[0] > 0
    vc.act_focus.trigger()
    assert not w.left.isVisible() and not w.right.isVisible() and not w.statusBar().isVisible()
    assert w.current_tab().view.isVisible()
    vc.act_focus.trigger()
    assert w.left.isVisible() and w.right.isVisible() and w.statusBar().isVisible()

    assert w.current_tab().case_id == "stid-a-01"
    vc.act_next.trigger()
    assert w.current_tab().case_id == "stid-a-02"
    vc.act_prev.trigger()
    vc.act_prev.trigger()  # already the first: stays, says so
    assert w.current_tab().case_id == "stid-a-01"
    # The last case of a batch is followed by the first of the next batch.
    last_a = [c.id for c in w.catalog.batches()[0].cases][-1]
    w.open_case(last_a)
    vc.act_next.trigger()
    assert w.current_tab().case_id == w.catalog.batches()[1].cases[0].id
    assert vc.open_number("stid-a", 12)
    assert w.current_tab().case_id == "stid-a-12"
    assert not vc.open_number("stid-a", 999)


def test_reading_progress_in_the_status_bar(make_window, qtbot):
    w = make_window()
    view = w.current_tab().view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0, "the case is longer than the view"
    bar.setValue(0)
    assert w.view_controls.progress_label.text() == "Read 0%", "a case just opened at its top is not read yet"
    bar.setValue(bar.maximum() // 2)
    half = int(re.search(r"\d+", w.view_controls.progress_label.text()).group())
    assert 48 <= half <= 52
    QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # Ctrl+End without a caret
    assert bar.value() == bar.maximum()
    assert w.view_controls.progress_label.text() == "Read 100%"
    QTest.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0


@pytest.mark.qt_log_ignore("does not support raise")
def test_f1_lists_every_shortcut(make_window, qtbot):
    w = make_window()
    QTest.keyClick(w, Qt.Key.Key_F1)
    help_window = w.view_controls._help
    assert help_window is not None and help_window.isVisible()
    text = help_window.shown_text()
    missing = []
    for menu_action in w.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            menu = stack.pop()
            for act in menu.actions():
                if act.menu() is not None:
                    stack.append(act.menu())
                elif not act.shortcut().isEmpty() and act.text().replace("&", "") not in text:
                    missing.append(act.text())
    assert not missing
    help_window.close()


def test_f1_lists_only_keys_a_keyboard_has_each_once_and_scrolls_to_the_end(make_window, qtbot):
    from reader.ui.help_window import menu_shortcuts

    w = make_window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    QTest.keyClick(w, Qt.Key.Key_F1)
    help_window = w.view_controls._help
    qtbot.waitUntil(lambda: QApplication.activeWindow() is help_window)
    rows = {what: keys for _menu, items in menu_shortcuts(w) for keys, what in items}
    assert rows["Copy"] == "Ctrl+C / Ctrl+Ins"  # not "Ctrl+C / Ctrl+Ins / F16 / Copy"
    assert rows["Back"] == "Alt+Left / Backspace"  # the Back media key and the repeated Alt+Left dropped
    for keys in rows.values():
        parts = keys.split(" / ")
        assert len(parts) == len(set(parts)), keys
        assert not any(p in {f"F{n}" for n in range(13, 36)} for p in parts), keys
    text = help_window.shown_text()
    assert "F16" not in text and "F20" not in text
    # The keyboard is in the text (not on the Close button): Ctrl+End goes to the end, Ctrl+Home back.
    bar = help_window.text.verticalScrollBar()
    assert bar.maximum() > 0
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0
    help_window.close()
    for key in ("F7", "1 – 5", "Ctrl+F", "F3", "F11", "F9", "Ctrl+G"):
        assert key in text, key
    help_window.close()


def test_caret_browsing_setting_is_remembered(make_window, qtbot):
    w = make_window()
    w.view_controls.act_caret.trigger()
    assert w.current_tab().view.caret_browsing()
    w.close()
    w2 = make_window()
    assert w2.view_controls.act_caret.isChecked()
    assert w2.current_tab().view.caret_browsing()


def test_focus_frame_is_drawn_while_the_reader_has_the_focus(make_window, qtbot):
    w = make_window()
    view = w.current_tab().view
    w.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    focused = view.viewport().grab().toImage()
    w.library.tree.setFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    plain = view.viewport().grab().toImage()
    highlight = QApplication.palette().highlight().color().rgb()
    assert focused.pixel(1, focused.height() // 2) == highlight
    assert plain.pixel(1, plain.height() // 2) != highlight


def test_size_helpers():
    assert geometry.fitted_size(QSize(1480, 900), QRect(0, 0, 1366, 768)) == QSize(1366, 768)
    assert geometry.panel_sizes(1024) == [229, 579, 216]
