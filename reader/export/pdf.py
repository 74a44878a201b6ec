"""PDF export: cover, contents with page numbers, the cases (or the notes-only digest), running header and
footer, bookmarks.

Layout is Qt's: each case's HTML (:mod:`reader.export.annotated`) goes into a ``QTextDocument`` paginated to
the text area of the page, and every page is painted on a ``QPdfWriter`` writing into memory. The writer
runs at 96 dpi so that the style sheet's pixels are screen pixels (body text 14 px = 10.5 pt); text stays
text, the bundled font (:mod:`reader.export.fonts`) is embedded as a subset, and Qt's line breaking follows
Unicode's rules (no line starts with 。，、). Each case starts on a new page; the digest flows.

Qt has no API for the PDF outline. The layout knows the page and height of every case and section anchor,
so after painting, pypdf adds the bookmarks (cases, their sections and subsections) and turns every line
of the contents into a link. Nothing touches a widget: this runs on a worker thread too.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from reader import __version__
from reader.domain.slides import title_breaks
from reader.export.annotated import KEEP_WITH_NEXT, annotated_case_html, cover_html, digest_case_html, extra_style
from reader.export.bundle import ExportJob, Progress, place
from reader.export.fonts import MONO_FAMILY, export_family
from reader.export.fragments import block_fragments, document_fragments
from reader.export.html import LIGHT, outline, style_sheet

DPI = 96
BASE_PX = 14  # 10.5 pt
PAPER = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MM = DPI / 25.4
MARGIN_LEFT = MARGIN_RIGHT = 20 * MM
MARGIN_TOP = 24 * MM  # the running header sits in it
MARGIN_BOTTOM = 20 * MM  # the page number sits in it
HEADER_BASELINE = 15 * MM
FOOTER_BASELINE = 10 * MM  # from the bottom edge
#: Contents list the sections of each case too when the export has at most this many cases.
TOC_SECTIONS_MAX_CASES = 5
MUTED = QColor("#6b7280")
RULE = QColor("#c8ccd2")
PT_PER_PX = 72 / DPI
#: Margin of each page slice of a laid-out document, painted into the page margins. Qt starts a page's first
#: line at the slice's top + margin and ends its last line by the slice's bottom - margin, so lines of the
#: neighbouring pages stay at least this far outside the text area and the edge lines' glyph and highlight
#: overhang has room (see :func:`_paint_page`).
DOC_MARGIN = 24


@dataclass
class Mark:
    """An outline entry: ``level`` 0 for a case, 1 and 2 for sections; ``page`` is absolute (0-based) and ``y``
    in pixels from the top of the text area."""

    title: str
    level: int
    page: int
    y: float
    batch: str = ""  # cases: the batch title, for grouping the contents


@dataclass
class _Part:
    """One laid-out document and what is on its pages."""

    doc: QTextDocument
    pages: int
    headers: list[str]  # running header per page
    marks: list[Mark] = field(default_factory=list)  # page relative to the part's first page
    first_page: int = 0


def _css(family: str, base_px: int = BASE_PX) -> str:
    b = base_px
    return (
        style_sheet(LIGHT, base_px=b)
        + extra_style(base_px=b)
        + f"""
body {{ font-family: "{family}"; }}
code, pre {{ font-family: "{MONO_FAMILY}", "{family}"; }}
h1.cover {{ font-size: {b * 2}px; color: {LIGHT.heading}; margin-bottom: {b}px; }}
p.cover-sub {{ text-indent: 0px; color: {LIGHT.muted}; font-size: {round(b * 1.1)}px; }}
td.k {{ color: {LIGHT.muted}; }}
p.gen {{ text-indent: 0px; color: {LIGHT.muted}; font-size: {round(b * 0.8)}px; margin-top: {b * 3}px; }}
p.t0 {{ text-indent: 0px; margin-bottom: {round(b * 0.3)}px; margin-right: {b * 4}px; line-height: 150%; }}
p.t1 {{ text-indent: 0px; margin-bottom: 0px; margin-left: {b * 2}px; margin-right: {b * 4}px;
  color: {LIGHT.muted}; line-height: 140%; }}
p.tb {{ text-indent: 0px; margin-top: {b}px; margin-bottom: {round(b * 0.3)}px; color: {LIGHT.heading}; font-weight: bold; }}
sup.ref {{ font-size: {b}px; font-weight: bold; }}
"""
    )


def _official_css(family: str, base_px: int) -> str:
    """The custom of Chinese official documents (GB/T 9704) over the clean style: black text, 三号 body on a
    28 pt line pitch, titles centred in 二号, section headings as bold run-on lines with the body's indent,
    contributors centred under the title, no coloured badges."""
    b = base_px
    pitch = round(28 / PT_PER_PX / 72 * 72)  # 28 pt in pixels
    return (
        _css(family, b)
        + f"""
body {{ color: #000000; }}
p {{ line-height: {pitch}px; margin-bottom: 0px; }}
p.meta {{ color: #000000; text-align: center; text-indent: 0px; font-size: {b}px; }}
h1, h1.cover {{ color: #000000; text-align: center; font-size: {round(22 / PT_PER_PX)}px; font-weight: bold;
  margin-top: 0px; margin-bottom: {b}px; line-height: 150%; }}
h2 {{ color: #000000; font-size: {b}px; font-weight: bold; text-indent: {2 * b}px; margin-top: 0px;
  margin-bottom: 0px; line-height: {pitch}px; }}
h3 {{ color: #000000; font-size: {b}px; font-weight: normal; text-indent: {2 * b}px; margin-top: 0px;
  margin-bottom: 0px; line-height: {pitch}px; }}
b.runin {{ color: #000000; }}
p.contrib {{ text-align: center; text-indent: 0px; margin-bottom: {b}px; }}
span.badge {{ background-color: #ffffff; color: #000000; }}
p.cover-sub {{ text-align: center; color: #000000; }}
p.boxtitle {{ color: #000000; }}
p.t0, p.t1 {{ line-height: {pitch}px; }}
p.tb {{ color: #000000; }}
p.kftitle {{ color: #000000; }}
"""
    )


#: A pair of characters this cohesive (see ``_Layout._break_titles``) is taken as part of a word: a title line
#: does not end between them if one more line avoids it.
WORD_COHESION = 0.5

#: Opening brackets and quotation marks: never at the end of a line (Chinese line-breaking rules, 避尾).
OPENING = "（《“‘「『【〈〔［｛("
#: Closing brackets and punctuation: never at the start of a line (避头).
CLOSING = "）》”’」』】〉〕］｝。，、；：？！…)"
_TEXT_RUN = re.compile(r"(<[^>]*>)|([^<]+)")
_SPACE_AFTER_OPENING = re.compile(f"([{re.escape(OPENING)}])( +)")
_SPACE_BEFORE_CLOSING = re.compile(f"( +)([{re.escape(CLOSING)}])")


def keep_punctuation(html: str) -> str:
    """``html`` with every space right after an opening bracket or quotation mark, or right before closing
    punctuation, made a no-break space, so that no line ends with ``（`` nor starts with ``）`` or ``。``.

    Qt breaks lines by Unicode's rules, which already keep ``（`` with what follows and ``）``/``。`` with what
    precedes, but it breaks at a space in between (the sources have ``中心（ ICisC）``). Only text between tags
    is touched; the text stays the same characters (a no-break space is extracted as a space)."""

    def fix(m: re.Match[str]) -> str:
        if m.group(1):
            return m.group(1)
        text = _SPACE_AFTER_OPENING.sub(lambda x: x.group(1) + "&nbsp;" * len(x.group(2)), m.group(2))
        return _SPACE_BEFORE_CLOSING.sub(lambda x: "&nbsp;" * len(x.group(1)) + x.group(2), text)

    return _TEXT_RUN.sub(fix, html)


def _has_anchor_prefix(block: QTextBlock, prefix: str) -> bool:
    return any(n.startswith(prefix) for frag in block_fragments(block) for n in frag.charFormat().anchorNames())


def _has_anchor(block: QTextBlock, name: str) -> bool:
    return any(name in frag.charFormat().anchorNames() for frag in block_fragments(block))


def _wrap(body: str, css: str) -> str:
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


class _Layout:
    """Page geometry and document set-up for one export."""

    #: The running header and the page number: type size, baselines, the right-hand text's share of the
    #: width and the gap from the header to its rule.
    furniture_px = 11
    header_baseline = HEADER_BASELINE
    footer_baseline = FOOTER_BASELINE
    right_share = 0.4
    rule_gap = 4.0
    #: Page margins: left, top, right, bottom.
    margins = (MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM)
    #: Whether pages carry the running header (the case's title, the export's title).
    running_header = True

    def __init__(self, writer: QPdfWriter) -> None:
        self.writer = writer
        full = writer.pageLayout().fullRectPixels(DPI)
        self.page_w, self.page_h = float(full.width()), float(full.height())
        left, top, right, bottom = self.margins
        self.text = QRectF(left, top, self.page_w - left - right, self.page_h - top - bottom)
        self.slice = self.text.height() + 2 * DOC_MARGIN  # height of one page in the documents
        self.family = export_family()
        self.css = self.style_sheet()
        self._crossing: dict[int, tuple[QTextDocument, dict[int, list[tuple[QTextBlock, QPointF]]]]] = {}

    base_px = BASE_PX

    def style_sheet(self) -> str:
        return _css(self.family, self.base_px)

    def folio(self, job: ExportJob, number: int, total: int) -> tuple[str, str]:
        """The page number's text and where it goes ("center", "left", "right")."""
        return job.label("page", page=number, pages=total), "center"

    def new_document(self, body_html: str) -> QTextDocument:
        """``body_html`` laid out for this writer: design metrics, the export font, one page per ``slice``."""
        body_html = keep_punctuation(body_html)
        doc = QTextDocument()
        doc.setUseDesignMetrics(True)
        doc.documentLayout().setPaintDevice(self.writer)
        font = QFont(self.family)
        font.setPixelSize(self.base_px)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(DOC_MARGIN)
        doc.setPageSize(QSizeF(self.text.width() + 2 * DOC_MARGIN, self.slice))
        doc.setHtml(_wrap(body_html, self.css))
        self._break_titles(doc)
        return doc

    def _break_titles(self, doc: QTextDocument) -> None:
        """Break every title (``<h1>``, a contents entry) that needs more than one line between words, into lines of even width
        (:func:`reader.domain.slides.title_breaks`, the slides' rule: after punctuation and spaces, after a
        particle, between characters that seldom stand together in this document), with line separators
        (U+2028: a line break, no character in the PDF's text)."""
        pairs: Counter[str] | None = None
        chars: Counter[str] = Counter()
        block = doc.begin()
        while block.isValid():
            following = block.next()
            is_title = block.blockFormat().headingLevel() == 1 or _has_anchor_prefix(block, "toc-")
            if is_title and block.layout().lineCount() > 1:
                if pairs is None:
                    plain = doc.toPlainText()
                    pairs = Counter(plain[i : i + 2] for i in range(len(plain) - 1))
                    chars = Counter(plain)

                def cohesion(pair: str, pairs: Counter[str] = pairs, chars: Counter[str] = chars) -> float:
                    """How much of the rarer character's use is in this pair (上市|公司: much; 创新|境内: little)."""
                    n = pairs[pair]
                    return n / min(chars[pair[0]], chars[pair[1]]) if n > 1 else 0.0

                text = block.text()
                it = block.begin()
                font = it.fragment().charFormat().font() if not it.atEnd() else doc.defaultFont()
                metrics = QFontMetricsF(font)
                width = block.layout().lineAt(0).width() * 0.97  # Qt's advances differ a little from the sum
                advances = [metrics.horizontalAdvance(ch) for ch in text]

                # the fewest lines, unless that cuts a word (上市|公司): then one line more, with narrower lines
                def cuts_word(i: int, text: str = text, cohesion=cohesion) -> bool:
                    pair = text[i - 1 : i + 1]
                    return pair.isalnum() and cohesion(pair) >= WORD_COHESION

                breaks = fewest = title_breaks(text, advances=advances, width=width, cohesion=cohesion)
                for squeeze_to in (0.9, 0.8, 0.7):
                    if not any(cuts_word(i) for i in breaks):
                        break
                    breaks = title_breaks(text, advances=advances, width=width * squeeze_to, cohesion=cohesion)
                if any(cuts_word(i) for i in breaks):
                    breaks = fewest
                for offset in reversed(breaks):
                    cursor = QTextCursor(doc)
                    cursor.setPosition(block.position() + offset)
                    cursor.insertText("\u2028")
                if breaks:  # see _keep_headings_with_next: lay it all out again, or a later paragraph goes missing
                    doc.markContentsDirty(0, doc.characterCount())
            block = following

    def document(self, body_html: str) -> QTextDocument:
        doc = self.new_document(body_html)
        self._keep_headings_with_next(doc)
        self._keep_small_tables_whole(doc)
        return doc

    #: A table (a note box, a short 专栏) at most this share of a page is moved whole to the next page rather
    #: than split; longer ones are split as text is.
    whole_table_share = 0.4

    def _keep_small_tables_whole(self, doc: QTextDocument) -> None:
        """Move every short table that a page end would cut (a note's box with its quote, a 成效要点 card) to the
        next page, with what leads in to it: the caption right above it (a paragraph marked keep-with-next) and
        a heading right above that. A lead-in left alone at the foot of the page before the table goes along."""
        layout = doc.documentLayout()
        for frame in doc.rootFrame().childFrames():
            if not isinstance(frame, QTextTable):
                continue
            rect = layout.frameBoundingRect(frame)
            if rect.height() > self.slice * self.whole_table_share:
                continue
            top_page = int((rect.top() + 1) // self.slice)
            bottom_page = int((rect.bottom() - 1) // self.slice)
            lead_in = self._lead_in(doc, frame.firstPosition())
            moved: QTextBlock | None = None
            if top_page != bottom_page:
                moved = next((b for b, page in lead_in if page == top_page), None)
            elif lead_in and lead_in[-1][1] < top_page:
                moved = next(b for b, page in lead_in if page < top_page)
            else:
                continue
            if moved is not None:
                fmt = moved.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(moved).setBlockFormat(fmt)
                start = moved.position()
            else:
                fmt = frame.format()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                frame.setFormat(fmt)
                start = frame.firstPosition()
            # see _keep_headings_with_next: from here on, all again
            doc.markContentsDirty(start, doc.characterCount() - start)

    def _lead_in(self, doc: QTextDocument, table_start: int) -> list[tuple[QTextBlock, int]]:
        """The paragraphs right above a table that go with it (a caption marked keep-with-next, a heading, the
        line above a heading marked so), in document order, each with its page."""
        layout = doc.documentLayout()
        found: list[tuple[QTextBlock, int]] = []
        block = doc.findBlock(table_start).previous()
        while block.isValid() and (block.blockFormat().headingLevel() or _has_anchor(block, KEEP_WITH_NEXT)):
            found.append((block, int(layout.blockBoundingRect(block).top() // self.slice)))
            if block.blockFormat().headingLevel() and not _has_anchor(block.previous(), KEEP_WITH_NEXT):
                break  # a heading ends the lead-in, unless the line above it goes with it
            block = block.previous()
        return found[::-1]

    def _keep_headings_with_next(self, doc: QTextDocument) -> None:
        """Move a heading that ends a page to the next page, with the text it introduces (Qt's layout has
        no keep-with-next). Headings are handled in order, each after the layout of the ones before."""
        layout = doc.documentLayout()
        block = doc.begin()
        while block.isValid():
            following = block.next()
            if block.blockFormat().headingLevel() and following.isValid() and following.layout().lineCount():
                top = layout.blockBoundingRect(block).top()
                first_line = layout.blockBoundingRect(following).top() + following.layout().lineAt(0).y()
                if int(first_line // self.slice) > int(top // self.slice):
                    lead_in = block.previous()  # a line such as the batch above a case title goes along
                    moved = block
                    if (
                        lead_in.isValid()
                        and _has_anchor(lead_in, KEEP_WITH_NEXT)
                        and int(layout.blockBoundingRect(lead_in).top() // self.slice) == int(top // self.slice)
                    ):
                        moved = lead_in
                    fmt = moved.blockFormat()
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(moved).setBlockFormat(fmt)
                    # WORKAROUND: after a format change Qt re-lays out incrementally and its paint-time
                    # check points go stale: the end of the document was not painted. Lay it all out again.
                    doc.markContentsDirty(0, doc.characterCount())
            block = following

    def crossing_blocks(self, doc: QTextDocument) -> dict[int, list[tuple[QTextBlock, QPointF]]]:
        """Paragraphs that continue from an earlier page, by page, with the origin of their lines."""
        cached = self._crossing.get(id(doc))
        if cached is not None and cached[0] is doc:
            return cached[1]
        layout = doc.documentLayout()
        out: dict[int, list[tuple[QTextBlock, QPointF]]] = {}
        block = doc.begin()
        while block.isValid():
            tl = block.layout()
            if tl.lineCount() > 1:
                origin = layout.blockBoundingRect(block).topLeft()  # where the layout's line positions count from
                first, last = tl.lineAt(0), tl.lineAt(tl.lineCount() - 1)
                p0 = int((origin.y() + first.y() + first.height() / 2) // self.slice)
                p1 = int((origin.y() + last.y() + last.height() / 2) // self.slice)
                for page in range(p0 + 1, p1 + 1):
                    out.setdefault(page, []).append((block, origin))
            block = block.next()
        self._crossing[id(doc)] = (doc, out)
        return out

    def anchors(self, doc: QTextDocument) -> dict[str, tuple[int, float, float]]:
        """Every named anchor of ``doc`` with its page (0-based, in ``doc``), y in the text area of that page and
        the height of its paragraph."""
        layout = doc.documentLayout()
        height = self.slice
        out: dict[str, tuple[int, float, float]] = {}
        for block, frag in document_fragments(doc):
            names = frag.charFormat().anchorNames()
            if names:
                rect = layout.blockBoundingRect(block)
                line = block.layout().lineForTextPosition(frag.position() - block.position())
                y = rect.top() + (line.y() if line.isValid() else 0.0)
                page = int(y // height)
                for name in names:
                    out.setdefault(name, (page, y - page * height - DOC_MARGIN, rect.bottom() - y))
        return out


class _OfficialLayout(_Layout):
    """The custom of Chinese official documents (GB/T 9704-2012): A4, margins top 37 mm, left 28 mm (a text area
    of 156 × 225 mm), 三号 (16 pt) body on a 28 pt pitch, justified with a two-character first-line indent, no
    running header, the page number ``— N —`` in 四号 one character in from the outer edge (right on odd pages,
    left on even ones).

    Typefaces: the bundled font serves every role (仿宋 body, 黑体 headings, 楷体 sub-headings, 小标宋 titles
    differ only in size and weight): no 仿宋 or 楷体 font whose licence allows bundling is small enough for
    the bundle (AR PL KaitiM GB: 4.6 MB; no free GB 仿宋 exists). The Word export names the real typefaces.
    """

    margins = (28 * MM, 37 * MM, 26 * MM, 35 * MM)
    base_px = round(16 / PT_PER_PX)  # 三号: 16 pt
    furniture_px = round(14 / PT_PER_PX)  # 四号: 14 pt
    footer_baseline = 28 * MM - 7 * MM  # the folio sits 7 mm below the text area's bottom edge
    running_header = False

    def style_sheet(self) -> str:
        return _official_css(self.family, self.base_px)

    def folio(self, job: ExportJob, number: int, total: int) -> tuple[str, str]:
        return job.label("page_official", page=number, pages=total), "right" if number % 2 else "left"


def _full_parts(job: ExportJob, lay: _Layout, progress: Progress) -> list[_Part]:
    parts = []
    for entry in job.entries:
        case = entry.case
        doc = lay.document(annotated_case_html(entry, job, place(case, entry.annotations)))
        pages = doc.pageCount()
        anchors = lay.anchors(doc)
        page, y, _h = anchors.get("top", (0, 0.0, 0.0))
        marks = [Mark(case.display_title, 0, page, y, entry.batch_title)]
        for name, heading, level in outline(case):
            if name in anchors:
                page, y, _h = anchors[name]
                marks.append(Mark(heading, level, page, y))
        parts.append(_Part(doc, pages, [case.display_title] * pages, marks))
        progress.step()
    return parts


def _digest_parts(job: ExportJob, lay: _Layout, progress: Progress) -> list[_Part]:
    chunks = []
    titles = []
    for i, entry in enumerate(job.entries):
        if entry.annotations:
            if chunks:
                chunks.append("<hr>")
            chunks.append(digest_case_html(entry, job, anchor=f"case-{i}"))
            titles.append((f"case-{i}", entry.case.display_title, entry.batch_title))
        progress.step()
    if not chunks:
        chunks.append(f'<p class="nsection">{escape(job.label("no_annotations"))}</p>')
    doc = lay.document("".join(chunks))
    pages = doc.pageCount()
    anchors = lay.anchors(doc)
    marks = [
        Mark(title, 0, anchors[name][0], anchors[name][1], batch) for name, title, batch in titles if name in anchors
    ]
    headers = []
    for p in range(pages):  # the case at the top of the page
        above = [m.title for m in marks if m.page < p or (m.page == p and m.y < 4 * BASE_PX)]  # meta line, title
        headers.append(above[-1] if above else (marks[0].title if marks and marks[0].page == p else job.title))
    return [_Part(doc, pages, headers, marks)]


def _toc_html(job: ExportJob, entries: list[tuple[Mark, int]]) -> str:
    """The contents as paragraphs, one per entry (anchor ``toc-i``), a right margin kept free for the dot
    leader and the page number, which :func:`_toc_numbers` places on each title's last line."""
    rows = []
    grouped = len({mark.batch for mark, _ in entries if mark.level == 0}) > 1
    batch = None
    for i, (mark, _part) in enumerate(entries):
        if grouped and mark.level == 0 and mark.batch != batch:
            batch = mark.batch
            rows.append(f'<p class="tb">{escape(batch)}</p>')
        cls = "t0" if mark.level == 0 else "t1"
        rows.append(f'<p class="{cls}"><a name="toc-{i}"></a>{escape(mark.title)}</p>')
    return f"<h1>{escape(job.label('contents'))}</h1>{''.join(rows)}"


@dataclass
class _TocLine:
    """Where an entry's page number goes: the end of its title's last line and that line's baseline, in the
    text area of the contents' page ``page``."""

    page: int
    x_end: float
    baseline: float
    number: str


def _toc_numbers(lay: _Layout, toc: QTextDocument, numbers: list[str]) -> list[_TocLine]:
    """The page number of every contents entry, placed after the last line of its title."""
    layout = toc.documentLayout()
    out: list[_TocLine] = []
    block = toc.begin()
    i = 0
    while block.isValid() and i < len(numbers):
        if _has_anchor(block, f"toc-{i}") and block.layout().lineCount():
            tl = block.layout()
            origin = layout.blockBoundingRect(block).topLeft()
            line = tl.lineAt(tl.lineCount() - 1)
            y = origin.y() + line.y()
            page = int((y + line.height() / 2) // lay.slice)
            out.append(
                _TocLine(
                    page,
                    origin.x() + line.x() + line.naturalTextWidth() - DOC_MARGIN,
                    y - page * lay.slice - DOC_MARGIN + line.ascent(),
                    numbers[i],
                )
            )
            i += 1
        block = block.next()
    return out


def _paint_toc_numbers(painter: QPainter, lay: _Layout, lines: list[_TocLine], page: int) -> None:
    """Dot leaders and right-aligned page numbers of the contents entries on ``page``."""
    font = QFont(lay.family)
    font.setPixelSize(lay.base_px)
    fm = QFontMetricsF(font)
    pitch = lay.base_px * 0.55
    right = lay.text.right()
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(LIGHT.text))
    for line in lines:
        if line.page != page:
            continue
        baseline = lay.text.top() + line.baseline
        number_x = right - fm.horizontalAdvance(line.number)
        painter.drawText(QPointF(number_x, baseline), line.number)
        # dots on a fixed grid, so the leaders of all entries line up
        x = math.ceil((lay.text.left() + line.x_end + pitch * 0.3) / pitch) * pitch
        dots = []
        while x + fm.horizontalAdvance(".") < number_x - pitch:
            dots.append(x)
            x += pitch
        for dx in dots:
            painter.drawText(QPointF(dx, baseline), ".")
    painter.restore()


def _paint_page(painter: QPainter, lay: _Layout, doc: QTextDocument, page: int, *, dy: float = 0.0) -> None:
    """Draw page ``page`` of ``doc`` into the text area (``dy`` lower), every line of it and no other.

    A line painted outside the clip is invisible but is still text in the PDF (found by search, extracted by
    ``pdftotext``), so what is drawn must be exactly this page's lines. Qt's layout draws the lines that
    reach into ``PaintContext.clip``, plus, in a paragraph that continues from the previous page, the last
    line above the clip (``QTextLayout::draw`` keeps it as its first line). Those paragraphs are therefore
    hidden while the page is drawn and their lines of this page drawn one by one.
    """
    h = lay.slice
    width = lay.text.width() + 2 * DOC_MARGIN
    painter.save()
    painter.translate(lay.text.left() - DOC_MARGIN, lay.text.top() + dy - DOC_MARGIN - page * h)
    painter.setClipRect(QRectF(0, page * h, width, h))
    ctx = QAbstractTextDocumentLayout.PaintContext()
    # Lines of this page reach into the text area; those of the pages before and after end above or start below.
    ctx.clip = QRectF(0, page * h + DOC_MARGIN, width, h - 2 * DOC_MARGIN)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor(LIGHT.text))
    ctx.palette = palette
    crossing = lay.crossing_blocks(doc).get(page, [])
    # WORKAROUND: QTextLayout::draw also draws the last line above the clip (see the docstring).
    for block, _origin in crossing:
        block.setVisible(False)  # a flag read at paint time; it does not trigger a new layout
    try:
        doc.documentLayout().draw(painter, ctx)
    finally:
        for block, _origin in crossing:
            block.setVisible(True)
    painter.setPen(QColor(LIGHT.text))
    for block, origin in crossing:
        tl = block.layout()
        for i in range(tl.lineCount()):
            line = tl.lineAt(i)
            if int((origin.y() + line.y() + line.height() / 2) // h) == page:
                line.draw(painter, origin)
    painter.restore()


def paint_document(
    writer: QPdfWriter,
    lay: _Layout,
    doc: QTextDocument,
    progress: Progress,
    furniture: Callable[[int, int], dict[str, str]],
) -> int:
    """Print every page of ``doc`` with its running header and footer: ``furniture(page, pages)`` gives the keyword
    arguments of :func:`_paint_furniture` for a 0-based page. ``progress.check()`` may cancel between pages.
    Returns the number of pages."""
    pages = max(1, doc.pageCount())
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("cannot start writing the PDF")
    try:
        for p in range(pages):
            progress.check()
            if p:
                writer.newPage()
            _paint_page(painter, lay, doc, p)
            _paint_furniture(painter, lay, **furniture(p, pages))
    finally:
        painter.end()
    return pages


def _paint_furniture(
    painter: QPainter, lay: _Layout, *, header: str, right: str, footer: str, align: str = "center"
) -> None:
    """The running header (``header`` left, ``right`` right, a rule below; none of it when both are empty or the
    layout has none) and ``footer`` below the text (centred, or one character in from the left or right edge
    of the text area), as the layout sizes and places them."""
    if not lay.running_header:
        header = right = ""
    font = QFont(lay.family)
    font.setPixelSize(lay.furniture_px)
    painter.save()
    painter.setFont(font)
    painter.setPen(MUTED)
    fm = QFontMetricsF(font)
    left_x, width = lay.text.left(), lay.text.width()
    right_w = min(fm.horizontalAdvance(right), width * lay.right_share) if right else 0.0
    if header or right:
        head = fm.elidedText(header, Qt.TextElideMode.ElideRight, width - right_w - 24)
        painter.drawText(QPointF(left_x, lay.header_baseline), head)
        if right:
            text = fm.elidedText(right, Qt.TextElideMode.ElideRight, right_w)
            painter.drawText(QPointF(left_x + width - fm.horizontalAdvance(text), lay.header_baseline), text)
        painter.setPen(QPen(RULE, 0.75))
        y = lay.header_baseline + fm.descent() + lay.rule_gap
        painter.drawLine(QPointF(left_x, y), QPointF(left_x + width, y))
        painter.setPen(MUTED)
    footer_w = fm.horizontalAdvance(footer)
    if align == "left":
        x = left_x + lay.furniture_px
    elif align == "right":
        x = left_x + width - lay.furniture_px - footer_w
    else:
        x = left_x + (width - footer_w) / 2
    if lay.running_header:
        painter.setPen(MUTED)
    else:
        painter.setPen(QColor("#000000"))
    painter.drawText(QPointF(x, lay.page_h - lay.footer_baseline), footer)
    painter.restore()


def _pt(y_px: float, page_h_px: float) -> float:
    """PDF user-space y (points from the bottom) of ``y_px`` pixels from the page top."""
    return (page_h_px - y_px) * PT_PER_PX


def pdf_bytes(job: ExportJob, progress: Progress) -> tuple[bytes, int]:
    """The PDF of ``job`` and its page count. Needs a QGuiApplication; any thread."""
    progress.start(2 * len(job.entries) + 3)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAPER[job.paper]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(job.title)
    writer.setCreator(f"Casebook {__version__}")
    lay = _OfficialLayout(writer) if job.layout == "official" else _Layout(writer)

    parts = _digest_parts(job, lay, progress) if job.notes_only else _full_parts(job, lay, progress)
    cover = lay.document(cover_html(job))

    # Contents: which marks are listed, and on which page of which part they are.
    show_sections = not job.notes_only and len(job.entries) <= TOC_SECTIONS_MAX_CASES
    listed: list[tuple[Mark, int]] = []
    for pi, part in enumerate(parts):
        for mark in part.marks:
            if mark.level == 0 or (show_sections and mark.level == 1):
                listed.append((mark, pi))
    toc = lay.document(_toc_html(job, listed))
    toc_pages = max(1, toc.pageCount())
    first = 1 + toc_pages
    for part in parts:
        part.first_page = first
        first += part.pages
    toc_lines = _toc_numbers(lay, toc, [str(parts[pi].first_page + mark.page + 1) for mark, pi in listed])
    total = 1 + toc_pages + sum(p.pages for p in parts)
    progress.step()

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("cannot start writing the PDF")
    try:
        _paint_page(painter, lay, cover, 0, dy=lay.text.height() * 0.22)
        number = 1
        for p in range(toc_pages):
            writer.newPage()
            number += 1
            _paint_page(painter, lay, toc, p)
            _paint_toc_numbers(painter, lay, toc_lines, p)
            footer, align = lay.folio(job, number, total)
            _paint_furniture(painter, lay, header=job.label("contents"), right=job.title, footer=footer, align=align)
        progress.step()
        for part in parts:
            for p in range(part.pages):
                writer.newPage()
                number += 1
                _paint_page(painter, lay, part.doc, p)
                right = "" if job.title in part.headers[p] else job.title  # never the title in both corners
                footer, align = lay.folio(job, number, total)
                _paint_furniture(painter, lay, header=part.headers[p], right=right, footer=footer, align=align)
            if not job.notes_only:
                progress.step()
    finally:
        painter.end()
    if job.notes_only:
        progress.step(len(job.entries))
    data = bytes(buffer.data())
    buffer.close()

    toc_anchors = lay.anchors(toc)
    links = []
    for i, (mark, pi) in enumerate(listed):
        if f"toc-{i}" in toc_anchors:
            page, y, h = toc_anchors[f"toc-{i}"]
            links.append((1 + page, y, h, parts[pi].first_page + mark.page, mark.y))
    outline_marks = [Mark(m.title, m.level, part.first_page + m.page, m.y) for part in parts for m in part.marks]
    data = _add_outline(data, job, lay, outline_marks, links, toc_page=1)
    progress.step()
    return data, total


def _add_outline(data: bytes, job: ExportJob, lay: _Layout, marks: list[Mark], links, *, toc_page: int) -> bytes:
    """``data`` with bookmarks for the contents and every mark (nested by level) and the contents' lines as links."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link
    from pypdf.generic import Fit

    reader = PdfReader(io.BytesIO(data))
    out = PdfWriter(clone_from=reader)
    top_of = lambda y: _pt(lay.text.top() + y, lay.page_h)  # noqa: E731
    out.add_outline_item(title=job.label("contents"), page_number=toc_page, fit=Fit.xyz(top=top_of(0)))
    parents: list = []
    for mark in marks:
        del parents[mark.level :]
        parent = parents[-1] if parents else None
        item = out.add_outline_item(
            title=mark.title,
            page_number=mark.page,
            parent=parent,
            fit=Fit.xyz(top=top_of(max(0.0, mark.y - 6))),
            is_open=False,
        )
        while len(parents) < mark.level:
            parents.append(parent)
        parents.append(item)
    for page, y, h, target, target_y in links:
        rect = (
            lay.text.left() * PT_PER_PX,
            top_of(y + h),
            lay.text.right() * PT_PER_PX,
            top_of(y),
        )
        out.add_annotation(
            page_number=page,
            annotation=Link(rect=rect, target_page_index=target, fit=Fit.xyz(top=top_of(max(0.0, target_y - 6)))),
        )
    out.page_mode = "/UseOutlines"
    out.add_metadata({"/Title": job.title, "/Creator": f"Casebook {__version__}", "/Producer": "Casebook (Qt, pypdf)"})
    buf = io.BytesIO()
    out.write(buf)
    return buf.getvalue()
