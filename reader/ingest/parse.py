"""``parse_document``: one source document in, one :class:`~reader.domain.case.Batch` with its cases out.

The steps: clean lines (:mod:`.lines`), take out the table of contents (:mod:`.toc`), re-flow lines into
paragraphs (:mod:`.reflow`), classify paragraphs (:mod:`.classify`), find where each case starts (its title,
perhaps preceded by a category heading and followed by a contributor line), read the front matter (batch
title, preface), then each case's body (:mod:`.body`).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from reader.domain.case import Batch, Case
from reader.ingest.body import cn_number, parse_body
from reader.ingest.classify import MAX_TITLE, Item, Kind, classify
from reader.ingest.errors import IngestError
from reader.ingest.lines import Line, clean_lines, detect_layout, split_lines
from reader.ingest.messages import Message, collapse
from reader.ingest.patterns import (
    DATE_LINE_RE,
    NUMBERED_RE,
    SECTION_RE,
    TITLE_CONTRIB_RE,
    contributor_names,
    ends_sentence,
    squash,
)
from reader.ingest.reflow import Para, reflow_markdown, reflow_paragraphs, reflow_pdf, strip_markers
from reader.ingest.sequence import Confirmed, sequence_titles
from reader.ingest.toc import Toc, extract_toc

LAYOUTS = ("pdf-text", "markdown", "paragraphs")
#: A case's lead (between its title and ``一、``) is never longer than this many paragraphs.
MAX_LEAD = 8
#: The last fragment of a heading split in two is at most this long (``新模式``).
MAX_TAIL = 4


class NoCasesError(IngestError):
    """No case was recognised; ``parse_document(..., whole=True)`` imports the document as one case."""

    code = "import-no-cases"


@dataclass
class ParseResult:
    """The batch read from one document, and what the reader of the import log should know about it.

    ``paragraphs`` are the document's lines as (source line number, text), the contents left out; ``title_lines``
    the line number of each case's title paragraph (its first line), in the order of ``batch.cases`` (what a
    preview offers to correct: any of these lines can be made a case title).
    """

    batch: Batch
    warnings: list[Message] = field(default_factory=list)
    layout: str = "pdf-text"
    toc: Toc = field(default_factory=Toc)
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    title_lines: list[int] = field(default_factory=list)


@dataclass
class _Head:
    """Where a case starts: ``start`` is its first category item, ``title`` its title items (inclusive)."""

    start: int
    title: tuple[int, int]
    contrib: int | None
    categories: tuple[int, ...] = ()

    @property
    def body_start(self) -> int:
        return (self.contrib if self.contrib is not None else self.title[1]) + 1


def parse_document(
    text: str,
    *,
    batch_id: str,
    title: str | None = None,
    source: str = "",
    order: int = 0,
    layout: str | None = None,
    titles: Collection[int] = (),
    not_titles: Collection[int] = (),
    whole: bool = False,
    headings: Collection[str] = (),
    leads: Mapping[str, str] | None = None,
) -> ParseResult:
    """Parse one source document into a batch of cases.

    ``layout`` is ``"pdf-text"``, ``"markdown"`` or ``"paragraphs"``; None detects it. ``title`` None takes the batch title from
    the document when it states one (else the source name or the batch id). Raises :class:`IngestError` for an
    empty document or one where no case can be recognised. Guarantees: cases in document order with
    ``ordinal`` 1..n and unique ids; no text (title, paragraph, heading) contains a newline, Markdown markers or
    leading/trailing whitespace, and none is empty.

    Corrections a user made in the preview, by source line number of a paragraph: ``titles`` start a case
    (the paragraph is its title), ``not_titles`` are case titles to merge into the case before. ``whole``
    imports a document with no recognisable case as one case (else :class:`NoCasesError`). ``headings`` are
    paragraphs the source sets apart as headings (a Word heading style): a numbered one is a case title.
    ``leads`` maps a paragraph to the bold sentence it opens with in the source (a Word file's bold first run):
    kept as the paragraph's lead, as a Markdown source's ``**…**`` is.
    """
    name = source or batch_id or "document"
    if not batch_id:
        raise IngestError(f"{name}: a batch id is required")
    if layout is not None and layout not in LAYOUTS:
        raise IngestError(f"{name}: unknown layout {layout!r} (expected one of {', '.join(LAYOUTS)})")
    warnings: list[Message] = []
    lines = clean_lines(split_lines(text or ""), warnings)
    if not lines:
        raise IngestError(Message("import-empty", doc=name))
    layout = layout or detect_layout(lines)
    toc, lines = extract_toc(lines)
    paras = _with_toc_marker(_reflow_around(lines, toc, layout, set(titles) - set(not_titles)), toc)
    _mark_leads(paras, lines, leads or {})
    items = [classify(p, layout) for p in paras]
    heads = _find_heads(items, toc, layout == "markdown", warnings, {squash(_strip_number(h)) for h in headings})
    _join_wrapped_titles(items, heads)
    heads = _corrected(items, heads, set(titles), set(not_titles))
    if not heads and whole and lines[0].no not in titles and _may_be_title(classify(Para(lines[0].text, 0), layout)):
        # one case titled by the document's first line (a title, even where the layout ran it into the text)
        result = parse_document(
            text,
            batch_id=batch_id,
            title=title,
            source=source,
            order=order,
            layout=layout,
            titles={lines[0].no},
            headings=headings,
            leads=leads,
        )
        result.warnings.append(Message("whole-document", doc=name))
        return result
    if not heads and whole:
        contrib = 1 if len(items) > 1 and items[1].kind is Kind.CONTRIB else None
        heads = [_Head(0, (0, 0), contrib)]
        warnings.append(Message("whole-document", doc=name))
    if not heads:
        raise NoCasesError(Message("import-no-cases", doc=name))
    doc_title, preface, date = _front_matter(items[: heads[0].start], warnings)
    if doc_title is None and _lone_leading_category(heads):
        doc_title = "".join(items[i].text for i in heads[0].categories)
        heads[0].start, heads[0].categories = heads[0].title[0], ()
    cases = _build_cases(items, heads, batch_id, warnings, ocr_bold=layout == "markdown")
    cases = _title_contributors(_assign_toc_categories(cases, toc))
    _check_numbering(cases, name, warnings)
    _check_titles(cases, warnings)
    _check_toc(cases, toc, warnings)
    categories = tuple(dict.fromkeys(c.category for c in cases if c.category))
    batch = Batch(
        id=batch_id,
        title=title or doc_title or _fallback_title(source, batch_id, warnings),
        order=order,
        source=source,
        date=date,
        preface=tuple(preface),
        categories=categories,
        cases=tuple(cases),
    )
    title_lines = [items[h.title[0]].para.line_no for h in heads]
    source_lines = [(line.no, strip_markers(line.text)) for line in lines]
    return ParseResult(batch, collapse(warnings), layout, toc, source_lines, title_lines)


def _corrected(items: Sequence[Item], heads: list[_Head], titles: set[int], not_titles: set[int]) -> list[_Head]:
    """``heads`` with the user's corrections: heads at ``not_titles`` dropped (merged into the case before),
    a head added at every paragraph in ``titles`` (with the contributor line under it)."""
    if not titles and not not_titles:
        return heads
    kept = [h for h in heads if items[h.title[0]].para.line_no not in not_titles]
    starts = {h.title[0] for h in kept}
    for i, item in enumerate(items):
        if item.para.line_no in titles and item.para.line_no not in not_titles and i not in starts:
            contrib = i + 1 if i + 1 < len(items) and items[i + 1].kind is Kind.CONTRIB else None
            kept = [h for h in kept if not h.start <= i <= h.title[1]]
            kept.append(_Head(i, (i, i), contrib))
    return sorted(kept, key=lambda h: h.start)


# ---------------------------------------------------------------------------------------------
# where cases start


def _reflow(lines: list[Line], toc: Toc, layout: str) -> list[Para]:
    """Paragraphs of the document; in a layout of printed lines, none is joined across the contents."""
    if layout == "markdown":
        return reflow_markdown(lines, [e.text for e in toc.entries])
    reflow = reflow_paragraphs if layout == "paragraphs" else reflow_pdf
    if toc.line_no is None:
        return reflow(lines)
    before = [line for line in lines if line.no < toc.line_no]
    return reflow(before) + reflow(lines[len(before) :])


def _reflow_around(lines: list[Line], toc: Toc, layout: str, forced: set[int]) -> list[Para]:
    """Paragraphs of the document, where every line in ``forced`` (a user's case title) stands alone."""
    if not forced or not any(line.no in forced for line in lines):
        return _reflow(lines, toc, layout)
    out: list[Para] = []
    segment: list[Line] = []
    for line in lines:
        if line.no in forced:
            out += _reflow(segment, toc, layout) if segment else []
            out.append(Para(strip_markers(line.text), line.no, heading=True, raw=line.text, widths=[line.width]))
            segment = []
        else:
            segment.append(line)
    return out + (_reflow(segment, toc, layout) if segment else [])


def _mark_leads(paras: list[Para], lines: Sequence[Line], leads: Mapping[str, str]) -> None:
    """Give each paragraph that opens with a line ``leads`` knows the Markdown form of its bold lead
    (``**lead**rest``) as ``raw`` (whatever the layout joined after that line)."""
    if not leads:
        return
    at = {line.no: leads[line.text] for line in lines if line.text in leads}
    for para in paras:
        lead = at.get(para.line_no, "")
        if lead and para.text.startswith(lead) and "**" not in para.raw:
            para.raw = f"**{lead}**{para.text[len(lead) :]}"


def _with_toc_marker(paras: list[Para], toc: Toc) -> list[Para]:
    """``paras`` with a stand-in paragraph where the contents stood, so nothing reads across it."""
    if toc.line_no is None:
        return paras
    marker = Para("目录", toc.line_no, heading=True, raw="目录")
    at = next((i for i, p in enumerate(paras) if p.line_no > toc.line_no), len(paras))
    return [*paras[:at], marker, *paras[at:]]


def _find_heads(
    items: Sequence[Item], toc: Toc, markdown: bool, warnings: list[Message], set_apart: Collection[str] = ()
) -> list[_Head]:
    """Where each case starts, in document order.

    A case is recognised by its first section (``一、``: the title is the title-like paragraph before the lead),
    by a contributor line (the title is right above it), or by a numbered title that the contents lists or a
    Markdown heading sets apart.
    """
    numbered_titles = {squash(e.text) for e in toc.entries if e.number is not None} | set(set_apart)
    known = toc.titles()
    found: dict[int, _Head] = {}
    for i, item in enumerate(items):
        head: _Head | None = None
        if item.kind is Kind.SECTION and _section_number(item) == 1:
            head = _head_before_lead(items, i, known)
        elif item.kind is Kind.CONTRIB:
            head = _head_ending_at(items, i - 1, known)
        elif item.title_like and item.kind is Kind.NUMBERED and _listed_or_set_apart(item, numbered_titles, markdown):
            head = _head_ending_at(items, i, known)
        if head is not None:
            other = found.get(head.title[0])
            if other is None or _reach(head) > _reach(other):
                found[head.title[0]] = head
    heads: list[_Head] = []
    for head in sorted(found.values(), key=lambda h: h.start):
        if heads and head.start <= heads[-1].title[1]:
            warnings.append(Message("overlapping-titles", line=items[head.title[0]].para.line_no))
            continue
        heads.append(head)
    confirmed = [Confirmed(h.title[0], h.body_start, _head_number(items, h)) for h in heads]
    heads += [_sequence_head(items, i) for i in sequence_titles(items, confirmed, warnings)]
    return sorted(heads, key=lambda h: h.start)


def _head_number(items: Sequence[Item], head: _Head) -> int | None:
    m = NUMBERED_RE.match(items[head.title[0]].text) if items[head.title[0]].kind is Kind.NUMBERED else None
    return int(m.group(1)) if m else None


def _sequence_head(items: Sequence[Item], i: int) -> _Head:
    """The case a numbered title confirmed by its number starts: the title (and the line it wrapped onto)."""
    end = i
    if i + 1 < len(items) and _cut_open(items[i].text) and items[i + 1].kind is Kind.TEXT and items[i + 1].title_like:
        end = i + 1
    contrib = end + 1 if end + 1 < len(items) and items[end + 1].kind is Kind.CONTRIB else None
    return _Head(i, (i, end), contrib)


def _join_wrapped_titles(items: Sequence[Item], heads: list[_Head]) -> None:
    """Take the "category headings" above unnumbered titles as the titles' first lines when most cases have one.

    A category heading introduces a group of cases; a distinct heading right above most case titles is the
    first line of a title wrapped in a large type (``探索数字化手段在公共管理服`` / ``务中的多场景应用``).
    """
    while True:
        candidates = [h for h in heads if h.categories and items[h.title[0]].kind is not Kind.NUMBERED]
        texts = {squash(items[h.categories[-1]].text) for h in candidates}
        if len(candidates) < 3 or len(candidates) * 2 <= len(heads) or len(texts) < len(candidates):
            return
        for head in candidates:
            head.title, head.categories = (head.categories[-1], head.title[1]), head.categories[:-1]


def _listed_or_set_apart(item: Item, numbered_titles: set[str], markdown: bool) -> bool:
    """A numbered title the contents lists, or (Markdown) one set as a heading: a case title, not a point."""
    return (markdown and item.para.heading) or squash(_strip_number(item.text)) in numbered_titles


def _reach(head: _Head) -> int:
    """How far a head extends (the same title found from two sides: keep the one with its contributor)."""
    return head.body_start


def _section_number(item: Item) -> int | None:
    m = SECTION_RE.match(item.text)
    return cn_number(m.group(1)) if m else None


def _head_before_lead(items: Sequence[Item], section: int, known: set[str]) -> _Head | None:
    """The case whose first section is at ``section``: walk back over the lead to the title."""
    i = section - 1
    lead = 0
    while i >= 0 and items[i].kind is Kind.TEXT and not items[i].title_like:
        i -= 1
        lead += 1
        if lead > MAX_LEAD:
            return None
    if i >= 0 and items[i].kind is Kind.CONTRIB:
        i -= 1
    return _head_ending_at(items, i, known)


def _head_ending_at(items: Sequence[Item], end: int, known: set[str]) -> _Head | None:
    """The case whose title block ends at item ``end``: title items, category items before them."""
    if end < 0 or not items[end].title_like:
        return None
    start = end
    while start > 0 and items[start - 1].title_like:
        start -= 1
    numbered = [k for k in range(start, end + 1) if items[k].kind is Kind.NUMBERED]
    if numbered:
        first = numbered[-1]
    else:
        first = next((k for k in range(start, end + 1) if _joined(items, k, end) in known), end)
        if first == end and end > start and len(squash(items[end].text)) <= MAX_TAIL:
            first = end - 1  # a heading split in two: 探索…数字化 / 新模式
        while first > start and _cut_open(items[first - 1].text):
            first -= 1  # a title wrapped after 的/和/、 or inside a bracket: 关于推进…发展的 / 典型经验做法
    contrib = end + 1 if end + 1 < len(items) and items[end + 1].kind is Kind.CONTRIB else None
    return _Head(start, (first, end), contrib, tuple(range(start, first)))


def _cut_open(text: str) -> bool:
    """True for a line that cannot end a title: it ends in 的/和/、… or leaves a bracket or quote open."""
    text = text.rstrip()
    return bool(text) and (text[-1] in _OPEN_END or any(text.count(a) > text.count(b) for a, b in _PAIRS))


def _joined(items: Sequence[Item], first: int, last: int) -> str:
    return squash("".join(items[k].text for k in range(first, last + 1)))


def _lone_leading_category(heads: list[_Head]) -> bool:
    """True when only the first case has a category heading: more likely the document's own title."""
    return bool(heads[0].categories) and not any(h.categories for h in heads[1:])


# ---------------------------------------------------------------------------------------------
# front matter


def _front_matter(items: Sequence[Item], warnings: list[Message]) -> tuple[str | None, list[str], str | None]:
    """The batch title (title-like paragraphs at the very top, joined), the preface paragraphs and the date a
    line under the title states (``（2025年12月）``)."""
    title_parts: list[str] = []
    date: str | None = None
    preface: list[str] = []
    state = "title"
    for item in items:
        if item.kind is Kind.ATTACHMENT:
            continue
        if date is None and state == "title" and (m := DATE_LINE_RE.match(item.text)):
            date = squash(m.group(1))
            continue
        if item.kind is Kind.TOC:
            state = "after"
        elif item.kind is Kind.PREFACE:
            state = "preface"
        elif state == "title" and _may_be_title(item):
            title_parts.append(item.text)
        elif state == "preface" and item.kind is not Kind.CONTRIB:
            preface.append(item.text)
        else:
            warnings.append(Message("text-before-first-case", line=item.para.line_no, text=_preview(item.text)))
    doc_title = "".join(title_parts).strip()
    return doc_title or None, preface, date


def _may_be_title(item: Item) -> bool:
    """Title-like, or (at the top of a Markdown text, where the title may be plain lines) short and open."""
    if item.title_like:
        return True
    return item.kind is Kind.TEXT and not ends_sentence(item.text) and len(squash(item.text)) <= MAX_TITLE


def _fallback_title(source: str, batch_id: str, warnings: list[Message]) -> str:
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0] if source else ""
    warnings.append(Message("no-title"))
    return stem or batch_id


# ---------------------------------------------------------------------------------------------
# cases


def _build_cases(
    items: Sequence[Item], heads: list[_Head], batch_id: str, warnings: list[Message], *, ocr_bold: bool = False
) -> list[Case]:
    cases: list[Case] = []
    seen: set[str] = set()
    category: str | None = None
    for ordinal, head in enumerate(heads, start=1):
        if head.categories:
            if len(head.categories) > 1:
                warnings.append(Message("several-headings", line=items[head.start].para.line_no))
            category = strip_markers(items[head.categories[-1]].text)
        raw_title = strip_markers("".join(items[k].text for k in range(head.title[0], head.title[1] + 1)))
        number, title = _split_number(raw_title)
        case_name = (ordinal, f"{number}. {title}" if number is not None else title)
        end = heads[ordinal].start if ordinal < len(heads) else len(items)
        body = parse_body(items[head.body_start : end], case_name, warnings, ocr_bold=ocr_bold)
        if not body.sections:
            warnings.append(Message("no-sections", ordinal=ordinal, title=case_name[1]))
        cid = case_id(batch_id, number, title)
        if cid in seen:
            cid = f"{cid}-{ordinal}"  # a duplicate title or number: _check_titles reports it once
        seen.add(cid)
        cases.append(
            Case(
                id=cid,
                batch_id=batch_id,
                ordinal=ordinal,
                title=title,
                number=number,
                category=category,
                contributors=_contributors(items[head.contrib].text) if head.contrib is not None else (),
                lead=body.lead,
                sections=body.sections,
            )
        )
    return cases


def _strip_number(text: str) -> str:
    m = NUMBERED_RE.match(text)
    return m.group(3) if m else text


def _split_number(title: str) -> tuple[int | None, str]:
    """(printed number or None, title without the number prefix)."""
    m = NUMBERED_RE.match(title)
    if not m:
        return None, title.strip()
    return int(m.group(1)), m.group(3).strip()


def case_id(batch_id: str, number: int | None, title: str) -> str:
    """The stable id of a case: ``{batch}-{number:02d}``, or ``{batch}-{sha1(title)[:8]}`` when unnumbered.

    The title is hashed without any whitespace, so PDF extraction spaces do not change the id.
    """
    if number is not None:
        return f"{batch_id}-{number:02d}"
    return f"{batch_id}-{hashlib.sha1(squash(title).encode('utf-8')).hexdigest()[:8]}"


def _contributors(line: str) -> tuple[str, ...]:
    return contributor_names(line)


def _title_contributors(cases: list[Case]) -> list[Case]:
    """``北京怀柔：打造…`` / ``银川市—打造…``: when most cases without a contributor line start their title with a
    short name and a colon or dash, that name is the contributor (the title is kept as printed)."""
    bare = [c for c in cases if not c.contributors]
    matches = {c.id: m.group(1) for c in bare if (m := TITLE_CONTRIB_RE.match(c.title))}
    if len(bare) < 2 or len(matches) * 2 <= len(bare):
        return cases
    return [replace(c, contributors=(matches[c.id],)) if c.id in matches else c for c in cases]


def _assign_toc_categories(cases: list[Case], toc: Toc) -> list[Case]:
    """Categories from the contents, for documents that name them only there (no case has one otherwise)."""
    if not toc.entries or any(c.category for c in cases):
        return cases
    by_number = {c.number: c for c in cases if c.number is not None}
    by_title = {squash(c.title): c for c in cases}
    category: str | None = None
    assigned: dict[str, str] = {}
    for entry in toc.entries:
        case = by_number.get(entry.number) if entry.number is not None else None
        case = case or by_title.get(squash(entry.text))
        if case is None:
            category = entry.text
        elif category is not None:
            assigned[case.id] = category
    if not assigned:
        return cases
    return [replace(c, category=assigned.get(c.id)) for c in cases]


def _check_numbering(cases: list[Case], name: str, warnings: list[Message]) -> None:
    numbers = [c.number for c in cases if c.number is not None]
    if numbers and len(numbers) != len(cases):
        warnings.append(Message("unnumbered-cases", doc=name, missing=len(cases) - len(numbers), total=len(cases)))
    for prev, cur in itertools.pairwise(numbers):
        if cur == prev:
            warnings.append(Message("number-repeated", doc=name, number=cur))
        elif cur != prev + 1:
            warnings.append(Message("numbers-jump", doc=name, prev=prev, cur=cur))
    if numbers and numbers[0] != 1:
        warnings.append(Message("numbers-start", doc=name, first=numbers[0]))


#: A title ending in one of these (or with a bracket or quote left open) was probably cut where it wrapped.
_OPEN_END = "，、：；（(“‘《〈【—-的和与及或并对在为"
_PAIRS = (("（", "）"), ("(", ")"), ("“", "”"), ("《", "》"), ("【", "】"))


def _check_titles(cases: list[Case], warnings: list[Message]) -> None:
    """Warn about titles that occur more than once (once per title, with the count) and titles that look cut off
    where they wrapped (the rest may have gone into the lead)."""
    counts: dict[str, int] = {}
    for case in cases:
        counts[squash(case.title)] = counts.get(squash(case.title), 0) + 1
    duplicates = [(c.title, counts[squash(c.title)]) for c in cases if counts[squash(c.title)] > 1]
    for title, n in dict(duplicates).items():
        warnings.append(Message("duplicate-title", title=title, count=n))
    if duplicates:
        warnings.append(Message("shared-titles", count=len(duplicates)))
    for case in cases:
        title = case.title
        unbalanced = any(title.count(a) != title.count(b) for a, b in _PAIRS)
        if title[-1] in _OPEN_END or unbalanced:
            warnings.append(Message("title-cut", ordinal=case.ordinal, title=case.display_title))


def _check_toc(cases: list[Case], toc: Toc, warnings: list[Message]) -> None:
    """Warn about numbered contents entries that do not match the case with that number."""
    by_number = {c.number: c for c in cases if c.number is not None}
    for entry in toc.entries:
        if entry.number is None:
            continue
        found = by_number.get(entry.number)
        if found is None:
            warnings.append(Message("toc-no-case", number=entry.number, text=entry.text))
        elif squash(found.title) != squash(entry.text):
            warnings.append(Message("toc-differs", number=entry.number, text=entry.text, title=found.title))


def _preview(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
