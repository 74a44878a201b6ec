"""Key figures in the main window: View → Key Figures… and View → The Casebook at a Glance….

:func:`install` adds the two actions to a menu of the main window and wires the windows they open to the
window's reader (a double-clicked figure opens its case at the sentence) and library (a clicked bar shows
only its cases). The main window needs only the one call; what this room uses of it: ``casebook`` (the
casebook or library it reads), ``open_case``, ``current_tab`` and ``library`` (the library pane).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu

from reader.domain.figures import Figure
from reader.domain.glance import Glance, glance
from reader.ui.figures_window import FiguresWindow, load_rows
from reader.ui.glance_view import GlanceWindow
from reader.ui.tool_window import bring_to_front


class FiguresRoom(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.figures_window: FiguresWindow | None = None
        self.glance_window: GlanceWindow | None = None

    def _rows(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return load_rows(self.window.catalog)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def show_figures(self) -> FiguresWindow:
        if self.figures_window is None:
            self.figures_window = FiguresWindow(parent=self.window)
            self.figures_window.open_requested.connect(self.open_figure)
            # No larger than the screen (a 1024×768 projector); fit_to_screen moves it inside once shown.
            from reader.ui import geometry

            area = geometry.available_geometry(self.window)
            self.figures_window.resize(geometry.fitted_size(self.figures_window.size(), area))
        self.figures_window.set_rows(self._rows())
        bring_to_front(self.figures_window)
        from reader.ui.geometry import fit_to_screen

        fit_to_screen(self.figures_window)
        return self.figures_window

    def current_glance(self) -> Glance:
        book = self.window.catalog
        cases = book.cases()
        from reader.domain.figures import extract_all

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            years = [(f.case_id, f.year) for f in extract_all(cases) if f.year is not None]
        finally:
            QGuiApplication.restoreOverrideCursor()
        from reader.ui.batch_labels import batch_labels

        labels = batch_labels(book.batches())
        return glance([(b.id, labels[b.id]) for b in book.batches()], cases, figure_years=years)

    def show_glance(self) -> GlanceWindow:
        if self.glance_window is None:
            self.glance_window = GlanceWindow(parent=self.window)
            self.glance_window.canvas.bar_clicked.connect(self.filter_library)
        self.glance_window.set_glance(self.current_glance())
        bring_to_front(self.glance_window)
        return self.glance_window

    def open_figure(self, figure: Figure) -> None:
        """Open the figure's case in the reader, scrolled to its sentence, highlighted."""
        if not self.window.open_case(figure.case_id):
            return
        tab = self.window.current_tab()
        if tab is not None:
            tab.figures_card.show_figure(figure)
        bring_to_front(self.window)

    def add_actions(self, menu: QMenu) -> None:
        for text, slot, shortcut in (
            (self.tr("Key Figures…"), self.show_figures, "Ctrl+Shift+G"),
            (self.tr("The Casebook at a Glance…"), self.show_glance, None),
        ):
            act = QAction(text, self.window)
            if shortcut:
                act.setShortcut(shortcut)
            act.triggered.connect(lambda _checked=False, s=slot: s())
            self.window.addAction(act)
            menu.addAction(act)

    def filter_library(self, _axis: str, _value: str, label: str, case_ids: list[str]) -> None:
        self.window.library.show_only(case_ids, f"{label} ({len(case_ids)})")
        left = getattr(self.window, "left", None)
        if left is not None:
            left.setCurrentWidget(self.window.library)


def install(window: Any, *, menu: QMenu) -> FiguresRoom:
    """Add View → Key Figures… and View → The Casebook at a Glance… to ``menu``."""
    room = FiguresRoom(window)
    window.figures_room = room
    room.add_actions(menu)
    return room
