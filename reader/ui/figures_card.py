"""The 成效要点 card: the key figures of a case, at the head of its effect section in the reader.

A :class:`FiguresCard` attaches to a :class:`~reader.ui.case_view.CaseView` as one of its ``decorators``: after
each rendering it inserts a framed block right after the effect section's heading, listing up to
:data:`MAX_SHOWN` figures as links (the figure as printed, what it counts, when). Clicking one scrolls to its
sentence and highlights it. The card is decoration: find and search skip it, and annotation offsets are
counted without it (the view indexes its text map after the decorators ran).
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.domain.case import Case, SectionKind
from reader.domain.figures import CARD_SIZE, Figure, extract, pick
from reader.domain.text import case_segments
from reader.domain.textmap import TextMap, TextMapError
from reader.export.html import section_anchor
from reader.ui.case_view import CaseView

MAX_SHOWN = CARD_SIZE
SCHEME = "figure"
FLASH_MS = 4000  # how long a clicked figure's sentence stays highlighted


_CACHE: dict[tuple[str, int], list[Figure]] = {}
_CACHE_SIZE = 64


def figures_of(case: Case) -> list[Figure]:
    """The effect-section figures of ``case``, remembered for the last cases shown (a re-rendering after a
    zoom or theme change, or going back, does not extract again)."""
    key = (case.id, hash(case))
    found = _CACHE.get(key)
    if found is None:
        found = extract(case, lead=False)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = found
    return found


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
        view.html_decorators.append(self.add_html)
        view.decorators.append(self.decorate)
        view.anchorClicked.connect(self._on_anchor)

    # -- decoration --------------------------------------------------------------------------------

    def add_html(self, case: Case, html: str) -> str:
        """The case's HTML with the card after the effect section's heading (before the view sets it: editing
        the laid-out document afterwards would lay it out twice)."""
        self._flash = []
        self.figures = figures_of(case)
        self.shown = pick(self.figures)
        if not self.shown:
            return html
        number = next((i for i, s in enumerate(case.sections, 1) if s.kind is SectionKind.EFFECT), None)
        anchor = html.find(f'<a name="{section_anchor((number,))}"></a>') if number is not None else -1
        close = min((i for i in (html.find("</h2>", anchor), html.find("</h3>", anchor)) if i >= 0), default=-1)
        if anchor < 0 or close < 0:
            self.shown = []
            return html
        close += len("</h2>")
        size = re.search(r"body \{[^}]*font-size: (\d+)px", html)
        px = round(int(size.group(1)) * 0.88) if size else 15
        return html[:close] + self._html(px) + html[close:]

    def decorate(self, view: CaseView) -> list[tuple[int, int]]:
        """The card's span in ``view``'s freshly rendered document (find and search skip it)."""
        if not self.shown:
            return []
        doc = view.document()
        title = self.tr("Key figures")
        for frame in doc.rootFrame().childFrames():
            if doc.findBlock(frame.firstPosition()).text() == title:
                return [(frame.firstPosition() - 1, frame.lastPosition() + 1)]
        return []

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
                f'<p style="margin:2px 0px; text-indent:0px; line-height:130%; color:{text}">'
                f'<a href="{SCHEME}:{i}" style="color:{link}; font-weight:600">{escape(f.text)}</a>{what}{when}</p>'
            )
        more = ""
        if len(self.figures) > len(self.shown):
            # tr() outside the f-string: lupdate does not look inside f-strings
            count = escape(self.tr("%n figure(s) in this section", "", len(self.figures)))
            more = f'<p style="margin:4px 0px 0px 0px; text-indent:0px; line-height:130%; color:{muted}">{count}</p>'

        head = f'<p style="margin:0px 0px 4px 0px; text-indent:0px; line-height:130%; color:{muted}"><b>{title}</b></p>'
        border = pal.color(QPalette.ColorRole.Mid).name()
        background = pal.color(QPalette.ColorRole.Window).name()
        return (
            f'<table width="100%" cellpadding="10" cellspacing="0" border="1" bgcolor="{background}" '
            f'style="border-color:{border}; border-style: solid; margin-top: 6px; margin-bottom: 10px;">'
            f'<tr><td style="font-size:{px}px">{head}{"".join(rows)}{more}</td></tr></table>'
        )

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
