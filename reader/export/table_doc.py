"""A table as a document: the figures table (rows as shown: filtered, sorted) to Word or PDF.

A :class:`TableDoc` is plain data — a title, a few lines saying what it holds (filters, counts, date), the
column headers, the rows as text and each column's share of the width — so it is built on the GUI thread
from what the table shows and written on any thread.

* Word (:func:`table_docx_bytes`): landscape pages, one table whose header row Word repeats at the top of
  every page, rows that never split across pages, fixed column widths, a ``Table Text`` paragraph style
  (one place to change the table's type), the page number in the footer.
* PDF (:func:`table_pdf_bytes`): the same table laid out by Qt on landscape pages, its header row repeated on
  every page (``<thead>``), the title and date as a running header, page numbers; the bundled Chinese font is
  embedded (see :mod:`reader.export.fonts`), so the text is real text on every machine. Needs a
  QGuiApplication (any thread).

Files are written all or nothing by :func:`write_table`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from reader.export.bundle import ExportError, ExportResult, Progress, probe_folder

PAPERS = ("A4", "Letter")
TABLE_LABELS = {"page": "第 {page} / {pages} 页", "date": "{y}年{m}月{d}日"}


@dataclass(frozen=True)
class TableDoc:
    """A titled table: ``rows`` of text under ``headers``; ``widths`` are the columns' shares of the width (any
    positive numbers); ``right`` the columns aligned right (numbers); ``facts`` lines under the title."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    facts: tuple[str, ...] = ()
    right: frozenset[int] = frozenset()
    created: _dt.datetime = field(default_factory=lambda: _dt.datetime.now().astimezone())
    labels: dict[str, str] = field(default_factory=lambda: dict(TABLE_LABELS))

    def __post_init__(self) -> None:
        n = len(self.headers)
        if not n:
            raise ExportError("export-empty", "a table needs at least one column")
        if any(len(r) != n for r in self.rows):
            raise ExportError("export-invalid", f"every row must have {n} cells")
        widths = self.widths or (1.0,) * n
        if len(widths) != n or any(w <= 0 for w in widths):
            raise ExportError("export-invalid", f"give {n} positive column widths")
        total = float(sum(widths))
        object.__setattr__(self, "widths", tuple(w / total for w in widths))
        object.__setattr__(self, "labels", {**TABLE_LABELS, **dict(self.labels)})

    def date_text(self) -> str:
        d = self.created
        return self.labels["date"].format(y=d.year, m=d.month, d=d.day)


# ---------------------------------------------------------------------------------------------
# Word


def table_docx_bytes(table: TableDoc, *, paper: str = "A4", progress: Progress | None = None) -> bytes:
    """``table`` as a Word document on landscape pages (see the module docstring)."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
    from lxml import etree

    from reader.export.docx_doc import MUTED, DocxWriter, _set_fonts, _shade, add_run

    progress = progress or Progress()
    progress.start(len(table.rows) // 100 + 2)
    w = DocxWriter(paper=paper, title=table.title)
    section = w.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)
    text_width = section.page_width - section.left_margin - section.right_margin

    style = w.doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = w.doc.styles["Normal"]
    _set_fonts(style.element, "宋体", "Times New Roman")
    style.font.size = Pt(9)
    pf = style.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = 1.1
    pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
    style_id = style.style_id

    w.doc.add_paragraph(table.title, style="Heading 1")
    for fact in (*table.facts, table.date_text()):
        p = w.new_paragraph()
        run = p.add_run(fact)
        run.font.color.rgb = MUTED
        run.font.size = Pt(9)
        p.paragraph_format.space_after = Pt(2)

    n = len(table.headers)
    widths = [int(text_width * share) for share in table.widths]
    grid = w.doc.add_table(rows=1, cols=n)
    grid.style = w.doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    tbl = grid._tbl
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl.tblPr.append(layout)
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width // 635))  # EMU → twentieths of a point
    header = grid.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)

    def cell_xml(tr, text: str, width: int, *, bold: bool = False, right: bool = False):
        tc = etree.SubElement(tr, qn("w:tc"))
        tcpr = etree.SubElement(tc, qn("w:tcPr"))
        tcw = etree.SubElement(tcpr, qn("w:tcW"))
        tcw.set(qn("w:w"), str(width // 635))
        tcw.set(qn("w:type"), "dxa")
        p = etree.SubElement(tc, qn("w:p"))
        ppr = etree.SubElement(p, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), style_id)
        if right:
            etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), "right")
        from docx.text.paragraph import Paragraph

        if text:
            add_run(Paragraph(p, None), text, bold=bold)  # type: ignore[arg-type]
        return tc

    header_tr = header._tr
    for tc in header_tr.findall(qn("w:tc")):
        header_tr.remove(tc)
    for i, (text, width) in enumerate(zip(table.headers, widths, strict=True)):
        cell_xml(header_tr, text, width, bold=True, right=i in table.right)
    for cell in header.cells:
        _shade(cell, "F3F6FA")
    progress.step()
    for k, row in enumerate(table.rows, 1):
        tr = etree.SubElement(tbl, qn("w:tr"))
        etree.SubElement(etree.SubElement(tr, qn("w:trPr")), qn("w:cantSplit"))
        for i, (text, width) in enumerate(zip(row, widths, strict=True)):
            cell_xml(tr, text, width, right=i in table.right)
        if k % 100 == 0:
            progress.step()
    data = w.save()
    progress.step()
    return data


# ---------------------------------------------------------------------------------------------
# PDF


def table_html(table: TableDoc) -> str:
    """The table's HTML for Qt's rich text: title, facts, then the table with its header row in ``<thead>``."""
    head = "".join(
        f'<td width="{share * 100:.1f}%" bgcolor="#f3f6fa"{" align=right" if i in table.right else ""}>'
        f"<b>{escape(h)}</b></td>"
        for i, (h, share) in enumerate(zip(table.headers, table.widths, strict=True))
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{' align=right' if i in table.right else ''}>{escape(text)}</td>" for i, text in enumerate(row))
        + "</tr>"
        for row in table.rows
    )
    facts = "".join(f'<p class="fact">{escape(f)}</p>' for f in (*table.facts, table.date_text()))
    return (
        f"<h1>{escape(table.title)}</h1>{facts}"
        '<table width="100%" cellspacing="0" cellpadding="3" border="1" '
        'style="border-collapse: collapse; border-color: #c8ccd2; border-style: solid;">'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def table_pdf_bytes(table: TableDoc, *, paper: str = "A4", progress: Progress | None = None) -> tuple[bytes, int]:
    """``table`` as a PDF on landscape pages and its page count. Needs a QGuiApplication; any thread."""
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from reader import __version__
    from reader.export.compare_pdf import _CompareLayout
    from reader.export.fonts import register_fonts
    from reader.export.html import LIGHT
    from reader.export.pdf import PAPER, paint_document

    if paper not in PAPER:
        raise ExportError("export-paper", f"unknown paper size {paper!r} (use A4 or Letter)")
    register_fonts()
    progress = progress or Progress()
    progress.start(3)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(96)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAPER[paper]),
            QPageLayout.Orientation.Landscape,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(table.title)
    writer.setCreator(f"Casebook {__version__}")
    lay = _CompareLayout(writer)
    b = lay.base_px
    lay.css += f"""
h1 {{ font-size: {round(b * 1.6)}px; margin-top: 0px; margin-bottom: {round(b * 0.4)}px; }}
p.fact {{ text-indent: 0px; color: {LIGHT.muted}; margin-bottom: 2px; line-height: 130%; }}
td {{ font-size: {b}px; }}
"""
    doc = lay.document(table_html(table))
    progress.step()

    def furniture(p: int, pages: int) -> dict[str, str]:
        footer = table.labels["page"].format(page=p + 1, pages=pages)
        return {"header": table.title if p else "", "right": table.date_text() if p else "", "footer": footer}

    pages = paint_document(writer, lay, doc, progress, furniture)
    data = bytes(buffer.data())
    buffer.close()
    progress.step()
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    out = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    out.add_metadata(
        {"/Title": table.title, "/Creator": f"Casebook {__version__}", "/Producer": "Casebook (Qt, pypdf)"}
    )
    buf = BytesIO()
    out.write(buf)
    progress.step()
    return buf.getvalue(), pages


def write_table(
    table: TableDoc, path: Path | str, *, format: str, paper: str = "A4", progress: Progress | None = None
) -> ExportResult:
    """Write ``table`` to ``path`` as ``format`` (``"docx"`` or ``"pdf"``), all or nothing. Raises as
    :func:`reader.export.bundle.write_export`; a PDF needs a QGuiApplication."""
    from reader.storage.files import atomic_write

    if format not in ("docx", "pdf"):
        raise ExportError("export-format", f"a table is written as docx or pdf, not {format!r}")
    path = Path(path)
    progress = progress or Progress()
    probe_folder(path.parent)
    pages: int | None = None
    if format == "docx":
        data = table_docx_bytes(table, paper=paper, progress=progress)
    else:
        data, pages = table_pdf_bytes(table, paper=paper, progress=progress)
    progress.check()
    atomic_write(path, data)
    return ExportResult(path=path, format=format, cases=0, annotations=0, pages=pages, size=len(data))
