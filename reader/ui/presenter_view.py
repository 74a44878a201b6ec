"""The presenter view: what the trainer sees on the laptop while the projector shows the slides.

The current slide and the next one (drawn by the audience view's renderer, scaled, so they look exactly
like the projection), the trainer's notes (on the case of a playlist, on the passage on screen), the time
of day and the time since the talk began, and in a playlist talk the case on screen with a countdown
against the minutes planned for it, amber near the end and red when over. Keys go to the presentation,
so the trainer can drive it from either screen. In rehearsal it is the only view, with a "Rehearsal" mark.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QRectF, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.domain.talk import Countdown
from reader.ui.presentation import SlideDocument, SlideRenderer

#: Colours of the countdown (text, background) by level.
COUNTDOWN_COLOURS = {"normal": ("", ""), "amber": ("#000000", "#f0a30a"), "red": ("#ffffff", "#c62828")}


class SlidePreview(QWidget):
    """A slide drawn exactly as on the projector, scaled to fit this widget (letterboxed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self.renderer: SlideRenderer | None = None
        self.slide: SlideDocument | None = None
        self.spot = -1
        self.blank = ""
        self.index = 0
        self.count = 0
        self.placeholder = ""
        self.page: QImage | None = None

    def set_slide(
        self,
        renderer: SlideRenderer | None,
        slide: SlideDocument | None,
        *,
        spot: int = -1,
        blank: str = "",
        index: int = 0,
        count: int = 0,
        page: QImage | None = None,
    ) -> None:
        """Show ``slide``; ``page``: the slide already painted (:meth:`SlideRenderer.page_image`), scaled
        down here rather than painted again."""
        self.renderer, self.slide, self.spot, self.blank = renderer, slide, spot, blank
        self.index, self.count, self.page = index, count, page
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def target_rect(self) -> QRectF:
        """Where the slide is drawn: the largest rectangle of the projector's shape that fits, at the top."""
        if self.renderer is None:
            return QRectF(self.rect())
        sw, sh = self.renderer.size.width(), self.renderer.size.height()
        k = min(self.width() / sw, self.height() / sh)
        w, h = sw * k, sh * k
        return QRectF((self.width() - w) / 2, 0, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        if self.renderer is None or (self.slide is None and not self.blank):
            if self.placeholder:
                painter.setPen(self.palette().placeholderText().color())
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            painter.end()
            return
        target = self.target_rect()
        painter.save()
        painter.translate(target.topLeft())
        k = target.width() / self.renderer.size.width()
        painter.scale(k, k)
        if self.page is not None and not self.blank and self.slide is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(0, 0, self.renderer.size.width(), self.renderer.size.height()), self.page)
            self.renderer.paint_overlay(painter, self.slide, spot=self.spot, index=self.index, count=self.count)
        else:
            self.renderer.paint(
                painter, self.slide, spot=self.spot, blank=self.blank, index=self.index, count=self.count
            )
        painter.restore()
        painter.setPen(QColor("#808080"))
        painter.drawRect(target.adjusted(0, 0, -1, -1))
        painter.end()


class PresenterView(QWidget):
    """Current and next slide, notes, clock and elapsed time. ``on_key`` receives every key pressed here."""

    timer_reset = Signal()  # Reset Timer: the talk starts over (the presentation resets its cases' times)

    def __init__(
        self,
        *,
        on_key: Callable[[QKeyEvent], bool],
        elapsed: QElapsedTimer | None = None,
        title: str = "",
        item_status: Callable[[], tuple[str, Countdown | None]] | None = None,
        rehearsal: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        name = self.tr("Rehearsal") if rehearsal else self.tr("Presenter View")
        self.setWindowTitle(name + (f" — {title}" if title else ""))
        self._item_status = item_status or (lambda: ("", None))
        self.rehearsal = rehearsal
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._on_key = on_key
        if elapsed is None:
            elapsed = QElapsedTimer()
            elapsed.start()
        self._elapsed = elapsed  # shared with the presentation: the talk's time, whenever this view appeared

        big = QFont(self.font())
        big.setPixelSize(30)
        big.setBold(True)
        self.clock = QLabel(self)
        self.clock.setFont(big)
        self.clock.setToolTip(self.tr("Time of day"))
        self.timer = QLabel(self)
        self.timer.setFont(big)
        self.timer.setToolTip(self.tr("Time since the presentation began"))
        self.position = QLabel(self)
        self.position.setFont(big)
        self.item = QLabel(self)  # the case on screen in a playlist talk
        self.item.setTextFormat(Qt.TextFormat.PlainText)
        item_font = QFont(self.font())
        item_font.setPixelSize(20)
        self.item.setFont(item_font)
        self.countdown = QLabel(self)
        self.countdown.setFont(big)
        self.countdown.setToolTip(self.tr("Time left for this case (planned in the playlist)"))
        self.countdown_level = ""
        self.rehearsal_mark = QLabel(self.tr("Rehearsal"), self)
        self.rehearsal_mark.setStyleSheet("QLabel { background: #1565c0; color: white; padding: 2px 8px; }")
        self.rehearsal_mark.setVisible(rehearsal)
        self.reset_button = QPushButton(self.tr("Reset Timer"), self)
        self.reset_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reset_button.clicked.connect(self.reset_timer)

        self.current = SlidePreview(self)
        self.following = SlidePreview(self)
        self.following.placeholder = self.tr("End of the presentation")
        self.notes = QTextBrowser(self)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes.setOpenLinks(False)
        self.notes.setPlaceholderText(self.tr("No notes on this passage."))
        notes_font = QFont(self.font())
        notes_font.setPixelSize(20)
        self.notes.document().setDefaultFont(notes_font)

        top = QHBoxLayout()
        top.addWidget(self.rehearsal_mark)
        top.addWidget(self.position)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Elapsed:"), self))
        top.addWidget(self.timer)
        top.addWidget(self.reset_button)
        top.addSpacing(24)
        top.addWidget(self.clock)

        now_label = QLabel(self.tr("Current slide"), self)
        next_label = QLabel(self.tr("Next slide"), self)
        notes_label = QLabel(self.tr("Notes"), self)
        grid = QGridLayout()
        grid.addWidget(now_label, 0, 0)
        grid.addWidget(self.current, 1, 0, 3, 1)
        grid.addWidget(next_label, 0, 1)
        grid.addWidget(self.following, 1, 1)
        grid.addWidget(notes_label, 2, 1)
        grid.addWidget(self.notes, 3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(3, 3)

        self.hint = QLabel(
            self.tr(
                "→ next · ← previous · number + Enter: go to slide (on the agenda: to case) · A agenda · B black · W white · "
                "+/− type size · S spotlight · Esc end"
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)

        item_row = QHBoxLayout()
        item_row.addWidget(self.item, 1)
        item_row.addWidget(self.countdown)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(item_row)
        lay.addLayout(grid, 1)
        lay.addWidget(self.hint)

        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start()
        self._update_clock()

    def show_slides(
        self,
        *,
        renderer: SlideRenderer | None,
        current: SlideDocument | None,
        following: SlideDocument | None,
        index: int,
        count: int,
        spot: int = -1,
        blank: str = "",
        notes: str = "",
        number: str = "",
        pages: tuple[QImage | None, QImage | None] = (None, None),
    ) -> None:
        """Show the state of the presentation: slide ``index`` of ``count`` and what comes next (``pages``:
        both already painted, if they are)."""
        self.current.set_slide(renderer, current, spot=spot, blank=blank, index=index, count=count, page=pages[0])
        self.following.set_slide(renderer, following, index=index + 1, count=count, page=pages[1])
        text = self.tr("Slide %1 of %2").replace("%1", str(index + 1)).replace("%2", str(count))
        if number:
            text += "   " + self.tr("Go to slide %1").replace("%1", number)
        self.position.setText(text)
        if notes != getattr(self, "_notes_html", None):
            self._notes_html = notes
            self.notes.setHtml(notes)
        self._update_item()

    def _update_item(self) -> None:
        """The case on screen and its countdown (hidden where nothing is planned)."""
        text, left = self._item_status()
        self.item.setText(text)
        self.item.setVisible(bool(text))
        self.countdown.setVisible(left is not None)
        if left is None:
            return
        label = (
            self.tr("%1 left").replace("%1", left.text())
            if left.remaining > 0
            else self.tr("%1 over").replace("%1", left.text())
        )
        self.countdown.setText(label)
        if left.level != self.countdown_level:
            self.countdown_level = left.level
            fg, bg = COUNTDOWN_COLOURS[left.level]
            self.countdown.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; padding: 2px 8px; }}" if bg else "")

    def notes_text(self) -> str:
        return self.notes.toPlainText()

    def reset_timer(self) -> None:
        self._elapsed.restart()
        self.timer_reset.emit()
        self._update_clock()

    def elapsed_seconds(self) -> int:
        return self._elapsed.elapsed() // 1000

    def _update_clock(self) -> None:
        self.clock.setText(QTime.currentTime().toString("HH:mm:ss"))
        s = self.elapsed_seconds()
        self.timer.setText(f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}")
        self._update_item()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._on_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: Any) -> None:
        self._tick.stop()
        super().closeEvent(event)
