"""Compare columns that keep a readable width: below it, the columns scroll sideways instead of squeezing.

With four cases on a 1366×768 screen each column would get ~170 px (a line break every few characters);
instead each column keeps :func:`column_min_width` and the row of columns scrolls horizontally (two or
three visible at a time). Moving the focus into a column (Tab, or Ctrl+Alt+arrows) scrolls it into view.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

#: A compared column keeps at least this many characters a line.
MIN_COLUMN_CHARS = 14


def column_min_width(base_px: int) -> int:
    """The narrowest column for ``base_px`` text: :data:`MIN_COLUMN_CHARS` characters, margins, scroll bar."""
    return MIN_COLUMN_CHARS * base_px + 2 * 14 + 20


class ColumnScroller(QScrollArea):
    """Holds the grid of headers and columns; scrolls sideways when the columns do not fit."""

    def __init__(self, grid_box: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare-columns")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # each column scrolls itself
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(grid_box)
        self._box = grid_box
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.isVisible():
            return
        w: QObject | None = new
        while w is not None and w is not self._box:
            w = w.parent()
        if w is self._box:
            self.ensureWidgetVisible(new, 0, 0)

    def set_column_min_width(self, columns: list[QWidget], width: int) -> None:
        for c in columns:
            c.setMinimumWidth(width)

    def fits(self) -> bool:
        """True when every column is shown whole (no sideways scrolling needed)."""
        return self.horizontalScrollBar().maximum() == 0
