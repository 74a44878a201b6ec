"""A rendered case made fit for paper: what File → Print… and its preview print.

The reader sizes its text in pixels, which a printer at 1200 dpi draws a quarter of a millimetre high, and
paints it in the theme's colours (white text in the dark theme). The copy printed has every pixel size turned
into points (17 px on screen = 12.75 pt on paper) and the theme's colours mapped to the light palette's.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextDocument, QTextFormat, QTextFrame

from reader.export.fragments import document_fragments
from reader.export.html import LIGHT, Palette

#: Points per CSS pixel (96 px = 72 pt).
PT_PER_PX = 0.75


def paper_document(document: QTextDocument, palette: Palette) -> QTextDocument:
    """A copy of ``document`` (rendered with ``palette``) in point sizes and light colours, for a printer."""
    doc = document.clone()
    colours = {QColor(getattr(palette, f.name)).rgb(): QColor(getattr(LIGHT, f.name)) for f in fields(Palette)}
    font = QFont(doc.defaultFont())
    if font.pixelSize() > 0:
        font.setPointSizeF(font.pixelSize() * PT_PER_PX)
        doc.setDefaultFont(font)
    runs = [(frag.position(), frag.length(), frag.charFormat()) for _block, frag in document_fragments(doc)]
    for start, length, fmt in runs:  # read first: a fixed run may merge with the next
        _fix_fragment(doc, start, length, fmt, colours)
    _fix_frames(doc.rootFrame(), colours)
    return doc


def _fix_fragment(doc: QTextDocument, start: int, length: int, fmt: QTextCharFormat, colours: dict) -> None:
    from PySide6.QtGui import QTextCursor

    changed = False
    if fmt.hasProperty(QTextFormat.Property.FontPixelSize):
        fmt.setFontPointSize(fmt.intProperty(QTextFormat.Property.FontPixelSize) * PT_PER_PX)
        fmt.clearProperty(QTextFormat.Property.FontPixelSize)
        changed = True
    changed = (
        _lighten(fmt, (QTextFormat.Property.ForegroundBrush, QTextFormat.Property.BackgroundBrush), colours) or changed
    )
    if changed:
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)


def _fix_frames(frame: QTextFrame, colours: dict) -> None:
    """Tables (the 专栏 boxes, the key-figures card): their background and border in light colours."""
    for child in frame.childFrames():
        fmt = child.frameFormat()
        _lighten(fmt, (QTextFormat.Property.BackgroundBrush, QTextFormat.Property.FrameBorderBrush), colours)
        child.setFrameFormat(fmt)
        _fix_frames(child, colours)


def _lighten(fmt: QTextFormat, props: tuple[QTextFormat.Property, ...], colours: dict) -> bool:
    """Recolour ``fmt``'s brushes ``props`` whose colour is a theme colour to the light one; True if any was."""
    changed = False
    for prop in props:
        if fmt.hasProperty(prop):
            brush = fmt.brushProperty(prop)
            light = colours.get(brush.color().rgb())
            if light is not None:
                brush.setColor(light)
                fmt.setProperty(prop, brush)
                changed = True
    return changed
