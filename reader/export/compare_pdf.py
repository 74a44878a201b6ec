"""The comparison PDF: two to four cases side by side on landscape pages, rows aligned as in the compare view.

The rows of :func:`reader.domain.compare.align` become one HTML table in a ``QTextDocument``: a header row
with each case's title (repeated at the top of every page), a row with batch, category and contributors,
then per row group (导语, 主要做法, 实践效果, 下一步, 其他) a heading spanning all columns and one table row per
aligned row, a cell per case. An empty cell shows "（无）", so a row never shifts. Qt's table layout starts a
row at the same height in every column and breaks a tall row between lines at the page end; the pages are
painted on a ``QPdfWriter`` with the helpers of :mod:`reader.export.pdf` (bundled font embedded, text stays
text), then pypdf adds one bookmark per row group. The file is written all or nothing.

Nothing touches a widget or a database: this runs on a worker thread too (a QGuiApplication must exist).
"""

from __future__ import annotations

import datetime as _dt
import io
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF
from PySide6.QtGui import (
    QColor,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextTable,
)

from reader import __version__
from reader.domain.compare import Alignment, Cell, Column
from reader.domain.textmap import TextMap, TextMapError
from reader.export.bundle import COMPARISON_LABELS, HIGHLIGHT_COLOURS, ExportError, ExportResult, Progress, probe_folder
from reader.export.html import LIGHT, _t, cell_html, style_sheet
from reader.export.pdf import DOC_MARGIN, DPI, MM, PAPER, RULE, _Layout, _pt, paint_document

log = logging.getLogger(__name__)

BASE_PX = 12  # 9 pt: four columns of about 20 characters on landscape A4
MARGIN_X = 14 * MM
MARGIN_TOP = 17 * MM  # the running header sits in it
MARGIN_BOTTOM = 14 * MM  # the page number sits in it
HEADER_BASELINE = 10 * MM
FOOTER_BASELINE = 7 * MM  # from the bottom edge
GROUP_BG = "#e8eef7"
HEAD_BG = "#f3f6fa"

#: Words of the comparison (Chinese, the product's default language); pass translations as ``labels``.
LABELS = COMPARISON_LABELS

#: ``(start, end, colour)`` spans in a case's plain text; colour is an index into the highlight colours
#: (as annotations store it) or any colour name Qt understands.
Span = tuple[int, int, Any]


def _colour(value: Any) -> QColor:
    if isinstance(value, QColor):
        return value
    if isinstance(value, int):
        return QColor(HIGHLIGHT_COLOURS[value % len(HIGHLIGHT_COLOURS)])
    return QColor(str(value))


def _css(family: str) -> str:
    b = BASE_PX
    return (
        style_sheet(LIGHT, base_px=b)
        + f"""
body {{ font-family: "{family}"; }}
p {{ line-height: 145%; margin-bottom: {round(b * 0.45)}px; text-indent: {2 * b}px; text-align: justify; }}
p.point {{ margin-left: {b}px; }}
p.sec {{ text-indent: 0px; font-weight: bold; color: {LIGHT.heading}; font-size: {round(b * 1.15)}px; text-align: left; }}
p.sub {{ text-indent: 0px; font-weight: bold; color: {LIGHT.heading}; text-align: left; }}
h3 {{ font-size: {b}px; margin-top: 0px; margin-bottom: {round(b * 0.35)}px; }}
table.box {{ margin-top: 2px; margin-bottom: {round(b * 0.5)}px; }}
p.ctitle {{ text-indent: 0px; font-weight: bold; color: {LIGHT.heading}; font-size: {round(b * 1.15)}px;
  line-height: 135%; margin-bottom: 0px; text-align: left; }}
p.cmeta {{ text-indent: 0px; color: {LIGHT.muted}; font-size: {round(b * 0.9)}px; margin-bottom: 2px; text-align: left; }}
p.group {{ text-indent: 0px; font-weight: bold; color: {LIGHT.heading}; font-size: {round(b * 1.1)}px;
  margin-bottom: 0px; text-align: left; }}
p.empty {{ text-indent: 0px; color: {LIGHT.muted}; font-style: italic; margin-bottom: 0px; text-align: left; }}
"""
    )


def _cell_html(cell: Cell) -> str:
    """One cell: its heading, paragraphs and deeper levels; every plain-text segment shown contiguously."""
    return cell_html(cell, LIGHT, heading=lambda level, text: f'<p class="{"sec" if level == 1 else "sub"}">{text}</p>')


def _meta_html(column: Column, lab: Mapping[str, str]) -> str:
    meta = " · ".join(_t(x) for x in (column.batch_title, column.category or "") if x)
    out = f'<p class="cmeta">{meta}</p>' if meta else ""
    if column.contributors:
        out += f'<p class="cmeta">{_t(lab["contributors"])}{_t("、".join(column.contributors))}</p>'
    return out or '<p class="cmeta"></p>'


def comparison_html(alignment: Alignment, lab: Mapping[str, str]) -> tuple[str, list[tuple[int, int]], list[str]]:
    """The table's HTML, the table row of each alignment row, and the group of each group heading row."""
    n = len(alignment.columns)
    width = f"{100 // n}%"
    table_rows: list[int] = []
    groups: list[str] = []
    html = [
        f'<table width="100%" cellspacing="0" cellpadding="5" border="1" '
        f'style="border-collapse: collapse; border-color: {RULE.name()}; border-style: solid;">'
    ]
    html.append("<thead><tr>")
    html += (
        f'<td width="{width}" bgcolor="{HEAD_BG}"><p class="ctitle">{_t(c.display_title)}</p></td>'
        for c in alignment.columns
    )
    html.append("</tr></thead><tr>")
    html += (f'<td width="{width}">{_meta_html(c, lab)}</td>' for c in alignment.columns)
    html.append("</tr>")
    r = 2  # table rows so far
    group = None
    for i, row in enumerate(alignment.rows):
        if row.group != group:
            group = row.group
            html.append(
                f'<tr><td colspan="{n}" bgcolor="{GROUP_BG}"><p class="group"><a name="g{len(groups)}"></a>'
                f"{_t(lab[group.value])}</p></td></tr>"
            )
            groups.append(group.value)
            r += 1
        html.append("<tr>")
        for cell in row.cells:
            body = _cell_html(cell) if cell is not None else f'<p class="empty">{_t(lab["empty"])}</p>'
            html.append(f'<td width="{width}">{body}</td>')
        html.append("</tr>")
        table_rows.append((i, r))
        r += 1
    html.append("</table>")
    return "".join(html), table_rows, groups


class _CompareLayout(_Layout):
    """The PDF layout of :mod:`reader.export.pdf` on a landscape page with narrower margins and smaller text."""

    base_px = BASE_PX
    furniture_px = 10
    header_baseline = HEADER_BASELINE
    footer_baseline = FOOTER_BASELINE
    right_share = 0.3
    rule_gap = 3.0

    def __init__(self, writer: QPdfWriter) -> None:
        super().__init__(writer)
        self.text = QRectF(MARGIN_X, MARGIN_TOP, self.page_w - 2 * MARGIN_X, self.page_h - MARGIN_TOP - MARGIN_BOTTOM)
        self.slice = self.text.height() + 2 * DOC_MARGIN
        self.css = _css(self.family)

    def document(self, body_html: str) -> QTextDocument:
        return self.new_document(body_html)  # one table: no headings to keep with the next paragraph


def _table(doc: QTextDocument) -> QTextTable:
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            return frame
    raise RuntimeError("the comparison table is missing from its document")


def _paint_highlights(
    doc: QTextDocument,
    alignment: Alignment,
    table_rows: Sequence[tuple[int, int]],
    highlights: Mapping[str, Sequence[Span]],
) -> int:
    """Give the highlighted passages their background; returns how many spans were painted (in part)."""
    table = _table(doc)
    raw = doc.toRawText()
    painted = 0
    for col, column in enumerate(alignment.columns):
        spans = list(highlights.get(column.case_id, ()))
        if not spans:
            continue
        hit = [False] * len(spans)
        for i, r in table_rows:
            cell = alignment.rows[i].cells[col]
            if cell is None:
                continue
            tcell = table.cellAt(r, col)
            first, last = tcell.firstPosition(), tcell.lastPosition()
            try:
                textmap = TextMap(cell.texts, raw[first:last])
            except TextMapError:
                log.warning("cell %s of %s cannot be mapped", alignment.rows[i].key, column.case_id)
                continue
            for k, (start, end, colour) in enumerate(spans):
                a, b = max(int(start), cell.start), min(int(end), cell.end)
                if a >= b:
                    continue
                fmt = QTextCharFormat()
                fmt.setBackground(_colour(colour))
                for x, y in textmap.plain_span_to_doc(a - cell.start, b - cell.start):
                    cursor = QTextCursor(doc)
                    cursor.setPosition(first + x)
                    cursor.setPosition(first + y, QTextCursor.MoveMode.KeepAnchor)
                    cursor.mergeCharFormat(fmt)
                    hit[k] = True
        painted += sum(hit)
    return painted


def comparison_pdf_bytes(
    alignment: Alignment,
    *,
    title: str = "",
    paper: str = "A4",
    highlights: Mapping[str, Sequence[Span]] | Callable[[str], Sequence[Span]] | None = None,
    labels: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    created: _dt.datetime | None = None,
) -> tuple[bytes, int, int]:
    """The PDF, its page count and the number of highlights painted. Needs a QGuiApplication; any thread."""
    if not alignment.columns:
        raise ExportError("export-empty", "nothing to export: no case is compared")
    if paper not in PAPER:
        raise ExportError("export-paper", f"unknown paper size {paper!r} (use A4 or Letter)")
    progress = progress or Progress()
    lab = {**LABELS, **dict(labels or {})}
    if not title:
        title = lab["title"].format(titles=lab["title_separator"].join(c.title for c in alignment.columns))
    day = created or _dt.datetime.now().astimezone()
    subtitle = lab["subtitle"].format(
        n=len(alignment.columns), date=lab["date"].format(y=day.year, m=day.month, d=day.day)
    )
    if callable(highlights):
        highlights = {cid: list(highlights(cid)) for cid in alignment.case_ids}
    progress.start(4)

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAPER[paper]),
            QPageLayout.Orientation.Landscape,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator(f"Casebook {__version__}")
    lay = _CompareLayout(writer)

    body, table_rows, groups = comparison_html(alignment, lab)
    doc = lay.document(body)
    painted = _paint_highlights(doc, alignment, table_rows, highlights) if highlights else 0
    progress.step()
    pages = max(1, doc.pageCount())
    anchors = lay.anchors(doc)
    progress.step()

    def furniture(p: int, pages: int) -> dict[str, str]:
        return {"header": title, "right": subtitle, "footer": lab["page"].format(page=p + 1, pages=pages)}

    paint_document(writer, lay, doc, progress, furniture)
    data = bytes(buffer.data())
    buffer.close()
    progress.step()

    marks = [(lab[g], *anchors[f"g{i}"][:2]) for i, g in enumerate(groups) if f"g{i}" in anchors]
    data = _add_outline(data, lay, title, marks)
    progress.step()
    return data, pages, painted


def _add_outline(data: bytes, lay: _CompareLayout, title: str, marks: Sequence[tuple[str, int, float]]) -> bytes:
    """``data`` with a bookmark per row group and the document's metadata."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import Fit

    out = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for name, page, y in marks:
        top = _pt(lay.text.top() + max(0.0, y - 6), lay.page_h)
        out.add_outline_item(title=name, page_number=page, fit=Fit.xyz(top=top))
    out.page_mode = "/UseOutlines"
    out.add_metadata({"/Title": title, "/Creator": f"Casebook {__version__}", "/Producer": "Casebook (Qt, pypdf)"})
    buf = io.BytesIO()
    out.write(buf)
    return buf.getvalue()


def write_comparison_pdf(
    alignment: Alignment,
    path: Path | str,
    *,
    title: str = "",
    paper: str = "A4",
    highlights: Mapping[str, Sequence[Span]] | Callable[[str], Sequence[Span]] | None = None,
    labels: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the comparison ``alignment`` to ``path`` as a landscape PDF, all or nothing (see the module
    docstring). ``highlights`` maps a case id (or is a function of it) to ``(start, end, colour)`` spans of
    its plain text; ``labels`` override the Chinese words (group names, "（无）", the page footer…).

    Raises ReadOnlyError / DiskFullError / StorageError (with ``code``), ExportCancelled or ExportError; then
    ``path`` is untouched. Safe on a worker thread; needs a QGuiApplication.
    """
    from reader.storage.files import atomic_write

    path = Path(path)
    progress = progress or Progress()
    probe_folder(path.parent)
    data, pages, painted = comparison_pdf_bytes(
        alignment, title=title, paper=paper, highlights=highlights, labels=labels, progress=progress
    )
    progress.check()
    atomic_write(path, data)
    return ExportResult(
        path=path, format="pdf", cases=len(alignment.columns), annotations=painted, pages=pages, size=len(data)
    )
