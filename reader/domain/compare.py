"""Cases side by side, aligned by section kind, as plain data (no Qt).

:func:`align` turns 1 to :data:`MAX_CASES` cases into an :class:`Alignment`: one :class:`Column` per case
and :class:`Row` objects in a fixed group order — the lead paragraphs, then the sections about the main
practice (主要做法), the effect (实践效果 / 实践意义和效果), the next steps (下一步工作思路 / 下一步创新方向 / …)
and finally the sections of kind "other" (case-specific headings), each group in document order.

Within a group the k-th section of each case shares a *section row* (its heading and the paragraphs
before its first sub-item), followed by one *sub-item row* per index: the （一） of every case side by
side, then the （二）… A case without such a section or sub-item has ``None`` in that cell: rows never
shift. Every cell knows which slice of the case's plain text (:func:`reader.domain.text.plain_text`) it
shows, so highlights, search hits and selections can be mapped between the case and its cell.

The reader's compare view, the PDF export and tests all read the same rows.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from reader.domain.case import Block, Case, Section, SectionKind
from reader.domain.text import case_segments

#: The fewest and the most cases a comparison is meant for (:func:`align` accepts from one case up).
MIN_CASES = 2
MAX_CASES = 4


class CompareError(ValueError):
    """Cases that cannot be aligned (too many, or one case twice)."""


class RowGroup(enum.StrEnum):
    """The row groups of a comparison, in display order."""

    LEAD = "lead"
    PRACTICE = "practice"
    EFFECT = "effect"
    NEXT = "next"
    OTHER = "other"


GROUP_ORDER: tuple[RowGroup, ...] = tuple(RowGroup)

#: Heading keywords, checked in this order (the first that occurs in a heading decides its kind).
_HEADING_KEYWORDS: tuple[tuple[str, SectionKind], ...] = (
    ("下一步", SectionKind.NEXT),
    ("下步", SectionKind.NEXT),
    ("做法", SectionKind.PRACTICE),
    ("举措", SectionKind.PRACTICE),
    ("效果", SectionKind.EFFECT),
    ("成效", SectionKind.EFFECT),
)


def heading_kind(title: str) -> SectionKind:
    """The kind of a top-level section judged by the wording of its heading (without the ``一、`` label)."""
    for keyword, kind in _HEADING_KEYWORDS:
        if keyword in title:
            return kind
    return SectionKind.OTHER


def section_kind(section: Section) -> SectionKind:
    """The kind a top-level section is aligned by: the stored kind, or else the one its heading says."""
    if section.kind is not SectionKind.OTHER:
        return section.kind
    return heading_kind(section.title)


def row_group(section: Section) -> RowGroup:
    return RowGroup(section_kind(section).value)


@dataclass(frozen=True)
class Cell:
    """What one case shows in one row.

    ``texts`` are the case's plain-text segments shown in the cell, in order; ``start`` is the offset of
    the first one in the case's plain text (the segments are contiguous there, joined by ``"\\n"``), so
    the cell covers plain ``[start, end)``. ``blocks`` are the paragraphs right under the heading and
    ``subsections`` any deeper levels shown inside the cell (a sub-item's own sub-items).
    """

    case_id: str
    level: int  # 0: the lead; 1: a section row; 2: a sub-item row
    label: str = ""  # "一、", "（二）"; "" for the lead
    title: str = ""
    run_in: bool = False
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    texts: tuple[str, ...] = ()
    start: int = 0
    lead: tuple[str, ...] = ()  # the lead paragraphs (level 0 only)

    @property
    def heading(self) -> str:
        return f"{self.label}{self.title}"

    @property
    def text(self) -> str:
        """The cell's plain text: its segments joined by newlines (a slice of the case's plain text)."""
        return "\n".join(self.texts)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def paragraphs(self) -> list[str]:
        """Every paragraph of body text, in reading order, headings of deeper levels included."""
        return list(self.texts[0 if self.level == 0 else 1 :])

    def to_dict(self) -> dict:
        return {
            "case_id": self.case_id,
            "level": self.level,
            "heading": self.heading,
            "run_in": self.run_in,
            "paragraphs": self.paragraphs(),
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Row:
    """One aligned row: a cell (or ``None``) per column.

    ``key`` is stable for a given set of cases: ``"lead"``, ``"practice.1"`` (the first practice
    section), ``"practice.1.2"`` (its second sub-item), ``"other.3"`` …
    """

    key: str
    group: RowGroup
    level: int
    section: int = 0  # 1-based position of the section within its group (0 for the lead)
    item: int = 0  # 1-based sub-item index (0 for lead and section rows)
    cells: tuple[Cell | None, ...] = ()

    def filled(self) -> int:
        return sum(cell is not None for cell in self.cells)


@dataclass(frozen=True)
class Column:
    """The header of one compared case."""

    case_id: str
    title: str
    display_title: str
    batch_id: str
    batch_title: str = ""
    category: str | None = None
    contributors: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "case_id": self.case_id,
            "title": self.title,
            "display_title": self.display_title,
            "batch_id": self.batch_id,
            "batch_title": self.batch_title,
            "category": self.category,
            "contributors": list(self.contributors),
        }


@dataclass(frozen=True)
class Alignment:
    """The columns and aligned rows of a comparison."""

    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    _by_key: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update((row.key, i) for i, row in enumerate(self.rows))

    @property
    def case_ids(self) -> tuple[str, ...]:
        return tuple(c.case_id for c in self.columns)

    def row_index(self, key: str) -> int:
        """Index of the row with this key, or -1."""
        return self._by_key.get(key, -1)

    def group_rows(self, group: RowGroup | str) -> list[Row]:
        return [row for row in self.rows if row.group == group]

    def column_cells(self, column: int) -> Iterator[tuple[int, Cell]]:
        """``(row index, cell)`` of every filled cell of one column, top to bottom."""
        for i, row in enumerate(self.rows):
            cell = row.cells[column]
            if cell is not None:
                yield i, cell

    def to_dict(self) -> dict:
        """A JSON-ready form (for exporters): columns, then rows with their cells (``None`` when empty)."""
        return {
            "columns": [c.to_dict() for c in self.columns],
            "rows": [
                {
                    "key": r.key,
                    "group": r.group.value,
                    "level": r.level,
                    "cells": [c.to_dict() if c is not None else None for c in r.cells],
                }
                for r in self.rows
            ],
        }


# ---------------------------------------------------------------------------------------------
# Building


class _Segments:
    """Walks a case's plain-text segments in order, handing out each cell's slice with its offset."""

    def __init__(self, case: Case) -> None:
        self.texts = [seg.text for seg in case_segments(case)]
        self.starts: list[int] = []
        pos = 0
        for text in self.texts:
            self.starts.append(pos)
            pos += len(text) + 1
        self.next = 1  # segment 0 is the title, shown in the column header

    def take(self, count: int) -> tuple[tuple[str, ...], int]:
        first = self.next
        self.next += count
        if count < 1 or self.next > len(self.texts):
            raise AssertionError("cell segments run past the case's segments")
        return tuple(self.texts[first : self.next]), self.starts[first]


def _count_segments(section: Section) -> int:
    """How many plain-text segments a section produces (heading, block texts, subsections)."""
    return 1 + sum(len(list(b.texts())) for b in section.blocks) + sum(_count_segments(s) for s in section.subsections)


def _cells_of(case: Case) -> tuple[Cell | None, dict[RowGroup, list[tuple[Cell, list[Cell]]]]]:
    """The case's lead cell, and per group its sections as (section cell, sub-item cells)."""
    segs = _Segments(case)
    lead: Cell | None = None
    if case.lead:
        texts, start = segs.take(len(case.lead))
        lead = Cell(case.id, 0, texts=texts, start=start, lead=tuple(case.lead))
    groups: dict[RowGroup, list[tuple[Cell, list[Cell]]]] = {}
    for section in case.sections:
        own = 1 + sum(len(list(b.texts())) for b in section.blocks)
        texts, start = segs.take(own)
        head = Cell(
            case.id,
            1,
            label=section.label,
            title=section.title,
            run_in=section.run_in,
            blocks=section.blocks,
            texts=texts,
            start=start,
        )
        items = []
        for sub in section.subsections:
            texts, start = segs.take(_count_segments(sub))
            items.append(
                Cell(
                    case.id,
                    2,
                    label=sub.label,
                    title=sub.title,
                    run_in=sub.run_in,
                    blocks=sub.blocks,
                    subsections=sub.subsections,
                    texts=texts,
                    start=start,
                )
            )
        groups.setdefault(row_group(section), []).append((head, items))
    if segs.next != len(segs.texts):
        raise AssertionError(f"case {case.id}: {len(segs.texts) - segs.next} segments not placed in any cell")
    return lead, groups


def align(cases: Sequence[Case], *, batch_titles: Mapping[str, str] | None = None) -> Alignment:
    """Align ``cases`` (at most :data:`MAX_CASES`, each at most once) row by row; see the module docstring."""
    if len(cases) > MAX_CASES:
        raise CompareError(f"at most {MAX_CASES} cases can be compared, not {len(cases)}")
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise CompareError("a case cannot be compared with itself")
    titles = batch_titles or {}
    columns = tuple(
        Column(
            case_id=c.id,
            title=c.title,
            display_title=c.display_title,
            batch_id=c.batch_id,
            batch_title=titles.get(c.batch_id, ""),
            category=c.category,
            contributors=c.contributors,
        )
        for c in cases
    )
    parts = [_cells_of(c) for c in cases]
    rows: list[Row] = []
    if any(lead is not None for lead, _ in parts):
        rows.append(Row("lead", RowGroup.LEAD, 0, cells=tuple(lead for lead, _ in parts)))
    for group in GROUP_ORDER[1:]:
        per_case = [groups.get(group, []) for _, groups in parts]
        for k in range(max((len(sections) for sections in per_case), default=0)):
            here = [sections[k] if k < len(sections) else None for sections in per_case]
            key = f"{group.value}.{k + 1}"
            rows.append(Row(key, group, 1, section=k + 1, cells=tuple(h[0] if h else None for h in here)))
            for i in range(max((len(h[1]) for h in here if h), default=0)):
                cells = tuple(h[1][i] if h and i < len(h[1]) else None for h in here)
                rows.append(Row(f"{key}.{i + 1}", group, 2, section=k + 1, item=i + 1, cells=cells))
    return Alignment(columns=columns, rows=tuple(rows))


def headings(cases: Iterable[Case]) -> dict[str, SectionKind]:
    """Every distinct top-level heading title in ``cases`` with the kind it aligns by."""
    out: dict[str, SectionKind] = {}
    for case in cases:
        for section in case.sections:
            out.setdefault(section.title, section_kind(section))
    return out
