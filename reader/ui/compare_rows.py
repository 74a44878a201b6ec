"""The rows of a comparison kept level and scrolled together.

:class:`RowSync` pads every column's rows to the tallest cell of each row (each row starts at the same y in every
column, see :mod:`reader.ui.compare_view`) and, with sync on, moves the other columns to the row and the fraction
of it that the column scrolled last shows. The compare view owns the columns; this room owns where they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from reader.domain.compare import Alignment
from reader.ui.compare_columns import Column

#: A position in a column: the row index and how far into the row (0..1) the top of the view is.
Position = tuple[int, float]


class RowSync(QObject):
    """Level rows and synchronised scrolling over the columns ``columns()`` returns, aligned as ``alignment()``."""

    #: The rows were aligned (after a render, a zoom or a resize).
    aligned = Signal()

    def __init__(
        self, columns: Callable[[], list[Column]], alignment: Callable[[], Alignment], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._columns = columns
        self._alignment = alignment
        self._on = True
        self._syncing = False  # our own scrolling: not a user's scroll to follow
        self._last_scrolled = 0
        #: Where every column goes at the next alignment (a restored session, a column added or removed).
        self.pending: Position | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.realign)

    # Sync --------------------------------------------------------------------------------------

    def is_on(self) -> bool:
        return self._on

    def set_on(self, on: bool) -> None:
        """Switch sync on or off; switched on, the others follow the column scrolled last."""
        self._on = bool(on)
        columns = self._columns()
        if self._on and columns:
            self._sync_from(min(self._last_scrolled, len(columns) - 1))

    def watch(self, column: Column) -> None:
        """Follow a new column's scrolling and realign when it is resized."""
        column.browser.verticalScrollBar().valueChanged.connect(lambda _v, c=column: self._on_scrolled(c))
        column.browser.resized.connect(self.realign_soon)

    def realign_soon(self) -> None:
        """Realign once the event loop is idle (several resizes in a row align once)."""
        self._timer.start()

    # Rows --------------------------------------------------------------------------------------

    def current_row(self) -> int:
        """Index of the row at the top of the column scrolled last."""
        columns = self._columns()
        if not columns:
            return 0
        return columns[min(self._last_scrolled, len(columns) - 1)].browser.current_row()

    def current_row_key(self) -> str:
        rows = self._alignment().rows
        return rows[self.current_row()].key if rows else ""

    def current_position(self) -> Position:
        columns = self._columns()
        if not columns:
            return 0, 0.0
        return columns[min(self._last_scrolled, len(columns) - 1)].browser.position()

    def scroll_to_row(self, row: int | str, *, column: int | None = None) -> None:
        """Bring a row (index or key) to the top of one column, or of all columns when ``column`` is None."""
        index = self._alignment().row_index(row) if isinstance(row, str) else row
        if index < 0:
            return
        columns = self._columns()
        targets = columns if column is None else [columns[column]]
        self._syncing = True
        try:
            for c in targets:
                c.browser.set_position(index, 0.0)
        finally:
            self._syncing = False
        if column is not None and self._on:
            self._last_scrolled = column
            self._sync_from(column)

    def is_level(self, tolerance: float = 1.0) -> bool:
        """Whether every row starts at the same y in every column."""
        tops = [c.browser.row_tops() for c in self._columns()]
        return all(
            max(t[i] for t in tops) - min(t[i] for t in tops) <= tolerance for i in range(len(self._alignment().rows))
        )

    def positions(self) -> list[Position]:
        """Where each column should be after a relayout: a pending position, the synced one, or its own."""
        columns = self._columns()
        n = len(columns)
        if self.pending is not None:
            keep, self.pending = self.pending, None
            return [keep] * n
        own = [c.browser.position() for c in columns]
        if self._on and own:
            return [own[min(self._last_scrolled, n - 1)]] * n
        return own

    def realign(self) -> None:
        """Pad the rows so that each is as tall as its tallest cell, keeping each column's place."""
        self.realign_to(self.positions())

    def realign_to(self, positions: Sequence[Position]) -> None:
        """Pad the rows, then put the columns at ``positions`` (one per column)."""
        self._timer.stop()
        columns, rows = self._columns(), self._alignment().rows
        if not columns or not rows:
            return
        heights = [c.browser.natural_heights() for c in columns]
        target = [max(h[i] for h in heights) for i in range(len(rows))]
        for c, h in zip(columns, heights, strict=True):
            c.browser.set_pads([t - x for t, x in zip(target, h, strict=True)])
        self._syncing = True
        try:
            for c, position in zip(columns, positions, strict=True):
                c.browser.set_position(*position)
        finally:
            self._syncing = False
        self.aligned.emit()

    def _on_scrolled(self, column: Column) -> None:
        if self._syncing:
            return
        columns = self._columns()
        if column in columns:
            self._last_scrolled = columns.index(column)
        if self._on:
            self._sync_from(self._last_scrolled)

    def _sync_from(self, index: int) -> None:
        columns = self._columns()
        row, fraction = columns[index].browser.position()
        self._syncing = True
        try:
            for i, c in enumerate(columns):
                if i != index:
                    c.browser.set_position(row, fraction)
        finally:
            self._syncing = False
