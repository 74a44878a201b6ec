"""The main window's File commands that open a dialog: export, print (and its preview), preferences, about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize
from PySide6.QtWidgets import QDialog, QMessageBox

from reader.ui.constants import STATUS_EXPORTED_MS

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from reader.ui.main_window import MainWindow
    from reader.ui.reader_tab import ReaderTab


def print_document(tab: ReaderTab, printer: QPrinter) -> None:
    """What File → Print… and the print preview put on paper: the case as the reader renders it."""
    tab.view.document_for_print().print_(printer)


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
            print_document(tab, printer)

    def print_preview_dialog(self) -> QDialog | None:
        """File → Print Preview…'s dialog for the case in front (None without one): the pages Print… would print,
        through the same :func:`print_document`, in a window fitted to the screen."""
        w = self._window
        tab = w.current_tab()
        if tab is None or tab.view.case is None:
            return None
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from reader.ui import geometry

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, w)
        dialog.printer_ = printer  # type: ignore[attr-defined]  # the dialog only points at it: keep it alive
        dialog.setWindowTitle(self.tr("Print Preview — %1").replace("%1", tab.title()))
        dialog.paintRequested.connect(lambda p, t=tab: print_document(t, p))
        available = geometry.available_geometry(w)
        dialog.resize(geometry.fitted_size(QSize(available.width() * 9 // 10, available.height()), available))
        return dialog

    def print_preview(self) -> None:
        dialog = self.print_preview_dialog()
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

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
