"""The search panel: a query field, four facet filters, a result count and the list of matching cases.

Searching runs as you type: each change restarts a 150 ms timer, then the query runs on a pool thread
(:func:`reader.tasks.run_in_background`); a result that comes back after a newer search started is
dropped (:class:`reader.tasks.Latest`), so typing never waits for the database. Facet changes search
again at once. Input-method pre-edit text is not part of ``QLineEdit.text()`` and does not search.

The searcher is a :class:`reader.storage.catalog.Searcher` (the app's catalog). The facet boxes drill down:
each offers the values with hits under the *other* boxes' choices, with the number of cases choosing it
gives. When the filters, not the query, leave nothing, the panel says so and offers to clear them.

The search history (:class:`reader.ui.search_history.SearchHistory`) remembers a query that found cases once the
user commits to it: Enter, opening a result, Down into the results, or choosing it from the history. The
history drops down as you type (entries containing the text), and Down in the empty field or a click on it
opens all of it; Enter (or a click) runs an entry, Shift+Delete forgets one, the field's context menu forgets
them all. Only this field feeds it: the reader's find bar (Ctrl+F) does not.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.i18n import error_text
from reader.models.results import CaseIdRole, HitRole, ResultsModel
from reader.storage.catalog import Searcher
from reader.storage.search import FACETS, KINDS, Facets, SearchFilters, SearchResults
from reader.tasks import Latest, run_in_background
from reader.ui.item_paint import dimmed, paint_item_panel
from reader.ui.middle_click import MiddleClickListView
from reader.ui.search_history import SearchHistory

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex

KIND_ORDER = KINDS


def _utf16_offsets(text: str) -> list[int]:
    """``out[i]`` is the UTF-16 offset of Python index ``i`` (Qt counts UTF-16 units)."""
    out, pos = [], 0
    for ch in text:
        out.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    out.append(pos)
    return out


def _is_query_error(exc: BaseException) -> bool:
    try:
        from reader.domain.query import QueryError
    except ImportError:  # pragma: no cover - the query module ships with the search engine
        return False
    return isinstance(exc, QueryError)


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


class ResultDelegate(QStyledItemDelegate):
    """Draws a result: the title in bold, the snippet with its hits marked, then "section · batch" dimmed."""

    MARGIN = 6
    SPACING = 2
    SNIPPET_LINES = 3

    def __init__(self, *, batch_titles: Mapping[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._batch_titles = dict(batch_titles)

    def set_batch_titles(self, batch_titles: Mapping[str, str]) -> None:
        self._batch_titles = dict(batch_titles)

    def meta_text(self, hit: Any) -> str:
        parts = [p for p in (hit.section, self._batch_titles.get(hit.batch_id, hit.batch_id)) if p]
        return " · ".join(parts)

    @staticmethod
    def mark_colors(palette: QPalette) -> tuple[QColor, QColor]:
        """Background and text colour of a marked hit, readable on light and dark palettes."""
        if _is_dark(palette):
            return QColor(138, 104, 0), QColor(255, 255, 255)
        return QColor(255, 221, 87), QColor(0, 0, 0)

    def count_text(self, hit: Any) -> str:
        """How many hits the case has ("12 处"), shown at the end of its title line."""
        return self.tr("%n hit(s)", "", int(getattr(hit, "hit_count", 0) or 0))

    def _marks(self, text: str, spans: Any, palette: QPalette, *, bold: bool = False) -> list[QTextLayout.FormatRange]:
        """Format ranges that mark ``spans`` (Python offsets) of ``text`` as hits."""
        offsets = _utf16_offsets(text)
        mark_bg, mark_fg = self.mark_colors(palette)
        ranges = []
        for start, end in spans or ():
            start, end = max(0, int(start)), min(len(text), int(end))
            if end <= start:
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(mark_bg)
            fmt.setForeground(mark_fg)
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            r = QTextLayout.FormatRange()
            r.start = offsets[start]
            r.length = offsets[end] - offsets[start]
            r.format = fmt
            ranges.append(r)
        return ranges

    def title_layout(self, hit: Any, font: QFont, palette: QPalette, width: float) -> QTextLayout:
        """The title on one line, elided to ``width``, its hits marked like the snippet's."""
        title = hit.title or ""
        elided = QFontMetrics(font).elidedText(title, Qt.TextElideMode.ElideRight, max(1, int(width)))
        shown = len(elided) if elided == title else max(0, len(elided) - 1)  # the last character is "…"
        spans = [(a, min(b, shown)) for a, b in getattr(hit, "title_spans", None) or () if a < shown]
        layout = QTextLayout(elided, font)
        layout.setFormats(self._marks(elided, spans, palette, bold=True))
        layout.beginLayout()
        line = layout.createLine()
        if line.isValid():
            line.setLineWidth(max(1.0, width))
            line.setPosition(QPointF(0, 0))
        layout.endLayout()
        return layout

    def _snippet_layout(self, hit: Any, font: QFont, palette: QPalette, width: float) -> tuple[QTextLayout, float]:
        text = (hit.snippet or "").replace("\n", " ").replace("\r", " ")
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        ranges = self._marks(text, hit.snippet_spans, palette)
        layout.setFormats(ranges)
        layout.beginLayout()
        height = 0.0
        for _ in range(self.SNIPPET_LINES):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1.0, width))
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        return layout, height

    def _content_width(self, option: QStyleOptionViewItem) -> int:
        width = option.rect.width()
        view = option.widget
        if isinstance(view, QAbstractItemView):
            width = view.viewport().width()
        return max(40, width - 2 * self.MARGIN)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hit = index.data(HitRole)
        if hit is None:
            return super().sizeHint(option, index)
        font = QFont(option.font)
        bold = QFont(font)
        bold.setBold(True)
        width = self._content_width(option)
        _, snippet_height = self._snippet_layout(hit, font, option.palette, width)
        fm = QFontMetrics(font)
        height = QFontMetrics(bold).height() + self.SPACING + snippet_height + self.SPACING + fm.height()
        return QSize(width + 2 * self.MARGIN - 1, int(height + 2 * self.MARGIN + 0.999))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        hit = index.data(HitRole)
        if hit is None:
            super().paint(painter, option, index)
            return
        opt = paint_item_panel(self, painter, option, index)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        if not opt.state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif not opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        pal = opt.palette
        fg = pal.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        bg = pal.color(group, QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)

        rect = opt.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        font = QFont(opt.font)
        bold = QFont(font)
        bold.setBold(True)
        fm, bfm = QFontMetrics(font), QFontMetrics(bold)

        painter.save()
        painter.setClipRect(opt.rect)
        y = rect.top()
        count = self.count_text(hit) if getattr(hit, "hit_count", 0) else ""
        count_width = fm.horizontalAdvance(count) + fm.averageCharWidth() if count else 0
        painter.setPen(fg)
        title = self.title_layout(hit, bold, pal, rect.width() - count_width)
        title.draw(painter, QPointF(rect.left(), y))
        if count:
            painter.setFont(font)
            painter.setPen(dimmed(fg, bg))
            painter.drawText(
                QRect(rect.left(), y, rect.width(), bfm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                count,
            )
            painter.setPen(fg)
        y += bfm.height() + self.SPACING

        layout, snippet_height = self._snippet_layout(hit, font, pal, rect.width())
        painter.setPen(fg)
        layout.draw(painter, QPointF(rect.left(), y))
        y += int(snippet_height + 0.999) + self.SPACING

        painter.setFont(font)
        painter.setPen(dimmed(fg, bg))
        meta = fm.elidedText(self.meta_text(hit), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), y, rect.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, meta)

        separator = QColor(pal.color(QPalette.ColorRole.Text))
        separator.setAlphaF(0.12)
        painter.setPen(separator)
        painter.drawLine(
            opt.rect.left() + self.MARGIN, opt.rect.bottom(), opt.rect.right() - self.MARGIN, opt.rect.bottom()
        )
        painter.restore()


class _ResultList(MiddleClickListView):
    """The result list; a middle-click on a row opens it in a new tab."""


class SearchPanel(QWidget):
    """Full-text search over all cases. Emits :attr:`open_requested` with ``(case_id, query, new_tab)``."""

    open_requested = Signal(str, str, bool)
    #: Results for the current query are shown (the total number of matching cases).
    search_finished = Signal(int)
    #: The current query could not be searched (the message shown).
    search_failed = Signal(str)
    #: A search was sent to the searcher (the query).
    search_started = Signal(str)
    selection_changed = Signal()

    DEBOUNCE_MS = 150

    def __init__(
        self,
        *,
        searcher: Searcher,
        batch_titles: Mapping[str, str],
        page_size: int = 50,
        history: SearchHistory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._searcher = searcher
        self.history = history if history is not None else SearchHistory(settings=None, parent=self)
        self._shown_found = False  # the query on show found cases (worth remembering)
        self._remember_when_done: str | None = None  # committed to before its search finished
        self._batch_titles = dict(batch_titles)
        self._latest = Latest()
        self._shown_query = ""  # the query whose results (or message) are on show
        self._running: int | None = None  # token of the search in flight

        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("search-field")
        self.search_field.setPlaceholderText(self.tr("Search all cases…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setToolTip(
            self.tr(
                "Search the full text of every case.\n"
                "Words separated by spaces must all appear.\n"
                '"quoted phrase" finds the exact phrase.\n'
                "-word excludes cases that contain the word.\n"
                "A OR B finds cases with either.\n"
                "Chinese needs no spaces between words."
            )
        )
        self.search_field.installEventFilter(self)
        self.search_field.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.search_field.customContextMenuRequested.connect(self._field_menu)

        self.completer = QCompleter(self.history.model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.search_field.setCompleter(self.completer)
        self.completer.popup().setObjectName("search-history")
        self.completer.popup().setAccessibleName(self.tr("Search history"))
        # After the completer's own filter, so this one sees the popup's keys first (Enter, Shift+Delete).
        self.completer.popup().installEventFilter(self)
        self.completer.activated[str].connect(self.run_history_entry)

        self._facet_boxes: dict[str, QComboBox] = {}
        facets = QGridLayout()
        facets.setContentsMargins(0, 0, 0, 0)
        facets.setHorizontalSpacing(4)
        facets.setVerticalSpacing(4)
        names = {
            "batch": self.tr("Batch"),
            "category": self.tr("Category"),
            "region": self.tr("Region"),
            "kind": self.tr("Section"),
        }
        for n, key in enumerate(FACETS):
            box = QComboBox(self)
            box.setObjectName(f"facet-{key}")
            box.setAccessibleName(names[key])
            box.setToolTip(names[key])
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
            box.addItem(self._all_label(key), None)
            box.setEnabled(False)
            box.currentIndexChanged.connect(self._on_facet_changed)
            self._facet_boxes[key] = box
            facets.addWidget(box, n // 2, n % 2)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("result-count")

        self.model = ResultsModel(page_size=page_size, parent=self)
        self.list = _ResultList(self)
        self.list.setObjectName("result-list")
        self.list.setModel(self.model)
        self.list.setItemDelegate(ResultDelegate(batch_titles=self._batch_titles, parent=self.list))
        self.list.setUniformItemSizes(False)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("search-message")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setMargin(12)
        self.message_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # Offered when the filters, not the query, left nothing.
        self.clear_filters_button = QPushButton(self.tr("Clear Filters"), self)
        self.clear_filters_button.setObjectName("clear-filters")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.clear_filters_button.hide()
        self._message_page = QWidget(self)
        message_layout = QVBoxLayout(self._message_page)
        message_layout.setContentsMargins(0, 0, 0, 0)
        message_layout.addWidget(self.message_label)
        message_layout.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignHCenter)
        message_layout.addStretch(1)

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.list)
        self._stack.addWidget(self._message_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search_field)
        layout.addLayout(facets)
        layout.addWidget(self.count_label)
        layout.addWidget(self._stack, 1)
        self.setFocusProxy(self.search_field)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run_search)

        self.search_field.textChanged.connect(self._on_text_changed)
        self.list.activated.connect(self._on_activated)
        self.list.middle_clicked.connect(lambda index: self._open(index, new_tab=True))
        self.list.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.model.fetch_failed.connect(self._on_fetch_failed)
        self._show_hint()

    # ---------------------------------------------------------------------------------------------
    # Public API

    def set_batch_titles(self, batch_titles: Mapping[str, str]) -> None:
        """New batch titles (after an import, rename or removal of a batch)."""
        self._batch_titles = dict(batch_titles)
        delegate = self.list.itemDelegate()
        if hasattr(delegate, "set_batch_titles"):
            delegate.set_batch_titles(batch_titles)

    def query(self) -> str:
        return self.search_field.text()

    def set_query(self, text: str) -> None:
        """Put ``text`` in the search field and search for it now (no debounce)."""
        self.search_field.setText(text)  # starts the debounce timer (and updates the clear button)
        self._debounce.stop()
        self._run_search()

    def run_history_entry(self, text: str) -> None:
        """Search for an entry of the history now (it becomes the newest)."""
        self.set_query(text)
        self._remember()

    def show_history(self) -> bool:
        """Drop the whole history down under the field, its newest entry current; False when it is empty."""
        if not self.history.entries():
            return False
        self.completer.setCompletionPrefix("")
        self.completer.complete()
        popup = self.completer.popup()
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        return True

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def selected_case_ids(self) -> list[str]:
        """The ids of the selected results, best match first."""
        rows = sorted(index.row() for index in self.list.selectionModel().selectedRows())
        return [self.model.case_id(row) for row in rows]

    def filters(self) -> SearchFilters:
        """The filters chosen in the facet boxes (nothing for "All")."""
        chosen = {key: self._facet_boxes[key].currentData() for key in FACETS}
        return SearchFilters(*((value,) if value else () for value in chosen.values()))

    def clear_filters(self) -> None:
        """Set every facet back to "All" and search again."""
        for box in self._facet_boxes.values():
            blocker = box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(blocker)
        self._debounce.stop()
        self._run_search()

    def set_filter(self, key: str, value: str | None) -> None:
        """Choose ``value`` in the facet ``key`` ("batch", "category", "region", "kind"); None for all."""
        box = self._facet_boxes[key]
        row = box.findData(value) if value is not None else 0
        if row < 0:
            blocker = box.blockSignals(True)
            box.addItem(self._value_label(key, value, 0), value)
            box.blockSignals(blocker)
            row = box.count() - 1
        box.setCurrentIndex(row)

    def facet_box(self, key: str) -> QComboBox:
        return self._facet_boxes[key]

    def is_searching(self) -> bool:
        """True while a search is scheduled or running."""
        return self._debounce.isActive() or self._running is not None

    # ---------------------------------------------------------------------------------------------
    # Searching

    def _on_text_changed(self, _text: str) -> None:
        self._debounce.start()  # restarts a running timer

    def _remember(self) -> None:
        """The user committed to the query in the field: into the history once its search found cases."""
        query = self.search_field.text().strip()
        if not query:
            return
        if not self.is_searching() and query == self._shown_query:
            if self._shown_found:
                self.history.add(query)
            self._remember_when_done = None
        else:
            self._remember_when_done = query

    def _on_facet_changed(self, _row: int) -> None:
        self._debounce.stop()
        self._run_search()

    def _run_search(self) -> None:
        query = self.search_field.text().strip()
        token = self._latest.next()
        if not query:
            self._running = None
            self.model.clear()
            self._shown_query = ""
            for box in self._facet_boxes.values():
                box.setEnabled(False)
            self._show_hint()
            return
        filters = self.filters()
        searcher = self._searcher
        page_size = self.model.page_size

        def job() -> tuple[SearchResults, Facets, int | None]:
            results = searcher.search(query, filters, limit=page_size, offset=0)
            # Drill-down counts: each facet's under the other facets' filters, so every count offered is the
            # number of results choosing it gives.
            facets = searcher.facets(query, filters)
            # When the filters leave nothing, whether the query alone finds something (to say so).
            unfiltered = searcher.search(query, limit=0).total if filters and not results.total else None
            return results, facets, unfiltered

        self._running = token
        self.search_started.emit(query)
        run_in_background(
            job,
            on_success=lambda payload: self._search_done(token, query, filters, payload),
            on_failure=lambda exc: self._search_failed(token, query, exc),
        )

    def _search_done(self, token: int, query: str, filters: SearchFilters, payload: Any) -> None:
        if not shiboken6.isValid(self) or not self._latest.is_current(token):
            return  # a newer search has started: this result is stale
        self._running = None
        results, facets, unfiltered = payload
        searcher = self._searcher

        def fetch_page(offset: int, limit: int) -> list[Any]:
            return list(searcher.search(query, filters, limit=limit, offset=offset).hits)

        self.model.set_results(results, fetch_page=fetch_page)
        self._fill_facets(facets)
        for box in self._facet_boxes.values():
            box.setEnabled(True)
        self._shown_query = query
        total = self.model.total
        self._shown_found = total > 0
        if self._remember_when_done is not None and self._remember_when_done == query:
            self._remember_when_done = None
            if total:
                self.history.add(query)
        self.count_label.setText(self.tr("%n case(s)", "", total))
        if total:
            self._stack.setCurrentWidget(self.list)
            self.list.scrollToTop()
        elif getattr(getattr(results, "parsed", None), "empty", False):
            self._show_message(self._nothing_to_search_text(query))
        elif unfiltered:
            self._show_message(self._filtered_out_text(query, unfiltered), offer_clear=True)
        else:
            self._show_message(self._no_results_text(query))
        self.search_finished.emit(total)

    def _search_failed(self, token: int, query: str, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or not self._latest.is_current(token):
            return
        self._running = None
        self.model.clear()
        self._shown_query = query
        self._shown_found = False
        self._remember_when_done = None
        self.count_label.clear()
        if _is_query_error(exc):
            text = self._query_error_text(exc)
        else:
            log.error("search for %r failed", query, exc_info=exc)
            text = self.tr("The search failed: %1").replace("%1", str(exc) or type(exc).__name__)
        self._show_message(text)
        self.search_failed.emit(text)

    def _on_fetch_failed(self, exc: object) -> None:
        self.count_label.setText(
            self.tr("%n case(s)", "", self.model.total) + " · " + self.tr("could not load more results")
        )

    # ---------------------------------------------------------------------------------------------
    # Presentation

    def _all_label(self, key: str) -> str:
        return {
            "batch": self.tr("All batches"),
            "category": self.tr("All categories"),
            "region": self.tr("All regions"),
            "kind": self.tr("All sections"),
        }[key]

    def kind_label(self, kind: str) -> str:
        return {
            "practice": self.tr("Practice"),
            "effect": self.tr("Effect"),
            "next": self.tr("Next steps"),
            "other": self.tr("Other"),
        }.get(kind, kind)

    def _value_label(self, key: str, value: str, count: int) -> str:
        if key == "batch":
            title = self._batch_titles.get(value, value)
            if list(self._batch_titles.values()).count(title) > 1:
                title = f"{title} [{value}]"  # the labels (ui/batch_labels.py) tell batches apart; a last resort
        elif key == "kind":
            title = self.kind_label(value)
        else:
            title = value
        return f"{title} ({count})"

    def _fill_facets(self, facets: Mapping[str, Mapping[str, int]]) -> None:
        for key in FACETS:
            box = self._facet_boxes[key]
            counts = dict(facets.get(key, {}) or {})
            current = box.currentData()
            if current is not None and current not in counts:
                counts[current] = 0  # keep the user's choice visible, even with no hits now
            if key == "batch":
                known = list(self._batch_titles)
                values = sorted(counts, key=lambda v: (known.index(v) if v in known else len(known), v))
            elif key == "kind":
                values = sorted(counts, key=lambda v: (KIND_ORDER.index(v) if v in KIND_ORDER else 99, v))
            else:
                values = sorted(counts, key=lambda v: (-counts[v], v))
            blocker = box.blockSignals(True)
            try:
                box.clear()
                box.addItem(self._all_label(key), None)
                for value in values:
                    box.addItem(self._value_label(key, value, counts[value]), value)
                    if key == "batch":
                        box.setItemData(
                            box.count() - 1, self._batch_titles.get(value, value), Qt.ItemDataRole.ToolTipRole
                        )
                box.setCurrentIndex(max(0, box.findData(current)) if current is not None else 0)
            finally:
                box.blockSignals(blocker)

    def _show_hint(self) -> None:
        self.count_label.clear()
        self._show_message(
            self.tr(
                "Type to search the full text of all cases.\n"
                "Hover over the search field to see how to combine words, phrases and exclusions."
            )
        )

    def _show_message(self, text: str, *, offer_clear: bool = False) -> None:
        self.message_label.setText(text)
        self.clear_filters_button.setVisible(offer_clear)
        self._stack.setCurrentWidget(self._message_page)

    def _no_results_text(self, query: str) -> str:
        lines = [self.tr("No cases match “%1”.").replace("%1", query), ""]
        lines.append(self.tr("Try fewer characters or a shorter word."))
        if self.filters():
            lines.append(self.tr("Remove a filter: set it back to “All”."))
        if any(len(word) > 1 and word.startswith("-") for word in query.split()):
            lines.append(self.tr("Check the excluded words (those starting with -)."))
        return "\n".join(lines)

    def _filtered_out_text(self, query: str, unfiltered: int) -> str:
        """The query finds ``unfiltered`` cases, but none with the chosen filters."""
        return "\n".join(
            [
                self.tr("No case matches “%1” with the chosen filters.").replace("%1", query),
                self.tr("Without them, %n case(s) match.", "", unfiltered),
            ]
        )

    def _nothing_to_search_text(self, query: str) -> str:
        return "\n".join(
            [
                self.tr("There is nothing to search for in “%1”.").replace("%1", query),
                "",
                self.tr("Type a word or phrase: - and OR only work next to one."),
            ]
        )

    def _query_error_text(self, exc: BaseException) -> str:
        return "\n".join(
            [
                self.tr("This query cannot be searched:"),
                error_text(exc),
                "",
                self.tr("Hover over the search field to see the query syntax."),
            ]
        )

    def message(self) -> str:
        """The text of the empty-state label (hint, no results, or error)."""
        return self.message_label.text()

    def showing_results(self) -> bool:
        return self._stack.currentWidget() is self.list

    # ---------------------------------------------------------------------------------------------
    # Opening

    def _on_activated(self, index: QModelIndex) -> None:
        new_tab = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
        self._open(index, new_tab=new_tab)

    def _open(self, index: QModelIndex, *, new_tab: bool) -> None:
        case_id = index.data(CaseIdRole) if index.isValid() else None
        if case_id:
            self._remember()
            self.open_requested.emit(case_id, self._shown_query, new_tab)

    def _focus_list(self) -> None:
        if self.model.rowCount() == 0:
            return
        self._stack.setCurrentWidget(self.list)
        self._remember()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        # The row Enter would open, selected and in view: a current row without a selection is not shown.
        current = self.list.currentIndex()
        if not current.isValid():
            current = self.model.index(0, 0)
        if not self.list.selectionModel().isSelected(current):  # (a selection of several rows is kept)
            self.list.selectionModel().setCurrentIndex(current, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(current)

    # Qt API

    def _field_menu(self, pos: QPoint) -> None:
        menu = self.search_field.createStandardContextMenu()
        menu.addSeparator()
        clear = menu.addAction(self.tr("Clear Search History"), self.history.clear)
        clear.setObjectName("clear-search-history")
        clear.setEnabled(bool(self.history.entries()))
        menu.exec(self.search_field.mapToGlobal(pos))
        menu.deleteLater()

    def _popup_key(self, event: QKeyEvent) -> bool:
        """Keys on the history drop-down before the completer sees them; True when handled here."""
        popup = self.completer.popup()
        current = popup.currentIndex()
        if event.key() == Qt.Key.Key_Delete and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            if current.isValid():
                self.history.remove(current.data())
                if not self.completer.completionCount():
                    popup.hide()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not current.isValid():
            popup.hide()  # no entry chosen: Enter is the field's own (search now, open the first result)
            self._enter(event)
            return True
        return False

    def _enter(self, event: QKeyEvent) -> None:
        self._remember()
        if self._debounce.isActive():  # search now instead of waiting for the timer
            self._debounce.stop()
            self._run_search()
        elif self._running is None and self.model.rowCount():
            new_tab = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            current = self.list.currentIndex()
            self._open(current if current.isValid() else self.model.index(0, 0), new_tab=new_tab)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.completer.popup() and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._popup_key(event)
        if (
            watched is self.search_field
            and event.type() == QEvent.Type.MouseButtonRelease
            and not self.search_field.text()
            and not self.completer.popup().isVisible()
        ):
            QTimer.singleShot(0, self.show_history)  # a click in the empty field offers the history
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Down:
                if self.search_field.text() or not self.show_history():
                    self._focus_list()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter(event)
                return True
            if key == Qt.Key.Key_Escape and self.search_field.text():
                self.search_field.clear()
                return True
        return super().eventFilter(watched, event)
