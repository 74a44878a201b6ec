"""Read-only mode: the banner across the main window and the words that explain it.

The app runs read-only when the data folder cannot be written (a locked-down office PC, a write-protected
stick) or the disk is full: cases, search, existing annotations and exports work; every change says why it
cannot be saved, and nothing on disk is touched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QStyle, QToolBar

from reader.stores.read_only import reason_text


def add_banner(window: QMainWindow, reason: BaseException) -> QToolBar:
    """A banner across the top of ``window`` saying it is read-only and why (a fixed, unmovable bar)."""
    bar = QToolBar(window)
    bar.setObjectName("readOnlyBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)
    icon = QLabel(bar)
    size = window.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    icon.setPixmap(window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
    label = QLabel(reason_text(reason).split("\n")[0], bar)
    label.setObjectName("readOnlyText")
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)  # the whole width, one line
    label.setToolTip(reason_text(reason))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    bar.addWidget(icon)
    bar.addWidget(label)
    bar.setStyleSheet("QToolBar#readOnlyBanner { background: palette(tool-tip-base); border: none; }")
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
