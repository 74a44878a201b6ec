"""From clean source lines to paragraphs, for the three layouts the importer knows.

``pdf-text``: every printed line is its own source line (blank lines mean nothing), so paragraph ends are
inferred from punctuation and line widths: a paragraph's last line ends a sentence and is shorter than the
local full line width, and the next paragraph's first line is indented by two characters.

``markdown`` (OCR output): one paragraph per line, but a paragraph can be broken across a blank line in the
middle of a sentence and a heading can be split over two heading lines; both are re-joined here.

``paragraphs`` (Word documents, text saved from Word): every line is one paragraph; nothing is joined, and a
short line without a full stop is a heading.

Lines are always joined with no added character.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from statistics import median

from reader.ingest.lines import Line
from reader.ingest.patterns import (
    ATTACHMENT_RE,
    BOX_RE,
    CONTRIB_RE,
    NUMBERED_RE,
    PREFACE_RE,
    SECTION_RE,
    SUB_RE,
    TOC_HEAD_RE,
    ends_sentence,
    ends_with_closer_or_stop,
    squash,
)

_MD_HEADING_RE = re.compile(r"^(#{1,6})\s*(.*)$")
_MD_BULLET_RE = re.compile(r"^[-*+]\s+(?=\S)")
_BOLD_LINE_RE = re.compile(r"^\*\*(.+)\*\*$")

#: A line this much (half-width units) shorter than the local full width is "short": more than the
#: two-character first-line indent.
SHORT_MARGIN = 6.0
#: A section heading (``一、…``) this short (characters) without a full stop is always a line of its own.
SHORT_HEADING = 20
#: A line ending a sentence this much shorter than full width ends its paragraph.
END_MARGIN = 3.0
#: A line this much shorter than full width ends its paragraph even when the next line is a full one.
CLEAR_MARGIN = 8.0
#: In Markdown, the second half of a heading split in two is at most this long (``新模式``, ``励机制。``).
MD_HEADING_TAIL = 5
#: ... or this long when the first half is a numbered heading (``（一）…``).
MD_LABELLED_TAIL = 12
#: A Markdown line broken by the OCR is at least this long; a shorter open line is a heading.
MD_BROKEN_LINE = 20


@dataclass
class Para:
    """One paragraph (or heading) of the document, text clean of Markdown markers and line breaks."""

    text: str
    line_no: int  # first source line, 1-based
    heading: bool = False  # set apart as a heading by the layout (Markdown heading, bold line, short line)
    raw: str = ""  # Markdown: the text with ``**`` kept, to see where a bold run-in heading ends
    widths: list[float] = field(default_factory=list)  # printed widths of its lines (pdf-text)

    @property
    def full_width(self) -> float | None:
        """The widest of its lines but the last, i.e. the width of its text block; None for one line."""
        return max(self.widths[:-1]) if len(self.widths) > 1 else None


def single_line_block(text: str) -> bool:
    """True for lines that always stand alone: contributor, preface or contents heading, attachment mark."""
    return bool(
        CONTRIB_RE.match(text) or PREFACE_RE.match(text) or TOC_HEAD_RE.match(text) or ATTACHMENT_RE.match(text)
    )


def label_start(text: str) -> bool:
    """True for text that starts with a heading label: ``一、``, ``（一）``, ``1.``, ``专栏 1``."""
    return bool(SECTION_RE.match(text) or SUB_RE.match(text) or NUMBERED_RE.match(text) or BOX_RE.match(text))


# ---------------------------------------------------------------------------------------------
# pdf-text


def reflow_pdf(lines: Sequence[Line]) -> list[Para]:
    """Paragraphs of a PDF text dump; every paragraph is the exact concatenation of its lines."""
    if not lines:
        return []
    lines = _join_split_contributors(lines)
    widths = [line.width for line in lines]
    full = _local_full_widths(lines, widths)
    marks = _uses_trailing_marks(lines)
    paras: list[Para] = []
    current: list[int] = []

    def flush() -> None:
        if current:
            paras.append(_pdf_para(lines, widths, full, current))
            current.clear()

    for i, line in enumerate(lines):
        if current and (single_line_block(line.text) or (label_start(line.text) and _starts_block(lines, i))):
            flush()
        current.append(i)
        if i == len(lines) - 1 or _ends_paragraph(i, lines, widths, full, marks):
            flush()
    flush()
    return paras


def _join_split_contributors(lines: Sequence[Line]) -> list[Line]:
    """``lines`` with a contributor line wrapped over two or three lines (``（北京市、…`` / ``…提供）``) joined."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.text[0] in "（(" and not CONTRIB_RE.match(line.text):
            for n in (2, 3):
                text = "".join(x.text for x in lines[i : i + n])
                if CONTRIB_RE.match(text):
                    out.append(Line(line.no, text, lines[i + n - 1].trailing_space))
                    i += n
                    break
            else:
                out.append(line)
                i += 1
            continue
        out.append(line)
        i += 1
    return out


def _pdf_para(lines: Sequence[Line], widths: list[float], full: list[float], idx: list[int]) -> Para:
    text = "".join(lines[i].text for i in idx)
    first = idx[0]
    heading = len(idx) == 1 and not ends_sentence(text) and widths[first] < full[first] - SHORT_MARGIN
    return Para(text, lines[first].no, heading=heading, raw=text, widths=[widths[i] for i in idx])


def _sentence_done(line: Line) -> bool:
    return ends_with_closer_or_stop(line.text)


def _starts_block(lines: Sequence[Line], i: int) -> bool:
    """Whether the labelled line ``i`` starts a block: the line before ends a sentence, or a contributor line
    follows (a case title, even after a paragraph that the document left unfinished)."""
    return _sentence_done(lines[i - 1]) or (i + 1 < len(lines) and bool(CONTRIB_RE.match(lines[i + 1].text)))


def _ends_paragraph(i: int, lines: Sequence[Line], widths: list[float], full: list[float], marks: bool) -> bool:
    """Whether line ``i`` is the last line of its paragraph.

    The strongest signal is the next line: a paragraph's first line is indented by two characters, while a
    continuation line runs to the right margin. The line's own shortness decides when the next line says
    nothing (it is short itself, or a heading).
    """
    text = lines[i].text
    if single_line_block(text) or BOX_RE.match(text):
        return True
    if marks and lines[i].trailing_space:
        return True
    if i + 1 == len(lines) or single_line_block(lines[i + 1].text):
        return True
    if not ends_sentence(text):
        after = widths[i + 2] if i + 2 < len(lines) else None
        return _open_line_ends(text, widths[i], full[i], lines[i + 1].text, widths[i + 1], after)
    if marks:
        return widths[i] < full[i] - SHORT_MARGIN
    return _sentence_line_ends(widths[i], full[i], lines[i + 1].text, widths[i + 1])


def _open_line_ends(
    text: str, width: float, fw: float, next_text: str, next_width: float, after: float | None = None
) -> bool:
    """For a line that does not end a sentence: only headings and titles stop there (``after`` is the width of
    the line after the next one, if any)."""
    if SECTION_RE.match(text) and width >= fw - END_MARGIN and _heading_tail(next_text, next_width, fw):
        return False  # 四、区块链软硬件技术体系在“北京冷链” / 中应用: a heading wrapped in a narrow column
    if SECTION_RE.match(text) and len(text) <= SHORT_HEADING:
        return True  # 一、主要做法: always a line of its own
    if width >= fw - SHORT_MARGIN:
        # A section heading or numbered title as long as a line ends where the next line is indented.
        labelled = SECTION_RE.match(text) or NUMBERED_RE.match(text)
        return bool(labelled) and _indented(next_width, fw) and not ends_sentence(next_text)
    if label_start(text) and not NUMBERED_RE.match(text):
        return True  # a short heading line: 一、… / （一）… / 专栏 1 …
    if NUMBERED_RE.match(text) and after is not None and _indented(next_width, max(fw, after)):
        return True  # a short numbered title, then a paragraph's indented first line
    # a continuation line may be a character short: the one it took along so that no line starts with "，"
    next_full = next_width >= fw - END_MARGIN - 0.5
    return label_start(next_text) or not next_full or width < fw - 2 * SHORT_MARGIN


def _heading_tail(text: str, width: float, fw: float) -> bool:
    """Whether a line can be the rest of a wrapped heading: short, open, no label of its own."""
    return width < fw / 2 and not ends_sentence(text) and not label_start(text) and not single_line_block(text)


def _sentence_line_ends(width: float, fw: float, next_text: str, next_width: float) -> bool:
    """For a line that ends a sentence: the paragraph ends unless the next line goes on to the margin."""
    if label_start(next_text):
        return True
    if next_width < fw - SHORT_MARGIN and not ends_sentence(next_text):
        return True  # a short line without a full stop after a sentence: a title or heading
    if next_width >= fw - END_MARGIN + 0.5:
        return width < fw - CLEAR_MARGIN  # the next line is a full line: a continuation, unless this is short
    return (_indented(next_width, fw) and not ends_sentence(next_text)) or width < fw - END_MARGIN


def _indented(width: float, full: float) -> bool:
    """Whether a line of ``width`` looks like a paragraph's first line (two characters short of ``full``)."""
    return full - SHORT_MARGIN - 2 <= width < full - END_MARGIN + 0.5


def _local_full_widths(lines: Sequence[Line], widths: list[float], radius: int = 8) -> list[float]:
    """For every line, the width of a full printed line around it.

    The estimate is the most common width (within ±1.5) of the neighbouring lines that do not end a sentence
    (mostly full lines; each paragraph has only one indented first line), preferring the wider one on a tie.
    The window stays within ``radius`` lines and does not cross a stand-alone line (contributor, box title...):
    a new case starts a new page, and the width changes between cases and inside boxed examples.
    """
    body = [w for line, w in zip(lines, widths, strict=True) if not single_line_block(line.text)]
    floor = 0.6 * median(body) if body else 0.0
    hard = [single_line_block(line.text) or bool(BOX_RE.match(line.text)) for line in lines]
    soft = [
        h or bool(SECTION_RE.match(line.text) or SUB_RE.match(line.text)) for h, line in zip(hard, lines, strict=True)
    ]
    out: list[float] = []
    for i in range(len(lines)):
        window = _window(i, widths, soft, floor, radius)
        if len(window) < 6:
            window = _window(i, widths, hard, floor, radius)
        open_lines = [widths[j] for j in window if not ends_sentence(lines[j].text)]
        pool = open_lines if len(open_lines) >= 3 else [widths[j] for j in window]
        out.append(_mode_width(pool) if pool else widths[i])
    return out


def _window(i: int, widths: list[float], barrier: list[bool], floor: float, radius: int) -> list[int]:
    """Indexes of the lines around ``i`` (not ``i`` itself, not narrower than ``floor``) up to a barrier."""
    window: list[int] = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(widths) and abs(j - i) <= radius and not barrier[j]:
            if widths[j] >= floor:
                window.append(j)
            j += step
    return window


def _mode_width(values: list[float], tolerance: float = 1.5) -> float:
    """The value with the most others within ``tolerance`` of it; the larger one on a tie."""
    return max(values, key=lambda v: (sum(1 for u in values if abs(u - v) <= tolerance), v))


def _uses_trailing_marks(lines: Sequence[Line]) -> bool:
    """True when the dump marks paragraph ends with trailing spaces (consistently enough to trust them)."""
    ending = [line for line in lines if ends_sentence(line.text)]
    marked = sum(1 for line in ending if line.trailing_space)
    unmarked_mid = sum(1 for line in lines if line.trailing_space and not ends_with_closer_or_stop(line.text))
    return len(ending) >= 10 and marked >= 0.25 * len(ending) and unmarked_mid <= 0.3 * max(marked, 1)


# ---------------------------------------------------------------------------------------------
# paragraphs


def reflow_paragraphs(lines: Sequence[Line]) -> list[Para]:
    """One paragraph per line; a line that ends no sentence and is no longer than a title is a heading."""
    return [
        Para(line.text, line.no, heading=not ends_sentence(line.text) and len(line.text) <= 60, raw=line.text)
        for line in lines
    ]


# ---------------------------------------------------------------------------------------------
# markdown


@dataclass
class _MdLine:
    text: str  # markers removed
    raw: str  # heading marker removed, bold kept
    no: int
    heading: bool  # a '#' heading
    bold_line: bool  # wholly wrapped in ** **


def reflow_markdown(lines: Sequence[Line], known_titles: Collection[str] = ()) -> list[Para]:
    """Paragraphs of an OCR Markdown text: broken paragraphs and split headings re-joined.

    ``known_titles`` (squashed titles from the table of contents) lets a heading split over two heading lines
    be recognised even when its second half is long.
    """
    items = [_md_line(line) for line in lines]
    titles = {squash(t) for t in known_titles}
    paras: list[Para] = []
    prev: _MdLine | None = None
    for item in items:
        if prev is not None and _md_continues(prev, item, titles):
            prev = _MdLine(prev.text + item.text, prev.raw + item.raw, prev.no, prev.heading, prev.bold_line)
            continue
        if prev is not None:
            paras.append(_md_para(prev))
        prev = item
    if prev is not None:
        paras.append(_md_para(prev))
    return paras


def _md_line(line: Line) -> _MdLine:
    text = line.text
    heading = False
    m = _MD_HEADING_RE.match(text)
    if m:
        heading, text = True, m.group(2)
    text = _MD_BULLET_RE.sub("", text) if not heading else text
    raw = text.strip()
    bold_line = bool(_BOLD_LINE_RE.match(raw)) and "**" not in raw[2:-2]
    return _MdLine(strip_markers(raw), raw, line.no, heading, bold_line)


def _md_para(item: _MdLine) -> Para:
    return Para(item.text, item.no, heading=item.heading or item.bold_line, raw=item.raw)


def _md_continues(prev: _MdLine, item: _MdLine, titles: set[str]) -> bool:
    """Whether ``item`` is the rest of ``prev`` (a paragraph or heading broken by the OCR)."""
    if ends_sentence(prev.text) or not prev.text or not item.text:
        return False
    if prev.heading or (prev.bold_line and (item.heading or item.bold_line)):
        if not (item.heading or item.bold_line) or single_line_block(item.text) or label_start(item.text):
            return False
        if squash(prev.text + item.text) in titles and squash(item.text) not in titles:
            return True
        if len(squash(item.text)) <= MD_HEADING_TAIL:
            return True
        return bool(SUB_RE.match(prev.text) or SECTION_RE.match(prev.text)) and len(item.text) <= MD_LABELLED_TAIL
    if item.heading or single_line_block(prev.text) or single_line_block(item.text) or label_start(item.text):
        return False
    if SECTION_RE.match(prev.text) or BOX_RE.match(prev.text):
        return False
    # OCR breaks long paragraphs; a short line without a full stop is a heading, not half a paragraph.
    return len(prev.text) >= MD_BROKEN_LINE


def bold_lead(raw: str) -> str:
    """The bold lead of a Markdown paragraph (``**三是….**沈阳…`` → ``三是….``), markers stripped; "" for none.

    A lead opens the paragraph, ends a sentence (``。！？；：``, closing quotes after it allowed) and text
    follows it. Bold that does not open the paragraph, or a bold name the sentence runs on from
    (``**成都**支持…``), is not a lead.
    """
    if not raw.startswith("**"):
        return ""
    close = raw.find("**", 2)
    if close < 0:
        return ""
    inner = strip_markers(raw[2:close])
    if not inner or not ends_sentence(inner) or not strip_markers(raw[close + 2 :]):
        return ""
    return inner


def strip_markers(text: str) -> str:
    """``text`` without Markdown emphasis markers, stripped at both ends."""
    return text.replace("**", "").replace("__", "").strip()
