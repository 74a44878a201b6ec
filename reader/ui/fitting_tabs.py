"""Tab titles that fit their tab bar: the full titles when there is room, short ones on a narrow panel.

The side panel's four tabs (大纲, 批注, 播放列表, 相似案例) need some 290 px; on a 1024×768 screen the panel
gets ~210 px, and Qt then elides ("播…") and hides the last tab behind scroll arrows. :class:`FittingTabs`
switches to the short titles (大纲, 批注, 列表, 相似) when the full ones do not fit; the tool tip of each tab
always holds its full title. Should even the short titles not fit, the tabs elide (no scroll arrows).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTabWidget


class FittingTabs(QObject):
    """Chooses between each tab's full and short title as ``tabs`` is resized."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._short: dict[str, str] = {}  # full title -> short title
        self._full: dict[str, str] = {}  # short title -> full title
        tabs.tabBar().setUsesScrollButtons(False)
        tabs.installEventFilter(self)

    def set_short(self, full: str, short: str) -> None:
        """The tab titled ``full`` is titled ``short`` when the full titles do not fit."""
        self._short[full] = short
        self._full[short] = full
        for i in range(self._tabs.count()):
            if self._tabs.tabText(i) == full and not self._tabs.tabToolTip(i):
                self._tabs.setTabToolTip(i, full)
        self.fit()

    def uses_short(self) -> bool:
        return any(self._tabs.tabText(i) in self._full for i in range(self._tabs.count()))

    def needed(self, *, short: bool) -> int:
        """The tab bar's width with every title full (or short where it has one)."""
        bar = self._tabs.tabBar()
        fm = bar.fontMetrics()
        total = 0
        for i in range(bar.count()):
            shown = bar.tabText(i)
            full = self._full.get(shown, shown)
            text = self._short.get(full, full) if short else full
            chrome = bar.tabSizeHint(i).width() - fm.horizontalAdvance(shown)
            total += chrome + fm.horizontalAdvance(text)
        return total

    def fit(self) -> None:
        short = self.needed(short=False) > self._tabs.width()
        for i in range(self._tabs.count()):
            shown = self._tabs.tabText(i)
            full = self._full.get(shown, shown)
            text = self._short.get(full, full) if short else full
            if text != shown:
                self._tabs.setTabText(i, text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._tabs and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False
