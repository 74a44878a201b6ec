"""What the list delegates that paint their own rows (search results, compare candidates, the library) share: the
row's panel, and dimmed secondary text that stays readable."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem


def paint_item_panel(
    delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem, index
) -> QStyleOptionViewItem:
    """Draw the row's background, selection and focus as the style does (no text), and return the initialised
    option (its state and palette tell the caller how to draw the rest)."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    widget = opt.widget
    style = widget.style() if widget is not None else QApplication.style()
    opt.text = ""
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
    return opt


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def dimmed(fg: QColor, bg: QColor, amount: float = 0.45) -> QColor:
    """Secondary text: ``fg`` blended up to ``amount`` of the way towards ``bg``, but never below WCAG AA (4.5:1)
    against ``bg`` — nor below 7:1 when ``fg`` itself has that much (high contrast). On a selected row pass the
    highlighted-text and highlight colours: on a blue highlight white can hardly be dimmed at all."""
    floor = (7.0 if contrast_ratio(fg, bg) >= 7.0 else 4.5) + 0.25  # a margin for rounding and anti-aliasing

    def blend(t: float) -> QColor:
        return QColor(
            round(255 * (fg.redF() + (bg.redF() - fg.redF()) * t)),
            round(255 * (fg.greenF() + (bg.greenF() - fg.greenF()) * t)),
            round(255 * (fg.blueF() + (bg.blueF() - fg.blueF()) * t)),
        )

    if contrast_ratio(blend(amount), bg) >= floor:
        return blend(amount)
    lo, hi = 0.0, amount
    for _ in range(16):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if contrast_ratio(blend(mid), bg) >= floor else (lo, mid)
    return blend(lo)
