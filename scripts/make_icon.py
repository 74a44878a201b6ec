"""Draw the application icon (resources/icons/casebook.png, .ico, hicolor/N.png) with Qt: a book with a red seal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    path = QPainterPath()
    path.addRoundedRect(QRectF(28 * s, 20 * s, 200 * s, 216 * s), 22 * s, 22 * s)
    p.fillPath(path, QColor("#1a3d6d"))
    p.fillRect(QRectF(52 * s, 20 * s, 10 * s, 216 * s), QColor("#12294a"))
    pen = QPen(QColor("#e8eef7"), 9 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    for i, width in enumerate((120, 96, 120, 80)):
        y = (74 + i * 30) * s
        p.drawLine(int(84 * s), int(y), int((84 + width) * s), int(y))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#c62828"))
    p.drawEllipse(QRectF(150 * s, 160 * s, 62 * s, 62 * s))
    p.end()
    return img


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "casebook.png"))
    draw(64).save(str(OUT / "casebook.ico"))
    # The freedesktop icon theme sizes, for the .deb (scripts/build_deb.py): drawn at each size, not scaled.
    (OUT / "hicolor").mkdir(exist_ok=True)
    for size in HICOLOR_SIZES:
        draw(size).save(str(OUT / "hicolor" / f"{size}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
