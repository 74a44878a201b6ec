"""Plain-text rendering of a case, for the terminal and the clipboard."""

from __future__ import annotations

from reader.domain.case import Block, BlockKind, Case, Section


def _block_lines(block: Block) -> list[str]:
    if block.kind is BlockKind.BOX:
        return [f"【{block.label} {block.text}】".replace("  ", " "), *(f"    {c}" for c in block.children)]
    if block.kind is BlockKind.POINT:
        return [f"{block.label}{block.text}"]
    return [block.text]


def _section_lines(section: Section) -> list[str]:
    if section.run_in and section.blocks:
        first, *rest = section.blocks
        lines = [f"{section.heading}{first.text}"]
        blocks = rest
    else:
        lines = ["", section.heading] if section.level == 1 else [section.heading]
        blocks = list(section.blocks)
    for block in blocks:
        lines += _block_lines(block)
    for sub in section.subsections:
        lines += _section_lines(sub)
    return lines


def case_to_text(case: Case, *, batch_title: str = "") -> str:
    """The case as readable text: title, source line, lead, sections; one paragraph per line."""
    lines = [case.display_title]
    info = [x for x in (batch_title, case.category, "、".join(case.contributors)) if x]
    if info:
        lines.append(" · ".join(info))
    lines.append("")
    lines += case.lead
    for section in case.sections:
        lines += _section_lines(section)
    return "\n".join(lines) + "\n"
