"""The main window's Edit commands that act on whatever has focus: copy, select all, find and step through
hits, and moving the focus to the search or the library filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

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
