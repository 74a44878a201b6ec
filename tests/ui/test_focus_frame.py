"""The reader's focus frame stays on the viewport's edge while the text scrolls: paging through a case with the
keyboard never leaves a stale frame line painted across the text. Measured on what the window shows (the
backing store, as the screen gets it), after key presses only."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def _frame_rows(image, view, colour) -> list[int]:
    """Rows of the viewport (in viewport coordinates) where most of a horizontal line is the frame's colour."""
    vp = view.viewport()
    top_left = vp.mapTo(view.window(), QPoint(0, 0))
    rows = []
    for y in range(vp.height()):
        hits = sum(
            1
            for x in range(8, vp.width() - 8, 4)
            if image.pixelColor(top_left.x() + x, top_left.y() + y).name() == colour
        )
        if hits > 0.8 * len(range(8, vp.width() - 8, 4)):
            rows.append(y)
    return rows


def test_paging_down_leaves_no_stale_focus_frame(qtbot, make_window):
    w = make_window()
    w.activateWindow()
    view = w.current_tab().view
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    QTest.keyClick(view, Qt.Key.Key_F7)  # caret browsing, as in the walkthrough
    frame = view.palette().color(QPalette.ColorRole.Highlight).name()
    for _ in range(4):
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        qtbot.wait(30)
    assert view.verticalScrollBar().value() > 0
    qtbot.wait(100)
    image = w.windowHandle().screen().grabWindow(w.winId()).toImage()
    height = view.viewport().height()
    rows = _frame_rows(image, view, frame)
    assert rows, "no focus frame painted at all"
    stale = [y for y in rows if 6 < y < height - 6]
    assert not stale, f"frame lines across the text at rows {stale} of {height}"
