"""Batches, cases, sections and blocks: the structure of the casebook, as plain data.

Everything here is immutable plain Python so the ingest, storage, export and UI layers can share it
without copying. The JSON shape produced by :func:`case_to_dict` is the one the CLI prints and the one
``storage`` stores; :func:`case_from_dict` reads it back.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

#: Batch ids of batches the user imported start with this; bundled batch ids never do.
IMPORTED_PREFIX = "imp-"


class SectionKind(enum.StrEnum):
    """What a top-level section is about, independent of how the document words its heading."""

    PRACTICE = "practice"  # 主要做法
    EFFECT = "effect"  # 实践效果 / 实践意义和效果
    NEXT = "next"  # 下一步工作思路 / 下一步创新方向 / ...
    OTHER = "other"


class BlockKind(enum.StrEnum):
    PARAGRAPH = "paragraph"
    POINT = "point"  # a numbered point: "1.…"
    BOX = "box"  # a 专栏 box: ``text`` is the box title, ``children`` its paragraphs


@dataclass(frozen=True)
class Block:
    """One unit of body text: a paragraph, a numbered point or a 专栏 box.

    ``lead`` is how many characters at the start of ``text`` (of a paragraph or a point) form its *lead*: the
    run-in lead sentence the source set in bold (``**三是以园区化推动….**沈阳积极…``, a Word paragraph opening
    with a bold sentence). 0: none. The text itself is unchanged: every renderer shows ``text[:lead]`` bold.
    """

    kind: BlockKind
    text: str
    label: str = ""  # "1." for points, "专栏 1" for boxes
    children: tuple[str, ...] = ()
    lead: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.lead < max(len(self.text), 1) or (self.lead and self.kind is BlockKind.BOX):
            raise ValueError(
                f"a lead of {self.lead} characters does not fit this {self.kind.value}: {self.text[:20]!r}"
            )

    def lead_span(self) -> tuple[int, int]:
        """Where the lead is in the block's first string of :meth:`texts` (after a point's label); (0, 0): none."""
        start = len(self.label) if self.kind is BlockKind.POINT else 0
        return (start, start + self.lead) if self.lead else (0, 0)

    def texts(self) -> Iterator[str]:
        """Every string of text in reading order (label included for points and boxes)."""
        if self.kind is BlockKind.BOX:
            yield f"{self.label} {self.text}".strip()
        elif self.kind is BlockKind.POINT:
            yield f"{self.label}{self.text}"
        else:
            yield self.text
        yield from self.children


@dataclass(frozen=True)
class Section:
    """A heading with its body: a section (``一、``, level 1) or a subsection (``（一）``, level 2).

    ``label`` is the numbering as printed (``一、`` or ``（一）``), ``title`` the heading text after it.
    When the document runs the sub-heading into its first paragraph (``（一）标题。正文…``), ``run_in`` is
    true: ``title`` holds the heading sentence and ``blocks`` start with the rest.
    """

    label: str
    title: str
    kind: SectionKind = SectionKind.OTHER
    level: int = 1
    run_in: bool = False
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.label}{self.title}"

    def walk(self) -> Iterator[Section]:
        """This section and all its subsections, depth first."""
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass(frozen=True)
class Case:
    id: str
    batch_id: str
    ordinal: int  # 1-based position in the batch, in document order
    title: str
    number: int | None = None  # as printed; None where the document does not number cases
    category: str | None = None
    contributors: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    @property
    def display_title(self) -> str:
        return f"{self.number}. {self.title}" if self.number is not None else self.title


@dataclass(frozen=True)
class Batch:
    id: str
    title: str
    order: int
    source: str  # file name under data/sources, or the imported file's name
    publisher: str | None = None
    date: str | None = None  # only when the document states it
    preface: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    cases: tuple[Case, ...] = field(default=(), repr=False)


# ---------------------------------------------------------------------------------------------
# JSON shape


def block_to_dict(block: Block) -> dict:
    d: dict = {"kind": block.kind.value, "text": block.text}
    if block.label:
        d["label"] = block.label
    if block.children:
        d["children"] = list(block.children)
    if block.lead:
        d["lead"] = block.lead
    return d


def section_to_dict(section: Section) -> dict:
    return {
        "heading": section.heading,
        "label": section.label,
        "title": section.title,
        "kind": section.kind.value,
        "level": section.level,
        "run_in": section.run_in,
        "paragraphs": [t for b in section.blocks for t in b.texts()],
        "blocks": [block_to_dict(b) for b in section.blocks],
        "subsections": [section_to_dict(s) for s in section.subsections],
    }


def case_to_dict(case: Case) -> dict:
    return {
        "id": case.id,
        "batch_id": case.batch_id,
        "ordinal": case.ordinal,
        "number": case.number,
        "title": case.title,
        "category": case.category,
        "contributors": list(case.contributors),
        "lead": list(case.lead),
        "sections": [section_to_dict(s) for s in case.sections],
    }


def block_from_dict(d: dict) -> Block:
    return Block(
        kind=BlockKind(d["kind"]),
        text=d["text"],
        label=d.get("label", ""),
        children=tuple(d.get("children", ())),
        lead=_stored_lead(d),
    )


def _stored_lead(d: dict) -> int:
    """The stored lead, or 0 where a hand-edited or damaged document has one that does not fit."""
    lead = d.get("lead", 0)
    fits = isinstance(lead, int) and 0 <= lead < len(d["text"]) and d["kind"] != BlockKind.BOX.value
    return lead if fits else 0


def section_from_dict(d: dict) -> Section:
    return Section(
        label=d["label"],
        title=d["title"],
        kind=SectionKind(d.get("kind", "other")),
        level=d.get("level", 1),
        run_in=d.get("run_in", False),
        blocks=tuple(block_from_dict(b) for b in d.get("blocks", ())),
        subsections=tuple(section_from_dict(s) for s in d.get("subsections", ())),
    )


def case_from_dict(d: dict) -> Case:
    return Case(
        id=d["id"],
        batch_id=d["batch_id"],
        ordinal=d["ordinal"],
        number=d.get("number"),
        title=d["title"],
        category=d.get("category"),
        contributors=tuple(d.get("contributors", ())),
        lead=tuple(d.get("lead", ())),
        sections=tuple(section_from_dict(s) for s in d.get("sections", ())),
    )
