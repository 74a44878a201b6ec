"""Every "no first-line indent" rule in the style sheets takes effect in Qt's rich text.

Qt's CSS parser drops a unitless ``text-indent: 0``: the paragraph keeps the body's two-character indent (contents
entries, cover lines, contributors and note paragraphs were indented in the PDF). The rules must say ``0px``.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QTextDocument

from reader.export import annotated, compare_pdf, html, html_doc, pdf
from reader.export.html import LIGHT

RULE = re.compile(r"(?P<selector>[^{}]+)\{(?P<body>[^{}]*)\}")
ZERO = re.compile(r"text-indent:\s*0(px)?\s*(;|$)")


def sheets() -> dict[str, str]:
    return {
        "reader": html.style_sheet(LIGHT, base_px=17),
        "pdf": pdf._css("WenQuanYi Micro Hei", 16),
        "pdf official": pdf._official_css("WenQuanYi Micro Hei", 16),
        "comparison pdf": compare_pdf._css("WenQuanYi Micro Hei"),
        "annotated": html.style_sheet(LIGHT, base_px=17) + annotated.extra_style(base_px=16),
        "html page": html_doc._page_css(),
    }


def zero_indent_classes(css: str) -> list[str]:
    out = []
    for m in RULE.finditer(css):
        if not ZERO.search(m.group("body")):
            continue
        for selector in m.group("selector").split(","):
            if re.fullmatch(r"\s*p\.[\w-]+\s*", selector):
                out.append(selector.strip().split(".", 1)[1])
    return out


@pytest.mark.parametrize("name", list(sheets()))
def test_unindented_paragraphs_are_unindented(qapp, name):
    css = "p { text-indent: 32px; }\n" + sheets()[name]  # a body indent they must override
    classes = zero_indent_classes(css)
    assert classes, f"{name}: no unindented paragraph class found (the test reads nothing)"
    wrong = []
    for cls in classes:
        doc = QTextDocument()
        doc.setDefaultStyleSheet(css)
        doc.setHtml(f'<p class="{cls}">文字</p>')
        if doc.firstBlock().blockFormat().textIndent() != 0:
            wrong.append(cls)
    assert not wrong, f"{name}: these paragraphs keep the body's indent: {wrong}"
