"""Side panels that give way to a comparison on a 1366×768 screen, and come back as wide as they were, whatever
the user toggled meanwhile; View → Side Panel wins over the room a comparison wants, and its tick tells the truth."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

FOUR = ["stid-a-01", "stid-a-02", "stid-b-01", "stid-a-03"]
LIBRARY, SIDE = 305, 320  # the widths the 1366×768 walkthrough had before the comparison


def laptop_window(make_window, qtbot):
    """A main window as on a 1366×768 laptop, the library 305 px and the side panel 320 px wide."""
    w = make_window()
    w.resize(1366, 768)
    qtbot.waitUntil(lambda: w.splitter.width() == 1366)
    handles = sum(w.splitter.handleWidth() for _ in range(2))
    w.splitter.setSizes([LIBRARY, 1366 - handles - LIBRARY - SIDE, SIDE])
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
