"""A file given to ``casebook FILE`` (the desktop's "Open with Casebook"): annotations import, documents import.

An annotation export (``.json``) is checked and merged like File → Import Annotations…; any other file is
taken as a batch document and opens the import preview (File → Import Batch…), which reads it and explains
what it cannot read. Nothing is written before the user confirms, exactly as from the menus.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def is_annotation_file(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def open_file(window: MainWindow, path: Path) -> None:
    """Open ``path`` in ``window`` as the menus would; a missing file gets a clear message."""
    if not path.is_file():
        QMessageBox.warning(
            window,
            QCoreApplication.translate("OpenFile", "Cannot open file"),
            QCoreApplication.translate("OpenFile", "There is no file %1.").replace("%1", str(path)),
        )
        return
    if is_annotation_file(path):
        from reader.ui.annotation_files import import_annotations

        import_annotations(window, store=window.annotation_store, casebook=window.catalog, path=path)
    else:
        window.library_actions.import_batch(str(path))
