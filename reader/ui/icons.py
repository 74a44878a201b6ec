"""Toolbar icons drawn in the current palette's colours.

The style's stock pixmaps (``QStyle.StandardPixmap``) are black: on the dark and high-contrast themes
the back, forward and present buttons all but vanished. These are drawn for the palette at hand, with
a dimmed variant for disabled actions, and redrawn when the theme changes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

SHAPES = ("back", "forward", "present")
_SIZES = (16, 24, 32, 48)


def toolbar_icon(shape: str, palette: QPalette) -> QIcon:
    """``shape`` ("back", "forward" or "present") in the palette's button text colour; dimmed when disabled."""
    if shape not in SHAPES:
        raise ValueError(f"unknown icon shape: {shape!r}")
    icon = QIcon()
    for mode, group in (
        (QIcon.Mode.Normal, QPalette.ColorGroup.Active),
        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled),
    ):
        colour = palette.color(group, QPalette.ColorRole.ButtonText)
        for size in _SIZES:
            icon.addPixmap(_draw(shape, colour, size), mode)
    return icon


def _draw(shape: str, colour: QColor, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    s = float(size)
    if shape == "present":  # a screen with a play triangle on it
        pen = QPen(colour, max(1.0, s / 12))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(s * 0.08, s * 0.16, s * 0.84, s * 0.68), s * 0.08, s * 0.08)
        points = [QPointF(s * 0.40, s * 0.33), QPointF(s * 0.68, s * 0.50), QPointF(s * 0.40, s * 0.67)]
    elif shape == "back":
        points = [QPointF(s * 0.72, s * 0.16), QPointF(s * 0.22, s * 0.50), QPointF(s * 0.72, s * 0.84)]
    else:
        points = [QPointF(s * 0.28, s * 0.16), QPointF(s * 0.78, s * 0.50), QPointF(s * 0.28, s * 0.84)]
    path = QPainterPath(points[0])
    for p in points[1:]:
        path.lineTo(p)
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)
    painter.end()
    return pixmap
