"""One catalog over the bundled casebook and the user's library: the one road to batches, cases and search.

The window, the command line, exports, compare, presentation and the self-test all read through a
:class:`Catalog`, so an imported batch is listed, shown, searched and exported wherever the bundled ones are.

Two protocols say what a catalog is made of:

* :class:`CaseSource`, "a source of batches and cases": :class:`~reader.storage.casebook.Casebook` (one
  database) and :class:`~reader.storage.library.Library` (the bundled casebook plus the imported batches);
* :class:`Searcher`, "a searcher": ``search(query, filters)`` and ``facets(query, filters)`` with the filters
  as a :class:`~reader.storage.search.SearchFilters`, callable from any thread. A :class:`Catalog` is one;
  it searches through one read-only connection per thread to each database (:class:`EngineSet`).

Values of a filter that the catalog does not know are refused with :class:`UnknownFilterError`, which names
the values it does know (the command line turns it into a usage error).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.domain.case import Case
from reader.domain.query import Query, parse_query
from reader.storage.casebook import BatchSummary, CaseSummary
from reader.storage.db import StorageError
from reader.storage.search import FACETS, KINDS, NO_FILTERS, Facets, SearchEngine, SearchFilters, SearchResults

if TYPE_CHECKING:
    from reader.storage.library import Library


class CaseSource(Protocol):
    """A source of batches and cases."""

    def batches(self) -> list[BatchSummary]: ...

    def summary(self, case_id: str) -> CaseSummary: ...

    def case(self, case_id: str) -> Case: ...

    def cases(self, case_ids: Sequence[str] | None = None) -> list[Case]: ...

    def batch_title(self, batch_id: str) -> str: ...

    def meta(self) -> dict[str, str]: ...


class Searcher(Protocol):
    """A searcher: thread-safe full-text search with filters, and the drill-down counts of each filter."""

    def search(
        self, query: str | Query, filters: SearchFilters = NO_FILTERS, *, limit: int | None = 50, offset: int = 0
    ) -> SearchResults: ...

    def facets(self, query: str | Query, filters: SearchFilters = NO_FILTERS) -> Facets: ...


class EngineSet(Protocol):
    """The search engines of the calling thread, one per database, the bundled casebook first."""

    def engines(self) -> list[SearchEngine]: ...


class UnknownFilterError(StorageError):
    """A filter value the catalog does not have (a batch id, category or region)."""

    code = "unknown-filter"

    def __init__(self, facet: str, value: str, known: Sequence[str]) -> None:
        self.facet, self.value, self.known = facet, value, tuple(known)
        super().__init__(f"unknown {facet} {value!r}; known: {', '.join(self.known) or '(none)'}")


# ---------------------------------------------------------------------------------------------
# Search over several databases


def merged_search(
    engines: Sequence[SearchEngine],
    query: str | Query,
    filters: SearchFilters = NO_FILTERS,
    *,
    limit: int | None = 50,
    offset: int = 0,
) -> SearchResults:
    """``SearchEngine.search`` over several databases: one ranking, the totals summed, paging over the merge.

    Hits are merged by score (title tier, heading tier, then bm25), the first database first on a tie; each
    database's own order is kept. Raises :class:`~reader.domain.query.QueryError` for a rejected query.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    source = query if isinstance(query, str) else query.source
    keywords = filters.keywords()
    if len(engines) == 1:
        res = engines[0].search(parsed, limit=limit, offset=offset, **keywords)
        return SearchResults(source, res.total, res.hits, parsed)
    offset = max(0, int(offset))
    need = None if limit is None else offset + max(0, int(limit))
    results = [engine.search(parsed, limit=need, offset=0, **keywords) for engine in engines]
    merged = list(heapq.merge(*(r.hits for r in results), key=lambda h: -h.score))
    page = merged[offset:] if need is None else merged[offset:need]
    return SearchResults(source, sum(r.total for r in results), page, parsed)


def merged_facets(engines: Sequence[SearchEngine], query: str | Query, filters: SearchFilters = NO_FILTERS) -> Facets:
    """``SearchEngine.facets`` over several databases, every count summed (each case is in one database)."""
    out: Facets = {name: {} for name in FACETS}
    for engine in engines:
        for facet, counts in engine.facets(query, filters).items():
            target = out.setdefault(facet, {})
            for key, n in counts.items():
                target[key] = target.get(key, 0) + n
    return out


# ---------------------------------------------------------------------------------------------
# The catalog


@dataclass(frozen=True)
class FilterValues:
    """Every value each filter can take, in catalog order: batch ids, categories, regions, section kinds."""

    batches: tuple[str, ...]
    categories: tuple[str, ...]
    regions: tuple[str, ...]
    kinds: tuple[str, ...] = KINDS

    def by_facet(self) -> dict[str, tuple[str, ...]]:
        return {"batch": self.batches, "category": self.categories, "region": self.regions, "kind": self.kinds}


class _LiveMapping(Mapping[str, str]):
    """A read-only mapping that always shows the catalog's current state (never a stale copy)."""

    def __init__(self, current: Callable[[], Mapping[str, str]]) -> None:
        self._current = current

    def __getitem__(self, key: str) -> str:
        return self._current()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())


class Catalog:
    """Batches, cases and search over a :class:`CaseSource`, and its imported batches if it is a library.

    Reads go to ``source`` (from the thread that owns it, the GUI thread in the app); :meth:`search` and
    :meth:`facets` may be called from any thread. The batch list is read once and kept until
    :meth:`refresh` (call it after an import, a rename or a removal).
    """

    def __init__(self, source: CaseSource, engines: EngineSet, *, library: Library | None = None) -> None:
        self.source = source
        self.library = library  # the writable library of imported batches, when there is one
        self._engines = engines
        self._batches: list[BatchSummary] | None = None
        self._titles: dict[str, str] = {}
        self._case_batches: dict[str, str] = {}
        #: Batch id → title, always current (a live view: holders see imports and renames).
        self.batch_titles: Mapping[str, str] = _LiveMapping(self._current_titles)
        #: Case id → batch id, always current.
        self.case_batches: Mapping[str, str] = _LiveMapping(self._current_case_batches)

    @classmethod
    def open(cls, casebook_path: Path, library_path: Path | None = None) -> Catalog:
        """The bundled casebook at ``casebook_path`` and, with ``library_path``, the user's library (created when
        missing). Raises a :class:`StorageError` subclass with a clear reason on failure."""
        from reader.storage.casebook import Casebook, PerThreadCasebook

        if library_path is None:
            return cls(Casebook.open(Path(casebook_path)), PerThreadCasebook(Path(casebook_path)))
        from reader.storage.library import Library

        return cls.over(Library.open(Path(casebook_path), Path(library_path)))

    @classmethod
    def over(cls, source: CaseSource) -> Catalog:
        """A catalog over an open casebook or library (searching through their files, one connection per thread)."""
        from reader.storage.casebook import Casebook, PerThreadCasebook
        from reader.storage.library import Library, PerThreadLibrary

        if isinstance(source, Library):
            assert source.path is not None
            return cls(source, PerThreadLibrary(source.path, source.library_path), library=source)
        assert isinstance(source, Casebook) and source.path is not None
        return cls(source, PerThreadCasebook(source.path))

    @property
    def path(self) -> Path | None:
        """The bundled casebook's file."""
        return getattr(self.source, "path", None)

    def close(self) -> None:
        close = getattr(self.source, "close", None)
        if close is not None:
            close()

    # -- batches and cases --------------------------------------------------------------------------

    def batches(self) -> list[BatchSummary]:
        """Every batch with its case summaries: the bundled ones in their order, then the imported ones."""
        if self._batches is None:
            self._batches = self.source.batches()
            self._titles = {b.id: b.title for b in self._batches}
            self._case_batches = {c.id: b.id for b in self._batches for c in b.cases}
        return list(self._batches)

    def refresh(self) -> None:
        """The set of batches changed (import, rename, remove): read it again."""
        self._batches = None

    def summaries(self) -> list[CaseSummary]:
        """Every case's summary, in catalog order."""
        return [c for b in self.batches() for c in b.cases]

    def case_ids(self) -> list[str]:
        return [c.id for b in self.batches() for c in b.cases]

    def summary(self, case_id: str) -> CaseSummary:
        return self.source.summary(case_id)

    def case(self, case_id: str) -> Case:
        """The full case (raises :class:`~reader.storage.casebook.CaseNotFoundError`)."""
        return self.source.case(case_id)

    def cases(self, case_ids: Sequence[str] | None = None) -> list[Case]:
        return self.source.cases(case_ids)

    def batch_title(self, batch_id: str) -> str:
        """The batch's title ("" for an unknown batch)."""
        return self._current_titles().get(batch_id, "")

    def imported_batch_ids(self) -> set[str]:
        return self.library.imported_batch_ids() if self.library is not None else set()

    def is_imported(self, batch_id: str) -> bool:
        return self.library is not None and self.library.is_imported(batch_id)

    def meta(self) -> dict[str, str]:
        return self.source.meta()

    def case_count(self) -> int:
        return sum(len(b.cases) for b in self.batches())

    def _current_titles(self) -> dict[str, str]:
        self.batches()
        return self._titles

    def _current_case_batches(self) -> dict[str, str]:
        self.batches()
        return self._case_batches

    # -- filters --------------------------------------------------------------------------------

    def filter_values(self) -> FilterValues:
        """Every batch id, category and region (contributor) of the catalog, in catalog order."""
        categories: dict[str, None] = {}
        regions: dict[str, None] = {}
        for c in self.summaries():
            if c.category:
                categories[c.category] = None
            for r in c.contributors:
                regions[r] = None
        return FilterValues(tuple(b.id for b in self.batches()), tuple(categories), tuple(regions))

    def check_filters(self, filters: SearchFilters) -> None:
        """Raise :class:`UnknownFilterError` for the first value of ``filters`` the catalog does not have."""
        if not filters:
            return
        known = self.filter_values().by_facet()
        for facet, values in filters.by_facet().items():
            for value in values:
                if value not in known[facet]:
                    raise UnknownFilterError(facet, value, known[facet])

    # -- search (any thread) --------------------------------------------------------------------

    def search(
        self, query: str | Query, filters: SearchFilters = NO_FILTERS, *, limit: int | None = 50, offset: int = 0
    ) -> SearchResults:
        """Matching cases, best first, one hit per case; raises :class:`~reader.domain.query.QueryError`."""
        return merged_search(self._engines.engines(), query, filters, limit=limit, offset=offset)

    def facets(self, query: str | Query, filters: SearchFilters = NO_FILTERS) -> Facets:
        """Matching cases per batch, category, region and kind, each facet under the other facets' filters."""
        return merged_facets(self._engines.engines(), query, filters)


class MergedSearch:
    """``Library.search_engine``: :class:`SearchEngine`'s ``search`` and ``facets`` over several databases."""

    def __init__(self, engines: Sequence[SearchEngine]) -> None:
        self.engines = tuple(engines)

    def search(
        self,
        query: str | Query,
        *,
        batches: Sequence[str] = (),
        categories: Sequence[str] = (),
        regions: Sequence[str] = (),
        kinds: Sequence[str] = (),
        limit: int | None = 50,
        offset: int = 0,
    ) -> SearchResults:
        filters = SearchFilters(tuple(batches), tuple(categories), tuple(regions), tuple(kinds))
        return merged_search(self.engines, query, filters, limit=limit, offset=offset)

    def facets(self, query: str | Query, filters: SearchFilters = NO_FILTERS) -> Facets:
        return merged_facets(self.engines, query, filters)
