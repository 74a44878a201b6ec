"""HTML of a case, from its structure, in the rich-text subset Qt's ``QTextDocument`` understands.

The reader view, printing, PDF export and the single-file HTML export all start from this. Section
anchors are ``s1``, ``s1.2`` … (section 1, its subsection 2) so the outline can jump to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from reader.domain.case import Block, BlockKind, Case, Section

if TYPE_CHECKING:
    from reader.domain.compare import Cell


@dataclass(frozen=True)
class Palette:
    text: str = "#1f2328"
    muted: str = "#5a6270"
    heading: str = "#1a3d6d"
    accent: str = "#b3261e"
    box_bg: str = "#f3f6fa"
    box_border: str = "#9db3cf"
    badge_bg: str = "#e8eef7"
    badge_text: str = "#1a3d6d"


LIGHT = Palette()
DARK = Palette(
    text="#e6e6e6",
    muted="#a0a8b4",
    heading="#9cc3ff",
    accent="#ff8a80",
    box_bg="#262b33",
    box_border="#4a5a70",
    badge_bg="#2d3748",
    badge_text="#cfe0ff",
)
CONTRAST = Palette(
    text="#ffffff",
    muted="#ffffff",
    heading="#ffff00",
    accent="#00ffff",
    box_bg="#000000",
    box_border="#ffffff",
    badge_bg="#000000",
    badge_text="#ffff00",
)


def _t(text: str) -> str:
    """Escaped text whose every character survives HTML rendering (runs of spaces are not collapsed)."""
    out = escape(text, quote=False)
    return out.replace("  ", " &nbsp;").replace("  ", " &nbsp;") if "  " in out else out


def section_anchor(path: tuple[int, ...]) -> str:
    return "s" + ".".join(str(i) for i in path)


def _led(block: Block) -> str:
    """The block's text, its lead (if any) in bold."""
    if not block.lead:
        return _t(block.text)
    return f'<b class="lead">{_t(block.text[: block.lead])}</b>{_t(block.text[block.lead :])}'


def _block_html(block: Block, p: Palette) -> str:
    if block.kind is BlockKind.POINT:
        return f'<p class="point"><b>{_t(block.label)}</b>{_led(block)}</p>'
    if block.kind is BlockKind.BOX:
        inner = "".join(f'<p class="boxp">{_t(c)}</p>' for c in block.children)
        return (
            f'<table class="box" width="100%" cellpadding="12" cellspacing="0" border="1" '
            f'style="border-color:{p.box_border}; border-style: solid;" bgcolor="{p.box_bg}">'
            f'<tr><td><p class="boxtitle"><b>{_t(block.label)}</b>{" " if block.label and block.text else ""}{_t(block.text)}</p>'
            f"{inner}</td></tr></table>"
        )
    return f"<p>{_led(block)}</p>"


def _section_html(section: Section, path: tuple[int, ...], p: Palette) -> str:
    anchor = f'<a name="{section_anchor(path)}"></a>'
    parts: list[str] = []
    blocks = list(section.blocks)
    if section.run_in and blocks and blocks[0].kind is BlockKind.PARAGRAPH:
        first = blocks.pop(0)
        parts.append(f'<p>{anchor}<b class="runin">{_t(section.heading)}</b>{_led(first)}</p>')
    elif section.level == 1:
        parts.append(f"<h2>{anchor}{_t(section.heading)}</h2>")
    else:
        parts.append(f"<h3>{anchor}{_t(section.heading)}</h3>")
    parts += (_block_html(b, p) for b in blocks)
    parts += (_section_html(s, (*path, i), p) for i, s in enumerate(section.subsections, 1))
    return "".join(parts)


def cell_html(cell: Cell, palette: Palette, *, heading: Callable[[int, str], str], lead_class: str = "") -> str:
    """HTML of one aligned comparison cell (lead paragraphs, or a section/sub-item with everything under it).

    ``heading(level, escaped_text)`` renders a heading that is not run into its first paragraph; every
    plain-text segment is shown verbatim and contiguously, as in :func:`case_body_html`.
    """
    if cell.level == 0:
        opening = f'<p class="{lead_class}">' if lead_class else "<p>"
        return "".join(f"{opening}{_t(t)}</p>" for t in cell.lead)
    parts = []
    blocks = list(cell.blocks)
    if cell.run_in and blocks and blocks[0].kind is BlockKind.PARAGRAPH:
        first = blocks.pop(0)
        parts.append(f'<p><b class="runin">{_t(cell.heading)}</b>{_led(first)}</p>')
    else:
        parts.append(heading(cell.level, _t(cell.heading)))
    parts += (_block_html(b, palette) for b in blocks)
    parts += (_section_html(s, (0, i), palette) for i, s in enumerate(cell.subsections, 1))
    return "".join(parts)


#: The body's line height, in percent of the font size (the reader's default; Preferences → Reading changes it).
LINE_HEIGHT = 175


def style_sheet(p: Palette, *, base_px: int = 17, line_height: int = LINE_HEIGHT) -> str:
    return f"""
body {{ color: {p.text}; font-size: {base_px}px; }}
p {{ line-height: {line_height}%; margin-top: 0px; margin-bottom: {round(base_px * 0.7)}px; text-indent: {2 * base_px}px; }}
p.meta {{ color: {p.muted}; text-indent: 0px; font-size: {round(base_px * 0.82)}px; margin-bottom: 4px; }}
p.contrib {{ text-indent: 0px; margin-bottom: {base_px}px; }}
span.badge {{ background-color: {p.badge_bg}; color: {p.badge_text}; }}
h1 {{ color: {p.heading}; font-size: {round(base_px * 1.6)}px; margin-top: 4px; margin-bottom: 8px; line-height: 140%; }}
h2 {{ color: {p.heading}; font-size: {round(base_px * 1.25)}px; margin-top: {round(base_px * 1.4)}px; margin-bottom: {round(base_px * 0.6)}px; }}
h3 {{ color: {p.heading}; font-size: {round(base_px * 1.06)}px; margin-top: {round(base_px * 0.9)}px; margin-bottom: {round(base_px * 0.4)}px; }}
b.runin {{ color: {p.heading}; }}
p.point {{ text-indent: 0px; margin-left: {2 * base_px}px; }}
p.boxtitle {{ text-indent: 0px; color: {p.accent}; margin-bottom: 6px; }}
p.boxp {{ margin-bottom: 6px; }}
table.box {{ margin-top: 6px; margin-bottom: {base_px}px; }}
"""


def case_body_html(case: Case, *, batch_title: str = "", palette: Palette = LIGHT) -> str:
    """The case's HTML body (no ``<html>`` wrapper): header, lead, sections."""
    meta = " · ".join(escape(x) for x in (batch_title, case.category or "") if x)
    number = f"{case.number}. " if case.number is not None else ""
    parts = []
    if meta:
        parts.append(f'<p class="meta">{meta}</p>')
    parts.append(f'<h1><a name="top"></a>{escape(number)}{_t(case.title)}</h1>')
    if case.contributors:
        badges = "　".join(f'<span class="badge">&nbsp;{escape(c)}&nbsp;</span>' for c in case.contributors)
        parts.append(f'<p class="contrib">{badges}</p>')
    parts += (f"<p>{_t(t)}</p>" for t in case.lead)
    parts += (_section_html(s, (i,), palette) for i, s in enumerate(case.sections, 1))
    return "".join(parts)


def case_html(
    case: Case, *, batch_title: str = "", palette: Palette = LIGHT, base_px: int = 17, line_height: int = LINE_HEIGHT
) -> str:
    """A complete HTML document for ``QTextDocument.setHtml`` (style sheet included)."""
    sheet = style_sheet(palette, base_px=base_px, line_height=line_height)
    return (
        f"<html><head><meta charset='utf-8'><style>{sheet}</style></head>"
        f"<body>{case_body_html(case, batch_title=batch_title, palette=palette)}</body></html>"
    )


def outline(case: Case) -> list[tuple[str, str, int]]:
    """(anchor, heading, level) for every section and subsection, in order."""
    out: list[tuple[str, str, int]] = []

    def walk(section: Section, path: tuple[int, ...]) -> None:
        out.append((section_anchor(path), section.heading, section.level))
        for i, sub in enumerate(section.subsections, 1):
            walk(sub, (*path, i))

    for i, s in enumerate(case.sections, 1):
        walk(s, (i,))
    return out
