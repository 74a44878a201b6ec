"""How exported PDFs read, page by page, as an official handing them out would see them: Chinese line breaking,
titles and subtitles that fit the selection, running headers, bookmarks, note boxes kept whole."""

from __future__ import annotations

import pytest

from reader.domain.annotation import new_bookmark, new_highlight
from reader.domain.text import plain_text
from reader.export.bundle import batch_case_ids, make_job, write_export
from tests.export.exportkit import body_offsets, needs_poppler, pdftotext, squeeze

pypdf = pytest.importorskip("pypdf")
pytestmark = needs_poppler

#: Never at the end of a line (避尾) / never at the start of one (避头).
OPENING = "（《“‘「『【〈〔［"
CLOSING = "）》”’」』】〉〕］。，、；：？！"


@pytest.fixture
def fonts(qapp):
    from reader.export.fonts import register_fonts

    register_fonts()


def lines_of(path) -> list[str]:
    return [line.strip() for line in pdftotext(path).splitlines() if line.strip()]


def test_no_line_ends_with_an_opening_bracket_or_starts_with_closing_punctuation(fonts, casebook, tmp_path):
    # stid-a holds "服务中心（ ICisC）", which used to end a line with "（"
    ids = batch_case_ids(casebook, "stid-a") + batch_case_ids(casebook, "sop-c")
    result = write_export(make_job(casebook, ids), tmp_path / "many.pdf")
    lines = lines_of(result.path)
    assert len(lines) > 2000
    bad_end = [line for line in lines if line[-1] in OPENING]
    bad_start = [line for line in lines if line[0] in CLOSING]
    assert not bad_end, bad_end[:5]
    assert not bad_start, bad_start[:5]


def test_several_batches_are_titled_for_the_whole_selection(fonts, casebook, tmp_path):
    ids = [cid for b in ("stid-a", "stid-b", "sop-a") for cid in batch_case_ids(casebook, b)[:2]]
    job = make_job(casebook, ids)
    assert job.title == "最佳实践案例选编"
    from reader.export.bundle import scope_text

    titles = [casebook.batch_title(b) for b in ("stid-a", "stid-b", "sop-a")]
    job = job.with_options(scope=scope_text(batches=titles))
    cover = pdftotext(write_export(job, tmp_path / "sel.pdf").path, "-f", "1", "-l", "1")
    assert "批次：" not in cover and "3 个批次" in cover
    assert cover.count(titles[0]) == 1  # listed once, under 批次


def test_an_export_without_annotations_is_not_called_an_annotation_export(fonts, casebook, userdb, tmp_path):
    job = make_job(casebook, ["stid-a-01", "stid-a-02"], userdb=userdb)
    cover = pdftotext(write_export(job, tmp_path / "plain.pdf").path, "-f", "1", "-l", "1")
    assert "批注导出" not in cover and "条批注" not in cover
    assert "最佳实践案例" in cover


def test_single_case_header_names_the_title_once(fonts, casebook, tmp_path):
    case = casebook.case("stid-a-02")
    result = write_export(make_job(casebook, [case.id]), tmp_path / "one.pdf")
    for page in (3, 4):
        header = pdftotext(result.path, "-f", str(page), "-l", str(page), "-y", "0", "-H", "50", "-W", "595")
        assert squeeze(header).count(squeeze(case.title)) == 1, header


def test_a_bookmark_without_note_is_not_printed_as_a_note_box(fonts, casebook, userdb, tmp_path):
    case = casebook.case("stid-a-01")
    text = plain_text(case)
    at = body_offsets(case)[0]
    userdb.add(new_bookmark(case, at + 2, at + 10, text=text))
    result = write_export(make_job(casebook, [case.id], userdb=userdb), tmp_path / "bm.pdf")
    body = squeeze(pdftotext(result.path, "-f", "3"))
    assert "书签" not in body and "[1]" not in body


def test_note_boxes_are_never_split_across_pages(fonts, casebook, userdb, tmp_path):
    """A notes-only digest of 100 notes: each note's quote and its note text are on the same page."""
    made = []
    for cid in batch_case_ids(casebook, "stid-a")[:10]:
        case = casebook.case(cid)
        text = plain_text(case)
        for k, at in enumerate(body_offsets(case, min_len=40)[:10]):
            note = f"第{len(made) + 1}条笔记：" + "这一做法值得在研讨中展开讨论。" * (1 + k % 4)
            a = new_highlight(case, at + 1, at + 13, color=k % 5, note=note, text=text)
            userdb.add(a)
            made.append(a)
    assert len(made) >= 80
    ids = list(dict.fromkeys(a.case_id for a in made))
    result = write_export(make_job(casebook, ids, userdb=userdb, notes_only=True), tmp_path / "digest.pdf")
    pages = [squeeze(pdftotext(result.path, "-f", str(p), "-l", str(p))) for p in range(3, result.pages + 1)]
    for a in made:
        quote = squeeze(a.quote.exact)
        head = squeeze(a.note.split("：")[0] + "：")
        on = [i for i, page in enumerate(pages) if quote in page and head in page]
        assert on, f"{head} is not on the page of its quote"
