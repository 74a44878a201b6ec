"""The window's look: theme (also following the OS while running), text size (zoom) for every reader tab and
comparison, and the toolbar icons drawn for the current palette."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from reader.settings import ZOOM_MAX, ZOOM_MIN
from reader.ui import theme as themes
from reader.ui.constants import READER_BASE_PX, STATUS_BRIEF_MS

if TYPE_CHECKING:
    from reader.ui.compare_view import CompareView
    from reader.ui.main_window import MainWindow
    from reader.ui.reader_tab import ReaderTab

#: The View → Theme menu's entries, in menu order (setting values).
THEMES = ("system", "light", "dark", "contrast")


class Appearance(QObject):
    #: The theme was applied again (a switch, or the OS changed colours under "system").
    changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.theme = themes.apply(QApplication.instance(), window.settings.get("ui/theme"))  # type: ignore[arg-type]

    def zoom(self, delta: int) -> None:
        """Text size up or down by ``delta`` percent (0: back to 100 %) in every tab, remembered."""
        w = self._window
        value = 100 if delta == 0 else w.settings.get("reader/zoom") + delta
        value = max(ZOOM_MIN, min(ZOOM_MAX, value))
        w.settings.set("reader/zoom", value)
        for tab in w.reader_tabs():
            self.style_tab(tab)
        for view in w.compare.views():
            self.style_compare(view)
        w.reading_guard.enforce()  # a bigger text needs a wider reader
        w.view_controls.update_zoom()
        w.statusBar().showMessage(self.tr("Text size %1%").replace("%1", str(value)), STATUS_BRIEF_MS)

    def set_theme(self, name: str) -> None:
        w = self._window
        w.settings.set("ui/theme", name)
        self.theme = themes.apply(QApplication.instance(), name)  # type: ignore[arg-type]
        for act in w.menus.theme_menu.actions():
            act.setChecked(False)
        w.menus.theme_menu.actions()[THEMES.index(name)].setChecked(True)
        self.restyle()

    def follow_os_colours(self, _scheme: object = None) -> None:
        """The OS switched between light and dark: a window on the "system" theme follows at once."""
        if self._window.settings.get("ui/theme") == "system":
            self.theme = themes.apply(QApplication.instance(), "system")  # type: ignore[arg-type]
            self.restyle()

    def restyle(self) -> None:
        w = self._window
        for tab in w.reader_tabs():
            self.style_tab(tab)
        for view in w.compare.views():
            self.style_compare(view)
        w.menus.update_icons()
        self.changed.emit()

    def base_px(self) -> int:
        return round(READER_BASE_PX * self._window.settings.get("reader/zoom") / 100)

    def reading(self) -> dict[str, object]:
        """Preferences → Reading: body font, line spacing, page width, as the views' keyword arguments."""
        s = self._window.settings
        return {
            "font_family": s.get("reader/font"),
            "line_height": s.get("reader/line_height"),
            "text_chars": s.get("reader/text_chars"),
        }

    def style_tab(self, tab: ReaderTab) -> None:
        t = self.theme
        tab.view.set_appearance(
            palette=t.html, base_px=self.base_px(), hit=t.hit, current_hit=t.current_hit, **self.reading()
        )

    def style_compare(self, view: CompareView) -> None:
        """A comparison takes the font and the line spacing; its columns keep their own widths."""
        t = self.theme
        view.set_appearance(
            palette=t.html, base_px=self.base_px(), hit=t.hit, current_hit=t.current_hit, **self.reading()
        )
