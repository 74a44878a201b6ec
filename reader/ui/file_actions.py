"""The main window's File commands that open a dialog: export, print, preferences, about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from reader.ui.constants import STATUS_EXPORTED_MS

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class FileActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._export_task = None  # the export running now (kept alive while it runs)

    def export_cases(self) -> None:
        """File → Export…: the current case, the selected cases, a batch, every annotated case, or (from a
        compare tab) the comparison."""
        from reader.ui.export_dialog import run_export_dialog

        w = self._window
        w.flush_user_data()
        tab = w.current_tab()
        if w.left.currentWidget() is w.library:
            selected = w.library.selected_case_ids()
        elif (search := w.lazy_left.built("search")) is not None:
            selected = search.selected_case_ids()  # type: ignore[attr-defined]
        else:
            selected = []
        view = w.compare.current()
        comparison = view.alignment() if view is not None and view.column_count() >= 2 else None
        spans = {cid: w.compare.highlight_spans(cid) for cid in comparison.case_ids} if comparison else None
        self._export_task = run_export_dialog(
            w,
            casebook=w.catalog,
            userdb=w.annotation_store.db,
            current_case_id=tab.case_id if tab else None,
            selected_case_ids=selected,
            settings=w.settings,
            comparison=comparison,
            comparison_highlights=spans,
            on_finished=self.show_exported,
            offer_open=False,
        )

    def show_exported(self, result) -> None:
        """An export finished: say where the file went, and offer to open it or show it in its folder."""
        from reader.ui.export_dialog import show_export_done

        text = self.tr("Exported to %1").replace("%1", str(result.path))
        self._window.statusBar().showMessage(text, STATUS_EXPORTED_MS)
        show_export_done(self._window, result)

    def print_case(self) -> None:
        w = self._window
        tab = w.current_tab()
        if tab is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, w)
        dialog.setWindowTitle(self.tr("Print Case"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            tab.view.document().print_(printer)

    def show_preferences(self) -> None:
        from reader.ui.preferences import PreferencesDialog

        w = self._window
        dlg = PreferencesDialog(settings=w.settings, parent=w)
        if dlg.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        w.appearance.set_theme(w.settings.get("ui/theme"))
        for tab in w.reader_tabs():
            tab.view.copy_reference = w.settings.get("reader/copy_reference")
            w.appearance.style_tab(tab)
        if dlg.language_changed and w.apply_language is not None:
            w.apply_language(w.settings.get("ui/language"))
            QMessageBox.information(
                w, self.tr("Language"), self.tr("The new language is used fully after Casebook restarts.")
            )

    def show_about(self) -> None:
        from reader.ui.about import AboutDialog

        w = self._window
        AboutDialog(casebook=w.catalog, paths=w.paths, parent=w).exec()
