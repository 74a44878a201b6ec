"""The PDF: real, exactly extractable Chinese text in an embedded font, notes formatted and next to their
passages, contents and bookmarks that point at the right pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.domain.text import case_segments
from reader.export.bundle import batch_case_ids, make_job, write_export
from tests.export.exportkit import (
    BOOKMARK_NOTE,
    CASE_NOTE,
    CASES,
    needs_poppler,
    pdffonts,
    pdftotext,
    pdftotext_body,
    squeeze,
)

pypdf = pytest.importorskip("pypdf")
pytestmark = needs_poppler

#: Characters a line must not start with (Chinese line-breaking rules, 避头点).
NO_LINE_START = "。，、；：？！）」』】》〉”’"


@pytest.fixture
def fonts(qapp):
    from reader.export.fonts import FAMILY, register_fonts

    assert FAMILY in register_fonts()
    return FAMILY


def export(casebook, userdb, tmp_path: Path, ids, name="out.pdf", **options):
    job = make_job(casebook, ids, userdb=userdb, title="研讨会材料", **options)
    result = write_export(job, tmp_path / name)
    return job, result


def resolve(obj, empty=None):
    """A PDF object with indirect references followed (``empty``, default ``{}``, when absent)."""
    if obj is None:
        return {} if empty is None else empty
    return obj.get_object()


def outline_entries(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    reader = pypdf.PdfReader(str(path))
    out: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def test_full_export_contains_every_title_quote_note_and_tag(fonts, casebook, userdb, annotated, tmp_path):
    job, result = export(casebook, userdb, tmp_path, CASES)
    text = squeeze(pdftotext(result.path))
    for entry in job.entries:
        assert squeeze(entry.case.display_title) in text
    for made in annotated.values():
        for a in made.quoted:
            assert squeeze(a.quote.exact) in text, a.quote.exact
    # Markdown note: formatted, not raw
    assert "关键做法：先行先试，逐步推广。" in text
    assert "列表第一项要点" in text and "列表第二项要点" in text
    assert "**" not in text and "*逐步推广*" not in text
    # raw HTML in a note: shown as the characters typed, never rendered
    assert "<script>alert('x')</script>注意<imgsrc=http://example.com/evil.png>事项[远程图片]" in text
    assert squeeze(CASE_NOTE) in text and squeeze(BOOKMARK_NOTE) in text
    for tag in ("#先行先试", "#可复制", "#安全", "#研讨"):
        assert tag in text
    assert "[1]" in text and "[3]" in text  # note numbers at the passages and on the notes


def test_notes_sit_right_after_their_paragraph(fonts, casebook, userdb, annotated, tmp_path):
    _job, result = export(casebook, userdb, tmp_path, ["stid-a-01"])
    text = squeeze(pdftotext(result.path))
    md = annotated["stid-a-01"].md
    case = casebook.case("stid-a-01")
    paragraph = next(s.text for s in case_segments(case) if md.quote.exact in s.text)
    tail = squeeze(paragraph[paragraph.index(md.quote.exact) + len(md.quote.exact) :])[-20:]
    after = text[text.index(tail) + len(tail) :]
    assert after.index("[1]关键做法") < 40, after[:80]


def test_fonts_are_embedded_and_pages_plausible(fonts, casebook, userdb, annotated, tmp_path):
    _job, result = export(casebook, userdb, tmp_path, CASES)
    rows = pdffonts(result.path)
    assert rows and all(r["emb"] == "yes" for r in rows), rows
    assert any("WenQuanYi" in r["name"] for r in rows)
    reader = pypdf.PdfReader(str(result.path))
    assert len(reader.pages) == result.pages
    assert 2 + len(CASES) <= result.pages <= 2 + 6 * len(CASES)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    assert f"第2/{result.pages}页" in squeeze(pdftotext(result.path, "-f", "2", "-l", "2"))
    for page in reader.pages:  # nothing from a note became an image
        xobjects = resolve(resolve(page.get("/Resources")).get("/XObject"))
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())


def test_outline_has_one_entry_per_case_pointing_at_its_page(fonts, casebook, userdb, annotated, tmp_path):
    job, result = export(casebook, userdb, tmp_path, CASES)
    entries = outline_entries(result.path)
    top = [(title, page) for depth, title, page in entries if depth == 0]
    assert top[0] == ("目录", 1)
    assert [t for t, _ in top[1:]] == [e.case.display_title for e in job.entries]
    pages = [p for _, p in top[1:]]
    assert pages == sorted(pages) and pages[0] == 2
    for title, page in top[1:]:
        page_text = squeeze(pdftotext(result.path, "-f", str(page + 1), "-l", str(page + 1)))
        assert squeeze(title) in page_text
    assert [d for d, _, _ in entries[:3]] == [0, 0, 1], "sections are nested under their case"
    first_sections = [t for d, t, _ in entries if d == 1][:3]
    assert first_sections == [heading for _, heading, level in outline_of(job.entries[0].case) if level == 1][:3]
    # the contents page lists every case with the page the bookmark points at
    toc = pdftotext(result.path, "-f", "2", "-l", "2")
    for (title, page), entry in zip(top[1:], job.entries, strict=True):
        assert squeeze(entry.case.display_title) in squeeze(toc)
        assert re.search(rf"(\. ){{3,}}{page + 1}\s*($|\n)", toc), (title, page + 1)  # after a dot leader


def outline_of(case):
    from reader.export.html import outline

    return outline(case)


def test_contents_lines_are_links(fonts, casebook, userdb, annotated, tmp_path):
    _job, result = export(casebook, userdb, tmp_path, CASES)
    reader = pypdf.PdfReader(str(result.path))
    annots = [a.get_object() for a in resolve(reader.pages[1].get("/Annots"), [])]
    links = [a for a in annots if a.get("/Subtype") == "/Link"]
    assert len(links) >= len(CASES)


def test_notes_only_digest(fonts, casebook, userdb, annotated, tmp_path):
    ids = ["stid-a-01", "stid-b-01", "stid-a-02"]  # stid-b-01 has no annotation
    job, result = export(casebook, userdb, tmp_path, ids, notes_only=True)
    text = squeeze(pdftotext(result.path))
    for cid in ("stid-a-01", "stid-a-02"):
        for a in annotated[cid].quoted:
            assert squeeze(a.quote.exact) in text
        assert squeeze(casebook.case(cid).display_title) in text
    assert "列表第二项要点" in text and "#先行先试" in text and squeeze(CASE_NOTE) in text
    assert squeeze(casebook.case("stid-b-01").title) not in text  # only cases with annotations
    assert "1个案例没有批注" in text  # the cover says so
    last = [s.text for s in case_segments(casebook.case("stid-a-01"))][-1]
    assert squeeze(last) not in text  # no case text beyond the quotes
    top = [t for d, t, _ in outline_entries(result.path) if d == 0]
    assert top == ["目录", casebook.case("stid-a-01").display_title, casebook.case("stid-a-02").display_title]
    full = write_export(job.with_options(notes_only=False), tmp_path / "full.pdf")
    assert result.pages < full.pages


def test_every_paragraph_of_the_casebook_extracts_exactly_once_and_breaks_lines_right(fonts, casebook, tmp_path):
    """The whole casebook in one PDF: pdftotext gives back every paragraph character for character, no line
    is drawn on two pages, and no line starts with closing punctuation."""
    ids = [c.id for b in casebook.batches() for c in b.cases]
    job = make_job(casebook, ids, title="全部案例")
    result = write_export(job, tmp_path / "all.pdf")
    raw = pdftotext_body(result.path)
    text = squeeze(raw)
    segments = [(e.case.id, s.text) for e in job.entries for s in case_segments(e.case)]
    assert [(cid, seg[:30]) for cid, seg in segments if squeeze(seg) not in text] == []
    everywhere = squeeze("\n".join(seg for _, seg in segments))
    unique = [squeeze(seg) for _, seg in segments if len(seg) >= 40 and everywhere.count(squeeze(seg)) == 1]
    assert len(unique) > 800
    assert [seg[:30] for seg in unique if text.count(seg) != 1] == []
    bad = [line for line in raw.splitlines() if line[:1] in NO_LINE_START and line.strip()]
    assert bad == [], bad[:5]
    assert all(r["emb"] == "yes" for r in pdffonts(result.path))
    # no text hidden in the margins (a line painted outside the clip would still be text there)
    boxes = re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', pdftotext(result.path, "-bbox")
    )
    assert len(boxes) > 5000
    assert [w for y0, y1, w in boxes if float(y0) < 25 or float(y1) > 842 - 20] == []


def test_letter_paper(fonts, casebook, tmp_path):
    job = make_job(casebook, ["stid-a-03"], paper="Letter")
    result = write_export(job, tmp_path / "letter.pdf")
    box = pypdf.PdfReader(str(result.path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_batch_exports(fonts, casebook, tmp_path):
    job = make_job(casebook, batch_case_ids(casebook, "sop-a"))
    result = write_export(job, tmp_path / "batch.pdf")
    top = [t for d, t, _ in outline_entries(result.path) if d == 0]
    assert len(top) == 1 + 8
