"""Themes: legible text, dimmed (but legible) disabled text, toolbar icons in the theme's colours."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui import theme


def luminance(c: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def restore_palette(qapp):
    before = QApplication.palette()
    yield
    QApplication.setPalette(before)


@pytest.mark.parametrize("name", ["light", "dark", "contrast"])
def test_disabled_text_is_dimmed_but_legible(qapp, restore_palette, name):
    theme.apply(qapp, name)
    p = QApplication.palette()
    window = p.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
        active = p.color(QPalette.ColorGroup.Active, role)
        disabled = p.color(QPalette.ColorGroup.Disabled, role)
        assert contrast(active, window) >= 7, (name, role)
        assert contrast(disabled, window) >= 2.5, (name, role)  # still readable
        assert contrast(active, window) > 1.5 * contrast(disabled, window), (name, role)  # visibly dimmer


def icon_colour(icon: QIcon, mode: QIcon.Mode) -> QColor:
    """The colour of the icon's most opaque pixel (its fill)."""
    image = icon.pixmap(32, 32, mode).toImage()
    best = max(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=lambda c: c.alpha(),
    )
    assert best.alpha() > 200, "the icon draws something"
    return best


@pytest.mark.parametrize("name", ["light", "dark", "contrast"])
def test_toolbar_icons_stand_out_in_every_theme(make_window, name):
    w = make_window()
    w.appearance.set_theme(name)
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    for action in (w.menus.act_back, w.menus.act_forward, w.menus.act_present):
        normal = icon_colour(action.icon(), QIcon.Mode.Normal)
        disabled = icon_colour(action.icon(), QIcon.Mode.Disabled)
        assert contrast(normal, window) >= 7, (name, action.text())
        assert contrast(normal, window) > contrast(disabled, window) >= 2.5, (name, action.text())


def test_system_theme_follows_the_os_colour_scheme_while_running(make_window, restore_palette, qapp):
    w = make_window()
    w.appearance.set_theme("system")
    os_theme = theme.resolve("system")  # what this machine's platform reports
    other = "dark" if os_theme == "light" else "light"
    theme.apply(qapp, other)  # as if the window still showed the previous scheme
    assert w.appearance.theme.name == os_theme
    wrong = QApplication.palette().color(QPalette.ColorRole.Window)
    QGuiApplication.styleHints().colorSchemeChanged.emit(QGuiApplication.styleHints().colorScheme())
    assert QApplication.palette().color(QPalette.ColorRole.Window) != wrong
    assert w.appearance.theme.name == os_theme
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    assert contrast(icon_colour(w.menus.act_present.icon(), QIcon.Mode.Normal), window) >= 7

    w.appearance.set_theme("dark")  # a chosen theme is kept when the OS switches
    QGuiApplication.styleHints().colorSchemeChanged.emit(QGuiApplication.styleHints().colorScheme())
    assert w.appearance.theme.name == "dark"
