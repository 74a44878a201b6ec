"""The words of read-only mode: why nothing can be saved, and what still works (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.storage.db import DiskFullError


def reason_text(reason: BaseException) -> str:
    """Why the app is read-only and what still works, translated (one short paragraph)."""
    if isinstance(reason, DiskFullError):
        text = QCoreApplication.translate(
            "ReadOnly",
            "The disk is full, so Casebook is read-only: you can read, search and export, but changes cannot be "
            "saved. Nothing was changed or moved. Free some space and start Casebook again.",
        )
    else:
        text = QCoreApplication.translate(
            "ReadOnly",
            "The folder for your data cannot be written, so Casebook is read-only: you can read, search and "
            "export, but changes cannot be saved. Nothing was changed.",
        )
    path = getattr(reason, "path", None)
    return f"{text}\n{path}" if path else text


def refusal_text(reason: BaseException) -> str:
    """What a refused change shows: that it was not saved, and why."""
    return QCoreApplication.translate("ReadOnly", "This change was not saved.") + "\n" + reason_text(reason)
