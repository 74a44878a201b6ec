"""Presentation mode: a case, or a playlist of cases, full-screen on a projector, one slide at a time.

:class:`SlideRenderer` lays a slide out as a ``QTextDocument`` in large type fitted to the screen; the same
document measures a slide while the deck is built (:mod:`reader.domain.slides` splits the text) and draws
it, so what was measured is what is shown. The trainer's highlights are painted in the reader's colours.

:class:`PresentationWindow` is the audience view. Keys: →/↓/PageDown/Space/Enter next, ←/↑/PageUp/Backspace
previous (clickers send PageUp/PageDown), Home/End, a number + Enter jumps to that slide, B or . blacks
the screen and W or , whites it, +/− change the type size (the deck is re-paginated and the passage on
screen stays on screen), S toggles the spotlight (dims all but one paragraph; next/previous then step
through the paragraphs); a click or the wheel steps too (right click: back). Esc leaves and emits
``finished(case_id, plain_offset)`` so the reader can return to the passage last shown (:class:`ReaderPlace`
takes it back exactly where it was when the talk ends on the slide it began with). With two screens or
more, the audience view goes to a screen other than the trainer's and
:class:`reader.ui.presenter_view.PresenterView` (current and next slide, the notes on the passage, clock
and timer) to the trainer's; screens plugged in or out during the talk re-arrange both.
"""

from __future__ import annotations

import contextlib
import html
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QRawFont,
    QResizeEvent,
    QScreen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from reader.domain.annotation import CASE_NOTE, COLORS, Annotation
from reader.domain.case import Case
from reader.domain.slides import AgendaLine, Deck, DeckEntry, Role, Slide, SlideKind, Talk, title_breaks
from reader.domain.talk import Countdown, ItemClock, countdown
from reader.domain.text import plain_text
from reader.export.html import CONTRAST, DARK, LIGHT, Palette
from reader.ui.case_view import HIGHLIGHT_COLOURS

# Type size steps of +/− (multiplied into the size fitted to the screen).
SCALE_STEP = 1.12
SCALE_MIN = 0.5
SCALE_MAX = 2.2

#: A justified line may be stretched by at most this part of the line's width; a paragraph with a line
#: that would be stretched more (a long Latin word or number pushed to the next line) is set flush left.
MAX_STRETCH = 0.06
#: Glyphs this large (device pixels) are drawn as outlines, which Qt does not embolden: bold text then
#: gets a stroke of this part of its size when the font has no bold face of its own (most CJK fonts).
# WORKAROUND: Qt's raster engine caches glyphs only below 64 px and draws larger ones as paths without
# the synthetic emboldening of a font that has no bold face, so headings lost their bold when zoomed.
OUTLINE_BOLD_PX = 64
OUTLINE_BOLD_WIDTH = 0.04  # as much as FreeType emboldens a face itself (1/24 em)

# Keys, by what they do (a clicker sends PageUp/PageDown).
NEXT_KEYS = frozenset(
    {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter}
)
PREVIOUS_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace})
BLACK_KEYS = frozenset({Qt.Key.Key_B, Qt.Key.Key_Period})
WHITE_KEYS = frozenset({Qt.Key.Key_W, Qt.Key.Key_Comma})
BIGGER_KEYS = frozenset({Qt.Key.Key_Plus, Qt.Key.Key_Equal})
SMALLER_KEYS = frozenset({Qt.Key.Key_Minus, Qt.Key.Key_Underscore})

ScreenList = Callable[[], Sequence[Any]]  # QScreen, or in tests anything with geometry() -> QRect


def background_for(palette: Palette) -> str:
    """The page colour that goes with one of the reader's palettes."""
    if palette == DARK:
        return "#1a1d22"
    if palette == CONTRAST:
        return "#000000"
    return "#ffffff"


def _with_breaks(text: str, cuts: Sequence[int]) -> str:
    """``text`` with a line separator (U+2028) before each offset of ``cuts``."""
    out, a = [], 0
    for c in cuts:
        out += [text[a:c], "\u2028"]
        a = c
    return "".join([*out, text[a:]])


def _has_bold_face(font: QFont) -> bool:
    """The font Chinese text is drawn in has a bold face of its own (else Qt emboldens the regular one)."""
    bold = QFont(font)
    bold.setBold(True)
    raw = QRawFont.fromFont(bold, QFontDatabase.WritingSystem.SimplifiedChinese)
    style = raw.styleName().lower()
    return any(w in style for w in ("bold", "heavy", "black", "semibold", "demibold"))


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


# ---------------------------------------------------------------------------------------------
# Rendering


@dataclass
class SlideDocument:
    """A slide laid out: the document, where each piece starts in it, its height."""

    slide: Slide
    document: QTextDocument
    piece_positions: list[int]
    height: float
    piece_breaks: list[list[int]] = field(default_factory=list)  # line breaks put into a piece (titles)

    def position(self, index: int, offset: int) -> int:
        """The document position of ``offset`` (plain text) in piece ``index``."""
        piece = self.slide.pieces[index]
        k = offset - piece.plain_start
        breaks = self.piece_breaks[index] if index < len(self.piece_breaks) else []
        return self.piece_positions[index] + k + sum(1 for b in breaks if b <= k + piece.start)

    def piece_rect(self, index: int) -> QRectF:
        """The rectangle of piece ``index`` (a paragraph) in document coordinates."""
        doc = self.document
        block = doc.findBlock(self.piece_positions[index])
        return doc.documentLayout().blockBoundingRect(block)


class SlideRenderer:
    """Slides for one screen size and type scale.

    The body type is about 1/22 of the screen height (1/30 of its width on tall screens) times ``scale``;
    ``slide_rect`` is where a slide's text goes, ``footer_rect`` the strip below it (progress, count).
    """

    def __init__(
        self,
        *,
        size: QSize,
        scale: float = 1.0,
        palette: Palette = LIGHT,
        background: str | None = None,
        font: QFont | None = None,
        continued: str | None = None,
    ) -> None:
        self.size = QSize(size)
        self.scale = scale
        self.palette = palette
        self.background = QColor(background or background_for(palette))
        w, h = max(1, size.width()), max(1, size.height())
        self.base_px = max(8, round(min(h / 22, w / 30) * scale))
        side = round(max(w * 0.06, 16))
        top = round(max(h * 0.05, 12))
        footer = round(max(h * 0.06, 24))
        self.slide_rect = QRect(side, top, max(1, w - 2 * side), max(1, h - top - footer))
        self.footer_rect = QRect(0, h - footer, w, footer)
        self.footer_px = max(10, round(h / 48))
        self._font = QFont(font or QGuiApplication.font())
        self._font.setPixelSize(self.base_px)
        self._continued = (
            continued if continued is not None else QCoreApplication.translate("PresentationWindow", "(continued)")
        )
        self._text = QColor(palette.text)
        self._muted = QColor(palette.muted)
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._char: dict[str, QTextCharFormat] = {}
        self._block: dict[str, QTextBlockFormat] = {}
        self._outline_bold = not _has_bold_face(self._font)
        self._pairs: dict[str, Counter[str]] = {}  # character pairs of a case, for breaking its title
        self._build_formats()

    # Formats ---------------------------------------------------------------------------------

    def _chars(self, factor: float, colour: str, *, bold: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        px = max(6, round(self.base_px * factor))
        fmt.setProperty(QTextFormat.Property.FontPixelSize, px)
        fmt.setForeground(QColor(colour))
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        if bold and self._outline_bold and px >= OUTLINE_BOLD_PX:
            fmt.setTextOutline(QPen(QColor(colour), px * OUTLINE_BOLD_WIDTH))
        return fmt

    def _blocks(
        self,
        *,
        top: float = 0,
        bottom: float = 0,
        indent: float = 0,
        left: float = 0,
        line: int = 150,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignJustify,
        background: str | None = None,
    ) -> QTextBlockFormat:
        b = self.base_px
        fmt = QTextBlockFormat()
        fmt.setTopMargin(round(top * b))
        fmt.setBottomMargin(round(bottom * b))
        fmt.setTextIndent(round(indent * b))
        fmt.setLeftMargin(round(left * b))
        fmt.setLineHeight(float(line), QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setAlignment(align)
        if background:
            fmt.setBackground(QColor(background))
        return fmt

    def _build_formats(self) -> None:
        p = self.palette
        centre = Qt.AlignmentFlag.AlignHCenter
        left = Qt.AlignmentFlag.AlignLeft
        self._char = {
            "meta": self._chars(0.62, p.muted),
            "title": self._chars(1.5, p.heading, bold=True),
            "contributors": self._chars(0.8, p.text),
            "context": self._chars(0.6, p.muted),
            Role.HEADING1: self._chars(1.2, p.heading, bold=True),
            Role.HEADING2: self._chars(1.04, p.heading, bold=True),
            Role.PARAGRAPH: self._chars(1.0, p.text),
            Role.POINT: self._chars(1.0, p.text),
            Role.BOX_TITLE: self._chars(1.0, p.accent, bold=True),
            Role.BOX_PARAGRAPH: self._chars(0.92, p.text),
        }
        self._char[Role.TITLE] = self._char["title"]
        #: a block's bold lead (Piece.lead), in the size and colour of its paragraph
        self._lead_char = {
            Role.PARAGRAPH: self._chars(1.0, p.text, bold=True),
            Role.POINT: self._chars(1.0, p.text, bold=True),
        }
        self._char["divider"] = self._chars(0.8, p.accent, bold=True)
        self._char["agenda"] = self._chars(0.9, p.text)
        self._char["agenda_minutes"] = self._chars(0.8, p.muted)
        self._char["end"] = self._chars(2.0, p.heading, bold=True)
        self._char["end_title"] = self._chars(0.8, p.muted)
        self._block = {
            "meta": self._blocks(bottom=0.9, align=centre, line=130),
            "title": self._blocks(bottom=0.9, align=centre, line=135),
            "contributors": self._blocks(align=centre, line=140),
            "context": self._blocks(bottom=0.5, align=left, line=120),
            Role.HEADING1: self._blocks(top=0.2, bottom=0.35, align=left, line=135),
            Role.HEADING2: self._blocks(top=0.1, bottom=0.3, line=140),
            Role.PARAGRAPH: self._blocks(bottom=0.45, indent=2),
            Role.POINT: self._blocks(bottom=0.45, left=1),
            Role.BOX_TITLE: self._blocks(top=0.2, bottom=0.25, left=0.5, align=left, background=p.box_bg),
            Role.BOX_PARAGRAPH: self._blocks(bottom=0.0, indent=2, left=0.5, background=p.box_bg),
        }
        agenda = self._blocks(bottom=0.3, left=1, align=left, line=130)
        agenda.setTabPositions([QTextOption.Tab(self.slide_rect.width() - 1, QTextOption.TabType.RightTab)])
        agenda.setTextIndent(-round(1.6 * self.base_px))
        agenda.setLeftMargin(round(1.6 * self.base_px))
        self._block.update(
            {
                "divider": self._blocks(bottom=1.0, align=centre, line=130),
                "agenda": agenda,
                "end": self._blocks(bottom=0.3, align=centre, line=130),
                "end_title": self._blocks(top=1.2, align=centre, line=130),
            }
        )
        self._continued_block = {role: QTextBlockFormat(fmt) for role, fmt in self._block.items()}
        for fmt in self._continued_block.values():
            fmt.setTextIndent(0)

    # Documents -------------------------------------------------------------------------------

    def _new_document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self._font)
        doc.setDefaultTextOption(self._option)
        doc.setTextWidth(self.slide_rect.width())
        return doc

    def document(
        self, slide: Slide, *, highlights: Sequence[Annotation] = (), measuring: bool = False
    ) -> SlideDocument:
        """``slide`` laid out, the highlighted passages of ``highlights`` painted in their colours
        (``measuring``: only for its height)."""
        doc = self._new_document()
        cursor = QTextCursor(doc)
        first = True

        def block(
            key: Any,
            text: str,
            chars: QTextCharFormat | None = None,
            *,
            continued: bool = False,
            tail: tuple[str, str] | None = None,
            lead: tuple[int, int] = (0, 0),
        ) -> int:
            """A paragraph of ``text`` in the formats ``key`` (and ``tail``: more text in another format; ``lead``:
            the part of ``text`` that is a bold lead)."""
            nonlocal first
            fmt = (self._continued_block if continued else self._block)[key]
            if first:
                cursor.setBlockFormat(fmt)
                first = False
            else:
                cursor.insertBlock(fmt)
            cursor.setBlockCharFormat(chars or self._char[key])
            start = cursor.position()
            a, b = lead
            if a < b and key in self._lead_char:
                cursor.insertText(text[:a], chars or self._char[key])
                cursor.insertText(text[a:b], self._lead_char[key])
                cursor.insertText(text[b:], chars or self._char[key])
            else:
                cursor.insertText(text, chars or self._char[key])
            if tail is not None:
                cursor.insertText(tail[0], self._char[tail[1]])
            return start

        positions: list[int] = []
        breaks: list[list[int]] = []
        if slide.kind is SlideKind.AGENDA:
            self._agenda(slide, block)
        elif slide.kind is SlideKind.END:
            talk = slide.talk
            text = talk.end_text.strip() if talk is not None else ""
            if not text:
                text = QCoreApplication.translate("PresentationWindow", "Thank you!\nQuestions?")
            for line in text.splitlines() or [text]:
                block("end", line)
            if talk is not None and talk.title:
                block("end_title", talk.title)
        elif slide.kind is SlideKind.TITLE:
            case = slide.case
            if slide.item is not None:
                block("divider", self._item_text(slide.item))
            meta = " · ".join(x for x in (slide.batch_title, case.category if case else None) if x)
            if meta:
                block("meta", meta)
            number = f"{case.number}. " if case is not None and case.number is not None else ""
            for piece in slide.pieces:
                if piece.role is Role.TITLE and not piece.continued:
                    cuts = self._title_breaks(number + piece.text, case)
                    inner = [c - len(number) for c in cuts if c > len(number)]
                    shown = _with_breaks(number + piece.text, cuts)
                    positions.append(block("title", shown) + len(number) + (len(cuts) - len(inner)))
                    breaks.append(inner)
                else:
                    positions.append(block(piece.role, piece.text, continued=piece.continued))
                    breaks.append([])
            if case is not None and case.contributors:
                block("contributors", "\u3000".join(case.contributors))
        else:
            if slide.box_title:  # a continued 专栏 box names itself rather than the section
                block("context", self._one_line(f"{slide.box_title}{self._continued}", "context"))
            elif slide.context:
                block("context", self._one_line(f"{slide.context} {self._continued}", "context"))
            for piece in slide.pieces:
                positions.append(block(piece.role, piece.text, continued=piece.continued, lead=piece.lead))
                breaks.append([])
        if not measuring:  # (setting a paragraph flush left changes no line break: not needed to measure)
            self._unstretch(doc)
        sd = SlideDocument(slide, doc, positions, doc.size().height(), breaks)
        if highlights:
            self._paint_highlights(sd, highlights)
        return sd

    def _item_text(self, item: AgendaLine) -> str:
        """A divider's line: "Case 2 of 5 · 15 minutes"."""
        text = (
            QCoreApplication.translate("PresentationWindow", "Case %1 of %2")
            .replace("%1", str(item.number))
            .replace("%2", str(item.count))
        )
        if n := item.minutes:  # (lupdate only finds a numerus translate() whose count is a plain name)
            minutes = QCoreApplication.translate("PresentationWindow", "%n minute(s)", "", n)
            text = f"{text} · {minutes}"
        return text

    def _agenda(self, slide: Slide, block: Callable[..., int]) -> None:
        """An agenda slide: the talk's date, title and cases (number, title, planned minutes)."""
        talk = slide.talk
        assert talk is not None
        if slide.context:
            block("context", self._one_line(f"{slide.context} {self._continued}", "context"))
        else:
            lines = [talk.date] if talk.date else []
            if slide.agenda and slide.agenda[0].count:
                count = slide.agenda[0].count
                lines.append(QCoreApplication.translate("PresentationWindow", "%n case(s)", "", count))
            block("meta", " · ".join(part.strip() for part in lines if part.strip()))  # no dangling "·"
            block("title", _with_breaks(talk.title, self._title_breaks(talk.title, None)))
        for line in slide.agenda:
            n = line.minutes or 0
            minutes = QCoreApplication.translate("PresentationWindow", "%n minute(s)", "", n) if n else ""
            block("agenda", f"{line.number}.\u2002{line.title}", tail=("\t" + minutes, "agenda_minutes"))

    def _one_line(self, text: str, key: str) -> str:
        """``text`` elided to one line of the slide in the character format ``key``."""
        font = QFont(self._font)
        font.setPixelSize(self._char[key].intProperty(QTextFormat.Property.FontPixelSize))
        return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideMiddle, self.slide_rect.width() * 0.98)

    def _title_breaks(self, text: str, case: Case | None) -> list[int]:
        """Where the title's lines begin: between words (see :func:`reader.domain.slides.title_breaks`)."""
        font = QFont(self._font)
        font.setPixelSize(self._char["title"].intProperty(QTextFormat.Property.FontPixelSize))
        font.setBold(True)
        metrics = QFontMetricsF(font)
        pairs = self._pairs_of(case) if case is not None else Counter()
        width = self.slide_rect.width() * 0.97  # Qt's own advances differ a little from the sum of glyphs'
        return title_breaks(
            text,
            advances=[metrics.horizontalAdvance(ch) for ch in text],
            width=width,
            cohesion=lambda pair: min(1.0, (pairs[pair] - 1) / 2),
        )

    def _pairs_of(self, case: Case) -> Counter[str]:
        pairs = self._pairs.get(case.id)
        if pairs is None:
            text = plain_text(case)
            pairs = self._pairs[case.id] = Counter(text[i : i + 2] for i in range(len(text) - 1))
        return pairs

    def _unstretch(self, doc: QTextDocument) -> None:
        """Set flush left every justified paragraph with a line stretched by more than :data:`MAX_STRETCH`."""
        doc.size()  # lays the whole document out
        block = doc.begin()
        while block.isValid():
            fmt = block.blockFormat()
            layout = block.layout()
            if fmt.alignment() & Qt.AlignmentFlag.AlignJustify and layout is not None and layout.lineCount() > 1:
                lines = [layout.lineAt(i) for i in range(layout.lineCount() - 1)]
                if any(line.naturalTextWidth() < line.width() * (1 - MAX_STRETCH) for line in lines):
                    cursor = QTextCursor(block)
                    fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
                    cursor.setBlockFormat(fmt)
            block = block.next()

    def _paint_highlights(self, sd: SlideDocument, highlights: Sequence[Annotation]) -> None:
        cursor = QTextCursor(sd.document)
        for a in highlights:
            if not a.is_highlight or a.color is None or a.position is None or a.orphaned:
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(HIGHLIGHT_COLOURS[a.color % len(COLORS)]))
            fmt.setForeground(QColor("#000000"))
            for n, piece in enumerate(sd.slide.pieces):
                start, end = max(a.position.start, piece.plain_start), min(a.position.end, piece.plain_end)
                if start < end:
                    cursor.setPosition(sd.position(n, start))
                    cursor.setPosition(sd.position(n, end), QTextCursor.MoveMode.KeepAnchor)
                    cursor.mergeCharFormat(fmt)

    def measure(self, slide: Slide) -> float:
        """The height ``slide`` needs (for :func:`reader.domain.slides.paginate`)."""
        return self.document(slide, measuring=True).height

    def paginate(self, entries: Sequence[DeckEntry], talk: Talk | None = None) -> Deck:
        return Deck.build(entries, measure=self.measure, height=self.slide_rect.height(), talk=talk)

    def origin(self, sd: SlideDocument) -> QPointF:
        """Where the document's top left goes: title and end slides centred vertically, others at the top."""
        r = self.slide_rect
        y = float(r.top())
        if sd.slide.kind in (SlideKind.TITLE, SlideKind.END):
            y += max(0.0, (r.height() - sd.height) / 2)
        return QPointF(r.left(), y)

    def paint(
        self,
        painter: QPainter,
        sd: SlideDocument | None,
        *,
        spot: int = -1,
        blank: str = "",
        index: int = 0,
        count: int = 0,
        footer_left: str = "",
        footer_centre: str = "",
        show_progress: bool = True,
    ) -> None:
        """Paint a whole slide into ``QRect(QPoint(0, 0), self.size)`` (the painter may be scaled)."""
        if blank:
            full = QRect(0, 0, self.size.width(), self.size.height())
            painter.fillRect(full, QColor("#000000" if blank == "black" else "#ffffff"))
            return
        self.paint_page(painter, sd)
        self.paint_overlay(
            painter,
            sd,
            spot=spot,
            index=index,
            count=count,
            footer_left=footer_left,
            footer_centre=footer_centre,
            show_progress=show_progress,
        )

    def paint_page(self, painter: QPainter, sd: SlideDocument | None) -> None:
        """The page: background and text (what :meth:`page_image` keeps)."""
        painter.fillRect(QRect(0, 0, self.size.width(), self.size.height()), self.background)
        if sd is not None:
            painter.save()
            painter.translate(self.origin(sd))
            sd.document.drawContents(painter)
            painter.restore()

    def page_image(self, sd: SlideDocument) -> QImage:
        """The page painted into an image: drawn once, shown at once (large bold glyphs, drawn as outlines,
        take up to 200 ms to paint)."""
        image = QImage(self.size, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        try:
            self.paint_page(painter, sd)
        finally:
            painter.end()
        return image

    def paint_overlay(
        self,
        painter: QPainter,
        sd: SlideDocument | None,
        *,
        spot: int = -1,
        index: int = 0,
        count: int = 0,
        footer_left: str = "",
        footer_centre: str = "",
        show_progress: bool = True,
    ) -> None:
        """What goes over the page: the spotlight's shade and the footer."""
        if sd is not None and 0 <= spot < len(sd.piece_positions):
            rect = sd.piece_rect(spot).adjusted(-8, -4, 8, 4).translated(self.origin(sd))
            dim = QPainterPath()
            dim.addRect(QRectF(0, 0, self.size.width(), self.size.height()))
            hole = QPainterPath()
            hole.addRect(rect)
            shade = QColor(self.background)
            shade.setAlpha(185)
            painter.fillPath(dim.subtracted(hole), shade)
        if show_progress:
            self._paint_footer(painter, index, count, footer_left, footer_centre)

    def _paint_footer(self, painter: QPainter, index: int, count: int, left: str, centre: str) -> None:
        r = self.footer_rect
        bar_h = max(3, round(self.size.height() / 220))
        painter.fillRect(
            QRect(r.left(), r.bottom() - bar_h + 1, r.width(), bar_h), _mix(self.background, self._muted, 0.2)
        )
        if count:
            done = round(r.width() * (index + 1) / count)
            painter.fillRect(QRect(r.left(), r.bottom() - bar_h + 1, done, bar_h), QColor(self.palette.heading))
        font = QFont(self._font)
        font.setPixelSize(self.footer_px)
        painter.setFont(font)
        painter.setPen(self._muted)
        side = self.slide_rect.left()
        text_rect = QRect(side, r.top(), r.width() - 2 * side, r.height() - bar_h)
        flags = Qt.AlignmentFlag.AlignVCenter
        count_text = f"{index + 1} / {count}" if count else ""
        painter.drawText(text_rect, flags | Qt.AlignmentFlag.AlignRight, count_text)
        if left:
            width = text_rect.width() // 2 - painter.fontMetrics().horizontalAdvance(count_text)
            elided = painter.fontMetrics().elidedText(left, Qt.TextElideMode.ElideRight, max(0, width))
            painter.drawText(text_rect, flags | Qt.AlignmentFlag.AlignLeft, elided)
        if centre:
            painter.setPen(QColor(self.palette.text))
            painter.drawText(text_rect, flags | Qt.AlignmentFlag.AlignHCenter, centre)


# ---------------------------------------------------------------------------------------------
# Leaving and coming back to the reader


@dataclass(frozen=True)
class ReaderPlace:
    """Where a case view was when a presentation began, to take the reader back when it ends."""

    case_id: str
    offset: int  # plain-text offset of the first text at the top (what the presentation starts from)
    scroll: int

    @classmethod
    def of(cls, view: Any) -> ReaderPlace:
        """The place of a :class:`reader.ui.case_view.CaseView` showing a case."""
        return cls(view.case.id, view.plain_offset_at_top(), view.verticalScrollBar().value())

    def restore(self, view: Any, case_id: str, offset: int) -> None:
        """Scroll ``view`` (already showing ``case_id``) to the passage a presentation ended on: exactly back
        where it was when that is where the presentation began, else to ``offset``."""
        if (case_id, offset) == (self.case_id, self.offset):
            view.scroll_to_position(self.scroll)
        else:
            view.scroll_to_plain(offset)


# ---------------------------------------------------------------------------------------------
# Decks of playlists


def playlist_entries(
    items: Sequence[Any], *, load_case: Callable[[str], Case], batch_title: Callable[[str], str]
) -> list[DeckEntry]:
    """Deck entries for playlist items (anything with ``case_id``, ``sections``, ``notes`` and optionally
    ``minutes``); cases that cannot be loaded are left out."""
    from reader.storage.db import StorageError

    out = []
    for item in items:
        try:
            case = load_case(item.case_id)
        except StorageError:
            continue
        out.append(
            DeckEntry(case, batch_title(case.batch_id), item.sections, item.notes, getattr(item, "minutes", None))
        )
    return out


def playlist_talk(playlist: Any, *, date: str = "") -> Talk:
    """The talk of a playlist (its title, notes and end slide text), given on ``date``."""
    return Talk(title=playlist.title, date=date, end_text=playlist.end_text, notes=playlist.notes)


# ---------------------------------------------------------------------------------------------
# The audience window


class PresentationWindow(QWidget):
    """The audience view (see the module docstring). Call :meth:`start` to show it."""

    finished = Signal(str, int)  # case id and plain-text offset of the passage last shown
    slide_changed = Signal(int, int)  # index (0-based), count

    def __init__(
        self,
        *,
        entries: Sequence[DeckEntry],
        start_case: str | None = None,
        start_offset: int = 0,
        annotations: Callable[[str], Sequence[Annotation]] = lambda _case_id: [],
        screens: ScreenList | None = None,
        home_screen: Callable[[], Any] | None = None,
        palette: Palette = LIGHT,
        background: str | None = None,
        scale: float = 1.0,
        title: str = "",
        talk: Talk | None = None,
        rehearsal: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        if not entries:
            raise ValueError("nothing to present")
        self.talk = talk  # a playlist's talk: agenda, dividers, end slide
        self.rehearsal = rehearsal  # the presenter view alone, on the trainer's screen, for practice
        self.item_clock = ItemClock()  # time spent on each case, for the countdown against its plan
        self.setWindowTitle(self.tr("Presentation"))
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.entries = list(entries)
        self.title = title
        self._annotations_of = annotations
        self._screens = screens or QGuiApplication.screens
        self._home_screen = home_screen or QGuiApplication.primaryScreen
        self._palette, self._background = palette, background
        self.scale = max(SCALE_MIN, min(SCALE_MAX, scale))
        self.renderer: SlideRenderer | None = None
        self._deck: Deck | None = None  # built for the window's size when first needed
        self.index = 0
        self.spotlight = False
        self.spot = 0
        self.blank = ""  # "", "black" or "white"
        self.number = ""  # digits typed so far
        self.show_progress = True
        self._entry = 0
        self._passage = (start_case or self.entries[0].case.id, start_offset)
        self._origin = self._passage  # where the reader was: given back when the talk ends where it began
        self._first_show = start_case is None  # a talk without a starting passage begins at its first slide
        self._docs: dict[int, SlideDocument] = {}
        self._highlights: dict[str, list[Annotation]] = {}
        self._done = False
        self.presenter: Any = None  # PresenterView, with two screens
        self.audience_screen: Any = None
        self.presenter_screen: Any = None
        self.elapsed = QElapsedTimer()  # the talk's time, started by start()
        self.elapsed.start()
        self._pages: dict[int, QImage] = {}  # slides painted ahead of time (this one and its neighbours)
        self._prefetch = QTimer(self, singleShot=True, interval=0)
        self._prefetch.timeout.connect(self._prefetch_neighbours)
        app = cast(QGuiApplication, QGuiApplication.instance())
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)

    # Showing ---------------------------------------------------------------------------------

    def start(self, *, full_screen: bool = True) -> None:
        """Show the audience view (full-screen on the projector) and, with two screens, the presenter view;
        in rehearsal the presenter view alone on the trainer's screen."""
        self.elapsed.restart()
        self.item_clock.reset()
        if self.rehearsal:
            self.arrange_screens()
            return
        if full_screen:
            self.arrange_screens()
        else:
            self.show()
        self.activateWindow()
        self.setFocus()

    def _screens_changed(self, *_: object) -> None:
        QTimer.singleShot(0, self.arrange_screens)  # after Qt has moved windows off a removed screen

    def arrange_screens(self) -> None:
        """Put the audience view on the projector and the presenter view on the trainer's screen (two
        screens or more), or the audience view alone on the only screen."""
        if self._done:
            return
        screens = list(self._screens())
        home = self._home_screen()
        if home not in screens:
            home = screens[0] if screens else None
        if self.rehearsal:
            self._rehearse_on(home)
            return
        audience = next((s for s in screens if s is not home), home) if len(screens) >= 2 else home
        self.audience_screen = audience
        self._place(self, audience)
        if len(screens) >= 2:
            if self.presenter is None:
                self.presenter = self._new_presenter()
            self.presenter_screen = home
            self._place(self.presenter, home)
            self._update_presenter()
            self.activateWindow()
        elif self.presenter is not None:
            self.presenter_screen = None
            self.presenter.hide()

    def _rehearse_on(self, screen: Any) -> None:
        """Rehearsal: the slides are laid out for a projector of ``screen``'s size and shown only in the
        presenter view, full-screen on ``screen``, with the clocks running."""
        if screen is not None:
            self.resize(screen.geometry().size())
        if self.presenter is None:
            self.presenter = self._new_presenter()
        self.presenter_screen = screen
        self._place(self.presenter, screen)
        self._update_presenter()
        self.presenter.activateWindow()
        self.presenter.setFocus()

    def _new_presenter(self) -> Any:
        from reader.ui.presenter_view import PresenterView

        view = PresenterView(
            on_key=self.handle_key,
            elapsed=self.elapsed,
            title=self.title,
            item_status=self.item_status,
            rehearsal=self.rehearsal,
        )
        view.timer_reset.connect(self.item_clock.reset)
        return view

    @staticmethod
    def _place(widget: QWidget, screen: Any) -> None:
        """Full-screen on ``screen`` (a QScreen, or anything with ``geometry()``)."""
        if screen is None:
            widget.showFullScreen()
            return
        if widget.isFullScreen() and widget.geometry() != screen.geometry():
            widget.showNormal()  # a full-screen window only moves to another screen from the normal state
        if isinstance(screen, QScreen):
            widget.setScreen(screen)
        widget.setGeometry(screen.geometry())
        widget.showFullScreen()

    def presenter_visible(self) -> bool:
        return self.presenter is not None and self.presenter.isVisible()

    # Deck ------------------------------------------------------------------------------------

    @property
    def deck(self) -> Deck:
        """The slides, laid out for the window's current size and type scale."""
        return self._ensure_deck()

    def _ensure_deck(self) -> Deck:
        size = self.size()
        if self.renderer is None or self.renderer.size != size or self.renderer.scale != self.scale:
            self._repaginate(size)
        assert self._deck is not None
        return self._deck

    def _repaginate(self, size: QSize) -> None:
        """Lay the deck out for ``size`` and the current scale, keeping the current passage on screen."""
        kind = SlideKind.BODY
        if self._deck is not None and len(self._deck):
            shown = self._deck[self.index]
            kind = shown.kind
            case_id, offset = self._passage
            # The passage zoomed from stays the anchor while it is on screen: zooming in and out again
            # does not drift to the start of a slide that began earlier.
            if shown.kind in (SlideKind.AGENDA, SlideKind.END):
                pass  # a talk's own slide: found again by its kind below
            elif self.spotlight or shown.case_id != case_id or not shown.contains(offset):
                self._passage = self.passage()
            if self._deck.entry_index(self.index) >= 0:
                self._entry = self._deck.entry_index(self.index)
        self.renderer = SlideRenderer(
            size=size,
            scale=self.scale,
            palette=self._palette,
            background=self._background,
            font=self.font(),
            continued=self.tr("(continued)"),
        )
        first_show, self._first_show = self._first_show, False
        self._deck = self.renderer.paginate(self.entries, self.talk)
        self._docs.clear()
        self._pages.clear()
        case_id, offset = self._passage
        if kind in (SlideKind.AGENDA, SlideKind.END):
            self.index = next(i for i, s in enumerate(self._deck.slides) if s.kind is kind)
            self.spot = 0
            return
        self.index = self._find(case_id, offset)
        if first_show:
            self.index = 0  # a talk begins with its agenda
        self.spot = self._spot_of(offset) if self.spotlight else 0

    def _find(self, case_id: str, offset: int) -> int:
        assert self._deck is not None
        return self._deck.index_of(case_id, offset, entry=self._entry)

    def _spot_of(self, offset: int) -> int:
        slide = self.current_slide()
        for k, piece in enumerate(slide.pieces):
            if piece.plain_start <= offset < piece.plain_end + 1:
                return k
        return 0

    def slide_count(self) -> int:
        return len(self._ensure_deck())

    def current_slide(self) -> Slide:
        return self._ensure_deck()[self.index]

    def passage(self) -> tuple[str, int]:
        """The case and plain-text offset of what is on screen (the spotlit paragraph, else the slide's start)."""
        if self._deck is None or not len(self._deck):
            return self._passage
        slide = self._deck[self.index]
        if slide.kind in (SlideKind.AGENDA, SlideKind.END):
            return self._passage
        origin_case, origin_offset = self._origin
        if slide.case_id == origin_case and slide.contains(origin_offset) and not self.spotlight:
            return self._origin
        if slide.kind is SlideKind.TITLE:
            return slide.case_id, 0
        if self.spotlight and 0 <= self.spot < len(slide.pieces):
            return slide.case_id, slide.pieces[self.spot].plain_start
        return slide.case_id, slide.start

    def slide_document(self, index: int) -> SlideDocument:
        """Slide ``index`` laid out with its highlights (cached)."""
        deck = self._ensure_deck()
        sd = self._docs.get(index)
        if sd is None:
            assert self.renderer is not None
            slide = deck[index]
            sd = self.renderer.document(slide, highlights=self._highlights_of(slide.case_id))
            self._docs[index] = sd
        return sd

    def _highlights_of(self, case_id: str) -> list[Annotation]:
        if case_id not in self._highlights:
            self._highlights[case_id] = [
                a for a in self._annotations(case_id) if a.position is not None and not a.orphaned
            ]
        return self._highlights[case_id]

    def _annotations(self, case_id: str) -> list[Annotation]:
        """The case's annotations; none when they cannot be read (the slides are shown all the same)."""
        from reader.storage.db import StorageError

        try:
            return list(self._annotations_of(case_id))
        except StorageError:
            return []

    def refresh_annotations(self, case_id: str = "") -> None:
        """Annotations changed (``""``: of any case): redraw highlights and notes."""
        if case_id:
            self._highlights.pop(case_id, None)
        else:
            self._highlights.clear()
        self._docs.clear()
        self._pages.clear()
        self._changed()

    def _prefetch_neighbours(self) -> None:
        """While idle: lay out the slides around this one and paint this one and the next and previous."""
        if self._deck is None:
            return
        keep = {i for i in range(self.index - 2, self.index + 3) if 0 <= i < len(self._deck)}
        for i in list(self._docs):
            if i not in keep:
                del self._docs[i]
        for i in list(self._pages):
            if abs(i - self.index) > 1:
                del self._pages[i]
        for i in (self.index, self.index + 1, self.index - 1):
            if 0 <= i < len(self._deck):
                self.page(i)

    def page(self, index: int) -> QImage:
        """Slide ``index`` painted (background and text; cached)."""
        image = self._pages.get(index)
        if image is None or image.size() != self.size():
            assert self.renderer is not None
            image = self._pages[index] = self.renderer.page_image(self.slide_document(index))
        return image

    # Navigation ------------------------------------------------------------------------------

    def go_to(self, index: int, *, spot: int = 0) -> None:
        deck = self._ensure_deck()
        self.index = max(0, min(len(deck) - 1, index))
        pieces = len(deck[self.index].pieces)
        self.spot = spot if spot >= 0 else pieces - 1
        self.spot = max(0, min(pieces - 1, self.spot))
        slide = deck[self.index]
        if slide.kind not in (SlideKind.AGENDA, SlideKind.END):
            self._passage = (slide.case_id, slide.start)
        self._changed()

    def go_to_agenda(self) -> None:
        """A: back to a talk's agenda (nothing in a deck without one)."""
        at = self._ensure_deck().agenda_index()
        if at is not None:
            self.set_blank("")
            self.go_to(at)

    def go_to_case(self, number: int) -> None:
        """Show the first slide (the divider) of case ``number`` (1-based) of the talk."""
        deck = self._ensure_deck()
        if 1 <= number <= len(deck.entries):
            self.set_blank("")
            self.go_to(deck.first_of(number - 1))

    def next(self) -> None:
        if self.blank:
            self.set_blank("")
            return
        deck = self._ensure_deck()
        if self.spotlight and self.spot + 1 < len(deck[self.index].pieces):
            self.spot += 1
            self._changed()
        elif self.index + 1 < len(deck):
            self.go_to(self.index + 1)

    def previous(self) -> None:
        if self.blank:
            self.set_blank("")
            return
        if self.spotlight and self.spot > 0:
            self.spot -= 1
            self._changed()
        elif self.index > 0:
            self.go_to(self.index - 1, spot=-1 if self.spotlight else 0)

    def first(self) -> None:
        self.set_blank("")
        self.go_to(0)

    def last(self) -> None:
        self.set_blank("")
        self.go_to(len(self._ensure_deck()) - 1)

    def set_blank(self, blank: str) -> None:
        """Black (``"black"``), white (``"white"``) or show the slide again (``""``)."""
        if blank != self.blank:
            self.blank = blank
            self._changed()

    def set_spotlight(self, on: bool) -> None:
        if on != self.spotlight:
            self.spotlight = on
            self.spot = 0
            self._changed()

    def set_scale(self, scale: float) -> None:
        """Change the type size; the deck is re-paginated and the passage on screen stays on screen."""
        scale = max(SCALE_MIN, min(SCALE_MAX, scale))
        if abs(scale - self.scale) < 1e-6:
            return
        self._ensure_deck()
        self.scale = scale
        self._ensure_deck()  # re-paginates around the passage on screen
        self._changed()

    def finish(self) -> None:
        """Leave: emit ``finished(case_id, offset)`` of the passage on screen and close both views."""
        if self._done:
            return
        case_id, offset = self.passage()
        self._done = True
        self.finished.emit(case_id, offset)
        self.close()
        if self.presenter is not None:  # (in rehearsal the audience view was never shown)
            self.presenter.close()

    def _changed(self) -> None:
        if self._deck is not None and len(self._deck):
            self.item_clock.enter(self._deck.entry_index(self.index))
        self.update()
        self._update_presenter()
        if self._deck is not None:
            self.slide_changed.emit(self.index, len(self._deck))
        self._prefetch.start()

    # Keys ------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a key from either view; False when the key means nothing here."""
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier
        if mods:
            return False
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            if len(self.number) < 5:
                self.number += chr(int(key))
                self._changed()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.number:
            target, self.number = int(self.number), ""
            if self.current_slide().kind is SlideKind.AGENDA:
                self.go_to_case(target)  # from the agenda, a number is a case of the talk
                return True
            self.set_blank("")
            self.go_to(target - 1)
            return True
        if key == Qt.Key.Key_Backspace and self.number:
            self.number = self.number[:-1]
            self._changed()
            return True
        if key == Qt.Key.Key_Escape:
            if self.number:
                self.number = ""
                self._changed()
            else:
                self.finish()
            return True
        self.number = ""
        if key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.first()
        elif key == Qt.Key.Key_End:
            self.last()
        elif key in BLACK_KEYS:
            self.set_blank("" if self.blank == "black" else "black")
        elif key in WHITE_KEYS:
            self.set_blank("" if self.blank == "white" else "white")
        elif key in BIGGER_KEYS:
            self.set_scale(self.scale * SCALE_STEP)
        elif key in SMALLER_KEYS:
            self.set_scale(self.scale / SCALE_STEP)
        elif key == Qt.Key.Key_S:
            self.set_spotlight(not self.spotlight)
        elif key == Qt.Key.Key_A and self.talk is not None:
            self.go_to_agenda()
        else:
            return False
        return True

    # Painting --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click shows the next slide, a right click the previous one (as in other presentation programs)."""
        if event.button() == Qt.MouseButton.LeftButton:
            self.next()
        elif event.button() == Qt.MouseButton.RightButton:
            self.previous()
        else:
            super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y()
        if steps < 0:
            self.next()
        elif steps > 0:
            self.previous()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._deck is not None:
            self._ensure_deck()
            self._update_presenter()

    def footer_texts(self) -> tuple[str, str]:
        slide = self.current_slide()
        case = slide.case
        left = case.display_title if case is not None and slide.kind is SlideKind.BODY else ""
        if slide.kind is SlideKind.AGENDA and self.number:
            return left, self.tr("Go to case %1").replace("%1", self.number)
        centre = self.tr("Go to slide %1").replace("%1", self.number) if self.number else ""
        return left, centre

    def item_status(self) -> tuple[str, Countdown | None]:
        """For the presenter view: the case on screen ("Case 2 of 5: title", "" off the talk's cases) and
        its countdown against the minutes planned for it (None: none planned)."""
        deck = self._ensure_deck()
        n = deck.entry_index(self.index)
        if n < 0 or self.talk is None:  # (one case presented with F5: nothing to say)
            return "", None
        entry = deck.entries[n]
        text = f"{self.tr('Case %1 of %2').replace('%1', str(n + 1)).replace('%2', str(len(deck.entries)))}: "
        text += entry.case.title
        if not entry.minutes:
            return text, None
        return text, countdown(entry.minutes, self.item_clock.spent(n))

    def paintEvent(self, event: QPaintEvent) -> None:
        deck = self._ensure_deck()
        assert self.renderer is not None
        left, centre = self.footer_texts()
        document = self.slide_document(self.index) if len(deck) else None
        painter = QPainter(self)
        try:
            if self.blank or document is None:
                self.renderer.paint(painter, document, blank=self.blank, show_progress=False)
            else:
                painter.drawImage(0, 0, self.page(self.index))
                self.renderer.paint_overlay(
                    painter,
                    document,
                    spot=self.spot if self.spotlight else -1,
                    index=self.index,
                    count=len(deck),
                    footer_left=left,
                    footer_centre=centre,
                    show_progress=self.show_progress,
                )
        finally:
            painter.end()

    # Presenter view --------------------------------------------------------------------------

    def notes_html(self, index: int | None = None) -> str:
        """The trainer's notes on slide ``index`` (default: the current one) as HTML: notes of highlights and
        bookmarks in the passage; on a title slide also the case's notes and the playlist item's notes."""
        from reader.ui.note_render import note_html

        deck = self._ensure_deck()
        i = self.index if index is None else index
        slide = deck[i]
        parts: list[str] = []
        if slide.kind is SlideKind.AGENDA and slide.talk is not None and slide.talk.notes.strip():
            parts.append(note_html(slide.talk.notes))  # the playlist's own notes
        entry = deck.entry_of(i)
        if entry is not None and entry.notes.strip():
            parts.append(note_html(entry.notes))  # the trainer's notes on this case, on each of its slides
        if slide.kind is SlideKind.TITLE:
            parts += [note_html(a.note) for a in self._annotations(slide.case_id) if a.kind == CASE_NOTE and a.note]
        if not slide.case_id:
            return "<hr/>".join(parts)
        for a in self._highlights_of(slide.case_id):
            assert a.position is not None
            if not a.note or a.position.end <= slide.start or a.position.start >= slide.end:
                continue
            quote = a.quote.exact if a.quote is not None else ""
            quote = quote if len(quote) <= 60 else quote[:59] + "…"
            colour = HIGHLIGHT_COLOURS[a.color % len(COLORS)] if a.color is not None else "#cccccc"
            parts.append(
                f'<p style="margin-bottom:2px"><span style="background-color:{colour}; color:#000">'
                f"&nbsp;{html.escape(quote)}&nbsp;</span></p>{note_html(a.note)}"
            )
        return "<hr/>".join(parts)

    def _update_presenter(self) -> None:
        if not self.presenter_visible() or not len(self._ensure_deck()):
            return
        assert self._deck is not None
        nxt = self.index + 1
        self.presenter.show_slides(
            renderer=self.renderer,
            current=self.slide_document(self.index),
            following=self.slide_document(nxt) if nxt < len(self._deck) else None,
            index=self.index,
            count=len(self._deck),
            spot=self.spot if self.spotlight else -1,
            blank=self.blank,
            notes=self.notes_html(),
            number=self.number,
            pages=(self.page(self.index), self.page(nxt) if nxt < len(self._deck) else None),
        )

    def closeEvent(self, event: Any) -> None:
        if not self._done:
            case_id, offset = self.passage()
            self._done = True
            self.finished.emit(case_id, offset)
        app = cast(QGuiApplication, QGuiApplication.instance())
        for signal in (app.screenAdded, app.screenRemoved):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(self._screens_changed)
        if self.presenter is not None:
            self.presenter.close()
            self.presenter.deleteLater()
            self.presenter = None
        super().closeEvent(event)
