"""The main window's Compare menu: opening comparisons, picking cases, exporting, full screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QToolBar

from reader.domain.annotation import AnnotationError, new_highlight
from reader.domain.compare import MAX_CASES
from reader.storage.db import StorageError
from reader.ui.batch_labels import batch_labels
from reader.ui.constants import STATUS_ERROR_MS, STATUS_MESSAGE_MS, elide_title

if TYPE_CHECKING:
    from reader.ui.compare_view import CompareView
    from reader.ui.main_window import MainWindow

#: Longest tab title of a comparison, in characters (the rest is elided; the tool tip has it all).
COMPARE_TAB_TITLE = 18


class CompareActions(QObject):
    """Opens comparisons in the window's tabs and keeps track of them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._views: list[CompareView] = []

    def compare_cases(self, ids: list[str], query: str = "", *, state: dict | None = None) -> CompareView:
        from reader.ui.compare_view import CompareView

        w = self._window
        view = CompareView(
            load_case=w.load_case,
            term_service=w.term_service,
            highlights=self.highlight_spans,
            parent=w.tabs,
        )
        w.appearance.style_compare(view)
        view.open_case_requested.connect(lambda cid: w.open_case(cid, True))
        view.add_requested.connect(
            lambda v=view: v.add_cases(self.pick_cases(exclude=v.case_ids(), limit=MAX_CASES - v.column_count()))
        )
        view.highlight_requested.connect(self._highlight_from_compare)
        view.cases_changed.connect(lambda _ids, v=view: self._cases_changed(v))
        view.message_changed.connect(lambda msg: w.statusBar().showMessage(msg, STATUS_MESSAGE_MS))
        view.full_screen_changed.connect(self._full_screen)
        view.hits_changed.connect(lambda current, total, v=view: self.show_hits(v, current, total))
        w.tabs.addTab(view, "")
        self._views.append(view)
        if state is not None:
            view.restore(state)
        else:
            view.set_cases(ids, query=query)
        self._set_title(view)
        w.tabs.setCurrentWidget(view)
        return view

    def _cases_changed(self, view: CompareView) -> None:
        self._set_title(view)
        if view is self.current():  # its outline and the room it needs follow its columns
            self._window.outline_model.set_outline(view.outline())
            self._window.fit_panels()

    def views(self) -> list[CompareView]:
        """The open comparisons, in no particular order."""
        w = self._window
        self._views = [v for v in self._views if shiboken6.isValid(v) and w.tabs.indexOf(v) >= 0]
        return list(self._views)

    def current(self) -> CompareView | None:
        """The comparison in front, or None when the current tab is not one."""
        widget = self._window.tabs.currentWidget()
        return widget if widget is not None and widget in self.views() else None  # type: ignore[return-value]

    def forget(self, widget: object) -> None:
        """A tab is being closed: drop it if it is a comparison."""
        if widget in self._views:
            self._views.remove(widget)  # type: ignore[arg-type]

    def compare_selected(self) -> None:
        """Compare the cases selected in the tree (or the search results); with fewer than two, ask."""
        w = self._window
        if w.left.currentWidget() is w.lazy_left.built("search"):
            ids, query = w.search.selected_case_ids(), w.search.query()
        else:
            ids, query = w.library.selected_case_ids(), ""
        if len(ids) >= 2:
            self.compare_cases(ids[:MAX_CASES], query)
        else:
            self.compare_with(ids[0] if ids else None)

    def compare_with(self, base: str | None = None) -> None:
        tab = self._window.current_tab()
        base = base or (tab.case_id if tab else None)
        ids = self.pick_cases(exclude=[base] if base else [], limit=MAX_CASES - 1 if base else MAX_CASES, base=base)
        if ids:
            self.compare_cases([base, *ids] if base else ids)

    def pick_cases(self, *, exclude: list[str], limit: int, base: str | None = None) -> list[str]:
        if limit <= 0:
            return []
        from reader.ui.compare_picker import ComparePicker

        w = self._window
        return ComparePicker.pick(
            w,
            summaries=w.catalog.summaries(),
            batch_titles=batch_labels(w.catalog.batches()),
            term_service=w.term_service,
            searcher=w.catalog,
            base_case_id=base,
            exclude=exclude,
            max_count=limit,
        )

    def export_comparison(self) -> None:
        """Compare → Export Comparison…: the export dialog with the current comparison chosen (PDF or Word)."""
        w = self._window
        view = self.current()
        if view is None or view.column_count() < 2:
            w.statusBar().showMessage(self.tr("Open a comparison of two to four cases first"), STATUS_MESSAGE_MS)
            return
        w.files.export_cases()

    def toggle_full_screen(self) -> None:
        view = self.current()
        if view is not None:
            view.act_full_screen.trigger()

    def show_hits(self, view: CompareView, current: int, total: int) -> None:
        if view is self.current():
            self._window.show_hit_count(current, total)

    def highlight_spans(self, case_id: str) -> list[tuple[int, int, int]]:
        return [
            (a.position.start, a.position.end, a.color)
            for a in self._window.annotation_store.for_case(case_id)
            if a.is_highlight and a.position is not None and not a.orphaned and a.color is not None
        ]

    def _highlight_from_compare(self, case_id: str, start: int, end: int) -> None:
        w = self._window
        try:
            case = w.catalog.case(case_id)
            annotation = new_highlight(case, start, end, color=0)
        except (StorageError, AnnotationError) as exc:
            w.statusBar().showMessage(str(exc), STATUS_ERROR_MS)
            return
        w.annotation_store.add(annotation, text=self.tr("Highlight"))

    def _set_title(self, view: CompareView) -> None:
        tabs = self._window.tabs
        i = tabs.indexOf(view)
        if i >= 0:
            title = view.title()  # already "Compare: …"
            tabs.setTabText(i, elide_title(title, COMPARE_TAB_TITLE))
            tabs.setTabToolTip(i, title)

    def _full_screen(self, on: bool) -> None:
        w = self._window
        for widget in (w.menuBar(), w.statusBar()):
            widget.setVisible(not on)
        for index, panel in ((0, w.left), (2, w.right)):  # a panel the user had turned off stays off
            panel.setVisible(not on and w.view_controls.panel_wanted(index))
        for tb in w.findChildren(QToolBar):
            tb.setVisible(not on)
        w.tabs.tabBar().setVisible(not on)
        if on:
            w.showFullScreen()
        else:
            w.showNormal()
