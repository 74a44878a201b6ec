"""File → Recent Cases: the last ten cases opened, newest first, numbered, with their batch; per data folder;
cleared on request; a case whose imported batch was removed leaves the list."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from reader.ingest.readers import load_document
from reader.ui.recent_cases import LIMIT
from tests.ui.test_library_import_ui import SOURCE


def recent_menu(w) -> QMenu:
    file_menu = w.menuBar().actions()[0].menu()
    (menu,) = [a.menu() for a in file_menu.actions() if a.menu() is not None]
    menu.aboutToShow.emit()  # what opening it does
    return menu


def entries(menu: QMenu) -> list[str]:
    return [a.data() for a in menu.actions() if a.data()]


def test_recent_cases_newest_first_numbered_with_batch_and_reopened(make_window, qtbot):
    w = make_window()
    a, b, c = (batch.cases[1].id for batch in w.catalog.batches()[:3])
    for cid in (a, b, c, a):
        assert w.open_case(cid)
    menu = recent_menu(w)
    ids = entries(menu)
    assert ids[:3] == [a, c, b]  # a case opened again moves up, never twice
    first, second = [a for a in menu.actions() if a.data()][:2]
    assert first.text().startswith("&1  ") and second.text().startswith("&2  ")
    title = w.catalog.summary(a).title
    assert title[:10] in first.text()
    batch = w.catalog.batch_titles[w.catalog.summary(a).batch_id]
    assert "\t" + batch[:10] in first.text()  # the batch in the right-hand column
    assert title in first.toolTip() and batch in first.toolTip()
    second.trigger()
    assert w.current_tab().case_id == c


def test_ten_remembered_per_data_folder_and_cleared(make_window):
    w = make_window()
    ids = [c.id for b in w.catalog.batches() for c in b.cases][:12]
    for cid in ids:
        w.open_case(cid)
    assert entries(recent_menu(w)) == list(reversed(ids))[:LIMIT]
    w.close()
    again = make_window()  # the same data folder: the same list
    assert entries(recent_menu(again))[:LIMIT] == list(reversed(ids))[:LIMIT]
    menu = recent_menu(again)
    (clear,) = [a for a in menu.actions() if a.text() == "Clear List"]
    clear.trigger()
    menu = recent_menu(again)
    assert entries(menu) == []
    (clear,) = [a for a in menu.actions() if a.text() == "Clear List"]
    assert not clear.isEnabled()
    assert again.settings.get("reader/recent") == []


def test_a_removed_batch_leaves_the_list(make_window, tmp_path):
    w = make_window(library=True)
    doc = load_document(SOURCE)
    batch_id = w.catalog.library.import_batch(doc.result, title="新一批案例", content_hash=doc.content_hash)
    w.library_actions.library_changed()
    imported = [c.id for b in w.catalog.batches() if b.id == batch_id for c in b.cases][:2]
    for cid in [*imported, "stid-a-02"]:
        assert w.open_case(cid)
    assert set(imported) <= set(entries(recent_menu(w)))
    w.close_tab(w.tabs.currentIndex())
    w.catalog.library.remove_batch(batch_id)
    w.library_actions.library_changed()
    assert not set(imported) & set(entries(recent_menu(w)))
    assert "stid-a-02" in entries(recent_menu(w))
    assert not set(imported) & set(w.settings.get("reader/recent"))


def test_recent_menu_is_chinese(chinese, make_window):
    w = make_window()
    file_menu = w.menuBar().actions()[0].menu()
    assert "最近阅读" in [a.text() for a in file_menu.actions()]
    texts = [a.text() for a in recent_menu(w).actions() if not a.isSeparator()]
    assert "清除列表" in texts
