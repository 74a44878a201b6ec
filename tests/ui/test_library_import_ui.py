"""Imported batches in the main window: they appear marked in the tree, are searchable and annotatable,
and removing one keeps its annotations as orphans."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex

from reader.domain.text import plain_text
from reader.ingest.readers import load_document
from reader.models.library import BatchIdRole, ImportedRole, NodeKindRole

SOURCE = Path(__file__).resolve().parents[2] / "data" / "sources" / "001_7d1d9c300672fa55.txt"


@pytest.fixture
def window(make_window):
    return make_window(library=True)


def batch_rows(model):
    return [model.index(r, 0, QModelIndex()) for r in range(model.rowCount())]


def test_import_shows_marked_batch_searchable_and_removable(window, qtbot, tmp_path):
    copy = tmp_path / "新一批案例.txt"
    copy.write_bytes(SOURCE.read_bytes().replace("海南省".encode(), "某某省".encode()))
    doc = load_document(copy)
    batch_id = window.catalog.library.import_batch(doc.result, title="新一批案例", content_hash=doc.content_hash)
    window.library_actions.library_changed()
    rows = batch_rows(window.library_model)
    assert len(rows) == 6
    imported = [i for i in rows if i.data(ImportedRole)]
    assert [i.data(BatchIdRole) for i in imported] == [batch_id]
    assert imported[0].data(NodeKindRole) == "batch"
    # searchable through the same panel, merged with the bundled casebook
    with qtbot.waitSignal(window.search.search_finished, timeout=10000):
        window.search.set_query("某某省")
    ids = window.search.selected_case_ids() or [
        window.search.model.case_id(r) for r in range(window.search.model.rowCount())
    ]
    assert ids and all(cid.startswith(batch_id) for cid in ids)
    # annotatable
    case_id = ids[0]
    assert window.open_case(case_id)
    tab = window.current_tab()
    start = plain_text(tab.view.case).index("某某省")
    assert window.annotate.highlight(tab, start, start + 3, 1)
    # removal keeps the annotation, as an orphan
    window.catalog.library.remove_batch(batch_id)
    window.library_actions.library_changed()
    assert len(batch_rows(window.library_model)) == 5
    (a,) = window.annotation_store.db.list(case_id)
    assert a.orphaned
    # importing it again brings the annotation back
    window.catalog.library.import_batch(doc.result, title="新一批案例", content_hash=doc.content_hash)
    window.library_actions.library_changed()
    assert not window.annotation_store.db.list(case_id)[0].orphaned


def test_import_from_the_menu_selects_shows_and_counts_the_new_batch(window, qtbot):
    """File → Import Batch… on a bundled document, confirmed as a copy: the tree selects the new batch at its
    end and scrolls it into view, and the status bar says how many cases came in."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader.ui.import_dialog import ImportPreviewDialog

    window.show()
    qtbot.waitExposed(window)
    window.left.setCurrentWidget(window.search)  # the search tab in front: the library comes forward after
    seen: list[object] = []

    def confirm_when_loaded() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportPreviewDialog))
        seen.append(dialog)
        try:
            qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
        finally:
            seen.append(not dialog.duplicate_label.isHidden())  # the bundled batch is pointed out before writing
            dialog.confirm() if dialog.import_button.isEnabled() else dialog.reject()

    QTimer.singleShot(0, confirm_when_loaded)
    window.library_actions.import_batch(str(SOURCE))
    assert seen[1:] == [True]
    (batch_id,) = window.catalog.imported_batch_ids()
    tree = window.library.tree
    current = tree.currentIndex()
    assert current.data(BatchIdRole) == batch_id and current.data(NodeKindRole) == "batch"
    assert current.row() == tree.model().rowCount() - 1
    assert tree.viewport().rect().intersects(tree.visualRect(current)), "scrolled into view"
    assert window.statusBar().currentMessage() in ("Imported 20 cases", "已导入 20 个案例")
    assert window.left.currentWidget() is window.library and tree.isVisible()
