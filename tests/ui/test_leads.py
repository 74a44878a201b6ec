"""A paragraph's bold lead is painted bold, over exactly the lead, in the reader, the comparison columns and on
slides; nothing else of its paragraph is bold."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QTextDocument

from reader.domain.slides import DeckEntry
from reader.ui.presentation import SlideRenderer

CASE = "sop-c-3d469cdb"
LEADS = (
    "一是以金融创新赋能文化产业发展。",
    "二是以标准化赋能文化旅游产品创新发展。",
    "三是以园区化推动沉浸式剧本秀全产业链发展。",
)


def bold_runs(doc: QTextDocument, starts: str) -> list[str]:
    """The bold runs of text of the one paragraph of ``doc`` that contains ``starts``."""
    found = []
    block = doc.begin()
    while block.isValid():
        if starts in block.text():
            runs, it = [], block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.charFormat().fontWeight() >= QFont.Weight.Bold:
                    runs.append(frag.text())
                it += 1
            found.append(("".join(runs), block.text()))
        block = block.next()
    assert len(found) == 1, (starts, found)
    bold, text = found[0]
    return [bold, text]


def test_the_reader_paints_exactly_the_lead_bold(make_window):
    w = make_window()
    w.open_case(CASE)
    doc = w.current_tab().view.document()
    for lead in LEADS:
        bold, text = bold_runs(doc, lead)
        assert bold == lead and text.startswith(lead) and len(text) > len(lead) + 20
    case = w.current_tab().view.case
    for block in (b for s in case.walk() for b in s.blocks if not b.lead):  # every other paragraph: plain
        assert bold_runs(doc, block.text[:30])[0] == ""


def test_comparison_columns_paint_the_lead_bold(make_window):
    w = make_window()
    view = w.compare.compare_cases([CASE, "stid-a-01"])
    doc = view.browser(0).document()
    for lead in LEADS:
        assert bold_runs(doc, lead)[0] == lead


def test_slides_paint_the_lead_bold(qapp, casebook):
    case = casebook.case(CASE)
    renderer = SlideRenderer(size=QSize(1366, 768))
    deck = renderer.paginate([DeckEntry(case, casebook.batch_title(case.batch_id))])
    seen = []
    for slide in deck.slides:
        doc = renderer.document(slide).document
        for piece in slide.pieces:
            if piece.lead != (0, 0):
                bold, _text = bold_runs(doc, piece.text[:20])
                assert bold == piece.text[slice(*piece.lead)]
                seen.append(bold)
    assert seen == list(LEADS)
