"""The comparison PDF: landscape, every cell's text once in its column, rows aligned, empty cells marked,
the bundled font embedded, written all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.domain.compare import RowGroup, align
from reader.export.bundle import ExportCancelled, Progress
from tests.export.exportkit import needs_poppler, pdffonts, pdftotext, squeeze

pypdf = pytest.importorskip("pypdf")
pytestmark = needs_poppler

PAGE_W, PAGE_H = 842, 595  # landscape A4, points
TOP, BOTTOM = 38, 32  # points: below the running header rule, above the page number
TEXT_LEFT = 14 * 72 / 25.4  # the text area's margin (compare_pdf.MARGIN_X)

#: Both have a 实践效果 section (under different headings); the third has none (only case-specific sections).
PAIR = ("stid-a-01", "sop-c-97fa24e0")
NO_EFFECT = "sop-a-285147d9"


@pytest.fixture
def fonts(qapp):
    from reader.export.fonts import FAMILY, register_fonts

    assert FAMILY in register_fonts()
    return FAMILY


def alignment_of(casebook, ids):
    cases = [casebook.case(cid) for cid in ids]
    return align(cases, batch_titles={c.batch_id: casebook.batch_title(c.batch_id) for c in cases})


def write(alignment, tmp_path: Path, name="compare.pdf", **options):
    from reader.export.compare_pdf import write_comparison_pdf

    return write_comparison_pdf(alignment, tmp_path / name, **options)


def column_pages(path: Path, pages: int, column: int, columns: int) -> list[str]:
    """The squeezed text of one table column on each page (page header and number cropped away)."""
    width = (PAGE_W - 2 * TEXT_LEFT) / columns
    x0 = TEXT_LEFT + column * width
    out = []
    for p in range(1, pages + 1):
        args = ["-f", str(p), "-l", str(p), "-x", str(int(x0) + 1), "-y", str(TOP)]
        args += ["-W", str(int(width) - 2), "-H", str(PAGE_H - TOP - BOTTOM)]
        out.append(squeeze(pdftotext(path, *args)))
    return out


def test_landscape_titles_every_cell_and_embedded_font(fonts, casebook, tmp_path):
    alignment = alignment_of(casebook, PAIR)
    result = write(alignment, tmp_path, title="对比材料")
    reader = pypdf.PdfReader(str(result.path))
    assert len(reader.pages) == result.pages >= 2
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) > float(box.height) and page.rotation % 180 == 0
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (842, 595)
    text = squeeze(pdftotext(result.path))
    assert "对比材料" in text
    for col in alignment.columns:
        assert squeeze(col.display_title) in text
        assert squeeze(col.batch_title) in text
    for name in ("导语", "主要做法", "实践效果", "下一步"):
        assert name in text
    assert f"第1/{result.pages}页" in text and f"第{result.pages}/{result.pages}页" in text
    # every cell's text, in its own column (a paragraph broken across pages reads on)
    for k, col in enumerate(alignment.columns):
        column_text = "".join(column_pages(result.path, result.pages, k, 2)).replace(squeeze(col.display_title), "")
        missing = [
            t[:30] for _i, cell in alignment.column_cells(k) for t in cell.texts if squeeze(t) not in column_text
        ]
        assert missing == [], (col.case_id, missing[:5])
    rows = pdffonts(result.path)
    assert rows and all(r["emb"] == "yes" for r in rows), rows
    assert any("WenQuanYi" in r["name"] for r in rows)
    assert [item.title for item in reader.outline] == ["导语", "主要做法", "实践效果", "下一步"]


def test_rows_are_aligned_across_columns(fonts, casebook, tmp_path):
    alignment = alignment_of(casebook, PAIR)
    result = write(alignment, tmp_path)
    effect = alignment.group_rows(RowGroup.EFFECT)[0]
    a, b = effect.cells
    assert a is not None and b is not None and squeeze(a.heading) != squeeze(b.heading)
    pages = [column_pages(result.path, result.pages, k, 2) for k in range(2)]

    def page_of(k: int, text: str) -> int:
        found = [p for p, page in enumerate(pages[k]) if squeeze(text) in page]
        assert found, text
        return found[0]

    assert page_of(0, a.heading) == page_of(1, b.heading)
    # and every later row filled in both columns starts on the same page in both
    for row in alignment.rows[alignment.row_index(effect.key) :]:
        if all(c is not None for c in row.cells):
            assert page_of(0, row.cells[0].texts[0][:12]) == page_of(1, row.cells[1].texts[0][:12]), row.key


def test_missing_section_shows_none_not_a_shifted_row(fonts, casebook, tmp_path):
    alignment = alignment_of(casebook, ("stid-a-01", NO_EFFECT))
    effect = alignment.group_rows(RowGroup.EFFECT)[0]
    assert effect.cells[1] is None
    result = write(alignment, tmp_path)
    left = column_pages(result.path, result.pages, 0, 2)
    right = column_pages(result.path, result.pages, 1, 2)
    page = next(p for p, text in enumerate(left) if squeeze(effect.cells[0].heading) in text)
    assert "（无）" in right[page]
    empty = sum(c is None for row in alignment.rows for c in row.cells)
    assert squeeze(pdftotext(result.path)).count("（无）") == empty


def test_highlights_and_labels(fonts, casebook, tmp_path):
    alignment = alignment_of(casebook, PAIR)
    lead = alignment.rows[0].cells[0]
    spans = {PAIR[0]: [(lead.start + 2, lead.start + 20, 0), (10**6, 10**6 + 5, 1)], PAIR[1]: [(0, 3, "#9fd0ff")]}
    labels = {"effect": "Effects", "empty": "(none)", "page": "Page {page} of {pages}"}
    result = write(alignment, tmp_path, highlights=spans, labels=labels)
    assert result.annotations == 1  # the span past the end and the one in the title (not in a cell) are skipped
    text = squeeze(pdftotext(result.path))
    assert "Effects" in text and f"Page1of{result.pages}" in text and "（无）" not in text
    left = "".join(column_pages(result.path, result.pages, 0, 2))
    assert squeeze(lead.texts[0]) in left  # highlighting keeps the text whole
    letter = write(alignment, tmp_path, name="letter.pdf", paper="Letter")
    box = pypdf.PdfReader(str(letter.path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    called = []
    write(alignment, tmp_path, name="f.pdf", highlights=lambda cid: called.append(cid) or [])
    assert called == list(PAIR)


def test_written_all_or_nothing(fonts, casebook, tmp_path):
    alignment = alignment_of(casebook, PAIR)
    target = tmp_path / "out" / "compare.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    progress = Progress(callback=lambda done, total: progress.cancel() if done >= 2 else None)
    from reader.export.compare_pdf import write_comparison_pdf

    with pytest.raises(ExportCancelled):
        write_comparison_pdf(alignment, target, progress=progress)
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["compare.pdf"]


def test_nothing_to_compare_is_an_export_error(fonts, tmp_path):
    from reader.domain.compare import Alignment
    from reader.export.bundle import ExportError

    with pytest.raises(ExportError):
        write(Alignment(), tmp_path)
    assert not (tmp_path / "compare.pdf").exists()
