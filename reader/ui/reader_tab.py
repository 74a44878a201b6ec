"""One reader tab: a case view, its find bar and its own back/forward history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from reader.domain.case import Case
from reader.ui.case_view import CaseView
from reader.ui.figures_card import FiguresCard


@dataclass(frozen=True)
class Location:
    case_id: str
    scroll: int = 0
    query: str = ""


class FindBar(QWidget):
    """In-case find with the library search's Chinese semantics (no spaces needed, ``3家`` finds ``3 家``)."""

    find_changed = Signal(str)
    step = Signal(int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in this case…"))
        self.field.setClearButtonEnabled(True)
        self.field.setToolTip(self.tr("Finds text in the open case; spaces between words and numbers are ignored."))
        self.count = QLabel(self)
        self.count.setMinimumWidth(110)
        prev_btn = QToolButton(self)
        prev_btn.setText("▲")
        prev_btn.setToolTip(self.tr("Previous hit (Shift+F3)"))
        next_btn = QToolButton(self)
        next_btn.setText("▼")
        next_btn.setToolTip(self.tr("Next hit (F3)"))
        close_btn = QToolButton(self)
        close_btn.setText("✕")
        close_btn.setToolTip(self.tr("Close (Esc)"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(QLabel(self.tr("Find:"), self))
        lay.addWidget(self.field, 1)
        lay.addWidget(self.count)
        lay.addWidget(prev_btn)
        lay.addWidget(next_btn)
        lay.addWidget(close_btn)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(lambda: self.find_changed.emit(self.field.text()))
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self._enter)
        prev_btn.clicked.connect(lambda: self.step.emit(-1))
        next_btn.clicked.connect(lambda: self.step.emit(1))
        close_btn.clicked.connect(self.close_bar)
        QShortcut(QKeySequence("Esc"), self.field, self.close_bar)

    def _enter(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.find_changed.emit(self.field.text())
        else:
            self.step.emit(1)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, current: int, total: int, query: str) -> None:
        if not query.strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("No hits"))
        else:
            self.count.setText(self.tr("Hit %1 of %2").replace("%1", str(current)).replace("%2", str(total)))


class ReaderTab(QWidget):
    """Shows one case at a time; remembers where the user has been in this tab."""

    case_changed = Signal(str)  # case id
    hits_changed = Signal(int, int)
    history_changed = Signal()

    def __init__(self, *, load_case: Callable[[str], tuple[Case, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load_case = load_case
        self.view = CaseView(self)
        self.figures_card = FiguresCard(self.view)  # the 成效要点 card at the head of the effect section
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.find_bar)
        self._back: list[Location] = []
        self._forward: list[Location] = []
        self._here: Location | None = None
        self._waiting_title: str | None = None  # set while a restored tab waits to be shown (see defer_case)
        self.view.hits_changed.connect(self._on_hits)
        self.find_bar.find_changed.connect(lambda text: self.view.set_query(text))
        self.find_bar.step.connect(self.view.step_hit)
        self.find_bar.closed.connect(self._find_closed)

    @property
    def case_id(self) -> str | None:
        return self._here.case_id if self._here else None

    def title(self) -> str:
        if self._waiting_title is not None:
            return self._waiting_title
        return self.view.case.title if self.view.case else ""

    def location(self) -> Location | None:
        if self._here is None or self._waiting_title is not None:
            return self._here
        return replace(self._here, scroll=self.view.verticalScrollBar().value(), query=self.view.query)

    def defer_case(self, case_id: str, *, title: str, scroll: int = 0) -> None:
        """Remember ``case_id`` (a tab of the last session) and render it only when the tab is first shown.

        A session of many tabs then starts as fast as one of a single tab; :attr:`case_changed` is emitted
        when the case is rendered.
        """
        self._here = Location(case_id, scroll, "")
        self._waiting_title = title

    def is_waiting(self) -> bool:
        """True while a deferred case (:meth:`defer_case`) has not been rendered yet."""
        return self._waiting_title is not None

    def ensure_shown(self) -> None:
        """Render a deferred case now (it happens by itself when the tab is first shown)."""
        if self._waiting_title is not None and self._here is not None:
            self._waiting_title = None
            self._show(self._here, jump=False)

    def open_case(self, case_id: str, *, query: str = "", scroll: int | None = None) -> None:
        """Show ``case_id``; the current place goes on the back stack. A query highlights and jumps to hits."""
        here = self.location()  # a deferred case goes on the back stack without being rendered
        self._waiting_title = None
        self._show(Location(case_id, scroll or 0, query), jump=scroll is None)
        if here is not None:
            self._back.append(here)
            self._forward.clear()
        self.history_changed.emit()

    def _show(self, loc: Location, *, jump: bool) -> None:
        case, batch_title = self._load_case(loc.case_id)
        self._here = loc
        self.view.set_case(case, batch_title=batch_title)
        if loc.query:
            self.find_bar.field.blockSignals(True)
            self.find_bar.field.setText(loc.query)
            self.find_bar.field.blockSignals(False)
        self.view.set_query(loc.query, jump=jump)
        if not jump or not loc.query:
            self.view.scroll_to_position(loc.scroll)
        self.case_changed.emit(loc.case_id)

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> None:
        if self._back:
            here = self.location()
            target = self._back.pop()
            if here:
                self._forward.append(here)
            self._show(target, jump=False)
            self.history_changed.emit()

    def forward(self) -> None:
        if self._forward:
            here = self.location()
            target = self._forward.pop()
            if here:
                self._back.append(here)
            self._show(target, jump=False)
            self.history_changed.emit()

    def showEvent(self, event) -> None:
        self.ensure_shown()
        super().showEvent(event)

    def _on_hits(self, current: int, total: int) -> None:
        self.find_bar.show_count(current, total, self.view.query)
        self.hits_changed.emit(current, total)

    def _find_closed(self) -> None:
        """Esc in the find bar: its highlights and "Hit 3 of 29" go with it; the keys go back to the text."""
        self.view.set_query("", jump=False)
        self.view.setFocus()

    def open_find(self) -> None:
        self.find_bar.open_bar()
