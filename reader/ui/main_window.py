"""The main window: library tree and search on the left, tabbed case reader in the centre, side panels right.

The window is wiring. Its commands live in rooms, one module each: :mod:`reader.ui.menus` (every menu entry
and shortcut), :mod:`reader.ui.annotation_actions`, :mod:`reader.ui.compare_actions`,
:mod:`reader.ui.library_actions`, :mod:`reader.ui.presenting`, :mod:`reader.ui.appearance` (theme and zoom);
:mod:`reader.ui.session` encodes the tabs saved between runs and :mod:`reader.ui.lazy_tabs` builds the side
panels when first shown. What stays here: the tabs of the centre (opening, closing, the current one, its
outline and hit count), copy/find/focus, and the session's save and restore.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from reader.domain.case import Case
from reader.export.html import outline
from reader.i18n import error_text
from reader.models.library import LibraryModel
from reader.models.outline import AnchorRole, OutlineModel
from reader.paths import UserPaths
from reader.settings import Settings
from reader.storage.catalog import Catalog
from reader.storage.db import StorageError
from reader.stores.annotations import AnnotationStore
from reader.stores.playlists import PlaylistStore
from reader.ui import geometry, session
from reader.ui.annotation_actions import AnnotationActions
from reader.ui.appearance import Appearance
from reader.ui.batch_labels import batch_labels
from reader.ui.compare_actions import CompareActions
from reader.ui.constants import READER_TAB_TITLE, elide_title
from reader.ui.edit_actions import EditActions
from reader.ui.file_actions import FileActions
from reader.ui.fitting_tabs import FittingTabs
from reader.ui.lazy_tabs import LazyTabs
from reader.ui.library_actions import LibraryActions
from reader.ui.library_view import LibraryPane
from reader.ui.menus import Menus
from reader.ui.presenting import Presenting
from reader.ui.reader_tab import ReaderTab
from reader.ui.view_menu import ViewControls

if TYPE_CHECKING:
    from reader.ui.annotations_panel import AnnotationsPanel
    from reader.ui.compare_picker import SimilarCasesPanel
    from reader.ui.playlists_panel import PlaylistsPanel
    from reader.ui.search_panel import SearchPanel
    from reader.ui.term_service import TermService

#: The first widths of the library, the reader and the side panels.
DEFAULT_SPLIT = [340, 860, 320]


class MainWindow(QMainWindow):
    ready = Signal()  # the tree is filled and a case is rendered

    def __init__(
        self,
        *,
        catalog: Catalog,
        settings: Settings,
        paths: UserPaths,
        annotation_store: AnnotationStore,
        playlist_store: PlaylistStore | None = None,
        apply_language: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.annotation_store = annotation_store
        #: Playlists share the annotations' undo stack: Ctrl+Z undoes the last change, whichever it was.
        self.playlist_store = playlist_store or PlaylistStore(
            db=annotation_store.db, undo_stack=annotation_store.undo_stack, parent=self
        )
        self.settings = settings
        self.paths = paths
        self.apply_language = apply_language
        self._ready_sent = False
        self._restoring = False
        self._panels_front: QWidget | None = None  # the tab the panels were last fitted to
        self._term_service: TermService | None = None
        self.setWindowTitle(self.tr("Casebook"))
        self.setObjectName("MainWindow")

        # Rooms: each does one kind of work for the window (see the module docstring).
        self.appearance = Appearance(self)
        self.annotate = AnnotationActions(self)
        self.compare = CompareActions(self)
        self.library_actions = LibraryActions(self)
        self.presenting = Presenting(self)
        self.edit = EditActions(self)
        self.files = FileActions(self)

        self.library_model = LibraryModel(batches=catalog.batches(), imported=catalog.imported_batch_ids(), parent=self)
        self.library = LibraryPane(model=self.library_model, parent=self)
        self.left = QTabWidget(self)
        self.left.setDocumentMode(True)
        self.left.addTab(self.library, self.tr("Library"))
        self.lazy_left = LazyTabs(self.left)  # the search panel is built after the first paint (or on first use)
        self.lazy_left.add("search", self.tr("Search"), self._make_search_panel)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._current_tab_changed)
        self.tabs.tabBar().installEventFilter(self)

        self.outline_model = OutlineModel(self)
        self.outline_view = QListView(self)
        self.outline_view.setModel(self.outline_model)
        self.outline_view.setUniformItemSizes(True)
        self.outline_view.setWordWrap(False)
        self.outline_view.clicked.connect(self._outline_clicked)
        self.outline_view.activated.connect(self._outline_clicked)
        self.right = QTabWidget(self)
        self.right.setDocumentMode(True)
        self.right.setElideMode(Qt.TextElideMode.ElideRight)  # only if the panel is made very narrow
        self.right.addTab(self.outline_view, self.tr("Outline"))
        # The other side panels are built when first shown (or used), so they cost nothing at start-up.
        # Short titles, so that the four tabs fit the panel's default width in English too.
        self.lazy_right = LazyTabs(self.right)
        self.lazy_right.add(
            "annotations",
            self.tr("Notes", "side panel tab: the annotations"),
            self._make_annotations_panel,
            tool_tip=True,
        )
        playlists_title = self.tr("Playlists")
        similar_title = self.tr("Similar", "side panel tab: the similar cases")
        self.lazy_right.add("playlists", playlists_title, self._make_playlists_panel, tool_tip=True)
        self.lazy_right.add("similar", similar_title, self._make_similar_panel, tool_tip=True)
        # On a narrow panel (a 1024×768 screen) short titles, never "播…" nor a tab behind scroll arrows.
        self.right_titles = FittingTabs(self.right)
        self.right_titles.set_short(playlists_title, self.tr("Lists", "side panel tab, short: the playlists"))
        self.right_titles.set_short(similar_title, self.tr("Similar", "side panel tab, short: the similar cases"))
        annotation_store.changed.connect(self.annotate.refresh_views)
        annotation_store.changed.connect(self.library_actions.refresh_annotation_marks)
        self.library_actions.refresh_annotation_marks()
        annotation_store.failed.connect(lambda msg: QMessageBox.warning(self, self.tr("Annotations"), msg))
        self.playlist_store.failed.connect(lambda msg: QMessageBox.warning(self, self.tr("Playlists"), msg))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes(DEFAULT_SPLIT)
        self.setCentralWidget(self.splitter)

        self.hit_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.hit_label)

        self.library.open_requested.connect(self.open_case)
        self.library.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.library.tree.customContextMenuRequested.connect(self.library_actions.tree_menu)
        self.ready.connect(self._after_ready)

        self.menus = Menus(self)
        self.view_controls = ViewControls(window=self, view_menu=self.menus.view_menu, help_menu=self.menus.help_menu)
        self._update_history_actions()
        self._restore_window()
        self._restore_session()  # before the window is shown: only the current tab is ever rendered

    def _after_ready(self) -> None:
        """Set-up that waits until the window is ready, so that it does not delay the first paint."""
        # WORKAROUND: PySide6 6.11 resolves all lazily loaded classes to wrap an object of an unexported class.
        # Mouse back/forward buttons anywhere in the window. An application-wide filter written in Python
        # makes PySide6 wrap every event's receiver, and the first internal Qt object among them makes it
        # load all of its Qt classes at once (some 30 ms).
        QApplication.instance().installEventFilter(self)
        # dropped with the window
        QApplication.styleHints().colorSchemeChanged.connect(self.appearance.follow_os_colours)
        QTimer.singleShot(0, lambda: self.search)  # built at idle time, so the first Ctrl+K is instant

    # Side panels, built on first use --------------------------------------------------------

    def _make_search_panel(self) -> SearchPanel:
        from reader.ui.search_history import SearchHistory
        from reader.ui.search_panel import SearchPanel

        panel = SearchPanel(
            searcher=self.catalog,
            batch_titles=batch_labels(self.catalog.batches()),
            history=SearchHistory(settings=self.settings, parent=self),  # in the data folder's settings
            parent=self.left,
        )
        panel.open_requested.connect(lambda cid, q, new: self.open_case(cid, new, query=q))
        panel.search_finished.connect(lambda _n: self.left.setCurrentWidget(panel))
        return panel

    def _make_annotations_panel(self) -> AnnotationsPanel:
        from reader.ui.annotations_panel import AnnotationsPanel

        panel = AnnotationsPanel(
            store=self.annotation_store,
            case_title=self.case_title,
            batch_titles=self.catalog.batch_titles,
            case_batches=self.catalog.case_batches,
            parent=self.right,
        )
        geometry.let_combos_shrink(panel)  # long batch titles in its filters must not widen the window
        panel.jump_requested.connect(self.annotate.jump_to_annotation)
        panel.bookmark_requested.connect(self.annotate.bookmark_here)
        panel.leave_requested.connect(self.edit.focus_reader)
        tab = self.current_tab()
        panel.set_case(tab.case_id if tab else None)
        return panel

    def _make_playlists_panel(self) -> PlaylistsPanel:
        from reader.ui.playlists_panel import PlaylistsPanel

        panel = PlaylistsPanel(
            store=self.playlist_store,
            case_title=self.case_title,
            known_case_ids=self.catalog.case_ids,
            outline=lambda cid: outline(self.catalog.case(cid)),
            parent=self.right,
        )
        panel.present_requested.connect(self.presenting.present_playlist)
        panel.rehearse_requested.connect(self.presenting.rehearse_playlist)
        panel.open_case_requested.connect(self.open_case)
        panel.handout_requested.connect(self.presenting.export_handout)
        return panel

    def _make_similar_panel(self) -> SimilarCasesPanel:
        from reader.ui.compare_picker import SimilarCasesPanel

        panel = SimilarCasesPanel(
            term_service=self.term_service,
            summaries=self.catalog.summaries(),
            batch_titles=batch_labels(self.catalog.batches()),
            parent=self.right,
        )
        panel.open_requested.connect(lambda cid: self.open_case(cid))
        panel.compare_requested.connect(self.compare.compare_cases)
        tab = self.current_tab()
        panel.set_case(tab.case_id if tab else None)
        return panel

    @property
    def search(self) -> SearchPanel:
        """The library search panel, created on first use so that it costs nothing before the first paint."""
        return self.lazy_left.get("search")  # type: ignore[return-value]

    @property
    def annotations(self) -> AnnotationsPanel:
        return self.lazy_right.get("annotations")  # type: ignore[return-value]

    @property
    def playlists(self) -> PlaylistsPanel:
        return self.lazy_right.get("playlists")  # type: ignore[return-value]

    @property
    def similar(self) -> SimilarCasesPanel:
        return self.lazy_right.get("similar")  # type: ignore[return-value]

    @property
    def term_service(self) -> TermService:
        """Term statistics for shared terms and similar cases; the index itself is built on first need."""
        if self._term_service is None:
            from reader.ui.term_service import TermService

            self._term_service = TermService(load_cases=self.catalog.cases, parent=self)
        return self._term_service

    def case_title(self, case_id: str) -> str:
        try:
            return self.catalog.summary(case_id).title
        except StorageError:
            return case_id

    # Tabs and cases --------------------------------------------------------------------------

    def load_case(self, case_id: str) -> tuple[Case, str]:
        """The case and its batch title (raises StorageError)."""
        case = self.catalog.case(case_id)
        return case, self.catalog.batch_titles.get(case.batch_id, "")

    def current_tab(self) -> ReaderTab | None:
        w = self.tabs.currentWidget()
        return w if isinstance(w, ReaderTab) else None

    def new_tab(self) -> ReaderTab:
        tab = ReaderTab(load_case=self.load_case, parent=self.tabs)
        self.appearance.style_tab(tab)
        tab.view.copy_reference = self.settings.get("reader/copy_reference")
        tab.case_changed.connect(lambda _cid, t=tab: self._tab_case_changed(t))
        tab.history_changed.connect(self._update_history_actions)
        tab.hits_changed.connect(lambda cur, total, t=tab: self._show_hits(t, cur, total))
        tab.view.section_changed.connect(lambda anchor, t=tab: self._section_changed(t, anchor))
        tab.view.highlight_requested.connect(lambda a, b, c, n, t=tab: self.annotate.highlight(t, a, b, c, with_note=n))
        tab.view.bookmark_requested.connect(lambda offset, t=tab: self.annotate.bookmark_here(t, offset))
        tab.view.annotation_clicked.connect(self.annotate.show_annotation)
        tab.view.painted.connect(self._emit_ready)
        self.view_controls.watch_tab(tab)
        self.tabs.addTab(tab, "")
        return tab

    def open_case(self, case_id: str, new_tab: bool = False, *, query: str = "", scroll: int | None = None) -> bool:
        """Open a case in the current tab (or a new one). Returns False, after telling the user, on failure."""
        tab = self.current_tab()
        created = tab is None or new_tab
        if created:
            tab = self.new_tab()
        assert tab is not None
        try:
            tab.open_case(case_id, query=query, scroll=scroll)
        except StorageError as exc:
            if created:
                self.tabs.removeTab(self.tabs.indexOf(tab))
                tab.deleteLater()
            QMessageBox.warning(self, self.tr("Cannot open the case"), error_text(exc))
            return False
        self.tabs.setCurrentWidget(tab)
        self.library.reveal(case_id)
        self._emit_ready()
        return True

    def open_selected_in_new_tab(self) -> None:
        ids = self.library.selected_case_ids() if self.left.currentWidget() is self.library else []
        if not ids and self.left.currentWidget() is self.search:
            ids = self.search.selected_case_ids()
        if not ids:
            tab = self.current_tab()
            ids = [tab.case_id] if tab and tab.case_id else []
        for cid in ids:
            self.open_case(cid, True)

    def close_tab(self, index: int) -> None:
        if index < 0:
            return
        w = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if w is not None:
            self.compare.forget(w)
            w.deleteLater()
        if self.tabs.count() == 0:
            self.outline_model.set_outline([])
            self.hit_label.clear()
        self._update_history_actions()

    def cycle_tab(self, delta: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + delta) % self.tabs.count())

    def _tab_case_changed(self, tab: ReaderTab) -> None:
        if tab.case_id:
            tab.view.set_annotations(self.annotation_store.for_case(tab.case_id))
            self.menus.recent.add(tab.case_id)
        i = self.tabs.indexOf(tab)
        self._set_tab_title(i, tab.title())
        if tab is self.current_tab():
            self._current_tab_changed(i)

    def _set_tab_title(self, index: int, title: str) -> None:
        self.tabs.setTabText(index, elide_title(title, READER_TAB_TITLE))
        self.tabs.setTabToolTip(index, title)

    def _current_tab_changed(self, _index: int) -> None:
        self.flush_user_data()
        if self._restoring:
            return
        tab = self.current_tab()
        if tab is not None and tab.is_waiting():
            tab.ensure_shown()  # its case_changed brings us back here, rendered
            return
        if tab is None or tab.view.case is None:
            view = self.compare.current()
            self.fit_panels()  # a comparison may need the side panels' room
            if view is not None:
                self.outline_model.set_outline(view.outline())
                self.show_hit_count(view.current_hit(), view.hit_count())
                self.setWindowTitle(f"{view.title()} — {self.tr('Casebook')}")
            elif tab is None:  # no tab at all: nothing names a closed case any more
                self.setWindowTitle(self.tr("Casebook"))
                for name in ("annotations", "similar"):
                    if (panel := self.lazy_right.built(name)) is not None:
                        panel.set_case(None)  # type: ignore[attr-defined]
            self._update_history_actions()
            return
        self.fit_panels()  # the panels that gave way to a comparison come back
        if (similar := self.lazy_right.built("similar")) is not None:
            similar.set_case(tab.case_id)  # type: ignore[attr-defined]
        self.outline_model.set_outline(outline(tab.view.case))
        if (annotations := self.lazy_right.built("annotations")) is not None:
            annotations.set_case(tab.case_id)  # type: ignore[attr-defined]
        self._section_changed(tab, tab.view.current_section())
        self._show_hits(tab, tab.view.current_hit(), tab.view.hit_count())
        self._update_history_actions()
        self.setWindowTitle(f"{tab.title()} — {self.tr('Casebook')}")
        if tab.case_id:
            self.library.reveal(tab.case_id)

    def fit_panels(self) -> None:
        """Let the side panels give way to (or come back from) what is in front: a reader or a comparison."""
        front = self.tabs.currentWidget()
        if front is not self._panels_front:  # a panel the user asked for over another tab gives way again
            self._panels_front = front
            self.reading_guard.release_pins()
        if self.isVisible():  # before the first show the splitter has no real width yet
            self.reading_guard.enforce()

    def _section_changed(self, tab: ReaderTab, anchor: str) -> None:
        if tab is not self.current_tab():
            return
        row = self.outline_model.row_of(anchor)
        sel = self.outline_view.selectionModel()
        if row < 0:
            sel.clearSelection()
            return
        idx = self.outline_model.index(row, 0)
        self.outline_view.setCurrentIndex(idx)
        self.outline_view.scrollTo(idx)

    def _outline_clicked(self, index: QModelIndex) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.view.scroll_to(index.data(AnchorRole))
        elif (view := self.compare.current()) is not None:
            view.rows.scroll_to_row(index.data(AnchorRole))

    def _show_hits(self, tab: ReaderTab, current: int, total: int) -> None:
        if tab is self.current_tab():
            self.show_hit_count(current, total)

    def show_hit_count(self, current: int, total: int) -> None:
        """ "Hit 3 of 12" in the status bar for the tab in front (nothing without a current hit)."""
        text = self.tr("Hit %1 of %2").replace("%1", str(current)).replace("%2", str(total))
        self.hit_label.setText(text if total and current else "")

    def back(self) -> None:
        tab = self.current_tab()
        if tab:
            tab.back()

    def forward(self) -> None:
        tab = self.current_tab()
        if tab:
            tab.forward()

    def _update_history_actions(self) -> None:
        """Back/Forward, and the entries that need a case in front (a note, a bookmark, printing, presenting)."""
        tab = self.current_tab()
        self.menus.act_back.setEnabled(bool(tab and tab.can_go_back()))
        self.menus.act_forward.setEnabled(bool(tab and tab.can_go_forward()))
        for act in self.menus.case_actions:
            act.setEnabled(bool(tab and tab.case_id))
        self.menus.act_close_tab.setEnabled(self.tabs.count() > 0)

    def reader_tabs(self) -> list[ReaderTab]:
        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), ReaderTab)]

    # Session ---------------------------------------------------------------------------------

    def _restore_window(self) -> None:
        """The saved size fitted to this screen (or the first size); the panels give way to the reader."""
        as_saved = geometry.restore_window(self, self.settings.state("geometry"))
        state = self.settings.state("splitter")
        if state is not None and as_saved:
            self.splitter.restoreState(state)
        else:  # a new size (first start, another screen): the panels in their usual proportions
            self.splitter.setSizes(geometry.panel_sizes(self.width(), tuple(DEFAULT_SPLIT)))  # type: ignore[arg-type]
        self.reading_guard = geometry.ReadingWidthGuard(self.splitter, min_width=self.reading_min_width)
        self.reading_guard.folds_changed.connect(self.view_controls.sync_panel_ticks)

    def reading_min_width(self) -> int:
        """The reader's minimum width at the current text size, or the width a comparison in front needs to show
        its columns side by side (the side panels give way to it)."""
        need = geometry.reading_min_width(self.appearance.base_px())
        view = self.compare.current() if hasattr(self, "compare") else None
        return max(need, view.wanted_width()) if view is not None else need

    def _restore_session(self) -> None:
        """Reopen the last session's tabs. Only the current one is rendered now; the others when first shown."""
        opened = False
        if self.settings.get("session/restore"):
            self._restoring = True  # no per-tab updates while the tabs are added
            try:
                for entry in session.decode(self.settings.get("session/tabs")):
                    if isinstance(entry, session.CompareEntry):
                        try:
                            self.compare.compare_cases([], state=entry.state)
                            opened = True
                        except (ValueError, TypeError, KeyError, StorageError):
                            pass  # a comparison that cannot be restored is dropped quietly
                        continue
                    try:
                        summary = self.catalog.summary(entry.case_id)
                    except StorageError:
                        continue  # a case that left the casebook: skip its tab quietly
                    tab = self.new_tab()
                    tab.defer_case(entry.case_id, title=summary.title, scroll=entry.scroll, place=entry.place)
                    self._set_tab_title(self.tabs.indexOf(tab), summary.title)
                    opened = True
            finally:
                self._restoring = False
            current = self.settings.get("session/current_tab")
            if 0 <= current < self.tabs.count():
                self.tabs.setCurrentIndex(current)
            self._current_tab_changed(self.tabs.currentIndex())
        if not opened:
            batches = self.catalog.batches()
            if batches and batches[0].cases:
                self.open_case(batches[0].cases[0].id)
        self._emit_ready()

    def _emit_ready(self) -> None:
        """Emit :attr:`ready` once: the tree is filled and the current tab's case has been painted (or the
        current tab, a comparison, is shown)."""
        if self._ready_sent:
            return
        tab = self.current_tab()
        if tab is not None:
            shown = tab.view.has_painted()
        else:
            shown = self.tabs.currentWidget() is not None and self.isVisible()
        if shown:
            self._ready_sent = True
            QTimer.singleShot(0, self.ready.emit)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._emit_ready)  # a comparison as the current tab has no paint to wait for

    def save_session(self) -> None:
        entries: list[session.Entry] = []
        comparisons = self.compare.views()
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if isinstance(w, ReaderTab) and (loc := w.location()) is not None:
                entries.append(session.ReaderEntry(loc.case_id, loc.scroll, loc.place))
            elif w in comparisons:
                entries.append(session.CompareEntry(w.state()))  # type: ignore[attr-defined]
        self.settings.set("session/tabs", session.encode(entries))
        self.settings.set("session/current_tab", max(0, self.tabs.currentIndex()))
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("splitter", self.splitter.saveState())
        self.settings.sync()

    def flush_user_data(self) -> None:
        """Save every edit still waiting in an editor (annotation notes, playlist notes, the talk's plan), now."""
        self.annotation_store.flush()
        self.playlist_store.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_user_data()  # a note typed less than the editor's pause ago is saved, not lost
        self.save_session()
        QApplication.instance().removeEventFilter(self)
        super().closeEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        et = event.type()
        if et == QEvent.Type.MouseButtonPress and self.isActiveWindow():
            button = event.button()  # type: ignore[attr-defined]
            if button == Qt.MouseButton.BackButton:
                self.back()
                return True
            if button == Qt.MouseButton.ForwardButton:
                self.forward()
                return True
            if button == Qt.MouseButton.MiddleButton and obj is self.tabs.tabBar():
                i = self.tabs.tabBar().tabAt(event.position().toPoint())  # type: ignore[attr-defined]
                if i >= 0:
                    self.close_tab(i)
                    return True
        return super().eventFilter(obj, event)
