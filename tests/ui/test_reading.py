"""Reading: zoom scales every text of a case (title and headings too), find hits and their status clear when
the find bar closes, find hits never look like an annotation's colour, and the title wraps between words."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo
from PySide6.QtTest import QTest

from reader.ui.case_view import HIGHLIGHT_COLOURS


def block_px(view, starts: str) -> int:
    block = view.document().begin()
    while block.isValid():
        if block.text().replace("\u2060", "").startswith(starts):
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


def test_f3_puts_the_hit_in_the_top_third_and_the_outline_follows(make_window, qtbot):
    from reader.models.outline import AnchorRole

    w = make_window()
    w.resize(1200, 700)
    w.open_case("stid-a-02", query="仲裁")
    view = w.current_tab().view
    assert view.hit_count() > 5
    height = view.viewport().height()
    seen_sections = set()
    for _ in range(view.hit_count() - 1):
        QTest.keyClick(w, Qt.Key.Key_F3)
        start, _end = view.hit_spans()[view.current_hit() - 1]
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(view.document())
        cursor.setPosition(start)
        top = view.cursorRect(cursor).top()
        at_end = view.verticalScrollBar().value() == view.verticalScrollBar().maximum()
        assert top >= 0 and (top <= height * 2 // 3 or at_end), (view.current_hit(), top, height)
        # The outline marks the section the hit is in: its anchor is the last one at or before the hit.
        anchors = [(a, pos) for a, pos in view._anchors if a != "top" and pos <= start]
        expected = anchors[-1][0] if anchors else ""
        selected = w.outline_view.currentIndex().data(AnchorRole)
        if expected:
            assert selected == expected
            seen_sections.add(expected)
    assert len(seen_sections) >= 2


def test_outline_marks_the_last_section_at_the_end_of_a_case(make_window, qtbot):
    from reader.export.html import outline
    from reader.models.outline import AnchorRole

    w = make_window()
    w.resize(1200, 800)
    view = w.current_tab().view
    QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0
    last_anchor = outline(view.case)[-1][0]
    qtbot.waitUntil(lambda: w.outline_view.currentIndex().data(AnchorRole) == last_anchor)


def test_reading_place_survives_a_width_change_and_old_pixel_sessions_still_open(make_window, qtbot):
    from reader.ui import session
    from reader.ui.reading_place import is_place

    w = make_window()
    w.resize(1400, 800)
    w.open_case("stid-a-02")
    view = w.current_tab().view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    top_text = view.plain_offset_at_top()
    w.save_session()
    saved = w.settings.get("session/tabs")
    entry = next(e for e in saved if e.startswith("stid-a-02|"))
    place = entry.split("|", 1)[1]
    assert is_place(place) and place.startswith("s"), entry  # a section and an offset, not pixels
    w.close()

    w2 = make_window()
    w2.resize(900, 800)  # narrower: the same text is further down in pixels
    tab = w2.current_tab()
    assert tab.case_id == "stid-a-02"
    view2 = tab.view
    qtbot.waitUntil(lambda: view2.verticalScrollBar().maximum() > 0)
    tab._show(tab._here, jump=False)  # re-lay out at the new width, as a user's first look would
    qtbot.wait(50)
    # The line at the top holds the same text (within a line of the old width).
    assert abs(view2.plain_offset_at_top() - top_text) <= 45
    w2.close()

    # An old session entry in pixels still opens the case, at that scroll offset.
    w2.settings.set("session/tabs", session.encode([session.ReaderEntry("stid-a-03", 300)]))
    w2.settings.set("session/current_tab", 0)
    assert session.decode(["stid-a-03|300"]) == [session.ReaderEntry("stid-a-03", 300)]
    w3 = make_window()
    assert w3.current_tab().case_id == "stid-a-03"
    qtbot.waitUntil(lambda: w3.current_tab().view.verticalScrollBar().value() == 300)


#: Titles the walkthrough saw broken inside words ("…国际数据港建 / 设", "…亚太仲裁中 / 心", "…亚 / 太仲裁中心",
#: "创新境 / 内上市公司"), with the words no line may end inside (read off the titles, not from the code).
TITLE_WORDS = {
    "stid-a-02": ["深化", "仲裁", "领域", "改革", "开放", "打造", "面向", "全球", "亚太", "中心"],
    "stid-a-05": ["探索", "数据", "跨境", "流动", "推进", "国际", "建设"],
    "stid-a-04": ["运用", "FTF", "账户", "创新", "境内", "上市", "公司", "外籍", "员工", "股权", "激励", "模式"],
}


def title_lines(view) -> list[str]:
    """The reader's title (h1) as laid out: the text of each line, word joiners left out."""
    block = view.document().begin()
    while block.blockFormat().headingLevel() != 1:
        block = block.next()
    layout, text = block.layout(), block.text()
    lines = [layout.lineAt(i) for i in range(layout.lineCount())]
    return [text[ln.textStart() : ln.textStart() + ln.textLength()].replace("\u2060", "") for ln in lines]


@pytest.mark.parametrize("case_id", sorted(TITLE_WORDS))
def test_the_title_breaks_between_words_at_any_width_and_zoom(make_window, qtbot, case_id):
    w = make_window()
    w.resize(1400, 900)
    w.open_case(case_id)
    view = w.current_tab().view
    title = view.case.title
    broken = 0
    for zoom_steps in (-2, 0, 2, 5):  # 80 %, 100 %, 120 %, 150 %
        w.appearance.zoom(0)
        if zoom_steps:
            w.appearance.zoom(10 * zoom_steps)
        # From the narrowest the reader gets (30 characters of text, ~15 of the title) to a wide one.
        narrowest = w.reading_min_width()
        for width in (narrowest, narrowest + 37, narrowest + 90, narrowest + 160, narrowest + 290, 1000):
            view.setFixedWidth(width)
            qtbot.waitUntil(lambda width=width: view.width() == width)
            lines = [ln.strip() for ln in title_lines(view)]
            assert "".join(lines).replace(" ", "").endswith(title.replace(" ", "")), lines
            broken += len(lines) > 1
            for a, b in itertools.pairwise(lines):
                for word in TITLE_WORDS[case_id]:
                    for k in range(1, len(word)):
                        assert not (a.endswith(word[:k]) and b.startswith(word[k:])), (zoom_steps, width, lines)
            for line in lines:
                assert len(line.replace(" ", "")) > 1, (zoom_steps, width, lines)
            # The text map still finds every character of the title: hits and highlights land where they were.
            assert view.set_query(title[2:4]) >= 1
    assert broken >= 4  # the title did wrap, at the narrower widths


def first_line_cut(view) -> tuple[float, int]:
    """(where the line under the top edge starts, the scroll value): equal when no line is cut at the top."""
    from PySide6.QtCore import QPointF

    value = view.verticalScrollBar().value()
    layout = view.document().documentLayout()
    block = view.document().findBlock(
        max(0, layout.hitTest(QPointF(view.viewport().width() / 2, value), Qt.HitTestAccuracy.FuzzyHit))
    )
    top = layout.blockBoundingRect(block).top()
    for i in range(block.layout().lineCount()):
        line = block.layout().lineAt(i)
        if top + line.y() <= value < top + line.y() + line.height():
            return top + line.y(), value
    return float(value), value


@pytest.mark.parametrize("key", [Qt.Key.Key_PageDown, Qt.Key.Key_Space])
def test_a_page_down_never_starts_with_a_line_cut_in_half_nor_skips_a_line(make_window, qtbot, key):
    """The field walkthrough saw the first line of a page cut in half after PageDown: every page now starts with a
    whole line, the last line of the page before (nothing skipped), down to the end and back up."""
    w = make_window()
    w.resize(1100, 700)
    w.open_case("stid-a-02")
    view = w.current_tab().view
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 3 * view.viewport().height())
    view.setFocus()
    values = [bar.value()]
    while bar.value() < bar.maximum() and len(values) < 40:
        QTest.keyClick(view, key)
        values.append(bar.value())
        assert values[-1] - values[-2] <= view.viewport().height() - view.fontMetrics().lineSpacing()
        if bar.value() < bar.maximum():
            line_top, value = first_line_cut(view)
            assert abs(line_top - value) <= 1, f"a line cut at the top after page {len(values) - 1}"
    assert bar.value() == bar.maximum() and len(values) > 3
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    line_top, value = first_line_cut(view)
    assert value < bar.maximum() and abs(line_top - value) <= 1
