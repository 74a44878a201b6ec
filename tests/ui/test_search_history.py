"""Search history: the last 20 queries the user committed to, per data folder, offered under the search field
(as you type, or all of it on Down in the empty field), run with Enter, forgotten on request; Ctrl+F's find in
the case never feeds it; a read-only data folder keeps it for the session without a word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.settings import Settings
from reader.storage.catalog import Catalog
from reader.ui.search_history import LIMIT, SearchHistory
from reader.ui.search_panel import SearchPanel
from tests.fsutil import read_only
from tests.ui.uikit import drain_pool, type_chinese

# The offscreen platform cannot raise the drop-down or let it grab the keyboard (Qt says so; it works regardless).
pytestmark = [
    pytest.mark.usefixtures("no_leftover_tasks"),
    pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard"),
]


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(path=tmp_path / "data" / "settings.ini")


@pytest.fixture
def make_panel(qtbot, casebook_file, casebook):
    catalogs = []

    def make(*, settings: Settings | None) -> SearchPanel:
        catalog = Catalog.open(casebook_file)
        catalogs.append(catalog)
        panel = SearchPanel(
            searcher=catalog,
            batch_titles={b.id: b.title for b in casebook.batches()},
            history=SearchHistory(settings=settings),
        )
        qtbot.addWidget(panel)
        panel.resize(420, 700)
        with qtbot.waitExposed(panel):
            panel.show()
        panel.activateWindow()
        qtbot.waitUntil(panel.isActiveWindow, timeout=2000)
        return panel

    yield make
    drain_pool()
    for catalog in catalogs:
        catalog.close()


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the user's would go: the open drop-down (a popup takes the keyboard), else the focus."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, k, modifier)


def search_and_commit(qtbot, panel: SearchPanel, text: str) -> int:
    """Type ``text``, wait for its results, then press Enter in the field (which remembers it)."""
    panel.search_field.clear()
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        type_chinese(panel.search_field, text)
    panel.completer.popup().hide()  # the drop-down offered while typing
    panel.search_field.setFocus()
    opened = []
    panel.open_requested.connect(lambda *args: opened.append(args))
    key(qtbot, Qt.Key.Key_Return)
    return blocker.args[0]


def test_history_keeps_the_newest_twenty_without_repeats_in_the_settings(settings):
    history = SearchHistory(settings=settings)
    assert history.entries() == []
    for n in range(LIMIT + 5):
        history.add(f"查询{n}")
    history.add("  仲裁   上海 ")
    history.add("查询24")  # again: moves to the top, not twice
    assert history.entries()[:3] == ["查询24", "仲裁 上海", "查询23"]
    assert len(history.entries()) == LIMIT == 20
    assert "查询4" not in history.entries()  # the oldest went
    # Another session over the same data folder sees the same list.
    again = SearchHistory(settings=Settings(path=settings.path))
    assert again.entries() == history.entries()
    again.remove("仲裁 上海")
    again.clear()
    assert SearchHistory(settings=Settings(path=settings.path)).entries() == []


def test_enter_remembers_a_query_that_found_cases_newest_first(qtbot, make_panel, settings):
    panel = make_panel(settings=settings)
    assert search_and_commit(qtbot, panel, "仲裁") > 0
    assert search_and_commit(qtbot, panel, "跨境 数据") > 0
    assert search_and_commit(qtbot, panel, "没有这样的词语啊") == 0  # found nothing: not worth remembering
    qtbot.waitUntil(lambda: not panel.is_searching())
    assert panel.history.entries() == ["跨境 数据", "仲裁"]
    assert Settings(path=settings.path).get("search/history") == ["跨境 数据", "仲裁"]
    # Typing without committing (no Enter, no result opened) remembers nothing.
    panel.search_field.clear()
    with qtbot.waitSignal(panel.search_finished, timeout=10000):
        type_chinese(panel.search_field, "自贸")
    assert panel.history.entries() == ["跨境 数据", "仲裁"]


def test_opening_a_result_remembers_the_query(qtbot, make_panel, settings):
    panel = make_panel(settings=settings)
    with qtbot.waitSignal(panel.search_finished, timeout=10000):
        type_chinese(panel.search_field, "游艇")
    panel.completer.popup().hide()
    panel.search_field.setFocus()
    key(qtbot, Qt.Key.Key_Down)  # into the results
    assert QApplication.focusWidget() is panel.list
    with qtbot.waitSignal(panel.open_requested, timeout=2000):
        key(qtbot, Qt.Key.Key_Return)
    assert panel.history.entries() == ["游艇"]


def test_keyboard_only_focus_down_enter_runs_the_newest_entry(qtbot, make_panel, settings):
    SearchHistory(settings=settings).add("仲裁")
    SearchHistory(settings=settings).add("游艇")  # newest
    panel = make_panel(settings=Settings(path=settings.path))
    panel.focus_search()
    assert QApplication.focusWidget() is panel.search_field and panel.query() == ""
    key(qtbot, Qt.Key.Key_Down)
    popup = panel.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown == ["游艇", "仲裁"]
    assert popup.currentIndex().data() == "游艇"
    with qtbot.waitSignal(panel.search_finished, timeout=10000) as blocker:
        key(qtbot, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert panel.query() == "游艇" and blocker.args[0] > 0 and panel.showing_results()
    # Down, Down, Enter: the older entry runs and becomes the newest.
    panel.search_field.clear()
    key(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    key(qtbot, Qt.Key.Key_Down)
    assert popup.currentIndex().data() == "仲裁"
    with qtbot.waitSignal(panel.search_finished, timeout=10000):
        key(qtbot, Qt.Key.Key_Return)
    assert panel.query() == "仲裁"
    qtbot.waitUntil(lambda: panel.history.entries() == ["仲裁", "游艇"], timeout=2000)


def test_typing_offers_the_entries_that_contain_the_text(qtbot, make_panel, settings):
    history = SearchHistory(settings=settings)
    for query in ("仲裁 上海", "跨境数据", "国际仲裁中心"):
        history.add(query)
    panel = make_panel(settings=Settings(path=settings.path))
    type_chinese(panel.search_field, "仲裁")  # an input method's commit is an edit: the completer follows it
    popup = panel.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown == ["国际仲裁中心", "仲裁 上海"]
    # Shift+Delete forgets the highlighted entry, the rest stays offered.
    key(qtbot, Qt.Key.Key_Down)
    assert popup.currentIndex().data() == "国际仲裁中心"
    key(qtbot, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert panel.history.entries() == ["跨境数据", "仲裁 上海"]
    key(qtbot, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_a_read_only_data_folder_keeps_the_history_for_the_session(qtbot, make_panel, tmp_path):
    folder = tmp_path / "locked"
    before = Settings(path=folder / "settings.ini")
    SearchHistory(settings=before).add("游艇")
    before.sync()
    written = (folder / "settings.ini").read_bytes()
    with read_only(folder / "settings.ini"), read_only(folder):
        panel = make_panel(settings=Settings(path=folder / "settings.ini"))
        assert panel.history.entries() == ["游艇"]
        assert search_and_commit(qtbot, panel, "仲裁") > 0
        qtbot.waitUntil(lambda: not panel.is_searching())
        assert panel.history.entries() == ["仲裁", "游艇"]  # works, says nothing
        panel.history.clear()
        assert panel.history.entries() == []
    assert (folder / "settings.ini").read_bytes() == written  # nothing written


def test_the_window_keeps_the_history_per_data_folder_and_ctrl_f_never_feeds_it(qtbot, make_window):
    w = make_window()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    # Ctrl+F: find in the open case, Enter steps through the hits; none of it is library search history.
    QTest.keySequence(w, "Ctrl+F")
    field = w.current_tab().find_bar.field
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    type_chinese(field, "仲裁")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Escape)
    # Ctrl+K: the library search; a query committed with Enter is remembered.
    QTest.keySequence(w, "Ctrl+K")
    panel = w.search
    qtbot.waitUntil(panel.search_field.hasFocus, timeout=2000)
    with qtbot.waitSignal(panel.search_finished, timeout=10000):
        type_chinese(panel.search_field, "游艇")
    panel.completer.popup().hide()
    key(qtbot, Qt.Key.Key_Return)
    assert panel.history.entries() == ["游艇"]
    assert w.settings.get("search/history") == ["游艇"]
    # A second window over the same data folder offers it.
    w2 = make_window()
    assert w2.search.history.entries() == ["游艇"]
    # Edit → Clear Search History forgets it, for later sessions too.
    clear = next(a for a in w2.menuBar().actions()[1].menu().actions() if a.text() == "Clear Search History")
    clear.trigger()
    assert w2.search.history.entries() == []
    assert make_window().search.history.entries() == []
