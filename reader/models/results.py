"""Search results as a lazy list model.

``ResultsModel`` holds the hits of the first page and the total. When a view scrolls to the end it asks
:meth:`ResultsModel.canFetchMore`/:meth:`ResultsModel.fetchMore`; the model then fetches the next page
by calling the ``fetch_page(offset, limit)`` callable given with the results, **on a pool thread**
through :func:`reader.tasks.run_in_background`, and appends the rows when the page arrives. One
page is in flight at a time; a page that arrives after :meth:`set_results` or :meth:`clear` is
dropped. ``fetch_page`` must therefore be thread-safe (the search panel passes a closure over the
searcher with the same query and filters as the first page).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from reader.tasks import run_in_background

if TYPE_CHECKING:
    from reader.storage.search import CaseHit, SearchResults

log = logging.getLogger(__name__)

#: The case id of a result row.
CaseIdRole = Qt.ItemDataRole.UserRole + 1
#: The :class:`~reader.storage.search.CaseHit` of a result row.
HitRole = Qt.ItemDataRole.UserRole + 2

FetchPage = Callable[[int, int], Sequence["CaseHit"]]

_Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    """One row per matching case, best first; more pages are fetched as the view scrolls."""

    #: A page could not be fetched (the exception); no further pages are requested for these results.
    fetch_failed = Signal(object)
    #: A page was appended (the new row count).
    page_fetched = Signal(int)

    def __init__(self, *, page_size: int = 50, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self._page_size = page_size
        self._hits: list[CaseHit] = []
        self._total = 0
        self._query = ""
        self._fetch_page: FetchPage | None = None
        self._generation = 0  # bumped on every reset: pages of older results are dropped
        self._pending = False
        self._exhausted = False

    # ---------------------------------------------------------------------------------------------
    # Public API

    @property
    def page_size(self) -> int:
        return self._page_size

    @property
    def total(self) -> int:
        """How many cases match in all (may exceed :meth:`rowCount` until every page is fetched)."""
        return self._total

    @property
    def query(self) -> str:
        return self._query

    @property
    def fetching(self) -> bool:
        """True while a page is being fetched."""
        return self._pending

    def set_results(self, results: SearchResults, *, fetch_page: FetchPage | None = None) -> None:
        """Show the first page of ``results``; ``fetch_page(offset, limit)`` fetches the later ones."""
        self.beginResetModel()
        self._generation += 1
        self._hits = list(results.hits)
        self._total = max(int(results.total), len(self._hits))
        self._query = results.query
        self._fetch_page = fetch_page
        self._pending = False
        self._exhausted = False
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._generation += 1
        self._hits = []
        self._total = 0
        self._query = ""
        self._fetch_page = None
        self._pending = False
        self._exhausted = False
        self.endResetModel()

    def hit(self, row: int) -> CaseHit:
        return self._hits[row]

    def hits(self) -> list[CaseHit]:
        """The rows fetched so far."""
        return list(self._hits)

    def case_id(self, row: int) -> str:
        return self._hits[row].case_id

    # ---------------------------------------------------------------------------------------------
    # Internals

    def _page_arrived(self, generation: int, offset: int, page: Sequence[CaseHit]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the model is gone, or shows other results by now
        self._pending = False
        if offset != len(self._hits):
            return
        new = list(page)[: max(0, self._total - offset)]
        if not new:
            self._exhausted = True  # fewer hits than the total promised: stop asking
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(new) - 1)
        self._hits.extend(new)
        self.endInsertRows()
        self.page_fetched.emit(len(self._hits))

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._pending = False
        self._exhausted = True
        log.warning("fetching more search results failed: %s", exc)
        self.fetch_failed.emit(exc)

    # ---------------------------------------------------------------------------------------------
    # Qt API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\n{hit.section}" if hit.section else hit.title
        if role == CaseIdRole:
            return hit.case_id
        if role == HitRole:
            return hit
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def canFetchMore(self, parent: _Index) -> bool:
        if parent.isValid():
            return False
        return self._fetch_page is not None and not self._exhausted and len(self._hits) < self._total

    def fetchMore(self, parent: _Index) -> None:
        if self._pending or not self.canFetchMore(parent):
            return
        assert self._fetch_page is not None
        fetch, offset, limit, generation = self._fetch_page, len(self._hits), self._page_size, self._generation
        self._pending = True
        run_in_background(
            lambda: list(fetch(offset, limit)),
            on_success=lambda page: self._page_arrived(generation, offset, page),
            on_failure=lambda exc: self._page_failed(generation, exc),
        )
