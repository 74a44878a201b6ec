"""ResultsModel: lazy list of search hits, later pages fetched on a pool thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt

from reader.models.results import CaseIdRole, HitRole, ResultsModel
from reader.storage.catalog import Catalog
from reader.storage.search import CaseHit, SearchResults
from tests.ui.uikit import drain_pool

pytestmark = pytest.mark.usefixtures("no_leftover_tasks")


def _hit(n: int) -> CaseHit:
    return CaseHit(
        case_id=f"case-{n}",
        batch_id="batch",
        title=f"Title {n}",
        section=f"Section {n}" if n % 2 else "",
        snippet=f"snippet {n}",
        snippet_spans=[(0, 7)],
    )


class RecordingFetcher:
    """A fetch_page over ``total`` made-up hits that records each call and the thread it ran on."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.calls: list[tuple[int, int]] = []
        self.threads: list[int] = []

    def __call__(self, offset: int, limit: int) -> list[CaseHit]:
        self.calls.append((offset, limit))
        self.threads.append(threading.get_ident())
        return [_hit(n) for n in range(offset, min(self.total, offset + limit))]


def _ids(model: ResultsModel) -> list[str]:
    return [model.index(row, 0).data(CaseIdRole) for row in range(model.rowCount())]


def test_model_passes_the_qt_model_tester(qtbot, qtmodeltester, casebook_file):
    searcher = Catalog.open(casebook_file)
    model = ResultsModel(page_size=2)
    qtmodeltester.check(model)  # empty
    first = searcher.search("仲裁", limit=2, offset=0)
    assert first.total == 6 and len(first.hits) == 2
    model.set_results(first, fetch_page=lambda offset, limit: searcher.search("仲裁", limit=limit, offset=offset).hits)
    qtbot.waitUntil(lambda: not model.fetching, timeout=10000)  # in case the tester asked for more
    while model.canFetchMore(QModelIndex()):  # the tester checks every insertion
        with qtbot.waitSignal(model.page_fetched, timeout=10000):
            model.fetchMore(QModelIndex())
    assert model.rowCount() == 6
    model.clear()
    assert model.rowCount() == 0 and model.total == 0


def test_data_and_roles():
    model = ResultsModel(page_size=10)
    hits = [_hit(0), _hit(1)]
    model.set_results(SearchResults("q", 2, hits))
    assert model.rowCount() == 2
    assert model.total == 2 and model.query == "q"
    first, second = model.index(0, 0), model.index(1, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == "Title 0"
    assert first.data(CaseIdRole) == "case-0"
    assert first.data(HitRole) is hits[0]
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "Title 0"
    assert second.data(Qt.ItemDataRole.ToolTipRole) == "Title 1\nSection 1"
    assert model.case_id(1) == "case-1"
    assert model.hit(1) is hits[1]
    assert model.hits() == hits
    assert model.rowCount(first) == 0
    assert model.flags(first) & Qt.ItemFlag.ItemNeverHasChildren
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert model.index(5, 0).data(CaseIdRole) is None
    # no fetch_page: nothing more to fetch, whatever the total says
    model.set_results(SearchResults("q", 99, hits))
    assert model.total == 99
    assert not model.canFetchMore(QModelIndex())
    with pytest.raises(ValueError):
        ResultsModel(page_size=0)


def test_later_pages_are_fetched_lazily_in_the_background(qtbot):
    fetcher = RecordingFetcher(total=5)
    model = ResultsModel(page_size=2)
    model.set_results(SearchResults("q", 5, fetcher(0, 2)), fetch_page=fetcher)
    fetcher.calls.clear()
    fetcher.threads.clear()
    assert model.rowCount() == 2
    assert model.canFetchMore(QModelIndex())
    assert not model.canFetchMore(model.index(0, 0))
    assert fetcher.calls == [], "nothing is fetched before the view asks"

    with qtbot.waitSignal(model.page_fetched, timeout=5000) as blocker:
        model.fetchMore(QModelIndex())
        assert model.fetching
        model.fetchMore(QModelIndex())  # one page in flight at a time
    assert blocker.args == [4]
    assert fetcher.calls == [(2, 2)]
    assert fetcher.threads[0] != threading.get_ident(), "pages are fetched off the GUI thread"
    assert not model.fetching
    assert _ids(model) == ["case-0", "case-1", "case-2", "case-3"]

    with qtbot.waitSignal(model.page_fetched, timeout=5000) as blocker:
        model.fetchMore(QModelIndex())
    assert blocker.args == [5]
    assert fetcher.calls == [(2, 2), (4, 2)]
    assert _ids(model) == [f"case-{n}" for n in range(5)]
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    drain_pool()
    assert fetcher.calls == [(2, 2), (4, 2)]


def test_real_pages_follow_the_first_in_rank_order(qtbot, casebook_file):
    searcher = Catalog.open(casebook_file)
    every = [h.case_id for h in searcher.search("仲裁", limit=None).hits]
    assert len(every) == 6
    model = ResultsModel(page_size=4)
    model.set_results(
        searcher.search("仲裁", limit=4, offset=0),
        fetch_page=lambda offset, limit: searcher.search("仲裁", limit=limit, offset=offset).hits,
    )
    assert model.rowCount() == 4
    with qtbot.waitSignal(model.page_fetched, timeout=10000) as blocker:
        model.fetchMore(QModelIndex())
    assert blocker.args == [6]
    assert _ids(model) == every


def test_short_page_stops_fetching(qtbot):
    fetcher = RecordingFetcher(total=3)  # fewer hits than the total promises
    model = ResultsModel(page_size=2)
    model.set_results(SearchResults("q", 10, fetcher(0, 2)), fetch_page=fetcher)
    with qtbot.waitSignal(model.page_fetched, timeout=5000):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 3
    with qtbot.assertNotEmitted(model.page_fetched):
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.fetching, timeout=5000)
    assert not model.canFetchMore(QModelIndex())
    assert model.rowCount() == 3


def test_stale_page_is_dropped_after_new_results(qtbot):
    started = threading.Event()
    release = threading.Event()
    calls: list[tuple[int, int]] = []

    def slow_fetch(offset: int, limit: int) -> list[CaseHit]:
        calls.append((offset, limit))
        started.set()
        release.wait(10)
        return [_hit(100 + n) for n in range(offset, offset + limit)]

    model = ResultsModel(page_size=2)
    model.set_results(SearchResults("old", 10, [_hit(100), _hit(101)]), fetch_page=slow_fetch)
    try:
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(started.is_set, timeout=5000)
        with qtbot.waitSignal(model.modelReset, timeout=1000):
            # more hits than rows, so a stale page at offset 2 would fit if it were not dropped
            model.set_results(SearchResults("new", 10, [_hit(0), _hit(1)]))
        assert not model.fetching
        with qtbot.assertNotEmitted(model.page_fetched), qtbot.assertNotEmitted(model.rowsInserted):
            release.set()
            drain_pool()
    finally:
        release.set()
    assert calls == [(2, 2)]
    assert model.query == "new"
    assert _ids(model) == ["case-0", "case-1"]


def test_stale_page_does_not_block_fetching_the_new_results(qtbot):
    release = threading.Event()
    fetcher = RecordingFetcher(total=6)

    def slow_fetch(offset: int, limit: int) -> list[CaseHit]:
        release.wait(10)
        return [_hit(100 + n) for n in range(offset, offset + limit)]

    model = ResultsModel(page_size=2)
    model.set_results(SearchResults("old", 10, [_hit(100), _hit(101)]), fetch_page=slow_fetch)
    try:
        model.fetchMore(QModelIndex())
        model.set_results(SearchResults("new", 6, fetcher(0, 2)), fetch_page=fetcher)
        with qtbot.waitSignal(model.page_fetched, timeout=5000) as blocker:
            model.fetchMore(QModelIndex())
        assert blocker.args == [4]
        release.set()
        drain_pool()
    finally:
        release.set()
    assert _ids(model) == [f"case-{n}" for n in range(4)]


def test_fetch_failure_emits_fetch_failed(qtbot):
    calls: list[int] = []

    def broken(offset: int, limit: int) -> list[CaseHit]:
        calls.append(offset)
        raise RuntimeError("disk on fire")

    model = ResultsModel(page_size=2)
    model.set_results(SearchResults("q", 5, [_hit(0), _hit(1)]), fetch_page=broken)
    with qtbot.waitSignal(model.fetch_failed, timeout=5000) as blocker, qtbot.assertNotEmitted(model.page_fetched):
        model.fetchMore(QModelIndex())
    (exc,) = blocker.args
    assert isinstance(exc, RuntimeError) and str(exc) == "disk on fire"
    assert not model.fetching
    assert model.rowCount() == 2 and model.total == 5
    assert not model.canFetchMore(QModelIndex()), "no further pages are requested after a failure"
    model.fetchMore(QModelIndex())
    drain_pool()
    assert calls == [2]


def test_stale_failure_is_ignored(qtbot):
    release = threading.Event()

    def broken(offset: int, limit: int) -> list[CaseHit]:
        release.wait(10)
        raise RuntimeError("too late")

    model = ResultsModel(page_size=2)
    model.set_results(SearchResults("old", 5, [_hit(0), _hit(1)]), fetch_page=broken)
    try:
        model.fetchMore(QModelIndex())
        model.clear()
        with qtbot.assertNotEmitted(model.fetch_failed):
            release.set()
            drain_pool()
    finally:
        release.set()
    assert model.rowCount() == 0 and model.total == 0
