"""The HTML rendering keeps every segment's text intact, so annotations and hits map onto it exactly."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from reader.domain.text import case_segments, plain_text
from reader.domain.textmap import TextMap
from reader.export.html import case_html, outline


def test_every_case_maps_onto_its_rendering(qapp, casebook):
    for case in casebook.cases():
        doc = QTextDocument()
        doc.setHtml(case_html(case, batch_title=casebook.batch_title(case.batch_id)))
        raw = doc.toRawText()
        segments = [s.text for s in case_segments(case)]
        m = TextMap(segments, raw)  # raises if a segment is not rendered verbatim
        plain = plain_text(case)
        rendered = "".join(raw[a:b] for a, b in m.plain_span_to_doc(0, len(plain))).replace("\u00a0", " ")
        assert rendered == plain.replace("\n", ""), case.id


def test_outline_anchors_exist_in_rendering(qapp, casebook):
    case = casebook.case("stid-a-01")
    html = case_html(case)
    for anchor, heading, level in outline(case):
        assert f'name="{anchor}"' in html
        assert level in (1, 2) and heading
