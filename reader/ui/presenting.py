"""The main window's workshop commands: presenting a case or a playlist, adding to a playlist, handouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from reader.i18n import error_text
from reader.storage.db import StorageError

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.presentation import PresentationWindow


class Presenting(QObject):
    """Starts presentations (one at a time) and brings the reader back to where the talk ended."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        #: The presentation running now, or None.
        self.presentation: PresentationWindow | None = None

    def present_case(self) -> None:
        """F5: present the current case full-screen, starting at the passage being read."""
        tab = self._window.current_tab()
        if tab is None or tab.view.case is None or self.presentation is not None:
            return
        from reader.domain.slides import DeckEntry
        from reader.ui.presentation import ReaderPlace

        place = ReaderPlace.of(tab.view)
        self._present(
            [DeckEntry(tab.view.case, tab.view.batch_title)], place, start_case=place.case_id, start_offset=place.offset
        )

    def present_playlist(self, playlist_id: str, *, rehearsal: bool = False) -> None:
        """Present a playlist as one talk: agenda, a divider per case, the cases, an end slide. In rehearsal
        the presenter view alone on this screen, with the timers running."""
        from PySide6.QtCore import QDate, QLocale

        from reader.storage import playlists
        from reader.ui.presentation import playlist_entries, playlist_talk

        w = self._window
        if self.presentation is not None:
            return
        try:
            p = playlists.playlist(w.annotation_store.db, playlist_id)
        except StorageError as exc:
            QMessageBox.warning(w, self.tr("Playlists"), error_text(exc))
            return
        entries = playlist_entries(
            p.items, load_case=w.catalog.case, batch_title=lambda b: w.catalog.batch_titles.get(b, "")
        )
        if entries:
            date = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
            self._present(entries, None, title=p.title, talk=playlist_talk(p, date=date), rehearsal=rehearsal)

    def playlist_to_present(self) -> str:
        """The playlist View → Present Playlist shows: the one selected in the Playlists panel, else the only one
        there is; "" when there is none with cases."""
        from reader.storage import playlists

        w = self._window
        panel = w.lazy_right.built("playlists")
        chosen = panel.current_playlist() if panel is not None else None  # type: ignore[attr-defined]
        if chosen is not None and chosen.items:
            return chosen.id
        try:
            listed = [p for p in playlists.list_playlists(w.annotation_store.db) if p.items]
        except StorageError:
            return ""
        return listed[0].id if len(listed) == 1 else ""

    def present_current_playlist(self) -> None:
        """View → Present Playlist (Shift+F5): the selected playlist as a talk; with none chosen, the Playlists panel
        in front to choose one."""
        w = self._window
        playlist_id = self.playlist_to_present()
        if playlist_id:
            self.present_playlist(playlist_id)
            return
        if not w.right.isVisible():
            w.view_controls.show_side(True)
        w.right.setCurrentWidget(w.playlists)
        w.playlists.view.setFocus()
        w.statusBar().showMessage(self.tr("Choose a playlist with cases in the Playlists panel, then Shift+F5"), 8000)

    def rehearse_playlist(self, playlist_id: str) -> None:
        self.present_playlist(playlist_id, rehearsal=True)

    def _present(self, entries, place, **kwargs) -> None:
        from reader.ui.presentation import PresentationWindow

        w = self._window
        window = PresentationWindow(
            entries=entries,
            annotations=w.annotation_store.for_case,
            home_screen=w.screen,
            palette=w.appearance.theme.html,
            parent=w,
            **kwargs,
        )
        w.annotation_store.changed.connect(window.refresh_annotations)
        window.finished.connect(lambda cid, off: self._finished(window, place, cid, off))
        self.presentation = window
        window.start()

    def _finished(self, window, place, case_id: str, offset: int) -> None:
        """Esc: back to the reader, at the passage the talk ended on (or exactly where it started); after a
        playlist talk back to where the trainer was (the tabs as they were, the playlist selected)."""
        w = self._window
        w.annotation_store.changed.disconnect(window.refresh_annotations)
        self.presentation = None
        window.deleteLater()
        w.activateWindow()
        if window.talk is not None:
            w.right.setCurrentWidget(w.playlists)
            w.playlists.view.setFocus()
            return
        tab = w.current_tab()
        if (tab is None or tab.case_id != case_id) and not w.open_case(case_id):
            return
        view = w.current_tab().view  # type: ignore[union-attr]
        QTimer.singleShot(0, lambda: place.restore(view, case_id, offset) if place else view.scroll_to_plain(offset))

    def add_selection_to_playlist(self) -> None:
        w = self._window
        ids = w.library.selected_case_ids()
        if not ids and (tab := w.current_tab()) is not None and tab.case_id:
            ids = [tab.case_id]
        if not ids:
            return
        pid = w.playlists.current_playlist_id()
        if not pid:
            made = w.playlists.new_playlist()
            pid = made.id if made else ""
        if pid:
            w.playlists.add_cases(pid, ids)
            w.right.setCurrentWidget(w.playlists)

    def export_handout(self, playlist_id: str) -> None:
        """Playlists → Files → Export Handout…: the playlist through the export engine, with progress."""
        from reader.export.handout import handout_job
        from reader.ui.export_dialog import ask_path, export_error_text, export_with_progress

        w = self._window
        w.flush_user_data()
        try:
            job = handout_job(w.annotation_store.db, w.catalog, playlist_id)
            job = job.with_options(key_figures=bool(w.settings.get("export/key_figures")))
        except StorageError as exc:
            QMessageBox.warning(w, self.tr("Export Handout"), export_error_text(exc))
            return
        path = ask_path(w, job, settings=w.settings)
        if path is None:
            return
        self._export_task = export_with_progress(w, job=job, path=path, on_finished=w.files.show_exported)
