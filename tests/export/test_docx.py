"""Word export read back as Word would see it: python-docx for the structure (heading styles, highlight
colours, comments with their anchors, author and date), and LibreOffice (where installed) for the text a
reader gets when the file is opened and printed."""

from __future__ import annotations

import datetime as _dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.domain.compare import align
from reader.domain.text import case_segments
from reader.export.bundle import make_job, write_export
from reader.export.html import outline
from tests.export.exportkit import BOOKMARK_NOTE, CASE_NOTE, CASES, squeeze

docx = pytest.importorskip("docx")
from docx.enum.text import WD_COLOR_INDEX  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_soffice = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")


def export_docx(casebook, userdb, tmp_path: Path, ids, name="out.docx", **options):
    job = make_job(casebook, ids, userdb=userdb, format="docx", author="张老师", **options)
    return job, write_export(job, tmp_path / name)


def comment_anchors(document, where: dict[int, str] | None = None) -> dict[int, str]:
    """The text each comment is anchored on, from the ``commentRangeStart``/``End`` markers in the body;
    ``where`` gets the text of the last ``Heading 1`` before each comment's start (its case)."""
    open_ids: set[int] = set()
    text: dict[int, list[str]] = {}
    heading = ""
    heading_style = document.styles["Heading 1"].style_id
    for el in document.element.body.iter():
        if el.tag == f"{W}p":
            style = el.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val") == heading_style:
                heading = "".join(t.text or "" for t in el.iter(f"{W}t"))
        if el.tag == f"{W}commentRangeStart":
            cid = int(el.get(f"{W}id"))
            open_ids.add(cid)
            text[cid] = []
            if where is not None:
                where[cid] = heading
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(int(el.get(f"{W}id")))
        elif el.tag == f"{W}t" and el.text:
            for cid in open_ids:
                text[cid].append(el.text)
    return {cid: "".join(parts) for cid, parts in text.items()}


def highlighted(document) -> dict[WD_COLOR_INDEX, str]:
    """All highlighted text, by Word highlight colour, runs joined in document order."""
    out: dict[WD_COLOR_INDEX, str] = {}
    for para in document.paragraphs:
        for run in para.runs:
            colour = run.font.highlight_color
            if colour is not None:
                out[colour] = out.get(colour, "") + run.text
    return out


def test_notes_are_comments_on_their_passages(casebook, userdb, annotated, tmp_path):
    _job, result = export_docx(casebook, userdb, tmp_path, CASES)
    document = docx.Document(str(result.path))
    where: dict[int, str] = {}
    anchors = comment_anchors(document, where)
    comments = {c.comment_id: c for c in document.comments}
    for case_id, made in annotated.items():
        title = casebook.case(case_id).display_title
        by_text: dict[str, list] = {}
        for cid, comment in comments.items():
            if where.get(cid) == title:
                by_text.setdefault(squeeze(anchors.get(cid, "")), []).append(comment)
        for a in (made.md, made.evil, made.bookmark):
            found = by_text.get(squeeze(a.quote.exact))
            assert found and len(found) == 1, f"no comment anchored on {a.quote.exact!r}"
            comment = found[0]
            assert comment.author == "张老师"
            created = _dt.datetime.fromisoformat(a.created.replace("Z", "+00:00")).replace(microsecond=0)
            assert comment.timestamp == created
            for tag in a.tags:
                assert f"#{tag}" in comment.text
        md = by_text[squeeze(made.md.quote.exact)][0].text
        assert "关键做法：先行先试，逐步推广。" in md and "**" not in md  # Markdown as formatting, not markers
        assert "列表第一项要点" in md
        assert "<script>" in by_text[squeeze(made.evil.quote.exact)][0].text  # typed HTML stays text
        assert BOOKMARK_NOTE in by_text[squeeze(made.bookmark.quote.exact)][0].text
        assert made.plain.quote is not None and squeeze(made.plain.quote.exact) not in by_text  # colour only
    # a note on the whole case: a comment on the case title
    for cid in CASES:
        title = squeeze(casebook.case(cid).title)
        on_title = [c for k, c in comments.items() if squeeze(anchors.get(k, "")) == title]
        assert any(CASE_NOTE in c.text and "#研讨" in c.text for c in on_title), cid
    assert len(comments) == 4 * len(CASES)  # md, evil, bookmark, case note; the plain highlight has none


def test_highlights_are_word_highlight_colours(casebook, userdb, annotated, tmp_path):
    _job, result = export_docx(casebook, userdb, tmp_path, CASES)
    colours = highlighted(docx.Document(str(result.path)))
    expected = {WD_COLOR_INDEX.YELLOW: "md", WD_COLOR_INDEX.TURQUOISE: "plain", WD_COLOR_INDEX.PINK: "evil"}
    assert set(colours) == set(expected)
    for colour, role in expected.items():
        quotes = "".join(squeeze(getattr(annotated[cid], role).quote.exact) for cid in CASES)
        assert squeeze(colours[colour]) == quotes


def test_structure_is_word_headings_and_every_segment_is_there(casebook, userdb, annotated, tmp_path):
    job, result = export_docx(casebook, userdb, tmp_path, CASES)
    document = docx.Document(str(result.path))
    by_style: dict[str, list[str]] = {}
    for para in document.paragraphs:
        by_style.setdefault(para.style.name, []).append(para.text)
    assert by_style["Heading 1"] == [e.case.display_title for e in job.entries]
    assert by_style["Title"] == [job.title]
    expected_h2 = []
    for entry in job.entries:
        run_in = {s.heading for s in entry.case.sections if s.run_in}
        expected_h2 += [h for _a, h, level in outline(entry.case) if level == 1 and h not in run_in]
    assert by_style["Heading 2"] == expected_h2
    # run-in sub-items carry an outline level, so the navigation pane lists them too
    levels = [p for p in document.paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None]
    run_in_count = sum(
        1
        for e in job.entries
        for _a, h, level in outline(e.case)
        if level == 2 and h not in by_style.get("Heading 3", [])
    )
    assert len(levels) == run_in_count
    everything = squeeze("".join(p.text for p in document.paragraphs))
    for table in document.tables:
        everything += squeeze("".join(c.text for row in table.rows for c in row.cells))
    for entry in job.entries:
        for seg in case_segments(entry.case):
            assert squeeze(seg.text) in everything, seg.text
        assert f"案例编号{entry.case.id}" in everything  # the case reference


def test_official_layout_styles_and_page(casebook, userdb, annotated, tmp_path):
    _job, result = export_docx(casebook, userdb, tmp_path, CASES[:1], layout="official")
    document = docx.Document(str(result.path))

    def east_asian(style):
        return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))

    styles = document.styles
    assert east_asian(styles["Normal"]) == "仿宋_GB2312"
    assert east_asian(styles["Heading 2"]) == "黑体"
    assert east_asian(styles["Heading 3"]) == "楷体_GB2312"
    assert east_asian(styles["Heading 1"]) == "方正小标宋简体"
    assert styles["Normal"].font.size.pt == 16  # 三号
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert footer._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
    lead = set(casebook.case(CASES[0]).lead)
    body = [p for p in document.paragraphs if p.text in lead]
    assert body and {p.style.name for p in body} == {"Body Text"}  # one style for the body: editable at once
    assert styles["Body Text"].paragraph_format.first_line_indent.pt == 32  # two characters of 三号


def test_notes_only_digest(casebook, userdb, annotated, tmp_path):
    _job, result = export_docx(casebook, userdb, tmp_path, [*CASES, "stid-b-01"], notes_only=True)
    document = docx.Document(str(result.path))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert titles == [casebook.case(cid).display_title for cid in CASES]  # the case without notes is left out
    text = "".join(p.text for p in document.paragraphs)
    for made in annotated.values():
        for a in made.quoted:
            assert squeeze(a.quote.exact) in squeeze(text)


def test_comparison_is_one_table_with_a_column_per_case(casebook, tmp_path):
    from reader.export.docx_doc import write_comparison_docx

    ids = ("stid-a-01", "sop-c-97fa24e0", "sop-a-285147d9")
    cases = [casebook.case(c) for c in ids]
    alignment = align(cases, batch_titles={c.batch_id: casebook.batch_title(c.batch_id) for c in cases})
    result = write_comparison_docx(alignment, tmp_path / "cmp.docx")
    document = docx.Document(str(result.path))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [c.display_title for c in cases]
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    for col, case in enumerate(cases):
        column = squeeze("".join(row.cells[col].text for row in table.rows[1:]))
        for seg in case_segments(case)[1:]:
            assert squeeze(seg.text) in column, (case.id, seg.text)
    assert "（无）" in [row.cells[2].text for row in table.rows]  # the case without an effect section


def test_playlist_handout_in_word(casebook, userdb, annotated, tmp_path):
    from reader.export.handout import write_playlist_handout
    from reader.storage import playlists

    p = playlists.create_playlist(userdb, "开放创新研讨会", case_ids=("stid-a-02", "stid-a-01"))
    p = playlists.set_item_notes(userdb, p.id, p.items[0].id, "讲解重点：试点如何复制推广")
    result = write_playlist_handout(userdb, casebook, p.id, tmp_path / "handout.docx")
    assert result.format == "docx"
    document = docx.Document(str(result.path))
    assert [x.text for x in document.paragraphs if x.style.name == "Heading 1"] == [
        casebook.case("stid-a-02").display_title,
        casebook.case("stid-a-01").display_title,
    ]
    trainer = [c for c in document.comments if "讲解重点：试点如何复制推广" in c.text]
    assert len(trainer) == 1 and "#讲师笔记" in trainer[0].text


@needs_soffice
def test_libreoffice_opens_it_and_prints_the_same_text(casebook, userdb, annotated, tmp_path):
    pytest.importorskip("pypdf")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    job, result = export_docx(casebook, userdb, tmp_path, CASES, layout="official")
    out = tmp_path / "lo"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(result.path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / "out.pdf"
    text = squeeze(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout)
    numbers = [int(n) for n in re.findall(r"—(\d+)—", text)]  # the footer's "— N —" on every page
    assert len(numbers) >= 4 and numbers == list(range(1, len(numbers) + 1)), numbers
    text = re.sub(r"—\d+—", "", text)
    position = 0
    for entry in job.entries:  # every segment, in order
        for seg in case_segments(entry.case):
            found = text.find(squeeze(seg.text), position)
            assert found >= 0, (entry.case.id, seg.text[:40])
            position = found
