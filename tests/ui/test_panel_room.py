"""Side panels that give way to a comparison on a 1366×768 screen, and come back as wide as they were, whatever
the user toggled meanwhile; View → Side Panel wins over the room a comparison wants, and its tick tells the truth."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from reader.ui.geometry import PANEL_MIN

FOUR = ["stid-a-01", "stid-a-02", "stid-b-01", "stid-a-03"]
LIBRARY, SIDE = 305, 320  # the widths the 1366×768 walkthrough had before the comparison


def laptop_window(make_window, qtbot):
    """A main window as on a 1366×768 laptop, the library 305 px and the side panel 320 px wide."""
    w = make_window()
    w.resize(1366, 768)
    qtbot.waitUntil(lambda: w.splitter.width() == 1366)
    # The user drags both handles (what they drag to is theirs: the guard forgets what it folded before).
    for i, x in ((1, LIBRARY), (2, 1366 - w.splitter.handleWidth() - SIDE)):
        handle = w.splitter.handle(i)
        start = QPoint(handle.width() // 2, handle.height() // 2)
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        target = handle.mapFromGlobal(w.splitter.mapToGlobal(QPoint(x + handle.width() // 2, 0)))
        QTest.mouseMove(handle, QPoint(target.x(), start.y()))
        QTest.mouseRelease(
            handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(target.x(), start.y())
        )
    qtbot.wait(20)
    assert w.splitter.sizes()[0] == LIBRARY and w.splitter.sizes()[2] == SIDE
    return w


def near(actual: int, expected: int) -> bool:
    return abs(actual - expected) <= 2


def test_panels_come_back_as_wide_as_they_were_after_a_toggle_over_a_comparison(make_window, qtbot):
    w = laptop_window(make_window, qtbot)
    vc = w.view_controls
    assert vc.act_side.shortcut() == QKeySequence("Ctrl+Shift+O")
    w.compare.compare_cases(FOUR)
    view = w.compare.current()
    # Four columns of 14 characters want more than the reader had: the panels give way.
    qtbot.waitUntil(lambda: w.splitter.sizes()[1] >= view.wanted_width() or w.splitter.sizes()[0] < LIBRARY)
    assert w.splitter.sizes()[0] < LIBRARY
    vc.act_side.trigger()  # Ctrl+Shift+O with the comparison in front
    qtbot.wait(50)
    w.tabs.setCurrentIndex(0)  # back to a reader tab: the room is the panels' again
    qtbot.waitUntil(lambda: w.splitter.sizes()[0] > 0)
    qtbot.wait(50)
    assert near(w.splitter.sizes()[0], LIBRARY), w.splitter.sizes()
    if not w.right.isHidden():
        assert near(w.splitter.sizes()[2], SIDE), w.splitter.sizes()
    # Whatever the toggle did, the side panel on again is as wide as it was, and the library keeps its width.
    if not vc.act_side.isChecked():
        vc.act_side.trigger()
    qtbot.wait(50)
    assert near(w.splitter.sizes()[0], LIBRARY) and near(w.splitter.sizes()[2], SIDE), w.splitter.sizes()
    # With no tab at all the panels keep their widths too.
    while w.tabs.count():
        w.close_tab(0)
    qtbot.wait(50)
    assert near(w.splitter.sizes()[0], LIBRARY) and near(w.splitter.sizes()[2], SIDE), w.splitter.sizes()


def test_ctrl_shift_o_shows_a_panel_folded_for_a_comparison_and_the_tick_tells_the_truth(make_window, qtbot):
    w = laptop_window(make_window, qtbot)
    vc = w.view_controls
    w.compare.compare_cases(FOUR)
    view = w.compare.current()
    qtbot.waitUntil(lambda: w.splitter.sizes()[2] == 0)
    # Folded for the columns: the menu does not claim the panel is on.
    assert not vc.act_side.isChecked()
    vc.act_side.trigger()  # Ctrl+Shift+O: the user wants it now
    qtbot.wait(50)
    assert w.right.isVisible() and w.splitter.sizes()[2] >= PANEL_MIN, w.splitter.sizes()
    assert vc.act_side.isChecked()
    # The columns keep their width: the library gives way in its place, and its tick says so too.
    qtbot.wait(50)
    assert all(c.browser.width() >= view.column_min_width() for c in view._columns)
    assert w.splitter.sizes()[0] == 0 and not vc.act_library.isChecked()
    # Ctrl+Shift+B brings it back on demand as well; now the columns keep their width by scrolling sideways.
    vc.act_library.trigger()
    qtbot.wait(50)
    assert w.splitter.sizes()[0] >= PANEL_MIN and w.splitter.sizes()[2] >= PANEL_MIN and vc.act_library.isChecked()
    qtbot.waitUntil(lambda: not view.columns_area.fits())
    assert all(c.browser.width() >= view.column_min_width() for c in view._columns)
    # The panels stay while the comparison is in front (a column removed does not fold them again).
    view.remove_column(3)
    qtbot.wait(50)
    assert w.splitter.sizes()[2] >= PANEL_MIN and vc.act_side.isChecked()
    # Ctrl+Shift+O again hides it, and the tick follows; once more shows it.
    vc.act_side.trigger()
    qtbot.wait(50)
    assert w.right.isHidden() and not vc.act_side.isChecked()
    vc.act_side.trigger()
    qtbot.wait(50)
    assert w.right.isVisible() and w.splitter.sizes()[2] >= PANEL_MIN and vc.act_side.isChecked()
    # Back to the reader and to the comparison: the panels give way to it again, and the ticks follow.
    w.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    w.tabs.setCurrentWidget(view)
    view.add_cases(["stid-a-03"])
    qtbot.waitUntil(lambda: w.splitter.sizes()[2] == 0)
    assert not vc.act_side.isChecked()


def test_the_room_is_weighed_again_when_columns_are_removed_or_added(make_window, qtbot):
    w = laptop_window(make_window, qtbot)
    vc = w.view_controls
    w.compare.compare_cases(FOUR)
    view = w.compare.current()
    qtbot.waitUntil(lambda: w.splitter.sizes()[2] == 0)
    assert not vc.act_side.isChecked()
    view.remove_column(3)
    view.remove_column(2)  # two columns fit beside the panels: the side panel comes back at once
    qtbot.waitUntil(lambda: w.splitter.sizes()[2] > 0)
    assert near(w.splitter.sizes()[2], SIDE) and near(w.splitter.sizes()[0], LIBRARY), w.splitter.sizes()
    assert vc.act_side.isChecked() and vc.act_library.isChecked()
    view.add_cases(["stid-a-03", "stid-b-01"])  # four again: it folds again, and the tick follows
    qtbot.waitUntil(lambda: w.splitter.sizes()[2] == 0)
    assert not vc.act_side.isChecked()
    assert w.splitter.sizes()[1] >= view.wanted_width()


def test_focus_mode_and_compare_full_screen_bring_back_only_the_panels_the_user_had_on(make_window, qtbot):
    w = laptop_window(make_window, qtbot)
    vc = w.view_controls
    vc.act_side.trigger()  # off
    assert w.right.isHidden()
    w.compare.compare_cases(FOUR)
    view = w.compare.current()
    view.act_full_screen.trigger()
    qtbot.wait(50)
    assert w.left.isHidden() and w.right.isHidden()
    view.act_full_screen.trigger()
    qtbot.wait(50)
    assert not w.left.isHidden() and w.right.isHidden() and not vc.act_side.isChecked()


def _case_rows(tree, *, least: int) -> list:
    """The case rows on screen in ``tree`` with at least ``least`` contributors, not selected."""
    from reader.models.library import CASE, ContributorsRole, NodeKindRole

    rows, index = [], tree.indexAt(QPoint(4, 4))
    while index.isValid() and tree.visualRect(index).bottom() < tree.viewport().height():  # whole rows
        names = index.data(ContributorsRole) or ()
        if index.data(NodeKindRole) == CASE and len(names) >= least and not tree.selectionModel().isSelected(index):
            rows.append(index)
        index = tree.indexBelow(index)
    return rows


def test_a_squeezed_library_row_keeps_its_number_and_title_before_its_badges(make_window, qtbot):
    """Rows with two contributor badges in a 185 px library showed only "…" next to the badges."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    w = make_window()
    w.resize(1366, 768)
    qtbot.waitUntil(lambda: w.splitter.width() == 1366)
    handle = w.splitter.handle(1)
    start = QPoint(handle.width() // 2, handle.height() // 2)
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    target = handle.mapFromGlobal(w.splitter.mapToGlobal(QPoint(185, 0)))
    QTest.mouseMove(handle, QPoint(target.x(), start.y()))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(target.x(), 0))
    qtbot.waitUntil(lambda: abs(w.splitter.sizes()[0] - 185) <= 3)
    tree = w.library.tree
    tree.expandAll()
    qtbot.wait(50)
    crowded = _case_rows(tree, least=2)
    assert crowded, "the bundled casebook has cases from two or more contributors in view"
    delegate = tree.itemDelegate()
    image = tree.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    fm = tree.fontMetrics()
    for index in crowded + _case_rows(tree, least=1):
        text = index.data(Qt.ItemDataRole.DisplayRole)
        opt = QStyleOptionViewItem()
        tree.initViewItemOption(opt)
        opt.rect = tree.visualRect(index)
        title, badges = delegate.case_row(opt, index)
        # The number and the first characters of the title stay; the badges gave way ("+N") first.
        assert title.startswith(text[:6]), (text, title, badges)
        # And that is what is on screen: ink over most of the first six characters' width.
        rect = opt.rect
        left = rect.left() + tree.indentation() // 2  # somewhere in the indentation: the row's background
        background = image.pixel(int(left * dpr), int(rect.center().y() * dpr))
        span = fm.horizontalAdvance(text[:6])
        text_left = next(
            x
            for x in range(rect.left(), rect.right())
            if any(
                image.pixel(int(x * dpr), int(y * dpr)) != background for y in range(rect.top() + 2, rect.bottom() - 1)
            )
        )
        inked = sum(
            any(image.pixel(int(x * dpr), int(y * dpr)) != background for y in range(rect.top() + 2, rect.bottom() - 1))
            for x in range(text_left, text_left + span)
        )
        assert inked >= span // 2, (text, title, inked, span)
