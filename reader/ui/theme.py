"""Light, dark and high-contrast themes; "system" follows the OS colour scheme."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.export.html import CONTRAST, DARK, LIGHT, Palette

THEMES = ("system", "light", "dark", "contrast")
#: Find hits (and the current one) in the light theme: orange, never the yellow of a yellow annotation.
FIND_HIT = "#ff9632"
FIND_CURRENT = "#ff4d00"


@dataclass(frozen=True)
class Theme:
    name: str
    html: Palette
    hit: QColor
    current_hit: QColor


def resolve(name: str) -> str:
    if name in ("light", "dark", "contrast"):
        return name
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def _palette(
    window: str, base: str, text: str, button: str, highlight: str, hl_text: str, link: str, disabled: str
) -> QPalette:
    """One palette for every colour group, except that disabled text is ``disabled`` (dimmed, still legible)."""
    p = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.Button, button),
        (QPalette.ColorRole.ToolTipBase, base),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, "#8a8a8a"),
        (QPalette.ColorRole.Highlight, highlight),
        (QPalette.ColorRole.HighlightedText, hl_text),
        (QPalette.ColorRole.Link, link),
    ):
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p


def apply(app: QApplication, name: str) -> Theme:
    """Apply the theme to the whole application; returns what the case renderer needs."""
    resolved = resolve(name)
    app.setStyle("Fusion")
    if resolved == "dark":
        app.setPalette(_palette("#202329", "#1a1d22", "#e6e6e6", "#2b2f36", "#3d6fb6", "#ffffff", "#8ab4f8", "#80868f"))
        return Theme("dark", DARK, QColor("#8a6d00"), QColor("#d97706"))
    if resolved == "contrast":
        app.setPalette(_palette("#000000", "#000000", "#ffffff", "#3a3a3a", "#ffff00", "#000000", "#00ffff", "#a6a6a6"))
        return Theme("contrast", CONTRAST, QColor("#00ffff"), QColor("#ffff00"))
    app.setPalette(_palette("#f4f5f7", "#ffffff", "#1f2328", "#eceef2", "#2f6fdc", "#ffffff", "#1a56c4", "#8c929a"))
    return Theme("light", LIGHT, QColor(FIND_HIT), QColor(FIND_CURRENT))
