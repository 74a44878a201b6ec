"""The main window: library tree and search on the left, tabbed case reader in the centre, outline right."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from reader.domain.annotation import AnnotationError, new_bookmark, new_highlight
from reader.domain.case import Case
from reader.export.html import outline
from reader.i18n import error_text
from reader.models.library import LibraryModel
from reader.models.outline import AnchorRole, OutlineModel
from reader.paths import UserPaths
from reader.settings import ZOOM_MAX, ZOOM_MIN, ZOOM_STEP, Settings
from reader.storage.casebook import Casebook
from reader.storage.db import StorageError
from reader.ui import theme as themes
from reader.ui.annotation_store import AnnotationStore
from reader.ui.icons import toolbar_icon
from reader.ui.library_view import LibraryPane
from reader.ui.reader_tab import ReaderTab

if TYPE_CHECKING:
    from reader.ui.annotations_panel import AnnotationsPanel
    from reader.ui.compare_view import CompareView
    from reader.ui.search_panel import SearchPanel

BASE_PX = 17


class MainWindow(QMainWindow):
    ready = Signal()  # the tree is filled and a case is rendered
    theme_changed = Signal()

    def __init__(
        self,
        *,
        casebook: Casebook,
        searcher: object,
        settings: Settings,
        paths: UserPaths,
        store: AnnotationStore,
        apply_language: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.casebook = casebook
        self.store = store
        self.settings = settings
        self.paths = paths
        self._apply_language = apply_language
        self._ready_sent = False
        self._restoring = False
        self.setWindowTitle(self.tr("Casebook"))
        self.setObjectName("MainWindow")
        self.theme = themes.apply(QApplication.instance(), settings.get("ui/theme"))  # type: ignore[arg-type]

        batches = casebook.batches()
        self._batch_titles = {b.id: b.title for b in batches}
        imported = casebook.imported_batch_ids() if hasattr(casebook, "imported_batch_ids") else ()
        self.library_model = LibraryModel(batches=batches, imported=imported, parent=self)
        self.library = LibraryPane(model=self.library_model, parent=self)
        self._searcher = searcher
        self._search: SearchPanel | None = None  # built after the first paint (or on first use)
        self.left = QTabWidget(self)
        self.left.setDocumentMode(True)
        self.left.addTab(self.library, self.tr("Library"))
        self.left.addTab(QWidget(self.left), self.tr("Search"))
        self.left.currentChanged.connect(lambda i: self.search if i == 1 else None)

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
        self._case_batches = {c.id: b.id for b in batches for c in b.cases}
        self.right = QTabWidget(self)
        self.right.setDocumentMode(True)
        self.right.setElideMode(Qt.TextElideMode.ElideRight)  # only if the panel is made very narrow
        self.right.addTab(self.outline_view, self.tr("Outline"))
        # The other side panels are built when first shown (or used), so they cost nothing at start-up.
        self._panels: dict[str, QWidget] = {}
        self._panel_factories: dict[str, Callable[[], QWidget]] = {
            "annotations": self._make_annotations_panel,
            "playlists": self._make_playlists_panel,
            "similar": self._make_similar_panel,
        }
        for key, title in (
            # Short titles, so that the four tabs fit the panel's default width in English too.
            ("annotations", self.tr("Notes", "side panel tab: the annotations")),
            ("playlists", self.tr("Playlists")),
            ("similar", self.tr("Similar", "side panel tab: the similar cases")),
        ):
            placeholder = QWidget(self.right)
            placeholder.setObjectName(key)
            self.right.setTabToolTip(self.right.addTab(placeholder, title), title)
        self.right.currentChanged.connect(lambda i: self._panel(self.right.widget(i).objectName()))
        self._presentation = None
        self._summaries = [c for b in batches for c in b.cases]
        self._term_service = None
        self._compare_views: list[CompareView] = []
        store.changed.connect(self._annotations_changed)
        store.failed.connect(lambda msg: QMessageBox.warning(self, self.tr("Annotations"), msg))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([340, 860, 320])
        self.setCentralWidget(self.splitter)

        self.hit_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.hit_label)

        self.library.open_requested.connect(self.open_case)
        self.library.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.library.tree.customContextMenuRequested.connect(self._tree_menu)
        self.ready.connect(self._after_ready)

        self._build_actions()
        self._restore_window()
        self._restore_session()  # before the window is shown: only the current tab is ever rendered

    def _after_ready(self) -> None:
        """Set-up that waits until the window is ready, so that it does not delay the first paint."""
        # WORKAROUND: PySide6 6.11 resolves all lazily loaded classes to wrap an object of an unexported class.
        # Mouse back/forward buttons anywhere in the window. An application-wide filter written in Python
        # makes PySide6 wrap every event's receiver, and the first internal Qt object among them makes it
        # load all of its Qt classes at once (some 30 ms).
        QApplication.instance().installEventFilter(self)
        QApplication.styleHints().colorSchemeChanged.connect(self._follow_os_colours)  # dropped with the window
        QTimer.singleShot(0, lambda: self.search)  # built at idle time, so the first Ctrl+K is instant

    # Side panels, built on first use --------------------------------------------------------

    def _panel(self, key: str) -> QWidget | None:
        if key not in self._panel_factories:
            return None
        if key not in self._panels:
            index = next(i for i in range(self.right.count()) if self.right.widget(i).objectName() == key)
            placeholder = self.right.widget(index)
            widget = self._panel_factories[key]()
            widget.setObjectName(key)
            current = self.right.currentIndex()
            title = self.right.tabText(index)
            self.right.blockSignals(True)
            self.right.removeTab(index)
            self.right.setTabToolTip(self.right.insertTab(index, widget, title), title)
            self.right.setCurrentIndex(current)
            self.right.blockSignals(False)
            placeholder.deleteLater()
            self._panels[key] = widget
        return self._panels[key]

    def _make_annotations_panel(self) -> QWidget:
        from reader.ui.annotations_panel import AnnotationsPanel

        panel = AnnotationsPanel(
            store=self.store,
            case_title=self._case_title,
            batch_titles=self._batch_titles,
            case_batches=self._case_batches,
            parent=self.right,
        )
        panel.jump_requested.connect(self.jump_to_annotation)
        panel.bookmark_requested.connect(self.bookmark_here)
        tab = self.current_tab()
        panel.set_case(tab.case_id if tab else None)
        return panel

    def _make_playlists_panel(self) -> QWidget:
        from reader.ui.playlists_panel import PlaylistsPanel

        panel = PlaylistsPanel(
            db=self.store.db,
            case_title=self._case_title,
            known_case_ids=lambda: [c.id for b in self.casebook.batches() for c in b.cases],
            outline=lambda cid: outline(self.casebook.case(cid)),
            parent=self.right,
        )
        panel.present_requested.connect(self.present_playlist)
        panel.open_case_requested.connect(self.open_case)
        panel.handout_requested.connect(self.export_handout)
        return panel

    def _make_similar_panel(self) -> QWidget:
        from reader.ui.compare_picker import SimilarCasesPanel

        panel = SimilarCasesPanel(
            term_service=self.term_service,
            summaries=self._summaries,
            batch_titles=self._batch_titles,
            parent=self.right,
        )
        panel.open_requested.connect(lambda cid: self.open_case(cid))
        panel.compare_requested.connect(self.compare_cases)
        tab = self.current_tab()
        panel.set_case(tab.case_id if tab else None)
        return panel

    @property
    def annotations(self) -> AnnotationsPanel:
        return self._panel("annotations")  # type: ignore[return-value]

    @property
    def playlists(self):
        return self._panel("playlists")

    @property
    def similar(self):
        return self._panel("similar")

    @property
    def term_service(self):
        """Term statistics for shared terms and similar cases; the index itself is built on first need."""
        if self._term_service is None:
            from reader.ui.compare_view import TermService

            self._term_service = TermService(load_cases=self.casebook.cases, parent=self)
        return self._term_service

    @property
    def search(self) -> SearchPanel:
        """The library search panel, created on first use so that it costs nothing before the first paint."""
        if self._search is None:
            from reader.ui.search_panel import SearchPanel

            panel = SearchPanel(searcher=self._searcher, batch_titles=self._batch_titles, parent=self.left)
            panel.open_requested.connect(lambda cid, q, new: self.open_case(cid, new, query=q))
            panel.search_finished.connect(lambda _n: self.left.setCurrentWidget(panel))
            current = self.left.currentIndex()
            placeholder = self.left.widget(1)
            self.left.blockSignals(True)
            self.left.removeTab(1)
            self.left.insertTab(1, panel, self.tr("Search"))
            self.left.setCurrentIndex(current)
            self.left.blockSignals(False)
            placeholder.deleteLater()
            self._search = panel
        return self._search

    # Actions ---------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], shortcut=None, *, menu=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            keys: list[QKeySequence] = []
            for s in shortcut if isinstance(shortcut, list) else [shortcut]:
                seqs = QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)]
                keys += [k for k in seqs if k not in keys]
            act.setShortcuts(keys)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        if menu is not None:
            menu.addAction(act)
        return act

    def _build_actions(self) -> None:
        mb = self.menuBar()
        m_file = mb.addMenu(self.tr("&File"))
        self.act_new_tab = self._action(
            self.tr("Open in New Tab"), self.open_selected_in_new_tab, "Ctrl+T", menu=m_file
        )
        self._action(self.tr("Close Tab"), lambda: self.close_tab(self.tabs.currentIndex()), "Ctrl+W", menu=m_file)
        m_file.addSeparator()
        self._action(self.tr("Import Batch…"), self.import_batch, "Ctrl+I", menu=m_file)
        m_file.addSeparator()
        self._action(self.tr("Export…"), self.export_cases, "Ctrl+E", menu=m_file)
        self._action(self.tr("Print…"), self.print_case, QKeySequence.StandardKey.Print, menu=m_file)
        m_file.addSeparator()
        self._action(self.tr("Export Annotations…"), self.export_annotations, menu=m_file)
        self._action(self.tr("Import Annotations…"), self.import_annotations, menu=m_file)
        self._action(self.tr("Restore Annotations from Backup…"), self.restore_backup, menu=m_file)
        m_file.addSeparator()
        self._action(self.tr("Preferences…"), self.show_preferences, "Ctrl+,", menu=m_file)
        m_file.addSeparator()
        self._action(self.tr("Quit"), self.close, "Ctrl+Q", menu=m_file)

        m_edit = mb.addMenu(self.tr("&Edit"))
        self.act_undo = self.store.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_redo = self.store.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.act_undo, self.act_redo):
            m_edit.addAction(act)
            self.addAction(act)
        m_edit.addSeparator()
        self._action(self.tr("Copy"), self._copy, QKeySequence.StandardKey.Copy, menu=m_edit)
        self._action(self.tr("Copy with Reference"), self._copy_with_reference, "Ctrl+Shift+C", menu=m_edit)
        self._action(self.tr("Select All"), self._select_all, QKeySequence.StandardKey.SelectAll, menu=m_edit)
        m_edit.addSeparator()
        self._action(self.tr("Find in Case…"), self.find_in_case, "Ctrl+F", menu=m_edit)
        self._action(self.tr("Find Next"), lambda: self._step_hit(1), "F3", menu=m_edit)
        self._action(self.tr("Find Previous"), lambda: self._step_hit(-1), "Shift+F3", menu=m_edit)
        self._action(self.tr("Search Library…"), self.focus_search, ["Ctrl+K", "Ctrl+Shift+F"], menu=m_edit)
        m_edit.addSeparator()
        self._action(self.tr("Bookmark This Place"), self.bookmark_here, "Ctrl+D", menu=m_edit)
        self._action(self.tr("Note on This Case…"), self._case_note, "Ctrl+Shift+N", menu=m_edit)
        self._action(self.tr("Add to Playlist"), self.add_selection_to_playlist, "Ctrl+Shift+P", menu=m_edit)
        self._action(self.tr("Filter Library…"), self.focus_library, "Ctrl+L", menu=m_edit)

        m_view = mb.addMenu(self.tr("&View"))
        self._action(self.tr("Zoom In"), lambda: self.zoom(ZOOM_STEP), ["Ctrl++", "Ctrl+="], menu=m_view)
        self._action(self.tr("Zoom Out"), lambda: self.zoom(-ZOOM_STEP), "Ctrl+-", menu=m_view)
        self._action(self.tr("Actual Size"), lambda: self.zoom(0), "Ctrl+0", menu=m_view)
        m_view.addSeparator()
        self.act_present = self._action(self.tr("Present"), self.present_case, "F5", menu=m_view)
        m_view.addSeparator()
        m_theme = m_view.addMenu(self.tr("Theme"))
        for name, label in (
            ("system", self.tr("Follow System")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
            ("contrast", self.tr("High Contrast")),
        ):
            act = m_theme.addAction(label)
            act.setCheckable(True)
            act.setChecked(self.settings.get("ui/theme") == name)
            act.triggered.connect(lambda _c=False, n=name: self.set_theme(n))
        self._theme_menu = m_theme

        m_compare = mb.addMenu(self.tr("&Compare"))
        self._action(self.tr("Compare Selected Cases"), self.compare_selected, "Ctrl+Shift+M", menu=m_compare)
        self._action(self.tr("Compare With…"), self.compare_with, "Ctrl+Alt+M", menu=m_compare)
        self._action(self.tr("Full Screen Comparison"), self._compare_full_screen_toggle, "F11", menu=m_compare)
        m_compare.addSeparator()
        self._action(self.tr("Export Comparison…"), self.export_comparison, menu=m_compare)

        m_go = mb.addMenu(self.tr("&Go"))
        self.act_back = self._action(self.tr("Back"), self.back, ["Alt+Left", QKeySequence.StandardKey.Back], menu=m_go)
        self.act_forward = self._action(
            self.tr("Forward"), self.forward, ["Alt+Right", QKeySequence.StandardKey.Forward], menu=m_go
        )
        self._action(self.tr("Next Tab"), lambda: self._cycle_tab(1), "Ctrl+Tab", menu=m_go)
        self._action(self.tr("Previous Tab"), lambda: self._cycle_tab(-1), "Ctrl+Shift+Tab", menu=m_go)

        m_help = mb.addMenu(self.tr("&Help"))
        self._action(self.tr("About Casebook"), self.show_about, menu=m_help)

        tb = self.addToolBar(self.tr("Navigation"))
        tb.setObjectName("navigation")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addAction(self.act_back)
        tb.addAction(self.act_forward)
        tb.addSeparator()
        tb.addAction(self.act_present)
        self._update_toolbar_icons()
        self._update_history_actions()

    def _update_toolbar_icons(self) -> None:
        palette = QApplication.palette()
        for action, shape in ((self.act_back, "back"), (self.act_forward, "forward"), (self.act_present, "present")):
            action.setIcon(toolbar_icon(shape, palette))

    # Tabs and cases --------------------------------------------------------------------------

    def _load_case(self, case_id: str) -> tuple[Case, str]:
        case = self.casebook.case(case_id)
        return case, self._batch_titles.get(case.batch_id, "")

    def current_tab(self) -> ReaderTab | None:
        w = self.tabs.currentWidget()
        return w if isinstance(w, ReaderTab) else None

    def new_tab(self) -> ReaderTab:
        tab = ReaderTab(load_case=self._load_case, parent=self.tabs)
        self._style_tab(tab)
        tab.view.copy_reference = self.settings.get("reader/copy_reference")
        tab.case_changed.connect(lambda _cid, t=tab: self._tab_case_changed(t))
        tab.history_changed.connect(self._update_history_actions)
        tab.hits_changed.connect(lambda cur, total, t=tab: self._show_hits(t, cur, total))
        tab.view.section_changed.connect(lambda anchor, t=tab: self._section_changed(t, anchor))
        tab.view.highlight_requested.connect(lambda a, b, c, n, t=tab: self.highlight(t, a, b, c, with_note=n))
        tab.view.bookmark_requested.connect(lambda offset, t=tab: self.bookmark_here(t, offset))
        tab.view.annotation_clicked.connect(self.show_annotation)
        tab.view.painted.connect(self._emit_ready)
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
            if w in self._compare_views:
                self._compare_views.remove(w)  # type: ignore[arg-type]
            w.deleteLater()
        if self.tabs.count() == 0:
            self.outline_model.set_outline([])
            self.hit_label.clear()
        self._update_history_actions()

    def _cycle_tab(self, delta: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + delta) % self.tabs.count())

    def _tab_case_changed(self, tab: ReaderTab) -> None:
        if tab.case_id:
            tab.view.set_annotations(self.store.for_case(tab.case_id))
        i = self.tabs.indexOf(tab)
        self._set_tab_title(i, tab.title())
        if tab is self.current_tab():
            self._current_tab_changed(i)

    def _set_tab_title(self, index: int, title: str) -> None:
        self.tabs.setTabText(index, title if len(title) <= 16 else title[:15] + "…")
        self.tabs.setTabToolTip(index, title)

    def _current_tab_changed(self, _index: int) -> None:
        if self._restoring:
            return
        tab = self.current_tab()
        if tab is not None and tab.is_waiting():
            tab.ensure_shown()  # its case_changed brings us back here, rendered
            return
        if tab is None or tab.view.case is None:
            view = self.current_compare()
            if view is not None:
                self.outline_model.set_outline([])
                self._show_compare_hits(view, view.current_hit(), view.hit_count())
                self.setWindowTitle(f"{view.title()} — {self.tr('Casebook')}")
                self._update_history_actions()
            return
        if "similar" in self._panels:
            self.similar.set_case(tab.case_id)
        self.outline_model.set_outline(outline(tab.view.case))
        if "annotations" in self._panels:
            self.annotations.set_case(tab.case_id)
        self._section_changed(tab, tab.view.current_section())
        self._show_hits(tab, tab.view.current_hit(), tab.view.hit_count())
        self._update_history_actions()
        self.setWindowTitle(f"{tab.title()} — {self.tr('Casebook')}")
        if tab.case_id:
            self.library.reveal(tab.case_id)

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

    def _show_hits(self, tab: ReaderTab, current: int, total: int) -> None:
        if tab is self.current_tab():
            self.hit_label.setText(self._hit_text(current, total) if total else "")

    def _hit_text(self, current: int, total: int) -> str:
        return self.tr("Hit %1 of %2").replace("%1", str(current)).replace("%2", str(total))

    def _step_hit(self, delta: int) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.view.step_hit(delta)
        elif (view := self.current_compare()) is not None:
            view.step_hit(delta)

    def _show_compare_hits(self, view: CompareView, current: int, total: int) -> None:
        if view is self.current_compare():
            self.hit_label.setText(self._hit_text(current, total) if total and current else "")

    def back(self) -> None:
        tab = self.current_tab()
        if tab:
            tab.back()

    def forward(self) -> None:
        tab = self.current_tab()
        if tab:
            tab.forward()

    def _update_history_actions(self) -> None:
        tab = self.current_tab()
        self.act_back.setEnabled(bool(tab and tab.can_go_back()))
        self.act_forward.setEnabled(bool(tab and tab.can_go_forward()))

    # Annotations -----------------------------------------------------------------------------

    def _case_title(self, case_id: str) -> str:
        try:
            return self.casebook.summary(case_id).title
        except StorageError:
            return case_id

    def _annotations_changed(self, case_id: str) -> None:
        for view in self.compare_views():
            view.refresh_highlights()
        for tab in self.reader_tabs():
            if tab.case_id and (not case_id or tab.case_id == case_id):
                tab.view.set_annotations(self.store.for_case(tab.case_id))

    def highlight(self, tab: ReaderTab, start: int, end: int, colour: int, *, with_note: bool = False) -> bool:
        case = tab.view.case
        if case is None or start >= end:
            return False
        try:
            annotation = new_highlight(case, start, end, color=colour)
        except AnnotationError as exc:
            self.statusBar().showMessage(str(exc), 4000)
            return False
        if not self.store.add(annotation, text=self.tr("Highlight")):
            return False
        cursor = tab.view.textCursor()
        cursor.clearSelection()
        tab.view.setTextCursor(cursor)
        if with_note:
            self.show_annotation(annotation.id)
            self.annotations.editor.note.setFocus()
        return True

    def bookmark_here(self, tab: ReaderTab | None = None, offset: int | None = None) -> bool:
        tab = tab or self.current_tab()
        if tab is None or tab.view.case is None:
            return False
        start = tab.view.plain_offset_at_top() if offset is None else offset
        try:
            annotation = new_bookmark(tab.view.case, start)
        except AnnotationError:
            annotation = new_bookmark(tab.view.case)
        if self.store.add(annotation, text=self.tr("Bookmark")):
            self.statusBar().showMessage(self.tr("Bookmark added"), 2000)
            return True
        return False

    def _case_note(self) -> None:
        self.right.setCurrentWidget(self.annotations)
        self.annotations.edit_case_note()

    def show_annotation(self, annotation_id: str) -> None:
        self.right.setCurrentWidget(self.annotations)
        self.annotations.select(annotation_id)

    def jump_to_annotation(self, case_id: str, annotation_id: str) -> None:
        tab = self.current_tab()
        if tab is None or tab.case_id != case_id:
            if not self.open_case(case_id):
                return
            tab = self.current_tab()
        annotation = self.store.get(annotation_id)
        if tab is not None and annotation is not None and annotation.position is not None and not annotation.orphaned:
            tab.view.scroll_to_plain(annotation.position.start)

    def export_annotations(self) -> None:
        from reader.ui.annotation_files import export_annotations

        export_annotations(self, store=self.store, casebook=self.casebook)

    def import_annotations(self) -> None:
        from reader.ui.annotation_files import import_annotations

        import_annotations(self, store=self.store, casebook=self.casebook)

    def restore_backup(self) -> None:
        from reader.ui.annotation_files import restore_backup

        restore_backup(self, store=self.store)

    # Focus, copy, find -----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.left.setCurrentWidget(self.search)
        self.search.focus_search()

    def focus_library(self) -> None:
        self.left.setCurrentWidget(self.library)
        self.library.focus_filter()

    def find_in_case(self) -> None:
        tab = self.current_tab()
        if tab:
            tab.open_find()
        elif (view := self.current_compare()) is not None:
            view.open_find()

    def _copy(self) -> None:
        w = QApplication.focusWidget()
        tab = self.current_tab()
        if tab is not None and (w is tab.view or w is None):
            tab.view.copy()
        elif w is not None and hasattr(w, "copy"):
            w.copy()

    def _copy_with_reference(self) -> None:
        tab = self.current_tab()
        if tab:
            tab.view.copy_with_reference()

    def _select_all(self) -> None:
        w = QApplication.focusWidget()
        if w is not None and hasattr(w, "selectAll"):
            w.selectAll()
        elif self.current_tab():
            self.current_tab().view.selectAll()  # type: ignore[union-attr]

    def export_cases(self) -> None:
        """File → Export…: the current case, the selected cases, a batch, every annotated case, or (from a
        compare tab) the comparison."""
        from reader.ui.export_dialog import run_export_dialog

        tab = self.current_tab()
        if self.left.currentIndex() == 0:
            selected = self.library.selected_case_ids()
        elif self._search is not None:
            selected = self._search.selected_case_ids()
        else:
            selected = []
        view = self.current_compare()
        comparison = view.alignment() if view is not None and view.column_count() >= 2 else None
        spans = {cid: self._highlight_spans(cid) for cid in comparison.case_ids} if comparison else None
        self._export_task = run_export_dialog(
            self,
            casebook=self.casebook,
            userdb=self.store.db,
            current_case_id=tab.case_id if tab else None,
            selected_case_ids=selected,
            settings=self.settings,
            comparison=comparison,
            comparison_highlights=spans,
            on_finished=lambda r: self.statusBar().showMessage(
                self.tr("Exported to %1").replace("%1", str(r.path)), 10000
            ),
        )

    def print_case(self) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print Case"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            tab.view.document().print_(printer)

    # Appearance ------------------------------------------------------------------------------

    def zoom(self, delta: int) -> None:
        value = 100 if delta == 0 else self.settings.get("reader/zoom") + delta
        value = max(ZOOM_MIN, min(ZOOM_MAX, value))
        self.settings.set("reader/zoom", value)
        for tab in self.reader_tabs():
            self._style_tab(tab)
        for view in self.compare_views():
            self._style_compare(view)
        self.statusBar().showMessage(self.tr("Text size %1%").replace("%1", str(value)), 1500)

    def set_theme(self, name: str) -> None:
        self.settings.set("ui/theme", name)
        self.theme = themes.apply(QApplication.instance(), name)  # type: ignore[arg-type]
        for act in self._theme_menu.actions():
            act.setChecked(False)
        order = ["system", "light", "dark", "contrast"]
        self._theme_menu.actions()[order.index(name)].setChecked(True)
        self._restyle()

    def _follow_os_colours(self, _scheme: object = None) -> None:
        """The OS switched between light and dark: a window on the "system" theme follows at once."""
        if self.settings.get("ui/theme") == "system":
            self.theme = themes.apply(QApplication.instance(), "system")  # type: ignore[arg-type]
            self._restyle()

    def _restyle(self) -> None:
        for tab in self.reader_tabs():
            self._style_tab(tab)
        for view in self.compare_views():
            self._style_compare(view)
        self._update_toolbar_icons()
        self.theme_changed.emit()

    def _style_tab(self, tab: ReaderTab) -> None:
        base = round(BASE_PX * self.settings.get("reader/zoom") / 100)
        tab.view.set_appearance(
            palette=self.theme.html, base_px=base, hit=self.theme.hit, current_hit=self.theme.current_hit
        )

    def _style_compare(self, view: CompareView) -> None:
        base = round(BASE_PX * self.settings.get("reader/zoom") / 100)
        view.set_appearance(
            palette=self.theme.html, base_px=base, hit=self.theme.hit, current_hit=self.theme.current_hit
        )

    def compare_views(self) -> list[CompareView]:
        self._compare_views = [v for v in self._compare_views if shiboken6.isValid(v) and self.tabs.indexOf(v) >= 0]
        return list(self._compare_views)

    def current_compare(self) -> CompareView | None:
        w = self.tabs.currentWidget()
        return w if w is not None and w in self.compare_views() else None  # type: ignore[return-value]

    # Library: imported batches -------------------------------------------------------------

    def import_batch(self, path: str | None = None) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from reader.ui.import_dialog import ImportPreviewDialog

        if not hasattr(self.casebook, "import_batch"):
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import Batch"),
                "",
                self.tr("Documents (*.txt *.md *.docx *.pdf);;All files (*)"),
            )
            if not path:
                return
        dlg = ImportPreviewDialog(path=Path(path), library=self.casebook, parent=self)
        dlg.imported.connect(lambda _bid: self._library_changed())
        dlg.exec()
        dlg.deleteLater()

    def _library_changed(self) -> None:
        """The set of batches changed (import, rename, remove): refresh everything that lists them."""
        from reader.storage.db import StorageError as _StorageError

        try:
            self.store.db.reanchor_all(self.casebook)
        except _StorageError as exc:
            self.statusBar().showMessage(error_text(exc), 5000)
        batches = self.casebook.batches()
        self.library_model.set_batches(batches, imported=self.casebook.imported_batch_ids())
        self._batch_titles.clear()
        self._batch_titles.update({b.id: b.title for b in batches})
        self._summaries[:] = [c for b in batches for c in b.cases]
        if self._search is not None:
            self._search.set_batch_titles(self._batch_titles)
        self._case_batches.clear()
        self._case_batches.update({c.id: b.id for b in batches for c in b.cases})
        self.store.changed.emit("")

    def _tree_menu(self, pos) -> None:
        from PySide6.QtWidgets import QInputDialog, QMenu

        from reader.models.library import BatchIdRole, ImportedRole, NodeKindRole

        index = self.library.tree.indexAt(pos)
        menu = QMenu(self)
        ids = self.library.selected_case_ids()
        if ids:
            menu.addAction(self.tr("Open in New Tab"), lambda: [self.open_case(cid, True) for cid in ids])
            menu.addAction(self.tr("Export…"), self.export_cases)
            menu.addAction(self.tr("Add to Playlist"), self.add_selection_to_playlist)
            if len(ids) >= 2:
                menu.addAction(self.tr("Compare Selected Cases"), self.compare_selected)
            else:
                menu.addAction(self.tr("Compare With…"), lambda: self.compare_with(ids[0]))
        if index.isValid() and index.data(NodeKindRole) == "batch" and index.data(ImportedRole):
            batch_id = index.data(BatchIdRole)
            menu.addSeparator()

            def rename() -> None:
                title, ok = QInputDialog.getText(
                    self, self.tr("Rename Batch"), self.tr("Title:"), text=self._batch_titles.get(batch_id, "")
                )
                if ok and title.strip():
                    self.casebook.rename_batch(batch_id, title.strip())
                    self._library_changed()

            def remove() -> None:
                answer = QMessageBox.question(
                    self,
                    self.tr("Remove Batch"),
                    self.tr(
                        "Remove the imported batch “%1”? Your annotations on it are kept as orphans and come back "
                        "if you import it again."
                    ).replace("%1", self._batch_titles.get(batch_id, batch_id)),
                )
                if answer == QMessageBox.StandardButton.Yes:
                    for i in reversed(range(self.tabs.count())):
                        w = self.tabs.widget(i)
                        if isinstance(w, ReaderTab) and w.case_id and w.view.case and w.view.case.batch_id == batch_id:
                            self.close_tab(i)
                    self.casebook.remove_batch(batch_id)
                    self._library_changed()

            menu.addAction(self.tr("Rename Batch…"), rename)
            menu.addAction(self.tr("Remove Batch…"), remove)
        if not menu.isEmpty():
            menu.exec(self.library.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # Presentation and playlists --------------------------------------------------------------

    def present_case(self) -> None:
        """F5: present the current case full-screen, starting at the passage being read."""
        tab = self.current_tab()
        if tab is None or tab.view.case is None or self._presentation is not None:
            return
        from reader.domain.slides import DeckEntry
        from reader.ui.presentation import ReaderPlace

        place = ReaderPlace.of(tab.view)
        self._present(
            [DeckEntry(tab.view.case, tab.view.batch_title)], place, start_case=place.case_id, start_offset=place.offset
        )

    def present_playlist(self, playlist_id: str) -> None:
        from reader.storage import playlists
        from reader.ui.presentation import playlist_entries

        if self._presentation is not None:
            return
        try:
            p = playlists.playlist(self.store.db, playlist_id)
        except StorageError as exc:
            QMessageBox.warning(self, self.tr("Playlists"), error_text(exc))
            return
        entries = playlist_entries(
            p.items, load_case=self.casebook.case, batch_title=lambda b: self._batch_titles.get(b, "")
        )
        if entries:
            self._present(entries, None, title=p.title)

    def _present(self, entries, place, **kwargs) -> None:
        from reader.ui.presentation import PresentationWindow

        window = PresentationWindow(
            entries=entries,
            annotations=self.store.for_case,
            home_screen=self.screen,
            palette=self.theme.html,
            parent=self,
            **kwargs,
        )
        self.store.changed.connect(window.refresh_annotations)
        window.finished.connect(lambda cid, off: self._presentation_finished(window, place, cid, off))
        self._presentation = window
        window.start()

    def _presentation_finished(self, window, place, case_id: str, offset: int) -> None:
        """Esc: back to the reader, at the passage the talk ended on (or exactly where it started)."""
        self.store.changed.disconnect(window.refresh_annotations)
        self._presentation = None
        window.deleteLater()
        self.activateWindow()
        tab = self.current_tab()
        if (tab is None or tab.case_id != case_id) and not self.open_case(case_id):
            return
        view = self.current_tab().view  # type: ignore[union-attr]
        QTimer.singleShot(0, lambda: place.restore(view, case_id, offset) if place else view.scroll_to_plain(offset))

    def add_selection_to_playlist(self) -> None:
        ids = self.library.selected_case_ids()
        if not ids and (tab := self.current_tab()) is not None and tab.case_id:
            ids = [tab.case_id]
        if not ids:
            return
        pid = self.playlists.current_playlist_id()
        if not pid:
            made = self.playlists.new_playlist()
            pid = made.id if made else ""
        if pid:
            self.playlists.add_cases(pid, ids)
            self.right.setCurrentWidget(self.playlists)

    # Compare ---------------------------------------------------------------------------------

    def compare_cases(self, ids: list[str], query: str = "", *, state: dict | None = None) -> CompareView:
        from reader.ui.compare_view import CompareView

        view = CompareView(
            load_case=self._load_case,
            term_service=self.term_service,
            highlights=self._highlight_spans,
            parent=self.tabs,
        )
        self._style_compare(view)
        view.open_case_requested.connect(lambda cid: self.open_case(cid, True))
        view.add_requested.connect(
            lambda v=view: v.add_cases(self._pick_cases(exclude=v.case_ids(), limit=4 - v.column_count()))
        )
        view.highlight_requested.connect(self._highlight_from_compare)
        view.cases_changed.connect(lambda _ids, v=view: self._compare_title(v))
        view.message_changed.connect(lambda msg: self.statusBar().showMessage(msg, 5000))
        view.full_screen_changed.connect(self._compare_full_screen)
        view.hits_changed.connect(lambda current, total, v=view: self._show_compare_hits(v, current, total))
        self.tabs.addTab(view, "")
        self._compare_views.append(view)
        if state is not None:
            view.restore(state)
        else:
            view.set_cases(ids, query=query)
        self._compare_title(view)
        self.tabs.setCurrentWidget(view)
        return view

    def export_comparison(self) -> None:
        """Compare → Export Comparison…: the export dialog with the current comparison chosen (PDF or Word)."""
        view = self.current_compare()
        if view is None or view.column_count() < 2:
            self.statusBar().showMessage(self.tr("Open a comparison of two to four cases first"), 5000)
            return
        self.export_cases()

    def export_handout(self, playlist_id: str) -> None:
        """Playlists → Files → Export Handout…: the playlist through the export engine, with progress."""
        from reader.export.handout import handout_job
        from reader.ui.export_dialog import ask_path, export_error_text, export_with_progress, show_export_done

        self.playlists.flush_notes()
        try:
            job = handout_job(self.store.db, self.casebook, playlist_id)
        except StorageError as exc:
            QMessageBox.warning(self, self.tr("Export Handout"), export_error_text(exc))
            return
        path = ask_path(self, job, settings=self.settings)
        if path is None:
            return
        self._export_task = export_with_progress(
            self,
            job=job,
            path=path,
            on_finished=lambda r: show_export_done(self, r),
        )

    def _compare_title(self, view: CompareView) -> None:
        i = self.tabs.indexOf(view)
        if i >= 0:
            title = self.tr("Compare: %1").replace("%1", view.title())
            self.tabs.setTabText(i, title if len(title) <= 18 else title[:17] + "…")
            self.tabs.setTabToolTip(i, title)

    def _pick_cases(self, *, exclude: list[str], limit: int, base: str | None = None) -> list[str]:
        if limit <= 0:
            return []
        from reader.ui.compare_picker import ComparePicker

        return ComparePicker.pick(
            self,
            summaries=self._summaries,
            batch_titles=self._batch_titles,
            term_service=self.term_service,
            searcher=self._searcher,
            base_case_id=base,
            exclude=exclude,
            max_count=limit,
        )

    def compare_selected(self) -> None:
        """Compare the cases selected in the tree (or the search results); with fewer than two, ask."""
        if self.left.currentIndex() == 1:
            ids, query = self.search.selected_case_ids(), self.search.query()
        else:
            ids, query = self.library.selected_case_ids(), ""
        if len(ids) >= 2:
            self.compare_cases(ids[:4], query)
        else:
            self.compare_with(ids[0] if ids else None)

    def compare_with(self, base: str | None = None) -> None:
        tab = self.current_tab()
        base = base or (tab.case_id if tab else None)
        ids = self._pick_cases(exclude=[base] if base else [], limit=3 if base else 4, base=base)
        if ids:
            self.compare_cases([base, *ids] if base else ids)

    def _highlight_spans(self, case_id: str) -> list[tuple[int, int, int]]:
        return [
            (a.position.start, a.position.end, a.color)
            for a in self.store.for_case(case_id)
            if a.is_highlight and a.position is not None and not a.orphaned and a.color is not None
        ]

    def _highlight_from_compare(self, case_id: str, start: int, end: int) -> None:
        try:
            case = self.casebook.case(case_id)
            annotation = new_highlight(case, start, end, color=0)
        except (StorageError, AnnotationError) as exc:
            self.statusBar().showMessage(str(exc), 4000)
            return
        self.store.add(annotation, text=self.tr("Highlight"))

    def _compare_full_screen_toggle(self) -> None:
        view = self.current_compare()
        if view is not None:
            view.act_full_screen.trigger()

    def _compare_full_screen(self, on: bool) -> None:
        for w in (self.left, self.right, self.menuBar(), self.statusBar()):
            w.setVisible(not on)
        for tb in self.findChildren(QToolBar):
            tb.setVisible(not on)
        self.tabs.tabBar().setVisible(not on)
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def reader_tabs(self) -> list[ReaderTab]:
        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), ReaderTab)]

    # Dialogs ---------------------------------------------------------------------------------

    def show_preferences(self) -> None:
        from reader.ui.preferences import PreferencesDialog

        dlg = PreferencesDialog(settings=self.settings, parent=self)
        if dlg.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        self.set_theme(self.settings.get("ui/theme"))
        for tab in self.reader_tabs():
            tab.view.copy_reference = self.settings.get("reader/copy_reference")
            self._style_tab(tab)
        if dlg.language_changed and self._apply_language is not None:
            self._apply_language(self.settings.get("ui/language"))
            QMessageBox.information(
                self, self.tr("Language"), self.tr("The new language is used fully after Casebook restarts.")
            )

    def show_about(self) -> None:
        from reader.ui.about import AboutDialog

        AboutDialog(casebook=self.casebook, paths=self.paths, parent=self).exec()

    # Session ---------------------------------------------------------------------------------

    def _restore_window(self) -> None:
        geometry = self.settings.state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1480, 900)
        state = self.settings.state("splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def _restore_session(self) -> None:
        """Reopen the last session's tabs. Only the current one is rendered now; the others when first shown."""
        opened = False
        if self.settings.get("session/restore"):
            self._restoring = True  # no per-tab updates while the tabs are added
            try:
                for entry in self.settings.get("session/tabs"):
                    case_id, _, rest = str(entry).partition("|")
                    if case_id == "compare":
                        try:
                            self.compare_cases([], state=json.loads(rest))
                            opened = True
                        except (ValueError, TypeError, KeyError, StorageError):
                            pass  # a comparison that cannot be restored is dropped quietly
                        continue
                    try:
                        summary = self.casebook.summary(case_id)
                    except StorageError:
                        continue  # a case that left the casebook: skip its tab quietly
                    tab = self.new_tab()
                    tab.defer_case(case_id, title=summary.title, scroll=int(rest) if rest.isdigit() else 0)
                    self._set_tab_title(self.tabs.indexOf(tab), summary.title)
                    opened = True
            finally:
                self._restoring = False
            current = self.settings.get("session/current_tab")
            if 0 <= current < self.tabs.count():
                self.tabs.setCurrentIndex(current)
            self._current_tab_changed(self.tabs.currentIndex())
        if not opened:
            batches = self.casebook.batches()
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
        tabs = []
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if isinstance(w, ReaderTab) and (loc := w.location()) is not None:
                tabs.append(f"{loc.case_id}|{loc.scroll}")
            elif w in self._compare_views:
                tabs.append("compare|" + json.dumps(w.state(), ensure_ascii=False))
        self.settings.set("session/tabs", tabs)
        self.settings.set("session/current_tab", max(0, self.tabs.currentIndex()))
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
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
