"""Word ``.docx`` → one line a paragraph, read as a stream with hard limits, Word's numbering printed.

``docx_paragraphs(data, name)`` reads ``word/document.xml`` straight from the zip member with ``lxml.etree.iterparse``
and checks, *while reading*, the uncompressed bytes (:data:`MAX_XML_BYTES`), the number of elements
(:data:`MAX_ELEMENTS`) and the nesting depth (:data:`MAX_DEPTH`): a "zip bomb" (60 MB of XML in 200 KB) is refused
after reading at most the limit, in bounded memory, whatever the zip header claims. Entities are never expanded.

What it keeps, in document order: body paragraphs, table cells (row by row, cell by cell), text boxes (once,
not again from their VML fallback), footnotes and endnotes (right after the paragraph that cites them). Labels
produced by numbering definitions (``numbering.xml``: decimal, Chinese counting, ``（%1）``/``%1．``/``%1、``,
restarts and levels) are printed before the paragraph text, as Word shows them. Paragraphs in a heading style
(``Heading 1``, ``标题 1``, any outline level) are marked as headings. A paragraph that opens with a bold
sentence (direct bold or a bold character style, more text after it) keeps that sentence as its ``lead``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from reader.ingest.errors import IngestError
from reader.ingest.patterns import ends_sentence

#: ``word/document.xml`` (and each other part read) may not unpack to more than this.
MAX_XML_BYTES = 32 * 1024 * 1024
#: ... nor hold more than this many elements,
MAX_ELEMENTS = 3_000_000
#: ... nor nest deeper than this.
MAX_DEPTH = 120
#: A part may unpack to at most this many times its compressed size, plus :data:`RATIO_SLACK` (real Word XML
#: compresses 5-20 times; a "zip bomb" hundreds of times).
MAX_RATIO = 100
RATIO_SLACK = 4 * 1024 * 1024
#: The small parts (styles, numbering) may not unpack to more than this.
MAX_PART_BYTES = 8 * 1024 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _R, _T, _TAB, _BR, _CR = W + "p", W + "r", W + "t", W + "tab", W + "br", W + "cr"
_SKIP = {W + "delText", W + "instrText", _MC + "Fallback", W + "del"}


class DocxError(IngestError):
    """A .docx that cannot be read; ``code`` is one of the reader's stable codes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class DocxParagraph:
    text: str
    heading: int | None = None  # outline level 1..9 of a heading style, else None
    style: str = ""
    lead: str = ""  # the bold sentence the paragraph opens with (label included), "" for none


# ---------------------------------------------------------------------------------------------
# bounded streaming


class _Limited(io.RawIOBase):
    """A read-only stream that raises once more than ``limit`` bytes have been read from ``raw``."""

    def __init__(self, raw: IO[bytes], limit: int, error: DocxError) -> None:
        self._raw = raw
        self._left = limit
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self._raw.read(min(len(buffer), 1 << 16))
        self._left -= len(data)
        if self._left < 0:
            raise self._error
        buffer[: len(data)] = data
        return len(data)


def iterparse_member(
    archive: zipfile.ZipFile, member: str, name: str, limit: int, what: str = "the Word document"
) -> Iterator[tuple[str, Any]]:
    """(event, element) of ``member``, refusing it past ``limit`` bytes, :data:`MAX_ELEMENTS` or :data:`MAX_DEPTH`."""
    from lxml import etree

    too_large = DocxError("import-too-large", f"{name}: {what} unpacks to too much data")
    info = archive.getinfo(member)
    limit = min(limit, MAX_RATIO * info.compress_size + RATIO_SLACK)
    if info.file_size > limit:  # what the zip claims; the stream is counted too, in case it lies
        raise too_large
    stream = _Limited(archive.open(member), limit, too_large)
    depth = elements = 0
    parser = etree.iterparse(
        io.BufferedReader(stream, 1 << 16),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for event, element in parser:
            if event == "start":
                depth += 1
                elements += 1
                if depth > MAX_DEPTH:
                    raise DocxError("import-damaged", f"{name}: {what} is nested too deeply")
                if elements > MAX_ELEMENTS:
                    raise too_large
            else:
                depth -= 1
            yield event, element
    except etree.XMLSyntaxError as exc:
        raise DocxError("import-damaged", f"{name}: {what} is damaged ({member})") from exc


def _attr(element, tag: str, attr: str = "val") -> str | None:  # type: ignore[no-untyped-def]
    child = element.find(W + tag) if element is not None else None
    return child.get(W + attr) if child is not None else None


# ---------------------------------------------------------------------------------------------
# styles and numbering


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    num: tuple[str, int] | None = None
    bold: bool | None = None  # the style's own run bold (w:rPr/w:b), None: not set


_HEADING_NAME_RE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def _read_styles(archive: zipfile.ZipFile, name: str) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if "word/styles.xml" not in archive.namelist():
        return styles
    for event, el in iterparse_member(archive, "word/styles.xml", name, MAX_PART_BYTES):
        if event != "end" or el.tag != W + "style":
            continue
        style = _Style(name=_attr(el, "name") or "", based_on=_attr(el, "basedOn"))
        ppr = el.find(W + "pPr")
        if ppr is not None:
            outline = _attr(ppr, "outlineLvl")
            if outline is not None and outline.isdigit() and int(outline) < 9:
                style.outline = int(outline)
            numpr = ppr.find(W + "numPr")
            if numpr is not None and _attr(numpr, "numId"):
                style.num = (_attr(numpr, "numId") or "", int(_attr(numpr, "ilvl") or 0))
        rpr = el.find(W + "rPr")
        if rpr is not None and rpr.find(W + "b") is not None:
            style.bold = _on(rpr.find(W + "b"))
        styles[el.get(W + "styleId") or ""] = style
        el.clear()
    return styles


def _style_chain(styles: dict[str, _Style], style_id: str) -> Iterator[tuple[str, _Style | None]]:
    """``style_id`` and the styles it is based on, nearest first (a cycle ends it; an unknown id comes with None
    and ends it)."""
    seen: set[str] = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = styles.get(style_id)
        yield style_id, style
        if style is None:
            return
        style_id = style.based_on or ""


def _style_heading(styles: dict[str, _Style], style_id: str) -> int | None:
    """Outline level (1-based) of a paragraph style: its name (``heading 2``, ``标题 2``) or outline level, inherited."""
    for sid, style in _style_chain(styles, style_id):
        m = _HEADING_NAME_RE.match(style.name if style is not None else sid)
        if m:
            return int(m.group(1))
        if style is not None and style.outline is not None:
            return style.outline + 1
    return None


def _on(toggle) -> bool:  # type: ignore[no-untyped-def]
    """A ``w:b``-like toggle: on unless ``w:val`` says off."""
    return (toggle.get(W + "val") or "true").lower() not in ("0", "false", "off")


def _run_bold(run, styles: dict[str, _Style]) -> bool:  # type: ignore[no-untyped-def]
    """Whether a ``w:r`` is bold: its own ``w:b``, else its character style's (inherited through ``basedOn``)."""
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    b = rpr.find(W + "b")
    if b is not None:
        return _on(b)
    for _sid, style in _style_chain(styles, _attr(rpr, "rStyle") or ""):
        if style is not None and style.bold is not None:
            return style.bold
    return False


def _style_num(styles: dict[str, _Style], style_id: str) -> tuple[str, int] | None:
    for _sid, style in _style_chain(styles, style_id):
        if style is not None and style.num is not None:
            return style.num
    return None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 never


@dataclass
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    def levels(self, num_id: str) -> tuple[dict[int, _Level], dict[int, int]] | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        abstract_id, starts, overrides = entry
        levels = dict(self.abstract.get(abstract_id, {}))
        levels.update(overrides)
        return levels, starts

    def label(self, num_id: str, ilvl: int) -> str:
        """The label the next paragraph of list ``num_id`` at level ``ilvl`` shows (and count it)."""
        found = self.levels(num_id)
        if found is None or not 0 <= ilvl < 9:
            return ""
        levels, starts = found
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = starts.get(ilvl, level.start) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and restart <= ilvl + 1):
                counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return ""

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            n = counters[k] if 0 <= k < 9 else None
            if n is None:
                n = starts.get(k, levels.get(k, _Level()).start)
            return format_number(n, levels.get(k, level).fmt)

        return re.sub(r"%(\d)", value, level.text)


def _read_numbering(archive: zipfile.ZipFile, name: str) -> _Numbering:
    numbering = _Numbering()
    if "word/numbering.xml" not in archive.namelist():
        return numbering

    def level_of(el) -> tuple[int, _Level]:  # type: ignore[no-untyped-def]
        ilvl = int(el.get(W + "ilvl") or 0)
        start = _attr(el, "start")
        restart = _attr(el, "lvlRestart")
        return ilvl, _Level(
            start=int(start) if start and start.isdigit() else 1,
            fmt=_attr(el, "numFmt") or "decimal",
            text=_attr(el, "lvlText") or "",
            restart=int(restart) if restart and restart.isdigit() else None,
        )

    for event, el in iterparse_member(archive, "word/numbering.xml", name, MAX_PART_BYTES):
        if event != "end":
            continue
        tag = el.tag
        if tag == W + "abstractNum":
            numbering.abstract[el.get(W + "abstractNumId") or ""] = dict(level_of(lvl) for lvl in el.iter(W + "lvl"))
            el.clear()
        elif tag == W + "num":
            starts: dict[int, int] = {}
            overrides: dict[int, _Level] = {}
            for override in el.iter(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl") or 0)
                start = _attr(override, "startOverride")
                if start and start.isdigit():
                    starts[ilvl] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = level_of(lvl)[1]
            abstract = _attr(el, "abstractNumId") or ""
            numbering.nums[el.get(W + "numId") or ""] = (abstract, starts, overrides)
            el.clear()
    return numbering


_CN = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word's ``chineseCounting`` prints them)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if rest == 0
            else (
                "零" + _CN[rest]
                if rest < 10
                else chinese_counting(rest).replace("十", "一十", 1)
                if rest < 20
                else chinese_counting(rest)
            )
        )
        return _CN[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """``n`` printed in Word's number format ``fmt`` (unknown formats: decimal)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "chineseLegalSimplified",
        "ideographLegalTraditional",
    ):
        return chinese_counting(n)
    if fmt == "ideographDigital":
        return "".join(_CN[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


# ---------------------------------------------------------------------------------------------
# notes and the body


def _read_notes(archive: zipfile.ZipFile, member: str, tag: str, name: str, limit: int) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    if member not in archive.namelist():
        return notes
    for event, el in iterparse_member(archive, member, name, limit):
        if event == "end" and el.tag == W + tag:
            texts = ["".join(_texts(p)) for p in el.iter(_P)]
            notes[el.get(W + "id") or ""] = [t.strip() for t in texts if t.strip()]
            el.clear()
    return notes


def _texts(p) -> Iterator[str]:  # type: ignore[no-untyped-def]
    for el in p.iter(_T, _TAB):
        yield el.text or "" if el.tag == _T else "\t"


@dataclass
class _Open:
    runs: list[str] = field(default_factory=list)
    bold: list[str] = field(default_factory=list)  # the text of the bold runs the paragraph opens with
    plain: bool = False  # text that is not bold has been seen
    style: str = ""
    num: tuple[str, int] | None = None
    outline: int | None = None
    notes: list[str] = field(default_factory=list)


def docx_paragraphs(data: bytes, name: str, *, limit: int = MAX_XML_BYTES) -> list[DocxParagraph]:
    """The paragraphs of a .docx in document order (see the module doc). Raises :class:`DocxError`.

    ``limit``: the most bytes a part may unpack to (checked against the zip's claim first, then while reading).
    """
    damaged = DocxError("import-damaged", f"{name}: the Word document is damaged or not a .docx file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise damaged from exc
    with archive:
        if "word/document.xml" not in archive.namelist():
            raise damaged
        if sum(info.file_size for info in archive.infolist()) > 2 * limit:
            raise DocxError("import-too-large", f"{name}: the Word document unpacks to too much data")
        try:
            styles = _read_styles(archive, name)
            numbering = _read_numbering(archive, name)
            footnotes = _read_notes(archive, "word/footnotes.xml", "footnote", name, limit)
            endnotes = _read_notes(archive, "word/endnotes.xml", "endnote", name, limit)
            return list(_body(archive, name, styles, numbering, footnotes, endnotes, limit))
        except DocxError:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as exc:
            raise damaged from exc


def _body(
    archive: zipfile.ZipFile,
    name: str,
    styles: dict[str, _Style],
    numbering: _Numbering,
    footnotes: dict[str, list[str]],
    endnotes: dict[str, list[str]],
    limit: int,
) -> Iterator[DocxParagraph]:
    stack: list[_Open] = []
    skipping = 0  # depth inside a part whose text is not shown (deleted text, field codes, VML fallback)
    for event, el in iterparse_member(archive, "word/document.xml", name, limit):
        tag = el.tag
        if tag in _SKIP:
            skipping += 1 if event == "start" else -1
            if event == "end":
                el.clear()
            continue
        if skipping:
            continue
        if event == "start":
            if tag == _P:
                stack.append(_Open())
            continue
        if not stack:
            if tag == W + "body":
                break
            continue
        current = stack[-1]
        if tag == _T:
            text = el.text or ""
            current.runs.append(text)
            if not current.plain:
                run = el.getparent()
                if run is not None and run.tag == _R and _run_bold(run, styles):
                    current.bold.append(text)
                elif text.strip():
                    current.plain = True
        elif tag == _TAB:
            current.runs.append("\t")
            current.plain = current.plain or bool(current.bold)
        elif tag == W + "noBreakHyphen":
            current.runs.append("-")
        elif tag == W + "pStyle" and el.getparent() is not None and el.getparent().tag == W + "pPr":
            current.style = el.get(W + "val") or ""
        elif tag == W + "outlineLvl" and el.getparent().tag == W + "pPr":
            value = el.get(W + "val") or ""
            current.outline = int(value) if value.isdigit() and int(value) < 9 else None
        elif tag == W + "numPr" and el.getparent().tag == W + "pPr":
            num_id = _attr(el, "numId")
            ilvl = _attr(el, "ilvl")
            if num_id is not None:
                current.num = (num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)
        elif tag == W + "footnoteReference":
            current.notes.extend(footnotes.get(el.get(W + "id") or "", []))
        elif tag == W + "endnoteReference":
            current.notes.extend(endnotes.get(el.get(W + "id") or "", []))
        elif tag == _P:
            stack.pop()
            yield from _finish(current, styles, numbering)
            el.clear()
            parent = el.getparent()
            if parent is not None and not stack:  # free what was read (never inside a text box)
                while el.getprevious() is not None:
                    del parent[0]
        elif tag in (W + "tbl", W + "tr", W + "tc", W + "sdt") and not stack:
            el.clear()


def _finish(para: _Open, styles: dict[str, _Style], numbering: _Numbering) -> Iterator[DocxParagraph]:
    text = "".join(para.runs).strip()
    num = para.num if para.num is not None else _style_num(styles, para.style)
    label = ""
    if num is not None and num[0] != "0" and text:
        label = numbering.label(*num)
    heading = para.outline + 1 if para.outline is not None else _style_heading(styles, para.style)
    bold = "".join(para.bold).strip()
    lead = ""
    if bold and ends_sentence(bold) and text.startswith(bold) and text[len(bold) :].strip():
        lead = label + bold
    if text:
        yield DocxParagraph(label + text, heading, para.style, lead)
    for note in para.notes:
        yield DocxParagraph(note)
