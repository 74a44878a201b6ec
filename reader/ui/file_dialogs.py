"""Where file dialogs start: the last folder used for the same purpose, else the user's Documents, else home.

Never the program's own folder (the checkout or the install directory, often read-only) nor a folder that is
gone: Qt's dialog opens in the current directory when asked to start somewhere that does not exist, which is
how a first export used to land in the program folder on a machine without a Documents folder.

A purpose is one of :data:`PURPOSES` (``"export"``, ``"import"``…): each has its own ``<purpose>/last_folder``
setting, read and written through the ``settings`` of the dialog's window when it has them, else remembered for
this session only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

#: The purposes with a remembered folder, each a ``<purpose>/last_folder`` option in reader/settings.py.
PURPOSES = ("export", "import", "annotations", "playlists", "figures", "overview")

_session: dict[str, Path] = {}


def program_folders() -> list[Path]:
    """The folders the program runs from: the checkout (or site-packages) holding ``reader``, a frozen bundle."""
    here = Path(__file__).resolve().parents[2]
    folders = [here]
    if getattr(sys, "frozen", False):
        folders += [Path(sys.executable).resolve().parent, Path(getattr(sys, "_MEIPASS", here)).resolve()]
    return folders


def _usable(folder: Path | None, *, write: bool) -> bool:
    if folder is None or not folder.is_dir():
        return False
    resolved = folder.resolve()
    if any(resolved == p or p in resolved.parents for p in program_folders()):
        return False
    return not write or os.access(resolved, os.W_OK)


def _settings(parent: QWidget | None) -> Any:
    window = parent.window() if parent is not None else None
    return getattr(window, "settings", None)


def start_folder(purpose: str, parent: QWidget | None = None, *, settings: Any = None, write: bool = False) -> Path:
    """The folder a dialog for ``purpose`` starts in (``write``: it must be writable, for saving)."""
    settings = settings if settings is not None else _settings(parent)
    remembered = settings.get(f"{purpose}/last_folder") if settings is not None else ""
    for folder in (
        Path(remembered) if remembered else None,
        _session.get(purpose),
        Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or "."),
    ):
        if _usable(folder, write=write):
            assert folder is not None
            return folder
    return Path.home()


def remember_folder(purpose: str, path: Path, parent: QWidget | None = None, *, settings: Any = None) -> None:
    """Remember the folder of ``path`` (a chosen file) for the next dialog of ``purpose``."""
    folder = Path(path).parent
    _session[purpose] = folder
    settings = settings if settings is not None else _settings(parent)
    if settings is not None:
        settings.set(f"{purpose}/last_folder", str(folder))


def save_path(parent: QWidget | None, purpose: str, title: str, name: str, filters: str) -> tuple[Path | None, str]:
    """Ask where to save a file suggested as ``name``; returns (the path or None, the chosen filter)."""
    chosen, selected = QFileDialog.getSaveFileName(
        parent, title, str(start_folder(purpose, parent, write=True) / name), filters
    )
    if not chosen:
        return None, selected
    remember_folder(purpose, Path(chosen), parent)
    return Path(chosen), selected


def open_path(parent: QWidget | None, purpose: str, title: str, filters: str) -> Path | None:
    """Ask for a file to open; returns its path or None."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(purpose, parent)), filters)
    if not chosen:
        return None
    remember_folder(purpose, Path(chosen), parent)
    return Path(chosen)
