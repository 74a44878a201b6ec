"""The 成效要点 card in the reader: shown at the head of the effect section, clicked, skipped by find."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from reader.domain.text import case_segments, plain_text
from reader.ui.reader_tab import ReaderTab


def _tab(qtbot, casebook, case_id: str) -> ReaderTab:
    tab = ReaderTab(load_case=lambda cid: (casebook.case(cid), casebook.batch_title(casebook.case(cid).batch_id)))
    qtbot.addWidget(tab)
    tab.resize(900, 700)
    tab.show()
    tab.open_case(case_id)
    qtbot.waitUntil(lambda: tab.view.has_painted(), timeout=5000)
    return tab


def _link_point(view, href: str) -> QPoint:
    """Viewport point over the link ``href`` in the view's document."""
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and frag.charFormat().anchorHref() == href:
                cursor = QTextCursor(view.document())
                cursor.setPosition(frag.position() + 1)
                rect = view.cursorRect(cursor)
                return rect.center()
            it += 1
        block = block.next()
    raise AssertionError(f"no link {href}")


def test_card_lists_the_effect_figures_after_the_effect_heading(qtbot, casebook):
    tab = _tab(qtbot, casebook, "stid-a-02")
    text = tab.view.raw_text()
    heading = text.index("二、实践效果")
    first_sub = text.index("（一）仲裁机构改革取得新成效")
    card = tab.view.document().toPlainText()
    # Read from the case: 新一届委员会由 15 名境内外仲裁专家组成 … 近 400 名境外仲裁员
    assert "成效要点" in card or "Key figures" in card
    between = text[heading:first_sub]
    assert "近 400 名" in between and "境外仲裁员" in between and "15 名" in between
    assert len(tab.figures_card.shown) == 6 and len(tab.figures_card.figures) == 10


def test_find_skips_the_card_and_annotations_keep_their_offsets(qtbot, casebook):
    tab = _tab(qtbot, casebook, "stid-a-02")
    case = casebook.case("stid-a-02")
    # 仲裁员 occurs in the case text this many times; the card's "境外仲裁员" must not add one
    assert tab.view.set_query("仲裁员") == plain_text(case).count("仲裁员")
    # a plain-text offset after the card still maps to the same characters
    plain = plain_text(case)
    needle = "另有 4 家境外仲裁机构"
    offset = plain.index(needle)
    doc = tab.view._textmap.plain_to_doc(offset)
    assert tab.view.raw_text()[doc : doc + len(needle)] == needle


def test_clicking_a_figure_scrolls_to_its_sentence_and_highlights_it(qtbot, casebook):
    tab = _tab(qtbot, casebook, "stid-a-02")
    view = tab.view
    view.scroll_to("s2")
    qtbot.wait(50)
    card = tab.figures_card
    index = next(i for i, f in enumerate(card.shown) if f.text == "近 400 名")
    point = _link_point(view, f"figure:{index}")
    before = view.verticalScrollBar().value()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: bool(card.flash_spans()), timeout=2000)
    (start, end), *_ = card.flash_spans()
    sentence = view.raw_text()[start:end]
    figure = card.shown[index]
    assert figure.text in sentence and sentence == figure.sentence
    # the sentence is inside the viewport now
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    rect = view.cursorRect(cursor)
    assert 0 <= rect.top() < view.viewport().height()
    assert view.verticalScrollBar().value() != before or rect.top() >= 0
    segs = case_segments(casebook.case("stid-a-02"))
    assert figure.sentence in segs[figure.segment].text
