"""The casebook at a glance, drawn with QPainter: cases per batch, category and region; a region × category
matrix; the years the figures refer to.

Colours come from the widget's palette (text, base, highlight, mid), so every theme reads. Regions are either
the printed contributors or the places the text mentions (for cases that print none) — one or the other,
chosen with the switch above the chart, never mixed. Clicking a bar (or a matrix cell) emits
:attr:`GlanceCanvas.bar_clicked` with the case ids behind it; :meth:`GlanceWindow.export_png` writes the
chart at twice the screen resolution for slides.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.domain.glance import MENTIONED, NO_CATEGORY, PRINTED, Glance
from reader.ui.tool_window import close_keys

MAX_REGIONS = 20  # bars in the region chart
MAX_MATRIX_ROWS = 16
BAR_H = 20
GAP = 6
MARGIN = 16
LABEL_W = 230
SECTION_GAP = 28


@dataclass(frozen=True)
class Hit:
    rect: QRectF
    axis: str  # batch, category, printed, mentioned, year, cell
    value: str
    label: str
    case_ids: tuple[str, ...]


class GlanceCanvas(QWidget):
    """The charts themselves (no scrolling, no buttons)."""

    bar_clicked = Signal(str, str, str, list)  # axis, value, label, case ids

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glance-canvas")
        self.setMouseTracking(True)
        self.glance = Glance()
        self.source = PRINTED
        self.hits: list[Hit] = []
        self.year_axis: list[int] = []  # the years of the column chart, in order, none left out
        self._height = 400

    def set_glance(self, glance: Glance, *, source: str = PRINTED) -> None:
        self.glance, self.source = glance, source
        self._height = self._paint(None, self.width() or 900)
        self.setMinimumHeight(self._height)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, self._height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        height = self._paint(None, self.width())
        if height != self._height:
            self._height = height
            self.setMinimumHeight(height)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint(p, self.width())
        p.end()

    def render_image(self, scale: float = 2.0) -> QImage:
        """The whole chart as an image, ``scale`` times the widget's size, on the palette's base colour."""
        width = max(self.width(), 900)
        height = self._paint(None, width)
        image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_ARGB32)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(scale, scale)
        self._paint(p, width)
        p.end()
        return image

    # -- drawing -----------------------------------------------------------------------------------

    def _colours(self) -> dict[str, QColor]:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        bar = pal.color(QPalette.ColorRole.Highlight)
        muted = QColor(
            round(text.red() * 0.6 + base.red() * 0.4),
            round(text.green() * 0.6 + base.green() * 0.4),
            round(text.blue() * 0.6 + base.blue() * 0.4),
        )
        return {"text": text, "base": base, "bar": bar, "muted": muted, "grid": pal.color(QPalette.ColorRole.Mid)}

    def _paint(self, p: QPainter | None, width: int) -> int:
        """Draw everything (or, with ``p`` None, only measure); returns the height used and fills :attr:`hits`."""
        g = self.glance
        c = self._colours()
        hits: list[Hit] = []
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSizeF(font.pointSizeF() * 1.15)
        fm = QFontMetrics(font)
        y = float(MARGIN)

        def title(text: str, note: str = "") -> None:
            nonlocal y
            if p is not None:
                p.setFont(bold)
                p.setPen(c["text"])
                p.drawText(QPointF(MARGIN, y + QFontMetrics(bold).ascent()), text)
                if note:
                    p.setFont(font)
                    p.setPen(c["muted"])
                    x = MARGIN + QFontMetrics(bold).horizontalAdvance(text) + 12
                    p.drawText(QPointF(x, y + QFontMetrics(bold).ascent()), note)
            y += QFontMetrics(bold).height() + 8

        def bars(axis: str, items: list[tuple[str, str, int]]) -> None:
            nonlocal y
            top = max((n for _, _, n in items), default=1) or 1
            bar_w = max(100.0, width - MARGIN * 2 - LABEL_W - 60)
            for value, label, n in items:
                rect = QRectF(MARGIN + LABEL_W, y, bar_w * n / top, BAR_H)
                ids = tuple(g.cases_of(axis, value))
                hits.append(Hit(QRectF(MARGIN, y, LABEL_W + bar_w, BAR_H), axis, value, label, ids))
                if p is not None:
                    p.setFont(font)
                    p.setPen(c["text"])
                    # In the middle: two batches of one title differ in their ends ("… · 25 个案例" / "… · 16 个案例").
                    shown = fm.elidedText(label, Qt.TextElideMode.ElideMiddle, LABEL_W - 10)
                    p.drawText(
                        QRectF(MARGIN, y, LABEL_W - 10, BAR_H),
                        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                        shown,
                    )
                    p.fillRect(rect, c["bar"])
                    p.drawText(
                        QRectF(rect.right() + 6, y, 60, BAR_H),
                        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                        str(n),
                    )
                y += BAR_H + GAP
            y += SECTION_GAP

        no_category = self.tr("(no category)")
        title(self.tr("Cases per batch"))
        bars("batch", [(bid, t, n) for bid, t, n in g.batches])  # t: the window's batch label (batch_labels)
        title(self.tr("Cases per category"))
        bars("category", [(cat, cat or no_category, g.categories[cat]) for cat in g.category_order()])

        source = self.source
        counts = g.regions.get(source, {})
        order = g.region_order(source)
        note = (
            self.tr("printed contributors (“…提供”)")
            if source == PRINTED
            else self.tr("places mentioned in the text of cases that print no contributor")
        )
        title(self.tr("Cases per region"), note)
        bars(source, [(r, r, counts[r]) for r in order[:MAX_REGIONS]])

        # Region × category matrix
        title(self.tr("Region × category"), note)
        categories = [cat for cat in g.category_order() if any(k[1] == cat for k in g.matrix.get(source, {}))]
        rows = order[:MAX_MATRIX_ROWS]
        matrix = g.matrix.get(source, {})
        cell_w = max(46.0, min(110.0, (width - MARGIN * 2 - LABEL_W) / max(1, len(categories))))
        head_h = fm.height() * 3 + 6
        if p is not None:
            p.setFont(font)
            p.setPen(c["text"])
            for j, cat in enumerate(categories):
                r = QRectF(MARGIN + LABEL_W + j * cell_w + 2, y, cell_w - 4, head_h)
                p.drawText(
                    r,
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap),
                    cat or no_category,
                )
        y += head_h + 4
        top = max(matrix.values(), default=1) or 1
        for region in rows:
            if p is not None:
                p.setPen(c["text"])
                p.drawText(
                    QRectF(MARGIN, y, LABEL_W - 10, BAR_H),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    fm.elidedText(region, Qt.TextElideMode.ElideRight, LABEL_W - 10),
                )
            for j, cat in enumerate(categories):
                n = matrix.get((region, cat), 0)
                cell = QRectF(MARGIN + LABEL_W + j * cell_w + 2, y, cell_w - 4, BAR_H)
                if n:
                    ids = tuple(i for i in g.cases_of(source, region) if i in set(g.cases_of("category", cat)))
                    hits.append(Hit(cell, "cell", f"{region}|{cat}", f"{region} × {cat or no_category}", ids))
                if p is not None:
                    p.setPen(c["grid"])
                    p.drawRect(cell)
                    if n:
                        fill = _blend(c["bar"], c["base"], 0.25 + 0.75 * n / top)
                        p.fillRect(cell.adjusted(1, 1, 0, 0), fill)
                        p.setPen(_readable_on(fill))
                        p.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), str(n))
            y += BAR_H + 2
        y += SECTION_GAP

        # Years the figures refer to: a column chart
        title(self.tr("Years the figures refer to"), self.tr("figures whose sentence states a year"))
        # every year of the range, those no figure refers to as empty columns (a gap shows as a gap)
        years = list(range(min(g.years), max(g.years) + 1)) if g.years else []
        self.year_axis = years
        col_h = 140.0
        if years:
            top_n = max(g.years.values())
            col_w = min(60.0, (width - MARGIN * 2 - LABEL_W) / len(years))
            for i, year in enumerate(years):
                n = g.years[year]
                h = col_h * n / top_n
                rect = QRectF(MARGIN + LABEL_W + i * col_w + 6, y + col_h - h, col_w - 12, h)
                if n:
                    hits.append(
                        Hit(
                            QRectF(rect.left(), y, rect.width(), col_h + fm.height()),
                            "year",
                            str(year),
                            str(year),
                            tuple(g.cases_of("year", str(year))),
                        )
                    )
                if p is not None:
                    p.fillRect(rect, c["bar"])
                    p.setPen(c["text"])
                    p.drawText(
                        QRectF(rect.left() - 6, rect.top() - fm.height(), col_w, fm.height()),
                        int(Qt.AlignmentFlag.AlignHCenter),
                        str(n),
                    )
                    p.drawText(
                        QRectF(rect.left() - 6, y + col_h + 2, col_w, fm.height()),
                        int(Qt.AlignmentFlag.AlignHCenter),
                        str(year),
                    )
        y += col_h + fm.height() + MARGIN
        if p is not None or not self.hits or self.width() == width:
            self.hits = hits
        return int(y)

    # -- interaction -------------------------------------------------------------------------------

    def hit_at(self, point: QPointF) -> Hit | None:
        return next((h for h in self.hits if h.rect.contains(point)), None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        if hit:
            QToolTip.showText(
                event.globalPosition().toPoint(),
                self.tr("%1: %n case(s) — click to show them in the library", "", len(hit.case_ids)).replace(
                    "%1", hit.label
                ),
                self,
            )
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.bar_clicked.emit(hit.axis, hit.value, hit.label, list(hit.case_ids))


def _blend(top: QColor, bottom: QColor, alpha: float) -> QColor:
    """``top`` painted over ``bottom`` with opacity ``alpha``, as one opaque colour."""
    return QColor(
        round(top.red() * alpha + bottom.red() * (1 - alpha)),
        round(top.green() * alpha + bottom.green() * (1 - alpha)),
        round(top.blue() * alpha + bottom.blue() * (1 - alpha)),
    )


def _readable_on(fill: QColor) -> QColor:
    """Black or white, whichever reads on ``fill`` (relative luminance, WCAG)."""

    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(fill.red()) + 0.7152 * channel(fill.green()) + 0.0722 * channel(fill.blue())
    return QColor("#000000") if lum > 0.179 else QColor("#ffffff")


class GlanceWindow(QWidget):
    """The overview window: the canvas in a scroll area, the region switch and Export PNG."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("glance-window")
        self.setWindowTitle(self.tr("The Casebook at a Glance"))
        close_keys(self)  # Esc, Ctrl+W
        self.canvas = GlanceCanvas(parent=self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.canvas)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Base)
        self.canvas.setAutoFillBackground(True)
        self.canvas.setBackgroundRole(QPalette.ColorRole.Base)

        self.printed = QRadioButton(self.tr("Printed contributors"), self)
        self.mentioned = QRadioButton(self.tr("Places mentioned in the text"), self)
        self.printed.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.printed)
        group.addButton(self.mentioned)
        self.printed.toggled.connect(lambda _on: self._source_changed())
        self.export_button = QPushButton(self.tr("Export PNG…"), self)
        self.export_button.clicked.connect(lambda: self.export_png())
        hint = QLabel(self.tr("Click a bar to show its cases in the library."), self)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Regions:"), self))
        top.addWidget(self.printed)
        top.addWidget(self.mentioned)
        top.addStretch(1)
        top.addWidget(hint)
        top.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.scroll, 1)
        self.resize(1000, 720)

    def set_glance(self, glance: Glance) -> None:
        self.canvas.set_glance(glance, source=self._source())

    def _source(self) -> str:
        return PRINTED if self.printed.isChecked() else MENTIONED

    def _source_changed(self) -> None:
        self.canvas.set_glance(self.canvas.glance, source=self._source())

    def export_png(self, path: Path | None = None) -> Path | None:
        """Write the chart as PNG (asks where when ``path`` is None); returns the file written."""
        if path is None:
            from reader.ui.file_dialogs import save_path

            path, _ = save_path(
                self, "overview", self.tr("Export PNG"), "casebook-overview.png", self.tr("PNG images (*.png)")
            )
            if path is None:
                return None
        if not self.canvas.render_image().save(str(path), "PNG"):
            QMessageBox.warning(self, self.tr("Export PNG"), self.tr("Could not write %1").replace("%1", str(path)))
            return None
        return path


__all__ = ["NO_CATEGORY", "GlanceCanvas", "GlanceWindow", "Hit"]
