"""Tabs whose page is built the first time it is shown or used, so that it costs nothing at start-up.

The main window's side panels (search on the left; notes, playlists and similar cases on the right) are
added as empty placeholders; :meth:`LazyTabs.get` (or showing the tab) builds the real page from its factory
and puts it in the placeholder's place, keeping the tab's title, tool tip and the current tab.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs:
    """The lazily built pages of one :class:`QTabWidget`, by key."""

    def __init__(self, tabs: QTabWidget) -> None:
        self._tabs = tabs
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._built: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._shown)

    def add(self, key: str, title: str, factory: Callable[[], QWidget], *, tool_tip: bool = False) -> None:
        """A tab titled ``title`` whose page ``factory()`` builds on first need."""
        placeholder = QWidget(self._tabs)
        placeholder.setObjectName(key)
        index = self._tabs.addTab(placeholder, title)
        if tool_tip:
            self._tabs.setTabToolTip(index, title)
        self._factories[key] = factory

    def get(self, key: str) -> QWidget:
        """The page for ``key``, built now if it was not yet."""
        if key not in self._built:
            index = next(i for i in range(self._tabs.count()) if self._tabs.widget(i).objectName() == key)
            placeholder = self._tabs.widget(index)
            widget = self._factories[key]()
            widget.setObjectName(key)
            current = self._tabs.currentIndex()
            title, tip = self._tabs.tabText(index), self._tabs.tabToolTip(index)
            self._tabs.blockSignals(True)
            self._tabs.removeTab(index)
            self._tabs.insertTab(index, widget, title)
            self._tabs.setTabToolTip(index, tip)
            self._tabs.setCurrentIndex(current)
            self._tabs.blockSignals(False)
            placeholder.deleteLater()
            self._built[key] = widget
        return self._built[key]

    def built(self, key: str) -> QWidget | None:
        """The page for ``key`` if it has been built, else None (never builds it)."""
        return self._built.get(key)

    def _shown(self, index: int) -> None:
        widget = self._tabs.widget(index)
        if widget is not None and widget.objectName() in self._factories:
            self.get(widget.objectName())
