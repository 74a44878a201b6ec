"""Window geometry that fits the screen it is on, and side panels that give way to the reader.

- The first window size is the preferred 1480×900, made smaller to fit the available screen area
  (a 1024×768 projector gets a window that fills it; a 4K screen at 200 % the same as 1920×1080).
- A restored size is fitted too: a session saved on a big screen and restored on a small one never
  comes back larger than the screen, nor as a sliver (Qt's own restore can give 682×329).
- The reader keeps at least :data:`MIN_READING_CHARS` characters a line: when the window gets narrower,
  or a side panel asks for more room, the right-hand panel shrinks, then the library, then they fold
  away (and come back when there is room again, as wide as they were, whatever was toggled meanwhile).
  A panel the user asked for (View → Side Panel while it was folded) is never folded for what is in front.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QDataStream, QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QSplitter, QWidget

PREFERRED = QSize(1480, 900)
#: The smallest window worth restoring; a smaller restored window gets the preferred size (fitted).
MIN_USEFUL = QSize(800, 560)
#: The reader keeps at least this many characters a line.
MIN_READING_CHARS = 30
#: A side panel narrower than this is folded away rather than squeezed.
PANEL_MIN = 180
#: Room for the window frame a window manager adds (title bar, borders), so the frame fits as well.
FRAME_ALLOWANCE = QSize(0, 0)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The available area (without task bars) of the screen ``widget`` is on, or of the primary screen."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted_size(wanted: QSize, available: QRect) -> QSize:
    """``wanted``, made no larger than ``available`` (less the frame allowance)."""
    return QSize(
        min(wanted.width(), available.width() - FRAME_ALLOWANCE.width()),
        min(wanted.height(), available.height() - FRAME_ALLOWANCE.height()),
    )


def fitted_rect(rect: QRect, available: QRect) -> QRect:
    """``rect`` moved and shrunk so that it lies wholly inside ``available``; a sliver gets the preferred size."""
    size = fitted_size(rect.size(), available)
    useful = fitted_size(MIN_USEFUL, available)
    if size.width() < useful.width() or size.height() < useful.height():
        size = fitted_size(PREFERRED, available)
    x = min(max(rect.x(), available.left()), available.left() + available.width() - size.width())
    y = min(max(rect.y(), available.top()), available.top() + available.height() - size.height())
    return QRect(x, y, size.width(), size.height())


def first_rect(available: QRect) -> QRect:
    """The first window: the preferred size fitted to the screen, centred on it."""
    size = fitted_size(PREFERRED, available)
    return QRect(
        available.left() + (available.width() - size.width()) // 2,
        available.top() + (available.height() - size.height()) // 2,
        size.width(),
        size.height(),
    )


def restore_window(window: QWidget, saved: QByteArray | None) -> bool:
    """Restore ``saved`` (``QWidget.saveGeometry()``) and fit it to the screen; without it, the first size.

    Returns True when the saved size was used as it was (so the panel widths saved with it still make sense).
    """
    available = available_geometry(window)
    if saved is not None and window.restoreGeometry(saved):
        available = available_geometry(window)  # the restored position may be on another screen
        if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            return True
        rect = fitted_rect(window.geometry(), available)
        if rect != window.geometry():
            window.setGeometry(rect)
        # Qt itself shrinks a window saved on a bigger screen: then the saved panel widths no longer fit.
        return saved_size(saved) == rect.size()
    window.setGeometry(first_rect(available))
    return False


def saved_size(saved: QByteArray) -> QSize | None:
    """The normal (not maximised) window size recorded in ``QWidget.saveGeometry()`` bytes, or None."""
    stream = QDataStream(saved)
    stream.setVersion(QDataStream.Version.Qt_4_0)
    if stream.readUInt32() != 0x1D9D0CB:
        return None
    stream.readUInt16()  # major version
    stream.readUInt16()  # minor version
    _frame, normal = QRect(), QRect()
    stream >> _frame
    stream >> normal
    return normal.size() if stream.status() == QDataStream.Status.Ok else None


def panel_sizes(width: int, preferred: tuple[int, int, int] = (340, 860, 320)) -> list[int]:
    """Widths of (library, reader, side panel) for a ``width``-wide window, in the preferred proportions."""
    total = sum(preferred)
    left = min(preferred[0], round(width * preferred[0] / total))
    right = min(preferred[2], round(width * preferred[2] / total))
    return [left, width - left - right, right]


def fit_to_screen(window: QWidget) -> None:
    """Move and shrink a shown top-level window so that it lies inside its screen's available area."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    available = available_geometry(window)
    frame = window.frameGeometry()
    inner = window.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    room = QRect(available.topLeft(), available.size() - extra)
    fitted = fitted_rect(inner, room)
    if fitted != inner:
        window.setGeometry(fitted)


def reading_min_width(base_px: int, *, margins: int = 2 * 24 + 20) -> int:
    """Width the reader needs for :data:`MIN_READING_CHARS` characters of ``base_px`` (plus margins, scroll bar)."""
    return MIN_READING_CHARS * base_px + margins


def let_combos_shrink(widget: QWidget, *, chars: int = 6) -> None:
    """Let every combo box under ``widget`` be narrower than its longest item (it is elided), so that a panel
    with long batch titles in a filter does not force a wide window."""
    for combo in widget.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)


def size_to_current_text(combo: QComboBox, *, at_least: int = 150) -> Callable[[], None]:
    """Make ``combo`` as wide as the text it shows now (not its longest item), following its choice, so that a
    row of filter boxes fits a narrow panel and no box cuts its own label ("全部颜("). A long choice may be
    squeezed down to ``at_least`` pixels by its layout. Returns the function that fits it again (for a caller
    that refills the box with its signals blocked)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(0)

    def fit() -> None:
        opt = QStyleOptionComboBox()
        combo.initStyleOption(opt)
        text = QSize(combo.fontMetrics().horizontalAdvance(combo.currentText()) + 2, combo.fontMetrics().height())
        width = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, text, combo).width()
        combo.setMinimumWidth(min(width, at_least))
        combo.setMaximumWidth(width)

    combo.currentIndexChanged.connect(lambda _i: fit())
    fit()
    return fit


class ReadingWidthGuard(QObject):
    """Keeps the middle widget of a three-part splitter at least ``min_width()`` wide.

    The panels give way in order: the right one shrinks to :data:`PANEL_MIN`, then the left one; then the
    right one folds away, then the left one. A panel folded or narrowed by the guard comes back as wide as it
    was when there is room (a panel the user hid keeps that memory until it is shown again). A pinned panel
    (one the user asked for) only shrinks, it is never folded; the middle widget is narrower then.
    """

    #: The set of panels the guard has folded away changed.
    folds_changed = Signal()

    def __init__(self, splitter: QSplitter, *, min_width, parent: QObject | None = None) -> None:
        super().__init__(parent or splitter)
        self._splitter = splitter
        self._min_width = min_width
        self._folded: dict[int, int] = {}  # panel index -> its width before the guard folded it
        #: Panel index -> its width before the guard made it narrower (a comparison or a narrower window wanted
        #: the room), so that the panel gets it back when there is room again. Only a drag forgets it.
        self._narrowed: dict[int, int] = {}
        self._pinned: set[int] = set()
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.enforce)
        for i in (0, 2):
            splitter.widget(i).setMinimumWidth(PANEL_MIN)
            splitter.setCollapsible(i, True)
        splitter.setCollapsible(1, False)
        splitter.installEventFilter(self)
        splitter.splitterMoved.connect(lambda _pos, _index: self.enforce(user=True))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._splitter and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._timer.start()  # after the splitter has handled the event itself
        return False

    def folded(self) -> list[int]:
        """Indexes of the panels the guard has folded away."""
        return sorted(self._folded)

    def unfold(self, index: int) -> int | None:
        """The user asked for a panel back: forget that the guard folded it. Returns the width it had before the
        guard folded or narrowed it (None when the guard did neither)."""
        folded = self._folded.pop(index, None)
        width = folded if folded is not None else self._narrowed.get(index)
        if folded is not None:
            self.folds_changed.emit()
        return width

    def pin(self, index: int) -> None:
        """The user asked for this panel: it may shrink to :data:`PANEL_MIN` but is not folded any more, until
        :meth:`unpin` or :meth:`release_pins`."""
        self._pinned.add(index)

    def unpin(self, index: int) -> None:
        self._pinned.discard(index)

    def release_pins(self) -> None:
        """Something else is in front: the panels give way to it again as usual."""
        self._pinned.clear()

    def enforce(self, *, user: bool = False) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self._enforce(user=user)
        finally:
            self._busy = False

    def _enforce(self, *, user: bool) -> None:
        s = self._splitter
        sizes = s.sizes()
        if len(sizes) != 3 or sum(sizes) <= 0:
            return
        need = self._min_width()
        total = sum(sizes)
        folded_before = set(self._folded)
        if user:
            # The user dragged a handle: panels they opened are theirs, only the minimum is kept; the widths
            # they dragged to are the ones to keep.
            self._folded = {i: w for i, w in self._folded.items() if sizes[i] == 0}
            self._narrowed.clear()
        # A panel the user hid stays out of it. (Hiding or showing one changes the sum of the sizes, as its
        # handle goes too: that is no reason to forget the widths the panels had.)
        shown = [i for i in (0, 2) if not s.widget(i).isHidden()]
        deficit = need - sizes[1]
        before = list(sizes)
        if deficit > 0:
            for i in (2, 0):
                if i in shown and deficit > 0 and sizes[i] > PANEL_MIN:
                    self._narrowed.setdefault(i, sizes[i])
                    give = min(deficit, sizes[i] - PANEL_MIN)
                    sizes[i] -= give
                    deficit -= give
            for i in (2, 0):
                if i in shown and i not in self._pinned and deficit > 0 and sizes[i] > 0:
                    self._folded[i] = max(self._narrowed.pop(i, before[i]), PANEL_MIN)  # back as wide as it was
                    deficit -= sizes[i]
                    sizes[i] = 0
        else:
            spare = -deficit
            for i in (0, 2):
                width = self._folded.get(i)
                if i in shown and width is not None and spare >= PANEL_MIN:
                    sizes[i] = min(width, spare)  # as wide as it was, or as the room allows
                    spare -= sizes[i]
                    del self._folded[i]
                    if sizes[i] < width:  # the rest when there is more room
                        self._narrowed[i] = width
            for i in (0, 2):  # a panel made narrower gets its width back as far as there is room
                width = self._narrowed.get(i)
                if width is not None and sizes[i] > 0 and spare > 0:
                    grow = min(spare, width - sizes[i])
                    sizes[i] += max(0, grow)
                    spare -= max(0, grow)
                    if sizes[i] >= width:
                        del self._narrowed[i]
        sizes[1] = total - sizes[0] - sizes[2]
        if sizes != s.sizes():
            s.setSizes(sizes)
        if set(self._folded) != folded_before:
            self.folds_changed.emit()
