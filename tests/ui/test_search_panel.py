"""SearchPanel: search-as-you-type with facets, stale results dropped, errors shown in place."""

from __future__ import annotations

import re
import threading

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect, Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent, QPalette
from PySide6.QtWidgets import QApplication

from reader.models.results import HitRole
from reader.storage.casebook import Casebook
from reader.storage.catalog import Catalog
from reader.storage.search import NO_FILTERS, SearchFilters
from reader.ui.search_panel import SearchPanel
from tests.ui.uikit import drain_pool, type_chinese

pytestmark = pytest.mark.usefixtures("no_leftover_tasks")

#: Cases containing 仲裁, and how many there are per batch (the facet counts).
ARBITRATION_TOTAL = 6
ARBITRATION_BATCHES = {"stid-a": 3, "stid-c": 2, "sop-c": 1}


@pytest.fixture
def searcher(casebook_file):
    catalog = Catalog.open(casebook_file)
    yield catalog
    drain_pool()
    catalog.close()


@pytest.fixture
def batch_titles(casebook) -> dict[str, str]:
    return {b.id: b.title for b in casebook.batches()}


@pytest.fixture
def make_panel(qtbot, searcher, batch_titles):
    def make(*, searcher=searcher, page_size: int = 50) -> SearchPanel:
        panel = SearchPanel(searcher=searcher, batch_titles=batch_titles, page_size=page_size)
        qtbot.addWidget(panel)
        panel.resize(420, 700)
        panel.show()
        qtbot.waitExposed(panel)
        return panel

    return make


@pytest.fixture
def panel(make_panel) -> SearchPanel:
    return make_panel()


def _hits(panel: SearchPanel):
    return [panel.model.index(row, 0).data(HitRole) for row in range(panel.model.rowCount())]


def _search(qtbot, panel: SearchPanel, text: str) -> int:
    """Type ``text`` and wait for its results; return the total."""
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        type_chinese(panel.search_field, text)
    return blocker.args[0]


class GatedSearcher:
    """Wraps a searcher; a search for ``hold`` waits until :attr:`release` is set."""

    def __init__(self, inner, hold: str) -> None:
        self.inner = inner
        self.hold = hold
        self.entered = threading.Event()
        self.release = threading.Event()

    def search(self, query, filters=NO_FILTERS, **kwargs):
        if query == self.hold:
            self.entered.set()
            assert self.release.wait(10)
        return self.inner.search(query, filters, **kwargs)

    def facets(self, query, filters=NO_FILTERS):
        return self.inner.facets(query, filters)


def test_starts_with_a_hint(panel):
    assert not panel.showing_results()
    assert panel.message()
    assert panel.count_label.text() == ""
    assert not panel.is_searching()
    assert not panel.facet_box("batch").isEnabled()


def test_typing_shows_results(qtbot, panel, searcher):
    total = _search(qtbot, panel, "仲裁")
    assert total == ARBITRATION_TOTAL == panel.model.total == panel.model.rowCount()
    assert panel.query() == "仲裁"
    assert panel.showing_results()
    assert not panel.is_searching()
    assert str(total) in panel.count_label.text()
    hits = _hits(panel)
    assert [h.case_id for h in hits] == [h.case_id for h in searcher.search("仲裁", limit=None).hits]
    assert "stid-a-02" in [h.case_id for h in hits]  # 深化仲裁领域改革开放 …
    for hit in hits:
        assert hit.snippet_spans, hit
        for start, end in hit.snippet_spans:
            assert "".join(hit.snippet[start:end].split()) == "仲裁"
        assert "仲裁" in "".join(hit.snippet.split())
    # the facets are filled with this query's counts
    box = panel.facet_box("batch")
    assert box.isEnabled()
    assert [box.itemData(i) for i in range(1, box.count())] == list(ARBITRATION_BATCHES)
    for i in range(1, box.count()):
        assert box.itemText(i).endswith(f"({ARBITRATION_BATCHES[box.itemData(i)]})")
    for key in ("category", "region", "kind"):
        assert panel.facet_box(key).count() > 1, key
    kinds = panel.facet_box("kind")
    assert "(5)" in kinds.itemText(kinds.findData("practice"))


def test_debounce_coalesces_quick_edits(qtbot, panel):
    started: list[str] = []
    panel.search_started.connect(started.append)
    type_chinese(panel.search_field, "仲")
    type_chinese(panel.search_field, "裁")
    type_chinese(panel.search_field, "中")
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Backspace)
    assert panel.search_field.text() == "仲裁"
    assert started == [], "typing does not search at once"
    assert panel.is_searching()
    with qtbot.waitSignal(panel.search_finished, timeout=10000):
        pass
    with qtbot.assertNotEmitted(panel.search_started, wait=SearchPanel.DEBOUNCE_MS * 2):
        pass
    assert started == ["仲裁"]
    assert panel.model.total == ARBITRATION_TOTAL


def test_set_query_searches_at_once(qtbot, panel):
    started: list[str] = []
    panel.search_started.connect(started.append)
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as finished:
        panel.set_query("游艇")
        assert started == ["游艇"], "no debounce"
    assert panel.query() == "游艇"
    assert finished.args[0] >= 1
    assert "stid-a-06" in [h.case_id for h in _hits(panel)]


def test_stale_result_is_discarded(qtbot, make_panel, searcher):
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    pool.setMaxThreadCount(max(threads, 2))  # the held search and the next one run side by side
    gate = GatedSearcher(searcher, hold="游艇")
    panel = make_panel(searcher=gate)
    started: list[str] = []
    finished: list[int] = []
    panel.search_started.connect(started.append)
    panel.search_finished.connect(finished.append)
    try:
        panel.set_query("游艇")
        qtbot.waitUntil(gate.entered.is_set, timeout=5000)
        with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
            panel.set_query("仲裁")
        assert blocker.args == [ARBITRATION_TOTAL]
        ids = [h.case_id for h in _hits(panel)]
        with qtbot.assertNotEmitted(panel.search_finished), qtbot.assertNotEmitted(panel.model.modelReset):
            gate.release.set()
            drain_pool()  # the held 游艇 search returns now, after the newer one
    finally:
        gate.release.set()
        pool.setMaxThreadCount(threads)
    assert started == ["游艇", "仲裁"]
    assert finished == [ARBITRATION_TOTAL]
    assert [h.case_id for h in _hits(panel)] == ids
    assert "stid-a-06" not in ids
    assert panel.model.query == "仲裁"
    assert str(ARBITRATION_TOTAL) in panel.count_label.text()
    assert not panel.is_searching()


def test_ime_preedit_does_not_search(qtbot, panel):
    field = panel.search_field
    field.setFocus()
    with qtbot.assertNotEmitted(panel.search_started, wait=400):
        QApplication.sendEvent(field, QInputMethodEvent("zhongcai", []))
    assert field.text() == ""
    assert not panel.is_searching()
    commit = QInputMethodEvent("", [])
    commit.setCommitString("仲裁")
    with (
        qtbot.waitSignal(panel.search_finished, timeout=10000),
        qtbot.waitSignal(panel.search_started, timeout=5000) as started,
    ):
        QApplication.sendEvent(field, commit)
    assert started.args == ["仲裁"]
    assert panel.model.total == ARBITRATION_TOTAL


def test_batch_facet_narrows_results(qtbot, panel):
    assert _search(qtbot, panel, "仲裁") == ARBITRATION_TOTAL
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        panel.set_filter("batch", "stid-c")
    assert blocker.args == [ARBITRATION_BATCHES["stid-c"]]
    assert panel.filters() == SearchFilters(batches=("stid-c",))
    hits = _hits(panel)
    assert len(hits) == ARBITRATION_BATCHES["stid-c"]
    assert {h.batch_id for h in hits} == {"stid-c"}
    box = panel.facet_box("batch")
    assert box.currentData() == "stid-c"
    assert box.count() == 1 + len(ARBITRATION_BATCHES), "facet counts ignore the filter"
    # back to all batches
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        panel.set_filter("batch", None)
    assert blocker.args == [ARBITRATION_TOTAL]
    assert panel.filters().batches == ()


def test_facet_choice_survives_a_new_query(qtbot, panel):
    _search(qtbot, panel, "仲裁")
    with qtbot.waitSignal(panel.search_finished, timeout=10000):
        panel.set_filter("batch", "sop-c")
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        panel.set_query("游艇")
    assert blocker.args == [0]
    assert panel.facet_box("batch").currentData() == "sop-c"
    assert "(0)" in panel.facet_box("batch").currentText()
    assert not panel.showing_results()
    assert "“" in panel.message() and "游艇" in panel.message()


HOSTILE = ['"unbalanced', "*", "-", "OR", "'; DROP TABLE cases;--", "仲裁" * 1000, "😀", "游艇😀", '"仲裁']


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: q[:20])
def test_hostile_input_never_raises(qtbot, panel, casebook_file, query):
    outcome: list[tuple[str, object]] = []
    panel.search_finished.connect(lambda total: outcome.append(("finished", total)))
    panel.search_failed.connect(lambda text: outcome.append(("failed", text)))
    type_chinese(panel.search_field, query)
    qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
    assert len(outcome) == 1
    assert not panel.is_searching()
    assert panel.showing_results() or panel.message().strip()
    if panel.showing_results():
        assert panel.model.rowCount() > 0
    kind, value = outcome[0]
    if query == "仲裁" * 1000:
        assert kind == "failed"
        assert panel.message() == value and "cannot be searched" in value
        assert panel.model.rowCount() == 0 and panel.count_label.text() == ""
    elif query == '"仲裁':  # an unclosed quote runs to the end
        assert outcome == [("finished", ARBITRATION_TOTAL)]
        assert panel.showing_results()
    else:
        assert outcome == [("finished", 0)]
        assert not panel.showing_results()
    book = Casebook.open(casebook_file)
    try:
        assert book.case_count() == 80
    finally:
        book.close()


@pytest.mark.parametrize("query", ["-", "OR", "- OR -"])
def test_operators_alone_say_there_is_nothing_to_search(qtbot, panel, query):
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        panel.set_query(query)
    assert blocker.args == [0]
    assert "nothing to search" in panel.message()


def test_empty_result_shows_the_empty_state(qtbot, panel):
    assert _search(qtbot, panel, "不存在的词语组合xyz") == 0
    assert not panel.showing_results()
    assert panel.model.rowCount() == 0
    assert "No cases match" in panel.message()
    assert "不存在的词语组合xyz" in panel.message()
    assert "0" in panel.count_label.text()
    # a query with hits brings the list back
    panel.search_field.clear()
    assert _search(qtbot, panel, "仲裁") == ARBITRATION_TOTAL
    assert panel.showing_results()


def test_clearing_the_query_shows_the_hint_again(qtbot, panel):
    _search(qtbot, panel, "仲裁")
    with qtbot.assertNotEmitted(panel.search_started, wait=SearchPanel.DEBOUNCE_MS * 2):
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Escape)
    assert panel.query() == ""
    qtbot.waitUntil(lambda: not panel.is_searching(), timeout=2000)
    assert panel.model.rowCount() == 0
    assert not panel.showing_results()
    assert panel.message().startswith("Type to search")
    assert panel.count_label.text() == ""
    assert not panel.facet_box("batch").isEnabled()


def test_enter_on_a_result_opens_it(qtbot, panel):
    _search(qtbot, panel, "仲裁")
    index = panel.model.index(1, 0)
    panel.list.setCurrentIndex(index)
    panel.list.setFocus()
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert blocker.args == [panel.model.case_id(1), "仲裁", False]
    assert panel.selected_case_ids() == [panel.model.case_id(1)]


def test_enter_in_the_search_field_opens_the_current_result(qtbot, panel):
    _search(qtbot, panel, "仲裁")
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
    assert blocker.args == [panel.model.case_id(0), "仲裁", False]
    panel.list.setCurrentIndex(panel.model.index(2, 0))
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [panel.model.case_id(2), "仲裁", True]


def test_middle_click_opens_in_a_new_tab(qtbot, panel):
    _search(qtbot, panel, "仲裁")
    index = panel.model.index(2, 0)
    panel.list.scrollTo(index)
    rect = panel.list.visualRect(index)
    assert panel.list.viewport().rect().contains(rect.center())
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.MiddleButton, pos=rect.center())
    assert blocker.args == [panel.model.case_id(2), "仲裁", True]
    assert panel.selected_case_ids() == [], "a middle-click does not select"


def test_ctrl_enter_on_a_result_opens_in_a_new_tab(qtbot, panel):
    _search(qtbot, panel, "仲裁")
    panel.list.setCurrentIndex(panel.model.index(0, 0))
    panel.list.setFocus()
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [panel.model.case_id(0), "仲裁", True]


def test_later_pages_load_as_the_list_needs_them(qtbot, make_panel, searcher):
    panel = make_panel(page_size=2)
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        panel.set_query("仲裁")
    assert blocker.args == [ARBITRATION_TOTAL]
    assert str(ARBITRATION_TOTAL) in panel.count_label.text()
    # the list is taller than two results: the view asks the model for more until it is full or done
    qtbot.waitUntil(lambda: panel.model.rowCount() == ARBITRATION_TOTAL, timeout=10000)
    assert [h.case_id for h in _hits(panel)] == [h.case_id for h in searcher.search("仲裁", limit=None).hits]


def test_selection_in_rank_order(qtbot, panel):
    _search(qtbot, panel, "仲裁")
    selection = panel.list.selectionModel()
    with qtbot.waitSignal(panel.selection_changed, timeout=1000):
        selection.select(panel.model.index(3, 0), QItemSelectionModel.SelectionFlag.Select)
    selection.select(panel.model.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    assert panel.selected_case_ids() == [panel.model.case_id(0), panel.model.case_id(3)]


def _offered(panel: SearchPanel, key: str) -> dict[str, int]:
    """The values a facet box offers (not "All") with the count its label shows."""
    box = panel.facet_box(key)
    out = {}
    for i in range(1, box.count()):
        match = re.search(r"\((\d+)\)$", box.itemText(i))
        assert match, box.itemText(i)
        out[box.itemData(i)] = int(match.group(1))
    return out


def _choose(qtbot, panel: SearchPanel, key: str, value: str | None) -> int:
    """Choose ``value`` in the facet box ``key`` as a user does (its row; "All" for None); return the total."""
    box = panel.facet_box(key)
    row = box.findData(value) if value is not None else 0
    assert row >= 0, (key, value)
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        box.setCurrentIndex(row)
    return blocker.args[0]


def _every_offered_count_is_what_choosing_it_gives(qtbot, panel: SearchPanel) -> int:
    """Try every value every box offers; each must give exactly the count it was offered with. Returns how
    many were tried. The boxes are left as they were."""
    tried = 0
    for key in ("batch", "category", "region", "kind"):
        chosen = panel.facet_box(key).currentData()
        for value, count in _offered(panel, key).items():
            if value == chosen:
                assert panel.model.total == count, (key, value)
                continue
            assert _choose(qtbot, panel, key, value) == count, (key, value, count)
            assert panel.model.total == count and panel.count_label.text().startswith(str(count))
            tried += 1
        if panel.facet_box(key).currentData() != chosen:
            _choose(qtbot, panel, key, chosen)
    return tried


def test_facet_counts_drill_down_two_facets_chosen_in_turn(qtbot, panel):
    """After choosing a batch, then a region, every value offered in every box gives the number of results
    its label promises, and no box offers a value without hits (besides the one chosen)."""
    assert _search(qtbot, panel, "服务") > 50
    assert _every_offered_count_is_what_choosing_it_gives(qtbot, panel) > 20

    batches = _offered(panel, "batch")
    batch = max(batches, key=batches.get)
    assert _choose(qtbot, panel, "batch", batch) == batches[batch]
    regions = _offered(panel, "region")
    assert regions and all(n > 0 for n in regions.values())
    # Only regions with hits in this batch are offered (here: fewer than in the whole library).
    assert {h.batch_id for h in _hits(panel)} == {batch}
    assert _every_offered_count_is_what_choosing_it_gives(qtbot, panel) > 5

    region = max(regions, key=regions.get)
    assert _choose(qtbot, panel, "region", region) == regions[region]
    assert all(h.batch_id == batch for h in _hits(panel))
    for key in ("batch", "category", "kind"):
        assert all(n > 0 for n in _offered(panel, key).values()), key
    assert _every_offered_count_is_what_choosing_it_gives(qtbot, panel) > 2


def test_when_the_filters_leave_nothing_the_message_says_so_and_clears_them(qtbot, panel):
    assert _search(qtbot, panel, "仲裁") == ARBITRATION_TOTAL
    assert _choose(qtbot, panel, "batch", "sop-c") == ARBITRATION_BATCHES["sop-c"]
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        panel.set_query("游艇")  # in stid-a and stid-b only
    assert blocker.args == [0]
    message = panel.message()
    assert "游艇" in message and "filters" in message and "2 case(s)" in message
    assert panel.clear_filters_button.isVisible()
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        qtbot.mouseClick(panel.clear_filters_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [2] and panel.showing_results()
    assert panel.filters() == NO_FILTERS and panel.facet_box("batch").currentData() is None
    # A query that finds nothing at all says so, without offering to clear anything.
    assert _search(qtbot, panel, "不存在的词语组合xyz") == 0
    assert "No cases match" in panel.message() and not panel.clear_filters_button.isVisible()


def _mark_pixels(image, rect, colour) -> int:
    """Pixels of ``colour`` inside ``rect`` of ``image``."""
    return sum(
        1
        for y in range(rect.top(), rect.bottom() + 1, 2)
        for x in range(rect.left(), rect.right() + 1, 2)
        if image.pixelColor(x, y) == colour
    )


def test_a_number_lists_cases_where_it_stands_alone_first(qtbot, panel):
    """``3家``: 首批 3 家 (stid-a-01) before 联合43家 (stid-b-18), in the list the user sees."""
    _search(qtbot, panel, "3家")
    hits = _hits(panel)
    ids = [h.case_id for h in hits]
    assert ids.index("stid-a-01") < ids.index("stid-b-18")
    whole = [h.whole_numbers for h in hits]
    assert whole == sorted(whole, reverse=True) and True in whole and False in whole


def test_result_titles_show_their_hits_and_a_hit_count(qtbot, panel):
    _search(qtbot, panel, "仲裁")
    row = [h.case_id for h in _hits(panel)].index("stid-a-02")
    hit = _hits(panel)[row]
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["仲裁", "仲裁"]
    delegate = panel.list.itemDelegate()
    count = delegate.count_text(hit)
    assert str(hit.hit_count) in count and hit.hit_count > 10
    # The title is painted with its two hits marked, and the count at the right of the title line.
    index = panel.model.index(row, 0)
    panel.list.scrollTo(index)
    qtbot.wait(50)
    rect = panel.list.visualRect(index)
    image = panel.list.viewport().grab().toImage()
    title_band = QRect(rect.left(), rect.top() + 6, rect.width(), panel.list.fontMetrics().height() - 2)
    mark, _ = delegate.mark_colors(panel.list.palette())
    assert _mark_pixels(image, title_band, mark) > 20
    layout = delegate.title_layout(hit, panel.list.font(), panel.list.palette(), 2000)
    assert [(r.start, r.length) for r in layout.formats()] == [(a, b - a) for a, b in hit.title_spans]
    # A result whose title has no hit gets no mark in its title.
    other = next(h for h in _hits(panel) if not h.title_spans)
    assert not delegate.title_layout(other, panel.list.font(), panel.list.palette(), 2000).formats()


def test_batches_with_the_same_title_are_told_apart_in_the_facet(qtbot, searcher, casebook):
    """stid-a and stid-c are both 全面深化服务贸易创新发展试点最佳实践案例: their case counts tell them apart."""
    from reader.ui.batch_labels import batch_labels

    panel = SearchPanel(searcher=searcher, batch_titles=batch_labels(casebook.batches()))
    qtbot.addWidget(panel)
    _search(qtbot, panel, "仲裁")
    box = panel.facet_box("batch")
    texts = {box.itemData(i): box.itemText(i) for i in range(1, box.count())}
    title = "全面深化服务贸易创新发展试点最佳实践案例"
    assert texts["stid-a"] == f"{title} · 25 case(s) (3)"  # 25 cases in the batch, 3 of them match
    assert texts["stid-c"] == f"{title} · 16 case(s) (2)"
    assert texts["sop-c"].startswith(
        "国家服务业扩大开放综合试点示范建设第三批最佳实践案例 ("
    )  # a unique title: as it is
    assert "stid-" not in "".join(texts.values())  # no internal ids


def test_down_from_the_search_field_selects_and_shows_the_first_result(qtbot, panel):
    panel.activateWindow()
    _search(qtbot, panel, "仲裁")
    panel.search_field.setFocus()
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Down)
    assert panel.list.hasFocus()
    first = panel.model.index(0, 0)
    assert panel.list.currentIndex() == first
    assert [i.row() for i in panel.list.selectionModel().selectedRows()] == [0]
    # Painted as selected: the row's background is the highlight colour.
    qtbot.wait(50)
    rect = panel.list.visualRect(first)
    image = panel.list.viewport().grab().toImage()
    highlight = panel.list.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    assert image.pixelColor(rect.right() - 3, rect.center().y()).name() == highlight.name()
    # The next Down moves on (the first one was not spent on making a row current).
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert [i.row() for i in panel.list.selectionModel().selectedRows()] == [1]
    # Back in the field after the list was used: Down selects the current row again, shown.
    panel.list.selectionModel().clearSelection()
    panel.search_field.setFocus()
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Down)
    assert [i.row() for i in panel.list.selectionModel().selectedRows()] == [1]
