"""Visible edges for text fields, check boxes and radio buttons in the dark and high-contrast themes.

Fusion draws these edges a little darker than the window colour: on a dark or black window they vanish
(text fields without borders, unchecked check boxes invisible). This proxy style draws them again in the
palette's text colour, thin but with full contrast.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QPen
from PySide6.QtWidgets import QPlainTextEdit, QProxyStyle, QStyle, QTextEdit

PE = QStyle.PrimitiveElement
_EDGED = (PE.PE_FrameLineEdit, PE.PE_IndicatorCheckBox, PE.PE_IndicatorRadioButton, PE.PE_Frame)


class VisibleEdgesStyle(QProxyStyle):
    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _EDGED:
            return
        if element == PE.PE_Frame and not isinstance(widget, QTextEdit | QPlainTextEdit):
            return  # only text input frames (the note editor), not every panel
        painter.save()
        colour = option.palette.color(QPalette.ColorRole.Text)
        if not option.state & QStyle.StateFlag.State_Enabled:
            colour = option.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(painter.RenderHint.Antialiasing, element == PE.PE_IndicatorRadioButton)
        rect = option.rect.adjusted(0, 0, -1, -1)
        if element == PE.PE_IndicatorRadioButton:
            painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
        else:
            painter.drawRect(rect)
        painter.restore()
