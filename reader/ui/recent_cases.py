"""File → Recent Cases: the last :data:`LIMIT` cases opened, newest first, kept in the settings.

The settings file lives in the data folder, so each data folder has its own list. A case that is no longer in
the catalog (its imported batch was removed) is left out of the menu and dropped from the list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from reader.settings import Settings
from reader.storage.catalog import Catalog
from reader.storage.db import StorageError
from reader.ui.batch_labels import batch_labels
from reader.ui.constants import elide_title

#: How many cases are remembered.
LIMIT = 10
KEY = "reader/recent"
#: Longest title and batch label shown in a menu entry, in characters (the tool tip has them whole).
TITLE_CHARS, BATCH_CHARS = 30, 18


class RecentCases(QObject):
    """The recent cases, and the File menu's submenu that lists them (refilled each time it opens)."""

    def __init__(
        self, *, settings: Settings, catalog: Catalog, open_case: Callable[[str], object], menu: QMenu
    ) -> None:
        super().__init__(menu)
        self._settings, self._catalog, self._open_case = settings, catalog, open_case
        self.menu = menu
        menu.setToolTipsVisible(True)
        menu.aboutToShow.connect(self.fill_menu)
        self.fill_menu()  # so that the menu is never empty, and the F1 list sees it

    def entries(self) -> list[str]:
        stored = self._settings.get(KEY)
        out: list[str] = []
        for raw in stored if isinstance(stored, list) else []:
            if (cid := str(raw)) and cid not in out:
                out.append(cid)
        return out[:LIMIT]

    def add(self, case_id: str) -> None:
        """``case_id`` becomes the newest; an earlier copy of it moves up; the oldest beyond :data:`LIMIT` goes."""
        entries = self.entries()
        if case_id and (not entries or entries[0] != case_id):
            self._settings.set(KEY, [case_id, *(e for e in entries if e != case_id)][:LIMIT])

    def clear(self) -> None:
        self._settings.set(KEY, [])
        self.fill_menu()

    def available(self) -> list[tuple[str, str, str]]:
        """(case id, title, batch label) of the remembered cases still in the catalog, newest first; the others
        are forgotten."""
        labels = batch_labels(self._catalog.batches())
        out = []
        for cid in self.entries():
            try:
                summary = self._catalog.summary(cid)
            except StorageError:
                continue
            out.append((cid, summary.title, labels.get(summary.batch_id, "")))
        if len(out) != len(self.entries()):
            self._settings.set(KEY, [cid for cid, _t, _b in out])
        return out

    def fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        cases = self.available()
        for i, (cid, title, batch) in enumerate(cases, 1):
            number = f"&{i}" if i < 10 else "1&0"
            # After a tab, Qt's menus show text right-aligned, where shortcuts go: the batch, as a quiet column.
            act = menu.addAction(f"{number}  {elide_title(title, TITLE_CHARS)}\t{elide_title(batch, BATCH_CHARS)}")
            act.setToolTip(f"{title}\n{batch}")
            act.setData(cid)
            act.triggered.connect(lambda _c=False, cid=cid: self._open_case(cid))
        if not cases:
            menu.addAction(self.tr("No cases opened yet")).setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("Clear List"))
        clear.setEnabled(bool(cases))
        clear.triggered.connect(self.clear)
