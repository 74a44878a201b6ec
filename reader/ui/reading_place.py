"""Where the reader is in a case, as a section and a character offset: ``"s2.1+137"`` (137 characters of case
text after the start of section 2.1; ``"top+40"`` before the first section), plus ``":12"``, how many pixels
of that character's line are already scrolled past (so that at the same width the place is exact).

A pixel offset comes back somewhere else after the width, the text size or the theme changed; a text offset
does not. Saved in the session for each reader tab; the old ``CASE_ID|PIXELS`` entries are still read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.ui.case_view import CaseView

PLACE = re.compile(r"^(top|s\d+(?:\.\d+)*)\+(\d{1,9})(?::(-?\d{1,4}))?$")


def is_place(text: str) -> bool:
    return PLACE.match(text) is not None


def _anchor_plain(view: CaseView, doc_pos: int) -> int | None:
    textmap = view._textmap
    if textmap is None:
        return None
    for candidate in range(doc_pos, doc_pos + 200):
        plain = textmap.doc_to_plain(candidate)
        if plain is not None:
            return plain
    return None


def section_starts(view: CaseView) -> list[tuple[str, int]]:
    """(anchor, plain offset of the section's first character) for every section, in order."""
    out = []
    for name, pos in view._anchors:
        if name == "top":
            continue
        plain = _anchor_plain(view, pos)
        if plain is not None:
            out.append((name, plain))
    return out


def place_of(view: CaseView) -> str:
    """The place of the text at the top of ``view`` ("" without a case)."""
    if view.case is None or view._textmap is None:
        return ""
    if view.verticalScrollBar().value() == 0:
        # Not scrolled: the top, whatever the layout (right after the first paint it may not be finished, and
        # the text under the top edge is then taken from further down).
        return "top+0"
    top = view.plain_offset_at_top()
    anchor, start = "top", 0
    for name, plain in section_starts(view):
        if plain <= top:
            anchor, start = name, plain
        else:
            break
    line_top = _line_top(view, top)
    into = view.verticalScrollBar().value() - line_top if line_top is not None else 0
    return f"{anchor}+{top - start}" + (f":{into}" if into and -1000 < into < 1000 else "")


def into_line(place: str) -> int:
    """The pixels of the line scrolled past that ``place`` records (0 without)."""
    m = PLACE.match(place)
    return int(m.group(3)) if m is not None and m.group(3) else 0


def plain_offset(view: CaseView, place: str) -> int | None:
    """The plain-text offset ``place`` stands for in the case shown in ``view`` (None if it does not parse or
    its section is not in this case)."""
    m = PLACE.match(place)
    if m is None:
        return None
    anchor, offset = m.group(1), int(m.group(2))
    if anchor == "top":
        return offset
    starts = dict(section_starts(view))
    return starts[anchor] + offset if anchor in starts else None


def scroll_value_of(view: CaseView, place: str) -> int | None:
    """The scroll bar value for ``place`` in ``view`` now (None when it does not fit this case)."""
    plain = plain_offset(view, place)
    if plain == 0 and not into_line(place):
        return 0  # the start of the case: the top of the view, above the title's margin too
    return None if plain is None else scroll_value(view, plain, into_line(place))


def scroll_value(view: CaseView, plain: int, into: int = 0) -> int | None:
    """The scroll bar value that puts the line holding ``plain`` at the top of the view (``into`` pixels of it
    scrolled past)."""
    top = _line_top(view, plain)
    return None if top is None else max(0, top + into)


def _line_top(view: CaseView, plain: int) -> int | None:
    textmap = view._textmap
    if textmap is None:
        return None
    pos = textmap.plain_to_doc(plain)
    block = view.document().findBlock(pos)
    if not block.isValid():
        return None
    top = view.document().documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    line = layout.lineForTextPosition(pos - block.position()) if layout is not None else None
    y = top + (line.y() if line is not None and line.isValid() else 0)
    return int(y)


def page_value(view: CaseView, direction: int) -> int:
    """The scroll bar value one page further (``direction`` 1) or back (-1), with the top line whole: a page keeps
    its last line as the next page's first (so nothing is skipped), and never starts with a line cut in half."""
    bar = view.verticalScrollBar()
    height = view.viewport().height()
    step = max(1, height - view.fontMetrics().lineSpacing() * 2)
    target = max(bar.minimum(), min(bar.maximum(), bar.value() + direction * step))
    if target in (bar.minimum(), bar.maximum()):
        return target
    from PySide6.QtCore import QPointF, Qt

    layout = view.document().documentLayout()
    pos = layout.hitTest(QPointF(view.viewport().width() / 2, target), Qt.HitTestAccuracy.FuzzyHit)
    block = view.document().findBlock(max(0, pos))
    if not block.isValid() or block.layout() is None:
        return target
    top = layout.blockBoundingRect(block).top()
    for i in range(block.layout().lineCount()):
        line = block.layout().lineAt(i)
        y = top + line.y()
        if y <= target < y + line.height():
            return max(bar.minimum(), int(y))  # that line from its top (forward: shown again, whole)
    return target
