"""Annotations inserted into a case's HTML: well nested, at the right characters, for every case of the casebook."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

import pytest

from reader.domain.annotation import new_bookmark, new_highlight
from reader.domain.text import case_segments, plain_text
from reader.domain.textmap import TextMap
from reader.export.annotated import annotated_case_html, digest_case_html, project
from reader.export.bundle import CaseEntry, make_job, place
from reader.export.html import case_body_html, outline

_VOID = {"br", "hr", "img", "meta"}


class _Nesting(HTMLParser):
    """Checks that every tag is closed in order; collects the highlighted text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.marked: list[str] = []
        self._mark_depth = 0
        self._in_sup = False

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        self.stack.append(tag)
        self._in_sup = self._in_sup or tag == "sup"
        if tag == "span" and any(k == "style" and "background-color" in (v or "") for k, v in attrs):
            self._mark_depth = len(self.stack)
            self.marked.append("")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        if self._mark_depth == len(self.stack):
            self._mark_depth = 0
        self._in_sup = self._in_sup and tag != "sup"
        self.stack.pop()

    def handle_data(self, data):
        if self._mark_depth and not self._in_sup:  # a note number inside another highlight is not its text
            self.marked[-1] += data


def check(html: str) -> _Nesting:
    p = _Nesting()
    p.feed(html)
    p.close()
    assert not p.errors, p.errors[:3]
    assert not p.stack, p.stack
    return p


def test_project_decodes_entities_and_keeps_positions():
    html = '<p class="x">甲&amp;乙 &nbsp;丙</p><b>丁</b>'
    text, starts, ends = project(html)
    assert text == "甲&乙 \u00a0丙丁"
    assert [html[s:e] for s, e in zip(starts, ends, strict=True)] == ["甲", "&amp;", "乙", " ", "&nbsp;", "丙", "丁"]


def test_random_highlights_on_every_case_stay_well_nested(casebook):
    """Highlights anywhere (crossing paragraphs, headings, labels, overlapping each other) give valid markup
    whose highlighted characters are exactly the highlighted plain text."""
    rng = random.Random(20240501)
    job = make_job(casebook, ["stid-a-01"])
    for case in casebook.cases():
        text = plain_text(case)
        made = []
        for i in range(6):
            start = rng.randrange(0, len(text) - 2)
            end = min(len(text), start + rng.randrange(1, 120))
            if text[start:end].strip():
                made.append(new_highlight(case, start, end, color=i % 5, note="注" if i % 2 else "", text=text))
        entry = CaseEntry(case, casebook.batch_title(case.batch_id), tuple(made))
        placed = place(case, made)
        html = annotated_case_html(entry, job, placed)
        parsed = check(html)
        covered = set()
        for p in placed:
            covered.update(range(p.start, p.end))
        expected = "".join(text[k] for k in sorted(covered) if text[k] != "\n")
        assert "".join(parsed.marked).replace("\u00a0", " ") == expected, case.id
        # the case text itself is still all there, in order, once the inserted notes are taken out
        bare = re.sub(r'<table class="note".*?</table>|<sup class="ref">\[\d+\]</sup>', "", html)
        TextMap([s.text for s in case_segments(case)], project(bare)[0])


def test_markers_and_notes_go_after_the_passage_and_its_paragraph(casebook, annotated):
    case = casebook.case("stid-a-01")
    made = annotated["stid-a-01"]
    job = make_job(casebook, ["stid-a-01"])
    entry = CaseEntry(case, "批次", tuple(made.all))
    html = annotated_case_html(entry, job)
    check(html)
    quote = made.md.quote.exact
    i = html.index(quote)
    assert html[i + len(quote) :].startswith('</span><sup class="ref">[1]</sup>')
    paragraph_end = html.index("</p>", i)
    assert html.index('<table class="note"', i) == paragraph_end + 4
    assert html.index("列表第一项要点") > paragraph_end and "**" not in html
    assert html.index("案例笔记") < html.index(quote)  # notes about the whole case come first
    assert "&lt;script&gt;" in html and "<script" not in html and "<img" not in html


def test_unannotated_case_is_the_plain_rendering(casebook):
    case = casebook.case("stid-b-01")
    job = make_job(casebook, [case.id])
    assert annotated_case_html(CaseEntry(case, "批次"), job) == case_body_html(case, batch_title="批次")


def test_digest_lists_quotes_notes_tags_and_headings(casebook, annotated):
    case = casebook.case("stid-a-02")
    made = annotated["stid-a-02"]
    job = make_job(casebook, [case.id])
    html = digest_case_html(CaseEntry(case, "批次", tuple(made.all)), job, anchor="case-0")
    check(html)
    for a in made.quoted:
        assert a.quote.exact in html
    for tag in ("先行先试", "可复制", "安全", "研讨"):
        assert tag in html
    assert 'name="case-0"' in html
    assert sum(heading in html for _, heading, _ in outline(case)) >= 2  # the heading each passage sits under


@pytest.mark.parametrize("start,end", [(0, 5), (3, 40)])
def test_passages_in_title_and_across_segments(casebook, start, end):
    case = casebook.case("stid-a-04")
    text = plain_text(case)
    b = new_bookmark(case, start, end, text=text, note="b")
    job = make_job(casebook, [case.id])
    html = annotated_case_html(CaseEntry(case, "", (b,)), job)
    check(html)
    assert "text-decoration:underline" in html and '<sup class="ref">[1]</sup>' in html
