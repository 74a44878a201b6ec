"""Word export (``.docx``): documents officials can edit and file in Word or WPS, with real comments.

* The case's structure as Word's own heading styles — the case title ``Heading 1``, ``一、`` sections
  ``Heading 2``, ``（一）`` sub-items ``Heading 3`` — so Word's navigation pane and WPS's outline list them.
  A sub-item whose heading runs into its first paragraph keeps it inline, and the paragraph gets the
  heading's outline level, so it is listed too.
* Highlights as Word highlight colours (yellow, bright green, turquoise, pink, violet: Word's palette
  nearest to the reader's five colours).
* Every note, tag and bookmark as a real Word comment anchored on its passage (a comment on the case title
  for notes about the whole case), with the author, the annotation's date, the kind and the tags.
* Under each case title its reference (《title》, batch, category, case id), as the reader's "copy with reference".
* The cover: title, subtitle, date, what is included; each case starts on a new page; page numbers in the
  footer.
* ``layout="official"`` follows the custom of Chinese official documents (GB/T 9704): A4 with its margins,
  仿宋 body (三号, 28 pt line pitch, justified, first-line indent of two characters), 黑体 section headings,
  楷体 sub-headings, 小标宋 titles, page numbers ``— N —``. Word and WPS substitute their own fonts by name
  (仿宋_GB2312 → 仿宋 …); nothing is embedded.

The notes-only digest lists per case the quotes (highlighted), notes and tags. A comparison is one table,
a column per case (:func:`comparison_docx_bytes`). Qt-free; python-docx does the writing.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import io
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run as TextRun
from lxml import etree

from reader import __version__
from reader.domain.annotation import HIGHLIGHT
from reader.domain.case import Block, BlockKind, Section
from reader.domain.text import case_segments
from reader.export.annotated import heading_of, headings_at
from reader.export.bundle import (
    COMPARISON_LABELS,
    CaseEntry,
    ExportJob,
    ExportResult,
    Placed,
    Progress,
    place,
    probe_folder,
)
from reader.export.key_figures import Card, card_of, effect_section_number

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.run import Run

    from reader.domain.compare import Alignment, Cell

#: Word's highlight colour for each annotation colour (yellow, green, blue, pink, purple).
WORD_HIGHLIGHTS = (
    WD_COLOR_INDEX.YELLOW,
    WD_COLOR_INDEX.BRIGHT_GREEN,
    WD_COLOR_INDEX.TURQUOISE,
    WD_COLOR_INDEX.PINK,
    WD_COLOR_INDEX.VIOLET,
)

#: The XML value of each highlight colour (``w:highlight/@w:val``).
_HIGHLIGHT_VALUES = {c: WD_COLOR_INDEX.to_xml(c) for c in WORD_HIGHLIGHTS}

#: Fonts by role and layout: (East Asian font, Latin font).
FONTS = {
    "clean": {
        "body": ("宋体", "Times New Roman"),
        "heading": ("黑体", "Arial"),
        "sub": ("黑体", "Arial"),
        "title": ("黑体", "Arial"),
    },
    "official": {
        "body": ("仿宋_GB2312", "Times New Roman"),
        "heading": ("黑体", "Times New Roman"),
        "sub": ("楷体_GB2312", "Times New Roman"),
        "title": ("方正小标宋简体", "Times New Roman"),
    },
}
#: Type sizes in points by role and layout (三号 = 16 pt, 二号 = 22 pt, 小四 = 12 pt, 五号 = 10.5 pt).
SIZES = {
    "clean": {"body": 10.5, "heading": 13, "sub": 11, "title": 18, "cover": 22, "small": 9},
    "official": {"body": 16, "heading": 16, "sub": 16, "title": 22, "cover": 22, "small": 12},
}
HEADING_COLOUR = {"clean": RGBColor(0x1A, 0x3D, 0x6D), "official": RGBColor(0, 0, 0)}
MUTED = RGBColor(0x5A, 0x62, 0x70)

DOCX_LABELS: dict[str, str] = {
    "reference": "出处：《{title}》（{where}）",
    "case_id": "案例编号 {id}",
    "tags_line": "标签：{tags}",
}

_MD_INLINE = re.compile(r"(\*\*.+?\*\*|__.+?__|\*[^*\s][^*]*?\*|`[^`]+`)")
_MD_LIST = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+")


def default_author() -> str:
    """The comments' author when none is given: the user's login name."""
    try:
        return getpass.getuser()
    except Exception:
        return "Casebook"


def _set_fonts(rpr_owner: Any, east_asia: str, latin: str) -> None:
    """Set the East Asian and Latin fonts of a style's or run's run properties, dropping theme fonts."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def _first_line_chars(paragraph_format: Any, chars: int, size: float) -> None:
    """A first-line indent of ``chars`` characters: Word's ``firstLineChars`` (in hundredths; follows the font
    size), and the same in points for readers that ignore it (LibreOffice)."""
    paragraph_format.first_line_indent = Pt(chars * size)
    ind = paragraph_format._element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _outline_level(paragraph: Paragraph, level: int) -> None:
    """Give a body paragraph an outline level (0-based), so Word's navigation pane and WPS's outline list it."""
    ppr = paragraph._p.get_or_add_pPr()
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level))
    ppr.insert_element_before(el, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # schema order


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    """A simple field (``PAGE``…) at the end of ``paragraph``."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _parse_time(stamp: str) -> _dt.datetime | None:
    try:
        moment = _dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.UTC)


class DocxWriter:
    """One Word document being written: styles and page set-up for the layout, then cases, comments, tables."""

    def __init__(self, *, layout: str = "clean", paper: str = "A4", author: str = "", title: str = "") -> None:
        self.layout = layout if layout in FONTS else "clean"
        self.author = author or default_author()
        self.doc: DocxDocument = Document()
        self._style_ids: dict[str, str] = {}
        self._sect_pr = self.doc.element.body.find(qn("w:sectPr"))
        self._setup_page(paper)
        self._setup_styles()
        props = self.doc.core_properties
        props.title = title
        props.author = self.author
        props.comments = f"Casebook {__version__}"

    # Set-up ------------------------------------------------------------------------------------

    def _setup_page(self, paper: str) -> None:
        section = self.doc.sections[0]
        if paper == "Letter":
            section.page_width, section.page_height = Mm(215.9), Mm(279.4)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        if self.layout == "official":  # GB/T 9704: top 37 mm, left 28 mm, text area 156 × 225 mm
            section.top_margin, section.bottom_margin = Mm(37), Mm(35)
            section.left_margin, section.right_margin = Mm(28), Mm(26)
            section.footer_distance = Mm(25)
        else:
            section.top_margin = section.bottom_margin = Mm(25)
            section.left_margin = section.right_margin = Mm(25)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.layout == "official":
            footer.add_run("— ")
            _add_field(footer, "PAGE")
            footer.add_run(" —")
        else:
            _add_field(footer, "PAGE")
        for run in footer.runs:
            run.font.size = Pt(SIZES[self.layout]["small"] + (2 if self.layout == "official" else 0))

    def _style(self, name: str, role: str, size: float, *, bold: bool = False, colour: RGBColor | None = None) -> Any:
        style = self.doc.styles[name]
        east, latin = FONTS[self.layout][role]
        _set_fonts(style.element, east, latin)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = colour or RGBColor(0, 0, 0)
        return style

    def _setup_styles(self) -> None:
        s = SIZES[self.layout]
        official = self.layout == "official"
        normal = self._style("Normal", "body", s["body"])
        pf = normal.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0 if official else 6)
        if official:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(28)
        else:
            pf.line_spacing = 1.5
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        body = self._style("Body Text", "body", s["body"])
        body.base_style = normal
        bpf = body.paragraph_format
        bpf.space_before, bpf.space_after = pf.space_before, pf.space_after
        bpf.line_spacing_rule = pf.line_spacing_rule
        bpf.line_spacing = pf.line_spacing
        bpf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _first_line_chars(bpf, 2, s["body"])
        heading_colour = HEADING_COLOUR[self.layout]
        h1 = self._style("Heading 1", "title", s["title"], bold=not official, colour=heading_colour)
        h1.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if official else WD_ALIGN_PARAGRAPH.LEFT
        h1.paragraph_format.space_before = Pt(0)
        h1.paragraph_format.space_after = Pt(s["body"])
        h1.paragraph_format.line_spacing = Pt(36) if official else 1.3
        h2 = self._style("Heading 2", "heading", s["heading"], bold=not official, colour=heading_colour)
        h3 = self._style("Heading 3", "sub", s["sub"], bold=not official, colour=heading_colour)
        for h in (h2, h3):
            h.paragraph_format.space_before = Pt(0 if official else 10)
            h.paragraph_format.space_after = Pt(0 if official else 4)
            if official:
                h.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                h.paragraph_format.line_spacing = Pt(28)
                _first_line_chars(h.paragraph_format, 2, s["heading"])
        title = self._style("Title", "title", s["cover"], bold=not official, colour=heading_colour)
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(18)
        # Word draws a rule under the Title style of its default template; a handout's cover has none
        ppr = title.element.get_or_add_pPr()
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
        subtitle = self._style("Subtitle", "body", s["body"] + 1, colour=MUTED)
        subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # Paragraphs --------------------------------------------------------------------------------

    def paragraph(self, style: str) -> Paragraph:
        """A new paragraph in ``style`` (by its English name), the style looked up once per document (python-docx
        scans every style for each name)."""
        sid = self._style_ids.get(style)
        if sid is None:
            sid = self._style_ids[style] = self.doc.styles[style].style_id
        p = self.new_paragraph()
        etree.SubElement(etree.SubElement(p._p, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), sid)
        return p

    def new_paragraph(self) -> Paragraph:
        """A new ``Normal`` paragraph at the end of the document. (python-docx's ``add_paragraph`` looks for the
        body's last element by scanning all of them: quadratic in the length of the document.)"""
        body = self.doc.element.body
        p = OxmlElement("w:p")
        if self._sect_pr is not None and self._sect_pr.getparent() is body:
            self._sect_pr.addprevious(p)
        else:
            body.append(p)
        return Paragraph(p, self.doc._body)

    def body(self, *, indent: bool = True) -> Paragraph:
        """A body paragraph: ``Body Text`` (first-line indent of two characters: one style the user can change
        for the whole document), or ``Normal`` without the indent."""
        return self.paragraph("Body Text") if indent else self.new_paragraph()

    def muted(self, text: str, *, align_center: bool = False) -> Paragraph:
        p = self.new_paragraph()
        if align_center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.font.color.rgb = MUTED
        run.font.size = Pt(SIZES[self.layout]["small"])
        return p

    def comment(self, first: Run, last: Run, paragraphs: Sequence[str], *, when: str = "", tags: Sequence[str] = ()):
        """A comment on the runs ``first``..``last``: ``paragraphs`` of text (simple Markdown), then the tags."""
        author = self.author
        initials = "".join(w[0] for w in author.split()[:2]) or author[:1]
        c = self.doc.add_comment([first, last], text="", author=author, initials=initials)
        moment = _parse_time(when) if when else None
        if moment is not None:
            c._comment_elm.date = moment.replace(microsecond=0)
        texts = [t for t in paragraphs if t.strip()]
        if tags:
            texts.append(DOCX_LABELS["tags_line"].format(tags="、".join(f"#{t}" for t in tags)))
        if not texts:
            texts = [""]
        first_para = c.paragraphs[0]
        for i, text in enumerate(texts):
            para = first_para if i == 0 else c.add_paragraph()
            add_markdown_runs(para, text)
        return c

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def add_run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    highlight: WD_COLOR_INDEX | None = None,
    underline: bool = False,
) -> Run:
    """``paragraph.add_run(text)``, bold and highlighted as asked, built directly as XML: python-docx scans every
    character of the text for tabs and breaks (these texts have none) and searches the schema order for every
    property; this is several times faster, which matters for a 25-case export."""
    r = etree.SubElement(paragraph._p, qn("w:r"))
    if bold or italic or underline or highlight is not None:
        rpr = etree.SubElement(r, qn("w:rPr"))
        if bold:  # in the schema's order: b, i, ... highlight, u
            etree.SubElement(rpr, qn("w:b"))
        if italic:
            etree.SubElement(rpr, qn("w:i"))
        if highlight is not None:
            etree.SubElement(rpr, qn("w:highlight")).set(qn("w:val"), _HIGHLIGHT_VALUES[highlight])
        if underline:
            etree.SubElement(rpr, qn("w:u")).set(qn("w:val"), "single")
    if text:
        t = etree.SubElement(r, qn("w:t"))
        t.text = text
        if text.strip() != text:
            t.set(qn("xml:space"), "preserve")
    return TextRun(r, paragraph)


def add_markdown_runs(paragraph: Paragraph, text: str) -> None:
    """``text`` as runs: ``**bold**``, ``*italic*`` and ``code`` become formatting; list markers become "• "."""
    text = _MD_LIST.sub("• ", text)
    for piece in _MD_INLINE.split(text):
        if not piece:
            continue
        if piece.startswith(("**", "__")) and len(piece) > 4:
            add_run(paragraph, piece[2:-2], bold=True)
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            add_run(paragraph, piece[1:-1], italic=True)
        elif piece.startswith("`") and piece.endswith("`") and len(piece) > 2:
            add_run(paragraph, piece[1:-1])
        else:
            add_run(paragraph, piece)


def note_paragraphs(note: str) -> list[str]:
    """A Markdown note as paragraphs of text: blank lines separate paragraphs, each list item is its own."""
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", note.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines and all(_MD_LIST.match(line) for line in lines):
            out += lines
        elif lines:
            out.append("".join(lines) if all(ord(line[-1]) > 0x2E80 for line in lines) else " ".join(lines))
    return out


# ---------------------------------------------------------------------------------------------
# Cases


class _CaseRuns:
    """Writes one case's segments as runs, split wherever a highlight or a comment starts or ends, and
    remembers every run's plain-text span so comments can be anchored on them."""

    def __init__(self, w: DocxWriter, entry: CaseEntry, placed: list[Placed]) -> None:
        self.w = w
        self.segments = [s.text for s in case_segments(entry.case)]
        self.starts: list[int] = []
        offset = 0
        for text in self.segments:
            self.starts.append(offset)
            offset += len(text) + 1
        self.inside = [p for p in placed if p.in_text]
        cuts = set()
        for p in self.inside:
            assert p.start is not None and p.end is not None
            cuts.update((p.start, p.end))
        self.cuts = sorted(cuts)
        # highlight colour per character span: the later annotation wins where highlights overlap
        self.colour_spans = sorted(
            (
                (p.start, p.end, p.annotation.color, p.annotation.created)
                for p in self.inside
                if p.annotation.kind == HIGHLIGHT and p.annotation.color is not None
            ),
            key=lambda x: x[3],
        )
        self.runs: list[tuple[int, int, Run]] = []  # (start, end, run), in order
        self.next = 0

    def colour_at(self, pos: int) -> int | None:
        colour = None
        for start, end, c, _created in self.colour_spans:
            if start <= pos < end:
                colour = c
        return colour

    def segment(self, paragraph: Paragraph, *, bold_prefix: int = 0, bold: bool = False) -> None:
        """The next segment into ``paragraph`` (its first ``bold_prefix`` characters bold)."""
        i = self.next
        self.next += 1
        self.write(paragraph, self.starts[i], self.segments[i], bold_prefix=bold_prefix, bold=bold)

    def write(self, paragraph: Paragraph, start: int, text: str, *, bold_prefix: int = 0, bold: bool = False) -> None:
        end = start + len(text)
        points = [start]
        points += self.cuts[bisect_right(self.cuts, start) : bisect_left(self.cuts, end)]
        if 0 < bold_prefix < len(text):
            points.append(start + bold_prefix)
        points = [*sorted(set(points)), end]
        for a, b in itertools.pairwise(points):
            if a >= b:
                continue
            colour = self.colour_at(a) if self.colour_spans else None
            run = add_run(
                paragraph,
                text[a - start : b - start],
                bold=bold or a < start + bold_prefix,
                highlight=WORD_HIGHLIGHTS[colour % len(WORD_HIGHLIGHTS)] if colour is not None else None,
            )
            self.runs.append((a, b, run))

    def anchor_runs(self, start: int, end: int) -> tuple[Run, Run] | None:
        """The first and last run of the plain-text span ``start``..``end``."""
        covering = [r for a, b, r in self.runs if a < end and b > start]
        if not covering:
            return None
        return covering[0], covering[-1]


def _comment_texts(p: Placed, job: ExportJob) -> list[str]:
    a = p.annotation
    texts = note_paragraphs(a.note)
    if a.kind != HIGHLIGHT:
        label = job.label(a.kind)
        texts = [f"【{label}】{texts[0]}" if texts else f"【{label}】", *texts[1:]]
    return texts


def _reference(entry: CaseEntry) -> str:
    case = entry.case
    where = "，".join(
        x for x in (entry.batch_title, case.category or "", DOCX_LABELS["case_id"].format(id=case.id)) if x
    )
    return DOCX_LABELS["reference"].format(title=case.title, where=where)


def _case_header(w: DocxWriter, entry: CaseEntry, runs: _CaseRuns | None, *, new_page: bool) -> Run | None:
    """Title (Heading 1), contributors and the reference; returns the title's last run (for case notes)."""
    case = entry.case
    heading = w.paragraph("Heading 1")
    heading.paragraph_format.page_break_before = new_page
    if case.number is not None:
        heading.add_run(f"{case.number}. ")
    if runs is not None:
        runs.segment(heading)
    else:
        heading.add_run(case.title)
    if case.contributors:
        p = w.new_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if w.layout == "official" else WD_ALIGN_PARAGRAPH.LEFT
        run = p.add_run("　".join(case.contributors))
        if w.layout == "official":
            _set_fonts(run._r, *FONTS["official"]["sub"])
        else:
            run.bold = True
    w.muted(_reference(entry))
    return heading.runs[-1] if heading.runs else None


def _write_full_case(w: DocxWriter, entry: CaseEntry, job: ExportJob, *, new_page: bool) -> None:
    case = entry.case
    placed = place(case, entry.annotations)
    runs = _CaseRuns(w, entry, placed)
    title_run = _case_header(w, entry, runs, new_page=new_page)
    for _ in case.lead:
        runs.segment(w.body())

    def block(b: Block, level: int) -> None:
        if b.kind is BlockKind.BOX:
            table = w.doc.add_table(rows=1, cols=1)
            table.style = w.doc.styles["Table Grid"]
            cell = table.rows[0].cells[0]
            _shade(cell, "F3F6FA")
            first = cell.paragraphs[0]
            runs.segment(first, bold_prefix=len(b.label))
            for _child in b.children:
                runs.segment(cell.add_paragraph())
            w.new_paragraph()  # Word needs a paragraph between a table and what follows
        elif b.kind is BlockKind.POINT:
            runs.segment(w.body(), bold_prefix=len(b.label) + b.lead)
        else:
            runs.segment(w.body(), bold_prefix=b.lead)

    def section(sec: Section) -> None:
        blocks = list(sec.blocks)
        if sec.run_in and blocks and blocks[0].kind is BlockKind.PARAGRAPH:
            first = blocks.pop(0)
            p = w.body()
            _outline_level(p, sec.level)  # Heading 2 is outline level 1 (0-based), Heading 3 level 2
            runs.segment(p, bold=True)
            if w.layout == "official":
                for _a, _b, r in runs.runs[-1:]:
                    _set_fonts(r._r, *FONTS["official"]["sub"])
                    r.bold = False
            runs.segment(p, bold_prefix=first.lead)
        else:
            runs.segment(w.paragraph("Heading 2" if sec.level == 1 else "Heading 3"))
        for b in blocks:
            block(b, sec.level)
        for sub in sec.subsections:
            section(sub)

    card = card_of(case) if job.with_cards else None
    effect = effect_section_number(case) if card is not None else None
    for number, sec in enumerate(case.sections, 1):
        if number == effect and card is not None:
            _write_section_with_card(w, sec, section, card, job)
        else:
            section(sec)

    for p in placed:
        a = p.annotation
        texts = _comment_texts(p, job)
        if p.in_text:
            assert p.start is not None and p.end is not None
            found = runs.anchor_runs(p.start, p.end)
            if found is None:
                continue
            if a.kind == HIGHLIGHT and not (a.note.strip() or a.tags):
                continue  # a plain highlight: the colour says it all
            w.comment(found[0], found[1], texts, when=a.created, tags=a.tags)
        elif not p.orphaned and title_run is not None:
            w.comment(title_run, title_run, texts, when=a.created, tags=a.tags)
    orphans = [p for p in placed if p.orphaned]
    if orphans:
        heading = w.body(indent=False)
        heading.add_run(job.label("orphans")).bold = True
        for p in orphans:
            _quote_paragraph(w, job, p)


def _write_section_with_card(w: DocxWriter, sec: Section, write_section: Any, card: Card, job: ExportJob) -> None:
    """The effect section with its 成效要点 card right after its heading (or its run-in first paragraph)."""
    body = w.doc.element.body
    before = len(body)
    write_section(sec)
    # the section's first paragraph is its heading (or the paragraph its heading runs into): the card follows it
    heading = body[before - 1] if w._sect_pr is not None and w._sect_pr.getparent() is body else body[before]
    for element in _key_figures_elements(w, card, job):
        heading.addnext(element)
        heading = element


def _key_figures_elements(w: DocxWriter, card: Card, job: ExportJob) -> list[Any]:
    """The card as body elements: a caption kept with its table, the table (a header row Word repeats on each
    page, rows never split) and, when the section has more figures, how many."""
    size = SIZES[w.layout]["body"] - (1.5 if w.layout == "clean" else 2)
    caption = w.body(indent=False)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(4)
    run = caption.add_run(job.label("key_figures"))
    run.bold = True
    run.font.color.rgb = HEADING_COLOUR[w.layout]
    rows = card.rows()
    table = w.doc.add_table(rows=1 + len(rows), cols=3)
    table.style = w.doc.styles["Table Grid"]
    table.autofit = False
    widths = (Mm(36), Mm(76), Mm(44)) if w.layout == "official" else (Mm(38), Mm(80), Mm(42))
    for i, width in enumerate(widths):
        table.columns[i].width = width
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    labels = [job.label("figures_value"), job.label("figures_what"), job.label("figures_when")]
    for r, values in enumerate([labels, *[list(x) for x in rows]]):
        row = table.rows[r]
        if r:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for c, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[c]
            if r == 0:
                _shade(cell, "F3F6FA")
            para = cell.paragraphs[0]
            para.paragraph_format.first_line_indent = Pt(0)
            para.paragraph_format.space_after = Pt(0)
            para.paragraph_format.keep_with_next = r < len(rows)  # the card stays on one page
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT
            run = add_run(para, text, bold=r == 0 or c == 0)
            run.font.size = Pt(size)
            if r == 0 or c == 2:
                run.font.color.rgb = MUTED
    after = w.muted(job.label("figures_more", n=card.total)) if card.total > len(rows) else w.new_paragraph()
    return [caption._p, table._tbl, after._p]


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _quote_paragraph(w: DocxWriter, job: ExportJob, p: Placed, context: str = "") -> None:
    """A quoted passage (in its highlight colour) with its note as a comment, for digests and orphans."""
    a = p.annotation
    if context or p.number is not None:
        head = " · ".join(x for x in (f"[{p.number}]" if p.number is not None else "", context) if x)
        w.muted(head)
    para = w.body(indent=False)
    para.paragraph_format.left_indent = Pt(SIZES[w.layout]["body"] * 2)
    quote = a.quote.exact if a.quote is not None else ""
    coloured = a.kind == HIGHLIGHT and a.color is not None
    run = add_run(
        para,
        quote.replace("\n", " ") or job.label(a.kind),
        highlight=WORD_HIGHLIGHTS[(a.color or 0) % len(WORD_HIGHLIGHTS)] if coloured else None,
        underline=not coloured,
    )
    texts = _comment_texts(p, job)
    for text in texts:
        note = w.body(indent=False)
        note.paragraph_format.left_indent = Pt(SIZES[w.layout]["body"] * 2)
        add_markdown_runs(note, text)
    if a.tags:
        w.muted(DOCX_LABELS["tags_line"].format(tags="、".join(f"#{t}" for t in a.tags)))
    if texts or a.tags:
        w.comment(run, run, texts, when=a.created, tags=a.tags)


def _write_digest_case(w: DocxWriter, entry: CaseEntry, job: ExportJob, *, new_page: bool) -> None:
    placed = place(entry.case, entry.annotations)
    _case_header(w, entry, None, new_page=new_page)
    case_level = [p for p in placed if not p.in_text and not p.orphaned]
    if case_level:
        w.body(indent=False).add_run(job.label("case_notes")).bold = True
        for p in case_level:
            for text in _comment_texts(p, job):
                add_markdown_runs(w.body(), text)
            if p.annotation.tags:
                w.muted(DOCX_LABELS["tags_line"].format(tags="、".join(f"#{t}" for t in p.annotation.tags)))
    headings = headings_at(entry)
    for p in placed:
        if p.in_text:
            assert p.start is not None
            _quote_paragraph(w, job, p, heading_of(headings, p.start))
    orphans = [p for p in placed if p.orphaned]
    if orphans:
        w.body(indent=False).add_run(job.label("orphans")).bold = True
        for p in orphans:
            _quote_paragraph(w, job, p)


def _cover(w: DocxWriter, job: ExportJob) -> None:
    w.doc.add_paragraph(job.subtitle(), style="Subtitle")
    w.doc.add_paragraph(job.title, style="Title")
    facts = [f"{job.label('exported')}：{job.date_text()}"]
    facts.append(f"{job.label('included')}：{job.label('notes_only' if job.notes_only else 'full')}")
    if job.scope:
        facts.append(job.scope)
    facts.append(job.label("cases", n=len(job.entries)))
    if job.annotation_count or job.notes_only:
        facts.append(job.annotations_text())
    batches = list(dict.fromkeys(e.batch_title for e in job.entries if e.batch_title))
    if batches:
        facts.append(f"{job.label('batches')}：" + "；".join(batches))
    for fact in facts:
        p = w.body(indent=False)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(fact)
    w.muted(job.label("generator", version=__version__), align_center=True)


def docx_bytes(job: ExportJob, progress: Progress | None = None) -> bytes:
    """The whole export as a Word document."""
    progress = progress or Progress()
    progress.start(len(job.entries) + 1)
    w = DocxWriter(layout=job.layout, paper=job.paper, author=job.author, title=job.title)
    single = len(job.entries) == 1 and not job.notes_only
    if not single:
        _cover(w, job)
    first = True
    for entry in job.entries:
        if job.notes_only:
            if entry.annotations:
                _write_digest_case(w, entry, job, new_page=not first or not single)
                first = False
        else:
            _write_full_case(w, entry, job, new_page=not single)
            first = False
        progress.step()
    if first and job.notes_only:
        w.body(indent=False).add_run(job.label("no_annotations"))
    data = w.save()
    progress.step()
    return data


# ---------------------------------------------------------------------------------------------
# Comparison


def _cell_paragraphs(w: DocxWriter, cell_obj: Any, cell: Cell | None, empty: str) -> None:
    first = cell_obj.paragraphs[0]
    if cell is None:
        run = first.add_run(empty)
        run.italic = True
        run.font.color.rgb = MUTED
        return
    paragraphs: list[tuple[str, str]] = []  # (bold heading, point label or lead; the rest)
    if cell.level == 0:
        paragraphs = [("", t) for t in cell.lead]
    else:
        blocks = list(cell.blocks)
        if cell.run_in and blocks and blocks[0].kind is BlockKind.PARAGRAPH:
            opening = blocks.pop(0)
            paragraphs.append((cell.heading + opening.text[: opening.lead], opening.text[opening.lead :]))
        else:
            paragraphs.append((cell.heading, ""))
        for b in blocks:
            paragraphs += _block_paragraphs(b)

        def walk(sec: Section) -> None:
            paragraphs.append((sec.heading, ""))
            for b in sec.blocks:
                paragraphs.extend(_block_paragraphs(b))
            for sub in sec.subsections:
                walk(sub)

        for sub in cell.subsections:
            walk(sub)
    for i, (head, text) in enumerate(paragraphs):
        para = first if i == 0 else cell_obj.add_paragraph()
        if head:
            para.add_run(head).bold = True
        if text:
            para.add_run(text)


def _block_paragraphs(b: Block) -> list[tuple[str, str]]:
    """(bold part, rest) for each paragraph of a block: a point's label and a lead are bold, as in the case."""
    first, *rest = b.texts()
    bold = b.lead_span()[1] or (len(b.label) if b.kind is not BlockKind.PARAGRAPH else 0)
    return [(first[:bold], first[bold:]), *(("", t) for t in rest)]


def comparison_docx_bytes(
    alignment: Alignment,
    *,
    title: str,
    labels: Mapping[str, str],
    paper: str = "A4",
    layout: str = "clean",
    progress: Progress | None = None,
) -> bytes:
    """A comparison as a Word document: a landscape page, one table with a column per case, a header row
    (repeated on every page), a row of batch, category and contributors, a spanning row per row group."""
    progress = progress or Progress()
    progress.start(len(alignment.rows) + 1)
    w = DocxWriter(layout=layout, paper=paper, title=title)
    section = w.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.start_type = WD_SECTION.NEW_PAGE
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(18)
    w.doc.add_paragraph(title, style="Heading 1")
    n = len(alignment.columns)
    table = w.doc.add_table(rows=2, cols=n)
    table.style = w.doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for col, cell in zip(alignment.columns, header.cells, strict=True):
        _shade(cell, "F3F6FA")
        cell.paragraphs[0].add_run(col.display_title).bold = True
    for col, cell in zip(alignment.columns, table.rows[1].cells, strict=True):
        meta = " · ".join(x for x in (col.batch_title, col.category or "") if x)
        run = cell.paragraphs[0].add_run(meta)
        run.font.color.rgb = MUTED
        if col.contributors:
            p = cell.add_paragraph()
            p.add_run(labels["contributors"] + "、".join(col.contributors)).font.color.rgb = MUTED
    group = None
    for row in alignment.rows:
        if row.group != group:
            group = row.group
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1]) if n > 1 else cells[0]
            _shade(merged, "E8EEF7")
            para = merged.paragraphs[0]
            para.add_run(labels[group.value]).bold = True
            _outline_level(para, 1)
        cells = table.add_row().cells
        for cell_obj, cell in zip(cells, row.cells, strict=True):
            _cell_paragraphs(w, cell_obj, cell, labels["empty"])
        progress.step()
    for row in table.rows:  # table cells: no first-line indent, left-aligned, compact
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.first_line_indent = Pt(0)
                para.paragraph_format.space_after = Pt(2)
                para.alignment = WD_ALIGN_PARAGRAPH.LEFT
    data = w.save()
    progress.step()
    return data


def write_comparison_docx(
    alignment: Alignment,
    path: Path | str,
    *,
    title: str = "",
    paper: str = "A4",
    layout: str = "clean",
    labels: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the comparison ``alignment`` to ``path`` as a Word document, all or nothing (the labels and
    default title of :mod:`reader.export.compare_pdf`). Raises as :func:`reader.export.bundle.write_export`."""
    from reader.storage.exchange import atomic_write

    lab = {**COMPARISON_LABELS, **(labels or {})}
    path = Path(path)
    progress = progress or Progress()
    probe_folder(path.parent)
    if not title:
        title = lab["title"].format(titles=lab["title_separator"].join(c.title for c in alignment.columns))
    data = comparison_docx_bytes(alignment, title=title, labels=lab, paper=paper, layout=layout, progress=progress)
    progress.check()
    atomic_write(path, data)
    return ExportResult(path=path, format="docx", cases=len(alignment.columns), annotations=0, size=len(data))
