"""The library search's history: the last :data:`LIMIT` queries, newest first, kept in the settings.

The settings file lives in the data folder, so each data folder (a USB stick, a second user) has its own
history. When that folder cannot be written, the history still works for the session (the settings keep
the change in memory; nothing is reported, nothing lost that was there before).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Signal

from reader.settings import Settings

#: How many queries are remembered.
LIMIT = 20
KEY = "search/history"


class SearchHistory(QObject):
    """Queries, newest first, without repeats; :attr:`model` lists them for a completer."""

    changed = Signal()

    def __init__(self, *, settings: Settings | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        stored = settings.get(KEY) if settings is not None else []
        entries: list[str] = []
        for raw in stored if isinstance(stored, list) else []:
            text = " ".join(str(raw).split())
            if text and text not in entries:
                entries.append(text)
        self.model = QStringListModel(entries[:LIMIT], self)

    def entries(self) -> list[str]:
        return self.model.stringList()

    def add(self, query: str) -> None:
        """Remember ``query`` (spaces tidied) as the newest; an earlier copy of it moves up, the oldest beyond
        :data:`LIMIT` goes."""
        text = " ".join(query.split())
        if not text:
            return
        entries = self.entries()
        if entries and entries[0] == text:
            return
        self._set([text, *(e for e in entries if e != text)][:LIMIT])

    def remove(self, query: str) -> None:
        entries = self.entries()
        if query in entries:
            self._set([e for e in entries if e != query])

    def clear(self) -> None:
        self._set([])

    def _set(self, entries: list[str]) -> None:
        self.model.setStringList(entries)
        if self._settings is not None:
            self._settings.set(KEY, list(entries))
            self._settings.sync()  # a read-only folder: the file is not written, the session keeps the list
        self.changed.emit()
