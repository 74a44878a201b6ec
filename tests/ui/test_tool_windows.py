"""The non-modal tool windows (Key Figures, the overview, the shortcuts help) are windows of their own that close
from the keyboard, Esc or Ctrl+W, with no window manager to give them a title bar; the main window then has the
keyboard again. Keys only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def _open(qtbot, w, keys: str):
    before = {id(t) for t in QApplication.topLevelWidgets() if t.isVisible()}
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    QTest.keySequence(w, keys)
    qtbot.waitUntil(lambda: QApplication.activeWindow() not in (None, w))
    tool = QApplication.activeWindow()
    assert id(tool) not in before and tool.isWindow() and tool is not w
    return tool


@pytest.mark.parametrize("close", ["Esc", "Ctrl+W"])
@pytest.mark.parametrize("keys", ["Ctrl+Shift+G", "F1", "glance"])
def test_esc_and_ctrl_w_close_a_tool_window(qtbot, make_window, keys, close):
    w = make_window()
    if keys == "glance":  # no shortcut of its own: View menu, "The Casebook at a Glance…" (Alt+V, then its letter)
        w.figures_room.show_glance()
        tool = w.figures_room.glance_window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is tool)
    else:
        tool = _open(qtbot, w, keys)
    target = tool.focusWidget() or tool
    if close == "Esc":
        QTest.keyClick(target, Qt.Key.Key_Escape)
    else:
        QTest.keyClick(target, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not tool.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert w.tabs.count() >= 1  # Ctrl+W closed the tool window, not the reader's tab
