"""Reading: zoom scales every text of a case (title and headings too), find hits and their status clear when
the find bar closes, and find hits never look like an annotation's colour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo
from PySide6.QtTest import QTest

from reader.ui.case_view import HIGHLIGHT_COLOURS


def block_px(view, starts: str) -> int:
    block = view.document().begin()
    while block.isValid():
        if block.text().startswith(starts):
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.text().strip():
                    return QFontInfo(frag.charFormat().font()).pixelSize()
                it += 1
        block = block.next()
    raise AssertionError(f"no block starts with {starts!r}")


def test_zoom_scales_titles_and_headings_with_the_body(make_window, qtbot):
    w = make_window()
    w.open_case("sop-a-3e8e4363")  # its （一） sub-headings are separate headings, not run-in
    view = w.current_tab().view
    sizes = []
    for step in range(4):
        if step:
            w.appearance.zoom(20)
        title = block_px(view, view.case.title[:6])
        section = block_px(view, "一、")
        sub = block_px(view, "（一）")
        body = w.appearance.base_px()
        sizes.append((body, title, section, sub))
        # Each heading at least as big as the text under it, the title the biggest.
        assert title > section >= sub >= body - 1, (step, sizes[-1])
    first, last = sizes[0], sizes[-1]
    # Three zoom steps later every size grew by the same factor as the body (within rounding).
    factor = last[0] / first[0]
    assert factor > 1.5
    for before, after in zip(first[1:], last[1:], strict=True):
        assert abs(after / before - factor) < 0.12, (first, last)


def test_closing_the_find_bar_clears_hits_and_status(make_window, qtbot):
    w = make_window()
    tab = w.current_tab()
    QTest.keySequence(w, "Ctrl+F")
    assert tab.find_bar.isVisible()
    tab.find_bar.field.setText("专利")
    qtbot.waitUntil(lambda: tab.view.hit_count() > 0)
    assert w.hit_label.text()
    QTest.keyClick(tab.find_bar.field, Qt.Key.Key_Escape)
    assert not tab.find_bar.isVisible()
    assert tab.view.hit_count() == 0
    assert w.hit_label.text() == ""
    assert not any(
        s.format.background().color() in (w.appearance.theme.hit, w.appearance.theme.current_hit)
        for s in tab.view.extraSelections()
    )
    assert tab.find_bar.count.text() == ""


def lab(colour: QColor) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour, computed here from the published formulas."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = lin(colour.redF()), lin(colour.greenF()), lin(colour.blueF())
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_find_hits_are_not_the_colours_of_annotations(make_window):
    """A find hit and a highlight must not be confused: CIE76 ΔE ≥ 25 (clearly different colours) in every theme."""
    w = make_window()
    for name in ("light", "dark", "contrast"):
        w.appearance.set_theme(name)
        t = w.appearance.theme
        for colour in (t.hit, t.current_hit):
            for hl in HIGHLIGHT_COLOURS:
                a, b = lab(colour), lab(QColor(hl))
                delta = sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5
                assert delta >= 25, (name, colour.name(), hl, round(delta))
