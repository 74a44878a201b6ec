"""A case's body: lead paragraphs, then sections (``一、``) with subsections (``（一）``), points and boxes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reader.domain.case import Block, BlockKind, Section, SectionKind
from reader.ingest.classify import Item, Kind
from reader.ingest.messages import Message
from reader.ingest.patterns import (
    BOX_RE,
    CLOSERS,
    CN_DIGITS,
    NUMBERED_RE,
    SECTION_RE,
    SUB_RE,
    ends_sentence,
    section_kind_key,
)
from reader.ingest.reflow import bold_lead, strip_markers

#: A section heading longer than this (without its label) is a run-in heading followed by text.
MAX_HEADING = 40
#: An enumerated lead (``一是…。``) given the bold of a sibling is at most this long (characters).
MAX_SIBLING_LEAD = 40
_ENUMERATED_RE = re.compile(rf"^[{CN_DIGITS}]{{1,3}}是")
#: A box is over when a paragraph's text block is this much narrower than the box's (and fits the body).
BOX_WIDTH_STEP = 4.0


@dataclass
class _SectionBuilder:
    label: str
    title: str
    level: int
    kind: SectionKind = SectionKind.OTHER
    run_in: bool = False
    blocks: list[Block] = field(default_factory=list)
    subsections: list[_SectionBuilder] = field(default_factory=list)
    ocr_bold: bool = False  # the source's bold may be lost on some lines: repair enumerated leads

    def build(self) -> Section:
        return Section(
            label=self.label,
            title=self.title,
            kind=self.kind,
            level=self.level,
            run_in=self.run_in,
            blocks=tuple(sibling_leads(self.blocks) if self.ocr_bold else self.blocks),
            subsections=tuple(s.build() for s in self.subsections),
        )


@dataclass
class _Box:
    label: str
    title: str
    children: list[str] = field(default_factory=list)
    width: float | None = None  # width of the box's text block (pdf-text), once known

    def build(self) -> Block:
        return Block(BlockKind.BOX, self.title, label=self.label, children=tuple(self.children))


@dataclass
class CaseBody:
    lead: tuple[str, ...]
    sections: tuple[Section, ...]


def cn_number(text: str) -> int | None:
    """``一`` → 1 … ``十九`` → 19; None for anything else."""
    if not text or any(ch not in CN_DIGITS for ch in text):
        return None
    values = [CN_DIGITS.index(ch) + 1 for ch in text]
    if len(values) == 1:
        return values[0]
    if len(values) == 2 and values[0] == 10:
        return 10 + values[1]
    if len(values) == 2 and values[1] == 10:
        return values[0] * 10
    if len(values) == 3 and values[1] == 10:
        return values[0] * 10 + values[2]
    return None


def split_heading(rest: str, raw: str = "") -> tuple[str, str]:
    """A run-in heading split from its text: (heading sentence up to and including the first 。, the rest).

    When the Markdown source set the heading in bold (``**（一）标题。**正文``) and the bold part ends a
    sentence, the bold part is the heading. The rest is "" when the whole paragraph is the heading.
    """
    bold = _bold_heading(raw)
    if bold is not None and rest.startswith(bold[0]):
        return bold[0], rest[len(bold[0]) :].strip()
    stops = [i for i in (rest.find(ch) for ch in "。！？") if i >= 0]
    if not stops:
        return rest.strip(), ""
    end = min(stops) + 1
    while end < len(rest) and rest[end] in CLOSERS:
        end += 1
    return rest[:end].strip(), rest[end:].strip()


def _bold_heading(raw: str) -> tuple[str, str] | None:
    if not raw.startswith("**"):
        return None
    close = raw.find("**", 2)
    if close < 0 or not raw[close + 2 :].strip():
        return None
    inner = strip_markers(raw[2:close])
    for pattern in (SUB_RE, SECTION_RE):
        m = pattern.match(inner)
        if m:
            inner = m.group(2).strip()
            break
    if not inner or not ends_sentence(inner):
        return None
    return inner, strip_markers(raw[close + 2 :])


def parse_body(
    items: Sequence[Item], case_name: tuple[int, str], warnings: list[Message], *, ocr_bold: bool = False
) -> CaseBody:
    """Lead and sections of one case from its paragraphs (everything after the title and contributor line);
    ``case_name`` is the case's (ordinal, title as printed), for the warnings.

    ``ocr_bold``: the source is OCR output whose bold is lost on some lines (Markdown): the enumerated
    siblings of a bold lead get theirs back (:func:`sibling_leads`)."""
    lead: list[str] = []
    sections: list[_SectionBuilder] = []
    box: _Box | None = None
    body_width: float | None = None

    def container() -> list[Block] | None:
        if not sections:
            return None
        section = sections[-1]
        return section.subsections[-1].blocks if section.subsections else section.blocks

    def close_box() -> None:
        nonlocal box
        if box is not None:
            target = container()
            if target is None:
                lead.extend(t for t in box.build().texts())
            else:
                target.append(box.build())
            box = None

    def add_text(text: str, item: Item) -> None:
        if not text:
            return
        target = container()
        if target is None:
            lead.append(text)
        else:
            target.append(Block(BlockKind.PARAGRAPH, text, lead=_lead(item, text)))

    for item in items:
        text = item.text
        if box is not None and item.kind is Kind.TEXT and _box_goes_on(box, item, body_width):
            box.children.append(text)
            if box.width is None:
                box.width = item.para.full_width
            continue
        close_box()
        if item.kind is Kind.SECTION:
            sections.append(_section(item, warnings, case_name, sections))
            sections[-1].ocr_bold = ocr_bold
        elif item.kind is Kind.SUB:
            _add_subsection(item, sections, lead, case_name, warnings)
            if sections and sections[-1].subsections:
                sections[-1].subsections[-1].ocr_bold = ocr_bold
        elif item.kind is Kind.BOX:
            m = BOX_RE.match(text)
            assert m is not None
            box = _Box(_normalise_box_label(m.group(1)), m.group(2).strip())
        elif item.kind is Kind.NUMBERED and container() is not None:
            m = NUMBERED_RE.match(text)
            assert m is not None
            target = container()
            assert target is not None
            point = m.group(3).strip()
            target.append(Block(BlockKind.POINT, point, label=m.group(1) + m.group(2), lead=_lead(item, point)))
        else:
            add_text(text, item)
            if item.para.full_width is not None:
                body_width = item.para.full_width
    close_box()
    return CaseBody(tuple(lead), tuple(s.build() for s in sections))


def _lead(item: Item, text: str) -> int:
    """How many characters at the start of ``text`` (a block made from the end of ``item``'s paragraph) the
    source set in bold as the paragraph's lead (:func:`reader.ingest.reflow.bold_lead`); 0 for none."""
    bold = bold_lead(item.para.raw)
    if not bold or not item.text.startswith(bold) or not item.text.endswith(text):
        return 0
    n = len(bold) - (len(item.text) - len(text))
    return n if 0 < n < len(text) else 0


def sibling_leads(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` with the bold of an enumerated lead (``**三是….**``) given to its siblings in the section
    (``一是….``, ``二是….``: their first sentence), which the OCR set in plain text; unchanged when no
    paragraph of the section opens with a bold enumerated lead."""
    if not any(b.lead and _ENUMERATED_RE.match(b.text) for b in blocks if b.kind is BlockKind.PARAGRAPH):
        return list(blocks)
    out = []
    for b in blocks:
        if b.kind is BlockKind.PARAGRAPH and not b.lead and _ENUMERATED_RE.match(b.text):
            end = _first_sentence_end(b.text)
            if 0 < end < len(b.text) and end <= MAX_SIBLING_LEAD:
                b = replace(b, lead=end)
        out.append(b)
    return out


def _first_sentence_end(text: str) -> int:
    """Offset just after the first sentence of ``text`` (its 。！？； and closing quotes); 0 for none."""
    stops = [i for i in (text.find(ch) for ch in "。！？；") if i >= 0]
    if not stops:
        return 0
    end = min(stops) + 1
    while end < len(text) and text[end] in CLOSERS:
        end += 1
    return end


def _normalise_box_label(label: str) -> str:
    """``专栏1`` and ``专栏 1`` both as ``专栏 1``."""
    return "专栏 " + label[2:].strip()


def _box_goes_on(box: _Box, item: Item, body_width: float | None) -> bool:
    """Whether ``item`` still belongs to the open box: yes, unless its lines are set at the body's width."""
    width = item.para.full_width
    if box.width is None or width is None or body_width is None:
        return True
    if box.width - body_width < BOX_WIDTH_STEP:
        return True
    return not (width <= body_width + 2 and box.width - width >= BOX_WIDTH_STEP)


def _section(
    item: Item, warnings: list[Message], case_name: tuple[int, str], sections: list[_SectionBuilder]
) -> _SectionBuilder:
    m = SECTION_RE.match(item.text)
    assert m is not None
    number = cn_number(m.group(1))
    expected = len(sections) + 1
    if number is not None and number != expected:
        ordinal, title = case_name
        warnings.append(
            Message("section-order", ordinal=ordinal, title=title, label=m.group(1) + "、", expected=expected)
        )
    rest = m.group(2).strip()
    title, after = (rest, "")
    if len(rest) > MAX_HEADING:
        title, after = split_heading(rest, item.para.raw)
    section = _SectionBuilder(m.group(1) + "、", title, 1, SectionKind(section_kind_key(title)), run_in=bool(after))
    if after:
        section.blocks.append(Block(BlockKind.PARAGRAPH, after))
    return section


def _add_subsection(
    item: Item,
    sections: list[_SectionBuilder],
    lead: list[str],
    case_name: tuple[int, str],
    warnings: list[Message],
) -> None:
    m = SUB_RE.match(item.text)
    assert m is not None
    if not sections:
        warnings.append(Message("sub-before-section", ordinal=case_name[0], title=case_name[1], label=m.group(1)))
        lead.append(item.text)
        return
    parent = sections[-1]
    number = cn_number("".join(ch for ch in m.group(1) if ch in CN_DIGITS))
    expected = len(parent.subsections) + 1
    if number is not None and number != expected:
        warnings.append(
            Message(
                "sub-order",
                ordinal=case_name[0],
                title=case_name[1],
                label=m.group(1),
                parent=parent.label,
                expected=expected,
            )
        )
    title, after = split_heading(m.group(2).strip(), item.para.raw)
    sub = _SectionBuilder(m.group(1), title, 2, parent.kind, run_in=bool(after))
    if after:
        sub.blocks.append(Block(BlockKind.PARAGRAPH, after))
    parent.subsections.append(sub)
