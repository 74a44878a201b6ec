"""An empty case note (no text, white space only, no tags) is never printed nor counted: PDF, Word, Markdown,
HTML and the notes-only digest show the case's real annotations and nothing for the empty note."""

from __future__ import annotations

import pytest

from reader.domain.annotation import new_case_note, new_highlight
from reader.domain.text import plain_text
from reader.export.bundle import format_for, make_job, write_export
from tests.export.exportkit import body_offsets, needs_poppler, pdftotext, squeeze

CASE = "stid-a-03"
HEADING = "案例笔记"  # the heading of the notes on the whole case, and Word's comment label


@pytest.fixture
def one_highlight_and_empty_notes(qapp, casebook, userdb):
    case = casebook.case(CASE)
    at = body_offsets(case)[0]
    userdb.add(new_highlight(case, at + 2, at + 12, color=1, note="高亮上的笔记", text=plain_text(case)))
    userdb.add(new_case_note(CASE))
    userdb.add(new_case_note(CASE, " \n\t  "))
    return case


def test_empty_case_notes_are_not_in_the_job(casebook, userdb, one_highlight_and_empty_notes):
    job = make_job(casebook, [CASE], userdb=userdb)
    assert job.annotation_count == 1
    assert job.kind_counts() == {"highlight": 1, "case_note": 0, "bookmark": 0}
    assert job.annotations_text() == "1 条批注（高亮 1，笔记 0，书签 0）"


def test_a_case_note_with_tags_only_is_kept(casebook, userdb):
    userdb.add(new_case_note(CASE, "  ", tags=["研讨"]))
    assert make_job(casebook, [CASE], userdb=userdb).annotation_count == 1


@pytest.mark.parametrize("suffix", ["md", "html"])
@pytest.mark.parametrize("notes_only", [False, True])
def test_text_exports_have_no_empty_note(casebook, userdb, one_highlight_and_empty_notes, tmp_path, suffix, notes_only):
    out = tmp_path / f"out.{suffix}"
    job = make_job(casebook, [CASE], userdb=userdb, notes_only=notes_only, format=format_for(out))
    text = write_export(job, out).path.read_text(encoding="utf-8")
    assert "高亮上的笔记" in text
    assert HEADING not in text
    assert "笔记 0" in text


@needs_poppler
@pytest.mark.parametrize("notes_only", [False, True])
def test_pdf_has_no_empty_note(casebook, userdb, one_highlight_and_empty_notes, tmp_path, notes_only):
    job = make_job(casebook, [CASE], userdb=userdb, notes_only=notes_only)
    text = squeeze(pdftotext(write_export(job, tmp_path / "out.pdf").path))
    assert "高亮上的笔记" in text
    assert HEADING not in text
    assert "1条批注（高亮1，笔记0，书签0）" in text


def test_word_has_no_empty_comment(casebook, userdb, one_highlight_and_empty_notes, tmp_path):
    docx = pytest.importorskip("docx")
    job = make_job(casebook, [CASE], userdb=userdb, format="docx")
    document = docx.Document(str(write_export(job, tmp_path / "out.docx").path))
    comments = [c.text for c in document.comments]
    assert len(comments) == 1 and "高亮上的笔记" in comments[0]
    assert all(c.strip() for c in comments)
    assert HEADING not in "\n".join(p.text for p in document.paragraphs)
