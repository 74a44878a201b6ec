"""Choosing cases to compare: the "Compare with…" picker and the "Similar cases" panel.

Both list candidates in a :class:`CandidateModel`, a hand-written list model of :class:`Candidate`
rows (a case, its batch · category · contributors line, and its similarity to the current case when it
is a suggestion). Rows can be dragged onto a compare view (they carry the case ids, like the library).

* :class:`ComparePicker` — a dialog: with an empty field it suggests the cases most similar to the
  current one (by :meth:`reader.domain.terms.TermIndex.similar`), then every other case; typing filters
  titles, contributors, categories and batches at once and, when a searcher is given, adds the cases
  whose full text matches (the library search, on a pool thread).
* :class:`SimilarCasesPanel` — the ranked list of cases most similar to the case being read, for a side
  panel of the main window; double-click opens a case, "Compare" compares it with the current one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.domain.compare import MAX_CASES
from reader.models.library import CASE_IDS_MIME
from reader.storage.casebook import CaseSummary
from reader.tasks import Latest, run_in_background
from reader.ui.item_paint import dimmed, paint_item_panel
from reader.ui.term_service import TermService

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex

#: The case id of a row.
CaseIdRole = Qt.ItemDataRole.UserRole + 1
#: The similarity score of a suggested row (``None`` for other rows).
ScoreRole = Qt.ItemDataRole.UserRole + 2
#: The "batch · category · contributors" line of a row.
DetailRole = Qt.ItemDataRole.UserRole + 3
#: The row's :class:`Candidate`.
CandidateRole = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class Candidate:
    case_id: str
    title: str  # display title (with the number where the batch numbers its cases)
    detail: str = ""  # batch · category · contributors
    score: float | None = None  # similarity to the current case (suggestions only)
    haystack: str = ""  # casefolded title, contributors, category and batch, for the quick filter
    regions: str = ""  # the contributors, 、-separated
    batch: str = ""  # the batch's label (title, with its case count when another batch has the title)


def candidate_of(summary: CaseSummary, batch_title: str, score: float | None = None) -> Candidate:
    regions = "、".join(summary.contributors)
    parts = [batch_title, summary.category or "", regions]
    detail = " · ".join(p for p in parts if p)
    hay = " ".join([summary.display_title, *parts]).casefold()
    return Candidate(summary.id, summary.display_title, detail, score, hay, regions, batch_title)


class CandidateDelegate(QStyledItemDelegate):
    """Two lines a row: the case title, then "regions · similarity · batch" dimmed (elided at the right,
    so the region and the score stay visible in a narrow side panel)."""

    MARGIN = 4

    def second_line(self, candidate: Candidate) -> str:
        parts = [candidate.regions]
        if candidate.score is not None:
            parts.append(self.tr("similarity %1").replace("%1", f"{candidate.score:.2f}"))
        parts.append(candidate.batch)
        return " · ".join(p for p in parts if p)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(max(40, option.rect.width()), 2 * fm.height() + 2 * self.MARGIN + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        candidate = index.data(CandidateRole)
        if candidate is None:
            super().paint(painter, option, index)
            return
        opt = paint_item_panel(self, painter, option, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        fg = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        bg = pal.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        dim = dimmed(fg, bg)
        fm = QFontMetrics(opt.font)
        rect = opt.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setFont(opt.font)
        painter.setPen(fg)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        title = fm.elidedText(candidate.title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), fm.height()), align, title)
        painter.setPen(dim)
        detail = fm.elidedText(self.second_line(candidate), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top() + fm.height() + 2, rect.width(), fm.height()), align, detail)
        painter.restore()


class CandidateModel(QAbstractListModel):
    """Candidate cases, one a row, in the order given; draggable like library rows."""

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Candidate] = []

    def set_candidates(self, candidates: Sequence[Candidate]) -> None:
        self.beginResetModel()
        self._rows = list(candidates)
        self.endResetModel()

    def append(self, candidates: Sequence[Candidate]) -> None:
        """Add rows at the end (rows whose case is listed already are skipped)."""
        known = {c.case_id for c in self._rows}
        new: list[Candidate] = []
        for c in candidates:
            if c.case_id not in known:
                known.add(c.case_id)
                new.append(c)
        if not new:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(new) - 1)
        self._rows += new
        self.endInsertRows()

    def candidates(self) -> list[Candidate]:
        return list(self._rows)

    def candidate(self, row: int) -> Candidate:
        return self._rows[row]

    def case_ids(self) -> list[str]:
        return [c.case_id for c in self._rows]

    def row_of(self, case_id: str) -> int:
        for i, c in enumerate(self._rows):
            if c.case_id == case_id:
                return i
        return -1

    # ---------------------------------------------------------------------------------------------
    # Qt API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        c = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return c.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [c.title]
            if c.detail:
                lines.append(c.detail)
            if c.score is not None:
                lines.append(self.tr("Text similarity: %1").replace("%1", f"{c.score:.3f}"))
            return "\n".join(lines)
        if role == CaseIdRole:
            return c.case_id
        if role == ScoreRole:
            return c.score
        if role == DetailRole:
            return c.detail
        if role == CandidateRole:
            return c
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def mimeTypes(self) -> list[str]:
        return [CASE_IDS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if not rows:
            return None
        mime = QMimeData()
        mime.setData(CASE_IDS_MIME, QByteArray("\n".join(self._rows[r].case_id for r in rows).encode("utf-8")))
        mime.setText("\n".join(self._rows[r].title for r in rows))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


def _list_view(parent: QWidget, model: CandidateModel) -> QListView:
    view = QListView(parent)
    view.setModel(model)
    view.setUniformItemSizes(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setDragEnabled(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setItemDelegate(CandidateDelegate(view))
    return view


class ComparePicker(QDialog):
    """Pick up to ``max_count`` cases to compare with (see the module docstring)."""

    #: The full-text search for the typed text finished (number of cases it added).
    search_finished = Signal(int)

    DEBOUNCE_MS = 150

    def __init__(
        self,
        *,
        summaries: Sequence[CaseSummary],
        batch_titles: Mapping[str, str],
        term_service: TermService | None = None,
        searcher: Any = None,
        base_case_id: str | None = None,
        exclude: Sequence[str] = (),
        max_count: int = MAX_CASES - 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare With"))
        self.setObjectName("compare-picker")
        self._summaries = {s.id: s for s in summaries}
        self._order = [s.id for s in summaries]
        self._batch_titles = dict(batch_titles)
        self._term_service = term_service
        self._searcher = searcher
        self._base = base_case_id
        self._exclude = set(exclude) | ({base_case_id} if base_case_id else set())
        self._max = max(1, max_count)
        self._latest = Latest()

        base = self._summaries.get(base_case_id or "")
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        if base is not None:
            intro.setText(
                self.tr("Choose up to %1 case(s) to compare with “%2”.")
                .replace("%1", str(self._max))
                .replace("%2", base.title)
            )
        else:
            intro.setText(self.tr("Choose up to %1 case(s) to compare.").replace("%1", str(self._max)))
        self.field = QLineEdit(self)
        self.field.setObjectName("picker-field")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(self.tr("Search titles, regions and full text…"))
        self.section_label = QLabel(self)
        self.section_label.setObjectName("picker-section")
        self.model = CandidateModel(parent=self)
        self.list = _list_view(self, self.model)
        self.list.setObjectName("picker-list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.note = QLabel(self)
        self.note.setObjectName("picker-note")
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Compare"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.field)
        lay.addWidget(self.section_label)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.note)
        lay.addWidget(self.buttons)
        self.resize(560, 520)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self._full_text_search)
        self.field.textChanged.connect(self._on_text)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.list.doubleClicked.connect(lambda _i: self.accept() if self._selection_ok() else None)
        if term_service is not None:
            term_service.ready.connect(self._refresh_suggestions)
            term_service.ensure()
        self._fill()
        self.setFocusProxy(self.field)

    # Public API --------------------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Filter as if ``text`` was typed, and start the full-text search for it now."""
        self.field.setText(text)
        self._debounce.stop()
        self._full_text_search()

    def selected_case_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.list.selectionModel().selectedRows())
        return [self.model.candidate(r).case_id for r in rows]

    def select(self, case_ids: Sequence[str]) -> None:
        sel = self.list.selectionModel()
        sel.clearSelection()
        for cid in case_ids:
            row = self.model.row_of(cid)
            if row >= 0:
                sel.select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )

    @classmethod
    def pick(cls, parent: QWidget | None = None, **kwargs: Any) -> list[str]:
        """Show the picker modally; the chosen case ids (``[]`` when cancelled)."""
        dialog = cls(parent=parent, **kwargs)
        try:
            return dialog.selected_case_ids() if dialog.exec() == QDialog.DialogCode.Accepted else []
        finally:
            dialog.deleteLater()

    # Internals -----------------------------------------------------------------------------------

    def _candidate(self, case_id: str, score: float | None = None) -> Candidate | None:
        summary = self._summaries.get(case_id)
        if summary is None:
            return None
        return candidate_of(summary, self._batch_titles.get(summary.batch_id, ""), score)

    def _suggestions(self) -> list[Candidate]:
        index = self._term_service.index() if self._term_service is not None else None
        if index is None or self._base is None or self._base not in index:
            return []
        out = []
        for s in index.similar(self._base, limit=10):
            if s.case_id not in self._exclude and (c := self._candidate(s.case_id, s.score)) is not None:
                out.append(c)
        return out

    def _fill(self) -> None:
        text = " ".join(self.field.text().split()).casefold()
        rows: list[Candidate] = []
        if not text:
            rows = self._suggestions()
            self.section_label.setText(
                self.tr("Most similar cases first, then all cases:") if rows else self.tr("All cases:")
            )
        else:
            self.section_label.setText(self.tr("Matching cases:"))
        listed = {c.case_id for c in rows}
        for cid in self._order:
            if cid in self._exclude or cid in listed:
                continue
            c = self._candidate(cid)
            if c is not None and (not text or all(word in c.haystack for word in text.split())):
                rows.append(c)
        keep = self.selected_case_ids()
        self.model.set_candidates(rows)
        self.select(keep)
        self._update_buttons()

    def _refresh_suggestions(self) -> None:
        if shiboken6.isValid(self) and not self.field.text().strip():
            self._fill()

    def _on_text(self, _text: str) -> None:
        self._latest.next()  # a search in flight is for older text
        self._fill()
        if self._searcher is not None and self.field.text().strip():
            self._debounce.start()

    def _full_text_search(self) -> None:
        query = self.field.text().strip()
        if self._searcher is None or not query:
            return
        token = self._latest.next()
        searcher = self._searcher

        def job() -> list[str]:
            results = searcher.search(query, limit=50)
            return [hit.case_id for hit in results.hits]

        def done(ids: list[str]) -> None:
            if not shiboken6.isValid(self) or not self._latest.is_current(token):
                return
            new = [c for cid in ids if cid not in self._exclude and (c := self._candidate(cid)) is not None]
            before = self.model.rowCount()
            self.model.append(new)
            self.search_finished.emit(self.model.rowCount() - before)

        def failed(exc: BaseException) -> None:  # a query the search does not accept: the quick filter stays
            if shiboken6.isValid(self) and self._latest.is_current(token):
                self.search_finished.emit(0)

        run_in_background(job, on_success=done, on_failure=failed)

    def _selection_ok(self) -> bool:
        return 1 <= len(self.selected_case_ids()) <= self._max

    def _update_buttons(self, *_: object) -> None:
        n = len(self.selected_case_ids())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(1 <= n <= self._max)
        if n > self._max:
            self.note.setText(
                self.tr("Choose at most %1 case(s): four cases fit side by side.").replace("%1", str(self._max))
            )
        else:
            self.note.setText("")

    def accept(self) -> None:
        if self._selection_ok():
            super().accept()


class SimilarCasesPanel(QWidget):
    """The cases most similar to the current one, best first (never the case itself)."""

    open_requested = Signal(str)  # case id
    compare_requested = Signal(list)  # [current case id, other case id]

    def __init__(
        self,
        *,
        term_service: TermService,
        summaries: Sequence[CaseSummary],
        batch_titles: Mapping[str, str],
        limit: int = 8,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("similar-cases")
        self._term_service = term_service
        self._summaries = {s.id: s for s in summaries}
        self._batch_titles = dict(batch_titles)
        self._limit = limit
        self._case_id: str | None = None
        self.heading = QLabel(self.tr("Similar cases"), self)
        self.heading.setContentsMargins(8, 6, 8, 2)
        self.model = CandidateModel(parent=self)
        self.list = _list_view(self, self.model)
        self.list.setObjectName("similar-list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setContentsMargins(8, 2, 8, 2)
        self.compare_button = QPushButton(self.tr("Compare"), self)
        self.compare_button.setToolTip(self.tr("Compare the selected case with the one you are reading"))
        self.compare_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 0, 8, 4)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.heading)
        lay.addWidget(self.status)
        lay.addWidget(self.list, 1)
        lay.addLayout(buttons)
        self.list.activated.connect(self._open)
        self.list.doubleClicked.connect(self._open)
        self.list.selectionModel().selectionChanged.connect(
            lambda *_: self.compare_button.setEnabled(bool(self.list.selectionModel().selectedRows()))
        )
        self.compare_button.clicked.connect(self._compare)
        term_service.ready.connect(self._refresh)

    def case_id(self) -> str | None:
        return self._case_id

    def set_case(self, case_id: str | None) -> None:
        """Show the cases similar to ``case_id`` (the index is built on first use, off the GUI thread)."""
        self._case_id = case_id
        self._refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refresh()

    def similar_case_ids(self) -> list[str]:
        return self.model.case_ids()

    def _refresh(self) -> None:
        if not shiboken6.isValid(self):
            return
        index = self._term_service.index()
        if self._case_id is None:
            self.model.set_candidates([])
            self.status.setText("")
        elif index is None:
            self.model.set_candidates([])
            self.status.setText(self.tr("Finding similar cases…"))
            if self.isVisible():  # built when first needed: never competes with start-up
                self._term_service.ensure()
        else:
            rows = []
            for s in index.similar(self._case_id, limit=self._limit):
                summary = self._summaries.get(s.case_id)
                if summary is not None:
                    rows.append(candidate_of(summary, self._batch_titles.get(summary.batch_id, ""), s.score))
            self.model.set_candidates(rows)
            self.status.setText("" if rows else self.tr("No similar cases"))
        self.status.setVisible(bool(self.status.text()))
        self.compare_button.setEnabled(False)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(CaseIdRole))

    def _compare(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        if rows and self._case_id is not None:
            self.compare_requested.emit([self._case_id, rows[0].data(CaseIdRole)])
