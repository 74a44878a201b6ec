"""The main window's Edit commands that act on whatever has focus: copy, select all, find and step through
hits, and moving the focus: to the search, the library filter, the reader, or the next area of the window (F6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class EditActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def copy(self) -> None:
        focus = QApplication.focusWidget()
        tab = self._window.current_tab()
        if tab is not None and (focus is tab.view or focus is None):
            tab.view.copy()
        elif focus is not None and hasattr(focus, "copy"):
            focus.copy()

    def copy_with_reference(self) -> None:
        tab = self._window.current_tab()
        if tab:
            tab.view.copy_with_reference()

    def select_all(self) -> None:
        focus = QApplication.focusWidget()
        tab = self._window.current_tab()
        if focus is not None and hasattr(focus, "selectAll"):
            focus.selectAll()
        elif tab:
            tab.view.selectAll()

    def find_in_case(self) -> None:
        """Ctrl+F: the find bar of the reader tab or the comparison in front."""
        w = self._window
        tab = w.current_tab()
        if tab:
            tab.open_find()
        elif (view := w.compare.current()) is not None:
            view.open_find()

    def step_hit(self, delta: int) -> None:
        """F3 / Shift+F3: the next or previous hit in the reader tab or the comparison in front."""
        w = self._window
        tab = w.current_tab()
        if tab is not None:
            tab.view.step_hit(delta)
        elif (view := w.compare.current()) is not None:
            view.step_hit(delta)

    def focus_search(self) -> None:
        w = self._window
        w.left.setCurrentWidget(w.search)
        w.search.focus_search()

    def focus_library(self) -> None:
        w = self._window
        w.left.setCurrentWidget(w.library)
        w.library.focus_filter()

    def focus_reader(self) -> None:
        """The keyboard back in the reader's text, at its caret (where a highlight or a note was just made)."""
        tab = self._window.current_tab()
        if tab is not None:
            tab.view.setFocus(Qt.FocusReason.OtherFocusReason)
            tab.view.ensureCursorVisible()
        elif (view := self._window.compare.current()) is not None:
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def cycle_area(self, delta: int) -> None:
        """F6 / Shift+F6: the focus to the next / previous area of the window (library or search, reader, side
        panel), skipping hidden ones."""
        w = self._window
        areas = [a for a in (w.left, w.tabs, w.right) if a.isVisible()]
        if not areas:
            return
        focus = QApplication.focusWidget()
        at = next((i for i, a in enumerate(areas) if focus is not None and a.isAncestorOf(focus)), -1)
        if at < 0 and delta < 0:  # from outside every area: F6 goes to the first, Shift+F6 to the last
            at = 0
        target = areas[(at + delta) % len(areas)]
        if target is w.tabs:
            self.focus_reader()
        else:
            _focus_into(target)


def _focus_into(area: QTabWidget) -> None:
    """The focus on the first widget of the area's current page that takes Tab focus."""
    page = area.currentWidget()
    if page is None:
        return
    if page.focusPolicy() & Qt.FocusPolicy.TabFocus and page.isEnabled():
        page.setFocus(Qt.FocusReason.TabFocusReason)
        return
    w: QWidget = page.nextInFocusChain()
    while w is not page and page.isAncestorOf(w):
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            w.setFocus(Qt.FocusReason.TabFocusReason)
            return
        w = w.nextInFocusChain()
    page.setFocus(Qt.FocusReason.TabFocusReason)
