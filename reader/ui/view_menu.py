"""The View menu's reading controls and the status bar's reading progress and zoom level.

- Library panel and side panel on and off; focus mode (only the reader) and full-screen reading. A tick says
  whether the panel is on screen: a panel folded to make room for a comparison is unticked, and ticking it
  brings it back on demand (the comparison's columns scroll sideways then).
- Caret browsing (F7): see :mod:`reader.ui.caret`.
- Next / previous case in library order, and "go to case number" within the current batch.
- Reading progress (how far the view is scrolled through the case: 0 % at the top, 100 % at the end) and the text size in the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLabel, QMenu, QToolBar

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class ViewControls(QObject):
    """Adds its actions to ``view_menu`` and its labels to the window's status bar."""

    def __init__(self, *, window: MainWindow, view_menu: QMenu, help_menu: QMenu) -> None:
        super().__init__(window)
        self.w = window
        self._focus_mode = False
        self._saved_sizes: list[int] | None = None
        #: Panel index -> whether the user wants it (their last toggle), whatever folded or hid it meanwhile.
        self._wanted = {0: True, 2: True}

        def action(
            text: str, slot, shortcut: str | None = None, *, checkable: bool = False, checked: bool = False
        ) -> QAction:
            act = QAction(text, window)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.setCheckable(checkable)
            act.setChecked(checked)
            if checkable:
                act.toggled.connect(slot)
            else:
                act.triggered.connect(lambda _c=False: slot())
            window.addAction(act)
            view_menu.addAction(act)
            return act

        view_menu.addSeparator()
        self.act_library = action(
            self.tr("Library Panel"), self.show_library, "Ctrl+Shift+B", checkable=True, checked=True
        )
        self.act_side = action(self.tr("Side Panel"), self.show_side, "Ctrl+Shift+O", checkable=True, checked=True)
        self.act_focus = action(self.tr("Focus Mode (Reader Only)"), self.set_focus_mode, "F9", checkable=True)
        self.act_full = action(self.tr("Full Screen"), self.toggle_full_screen, "F11")
        self.act_caret = action(
            self.tr("Caret Browsing"),
            self.set_caret_browsing,
            "F7",
            checkable=True,
            checked=window.settings.get("reader/caret_browsing"),
        )
        view_menu.addSeparator()
        self.act_next = action(self.tr("Next Case"), lambda: self.step_case(1), "Alt+PgDown")
        self.act_prev = action(self.tr("Previous Case"), lambda: self.step_case(-1), "Alt+PgUp")
        self.act_goto = action(self.tr("Go to Case Number…"), self.go_to_number, "Ctrl+G")

        self.act_help = QAction(self.tr("Keyboard Shortcuts"), window)
        self.act_help.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        if self.act_help.shortcut().isEmpty():
            self.act_help.setShortcut(QKeySequence("F1"))
        self.act_help.triggered.connect(self.show_help)
        window.addAction(self.act_help)
        help_menu.insertAction(help_menu.actions()[0] if help_menu.actions() else None, self.act_help)
        self._help = None

        self.progress_label = QLabel(window)
        self.progress_label.setObjectName("reading-progress")
        self.progress_label.setToolTip(self.tr("Reading progress in this case"))
        self.zoom_label = QLabel(window)
        self.zoom_label.setObjectName("zoom-level")
        self.zoom_label.setToolTip(self.tr("Text size (Ctrl + / Ctrl − / Ctrl 0)"))
        window.statusBar().addPermanentWidget(self.progress_label)
        window.statusBar().addPermanentWidget(self.zoom_label)
        self.update_zoom()
        window.tabs.currentChanged.connect(lambda _i: self.update_progress())
        window.installEventFilter(self)

    def watch_tab(self, tab) -> None:
        """A new reader tab: caret browsing as set, its progress shown, and next in Tab order after the library."""
        from PySide6.QtWidgets import QWidget

        tab.view.set_caret_browsing(self.act_caret.isChecked())
        tab.view.verticalScrollBar().valueChanged.connect(lambda _v, t=tab: self._tab_scrolled(t))
        tab.view.verticalScrollBar().rangeChanged.connect(lambda _a, _b, t=tab: self._tab_scrolled(t))
        tab.case_changed.connect(lambda _cid, t=tab: self._tab_scrolled(t))
        # Main content early: Tab from the library tree goes straight into the text.
        QWidget.setTabOrder(self.w.library.tree, tab.view)

    def _tab_scrolled(self, tab) -> None:
        if tab is self.w.current_tab():
            self.update_progress()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        return (
            obj is self.w
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape  # type: ignore[attr-defined]
            and self.leave_full_screen()
        )

    # Panels ----------------------------------------------------------------------------------

    def _set_panel(self, index: int, on: bool) -> None:
        """The user's toggle wins: a panel turned on is shown (as wide as it was) even where the guard had folded
        it for a comparison; one turned off is hidden."""
        w = self.w
        widget = w.splitter.widget(index)
        guard = w.reading_guard
        self._wanted[index] = on
        if on:
            width = guard.unfold(index)
            guard.pin(index)
            widget.show()
            sizes = w.splitter.sizes()
            if sizes[index] == 0:
                want = width or 300  # as wide as it was before the guard took its room
                sizes[index] = want
                sizes[1] = max(0, sizes[1] - want)
                w.splitter.setSizes(sizes)
            guard.enforce()
        else:
            guard.unpin(index)
            widget.hide()
        self.sync_panel_ticks()

    def panel_wanted(self, index: int) -> bool:
        """Whether the user has the panel (0: library, 2: side panel) on, folded or not."""
        return self._wanted[index]

    def sync_panel_ticks(self) -> None:
        """Tick a panel's action exactly when the user wants it and the guard has not folded it away."""
        folded = self.w.reading_guard.folded()
        for index, act in ((0, self.act_library), (2, self.act_side)):
            on = self._wanted[index] and index not in folded
            if act.isChecked() != on:
                act.blockSignals(True)
                act.setChecked(on)
                act.blockSignals(False)

    def show_library(self, on: bool) -> None:
        self._set_panel(0, on)

    def show_side(self, on: bool) -> None:
        self._set_panel(2, on)

    def focus_mode(self) -> bool:
        return self._focus_mode

    def set_focus_mode(self, on: bool) -> None:
        """Only the reader (and its tabs): panels, tool bar and status bar hidden; F9 again brings them back."""
        w = self.w
        self._focus_mode = on
        for index in (0, 2):
            w.splitter.widget(index).setVisible(not on and self._wanted[index])
        for tb in w.findChildren(QToolBar):
            tb.setVisible(not on)
        w.statusBar().setVisible(not on)
        if self.act_focus.isChecked() != on:
            self.act_focus.setChecked(on)
        if on:
            self._focus_reader()

    def toggle_full_screen(self) -> None:
        """F11: a comparison goes full screen its own way; a reader tab in focus mode, full screen."""
        w = self.w
        view = w.compare.current()
        if view is not None:
            view.act_full_screen.trigger()
            return
        if w.isFullScreen():
            w.showNormal()
            w.menuBar().show()
            self.set_focus_mode(False)
        else:
            self.set_focus_mode(True)
            w.menuBar().hide()
            w.showFullScreen()

    def leave_full_screen(self) -> bool:
        """Esc in full-screen reading: back to the window. True when there was something to leave."""
        if self.w.isFullScreen() and self.w.compare.current() is None:
            self.toggle_full_screen()
            return True
        return False

    def _focus_reader(self) -> None:
        tab = self.w.current_tab()
        if tab is not None:
            tab.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # Caret -----------------------------------------------------------------------------------

    def set_caret_browsing(self, on: bool) -> None:
        self.w.settings.set("reader/caret_browsing", bool(on))
        for tab in self.w.reader_tabs():
            tab.view.set_caret_browsing(on)
        self.w.statusBar().showMessage(
            self.tr("Caret browsing on: arrows move, Shift+arrows select, 1–5 highlight")
            if on
            else self.tr("Caret browsing off"),
            4000,
        )
        if on:
            self._focus_reader()

    # Cases -----------------------------------------------------------------------------------

    def _order(self) -> list[str]:
        return [c.id for b in self.w.catalog.batches() for c in b.cases]

    def step_case(self, delta: int) -> None:
        """Open the next (``delta`` = 1) or previous case in library order in the current tab."""
        tab = self.w.current_tab()
        order = self._order()
        if not order:
            return
        if tab is None or tab.case_id not in order:
            target = order[0 if delta > 0 else -1]
        else:
            i = order.index(tab.case_id) + delta
            if not 0 <= i < len(order):
                self.w.statusBar().showMessage(
                    self.tr("This is the last case") if delta > 0 else self.tr("This is the first case"), 3000
                )
                return
            target = order[i]
        self.w.open_case(target)

    def go_to_number(self) -> None:
        """Ctrl+G: ask for a case number and open that case of the current batch."""
        tab = self.w.current_tab()
        batches = self.w.catalog.batches()
        batch = None
        if tab is not None and tab.view.case is not None:
            batch = next((b for b in batches if b.id == tab.view.case.batch_id), None)
        batch = batch or (batches[0] if batches else None)
        if batch is None:
            return
        numbers = [c.number for c in batch.cases if c.number is not None]
        if not numbers:
            return
        number, ok = QInputDialog.getInt(
            self.w,
            self.tr("Go to Case Number"),
            self.tr("Case number in “%1” (%2–%3):")
            .replace("%1", batch.title)
            .replace("%2", str(min(numbers)))
            .replace("%3", str(max(numbers))),
            min(numbers),
            min(numbers),
            max(numbers),
        )
        if ok:
            self.open_number(batch.id, number)

    def open_number(self, batch_id: str, number: int) -> bool:
        for b in self.w.catalog.batches():
            if b.id == batch_id:
                for c in b.cases:
                    if c.number == number:
                        return self.w.open_case(c.id)
        self.w.statusBar().showMessage(self.tr("No case with this number"), 3000)
        return False

    # Status bar ------------------------------------------------------------------------------

    def update_progress(self, *_: object) -> None:
        tab = self.w.current_tab()
        if tab is None or tab.view.case is None:
            self.progress_label.clear()
            return
        self.progress_label.setText(self.tr("Read %1%").replace("%1", str(reading_progress(tab.view))))

    def update_zoom(self) -> None:
        self.zoom_label.setText(self.tr("Text %1%").replace("%1", str(self.w.settings.get("reader/zoom"))))

    # Help ------------------------------------------------------------------------------------

    def show_help(self) -> None:
        from reader.ui.help_window import HelpWindow
        from reader.ui.tool_window import bring_to_front

        if self._help is None:
            self._help = HelpWindow(window=self.w, parent=self.w)
        self._help.refresh()
        bring_to_front(self._help)


def reading_progress(view) -> int:
    """How far the view is scrolled through the case, in per cent: 0 at the top, 100 at the end (and for a case
    that fits in the view, which is read at a glance)."""
    bar = view.verticalScrollBar()
    span = bar.maximum() - bar.minimum()
    if span <= 0:
        return 100
    return max(0, min(100, round(100 * (bar.value() - bar.minimum()) / span)))
