"""LibraryPane: filter field + tree of batches, categories and cases."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStyledItemDelegate

from reader.models.library import CaseIdRole, LibraryModel, NodeKindRole, TitleRole
from reader.ui.library_view import LibraryDelegate, LibraryPane
from tests.ui.uikit import type_chinese

#: Cases contributed by 重庆市 (none has it in its title: they match by contributor only).
CHONGQING = ["stid-a-07", "stid-a-24", "stid-a-25", "stid-c-02"]
#: Cases contributed by 重庆两江新区, one of them with 重庆 in its title too.
LIANGJIANG = ["stid-b-07", "stid-b-11", "stid-b-13"]


@pytest.fixture
def pane(qtbot, casebook) -> LibraryPane:
    model = LibraryModel(batches=casebook.batches())
    pane = LibraryPane(model=model)
    qtbot.addWidget(pane)
    pane.resize(700, 600)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def _visible(pane: LibraryPane, parent=QModelIndex()):  # noqa: B008
    """Every row of the (filtered) tree, depth first, as (kind, case id or title)."""
    proxy = pane.proxy()
    out = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        kind = index.data(NodeKindRole)
        out.append((kind, index.data(CaseIdRole) if kind == "case" else index.data(TitleRole)))
        out.extend(_visible(pane, index))
    return out


def _visible_cases(pane: LibraryPane) -> list[str]:
    return [key for kind, key in _visible(pane) if kind == "case"]


def _view_index(pane: LibraryPane, case_id: str) -> QModelIndex:
    index = pane.proxy().mapFromSource(pane.model().case_index(case_id))
    assert index.isValid(), f"{case_id} is not shown"
    return index


def _row_center(pane: LibraryPane, case_id: str):
    index = _view_index(pane, case_id)
    pane.tree.scrollTo(index)
    rect = pane.tree.visualRect(index)
    assert rect.isValid() and pane.tree.viewport().rect().contains(rect.center())
    return rect.center()


def _activate(qtbot, pane: LibraryPane) -> None:
    pane.activateWindow()
    qtbot.waitActive(pane)


def test_tree_shows_everything_with_batches_expanded(pane):
    assert len(_visible_cases(pane)) == 80
    proxy = pane.proxy()
    assert proxy.rowCount() == 5
    assert all(pane.tree.isExpanded(proxy.index(row, 0)) for row in range(5))
    stid_c = proxy.index(2, 0)
    assert not pane.tree.isExpanded(proxy.index(0, 0, stid_c)), "categories start collapsed"
    assert pane.selected_case_ids() == []
    assert pane.current_case_id() is None


def test_filter_by_title_fragment_keeps_case_and_ancestors(qtbot, pane):
    type_chinese(pane.filter_field, "游艇")
    assert pane.filter_field.text() == "游艇"
    assert _visible(pane) == [
        ("batch", "全面深化服务贸易创新发展试点最佳实践案例"),
        ("case", "stid-a-06"),
    ]
    assert pane.tree.isExpanded(pane.proxy().index(0, 0))
    assert pane.proxy().index(0, 0).data(Qt.ItemDataRole.DisplayRole).endswith("(25)"), "counts are the batch's"


def test_filter_by_contributor(pane):
    pane.set_filter("重庆市")
    assert _visible_cases(pane) == CHONGQING
    assert not any("重庆市" in pane.model().case_summary(cid).title for cid in CHONGQING)
    rows = _visible(pane)
    batches = [key for kind, key in rows if kind == "batch"]
    assert len(batches) == 2
    assert [key for kind, key in rows if kind == "category"] == ["扩大服务领域对外开放"]
    category = pane.proxy().mapFromSource(pane.model().case_index("stid-c-02")).parent()
    assert pane.tree.isExpanded(category), "a filtered tree is fully expanded"
    pane.set_filter("重庆")  # a contributor prefix, and one title
    assert _visible_cases(pane) == sorted(CHONGQING + LIANGJIANG, key=pane.model().document_position)


def test_filter_is_case_insensitive_and_ignores_surrounding_space(pane):
    pane.set_filter("  游艇  ")
    assert _visible_cases(pane) == ["stid-a-06"]
    pane.set_filter("spv")
    assert _visible_cases(pane) == ["stid-a-11"]
    pane.set_filter("no such text at all")
    assert _visible(pane) == []


def test_clearing_the_filter_restores_the_tree(qtbot, pane):
    pane.set_filter("游艇")
    assert _visible_cases(pane) == ["stid-a-06"]
    pane.set_filter("")
    assert len(_visible_cases(pane)) == 80
    proxy = pane.proxy()
    assert all(pane.tree.isExpanded(proxy.index(row, 0)) for row in range(5))
    assert not pane.tree.isExpanded(proxy.index(0, 0, proxy.index(2, 0)))


def test_escape_clears_the_filter(qtbot, pane):
    pane.set_filter("游艇")
    qtbot.keyClick(pane.filter_field, Qt.Key.Key_Escape)
    assert pane.filter_field.text() == ""
    assert len(_visible_cases(pane)) == 80


def test_current_case_stays_selected_when_the_filter_clears(qtbot, pane):
    pane.set_filter("游艇")
    pane.tree.setCurrentIndex(_view_index(pane, "stid-a-06"))
    pane.set_filter("")
    assert pane.current_case_id() == "stid-a-06"
    assert pane.selected_case_ids() == ["stid-a-06"]


def test_multi_select_with_ctrl_click_in_document_order(qtbot, pane):
    viewport = pane.tree.viewport()
    with qtbot.waitSignal(pane.selection_changed, timeout=1000):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_row_center(pane, "stid-a-05"))
    assert pane.selected_case_ids() == ["stid-a-05"]
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, _row_center(pane, "stid-a-02")
    )
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, _row_center(pane, "stid-a-09")
    )
    assert pane.selected_case_ids() == ["stid-a-02", "stid-a-05", "stid-a-09"]
    assert pane.current_case_id() == "stid-a-09"
    # ctrl-click again deselects
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, _row_center(pane, "stid-a-05")
    )
    assert pane.selected_case_ids() == ["stid-a-02", "stid-a-09"]


def test_selection_model_selection_skips_batches_and_sorts(qtbot, pane):
    selection = pane.tree.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    with qtbot.waitSignal(pane.selection_changed, timeout=1000):
        selection.select(_view_index(pane, "stid-b-02"), flags)
    selection.select(pane.proxy().index(0, 0), flags)  # a batch row
    selection.select(_view_index(pane, "stid-a-25"), flags)
    sop = pane.proxy().mapFromSource(pane.model().case_index("sop-c-3d469cdb"))
    selection.select(sop, flags)  # inside a collapsed category
    selection.select(_view_index(pane, "stid-a-01"), flags)
    assert pane.selected_case_ids() == ["stid-a-01", "stid-a-25", "stid-b-02", "sop-c-3d469cdb"]
    selection.setCurrentIndex(pane.proxy().index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    assert pane.current_case_id() is None, "a batch row is not a case"


def test_enter_opens_the_current_case(qtbot, pane):
    pane.tree.setCurrentIndex(_view_index(pane, "stid-a-06"))
    pane.tree.setFocus()
    with qtbot.waitSignal(pane.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(pane.tree, Qt.Key.Key_Return)
    assert blocker.args == ["stid-a-06", False]


def test_enter_on_a_batch_opens_nothing(qtbot, pane):
    pane.tree.setCurrentIndex(pane.proxy().index(1, 0))
    with qtbot.assertNotEmitted(pane.open_requested):
        qtbot.keyClick(pane.tree, Qt.Key.Key_Return)


def test_ctrl_enter_opens_in_a_new_tab(qtbot, pane):
    pane.tree.setCurrentIndex(_view_index(pane, "stid-b-03"))
    pane.tree.setFocus()
    with qtbot.waitSignal(pane.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(pane.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["stid-b-03", True]


def test_double_click_opens(qtbot, pane):
    pos = _row_center(pane, "stid-a-03")
    with qtbot.assertNotEmitted(pane.open_requested):
        qtbot.mouseClick(pane.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # a single click only selects
    assert pane.selected_case_ids() == ["stid-a-03"]
    with qtbot.waitSignal(pane.open_requested, timeout=1000) as blocker:
        qtbot.mouseDClick(pane.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # QTest sends only the 2nd click
    assert blocker.args == ["stid-a-03", False]


def test_middle_click_opens_in_a_new_tab(qtbot, pane):
    with qtbot.waitSignal(pane.open_requested, timeout=1000) as blocker:
        qtbot.mouseClick(pane.tree.viewport(), Qt.MouseButton.MiddleButton, pos=_row_center(pane, "stid-a-04"))
    assert blocker.args == ["stid-a-04", True]
    assert pane.selected_case_ids() == [], "a middle-click does not select"
    with qtbot.assertNotEmitted(pane.open_requested):
        qtbot.mouseClick(
            pane.tree.viewport(),
            Qt.MouseButton.MiddleButton,
            pos=pane.tree.visualRect(pane.proxy().index(0, 0)).center(),
        )


def test_reveal_selects_without_opening(qtbot, pane):
    with qtbot.assertNotEmitted(pane.open_requested), qtbot.waitSignal(pane.selection_changed, timeout=1000):
        assert pane.reveal("sop-c-3d469cdb")
    assert pane.selected_case_ids() == ["sop-c-3d469cdb"]
    assert pane.current_case_id() == "sop-c-3d469cdb"
    index = _view_index(pane, "sop-c-3d469cdb")
    assert pane.tree.isExpanded(index.parent()), "the category is opened"
    assert pane.tree.viewport().rect().intersects(pane.tree.visualRect(index)), "scrolled into view"
    assert not pane.reveal("no-such-case")
    assert pane.selected_case_ids() == ["sop-c-3d469cdb"]


def test_reveal_clears_a_filter_that_hides_the_case(qtbot, pane):
    pane.set_filter("游艇")
    assert "stid-b-02" not in _visible_cases(pane)
    with qtbot.assertNotEmitted(pane.open_requested):
        assert pane.reveal("stid-b-02")
    assert pane.filter_field.text() == ""
    assert pane.selected_case_ids() == ["stid-b-02"]
    # a filter that shows the case is kept
    pane.set_filter("游艇")
    assert pane.reveal("stid-a-06")
    assert pane.filter_field.text() == "游艇"
    assert pane.selected_case_ids() == ["stid-a-06"]


def test_down_in_the_filter_focuses_the_tree(qtbot, pane):
    _activate(qtbot, pane)
    pane.focus_filter()
    qtbot.waitUntil(pane.filter_field.hasFocus, timeout=1000)
    qtbot.keyClick(pane.filter_field, Qt.Key.Key_Down)
    qtbot.waitUntil(pane.tree.hasFocus, timeout=1000)
    assert pane.tree.currentIndex().isValid()


def test_down_in_a_filter_goes_to_the_first_match(qtbot, pane):
    _activate(qtbot, pane)
    type_chinese(pane.filter_field, "重庆市")
    qtbot.keyClick(pane.filter_field, Qt.Key.Key_Down)
    qtbot.waitUntil(pane.tree.hasFocus, timeout=1000)
    assert pane.current_case_id() == CHONGQING[0]
    assert pane.selected_case_ids() == [CHONGQING[0]]


def test_down_in_the_filter_shows_a_current_row_that_was_not_selected(qtbot, pane):
    # The state the search results were in: a row current (Enter opens it) but none selected, so none shown.
    _activate(qtbot, pane)
    index = _view_index(pane, CHONGQING[0])
    pane.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
    pane.tree.selectionModel().clearSelection()
    pane.focus_filter()
    qtbot.waitUntil(pane.filter_field.hasFocus, timeout=1000)
    qtbot.keyClick(pane.filter_field, Qt.Key.Key_Down)
    qtbot.waitUntil(pane.tree.hasFocus, timeout=1000)
    assert pane.selected_case_ids() == [CHONGQING[0]]
    assert pane.tree.viewport().rect().contains(pane.tree.visualRect(index).center())


def test_focus_filter_selects_its_text(qtbot, pane):
    _activate(qtbot, pane)
    pane.set_filter("游艇")
    pane.tree.setFocus()
    pane.focus_filter()
    qtbot.waitUntil(pane.filter_field.hasFocus, timeout=1000)
    assert pane.filter_field.selectedText() == "游艇"


def test_enter_in_the_filter_opens_the_first_match(qtbot, pane):
    pane.set_filter("重庆市")
    with qtbot.waitSignal(pane.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(pane.filter_field, Qt.Key.Key_Return)
    assert blocker.args == [CHONGQING[0], False]
    with qtbot.waitSignal(pane.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(pane.filter_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [CHONGQING[0], True]
    pane.set_filter("no such text at all")
    with qtbot.assertNotEmitted(pane.open_requested):
        qtbot.keyClick(pane.filter_field, Qt.Key.Key_Return)


def test_model_reset_keeps_the_pane_consistent(qtbot, pane, casebook):
    pane.set_filter("游艇")
    pane.model().set_batches(casebook.batches()[:1])
    assert _visible_cases(pane) == ["stid-a-06"]
    pane.set_filter("")
    assert len(_visible_cases(pane)) == 25


def _grab_region(pane: LibraryPane, rect: QRect) -> QImage:
    pane.tree.viewport().update()
    image = pane.tree.viewport().grab().toImage()
    return image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)


def _distinct_pixels(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}


def test_delegate_paints_contributor_badges(qtbot, pane):
    assert isinstance(pane.tree.itemDelegate(), LibraryDelegate)
    pane.tree.clearSelection()
    index = _view_index(pane, "stid-a-01")  # contributed by 广州市
    row = pane.tree.visualRect(index)
    viewport = pane.tree.viewport().rect()
    # the right fifth of the row, where badges go (the title is far shorter than the row)
    badge_area = QRect(viewport.right() - viewport.width() // 5, row.top(), viewport.width() // 5, row.height())
    with_badges = _grab_region(pane, badge_area)

    pane.tree.setItemDelegate(QStyledItemDelegate(pane.tree))
    plain = _grab_region(pane, badge_area)

    assert len(_distinct_pixels(plain)) == 1, "without badges the end of the row is blank"
    assert len(_distinct_pixels(with_badges)) > 1, "the badge is painted"
    assert with_badges != plain


def test_delegate_row_height_fits_badges(pane):
    index = _view_index(pane, "stid-a-01")
    assert pane.tree.visualRect(index).height() >= pane.tree.fontMetrics().height()


def test_filter_proxy_passes_the_qt_model_tester_as_the_filter_changes(qtmodeltester, pane):
    qtmodeltester.check(pane.proxy())
    for text in ("重庆", "仲裁", "没有这样的案例", "", "上海市"):
        pane.set_filter(text)
        qtmodeltester.check(pane.proxy())
    assert _visible_cases(pane), "上海市 contributes cases"
