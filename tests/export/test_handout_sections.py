"""A playlist handout prints exactly the sections the trainer chose, in every format, and leaves out the
annotations on the parts it leaves out."""

from __future__ import annotations

import pytest

from reader.domain.annotation import new_highlight
from reader.domain.text import plain_text
from reader.export.bundle import write_export
from reader.export.handout import handout_job
from reader.storage import playlists
from tests.export.exportkit import needs_poppler, pdftotext, squeeze

pypdf = pytest.importorskip("pypdf")

CASE = "stid-a-01"
NEXT_HEADING = "三、下一步工作思路"
NEXT_1 = "积极参加新加坡知识产权周"  # in （一）加强知识产权服务国际交流。 under 三、
NEXT_2_HEADING = "（二）提升平台国际化服务水平。"
PRACTICE_HEADING = "一、主要做法"
EFFECT_HEADING = "二、实践效果"


@pytest.fixture
def workshop(userdb):
    p = playlists.create_playlist(userdb, "知识产权研讨", case_ids=(CASE, "stid-a-02"))
    return p


def first_case(md: str) -> str:
    """The Markdown of the playlist's first case (stid-a-01, before stid-a-02)."""
    return md.split("## 1. 创新开展专利代理对外开放试点")[1].split("## 2. 深化仲裁领域改革开放")[0]


def handout(userdb, casebook, p, sections, fmt="md"):
    p = playlists.set_item_sections(userdb, p.id, p.items[0].id, sections)
    return handout_job(userdb, casebook, p.id, format=fmt)


def test_a_left_out_section_is_not_printed(userdb, casebook, workshop, tmp_path):
    case = casebook.case(CASE)
    text = plain_text(case)
    at = text.index(NEXT_1)
    userdb.add(new_highlight(case, at, at + 10, color=1, note="下一步的笔记", text=text))  # in the left-out part
    job = handout(userdb, casebook, workshop, ["lead", "s1", "s2"])
    full = write_export(job, tmp_path / "h.md").path.read_text(encoding="utf-8")
    md = first_case(full)
    assert PRACTICE_HEADING in md and EFFECT_HEADING in md and "（三）打造国际服务大厅。" in md  # s1 brings s1.3
    assert NEXT_HEADING not in md and NEXT_1 not in md
    assert "下一步的笔记" not in full  # nor the note on it (not even as an orphan)
    assert NEXT_HEADING in full.split("## 2. 深化仲裁领域改革开放")[1]  # stid-a-02 whole


def test_a_chosen_sub_item_brings_its_parent_heading_only(userdb, casebook, workshop, tmp_path):
    job = handout(userdb, casebook, workshop, ["s3.1"])
    first = first_case(write_export(job, tmp_path / "h.md").path.read_text(encoding="utf-8"))
    assert NEXT_HEADING in first and NEXT_1 in first
    assert NEXT_2_HEADING not in first and PRACTICE_HEADING not in first and EFFECT_HEADING not in first
    assert casebook.case(CASE).lead[0][:20] not in first  # the introduction was not chosen


@needs_poppler
def test_pdf_and_word_handouts_follow_the_choice(qapp, userdb, casebook, workshop, tmp_path):
    docx = pytest.importorskip("docx")
    from reader.export.fonts import register_fonts

    register_fonts()
    job = handout(userdb, casebook, workshop, ["lead", "s1", "s2"], fmt="pdf")
    result = write_export(job, tmp_path / "h.pdf")
    reader = pypdf.PdfReader(str(result.path))
    top = [item for item in reader.outline if not isinstance(item, list)]
    sections = reader.outline[2]  # the bookmarks under the first case
    assert [s.title for s in sections if not isinstance(s, list)] == [PRACTICE_HEADING, EFFECT_HEADING]
    first, second = (reader.get_destination_page_number(m) for m in top[1:3])
    text = squeeze(pdftotext(result.path, "-f", str(first + 1), "-l", str(second)))
    assert squeeze(EFFECT_HEADING) in text and squeeze(NEXT_HEADING) not in text and squeeze(NEXT_1) not in text
    result = write_export(job.with_options(format="docx"), tmp_path / "h.docx")
    document = docx.Document(str(result.path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[:2] == [PRACTICE_HEADING, EFFECT_HEADING] and headings[2] == PRACTICE_HEADING  # then stid-a-02
