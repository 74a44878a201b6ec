"""The compare view, the compare picker and the similar-cases panel, driven like a user (offscreen)."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.domain.compare import MAX_CASES, align
from reader.domain.terms import TermIndex
from reader.domain.text import plain_text
from reader.models.library import CASE_IDS_MIME, CaseIdRole, LibraryModel
from reader.ui.batch_labels import batch_labels
from reader.ui.compare_columns import HIGHLIGHT_COLOURS, TERM_COLOURS
from reader.ui.compare_paint import painted_spans
from reader.ui.compare_picker import CandidateModel, ComparePicker, SimilarCasesPanel, candidate_of
from reader.ui.compare_view import CompareView
from reader.ui.library_view import LibraryPane
from reader.ui.term_service import TermService
from tests.ui.uikit import type_chinese

ARBITRATION = ["stid-a-02", "stid-a-22"]  # the two cases with the most 仲裁 in the casebook
FOUR = ["stid-a-02", "stid-a-22", "sop-a-ce709208", "stid-b-01"]

_INDEX: dict[str, TermIndex] = {}


@pytest.fixture
def index(casebook) -> TermIndex:
    """The term index of the bundled casebook (built once for the whole module: it is immutable)."""
    if "index" not in _INDEX:
        _INDEX["index"] = TermIndex.build(casebook.cases())
    return _INDEX["index"]


@pytest.fixture
def terms(casebook, index) -> TermService:
    service = TermService(load_cases=casebook.cases)
    service.set_index(index)
    return service


@pytest.fixture
def make_view(qtbot, casebook, terms):
    titles = {b.id: b.title for b in casebook.batches()}

    def load(case_id: str):
        case = casebook.case(case_id)
        return case, titles.get(case.batch_id, "")

    def make(ids=(), *, highlights=None, size=(1400, 800), term_service=terms) -> CompareView:
        view = CompareView(load_case=load, term_service=term_service, highlights=highlights)
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        qtbot.waitExposed(view)
        if ids:
            view.set_cases(list(ids))
        return view

    return make


def _doc_text(view: CompareView, column: int, start: int, end: int) -> str:
    cursor = QTextCursor(view.browser(column).document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def _drop(view: CompareView, ids: list[str]) -> QDropEvent:
    mime = QMimeData()
    mime.setData(CASE_IDS_MIME, "\n".join(ids).encode("utf-8"))
    pos = QPointF(view.width() / 2, view.height() / 2)
    enter = QDragEnterEvent(
        pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted(), "the view accepts dragged cases"
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, drop)
    return drop


# Opening a comparison ----------------------------------------------------------------------------


def test_compare_two_cases_from_a_tree_multi_selection(qtbot, casebook, make_view):
    pane = LibraryPane(model=LibraryModel(batches=casebook.batches()))
    qtbot.addWidget(pane)
    pane.show()
    assert pane.reveal("stid-a-22")
    index = pane.proxy().mapFromSource(pane.model().case_index("stid-a-02"))
    pane.tree.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    ids = pane.selected_case_ids()
    assert ids == ARBITRATION

    view = make_view()
    with qtbot.waitSignal(view.cases_changed) as blocker:
        view.set_cases(ids)
    assert blocker.args == [ARBITRATION]
    assert view.case_ids() == ARBITRATION
    assert view.header(0).title.text().replace("\u2060", "") == casebook.summary("stid-a-02").display_title
    assert "上海市" in view.header(0).contributors.text()
    assert view.alignment().rows == align([casebook.case(i) for i in ARBITRATION]).rows
    assert view.rows.is_level()
    assert view.hint.isHidden()
    assert "深化仲裁" in view.title() and view.title().count("|") == 1


def test_rows_are_padded_to_line_up_at_any_width_and_zoom(qtbot, make_view):
    view = make_view(FOUR)
    heights = [view.browser(i).natural_heights() for i in range(4)]
    differing = [r for r in range(len(heights[0])) if len({round(h[r]) for h in heights}) > 1]
    assert differing, "the cells really have different heights"
    assert view.rows.is_level()
    assert any(p > 0 for i in range(4) for p in view.browser(i).pads)
    with qtbot.waitSignal(view.aligned, timeout=5000):
        view.resize(900, 700)
    assert view.rows.is_level()
    view.zoom_in()
    view.zoom_in()
    assert view.zoom() == 120
    assert view.rows.is_level()
    # every empty cell says so, and the topical case has no practice section
    practice = view.alignment().row_index("practice.1")
    b = view.browser(2)
    start = b.row_blocks[practice].position()
    assert _doc_text(view, 2, start, b.spacers[practice].position()).strip() == "Not in this case"


def test_sync_scroll_moves_the_other_columns_to_the_same_row(qtbot, make_view):
    view = make_view(FOUR[:2])
    b0, b1 = view.browser(0), view.browser(1)
    assert view.rows.is_on()
    bar = b0.verticalScrollBar()
    reachable = [r for r, top in enumerate(b0.row_tops()) if r and top + 5 <= bar.maximum()]
    assert len(reachable) >= 5
    for row in reachable[::2]:
        bar.setValue(round(b0.row_tops()[row]) + 5)
        assert b0.current_row() == row
        assert b1.current_row() == row


def test_sync_goes_by_row_not_by_pixel(qtbot, make_view):
    view = make_view(FOUR[:2])
    b0, b1 = view.browser(0), view.browser(1)
    b1.set_pads([p + 40 for p in b1.pads])  # column 1 now taller row by row: the same pixel is another row
    bar = b0.verticalScrollBar()
    row = [r for r, top in enumerate(b0.row_tops()) if top <= bar.maximum()][-3]
    assert row >= 5
    bar.setValue(round(b0.row_tops()[row]))
    assert b1.current_row() == row
    assert b1.verticalScrollBar().value() != b0.verticalScrollBar().value()
    assert abs(b1.verticalScrollBar().value() - b1.row_tops()[row]) <= 1


def test_sync_off_lets_a_column_scroll_alone(qtbot, make_view):
    view = make_view(FOUR[:2])
    b0, b1 = view.browser(0), view.browser(1)
    view.act_sync.trigger()
    assert not view.rows.is_on()
    b0.verticalScrollBar().setValue(round(b0.row_tops()[7]))
    assert b1.verticalScrollBar().value() == 0
    b1.verticalScrollBar().setValue(round(b1.row_tops()[2]))
    assert b0.current_row() == 7 and b1.current_row() == 2
    view.set_sync(True)  # back on: the others follow the column scrolled last
    assert b0.current_row() == 2


# Columns ---------------------------------------------------------------------------------------


def test_remove_a_column(qtbot, make_view):
    view = make_view(FOUR[:3])
    with qtbot.waitSignal(view.cases_changed):
        qtbot.mouseClick(view.header(1).remove_button, Qt.MouseButton.LeftButton)
    assert view.case_ids() == [FOUR[0], FOUR[2]]
    assert view.column_count() == 2
    assert len(view.alignment().columns) == 2
    assert view.rows.is_level()
    view.remove_column(0)
    assert view.case_ids() == [FOUR[2]]
    assert not view.hint.isHidden(), "one case left: a hint to add another"
    assert view.legend.isHidden()


def test_swap_columns(qtbot, make_view):
    view = make_view(FOUR[:3])
    view.swap_columns(0, 2)
    assert view.case_ids() == [FOUR[2], FOUR[1], FOUR[0]]
    assert view.header(0).title.text().replace("\u2060", "").endswith("探索数字化手段在公共管理服务中的多场景应用")
    assert not view.header(0).left_button.isEnabled() and not view.header(2).right_button.isEnabled()
    qtbot.mouseClick(view.header(0).right_button, Qt.MouseButton.LeftButton)
    assert view.case_ids() == [FOUR[1], FOUR[2], FOUR[0]]
    assert view.alignment().case_ids == tuple(view.case_ids())
    assert view.rows.is_level()


def test_add_a_column_by_dropping_cases(qtbot, casebook, make_view):
    view = make_view(FOUR[:2])
    model = LibraryModel(batches=casebook.batches())
    mime = model.mimeData([model.case_index(FOUR[2])])
    assert mime is not None and mime.hasFormat(CASE_IDS_MIME)
    with qtbot.waitSignal(view.cases_changed):
        _drop(view, [FOUR[2]])
    assert view.case_ids() == FOUR[:3]
    assert view.rows.is_level()
    _drop(view, [FOUR[0]])
    assert view.case_ids() == FOUR[:3]
    assert "already" in view.message()


def test_a_fifth_column_is_refused_with_a_clear_message(qtbot, make_view):
    view = make_view(FOUR)
    assert not view.act_add.isEnabled()
    with qtbot.waitSignal(view.message_changed) as blocker:
        assert view.add_case("stid-c-02") is False
    assert view.case_ids() == FOUR
    text = blocker.args[0]
    assert str(MAX_CASES) in text and "remove a column" in text
    assert view.message() == text and view.message_label.isVisible()
    _drop(view, ["stid-c-03"])
    assert view.case_ids() == FOUR
    view.remove_column(3)
    assert view.add_case("stid-c-02") and view.message() == ""


def test_set_cases_keeps_four_and_reports_the_rest(qtbot, make_view):
    view = make_view()
    shown = view.set_cases([*FOUR, "stid-c-02", "no-such-case"])
    assert shown == FOUR
    assert str(MAX_CASES) in view.message()
    view.set_cases(["stid-a-02", "no-such-case"])
    assert view.case_ids() == ["stid-a-02"]
    assert "no-such-case" in view.message()


# Painting ---------------------------------------------------------------------------------------


def test_annotation_highlights_are_painted(qtbot, casebook, make_view):
    text = plain_text(casebook.case("stid-a-22"))
    start = text.index("仲裁")
    spans = {"stid-a-22": [(start, start + 2, 2)], "stid-a-02": []}
    view = make_view(ARBITRATION, highlights=lambda cid: spans.get(cid, []))
    view.set_terms_visible(False)
    painted = painted_spans(view.browser(1))
    assert [(_doc_text(view, 1, a, b), colour) for a, b, colour in painted] == [("仲裁", HIGHLIGHT_COLOURS[2])]
    assert painted_spans(view.browser(0)) == []
    spans["stid-a-02"] = [(0, 10_000, 0)]  # a span past the end is clipped, decorations are skipped
    view.refresh_highlights()
    assert len(painted_spans(view.browser(0))) >= len(view.browser(0).cell_maps)


def test_search_hits_are_painted(qtbot, make_view):
    view = make_view(ARBITRATION)
    view.set_terms_visible(False)
    view.set_query("仲裁")
    painted = painted_spans(view.browser(0))
    assert len(painted) >= 80, "stid-a-02 has 93 hits, title and headings aside"
    assert {_doc_text(view, 0, a, b) for a, b, _ in painted} == {"仲裁"}
    view.set_query("")
    assert painted_spans(view.browser(0)) == []


def test_shared_terms_are_coloured_with_a_legend_and_a_toggle(qtbot, make_view):
    view = make_view()
    with qtbot.waitSignal(view.terms_changed, timeout=10000) as blocker:
        view.set_cases(ARBITRATION)
    texts = blocker.args[0]
    assert "仲裁" in texts
    assert view.legend.terms() == texts and view.legend.isVisible()
    first = TERM_COLOURS[texts.index("仲裁")]
    for column in (0, 1):
        words = {
            _doc_text(view, column, a, b) for a, b, colour in painted_spans(view.browser(column)) if colour == first
        }
        assert words == {"仲裁"}
    view.act_terms.trigger()
    assert not view.terms_visible() and view.legend.isHidden()
    assert painted_spans(view.browser(0)) == []
    view.act_terms.trigger()
    assert painted_spans(view.browser(0))


def test_terms_wait_for_the_index_built_in_the_background(qtbot, casebook, make_view):
    service = TermService(load_cases=casebook.cases)
    view = make_view(term_service=service)
    with qtbot.waitSignal(view.terms_changed, timeout=20000):
        view.set_cases(ARBITRATION)
        assert "Finding" in view.legend.status.text()
    assert service.index() is not None and "仲裁" in view.legend.terms()


def test_a_selection_asks_for_a_highlight_in_plain_text_offsets(qtbot, casebook, make_view):
    view = make_view(ARBITRATION)
    text = plain_text(casebook.case("stid-a-22"))
    start = text.index("仲裁")
    b = view.browser(1)
    (doc_start, doc_end), *_ = b.plain_to_doc(start, start + 6)
    cursor = b.textCursor()
    cursor.setPosition(doc_start)
    cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
    b.setTextCursor(cursor)
    with qtbot.waitSignal(view.highlight_requested) as blocker:
        assert b.request_highlight()
    assert blocker.args == ["stid-a-22", start, start + 6]
    b.setTextCursor(QTextCursor(b.document()))
    with qtbot.assertNotEmitted(view.highlight_requested):
        assert not b.request_highlight()


# History ---------------------------------------------------------------------------------------


def test_state_restores_cases_row_and_toggles(qtbot, make_view):
    view = make_view(FOUR[:3])
    view.set_query("仲裁")
    view.zoom_in()
    view.rows.scroll_to_row("effect.1.2")
    view.set_terms_visible(False)
    state = view.state()
    assert state["case_ids"] == FOUR[:3] and state["row"] == "effect.1.2"
    assert state["zoom"] == 110 and state["terms"] is False and state["sync"] is True and state["query"] == "仲裁"

    other = make_view()
    other.restore(state)
    assert other.case_ids() == FOUR[:3]
    assert other.rows.current_row_key() == "effect.1.2"
    assert other.zoom() == 110 and not other.terms_visible() and other.rows.is_on() and other.query() == "仲裁"
    assert other.browser(2).current_row() == other.alignment().row_index("effect.1.2")


# Picker and similar cases ----------------------------------------------------------------------------


def test_candidate_model(qtmodeltester, casebook):
    model = CandidateModel()
    titles = {b.id: b.title for b in casebook.batches()}
    summaries = [casebook.summary(cid) for cid in FOUR]
    model.set_candidates(
        [candidate_of(s, titles[s.batch_id], 0.5 if i == 0 else None) for i, s in enumerate(summaries)]
    )
    qtmodeltester.check(model)
    assert model.case_ids() == FOUR
    assert model.index(0, 0).data(CaseIdRole) == FOUR[0]
    assert "0.500" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    mime = model.mimeData([model.index(1, 0), model.index(0, 0)])
    assert bytes(mime.data(CASE_IDS_MIME).data()).decode().splitlines() == FOUR[:2]
    model.append([candidate_of(summaries[0], ""), candidate_of(casebook.summary("stid-c-02"), "")])
    assert model.case_ids() == [*FOUR, "stid-c-02"]
    qtmodeltester.check(model)


class FullTextSearcher:
    """A thread-safe stand-in for the library search with its semantics (``find_spans``) over given texts."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.queries: list[str] = []

    def search(self, query: str, **_kwargs):
        from types import SimpleNamespace

        from reader.storage.search import find_spans

        self.queries.append(query)
        hits = [SimpleNamespace(case_id=cid) for cid, text in self.texts.items() if find_spans(text, query)]
        return SimpleNamespace(hits=hits, total=len(hits))


def _picker(qtbot, casebook, terms, **kwargs) -> ComparePicker:
    summaries = [c for b in casebook.batches() for c in b.cases]
    picker = ComparePicker(
        summaries=summaries,
        batch_titles=batch_labels(casebook.batches()),
        term_service=terms,
        searcher=FullTextSearcher({c.id: plain_text(c) for c in casebook.cases()}),
        **kwargs,
    )
    qtbot.addWidget(picker)
    picker.show()
    return picker


def test_picker_suggests_similar_cases_and_searches(qtbot, casebook, terms, index):
    picker = _picker(qtbot, casebook, terms, base_case_id="stid-a-02", exclude=["stid-b-01"], max_count=2)
    ids = picker.model.case_ids()
    assert "stid-a-02" not in ids and "stid-b-01" not in ids
    assert ids[:3] == [s.case_id for s in index.similar("stid-a-02", limit=3)]
    assert set(ids[:3]) == {"stid-a-22", "stid-c-03", "stid-c-02"}  # the legal-services cases
    # Each suggestion shows its region, its score and its batch (told apart from the one of the same title).
    delegate = picker.list.itemDelegate()
    line = delegate.second_line(picker.model.candidate(ids.index("stid-a-22")))
    assert line.startswith("成都市 · ") and "0." in line
    assert line.endswith("全面深化服务贸易创新发展试点最佳实践案例 · 25 case(s)")  # tests run untranslated
    assert len(ids) == 78, "then every other case"

    type_chinese(picker.field, "成都")  # a contributor: the quick filter
    quick = picker.model.case_ids()
    assert "stid-a-22" in quick and len(quick) < 10
    with qtbot.waitSignal(picker.search_finished, timeout=10000):
        picker.set_filter("仲裁")  # no title has it beyond the base case: found by the full-text search
    assert "stid-a-22" in picker.model.case_ids()
    assert "stid-a-02" not in picker.model.case_ids(), "never the base case"
    assert picker._searcher.queries[-1] == "仲裁"

    ok = picker.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    picker.select(picker.model.case_ids()[:3])
    assert not ok.isEnabled() and "2" in picker.note.text()
    picker.select(["stid-a-22"])
    assert ok.isEnabled() and picker.selected_case_ids() == ["stid-a-22"]


def test_similar_cases_panel(qtbot, casebook, terms):
    panel = SimilarCasesPanel(
        term_service=terms,
        summaries=[c for b in casebook.batches() for c in b.cases],
        batch_titles={b.id: b.title for b in casebook.batches()},
        limit=5,
    )
    qtbot.addWidget(panel)
    panel.show()
    panel.set_case("stid-a-02")
    ids = panel.similar_case_ids()
    assert len(ids) == 5 and "stid-a-02" not in ids and "stid-a-22" in ids[:3]
    # Two lines a row: the title, then region · score · batch.
    rect = panel.list.visualRect(panel.model.index(0, 0))
    assert rect.height() >= 2 * panel.list.fontMetrics().height()
    first = panel.model.candidate(0)
    assert panel.list.itemDelegate().second_line(first) == (
        f"{first.regions} · similarity {first.score:.2f} · {first.batch}"
    )
    panel.list.setCurrentIndex(panel.model.index(0, 0))
    with qtbot.waitSignal(panel.compare_requested) as blocker:
        qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [["stid-a-02", ids[0]]]
    panel.list.setCurrentIndex(panel.model.index(1, 0))
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert opened.args == [ids[1]]
    panel.set_case(None)
    assert panel.similar_case_ids() == []


def test_similar_cases_panel_waits_for_the_index(qtbot, casebook):
    service = TermService(load_cases=casebook.cases)
    panel = SimilarCasesPanel(term_service=service, summaries=[], batch_titles={})
    qtbot.addWidget(panel)
    panel.set_case("stid-a-02")
    assert service.index() is None, "a hidden panel does not build the index (start-up stays fast)"
    with qtbot.waitSignal(service.ready, timeout=20000):
        panel.show()
        assert panel.status.text()
    assert panel.status.text() == "No similar cases", "no summaries were given to show"


def test_full_screen_toggle(qtbot, make_view):
    view = make_view(FOUR[:2])
    with qtbot.waitSignal(view.full_screen_changed) as on:
        view.act_full_screen.trigger()
    assert on.args == [True] and view.window().isFullScreen()
    with qtbot.waitSignal(view.full_screen_changed) as off:
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert off.args == [False] and not view.window().isFullScreen()
    assert not view.act_full_screen.isChecked()


# A real window under Xvfb ------------------------------------------------------------------------


@pytest.mark.skipif(
    shutil.which("xvfb-run") is None and not os.environ.get("CI"),
    reason="xvfb-run is not installed (.ci/run installs it; CI never skips this)",
)
@pytest.mark.slow
def test_compare_screenshot(qapp, tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "compare.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1600x1000x24",
            sys.executable,
            str(root / "scripts" / "screenshot_compare.py"),
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "rows aligned True" in proc.stdout and "仲裁" in proc.stdout
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1600, 1000)
    colours = {img.pixel(x, y) & 0xFFFFFF for x in range(0, 1600, 3) for y in range(0, 1000, 3)}
    assert len(colours) > 40, "the screenshot looks blank"
    assert int(TERM_COLOURS[0][1:], 16) in colours, "the first shared term's colour shows (legend, underlines)"


# Find in the comparison --------------------------------------------------------------------------


def _expected_hits(view: CompareView, word: str) -> int:
    """Occurrences of ``word`` in the compared cells, counted from the alignment (not by the find code)."""
    alignment = view.alignment()
    return sum(cell.text.count(word) for i in range(view.column_count()) for _row, cell in alignment.column_cells(i))


def test_find_highlights_every_column_and_steps_row_by_row(qtbot, make_view):
    view = make_view(ARBITRATION)
    expected = _expected_hits(view, "仲裁")
    assert expected > 20
    with qtbot.waitSignal(view.hits_changed, timeout=3000):
        view.open_find()
        type_chinese(view.find_bar.field, "仲裁")
    qtbot.waitUntil(lambda: view.current_hit() == 1, timeout=3000)
    assert view.hit_count() == expected
    assert view.find_bar.isVisible() and "1" in view.find_bar.count.text()
    painted = [s for col in range(2) for s in painted_spans(view.browser(col)) if s[2] in ("#ff9632", "#ff4d00")]
    assert len(painted) == expected, "every hit is painted, in both columns"
    for col in range(2):
        for start, end, _colour in painted_spans(view.browser(col)):
            if _colour in ("#ff9632", "#ff4d00"):
                assert _doc_text(view, col, start, end) == "仲裁"

    places = []
    for _ in range(expected):
        places.append(view.current_hit_place())
        current = [s for col in range(2) for s in painted_spans(view.browser(col)) if s[2] == "#ff4d00"]
        assert len(current) == 1, "exactly one hit is the current one"
        _row, column = places[-1]
        browser = view.browser(column)
        cursor = QTextCursor(browser.document())
        cursor.setPosition(current[0][0])
        rect = browser.cursorRect(cursor)
        assert rect.top() >= 0 and rect.bottom() <= browser.viewport().height(), "the current hit is in view"
        qtbot.keyClick(view.find_bar.field, Qt.Key.Key_Return)  # Enter in the find field: next hit
    assert places == sorted(places), "row by row, left to right within a row"
    assert {c for _r, c in places} == {0, 1}
    assert view.current_hit() == 1, "stepping wraps around"
    view.step_hit(-1)
    assert view.current_hit() == expected
    qtbot.keyClick(view.find_bar.field, Qt.Key.Key_Escape)
    assert not view.find_bar.isVisible()


def test_find_with_no_hits_says_so(qtbot, make_view):
    view = make_view(ARBITRATION)
    view.open_find()
    with qtbot.waitSignal(view.hits_changed, timeout=3000):
        type_chinese(view.find_bar.field, "量子计算")
    assert view.hit_count() == 0 and view.current_hit() == 0
    assert view.find_bar.count.text() == view.find_bar.tr("No hits")
    view.step_hit(1)  # nothing to step to: no error
    assert view.current_hit() == 0


@pytest.mark.parametrize("text", ['"unbalanced', "-", "OR", "仲裁 OR", "-仲裁", "*", "a" * 2000, "😀"])
def test_find_takes_odd_input_without_error(qtbot, make_view, text):
    view = make_view(ARBITRATION)
    view.open_find()
    with qtbot.waitSignal(view.hits_changed, timeout=3000):
        view.find_bar.field.setText(text)
    count = view.find_bar.count.text()
    if view.hit_count():
        assert view.current_hit() == 1 and str(view.hit_count()) in count
    else:
        assert count == view.find_bar.tr("No hits"), "odd input is answered, not ignored"
    view.step_hit(1)  # stepping with or without hits raises nothing (pytest-qt fails on slot exceptions)
    assert view.find_bar.isVisible()


def header_lines(label) -> list[str]:
    """A word-wrapped label's text as Qt lays it out at the label's width, one string per line (joiners out)."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(label.text()[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return [ln.replace("\u2060", "").strip() for ln in lines]


#: The words of four titles (read off the titles): no header line may end inside one.
HEADER_WORDS = {
    "stid-a-02": ["深化", "仲裁", "领域", "改革", "开放", "打造", "面向", "全球", "亚太", "中心"],
    "stid-a-04": ["运用", "FTF", "账户", "创新", "境内", "上市", "公司", "外籍", "员工", "股权", "激励", "模式"],
    "stid-a-05": ["探索", "数据", "跨境", "流动", "推进", "国际", "建设"],
    "stid-b-01": ["优化", "事业", "单位", "外籍", "人员", "管理", "服务"],
}


def test_column_headers_wrap_between_words(make_view, qtbot):
    # "创新境 / 内上市公司" at 1024×768: the header of a narrow column broke inside 境内.
    wrapped = 0
    for width in (1140, 1200, 1260, 1320, 1380, 1440):  # headers from 9 to 14 characters wide
        view = make_view(list(HEADER_WORDS), size=(width, 700))
        qtbot.wait(20)
        for column, words in enumerate(HEADER_WORDS.values()):
            title = view.header(column).title
            lines = header_lines(title)
            assert "".join(lines).replace(" ", "").endswith(title.toolTip().replace(" ", ""))
            wrapped += len(lines) > 1
            for a, b in itertools.pairwise(lines):
                for word in words:
                    for k in range(1, len(word)):
                        assert not (a.endswith(word[:k]) and b.startswith(word[k:])), (width, lines)
            assert all(len(ln.replace(" ", "")) > 1 for ln in lines), (width, lines)
        view.close()
    assert wrapped >= 12
