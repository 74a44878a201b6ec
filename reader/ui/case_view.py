"""The case reader: a ``QTextBrowser`` showing one case rendered from its structure.

It knows where each section starts (for the outline and for tracking the current section while
scrolling), highlights every hit of a query with the same Chinese semantics as the library search,
steps through hits, keeps a comfortable reading width, and can append the case reference on copy.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.domain.case import Case
from reader.export.html import LIGHT, Palette, case_html

MAX_TEXT_EM = 42  # reading width limit, in units of the base font size


class CaseView(QTextBrowser):
    section_changed = Signal(str)  # anchor of the section at the top of the view
    hits_changed = Signal(int, int)  # current hit (1-based, 0 = none), total

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.case: Case | None = None
        self.batch_title = ""
        self.copy_reference = False
        self._palette: Palette = LIGHT
        self._base_px = 17
        self._hit_colour = QColor("#ffe066")
        self._current_colour = QColor("#ff9f1c")
        self._anchors: list[tuple[str, int]] = []  # (anchor, document position)
        self._hits: list[tuple[int, int]] = []
        self._current = -1
        self._query = ""
        self._section = ""
        self._pending_scroll: int | None = None
        self.verticalScrollBar().valueChanged.connect(self._track_section)
        self.verticalScrollBar().rangeChanged.connect(self._apply_pending_scroll)

    # Content ---------------------------------------------------------------------------------

    def set_case(self, case: Case, *, batch_title: str) -> None:
        self.case = case
        self.batch_title = batch_title
        self._render()

    def set_appearance(self, *, palette: Palette, base_px: int, hit: QColor, current_hit: QColor) -> None:
        self._palette, self._base_px = palette, base_px
        self._hit_colour, self._current_colour = hit, current_hit
        if self.case is not None:
            pos = self.verticalScrollBar().value()
            self._render()
            self.verticalScrollBar().setValue(pos)

    def _render(self) -> None:
        assert self.case is not None
        self._pending_scroll = None
        self.setHtml(case_html(self.case, batch_title=self.batch_title, palette=self._palette, base_px=self._base_px))
        self._index_anchors()
        self._apply_width()
        self._section = ""
        self.set_query(self._query, jump=False)
        self._track_section()

    def _index_anchors(self) -> None:
        self._anchors = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.isValid():
                    for name in frag.charFormat().anchorNames():
                        self._anchors.append((name, frag.position()))
                it += 1
            block = block.next()

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
        top = self.verticalScrollBar().value() + 8
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

    # Reading width ---------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_width()

    def _apply_width(self) -> None:
        width = self.viewport().width()
        max_text = MAX_TEXT_EM * self._base_px
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
                spans = find_spans(self.raw_text(), query)
            except QueryError:
                spans = []
        self._hits = spans
        self._current = 0 if spans else -1
        self._paint_hits()
        if jump and spans:
            self._show_current()
        self.hits_changed.emit(self._current + 1, len(spans))
        return len(spans)

    @property
    def query(self) -> str:
        return self._query

    def hit_count(self) -> int:
        return len(self._hits)

    def current_hit(self) -> int:
        """1-based number of the current hit, 0 when there is none."""
        return self._current + 1

    def step_hit(self, delta: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + delta) % len(self._hits)
        self._paint_hits()
        self._show_current()
        self.hits_changed.emit(self._current + 1, len(self._hits))

    def _show_current(self) -> None:
        start, end = self._hits[self._current]
        cursor = QTextCursor(self.document())
        cursor.setPosition(end)
        self.setTextCursor(cursor)
        cursor.setPosition(start)
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def _paint_hits(self) -> None:
        selections = []
        for i, (start, end) in enumerate(self._hits):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(self._current_colour if i == self._current else self._hit_colour)
            fmt.setForeground(QColor("#000000"))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    def hit_spans(self) -> list[tuple[int, int]]:
        return list(self._hits)

    # Copy ------------------------------------------------------------------------------------

    def reference(self) -> str:
        if self.case is None:
            return ""
        where = "，".join(x for x in (self.batch_title, self.case.category or "") if x)
        return f"——《{self.case.title}》" + (f"（{where}）" if where else "")

    def createMimeDataFromSelection(self) -> QMimeData:
        mime = super().createMimeDataFromSelection()
        if self.copy_reference and self.case is not None:
            mime.setText(mime.text() + "\n" + self.reference())
        return mime

    def selected_text(self) -> str:
        return self.textCursor().selection().toPlainText()

    def copy_with_reference(self) -> str:
        text = self.selected_text()
        if not text:
            return ""
        text = f"{text}\n{self.reference()}"
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(text)
        return text

    def document_for_print(self) -> QTextDocument:
        return self.document()

    def keyPressEvent(self, event) -> None:
        # QTextBrowser eats Home/End only with a cursor; keep page navigation keyboard-friendly.
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + bar.pageStep())
            return
        super().keyPressEvent(event)
