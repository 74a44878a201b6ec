"""WCAG contrast in every theme: body text ≥ 4.5:1 (≥ 7:1 in high contrast), the compare legend and column
headers included, measured on what is actually painted; text fields and unchecked check boxes have visible
edges (≥ 3:1, WCAG's non-text contrast) in the dark and high-contrast themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QVBoxLayout, QWidget

from reader.ui import theme

from .test_theme import contrast

THEMES = ["light", "dark", "contrast"]


def minimum(name: str) -> float:
    return 7.0 if name == "contrast" else 4.5


@pytest.fixture
def restore_theme(qapp):
    before = QApplication.palette()
    style = QApplication.style().name()
    yield
    QApplication.setPalette(before)
    QApplication.setStyle(style)


@pytest.mark.parametrize("name", THEMES)
def test_palette_text_roles_meet_wcag(qapp, restore_theme, name):
    theme.apply(qapp, name)
    p = QApplication.palette()
    R = QPalette.ColorRole
    pairs = {
        "text on base": (R.Text, R.Base),
        "window text": (R.WindowText, R.Window),
        "button text": (R.ButtonText, R.Button),
        "selected text": (R.HighlightedText, R.Highlight),
        "tool tip": (R.ToolTipText, R.ToolTipBase),
        "secondary text on window": (R.PlaceholderText, R.Window),
        "placeholder on base": (R.PlaceholderText, R.Base),
        "link on base": (R.Link, R.Base),
    }
    low = {k: round(contrast(p.color(a), p.color(b)), 2) for k, (a, b) in pairs.items()}
    assert all(v >= minimum(name) for v in low.values()), low


@pytest.mark.parametrize("name", THEMES)
def test_case_text_colours_meet_wcag(qapp, restore_theme, name):
    t = theme.apply(qapp, name)
    h = t.html
    page = QApplication.palette().color(QPalette.ColorRole.Base)  # the reader's background
    pairs = {
        "body": (h.text, page),
        "muted (batch line)": (h.muted, page),
        "headings": (h.heading, page),
        "box title": (h.accent, QColor(h.box_bg)),
        "box text": (h.text, QColor(h.box_bg)),
        "region badge": (h.badge_text, QColor(h.badge_bg)),
    }
    low = {k: round(contrast(QColor(a), QColor(b)), 2) for k, (a, b) in pairs.items()}
    assert all(v >= minimum(name) for v in low.values()), low


def painted(widget: QWidget, x: int, y: int) -> QColor:
    return widget.grab().toImage().pixelColor(x, y)


@pytest.mark.parametrize("name", THEMES)
def test_compare_legend_and_headers_are_readable(make_window, qtbot, restore_theme, name):
    w = make_window()
    w.appearance.set_theme(name)
    view = w.compare.compare_cases(["stid-a-02", "stid-b-01"])
    qtbot.waitUntil(lambda: bool(view.legend.chips) and all(c.isVisible() for c in view.legend.chips), timeout=20000)
    qtbot.wait(50)
    minimum_ratio = minimum(name)
    for chip in view.legend.chips:
        # The chip's own background as painted (inside its padding), against the text colour it declares.
        bg = painted(chip, 3, chip.height() // 2)
        fg = chip.palette().color(QPalette.ColorRole.WindowText)
        sheet = chip.styleSheet()
        if "color:" in sheet:
            fg = QColor(sheet.split("color:")[1].split(";")[0].strip())
        assert contrast(fg, bg) >= minimum_ratio, (name, chip.text(), fg.name(), bg.name())
    caption = view.legend.caption
    assert contrast(caption.palette().color(caption.foregroundRole()), painted(caption, 1, 1)) >= minimum_ratio
    header = view.header(0)
    for label in (header.title, header.meta, header.contributors):
        fg = label.palette().color(label.foregroundRole())
        bg = painted(header, 3, 3)
        assert contrast(fg, bg) >= minimum_ratio, (name, label.text(), fg.name(), bg.name())


def edge_contrast(widget: QWidget, window: QColor) -> float:
    """The best contrast against the window colour along the widget's outer 3 pixels (its painted edge)."""
    img = widget.grab().toImage()
    best = 1.0
    for x in range(img.width()):
        for y in (0, 1, 2, img.height() - 1, img.height() - 2, img.height() - 3):
            best = max(best, contrast(img.pixelColor(x, y), window))
    return best


@pytest.mark.parametrize("name", ["dark", "contrast"])
def test_text_fields_and_check_boxes_have_visible_edges(qapp, qtbot, restore_theme, name):
    theme.apply(qapp, name)
    box = QWidget()
    qtbot.addWidget(box)
    lay = QVBoxLayout(box)
    field = QLineEdit(box)
    check = QCheckBox("", box)
    check.setChecked(False)
    lay.addWidget(field)
    lay.addWidget(check)
    box.show()
    qtbot.waitExposed(box)
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    assert edge_contrast(field, window) >= 3.0
    # The unchecked indicator: the widget is just the box (no text), its edge must stand out.
    assert edge_contrast(check, window) >= 3.0


@pytest.mark.parametrize("name", THEMES)
def test_annotation_marker_in_the_library_is_readable(qapp, qtbot, casebook, restore_theme, name):
    """The marker (a bubble with the number of annotations) stands out from its row (≥ 3:1, non-text contrast)
    and its number is readable on it (4.5:1; 7:1 in high contrast), on a plain row and on the selected one."""
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QStyleOptionViewItem

    from reader.models.library import LibraryModel
    from reader.ui.library_view import LibraryDelegate, LibraryPane

    theme.apply(qapp, name)
    model = LibraryModel(batches=casebook.batches())
    model.set_annotation_counts({"stid-a-01": 3, "stid-a-02": 12})
    pane = LibraryPane(model=model)
    qtbot.addWidget(pane)
    pane.resize(520, 500)
    pane.show()
    qtbot.waitExposed(pane)
    tree = pane.tree
    selected = pane.proxy().mapFromSource(model.case_index("stid-a-02"))
    tree.selectionModel().setCurrentIndex(
        selected, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    image = tree.viewport().grab().toImage()
    delegate = tree.itemDelegate()
    assert isinstance(delegate, LibraryDelegate)
    for case_id, is_selected in (("stid-a-01", False), ("stid-a-02", True)):
        index = pane.proxy().mapFromSource(model.case_index(case_id))
        option = QStyleOptionViewItem()
        option.initFrom(tree.viewport())
        option.rect = tree.visualRect(index)
        option.widget = tree
        option.font = tree.font()
        marker = delegate.marker_rect(option, index)
        assert marker is not None
        row_bg = image.pixelColor(option.rect.left() + 2, option.rect.top() + 1)  # the row itself, painted
        fill = image.pixelColor(marker.left() + 2, marker.center().y() - 2)  # inside the bubble, left of the digits
        expected_fill, text = LibraryDelegate.marker_colors(tree.palette(), is_selected)
        # (Fusion lays a focus tint (alpha 30) over the current row: what is painted is the declared colour, nearly.)
        assert near(fill, expected_fill), (name, case_id, fill.name(), expected_fill.name())
        assert contrast(fill, row_bg) >= 3.0, (name, case_id, fill.name(), row_bg.name())
        digits = [
            image.pixelColor(x, y)
            for x in range(marker.left(), marker.right() + 1)
            for y in range(marker.top(), marker.bottom() + 1)
        ]
        painted_text = max(digits, key=lambda c: contrast(c, fill))  # the digits' core pixels
        assert near(painted_text, text), (name, case_id, "the number is not painted in its colour", painted_text.name())
        assert contrast(painted_text, fill) >= minimum(name), (name, case_id, painted_text.name(), fill.name())


def near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def best_contrast(image, band: QRect, bg: QColor) -> float:
    """The strongest contrast against ``bg`` of any pixel painted in ``band`` (a text's colour, where its strokes
    are solid)."""
    return max(
        contrast(image.pixelColor(x, y), bg)
        for x in range(band.left(), band.right() + 1)
        for y in range(band.top(), band.bottom() + 1)
    )


@pytest.mark.parametrize("name", THEMES)
def test_search_result_section_line_is_readable_selected_or_not(qapp, qtbot, restore_theme, casebook_file, name):
    """The dimmed "section · batch" line of a result (and its hit count), on a plain row and on the selected one
    (the highlighted-text colour, dimmed, on the highlight), as painted."""
    from reader.storage.catalog import Catalog
    from reader.ui.search_panel import ResultDelegate, SearchPanel
    from tests.ui.uikit import drain_pool

    from .test_search_panel import _search

    theme.apply(qapp, name)
    catalog = Catalog.open(casebook_file)
    try:
        panel = SearchPanel(searcher=catalog, batch_titles={b.id: b.title for b in catalog.batches()})
        qtbot.addWidget(panel)
        panel.resize(420, 700)
        panel.show()
        qtbot.waitExposed(panel)
        panel.activateWindow()
        _search(qtbot, panel, "仲裁")
        panel.search_field.setFocus()
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Down)  # row 0 selected, the list focused
        qtbot.wait(50)
        image = panel.list.viewport().grab().toImage()
        fm = panel.list.fontMetrics()
        margin = ResultDelegate.MARGIN
        for row in (0, 1):
            rect = panel.list.visualRect(panel.model.index(row, 0))
            bg = image.pixelColor(rect.left() + 2, rect.bottom() - 2)
            meta = QRect(
                rect.left() + margin, rect.bottom() - margin - fm.height() + 3, rect.width() // 2, fm.height() - 4
            )
            count = QRect(rect.right() - margin - 60, rect.top() + margin + 2, 60, fm.height() - 4)
            for what, band in (("section line", meta), ("hit count", count)):
                ratio = best_contrast(image, band, bg)
                assert ratio >= minimum(name), (name, row, what, round(ratio, 2), bg.name())
        selected = panel.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        assert image.pixelColor(panel.list.visualRect(panel.model.index(0, 0)).left() + 2, 5).name() == selected.name()
    finally:
        panel.close()
        drain_pool()
        catalog.close()
