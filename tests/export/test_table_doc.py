"""A table as a Word or PDF document: header row repeated on every page, fixed column widths, rows whole in Word,
the Chinese font embedded in the PDF, every row's text present and in order."""

from __future__ import annotations

import pytest

from reader.export.bundle import ExportError
from reader.export.table_doc import TableDoc, write_table
from tests.export.exportkit import needs_poppler, pdffonts, pdftotext

docx = pytest.importorskip("docx")

HEADERS = ("案例", "数值", "所计对象", "原句")


def long_table(n: int = 120) -> TableDoc:
    rows = tuple(
        (f"案例{i:03d}", f"{i} 家", f"对象{i:03d}", "截至 2022 年底，累计引进企业若干，形成集聚效应。" * 2)
        for i in range(n)
    )
    return TableDoc(
        title="关键数据",
        headers=HEADERS,
        rows=rows,
        widths=(2, 1, 2, 5),
        facts=("筛选：单位 家",),
        right=frozenset({1}),
    )


def test_rows_must_fit_the_headers():
    with pytest.raises(ExportError):
        TableDoc(title="t", headers=("a", "b"), rows=(("1",),))
    with pytest.raises(ExportError):
        TableDoc(title="t", headers=("a", "b"), rows=(), widths=(1, 0))


def test_word_table(tmp_path):
    from docx.oxml.ns import qn

    path = tmp_path / "t.docx"
    result = write_table(long_table(), path, format="docx")
    assert result.size == path.stat().st_size
    document = docx.Document(str(path))
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == list(HEADERS)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert len(table.rows) == 121 and table.rows[120].cells[0].text == "案例119"
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows[1:])
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[3] > 2 * grid[0] > 4 * grid[1] * 0.9  # 5 : 2 : 1 shares
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
    assert [p.text for p in document.paragraphs[:2]] == ["关键数据", "筛选：单位 家"]
    assert document.styles["Table Text"].font.size.pt == 9


@needs_poppler
def test_pdf_table_repeats_its_header_on_every_page(tmp_path, qapp):
    path = tmp_path / "t.pdf"
    result = write_table(long_table(), path, format="pdf")
    assert result.pages is not None and result.pages >= 3
    pages = pdftotext(path, "-layout").split("\f")[: result.pages]
    for page in pages:
        assert all(h in page for h in HEADERS), page[:200]
    text = "".join(pages)
    positions = [text.index(f"案例{i:03d}") for i in range(120)]
    assert positions == sorted(positions)  # every row, in order
    assert "筛选：单位 家" in pages[0]
    assert pdffonts(path) and all(f["emb"] == "yes" for f in pdffonts(path))
