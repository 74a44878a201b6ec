"""The 成效要点 card: the key figures of a case, at the head of its effect section in the reader.

A :class:`FiguresCard` attaches to a :class:`~reader.ui.case_view.CaseView` as one of its ``decorators``: after
each rendering it inserts a framed block right after the effect section's heading, listing up to
:data:`MAX_SHOWN` figures as links (the figure as printed, what it counts, when). Clicking one scrolls to its
sentence and highlights it. The card is decoration: find and search skip it, and annotation offsets are
counted without it (the view indexes its text map after the decorators ran).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QBrush, QColor, QPalette, QTextCharFormat, QTextCursor, QTextFrameFormat, QTextLength
from PySide6.QtWidgets import QTextEdit

from reader.domain.case import SectionKind
from reader.domain.figures import Figure, extract
from reader.domain.text import case_segments
from reader.domain.textmap import TextMap, TextMapError
from reader.export.html import section_anchor
from reader.ui.case_view import CaseView

MAX_SHOWN = 6
SCHEME = "figure"
FLASH_MS = 4000  # how long a clicked figure's sentence stays highlighted


def pick(figures: list[Figure], limit: int = MAX_SHOWN) -> list[Figure]:
    """The figures a short card shows: those that name what they count first, then the rest, in reading order."""
    named = [f for f in figures if f.what]
    chosen = set(map(id, (named + [f for f in figures if not f.what])[:limit]))
    return [f for f in figures if id(f) in chosen]


class FiguresCard(QObject):
    """Adds the key-figures card to one case view and answers clicks on it."""

    def __init__(self, view: CaseView) -> None:
        super().__init__(view)
        self.view = view
        self.figures: list[Figure] = []  # every figure of the effect sections of the case shown
        self.shown: list[Figure] = []
        self._flash: list[QTextEdit.ExtraSelection] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_flash)
        view.decorators.append(self.decorate)
        view.anchorClicked.connect(self._on_anchor)

    # -- decoration --------------------------------------------------------------------------------

    def decorate(self, view: CaseView) -> list[tuple[int, int]]:
        """Insert the card into ``view``'s freshly rendered document; returns its document span."""
        self._flash = []
        case = view.case
        self.figures = extract(case, lead=False) if case is not None else []
        self.shown = pick(self.figures)
        if case is None or not self.shown:
            return []
        number = next((i for i, s in enumerate(case.sections, 1) if s.kind is SectionKind.EFFECT), None)
        position = self._anchor_position(section_anchor((number,))) if number is not None else None
        if position is None:
            return []
        block = view.document().findBlock(position)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        start = cursor.position()
        body = block.next()
        px = body.charFormat().font().pixelSize() if body.isValid() else -1
        cursor.insertFrame(self._frame_format())
        cursor.setCharFormat(QTextCharFormat())
        cursor.insertHtml(self._html(round(px * 0.88) if px > 0 else 15))
        end = cursor.position() + 1
        return [(start, end)]

    def _anchor_position(self, name: str) -> int | None:
        block = self.view.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.isValid() and name in frag.charFormat().anchorNames():
                    return frag.position()
                it += 1
            block = block.next()
        return None

    def _frame_format(self) -> QTextFrameFormat:
        pal = self.view.palette()
        fmt = QTextFrameFormat()
        fmt.setBorder(1)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(QBrush(pal.color(QPalette.ColorRole.Mid)))
        fmt.setBackground(QBrush(pal.color(QPalette.ColorRole.Window)))
        fmt.setPadding(10)
        fmt.setMargin(6)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        return fmt

    def _html(self, px: int) -> str:
        pal = self.view.palette()
        text = pal.color(QPalette.ColorRole.Text).name()
        muted = _mix(pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Window), 0.35).name()
        link = pal.color(QPalette.ColorRole.Link).name()
        title = escape(self.tr("Key figures"))
        rows = []
        for i, f in enumerate(self.shown):
            what = f" {escape(f.what)}" if f.what else ""
            when = f' <span style="color:{muted}">· {escape(f.when)}</span>' if f.when else ""
            rows.append(
                f'<p style="margin:2px 0px; text-indent:0px; color:{text}">'
                f'<a href="{SCHEME}:{i}" style="color:{link}; font-weight:600">{escape(f.text)}</a>{what}{when}</p>'
            )
        more = ""
        if len(self.figures) > len(self.shown):
            # tr() outside the f-string: lupdate does not look inside f-strings
            count = escape(self.tr("%n figure(s) in this section", "", len(self.figures)))
            more = f'<p style="margin:4px 0px 0px 0px; text-indent:0px; color:{muted}">{count}</p>'

        head = f'<p style="margin:0px 0px 4px 0px; text-indent:0px; color:{muted}"><b>{title}</b></p>'
        return f'<div style="font-size:{px}px">{head}{"".join(rows)}{more}</div>'

    # -- clicks ------------------------------------------------------------------------------------

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() != SCHEME:
            return
        try:
            figure = self.shown[int(url.path())]
        except (ValueError, IndexError):
            return
        self.show_figure(figure)

    def show_figure(self, figure: Figure) -> tuple[int, int] | None:
        """Scroll to ``figure``'s sentence and highlight it for a few seconds; returns its plain-text span."""
        case = self.view.case
        if case is None or figure.case_id != case.id:
            return None
        span = sentence_span(case_segments(case), figure)
        if span is None:
            return None
        try:
            textmap = TextMap([s.text for s in case_segments(case)], self.view.raw_text())
        except TextMapError:
            return None
        self.view.scroll_to_plain(span[0])
        self.clear_flash()
        colour = QColor(self.view.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(90)
        for a, b in textmap.plain_span_to_doc(*span):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            sel.format = fmt
            self._flash.append(sel)
        self.view.setExtraSelections([*self.view.extraSelections(), *self._flash])
        self._timer.start(FLASH_MS)
        return span

    def flash_spans(self) -> list[tuple[int, int]]:
        """Document spans highlighted by the last click (empty once the highlight is gone)."""
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self._flash]

    def clear_flash(self) -> None:
        if not self._flash:
            return
        mine = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self._flash}
        keep = [
            s for s in self.view.extraSelections() if (s.cursor.selectionStart(), s.cursor.selectionEnd()) not in mine
        ]
        self._flash = []
        self.view.setExtraSelections(keep)


def sentence_span(segments, figure: Figure) -> tuple[int, int] | None:
    """Plain-text span (the offsets annotations use) of the sentence a figure comes from."""
    if not 0 <= figure.segment < len(segments):
        return None
    text = segments[figure.segment].text
    local = text.find(figure.sentence, max(0, figure.end - len(figure.sentence)))
    if local < 0 or local > figure.start:
        local = text.find(figure.sentence)
    if local < 0:
        return None
    base = sum(len(s.text) + 1 for s in segments[: figure.segment])
    return base + local, base + local + len(figure.sentence)


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor(
        round(a.red() * (1 - amount) + b.red() * amount),
        round(a.green() * (1 - amount) + b.green() * amount),
        round(a.blue() * (1 - amount) + b.blue() * amount),
    )
