"""Every text of a rendered case follows the text size (zoom), headings included.

Qt's rich text ignores a ``font-size`` on ``<h1>``–``<h3>`` (from a style sheet or inline) and sizes them from
the document's default font (h1 2×, h2 1.5×, h3 1.2×), so after a few zoom steps the case title and
``一、主要做法`` ended up smaller than the body (whose size is set in pixels). Setting the default font to the
body size ÷ 1.2 makes the headings 1.67×, 1.25× and 1.0× of the body, as the style sheet intends, at any zoom;
a ``（一）`` sub-heading is then never smaller than the text under it, whichever way its batch prints it.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QTextEdit

#: Qt sizes an ``<h3>`` at 1.2× the default font; the default font is the body ÷ this.
H3_FACTOR = 1.2


def scale_headings(view: QTextEdit, base_px: int, *, family: str = "") -> None:
    """Call before ``setHtml``: headings of the next HTML scale with ``base_px`` (the body's pixel size), and
    all its text is set in ``family`` ("" = the application's font, as before there was a choice).

    The widget's font is what ``setHtml`` gives the document as its default font, so that is what is set."""
    px = max(6, round(base_px / H3_FACTOR))
    family = family or QApplication.font().family()
    if view.font().pixelSize() != px or view.font().family() != family:
        font = QFont(view.font())
        font.setPixelSize(px)
        font.setFamilies([family])
        view.setFont(font)
        view.document().setDefaultFont(font)
