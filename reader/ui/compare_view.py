"""The compare view: two to four cases side by side, their sections aligned row by row.

Layout: a tool row (add, sync scrolling, shared terms, zoom, full screen), a message line, the legend of
shared terms, then one column per case — a header (title, batch · category, contributors, buttons to
move, open or remove the column) above a read-only ``QTextBrowser`` showing the case.

Each column is *one* ``QTextDocument`` holding the rows of :func:`reader.domain.compare.align` in order;
after every row comes a *spacer*, an empty paragraph with a fixed line height. Once the documents are
laid out, each row's natural height is measured in every column and the spacers are set so that every
row is as tall as its tallest cell: row *r* starts at the same y in every column, at any zoom and width
(widths and zoom changes re-measure; a spacer's height adds to its row linearly, so one pass is enough).
Empty cells show a muted note, never a shifted row.

Scrolling one column with sync on moves the others to the same row and the same fraction of it (not the
same pixel, though once padded the two agree). Highlights, search hits and shared terms are plain-text
spans of the case mapped per cell with :class:`reader.domain.textmap.TextMap` and painted as extra
selections, as in the reader. Find (Ctrl+F) uses the reader's find bar and the search's semantics across all
columns; F3 / Shift+F3 step through the hits row by row, left to right within a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.domain.case import Case
from reader.domain.compare import MAX_CASES, MIN_CASES, Alignment, align
from reader.domain.terms import SharedTerm
from reader.export.html import LIGHT, LINE_HEIGHT, Palette
from reader.models.library import CASE_IDS_MIME, case_ids_from_mime
from reader.tasks import Latest, run_in_background
from reader.ui.compare_columns import (
    TERM_LIMIT,
    Column,
    ColumnBrowser,
    ColumnHeader,
    TermLegend,
    column_html,
)
from reader.ui.compare_paint import Highlights, Hit, Marks, collect_hits, paint_column, reveal
from reader.ui.compare_rows import RowSync
from reader.ui.doc_fonts import scale_headings
from reader.ui.hit_cursor import HitCursor
from reader.ui.term_service import TermService
from reader.ui.theme import FIND_CURRENT, FIND_HIT

ZOOM_STEP = 10
ZOOM_MIN = 50
ZOOM_MAX = 250
#: The comparison's text size at 100 % zoom: a little smaller than the reader's, as four columns share the width.
COLUMN_BASE_PX = 16

#: What ``load_case(case_id)`` returns: the case and its batch title (may raise a StorageError).
LoadCase = Callable[[str], tuple[Case, str]]


class CompareView(QWidget):
    """Two to four cases side by side (see the module docstring)."""

    #: The compared case ids changed (the new list).
    cases_changed = Signal(list)
    #: The user asked to highlight a passage: case id, plain start, plain end (the annotation store's job).
    highlight_requested = Signal(str, int, int)
    #: The user asked to open a compared case in a reader tab.
    open_case_requested = Signal(str)
    #: The "Add Case…" button was pressed: show a picker and call :meth:`add_cases` with the choice.
    add_requested = Signal()
    #: A message for the user was shown ("" when it was cleared).
    message_changed = Signal(str)
    #: Full-screen mode was switched on or off.
    full_screen_changed = Signal(bool)
    #: Shared terms were found (their texts).
    terms_changed = Signal(list)
    #: The find hits changed or the current one moved: current (1-based, 0 = none), total.
    hits_changed = Signal(int, int)

    def __init__(
        self,
        *,
        load_case: LoadCase,
        term_service: TermService | None = None,
        highlights: Highlights | None = None,
        base_px: int = COLUMN_BASE_PX,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compare-view")
        self.setAcceptDrops(True)
        self._load_case = load_case
        self._term_service = term_service
        self._highlights = highlights
        self._palette: Palette = LIGHT
        self._base_px = base_px
        self._font_family, self._line_height = "", LINE_HEIGHT
        self._zoom = 100
        self._hit_colour = QColor(FIND_HIT)
        self._current_colour = QColor(FIND_CURRENT)
        self._query = ""
        self._hits: HitCursor[Hit] = HitCursor()
        self._terms_on = True
        self._terms: list[SharedTerm] = []
        self._terms_latest = Latest()
        self._columns: list[Column] = []
        self._alignment = Alignment()
        #: Level rows and synchronised scrolling (:mod:`reader.ui.compare_rows`).
        self.rows = RowSync(lambda: self._columns, lambda: self._alignment, self)
        self.aligned = self.rows.aligned
        self._previous_state: Qt.WindowState | None = None  # of the window, before full screen
        self._dirty = False  # columns changed while hidden: render when shown

        self._build_tools()
        self.message_label = QLabel(self)
        self.message_label.setObjectName("compare-message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setContentsMargins(8, 4, 8, 4)
        self.message_label.setStyleSheet("QLabel#compare-message { background: #fff3cd; color: #5c4400; }")
        self.message_label.hide()
        self.legend = TermLegend(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("compare-hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.grid_box = QWidget(self)
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(0)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.tools)
        lay.addWidget(self.message_label)
        lay.addWidget(self.legend)
        lay.addWidget(self.hint, 1)
        from reader.ui.column_scroller import ColumnScroller

        self.columns_area = ColumnScroller(self.grid_box, self)
        lay.addWidget(self.columns_area, 100)
        from reader.ui.reader_tab import FindBar

        self.find_bar = FindBar(self)
        self.find_bar.field.setPlaceholderText(self.tr("Find in the compared cases…"))
        self.find_bar.field.setToolTip(
            self.tr("Finds text in every column; spaces between words and numbers are ignored.")
        )
        self.find_bar.hide()
        self.find_bar.find_changed.connect(self.find)
        self.find_bar.step.connect(self.step_hit)
        self.find_bar.closed.connect(self._find_closed)
        self.hits_changed.connect(lambda current, total: self.find_bar.show_count(current, total, self._query))
        lay.addWidget(self.find_bar)
        self._update_chrome()

        if term_service is not None:
            term_service.ready.connect(self._request_terms)

    def _build_tools(self) -> None:
        self.tools = QWidget(self)
        row = QHBoxLayout(self.tools)
        row.setContentsMargins(6, 4, 6, 4)
        row.setSpacing(4)

        def action(text: str, tip: str, slot: Callable[..., Any], *, checkable: bool = False) -> QAction:
            act = QAction(text, self)
            act.setToolTip(tip)
            act.setCheckable(checkable)
            if checkable:
                act.toggled.connect(slot)
            else:
                act.triggered.connect(lambda _c=False: slot())
            button = QToolButton(self.tools)
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(button)
            return act

        self.act_add = action(
            self.tr("Add Case…"), self.tr("Add a case to the comparison (up to four)"), self.add_requested.emit
        )
        self.act_sync = action(
            self.tr("Sync Scrolling"),
            self.tr("Scroll all columns together, section by section"),
            self.set_sync,
            checkable=True,
        )
        self.act_terms = action(
            self.tr("Shared Terms"),
            self.tr("Colour the distinctive terms these cases share"),
            self.set_terms_visible,
            checkable=True,
        )
        row.addSpacing(12)
        self.act_zoom_out = action(self.tr("A−"), self.tr("Smaller text"), self.zoom_out)
        self.act_zoom_in = action(self.tr("A+"), self.tr("Larger text"), self.zoom_in)
        self.act_full_screen = action(
            self.tr("Full Screen"),
            self.tr("Show the comparison on the whole screen"),
            self.set_full_screen,
            checkable=True,
        )
        row.addStretch(1)
        self.count_label = QLabel(self.tools)
        row.addWidget(self.count_label)
        for act, on in ((self.act_sync, True), (self.act_terms, True)):
            act.blockSignals(True)
            act.setChecked(on)
            act.blockSignals(False)

    # Public API --------------------------------------------------------------------------------

    def case_ids(self) -> list[str]:
        return [c.case_id for c in self._columns]

    def column_count(self) -> int:
        return len(self._columns)

    def browser(self, column: int) -> ColumnBrowser:
        return self._columns[column].browser

    def header(self, column: int) -> ColumnHeader:
        return self._columns[column].header

    def alignment(self) -> Alignment:
        """The aligned rows as plain data (for the PDF export): what the view shows, in order."""
        return self._alignment

    aligned_rows = alignment

    def title(self) -> str:
        """A short title for a tab: the compared titles."""
        names = [c.case.title if len(c.case.title) <= 10 else c.case.title[:9] + "…" for c in self._columns]
        return self.tr("Compare: %1").replace("%1", " | ".join(names)) if names else self.tr("Compare")

    def message(self) -> str:
        return self.message_label.text() if not self.message_label.isHidden() else ""

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        self.message_changed.emit(text)

    def set_cases(self, case_ids: Sequence[str], *, query: str | None = None) -> list[str]:
        """Compare these cases (the first :data:`MAX_CASES` distinct ones that load); returns those shown."""
        if query is not None:
            self._query = query
        loaded: list[tuple[Case, str]] = []
        problems: list[str] = []
        seen: set[str] = set()
        for cid in case_ids:
            if cid in seen:
                continue
            seen.add(cid)
            if len(loaded) == MAX_CASES:
                problems.append(self._too_many_text())
                break
            try:
                loaded.append(self._load_case(cid))
            except Exception as exc:  # a StorageError, typically: tell the user, show the rest
                problems.append(self._load_error_text(cid, exc))
        # Reuse the column widgets there are (creating and showing them is a good part of the cost).
        for column in self._columns[len(loaded) :]:
            column.dispose()
        columns = self._columns[: len(loaded)]
        for column, (case, batch_title) in zip(columns, loaded, strict=False):
            column.set_case(case, batch_title)
        columns += [Column(case, batch_title, self.grid_box) for case, batch_title in loaded[len(columns) :]]
        self._columns = columns
        self.rows.pending = (0, 0.0)
        self._rebuild()
        self.show_message(" ".join(problems))
        return self.case_ids()

    def add_cases(self, case_ids: Sequence[str]) -> list[str]:
        """Add columns for these cases (at the right); refused beyond :data:`MAX_CASES`, with a message.

        Returns the ids actually added.
        """
        added: list[str] = []
        problems: list[str] = []
        for cid in case_ids:
            if cid in self.case_ids():
                problems.append(self.tr("This case is already in the comparison."))
                continue
            if len(self._columns) >= MAX_CASES:
                problems.append(self._too_many_text())
                break
            try:
                case, batch_title = self._load_case(cid)
            except Exception as exc:
                problems.append(self._load_error_text(cid, exc))
                continue
            self._columns.append(Column(case, batch_title, self.grid_box))
            added.append(cid)
        if added:
            self.rows.pending = self.rows.current_position()
            self._rebuild()
        self.show_message(" ".join(dict.fromkeys(problems)))
        return added

    def add_case(self, case_id: str) -> bool:
        return bool(self.add_cases([case_id]))

    def remove_column(self, column: int) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.rows.pending = self.rows.current_position()
        self._columns.pop(column).dispose()
        self._rebuild()
        self.show_message("")

    def swap_columns(self, a: int, b: int) -> None:
        n = len(self._columns)
        if not (0 <= a < n and 0 <= b < n) or a == b:
            return
        self.rows.pending = self.rows.current_position()
        self._columns[a], self._columns[b] = self._columns[b], self._columns[a]
        self._rebuild()

    def move_column(self, column: int, delta: int) -> None:
        self.swap_columns(column, column + delta)

    def set_query(self, query: str) -> None:
        """Highlight the hits of a library search query in every column (same semantics as the search)."""
        self._query = query
        self._hits.clear_current()
        self._paint_all(announce=True)

    def query(self) -> str:
        return self._query

    def open_find(self) -> None:
        """Show the find bar (Ctrl+F), filled with the current query."""
        if self._query and not self.find_bar.field.text():
            self.find_bar.field.blockSignals(True)
            self.find_bar.field.setText(self._query)
            self.find_bar.field.blockSignals(False)
        self.find_bar.open_bar()

    def _find_closed(self) -> None:
        """Esc in the find bar: the hits and their count are cleared, the keys go back to the first column."""
        self.find("")
        if self._columns:
            self.browser(0).setFocus()

    def find(self, text: str) -> int:
        """Highlight ``text`` in every column and show its first hit; returns the number of hits."""
        self.set_query(text)
        if self._hits:
            self.step_hit(1)
        return len(self._hits)

    def hit_count(self) -> int:
        return len(self._hits)

    def current_hit(self) -> int:
        """The current hit, 1-based (0 when there is none)."""
        return self._hits.number()

    def current_hit_place(self) -> tuple[int, int] | None:
        """``(row, column)`` of the current hit, or None."""
        if (hit := self._hits.current) is None:
            return None
        row, column, _start, _end = hit
        return row, column

    def step_hit(self, delta: int) -> None:
        """Make the next (``delta`` > 0) or previous hit current and scroll it into view (F3 / Shift+F3)."""
        old = self._hits.current
        if not self._hits.step(delta):
            self.hits_changed.emit(0, 0)
            return
        new = self._hits.current
        assert new is not None
        for column in {hit[1] for hit in (old, new) if hit is not None}:
            self._paint(self._columns[column])
        reveal(self._columns[new[1]].browser, new[2])
        self.hits_changed.emit(self._hits.number(), len(self._hits))

    def set_highlights(self, highlights: Highlights | None) -> None:
        self._highlights = highlights
        self._paint_all()

    def refresh_highlights(self) -> None:
        """Repaint the annotation highlights (connect the annotation store's change signal here)."""
        self._paint_all()

    def set_appearance(
        self,
        *,
        palette: Palette,
        base_px: int,
        hit: QColor | None = None,
        current_hit: QColor | None = None,
        font_family: str = "",
        line_height: int = LINE_HEIGHT,
        **_ignored: Any,
    ) -> None:
        """Theme colours and base text size (the main window's zoom); the view's own zoom multiplies it. The body
        font and line spacing of Preferences → Reading; the page width does not apply (columns have their own)."""
        self._palette, self._base_px = palette, base_px
        self._font_family, self._line_height = font_family, line_height
        if hit is not None:
            self._hit_colour = hit
        if current_hit is not None:
            self._current_colour = current_hit
        self._rerender()

    # Toggles -----------------------------------------------------------------------------------

    def set_sync(self, on: bool) -> None:
        """Sync scrolling on or off (the toolbar's button follows)."""
        if self.act_sync.isChecked() != bool(on):
            self.act_sync.setChecked(bool(on))
        self.rows.set_on(on)

    def terms_visible(self) -> bool:
        return self._terms_on

    def set_terms_visible(self, on: bool) -> None:
        self._terms_on = bool(on)
        if self.act_terms.isChecked() != self._terms_on:
            self.act_terms.setChecked(self._terms_on)
        self.legend.setVisible(self._terms_on and len(self._columns) >= MIN_CASES)
        self._paint_all()

    def shared_terms(self) -> list[SharedTerm]:
        return list(self._terms)

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, percent: int) -> None:
        percent = max(ZOOM_MIN, min(ZOOM_MAX, int(percent)))
        if percent != self._zoom:
            self._zoom = percent
            self._rerender()

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(100)

    def is_full_screen(self) -> bool:
        return self.window().isFullScreen()

    def set_full_screen(self, on: bool) -> None:
        """Show the window holding the view full screen (Esc leaves); the main window may hide its panes."""
        window = self.window()
        if on and not window.isFullScreen():
            self._previous_state = window.windowState()
            window.showFullScreen()
        elif not on and window.isFullScreen() and self._previous_state is not None:
            window.setWindowState(self._previous_state)
            self._previous_state = None
        if self.act_full_screen.isChecked() != on:
            self.act_full_screen.blockSignals(True)
            self.act_full_screen.setChecked(on)
            self.act_full_screen.blockSignals(False)
        self.full_screen_changed.emit(bool(on))

    # History -----------------------------------------------------------------------------------

    def state(self) -> dict:
        """What :meth:`restore` needs to show this comparison again (JSON-ready)."""
        row, fraction = self.rows.current_position()
        rows = self._alignment.rows
        return {
            "kind": "compare",
            "case_ids": self.case_ids(),
            "row": rows[row].key if rows else "",
            "fraction": round(fraction, 4),
            "sync": self.rows.is_on(),
            "terms": self._terms_on,
            "zoom": self._zoom,
            "query": self._query,
        }

    def restore(self, state: dict) -> None:
        """Show a comparison saved by :meth:`state` (unknown cases are skipped, with a message)."""
        ids = [str(x) for x in state.get("case_ids", []) if isinstance(x, str)]
        self._zoom = max(ZOOM_MIN, min(ZOOM_MAX, int(state.get("zoom", 100) or 100)))
        self.rows.set_on(bool(state.get("sync", True)))
        self.act_sync.blockSignals(True)
        self.act_sync.setChecked(self.rows.is_on())
        self.act_sync.blockSignals(False)
        self._terms_on = bool(state.get("terms", True))
        self.act_terms.blockSignals(True)
        self.act_terms.setChecked(self._terms_on)
        self.act_terms.blockSignals(False)
        self.set_cases(ids, query=str(state.get("query", "")))
        key = str(state.get("row", ""))
        index = self._alignment.row_index(key) if key else 0
        fraction = float(state.get("fraction", 0.0) or 0.0)
        self.rows.pending = (max(0, index), max(0.0, min(1.0, fraction)))
        self.rows.realign()

    # Rendering ---------------------------------------------------------------------------------

    def _too_many_text(self) -> str:
        return self.tr("At most %1 cases can be compared side by side: remove a column first.").replace(
            "%1", str(MAX_CASES)
        )

    def _load_error_text(self, case_id: str, exc: BaseException) -> str:
        from reader.i18n import error_text

        return self.tr("Case %1 cannot be shown: %2").replace("%1", case_id).replace("%2", error_text(exc))

    def _rebuild(self) -> None:
        """Lay out the columns in order, align their cases and render them."""
        while self.grid.count():
            self.grid.takeAt(0)
        for i in range(self.grid.columnCount()):
            self.grid.setColumnStretch(i, 0)
        n = len(self._columns)
        for i, c in enumerate(self._columns):
            self.grid.addWidget(c.header, 0, i)
            self.grid.addWidget(c.browser, 1, i)
            self.grid.setColumnStretch(i, 1)
            c.header.set_position(i, n)
            c.header.show()
            c.browser.show()
            self._connect(c)
        self.grid.setRowStretch(1, 1)
        self._alignment = align(
            [c.case for c in self._columns], batch_titles={c.case.batch_id: c.batch_title for c in self._columns}
        )
        self._update_chrome()
        if self.isVisible():
            self.grid.activate()  # final column widths before the documents are laid out
        self._terms = []
        self._rerender()
        self._request_terms()
        self.cases_changed.emit(self.case_ids())

    def _connect(self, column: Column) -> None:
        if column.connected:
            return
        column.connected = True
        b, h = column.browser, column.header
        self.rows.watch(column)
        b.zoom_requested.connect(lambda d: self.zoom_in() if d > 0 else self.zoom_out())
        b.highlight_requested.connect(lambda s, e, c=column: self.highlight_requested.emit(c.case_id, s, e))
        b.open_requested.connect(lambda c=column: self.open_case_requested.emit(c.case_id))
        h.open_requested.connect(lambda c=column: self.open_case_requested.emit(c.case_id))
        h.remove_requested.connect(lambda c=column: self._remove(c))
        h.move_requested.connect(lambda d, c=column: self._move(c, d))

    def _remove(self, column: Column) -> None:
        if column in self._columns:
            self.remove_column(self._columns.index(column))

    def _move(self, column: Column, delta: int) -> None:
        if column in self._columns:
            self.move_column(self._columns.index(column), delta)

    def _update_chrome(self) -> None:
        n = len(self._columns)
        self.hint.setVisible(n < MIN_CASES)
        self.hint.setText(
            self.tr("Drag cases here from the library or the search results, or press “Add Case…”, to compare them.")
            if n == 0
            else self.tr("Add at least one more case to compare: drag it here or press “Add Case…”.")
        )
        self.grid_box.setVisible(n > 0)
        self.columns_area.setVisible(n > 0)
        self.legend.setVisible(self._terms_on and n >= MIN_CASES)
        self.act_add.setEnabled(n < MAX_CASES)
        self.count_label.setText(self.tr("%1 of %2 cases").replace("%1", str(n)).replace("%2", str(MAX_CASES)))

    def column_min_width(self) -> int:
        """Each column keeps this width; narrower, the columns scroll sideways (:mod:`column_scroller`)."""
        from reader.ui.column_scroller import column_min_width

        return column_min_width(self._effective_px())

    def wanted_width(self) -> int:
        """The width that shows every column side by side at :meth:`column_min_width` (the side panels give way
        to it on a narrow window, see :class:`reader.ui.geometry.ReadingWidthGuard`)."""
        n = len(self._columns)
        return n * self.column_min_width() + max(0, n - 1) * 6 + 8 if n else 0

    def outline(self) -> list[tuple[str, str, int]]:
        """The comparison's rows as an outline: (row key, heading, level) for the lead and each section row."""
        out: list[tuple[str, str, int]] = []
        for row in self._alignment.rows:
            if row.level > 1:
                continue
            cell = next((c for c in row.cells if c is not None), None)
            heading = self.tr("Lead") if row.level == 0 else (cell.heading if cell is not None else row.key)
            out.append((row.key, heading, 1))
        return out

    def _effective_px(self) -> int:
        return max(8, round(self._base_px * self._zoom / 100))

    def _rerender(self) -> None:
        if not self._columns:
            return
        if not self.isVisible():  # laid out at its real width once shown
            self._dirty = True
            return
        self._dirty = False
        positions = self.rows.positions()
        px = self._effective_px()
        self.columns_area.set_column_min_width([c.browser for c in self._columns], self.column_min_width())
        empty = self.tr("Not in this case")
        for i, c in enumerate(self._columns):
            html = column_html(
                self._alignment, i, palette=self._palette, base_px=px, empty_text=empty, line_height=self._line_height
            )
            c.browser.blockSignals(True)
            try:
                scale_headings(c.browser, px, family=self._font_family)  # headings follow the zoom too
                c.browser.show_rows(self._alignment, i, c.case, html)
            finally:
                c.browser.blockSignals(False)
        self.rows.realign_to(positions)
        self._paint_all()

    # Terms -------------------------------------------------------------------------------------

    def _request_terms(self) -> None:
        token = self._terms_latest.next()
        cases = [c.case for c in self._columns]
        if len(cases) < MIN_CASES:
            self._apply_terms(token, [])
            return
        index = self._term_service.index() if self._term_service is not None else None
        if index is None:
            if self._term_service is None:
                self.legend.set_status(self.tr("Shared terms are not available"))
                return
            self.legend.set_status(self.tr("Finding shared terms…"))
            self._term_service.ensure()
            return  # ready -> _request_terms again

        def done(terms: list[SharedTerm]) -> None:
            if shiboken6.isValid(self):
                self._apply_terms(token, terms)

        run_in_background(lambda: index.shared_terms(cases, limit=TERM_LIMIT), on_success=done)

    def _apply_terms(self, token: int, terms: list[SharedTerm]) -> None:
        if not self._terms_latest.is_current(token):
            return
        self._terms = list(terms)
        self.legend.set_terms(self._terms, [c.case.title for c in self._columns])
        self._paint_all()
        self.terms_changed.emit([t.text for t in self._terms])

    # Painting ----------------------------------------------------------------------------------

    def _paint_all(self, *, announce: bool = False) -> None:
        self._collect_hits(announce=announce)
        for c in self._columns:
            self._paint(c)

    def _collect_hits(self, *, announce: bool = False) -> None:
        """The query's hits in every column; the current one kept if it still exists.

        :attr:`hits_changed` is emitted when the count or the current hit changed, or with ``announce``."""
        hits = collect_hits(self._columns, self._query)
        before = (self._hits.number(), len(self._hits))
        self._hits.update(hits)
        if announce or (self._hits.number(), len(hits)) != before:
            self.hits_changed.emit(self._hits.number(), len(hits))

    def _paint(self, column: Column) -> None:
        marks = Marks(
            terms=[t.text for t in self._terms] if self._terms_on else (),
            highlights=self._highlights,
            hits=list(self._hits),
            current=self._hits.current,
            hit_colour=self._hit_colour,
            current_colour=self._current_colour,
        )
        paint_column(column, self._columns.index(column), marks)

    # Qt API ------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.grid.activate()
            self._rerender()
        else:
            self.rows.realign_soon()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.act_full_screen.isChecked():
            self.set_full_screen(False)
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CASE_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(CASE_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = case_ids_from_mime(event.mimeData())
        if not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_cases(ids)
