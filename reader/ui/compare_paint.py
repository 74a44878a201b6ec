"""What a comparison paints over its columns' text: shared terms, annotation highlights and find hits.

Every mark is a plain-text span of the case mapped to the column's document (:class:`ColumnBrowser` does the
mapping) and painted as an extra selection, as in the reader. Stateless: the compare view keeps what is
current and calls these.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from reader.domain.terms import term_spans
from reader.ui.compare_columns import HIGHLIGHT_COLOURS, TERM_COLOURS, Column, ColumnBrowser, term_tint

log = logging.getLogger(__name__)

#: A find hit: ``(row, column, doc start, doc end)``; sorted, this is the stepping order.
Hit = tuple[int, int, int, int]
#: What ``highlights(case_id)`` returns: ``(start, end, colour index)`` in the case's plain text.
Highlights = Callable[[str], Sequence[tuple[int, int, int]]]


@dataclass
class Marks:
    """Everything to paint over the columns."""

    terms: Sequence[str] = ()
    highlights: Highlights | None = None
    hits: Sequence[Hit] = ()
    current: Hit | None = None
    hit_colour: QColor | None = None
    current_colour: QColor | None = None


def collect_hits(columns: Sequence[Column], query: str) -> list[Hit]:
    """The query's hits in every column, in stepping order (the search's semantics; a bad query has none)."""
    from reader.domain.query import QueryError
    from reader.storage.search import find_spans

    hits: list[Hit] = []
    if not query.strip():
        return hits
    for column, c in enumerate(columns):
        for cm in c.browser.cell_maps:
            try:
                spans = find_spans(cm.cell.text, query)
            except QueryError:
                spans = []
            base = cm.cell.start
            for a, z in spans:
                hits += [(cm.row, column, x, y) for x, y in cm.to_doc(base + a, base + z)]
    hits.sort()
    return hits


def reveal(browser: ColumnBrowser, start: int) -> None:
    """Scroll so that the document position ``start`` shows a third of the way down, if it is out of view."""
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start)
    rect = browser.cursorRect(cursor)
    height = browser.viewport().height()
    if rect.top() < 0 or rect.bottom() > height:
        bar = browser.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - height // 3)


def paint_column(column: Column, index: int, marks: Marks) -> None:
    """Paint the terms, highlights and hits of column number ``index`` (earlier marks replaced)."""
    b = column.browser
    doc = b.document()
    selections: list[QTextEdit.ExtraSelection] = []

    def add(start: int, end: int, fmt: QTextCharFormat) -> None:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        selections.append(sel)

    if marks.terms:
        texts = list(marks.terms)
        formats = []
        for i in range(len(texts)):
            colour = TERM_COLOURS[i % len(TERM_COLOURS)]
            fmt = QTextCharFormat()
            fmt.setBackground(term_tint(colour))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(colour))
            formats.append(fmt)
        for start, end, i in b.cell_spans(lambda text: term_spans(text, texts)):
            add(start, end, formats[i])
    if marks.highlights is not None:
        try:
            spans = list(marks.highlights(column.case_id))
        except Exception:  # the annotation store failing must not break the comparison
            log.exception("highlights for %s", column.case_id)
            spans = []
        for start, end, colour in spans:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(HIGHLIGHT_COLOURS[int(colour) % len(HIGHLIGHT_COLOURS)]))
            fmt.setForeground(QColor("#000000"))
            for a, z in b.plain_to_doc(start, end):
                add(a, z, fmt)
    if marks.hits:
        formats = []
        for colour in (marks.hit_colour, marks.current_colour):
            fmt = QTextCharFormat()
            if colour is not None:
                fmt.setBackground(colour)
            fmt.setForeground(QColor("#000000"))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            formats.append(fmt)
        for hit in marks.hits:
            if hit[1] == index:
                add(hit[2], hit[3], formats[hit == marks.current])
    b.setExtraSelections(selections)


def painted_spans(browser: ColumnBrowser) -> list[tuple[int, int, str]]:
    """``(doc start, doc end, background colour name)`` of every extra selection of a column (for tests)."""
    return [
        (sel.cursor.selectionStart(), sel.cursor.selectionEnd(), sel.format.background().color().name())
        for sel in browser.extraSelections()
    ]
