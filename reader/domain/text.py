"""The searchable text of a case: one segment per title, heading or paragraph, in reading order.

Segments are what the search index stores and what snippets are cut from; their texts joined with
``"\\n"`` are the case's *plain text*, the string that annotation text-position selectors count in.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from reader.domain.case import Case, Section, SectionKind


class Field(enum.StrEnum):
    TITLE = "title"
    HEADING = "heading"
    BODY = "body"


@dataclass(frozen=True)
class Segment:
    case_id: str
    seq: int  # 0-based position in the case
    field: Field
    text: str
    section: str = ""  # heading of the top-level section it belongs to ("" for title and lead)
    kind: SectionKind | None = None  # kind of that section (None for title and lead)


def case_segments(case: Case) -> list[Segment]:
    """The case's segments in reading order; the title is always segment 0."""
    out: list[Segment] = []

    def add(field: Field, text: str, section: str = "", kind: SectionKind | None = None) -> None:
        out.append(Segment(case.id, len(out), field, text, section, kind))

    add(Field.TITLE, case.title)
    for paragraph in case.lead:
        add(Field.BODY, paragraph)

    def add_section(section: Section, top: Section) -> None:
        add(Field.HEADING, section.heading, top.heading, top.kind)
        for block in section.blocks:
            for text in block.texts():
                add(Field.BODY, text, top.heading, top.kind)
        for sub in section.subsections:
            add_section(sub, top)

    for section in case.sections:
        add_section(section, section)
    return out


def plain_text(case: Case) -> str:
    """The case as one string: its segments joined by newlines."""
    return "\n".join(segment.text for segment in case_segments(case))
