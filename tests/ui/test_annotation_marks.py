"""The library tree marks annotated cases: live with the annotation store (its own changes, undo, and changes made
by another process), painted at the right of the row, explained by a tooltip, and filterable ("Annotated")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QToolTip

from reader import i18n
from reader.domain.annotation import new_case_note, new_highlight
from reader.models.library import AnnotationCountRole, CaseIdRole, NodeKindRole
from reader.storage.userdb import UserDB


@pytest.fixture
def window(make_window):
    return make_window()


def view_index(w, case_id: str) -> QModelIndex:
    index = w.library.proxy().mapFromSource(w.library_model.case_index(case_id))
    assert index.isValid(), f"{case_id} is not shown"
    return index


def marker_area(w, case_id: str):
    """The marker's rectangle in the tree's viewport (None: no marker), with the row scrolled into view."""
    tree = w.library.tree
    index = view_index(w, case_id)
    tree.scrollTo(index)
    option = QStyleOptionViewItem()
    option.initFrom(tree.viewport())
    option.rect = tree.visualRect(index)
    option.widget = tree
    option.font = tree.font()
    return tree.itemDelegate().marker_rect(option, index)


def highlight_pixels(image: QImage, rect, colour: QColor) -> int:
    return sum(
        1
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
        if image.pixelColor(x, y).rgb() == colour.rgb()
    )


def painted_marker_pixels(w, case_id: str) -> int:
    """Pixels of the marker's fill colour painted at the right end of the case's row."""
    tree = w.library.tree
    index = view_index(w, case_id)
    tree.scrollTo(index)
    QApplication.processEvents()
    row = tree.visualRect(index)
    image = tree.viewport().grab().toImage()
    right_end = row.adjusted(row.width() - 60, 0, 0, 0).intersected(tree.viewport().rect())
    fill = tree.palette().color(QPalette.ColorRole.Highlight)
    return highlight_pixels(image, right_end, fill)


def test_adding_and_deleting_an_annotation_marks_and_unmarks_the_case(window, qtbot):
    w = window
    store = w.annotation_store
    case = w.catalog.case("stid-a-03")
    source = w.library_model.case_index("stid-a-03")
    assert source.data(AnnotationCountRole) == 0
    assert marker_area(w, "stid-a-03") is None
    assert painted_marker_pixels(w, "stid-a-03") == 0

    first = new_highlight(case, 10, 20)
    assert store.add(first)
    assert source.data(AnnotationCountRole) == 1  # at once: the store's changed signal
    assert marker_area(w, "stid-a-03") is not None
    assert painted_marker_pixels(w, "stid-a-03") > 20
    assert store.add(new_case_note("stid-a-03", "要点"))
    assert source.data(AnnotationCountRole) == 2
    assert source.data(Qt.ItemDataRole.ToolTipRole).splitlines()[-1] == "2 annotation(s)"

    assert store.delete(first.id)
    assert source.data(AnnotationCountRole) == 1
    store.undo_stack.undo()  # the deletion undone
    assert source.data(AnnotationCountRole) == 2
    for a in store.for_case("stid-a-03"):
        assert store.delete(a.id)
    assert source.data(AnnotationCountRole) == 0
    assert marker_area(w, "stid-a-03") is None
    assert painted_marker_pixels(w, "stid-a-03") == 0
    # The neighbours never had a marker.
    assert painted_marker_pixels(w, "stid-a-02") == 0


def test_a_change_made_by_another_process_marks_the_case_within_seconds(window, qtbot):
    w = window
    other = UserDB.open(w.paths.user_db, backups_dir=w.paths.backups_dir)  # the CLI, a second window
    try:
        other.add(new_highlight(w.catalog.case("stid-b-05"), 0, 8))
        other.add(new_highlight(w.catalog.case("stid-b-05"), 30, 38))
    finally:
        other.close()
    qtbot.waitUntil(lambda: w.library_model.case_index("stid-b-05").data(AnnotationCountRole) == 2, timeout=5000)
    qtbot.waitUntil(lambda: painted_marker_pixels(w, "stid-b-05") > 20, timeout=2000)


def test_refreshing_the_marks_is_one_query(window):
    """However many cases, a change costs one counting statement, not one per row."""
    w = window
    statements: list[str] = []
    conn = w.annotation_store.db._conn
    conn.set_trace_callback(statements.append)
    try:
        w.annotation_store.add(new_case_note("stid-c-01", "笔记"))
    finally:
        conn.set_trace_callback(None)
    counting = [s for s in statements if "count(" in s.lower()]
    assert len(counting) == 1, counting
    assert not any("FROM annotations" in s and "case_id =" in s for s in statements), statements


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform, showing the tooltip
def test_the_marker_has_its_own_tooltip_and_an_accessible_description(window, qtbot):
    w = window
    w.annotation_store.add(new_case_note("stid-a-04", "一"))
    w.annotation_store.add(new_case_note("stid-a-04", "二"))
    w.annotation_store.add(new_case_note("stid-a-04", "三"))
    index = view_index(w, "stid-a-04")
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "3 annotation(s)"
    marker = marker_area(w, "stid-a-04")
    viewport = w.library.tree.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, marker.center(), viewport.mapToGlobal(marker.center()))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == "3 annotation(s)"
    QToolTip.hideText()
    # Elsewhere on the row: the row's tooltip (title, contributors…), which ends with the count too.
    row = w.library.tree.visualRect(index)
    left = QPoint(row.left() + 20, row.center().y())
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, left, viewport.mapToGlobal(left)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text().splitlines()[-1] == "3 annotation(s)"
    assert len(QToolTip.text().splitlines()) > 1
    QToolTip.hideText()


def test_the_marker_speaks_chinese(window, qapp):
    w = window
    w.annotation_store.add(new_case_note("stid-a-05", "一"))
    i18n.install(qapp, "zh_CN")
    try:
        assert w.library_model.case_index("stid-a-05").data(Qt.ItemDataRole.AccessibleDescriptionRole) == "1 条批注"
    finally:
        i18n.install(qapp, "en")


def visible_cases(w, parent=QModelIndex()) -> list[str]:  # noqa: B008
    proxy = w.library.proxy()
    out = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        if index.data(NodeKindRole) == "case":
            out.append(index.data(CaseIdRole))
        out.extend(visible_cases(w, index))
    return out


def test_only_annotated_cases_filter_follows_the_annotations(window, qtbot):
    w = window
    store = w.annotation_store
    store.add(new_case_note("stid-b-02", "一"))
    sop_c = next(cid for cid in w.library_model.case_ids() if cid.startswith("sop-c-"))
    note = new_case_note(sop_c, "二")
    store.add(note)
    assert len(visible_cases(w)) == 80
    action = w.library.annotated_action
    assert action in w.menus.view_menu.actions()  # the keyboard's way to it (the button is not in the Tab chain)
    action.trigger()
    assert action.isChecked()
    assert visible_cases(w) == ["stid-b-02", note.case_id]
    assert all(w.library.tree.isExpanded(w.library.proxy().index(r, 0)) for r in range(w.library.proxy().rowCount()))
    store.add(new_case_note("stid-a-01", "三"))  # appears at once
    assert visible_cases(w) == ["stid-a-01", "stid-b-02", note.case_id]
    store.delete(note.id)  # disappears at once
    assert visible_cases(w) == ["stid-a-01", "stid-b-02"]
    w.library.filter_field.setText("zzz-nothing")
    assert visible_cases(w) == []
    w.library.filter_field.clear()
    w.library.annotated_button.click()
    assert not action.isChecked()
    assert len(visible_cases(w)) == 80
