"""One column of a comparison: its HTML, its browser (one document, rows padded to align), its header, and the
legend of shared terms above the columns. :class:`reader.ui.compare_view.CompareView` lays the columns out and
keeps them in step.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.domain.case import Case
from reader.domain.compare import Alignment, Cell
from reader.domain.slides import WORD_JOINER, pair_cohesion, with_word_joiners
from reader.domain.terms import SharedTerm
from reader.domain.text import plain_text
from reader.domain.textmap import TextMap, TextMapError
from reader.export.fragments import block_fragments
from reader.export.html import LINE_HEIGHT, Palette, _t, cell_html, style_sheet
from reader.ui.theme import blend

log = logging.getLogger(__name__)

#: Annotation highlight colours by colour index 0–4 (yellow, green, blue, pink, purple), as in the reader.
HIGHLIGHT_COLOURS = ("#ffe27a", "#a8e6a1", "#9fd0ff", "#ffb3cf", "#d9b8ff")
#: One colour per shared term (legend order): the underline and, lightened, the background.
TERM_COLOURS = ("#d1495b", "#2e86ab", "#2f9e44", "#8e44ad", "#e07a1f", "#0f8b8d", "#b5179e", "#6d597a")
#: How many shared terms are looked for and shown.
TERM_LIMIT = len(TERM_COLOURS)


def term_tint(colour: str, alpha: int = 70) -> QColor:
    tint = QColor(colour)
    tint.setAlpha(alpha)
    return tint


# ---------------------------------------------------------------------------------------------
# HTML of one column


def _with_anchor(html: str, name: str) -> str:
    """``html`` with an anchor named ``name`` just inside its first element (so it sits on the first text)."""
    close = html.index(">") + 1
    return f'{html[:close]}<a name="{name}"></a>{html[close:]}'


_SPACER = (
    '<p style="-qt-paragraph-type:empty; margin-top:0px; margin-bottom:0px; margin-left:0px; '
    'text-indent:0px; line-height:1px; -qt-line-height-type:fixed; font-size:1px;"><br /></p>'
)


def _cell_html(cell: Cell, palette: Palette) -> str:
    return cell_html(
        cell, palette, heading=lambda level, text: f"<h{level + 1}>{text}</h{level + 1}>", lead_class="lead"
    )


def column_html(
    alignment: Alignment,
    column: int,
    *,
    palette: Palette,
    base_px: int,
    empty_text: str,
    rule_colour: str = "",
    line_height: int = LINE_HEIGHT,
) -> str:
    """The document of one column: every row (anchor ``r<i>`` on its first text) followed by a spacer."""
    extra = f"""
p.empty {{ color: {palette.muted}; text-indent: 0px; font-style: italic; font-size: {round(base_px * 0.85)}px; }}
h2 {{ margin-top: {round(base_px * 0.6)}px; }}
"""
    sheet = style_sheet(palette, base_px=base_px, line_height=line_height)
    parts = [f"<html><head><style>{sheet}{extra}</style></head><body>"]
    for i, row in enumerate(alignment.rows):
        cell = row.cells[column]
        body = _cell_html(cell, palette) if cell is not None else f'<p class="empty">{_t(empty_text)}</p>'
        if row.level == 1 and i > 0:
            body = f'<hr style="color: {rule_colour or palette.box_border};" />' + _with_anchor(body, f"r{i}")
        else:
            body = _with_anchor(body, f"r{i}")
        parts.append(body)
        parts.append(_SPACER)
    parts.append("</body></html>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# One column


@dataclass
class _CellMap:
    """Where one cell's text sits in the column document."""

    row: int
    cell: Cell
    doc_start: int
    textmap: TextMap

    def to_doc(self, start: int, end: int) -> list[tuple[int, int]]:
        """Document spans for the part of plain ``[start, end)`` (case offsets) inside this cell."""
        a, b = max(start, self.cell.start), min(end, self.cell.end)
        if a >= b:
            return []
        spans = self.textmap.plain_span_to_doc(a - self.cell.start, b - self.cell.start)
        return [(self.doc_start + x, self.doc_start + y) for x, y in spans]

    def to_plain(self, start: int, end: int) -> tuple[int, int] | None:
        span = self.textmap.doc_span_to_plain(start - self.doc_start, end - self.doc_start)
        if span is None:
            return None
        return span[0] + self.cell.start, span[1] + self.cell.start


class ColumnBrowser(QTextBrowser):
    """The document of one compared case, with its rows, their spacers and their cell maps."""

    highlight_requested = Signal(int, int)  # plain start, end in the case
    open_requested = Signal()
    zoom_requested = Signal(int)  # +1 / -1
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # a constant width: no relayout loop
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.document().setDocumentMargin(14)
        self.case: Case | None = None
        self.row_blocks: list[QTextBlock] = []
        self.spacers: list[QTextBlock] = []
        self.pads: list[float] = []
        self.cell_maps: list[_CellMap] = []

    def show_rows(self, alignment: Alignment, column: int, case: Case, html: str) -> None:
        """Show ``html`` (made by :func:`column_html`) and index its rows, spacers and cell texts."""
        self.case = case
        self.setHtml(html)  # keeps the document margin set once in __init__ (setting it relayouts)
        self.row_blocks, self.spacers = [], []
        rows: dict[int, QTextBlock] = {}
        fixed = QTextBlockFormat.LineHeightTypes.FixedHeight.value
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().lineHeightType() == fixed:
                self.spacers.append(block)
            for frag in block_fragments(block):
                for name in frag.charFormat().anchorNames():
                    if name.startswith("r") and name[1:].isdigit():
                        rows.setdefault(int(name[1:]), block)
            block = block.next()
        n = len(alignment.rows)
        if sorted(rows) != list(range(n)) or len(self.spacers) != n:
            raise RuntimeError(f"column {column}: the rendering lost rows ({len(rows)}/{len(self.spacers)}/{n})")
        self.row_blocks = [rows[i] for i in range(n)]
        self.pads = [0.0] * n
        raw = self.document().toRawText()
        self.cell_maps = []
        for i, cell in alignment.column_cells(column):
            start, stop = self.row_blocks[i].position(), self.spacers[i].position()
            try:
                textmap = TextMap(cell.texts, raw[start:stop])
            except TextMapError:
                log.warning("cell %s of %s cannot be mapped", alignment.rows[i].key, case.id)
                continue
            self.cell_maps.append(_CellMap(i, cell, start, textmap))

    # Rows ------------------------------------------------------------------------------------

    def row_tops(self) -> list[float]:
        layout = self.document().documentLayout()
        return [layout.blockBoundingRect(b).top() for b in self.row_blocks]

    def content_height(self) -> float:
        return self.document().size().height()

    def natural_heights(self) -> list[float]:
        """Each row's height without its padding, at the current width."""
        tops = self.row_tops()
        bottoms = [*tops[1:], self.content_height()]
        return [b - t - p for t, b, p in zip(tops, bottoms, self.pads, strict=True)]

    def set_pads(self, pads: Sequence[float]) -> None:
        """Give row *i* ``pads[i]`` pixels of extra height (one relayout for all of them)."""
        pads = [max(0.0, round(p, 2)) for p in pads]
        if pads == self.pads:
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        fixed = QTextBlockFormat.LineHeightTypes.FixedHeight.value
        for block, pad, old in zip(self.spacers, pads, self.pads, strict=True):
            if pad != old:
                fmt = block.blockFormat()
                fmt.setLineHeight(1.0 + pad, fixed)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
        cursor.endEditBlock()
        self.pads = pads

    def position(self) -> tuple[int, float]:
        """``(row, fraction)``: the row at the top of the view and how far into it the view is scrolled."""
        tops = self.row_tops()
        if not tops:
            return 0, 0.0
        y = self.verticalScrollBar().value()
        row = max(0, bisect.bisect_right(tops, y + 0.5) - 1)
        if y < tops[0]:
            return 0, 0.0
        bottom = tops[row + 1] if row + 1 < len(tops) else self.content_height()
        height = max(1.0, bottom - tops[row])
        into = y - tops[row]
        # Within a pixel of the row's top is the top: scroll values are whole pixels, row tops are not.
        return row, 0.0 if into < 1.0 else min(1.0, into / height)

    def set_position(self, row: int, fraction: float = 0.0) -> None:
        tops = self.row_tops()
        if not tops:
            return
        row = max(0, min(row, len(tops) - 1))
        bottom = tops[row + 1] if row + 1 < len(tops) else self.content_height()
        y = tops[row] + fraction * (bottom - tops[row]) if row or fraction else 0.0
        self.verticalScrollBar().setValue(round(y))

    def current_row(self) -> int:
        return self.position()[0]

    # Mapping ---------------------------------------------------------------------------------

    def plain_to_doc(self, start: int, end: int) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for cm in self.cell_maps:
            out += cm.to_doc(start, end)
        return out

    def selection_plain_range(self) -> tuple[int, int] | None:
        """The selected case text as plain-text offsets of the case, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        a, b = cursor.selectionStart(), cursor.selectionEnd()
        spans = [s for cm in self.cell_maps if (s := cm.to_plain(a, b)) is not None]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)

    def request_highlight(self) -> bool:
        """Ask for a highlight of the selected case text (:attr:`highlight_requested`); False if none."""
        rng = self.selection_plain_range()
        if rng is None:
            return False
        self.highlight_requested.emit(rng[0], rng[1])
        return True

    def cell_spans(self, find: Callable[[str], list[tuple[int, int, int]]]) -> list[tuple[int, int, int]]:
        """Document spans ``(start, end, tag)`` of ``find(cell text)`` hits (cell offsets) in every cell."""
        out = []
        for cm in self.cell_maps:
            base = cm.cell.start
            for a, b, tag in find(cm.cell.text):
                out += [(x, y, tag) for x, y in cm.to_doc(base + a, base + b)]
        return out

    # Qt API ------------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + bar.pageStep())
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        act = menu.addAction(self.tr("Highlight Selection"))
        act.setEnabled(self.selection_plain_range() is not None)
        act.triggered.connect(self.request_highlight)
        menu.addAction(self.tr("Open in Reader"), self.open_requested.emit)
        menu.exec(event.globalPos())
        menu.deleteLater()


def joined_title(case: Case) -> str:
    """The case's display title with word joiners (:func:`reader.domain.slides.with_word_joiners`), so that a
    narrow column header wraps it between words ("创新|境内|上市公司", never "创新境 / 内上市公司"); the
    number stays with the title's first word."""
    text, title = case.display_title, case.title
    at = text.find(title) if title else -1
    if at < 0:
        return text
    joined = with_word_joiners(title, pair_cohesion(plain_text(case)))
    return text[:at] + (WORD_JOINER if at else "") + joined + text[at + len(title) :]


class ColumnHeader(QFrame):
    """Title, batch · category and contributors of one compared case, with its column buttons."""

    move_requested = Signal(int)  # -1 left, +1 right
    remove_requested = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setObjectName("compare-title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.meta = QLabel(self)
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.contributors = QLabel(self)
        self.contributors.setWordWrap(True)
        self.contributors.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.meta, self.contributors):
            label.setEnabled(True)
            # A role, not a copied colour: it follows a theme switch (and is legible: see theme.py).
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.left_button = self._button("◀", self.tr("Move this column left"), lambda: self.move_requested.emit(-1))
        self.right_button = self._button("▶", self.tr("Move this column right"), lambda: self.move_requested.emit(1))
        self.open_button = self._button("↗", self.tr("Open this case in a reader tab"), self.open_requested.emit)
        self.remove_button = self._button(
            "✕", self.tr("Remove this case from the comparison"), self.remove_requested.emit
        )

        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.title, 1)
        for b in (self.left_button, self.right_button, self.open_button, self.remove_button):
            buttons.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 6, 6)
        lay.setSpacing(2)
        lay.addLayout(buttons)
        lay.addWidget(self.meta)
        lay.addWidget(self.contributors)
        lay.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.setAutoRaise(True)
        b.clicked.connect(lambda _c=False: slot())
        return b

    def set_case(self, case: Case, batch_title: str) -> None:
        self.title.setText(joined_title(case))
        self.title.setToolTip(case.title)
        self.meta.setText(" · ".join(x for x in (batch_title, case.category or "") if x))
        self.meta.setVisible(bool(self.meta.text()))
        self.contributors.setText("、".join(case.contributors))
        self.contributors.setVisible(bool(case.contributors))

    def set_position(self, index: int, count: int) -> None:
        self.left_button.setEnabled(index > 0)
        self.right_button.setEnabled(index < count - 1)


class Column:
    """The widgets and data of one compared case."""

    def __init__(self, case: Case, batch_title: str, parent: QWidget) -> None:
        self.header = ColumnHeader(parent)
        self.browser = ColumnBrowser(parent)
        self.connected = False
        self.set_case(case, batch_title)

    def set_case(self, case: Case, batch_title: str) -> None:
        self.case = case
        self.batch_title = batch_title
        self.header.set_case(case, batch_title)

    @property
    def case_id(self) -> str:
        return self.case.id

    def dispose(self) -> None:
        for w in (self.header, self.browser):
            w.hide()
            w.setParent(None)
            w.deleteLater()


class TermLegend(QWidget):
    """The shared terms as coloured chips (each in its highlight colour), or a short status text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(8, 2, 8, 2)
        self._lay.setSpacing(6)
        self.caption = QLabel(self.tr("Shared terms:"), self)
        self.status = QLabel(self)
        self._lay.addWidget(self.caption)
        self._lay.addWidget(self.status)
        self._lay.addStretch(1)
        self.chips: list[QLabel] = []

    def set_terms(self, terms: Sequence[SharedTerm], titles: Sequence[str]) -> None:
        for chip in self.chips:
            self._lay.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        self.status.setText("" if terms else self.tr("No distinctive terms shared by these cases"))
        for i, term in enumerate(terms):
            colour = TERM_COLOURS[i % len(TERM_COLOURS)]
            chip = QLabel(term.text, self)
            chip.setObjectName("term-chip")
            # Opaque, over white: black text on it stays readable on any theme's window (high contrast too).
            tint = blend(QColor(colour), QColor("#ffffff"), 90 / 255).name()
            chip.setStyleSheet(
                f"QLabel {{ background: {tint}; color: #000;"
                f" border-bottom: 3px solid {colour}; border-radius: 3px; padding: 1px 6px; }}"
            )
            counts = "\n".join(f"{t}: {n}" for t, n in zip(titles, term.counts, strict=False))
            chip.setToolTip(
                self.tr("In %1 of the casebook's cases").replace("%1", str(term.df)) + ("\n" + counts if counts else "")
            )
            self._lay.insertWidget(2 + i, chip)
            self.chips.append(chip)

    def set_status(self, text: str) -> None:
        self.set_terms([], [])
        self.status.setText(text)

    def terms(self) -> list[str]:
        return [chip.text() for chip in self.chips]
