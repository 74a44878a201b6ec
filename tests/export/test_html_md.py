"""Markdown and single-file HTML exports: the same content as the PDF, nothing outside the file."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

from reader.domain.text import case_segments
from reader.export.bundle import make_job, write_export
from reader.export.html_doc import html_document
from reader.export.markdown_doc import markdown_document, md_text
from tests.export.exportkit import BOOKMARK_NOTE, CASE_NOTE, CASES


class _Refs(HTMLParser):
    """Tags and attributes of a document, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> _Refs:
    p = _Refs()
    p.feed(html)
    p.close()
    return p


def test_html_is_one_file_with_everything_and_no_outside_reference(casebook, userdb, annotated, tmp_path):
    job = make_job(casebook, CASES, userdb=userdb, title="研讨会材料", format="html")
    result = write_export(job, tmp_path / "out.html")
    html = result.path.read_text(encoding="utf-8")
    parsed = parse(html)
    tags = {t for t, _ in parsed.tags}
    assert not tags & {"script", "img", "link", "iframe", "object", "embed", "svg", "video", "audio", "base"}
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not (name in ("src", "href", "srcset", "action", "data") and value and not value.startswith("#")), (
                tag,
                name,
                value,
            )
            assert not name.startswith("on"), (tag, name)
    css = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
    assert "url(" not in css and "@import" not in css and "http" not in css
    text = "".join(parsed.text)
    assert html.count("http") == text.count("http"), "the only addresses are ones a note shows as text"
    for entry in job.entries:
        assert entry.case.display_title in text
    for made in annotated.values():
        for a in made.quoted:
            assert a.quote.exact in text
    assert "<script>alert('x')</script>" in text  # as text
    assert "列表第一项要点" in text and "**" not in text
    assert CASE_NOTE in text and BOOKMARK_NOTE in text
    for tag in ("#先行先试", "#可复制", "#安全", "#研讨"):
        assert tag in text
    # contents links point at anchors that exist
    ids = {attrs.get("id") for _, attrs in parsed.tags if attrs.get("id")}
    links = [attrs["href"][1:] for tag, attrs in parsed.tags if tag == "a" and attrs.get("href")]
    assert links and set(links) <= ids


def test_markdown_has_titles_quotes_notes_and_tags(casebook, userdb, annotated, tmp_path):
    job = make_job(casebook, CASES, userdb=userdb, title="研讨会材料", format="md")
    result = write_export(job, tmp_path / "out.md")
    md = result.path.read_text(encoding="utf-8")
    assert md.startswith("# 研讨会材料\n")
    for entry in job.entries:
        assert f"## {md_text(entry.case.display_title)}" in md
    for made in annotated.values():
        for a in made.quoted:
            assert md_text(a.quote.exact) in md
    assert "**关键做法**：先行先试，*逐步推广*。" in md  # the user's Markdown, kept
    assert "> - 列表第一项要点" in md
    assert "&lt;script>" in md and "<script" not in md and "\\[远程图片\\]" in md and "](http" not in md
    assert CASE_NOTE in md and BOOKMARK_NOTE in md
    for tag in ("`先行先试`", "`可复制`", "`安全`", "`研讨`"):
        assert tag in md
    # rendered by a Markdown renderer, the structure holds: headings, marks, note numbers, list
    html = markdown.markdown(md)
    assert html.count("<h2>") >= len(CASES) + 1 and "<mark" in html and "<sup>[1]</sup>" in html
    assert "<li>列表第一项要点</li>" in html


def test_markdown_escapes_case_text():
    assert md_text("a*b_c[1]<x>`y`") == "a\\*b\\_c\\[1\\]\\<x\\>\\`y\\`"
    assert md_text("A&B &amp; C") == "A&B &amp;amp; C"


def test_notes_only_in_markdown_and_html(casebook, userdb, annotated):
    ids = ["stid-a-01", "stid-b-01"]
    job = make_job(casebook, ids, userdb=userdb, notes_only=True)
    md = markdown_document(job)
    html = html_document(job)
    last = case_segments(casebook.case("stid-a-01"))[-1].text
    for doc in (md, html):
        assert casebook.case("stid-b-01").title not in doc
        assert "列表第一项要点" in doc and CASE_NOTE in doc
        assert last not in doc
    for a in annotated["stid-a-01"].quoted:
        assert md_text(a.quote.exact) in md and a.quote.exact in html
