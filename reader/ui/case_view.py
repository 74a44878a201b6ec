"""The case reader: a ``QTextBrowser`` showing one case rendered from its structure.

It knows where each section starts (for the outline and for tracking the current section while
scrolling), highlights every hit of a query with the same Chinese semantics as the library search,
steps through hits, keeps a comfortable reading width, and can append the case reference on copy.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QMenu, QTextBrowser, QTextEdit, QToolButton, QToolTip, QWidget

from reader.domain.annotation import COLORS, Annotation
from reader.domain.case import Case
from reader.domain.slides import WORD_JOINER, pair_cohesion, word_joins
from reader.domain.text import case_segments, plain_text
from reader.domain.textmap import TextMap, TextMapError, without_ignored
from reader.export.fragments import document_fragments
from reader.export.html import LIGHT, LINE_HEIGHT, Palette, case_html
from reader.ui import caret
from reader.ui.doc_fonts import scale_headings
from reader.ui.hit_cursor import HitCursor
from reader.ui.theme import FIND_CURRENT, FIND_HIT

#: Highlight colours by annotation colour index (yellow, green, blue, pink, purple).
HIGHLIGHT_COLOURS = ("#ffe27a", "#a8e6a1", "#9fd0ff", "#ffb3cf", "#d9b8ff")


def colour_names() -> list[str]:
    from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

    names = (
        QT_TRANSLATE_NOOP("CaseView", "Yellow"),
        QT_TRANSLATE_NOOP("CaseView", "Green"),
        QT_TRANSLATE_NOOP("CaseView", "Blue"),
        QT_TRANSLATE_NOOP("CaseView", "Pink"),
        QT_TRANSLATE_NOOP("CaseView", "Purple"),
    )
    return [QCoreApplication.translate("CaseView", n) for n in names]


class SelectionBar(QWidget):
    """A small floating bar over a text selection: five colours and a note button (keys 1–5 work too)."""

    chosen = Signal(int, bool)  # colour index, with a note

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(2)
        self.buttons: list[QToolButton] = []
        for i, (colour, name) in enumerate(zip(HIGHLIGHT_COLOURS, colour_names(), strict=True)):
            b = QToolButton(self)
            b.setText(str(i + 1))
            b.setToolTip(self.tr("Highlight in %1 (%2)").replace("%1", name).replace("%2", str(i + 1)))
            b.setStyleSheet(
                f"QToolButton {{ background: {colour}; color: #000; border-radius: 3px; min-width: 22px; }}"
            )
            b.clicked.connect(lambda _c=False, i=i: self.chosen.emit(i, False))
            lay.addWidget(b)
            self.buttons.append(b)
        note = QToolButton(self)
        note.setText(self.tr("Note…"))
        note.setToolTip(self.tr("Highlight and write a note"))
        note.clicked.connect(lambda: self.chosen.emit(0, True))
        lay.addWidget(note)
        self.hide()


MAX_TEXT_EM = 42  # reading width limit, in units of the base font size (= Chinese characters); the default
FOCUS_FRAME_PX = 3  # width of the frame drawn round the reader while it has the keyboard focus


class CaseView(QTextBrowser):
    section_changed = Signal(str)  # anchor of the section at the top of the view
    hits_changed = Signal(int, int)  # current hit (1-based, 0 = none), total
    highlight_requested = Signal(int, int, int, bool)  # plain start, end, colour, with a note
    bookmark_requested = Signal(int)  # plain offset
    annotation_clicked = Signal(str)  # annotation id
    painted = Signal()  # the view has painted a case for the first time

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.case: Case | None = None
        self.batch_title = ""
        self.copy_reference = False
        self._palette: Palette = LIGHT
        self._base_px = 17
        self._font_family = ""  # "" = the application's font
        self._line_height = LINE_HEIGHT
        self._text_chars = MAX_TEXT_EM
        self._hit_colour = QColor(FIND_HIT)
        self._current_colour = QColor(FIND_CURRENT)
        self._anchors: list[tuple[str, int]] = []  # (anchor, document position)
        self._hits: HitCursor[tuple[int, int]] = HitCursor()  # document (start, end)
        self._query = ""
        self._section = ""
        self._pending_scroll: int | None = None
        self._pending_place = ""  # a reading place (reading_place.py) to scroll to once laid out at its width
        self._annotations: list[Annotation] = []
        self._textmap: TextMap | None = None
        #: Decoration (e.g. the key-figures card): ``html_decorators`` may add to the case's HTML before it is set
        #: (cheaper than editing the laid-out document); ``decorators`` are called after each rendering, before
        #: anchors and offsets are indexed, and return the document spans of decoration, which find and search skip.
        self.html_decorators: list[Callable[[Case, str], str]] = []
        self.decorators: list[Callable[[CaseView], list[tuple[int, int]]]] = []
        self._decoration: list[tuple[int, int]] = []
        self._highlight_alpha = 255
        self.setMouseTracking(True)
        self._selection_bar: SelectionBar | None = None  # built on the first selection (style sheets are slow)
        self._has_painted = False
        self.selectionChanged.connect(self._selection_changed)
        self.verticalScrollBar().valueChanged.connect(self._track_section)
        self.verticalScrollBar().rangeChanged.connect(self._apply_pending_scroll)

    # Content ---------------------------------------------------------------------------------

    def set_case(self, case: Case, *, batch_title: str) -> None:
        self.case = case
        self.batch_title = batch_title
        self._render()

    def set_appearance(
        self,
        *,
        palette: Palette,
        base_px: int,
        hit: QColor,
        current_hit: QColor,
        highlight_alpha: int = 255,
        font_family: str = "",
        line_height: int = LINE_HEIGHT,
        text_chars: int = MAX_TEXT_EM,
    ) -> None:
        """Theme colours, text size, and the reading settings: body font ("" = the application's), line height
        (percent) and the text column's width in characters."""
        self._palette, self._base_px = palette, base_px
        self._font_family, self._line_height, self._text_chars = font_family, line_height, text_chars
        self._highlight_alpha = highlight_alpha
        self._hit_colour, self._current_colour = hit, current_hit
        if self.case is not None:
            pos = self.verticalScrollBar().value()
            self._render()
            self.verticalScrollBar().setValue(pos)

    def _render(self) -> None:
        assert self.case is not None
        self._pending_scroll = None
        self._pending_place = ""
        scale_headings(self, self._base_px, family=self._font_family)
        html = case_html(
            self.case,
            batch_title=self.batch_title,
            palette=self._palette,
            base_px=self._base_px,
            line_height=self._line_height,
        )
        for add in self.html_decorators:
            html = add(self.case, html)
        self.setHtml(html)
        self._join_title_words()
        self._decoration = [span for decorate in self.decorators for span in decorate(self)]
        self._index_anchors()
        try:
            self._textmap = TextMap([seg.text for seg in case_segments(self.case)], self.raw_text())
        except TextMapError:  # a rendering that breaks the contract: annotations are not drawn, nothing else fails
            self._textmap = None
        self._apply_width()
        self._section = ""
        self.set_query(self._query, jump=False)
        # Finding the current section lays the document out down to each anchor: do it after the first paint.
        QTimer.singleShot(0, self._track_section)

    def _join_title_words(self) -> None:
        """Word joiners in the title (h1), so that it wraps between words at any width and zoom, the rule the
        slides and the PDF break titles by (:func:`reader.domain.slides.word_joins`); the text map, the
        search and copying step over them."""
        assert self.case is not None
        block = self.document().begin()
        while block.isValid() and block.blockFormat().headingLevel() != 1:
            block = block.next()
        title = self.case.title
        at = block.text().find(title) if block.isValid() and title else -1
        if at < 0:
            return
        cursor = QTextCursor(self.document())
        joins = word_joins(title, pair_cohesion(plain_text(self.case)))
        for i in reversed([0, *joins] if at > 0 else joins):  # 0: the number "5. " stays with the title
            cursor.setPosition(block.position() + at + i)
            cursor.insertText(WORD_JOINER)

    def _index_anchors(self) -> None:
        self._anchors = [
            (name, frag.position())
            for _block, frag in document_fragments(self.document())
            for name in frag.charFormat().anchorNames()
        ]

    def anchor_names(self) -> list[str]:
        return [a for a, _ in self._anchors]

    def _anchor_y(self, position: int) -> float:
        block = self.document().findBlock(position)
        return self.document().documentLayout().blockBoundingRect(block).top()

    def scroll_to(self, anchor: str) -> None:
        for name, pos in self._anchors:
            if name == anchor:
                self.verticalScrollBar().setValue(int(self._anchor_y(pos)))
                return

    def current_section(self) -> str:
        return self._section

    def _track_section(self, *_: object) -> None:
        bar = self.verticalScrollBar()
        top = bar.value() + 8
        if bar.maximum() > 0 and bar.value() >= bar.maximum():
            # At the end the last sections can never reach the top: the last one that shows is current.
            top = bar.value() + self.maximumViewportSize().height() - 8
        current = ""
        for name, pos in self._anchors:
            if name == "top":
                continue
            if self._anchor_y(pos) <= top:
                current = name
            else:
                break
        if current != self._section:
            self._section = current
            self.section_changed.emit(current)

    def scroll_to_position(self, value: int) -> None:
        """Scroll to ``value``, now or, if the document is not laid out that far yet, once it is."""
        bar = self.verticalScrollBar()
        bar.setValue(value)
        self._pending_scroll = value if bar.value() != value else None

    def scroll_to_place(self, place: str, fallback: int = 0) -> None:
        """Scroll to a reading place ("s2.1+137:12"); it is placed again at the first paint, when the view has its
        final width. A place that does not fit this case falls back to the pixel offset ``fallback``."""
        from reader.ui.reading_place import scroll_value_of

        value = scroll_value_of(self, place)
        self._pending_place = place if value is not None else ""
        self.scroll_to_position(fallback if value is None else value)

    def _apply_pending_place(self) -> None:
        from reader.ui.reading_place import scroll_value_of

        place, self._pending_place = self._pending_place, ""
        value = scroll_value_of(self, place)
        if value is not None:
            self.scroll_to_position(value)

    def _apply_pending_scroll(self, _minimum: int, maximum: int) -> None:
        if self._pending_scroll is not None and maximum >= self._pending_scroll:
            self.verticalScrollBar().setValue(self._pending_scroll)
            self._pending_scroll = None

    def showEvent(self, event) -> None:
        # WORKAROUND: QTextEdit scrolls its cursor into view on the first show after setHtml(),
        # which throws away a restored reading position; keep the position we had.
        bar = self.verticalScrollBar()
        wanted = self._pending_scroll if self._pending_scroll is not None else bar.value()
        super().showEvent(event)
        if wanted:
            self.scroll_to_position(wanted)

    def set_caret_browsing(self, on: bool) -> None:
        """F7: a caret moved by the keyboard, Shift+arrows select (see :mod:`reader.ui.caret`)."""
        caret.set_caret_browsing(self, on)

    def caret_browsing(self) -> bool:
        return caret.caret_browsing(self)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.viewport().update()  # the focus frame

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self.hasFocus():
            # Scrolling moves the painted pixels, the focus frame's with them: repaint all, so the frame stays on
            # the viewport's edge instead of leaving a stale line across the text.
            self.viewport().update()

    def paintEvent(self, event) -> None:
        if self._pending_place and self.isVisible():
            QTimer.singleShot(0, self._apply_pending_place)
        super().paintEvent(event)
        if self.hasFocus():
            # A visible focus frame: keyboard users see where their keys go.
            from PySide6.QtGui import QPainter, QPalette, QPen

            painter = QPainter(self.viewport())
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), FOCUS_FRAME_PX)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            half = FOCUS_FRAME_PX // 2
            painter.drawRect(self.viewport().rect().adjusted(half, half, -half - 1, -half - 1))
            painter.end()
        if not self._has_painted and self.case is not None:
            self._has_painted = True
            self.painted.emit()

    def has_painted(self) -> bool:
        """True once a case has been painted on screen (the main window's ``ready`` waits for it)."""
        return self._has_painted

    # Reading width ---------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_width()

    def _viewport_width(self) -> int:
        """``viewport().width()``, without calling ``viewport()``.

        The viewport is an object of a Qt-internal class: the first Python wrapper for one makes PySide6
        load every Qt class it has not loaded yet (some 20 ms), which the first paint must not wait for.
        """
        # WORKAROUND: PySide6 6.11 resolves all lazily loaded classes to wrap an object of an unexported class.
        bar = self.verticalScrollBar()
        return self.maximumViewportSize().width() - (bar.width() if bar.isVisibleTo(self) else 0)

    def _apply_width(self) -> None:
        width = self._viewport_width()
        max_text = self._text_chars * self._base_px
        side = max(24, (width - max_text) // 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if fmt.leftMargin() != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(20)
            fmt.setBottomMargin(40)
            root.setFrameFormat(fmt)

    # Hits ------------------------------------------------------------------------------------

    def raw_text(self) -> str:
        return self.document().toRawText()

    def set_query(self, query: str, *, jump: bool = True) -> int:
        """Highlight every hit of ``query``; with ``jump``, scroll to the first. Returns the hit count."""
        self._query = query
        spans: list[tuple[int, int]] = []
        if query.strip():
            from reader.domain.query import QueryError
            from reader.storage.search import find_spans

            try:
                text, kept = without_ignored(self.raw_text())  # the title's word joiners are no text
                spans = find_spans(text, query)
                if kept is not None:
                    spans = [(kept[a], kept[b - 1] + 1) for a, b in spans]
            except QueryError:
                spans = []
        spans = [(a, b) for a, b in spans if not any(lo <= a < hi for lo, hi in self._decoration)]
        self._hits.start(spans)
        self._paint_hits()
        if jump and spans:
            self._show_current()
        self.hits_changed.emit(self._hits.number(), len(spans))
        return len(spans)

    @property
    def query(self) -> str:
        return self._query

    def hit_count(self) -> int:
        return len(self._hits)

    def current_hit(self) -> int:
        """1-based number of the current hit, 0 when there is none."""
        return self._hits.number()

    def step_hit(self, delta: int) -> None:
        if not self._hits.step(delta):
            return
        self._paint_hits()
        self._show_current()
        self.hits_changed.emit(self._hits.number(), len(self._hits))

    def _show_current(self) -> None:
        hit = self._hits.current
        if hit is None:
            return
        start, end = hit
        cursor = QTextCursor(self.document())
        cursor.setPosition(end)
        self.setTextCursor(cursor)
        cursor.setPosition(start)
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        # The hit goes to the top third (not the bottom edge, where setTextCursor leaves it), unless it is
        # already in the upper part of the view; the outline shows the hit's section.
        if rect.top() < height // 8 or rect.bottom() > height * 2 // 3:
            bar.setValue(bar.value() + rect.top() - height // 3)
        section = self.section_at(start)
        if section and section != self._section:
            self._section = section
            self.section_changed.emit(section)

    def section_at(self, position: int) -> str:
        """The anchor of the section that contains document ``position`` ("" before the first section)."""
        current = ""
        for name, pos in self._anchors:
            if name == "top":
                continue
            if pos <= position:
                current = name
            else:
                break
        return current

    def _paint_hits(self) -> None:
        selections = self._highlight_selections()
        for i, (start, end) in enumerate(self._hits):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(self._current_colour if i == self._hits.index else self._hit_colour)
            fmt.setForeground(QColor("#000000"))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    def hit_spans(self) -> list[tuple[int, int]]:
        return self._hits.hits()

    # Annotations -----------------------------------------------------------------------------

    def set_annotations(self, annotations: list[Annotation]) -> None:
        """Draw these annotations (highlights in their colours, anchored bookmarks underlined)."""
        self._annotations = [a for a in annotations if a.position is not None and not a.orphaned]
        self._paint_hits()

    def annotations(self) -> list[Annotation]:
        return list(self._annotations)

    def highlight_doc_spans(self, annotation: Annotation) -> list[tuple[int, int]]:
        if self._textmap is None or annotation.position is None:
            return []
        return self._textmap.plain_span_to_doc(annotation.position.start, annotation.position.end)

    def _highlight_selections(self) -> list[QTextEdit.ExtraSelection]:
        out = []
        for a in self._annotations:
            fmt = QTextCharFormat()
            if a.is_highlight and a.color is not None:
                colour = QColor(HIGHLIGHT_COLOURS[a.color % len(COLORS)])
                colour.setAlpha(self._highlight_alpha)
                fmt.setBackground(colour)
                if self._highlight_alpha == 255:
                    fmt.setForeground(QColor("#000000"))
            else:
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            if a.note:
                fmt.setFontUnderline(True)
            for start, end in self.highlight_doc_spans(a):
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cursor
                sel.format = fmt
                out.append(sel)
        return out

    def selection_plain_range(self) -> tuple[int, int] | None:
        """The selected case text as plain-text offsets (decoration trimmed), or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self._textmap is None:
            return None
        return self._textmap.doc_span_to_plain(cursor.selectionStart(), cursor.selectionEnd())

    def annotation_at(self, point: QPoint) -> Annotation | None:
        if self._textmap is None:
            return None
        pos = self.cursorForPosition(point).position()
        plain = self._textmap.doc_to_plain(pos)
        if plain is None:
            return None
        for a in reversed(self._annotations):
            if a.position is not None and a.position.start <= plain < a.position.end:
                return a
        return None

    def plain_offset_at_top(self) -> int:
        """Plain-text offset of the first case text visible at the top of the view."""
        if self._textmap is None:
            return 0
        pos = self.cursorForPosition(QPoint(self.viewport().width() // 2, 8)).position()
        for candidate in range(pos, pos + 400):
            plain = self._textmap.doc_to_plain(candidate)
            if plain is not None:
                return plain
        return 0

    def scroll_to_plain(self, offset: int) -> None:
        if self._textmap is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._textmap.plain_to_doc(offset))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 4)

    @property
    def selection_bar(self) -> SelectionBar:
        if self._selection_bar is None:
            self._selection_bar = SelectionBar(self.viewport())
            self._selection_bar.chosen.connect(self._bar_chosen)
        return self._selection_bar

    def _selection_changed(self) -> None:
        rng = self.selection_plain_range()
        if rng is None:
            if self._selection_bar is not None:
                self._selection_bar.hide()
            return
        rect = self.cursorRect(self.textCursor())
        bar = self.selection_bar
        bar.adjustSize()
        x = min(max(4, rect.right() - bar.width() // 2), self.viewport().width() - bar.width() - 4)
        y = rect.bottom() + 6
        if y + bar.height() > self.viewport().height():
            y = max(4, rect.top() - bar.height() - 6)
        bar.move(x, y)
        bar.show()
        bar.raise_()

    def _bar_chosen(self, colour: int, with_note: bool) -> None:
        rng = self.selection_plain_range()
        if rng is not None:
            self.selection_bar.hide()
            self.highlight_requested.emit(rng[0], rng[1], colour, with_note)

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        a = self.annotation_at(event.position().toPoint())
        if a is not None and a.note:
            from reader.ui.note_render import note_html

            QToolTip.showText(event.globalPosition().toPoint(), note_html(a.note[:2000]), self)
        elif a is None:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            a = self.annotation_at(event.position().toPoint())
            if a is not None:
                self.annotation_clicked.emit(a.id)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        rng = self.selection_plain_range()
        menu.addSeparator()
        if rng is not None:
            sub = QMenu(self.tr("Highlight"), menu)
            for i, name in enumerate(colour_names()):
                act = sub.addAction(f"{i + 1}  {name}")
                act.triggered.connect(lambda _c=False, i=i, r=rng: self.highlight_requested.emit(r[0], r[1], i, False))
            menu.addMenu(sub)
            act = menu.addAction(self.tr("Highlight with Note…"))
            act.triggered.connect(lambda _c=False, r=rng: self.highlight_requested.emit(r[0], r[1], 0, True))
        offset = None
        if self._textmap is not None:
            offset = self._textmap.doc_to_plain(self.cursorForPosition(event.pos()).position())
        if offset is not None:
            act = menu.addAction(self.tr("Bookmark Here"))
            act.triggered.connect(lambda _c=False, o=offset: self.bookmark_requested.emit(o))
        menu.exec(event.globalPos())
        menu.deleteLater()

    # Copy ------------------------------------------------------------------------------------

    def reference(self) -> str:
        if self.case is None:
            return ""
        where = "，".join(x for x in (self.batch_title, self.case.category or "") if x)
        return f"——《{self.case.title}》" + (f"（{where}）" if where else "")

    def createMimeDataFromSelection(self) -> QMimeData:
        mime = super().createMimeDataFromSelection()
        mime.setText(mime.text().replace(WORD_JOINER, ""))
        if self.copy_reference and self.case is not None:
            mime.setText(mime.text() + "\n" + self.reference())
        return mime

    def selected_text(self) -> str:
        return self.textCursor().selection().toPlainText().replace(WORD_JOINER, "")

    def copy_with_reference(self) -> str:
        text = self.selected_text()
        if not text:
            return ""
        text = f"{text}\n{self.reference()}"
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(text)
        return text

    def document_for_print(self) -> QTextDocument:
        """A copy of the rendered case for a printer: point sizes, light colours (see :mod:`reader.ui.paper`)."""
        from reader.ui.paper import paper_document

        return paper_document(self.document(), self._palette)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and (Qt.Key.Key_1 <= key <= Qt.Key.Key_5 or key == Qt.Key.Key_N):
            rng = self.selection_plain_range()
            if rng is not None:
                self.selection_bar.hide()
                if key == Qt.Key.Key_N:  # N: highlight and write a note
                    self.highlight_requested.emit(rng[0], rng[1], 0, True)
                else:
                    self.highlight_requested.emit(rng[0], rng[1], int(key) - int(Qt.Key.Key_1), False)
                return
        if caret.handle_key(self, event):
            return
        # Space pages down, as in every reader; a page never starts with a line cut in half (reading_place).
        pages = {Qt.Key.Key_Space: 1, Qt.Key.Key_PageDown: 1, Qt.Key.Key_PageUp: -1}
        shift = event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        if key in pages and (not event.modifiers() or (shift and key == Qt.Key.Key_Space)):
            from reader.ui.reading_place import page_value

            self.verticalScrollBar().setValue(page_value(self, -1 if shift else pages[key]))
            return
        super().keyPressEvent(event)
