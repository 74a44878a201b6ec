"""Shared first step of the list delegates that paint their own rows (search results, compare candidates)."""

from __future__ import annotations

from PySide6.QtGui import QPainter
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
