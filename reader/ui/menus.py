"""The main window's menus, shortcuts and toolbar: every command the window offers is declared here, once.

Each menu entry names the room that does the work (``window.compare``, ``window.annotate``…); this module only
builds actions and connects them. A newcomer looking for "what does Ctrl+D do" starts here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from reader.settings import ZOOM_STEP
from reader.ui.appearance import THEMES
from reader.ui.icons import toolbar_icon

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

Shortcut = str | QKeySequence.StandardKey | list[str | QKeySequence.StandardKey] | None


def make_action(
    owner: QWidget, text: str, slot: Callable[[], object], shortcut: Shortcut = None, *, menu: QMenu | None = None
) -> QAction:
    """An action on ``owner`` (so its shortcut works anywhere in it) calling ``slot()``, optionally in ``menu``.

    A standard key brings all of the platform's bindings for it; duplicates are dropped."""
    act = QAction(text, owner)
    if shortcut is not None:
        keys: list[QKeySequence] = []
        for s in shortcut if isinstance(shortcut, list) else [shortcut]:
            seqs = QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)]
            keys += [k for k in seqs if k not in keys]
        act.setShortcuts(keys)
    act.triggered.connect(lambda _checked=False: slot())
    owner.addAction(act)
    if menu is not None:
        menu.addAction(act)
    return act


class UndoAction(QAction):
    """Edit → Undo (or Redo) over the window's one undo stack, named after the change it undoes (as
    ``QUndoStack.createUndoAction``); it first saves what is still waiting in an editor, so that is undoable too.
    Slots are methods, so Qt drops the connections when either side is destroyed."""

    def __init__(self, w: MainWindow, prefix: str, *, redo: bool) -> None:
        super().__init__(prefix, w)
        self._window, self._prefix, self._redo = w, prefix, redo
        stack = self._stack = w.annotation_store.undo_stack
        # From the signals' own arguments (as Qt's own action does): the stack signals while it is destroyed too.
        (stack.canRedoChanged if redo else stack.canUndoChanged).connect(self.setEnabled)
        (stack.redoTextChanged if redo else stack.undoTextChanged).connect(self._name)
        self.triggered.connect(self._run)
        self.setEnabled(stack.canRedo() if redo else stack.canUndo())
        self._name(stack.redoText() if redo else stack.undoText())

    def _name(self, text: str) -> None:
        self.setText(f"{self._prefix} {text}".strip())

    def _run(self, _checked: bool = False) -> None:
        self._window.flush_user_data()
        if self._redo:
            self._stack.redo()
        else:
            self._stack.undo()


class Menus(QObject):
    """Builds the menu bar and the navigation toolbar of ``window``; keeps the actions others enable or check."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        w = self._window = window
        a = w.annotate
        mb = w.menuBar()

        def action(text: str, slot: Callable[[], object], shortcut: Shortcut = None, *, menu: QMenu) -> QAction:
            return make_action(w, text, slot, shortcut, menu=menu)

        m_file = mb.addMenu(self.tr("&File"))
        self.act_new_tab = action(self.tr("Open in New Tab"), w.open_selected_in_new_tab, "Ctrl+T", menu=m_file)
        self.act_close_tab = action(
            self.tr("Close Tab"), lambda: w.close_tab(w.tabs.currentIndex()), "Ctrl+W", menu=m_file
        )
        from reader.ui.recent_cases import RecentCases

        recent_menu = m_file.addMenu(self.tr("Recent Cases"))
        self.recent = RecentCases(settings=w.settings, catalog=w.catalog, open_case=w.open_case, menu=recent_menu)
        m_file.addSeparator()
        action(self.tr("Import Batch…"), w.library_actions.import_batch, "Ctrl+I", menu=m_file)
        m_file.addSeparator()
        action(self.tr("Export…"), w.files.export_cases, "Ctrl+E", menu=m_file)
        act_print = action(self.tr("Print…"), w.files.print_case, QKeySequence.StandardKey.Print, menu=m_file)
        act_preview = action(self.tr("Print Preview…"), w.files.print_preview, menu=m_file)
        m_file.addSeparator()
        action(self.tr("Export Annotations…"), a.export_annotations, menu=m_file)
        action(self.tr("Import Annotations…"), a.import_annotations, menu=m_file)
        action(self.tr("Restore Annotations from Backup…"), a.restore_backup, menu=m_file)
        m_file.addSeparator()
        action(self.tr("Preferences…"), w.files.show_preferences, "Ctrl+,", menu=m_file)
        m_file.addSeparator()
        action(self.tr("Quit"), w.close, "Ctrl+Q", menu=m_file)

        m_edit = mb.addMenu(self.tr("&Edit"))
        self.act_undo = UndoAction(w, self.tr("Undo"), redo=False)
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_redo = UndoAction(w, self.tr("Redo"), redo=True)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.act_undo, self.act_redo):
            m_edit.addAction(act)
            w.addAction(act)
        m_edit.addSeparator()
        action(self.tr("Copy"), w.edit.copy, QKeySequence.StandardKey.Copy, menu=m_edit)
        action(self.tr("Copy with Reference"), w.edit.copy_with_reference, "Ctrl+Shift+C", menu=m_edit)
        action(self.tr("Select All"), w.edit.select_all, QKeySequence.StandardKey.SelectAll, menu=m_edit)
        m_edit.addSeparator()
        action(self.tr("Find in Case…"), w.edit.find_in_case, "Ctrl+F", menu=m_edit)
        action(self.tr("Find Next"), lambda: w.edit.step_hit(1), "F3", menu=m_edit)
        action(self.tr("Find Previous"), lambda: w.edit.step_hit(-1), "Shift+F3", menu=m_edit)
        action(self.tr("Search Library…"), w.edit.focus_search, ["Ctrl+K", "Ctrl+Shift+F"], menu=m_edit)
        action(self.tr("Clear Search History"), lambda: w.search.history.clear(), menu=m_edit)
        m_edit.addSeparator()
        act_bookmark = action(self.tr("Bookmark This Place"), a.bookmark_here, "Ctrl+D", menu=m_edit)
        act_case_note = action(self.tr("Note on This Case…"), a.case_note, "Ctrl+Shift+N", menu=m_edit)
        action(self.tr("Add to Playlist"), w.presenting.add_selection_to_playlist, "Ctrl+Shift+P", menu=m_edit)
        action(self.tr("Filter Library…"), w.edit.focus_library, "Ctrl+L", menu=m_edit)

        m_view = self.view_menu = mb.addMenu(self.tr("&View"))
        zoom = w.appearance.zoom
        action(self.tr("Zoom In"), lambda: zoom(ZOOM_STEP), ["Ctrl++", "Ctrl+="], menu=m_view)
        action(self.tr("Zoom Out"), lambda: zoom(-ZOOM_STEP), "Ctrl+-", menu=m_view)
        action(self.tr("Actual Size"), lambda: zoom(0), "Ctrl+0", menu=m_view)
        m_view.addSeparator()
        self.act_present = action(self.tr("Present"), w.presenting.present_case, "F5", menu=m_view)
        #: Entries that act on the case in front: greyed out (their keys dead) while no reader tab shows one.
        self.case_actions = [act_print, act_preview, act_bookmark, act_case_note, self.act_present]
        self.act_present_playlist = action(
            self.tr("Present Playlist"), w.presenting.present_current_playlist, "Shift+F5", menu=m_view
        )
        m_view.setToolTipsVisible(True)
        m_view.aboutToShow.connect(self._update_playlist_action)
        m_view.addSeparator()
        m_view.addAction(w.library.annotated_action)  # also the "Annotated" button beside the library filter
        m_view.addSeparator()
        from reader.ui import figures_room

        figures_room.install(w, menu=m_view)  # Key Figures…, The Casebook at a Glance…
        m_view.addSeparator()
        self.theme_menu = m_view.addMenu(self.tr("Theme"))
        labels = {
            "system": self.tr("Follow System"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
            "contrast": self.tr("High Contrast"),
        }
        for name in THEMES:
            act = self.theme_menu.addAction(labels[name])
            act.setCheckable(True)
            act.setChecked(w.settings.get("ui/theme") == name)
            act.triggered.connect(lambda _c=False, n=name: w.appearance.set_theme(n))

        m_compare = mb.addMenu(self.tr("&Compare"))
        c = w.compare
        action(self.tr("Compare Selected Cases"), c.compare_selected, "Ctrl+Shift+M", menu=m_compare)
        action(self.tr("Compare With…"), c.compare_with, "Ctrl+Alt+M", menu=m_compare)
        action(self.tr("Full Screen Comparison"), c.toggle_full_screen, menu=m_compare)  # F11: View → Full Screen
        m_compare.addSeparator()
        action(self.tr("Export Comparison…"), c.export_comparison, menu=m_compare)

        m_go = mb.addMenu(self.tr("&Go"))
        self.act_back = action(self.tr("Back"), w.back, ["Alt+Left", QKeySequence.StandardKey.Back], menu=m_go)
        self.act_forward = action(
            self.tr("Forward"), w.forward, ["Alt+Right", QKeySequence.StandardKey.Forward], menu=m_go
        )
        action(self.tr("Next Tab"), lambda: w.cycle_tab(1), "Ctrl+Tab", menu=m_go)
        action(self.tr("Previous Tab"), lambda: w.cycle_tab(-1), "Ctrl+Shift+Tab", menu=m_go)
        m_go.addSeparator()
        action(self.tr("Bookmarks…"), a.show_bookmarks, "Ctrl+Shift+D", menu=m_go)
        m_go.addSeparator()
        action(self.tr("Next Area"), lambda: w.edit.cycle_area(1), "F6", menu=m_go)
        action(self.tr("Previous Area"), lambda: w.edit.cycle_area(-1), "Shift+F6", menu=m_go)

        m_help = self.help_menu = mb.addMenu(self.tr("&Help"))
        action(self.tr("About Casebook"), w.files.show_about, menu=m_help)

        tb = w.addToolBar(self.tr("Navigation"))
        tb.setObjectName("navigation")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addAction(self.act_back)
        tb.addAction(self.act_forward)
        tb.addSeparator()
        tb.addAction(self.act_present)
        self.update_icons()

    def _update_playlist_action(self) -> None:
        """Present Playlist is enabled when there is a playlist to present; otherwise its tool tip says why."""
        act = self.act_present_playlist
        ready = bool(self._window.presenting.playlist_to_present())
        act.setToolTip(
            self.tr("Present the playlist selected in the Playlists panel as a talk")
            if ready
            else self.tr("Select a playlist with cases in the Playlists panel first")
        )
        act.setEnabled(ready)

    def update_icons(self) -> None:
        """Draw the toolbar icons for the current palette (after a theme change)."""
        palette = QApplication.palette()
        for action, shape in ((self.act_back, "back"), (self.act_forward, "forward"), (self.act_present, "present")):
            action.setIcon(toolbar_icon(shape, palette))
