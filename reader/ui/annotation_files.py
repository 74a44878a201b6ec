"""File → Export / Import annotations, and Restore from backup: the dialogs around ``storage.exchange``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from reader.i18n import error_text
from reader.storage.casebook import Casebook
from reader.storage.db import StorageError
from reader.stores.annotations import AnnotationStore
from reader.ui.file_dialogs import open_path, save_path


def export_annotations(parent: QWidget, *, store: AnnotationStore, casebook: Casebook) -> Path | None:
    from reader.storage.exchange import export_json, export_markdown

    store.flush()
    json_filter = QCoreApplication.translate("AnnotationFiles", "Annotations, lossless (*.json)")
    md_filter = QCoreApplication.translate("AnnotationFiles", "Readable notes (*.md)")
    path, chosen = save_path(
        parent,
        "annotations",
        QCoreApplication.translate("AnnotationFiles", "Export Annotations"),
        "casebook-annotations.json",
        f"{json_filter};;{md_filter}",
    )
    if path is None:
        return None
    try:
        if chosen == md_filter or path.suffix.lower() == ".md":
            path = path.with_suffix(".md") if path.suffix.lower() != ".md" else path
            count = export_markdown(store.db, path, casebook)
        else:
            path = path.with_suffix(".json") if path.suffix.lower() != ".json" else path
            count = export_json(store.db, path)
    except (StorageError, OSError) as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("AnnotationFiles", "Export failed"), error_text(exc))
        return None
    QMessageBox.information(
        parent,
        QCoreApplication.translate("AnnotationFiles", "Export Annotations"),
        QCoreApplication.translate("AnnotationFiles", "%1 annotation(s) written to\n%2")
        .replace("%1", str(count))
        .replace("%2", str(path)),
    )
    return path


def import_annotations(parent: QWidget, *, store: AnnotationStore, casebook: Casebook, path: Path | None = None):
    """Check the file completely, then merge it; tells the user what happened. Returns the summary or None."""
    from reader.storage.exchange import ExchangeError, import_file

    store.flush()
    if path is None:
        path = open_path(
            parent,
            "annotations",
            QCoreApplication.translate("AnnotationFiles", "Import Annotations"),
            QCoreApplication.translate("AnnotationFiles", "Annotations (*.json)"),
        )
        if path is None:
            return None
    try:
        summary = import_file(store.db, path, casebook=casebook)
    except ExchangeError as exc:
        details = "\n".join(f"• {p.message}" for p in list(exc.problems)[:8])
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("AnnotationFiles", "Import refused"),
            QCoreApplication.translate("AnnotationFiles", "Nothing was imported: the file was rejected.")
            + f"\n\n{exc}"
            + (f"\n\n{details}" if details else ""),
        )
        return None
    except (StorageError, OSError) as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("AnnotationFiles", "Import failed"), error_text(exc))
        return None
    store.undo_stack.clear()  # an import is not undoable step by step; a backup was taken before it
    store.changed.emit("")
    lines = [
        QCoreApplication.translate("AnnotationFiles", "Added: %1").replace("%1", str(len(summary.added))),
        QCoreApplication.translate("AnnotationFiles", "Updated: %1").replace("%1", str(len(summary.updated))),
        QCoreApplication.translate("AnnotationFiles", "Already present: %1").replace("%1", str(len(summary.skipped))),
        QCoreApplication.translate("AnnotationFiles", "Conflicting edits (both kept, the older as a copy): %1").replace(
            "%1", str(len(summary.conflicts))
        ),
    ]
    if summary.backup:
        lines.append(
            QCoreApplication.translate("AnnotationFiles", "A backup was taken before the import: %1").replace(
                "%1", summary.backup.name
            )
        )
    QMessageBox.information(
        parent, QCoreApplication.translate("AnnotationFiles", "Import Annotations"), "\n".join(lines)
    )
    return summary


def restore_backup(parent: QWidget, *, store: AnnotationStore) -> bool:
    store.flush()
    backups = store.db.backups()
    if not backups:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("AnnotationFiles", "Restore from Backup"),
            QCoreApplication.translate("AnnotationFiles", "There are no backups yet."),
        )
        return False
    locale = QLocale()
    labels = [
        f"{locale.toString(b.taken.astimezone(), QLocale.FormatType.ShortFormat)}  ({b.size // 1024} KB)"
        for b in backups
    ]
    choice, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("AnnotationFiles", "Restore from Backup"),
        QCoreApplication.translate(
            "AnnotationFiles", "Replace your annotations with this backup (the current ones are kept in a copy):"
        ),
        labels,
        0,
        False,
    )
    if not ok:
        return False
    backup = backups[labels.index(choice)]
    try:
        report = store.db.restore(backup.path)
    except (StorageError, OSError) as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("AnnotationFiles", "Restore failed"), error_text(exc))
        return False
    store.undo_stack.clear()
    store.changed.emit("")
    QMessageBox.information(
        parent,
        QCoreApplication.translate("AnnotationFiles", "Restore from Backup"),
        QCoreApplication.translate(
            "AnnotationFiles", "Annotations restored. The previous data was kept as %1."
        ).replace("%1", str(report.previous_copy)),
    )
    return True
