"""Where user data (annotations, settings, backups) lives.

In order: ``--data-dir``, ``$CASEBOOK_DATA_DIR``, portable mode (a ``portable.txt`` beside the
executable keeps everything in ``casebook-data/`` beside it, for USB sticks), else the platform's
app-data folder. Never beside a bundle that is not portable: an installed bundle may be read-only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PORTABLE_MARKER = "portable.txt"
PORTABLE_DIR = "casebook-data"


@dataclass(frozen=True)
class UserPaths:
    data_dir: Path
    portable: bool
    origin: str  # "option", "environment", "portable" or "platform"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.ini"

    @property
    def user_db(self) -> Path:
        return self.data_dir / "user.db"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"


def resolve_user_paths(
    *, option: Path | None, exe_dir: Path, platform_default: Callable[[], Path], environ: dict | None = None
) -> UserPaths:
    env = os.environ if environ is None else environ
    if option is not None:
        return UserPaths(option.expanduser().resolve(), False, "option")
    if env.get("CASEBOOK_DATA_DIR"):
        return UserPaths(Path(env["CASEBOOK_DATA_DIR"]).expanduser().resolve(), False, "environment")
    if (exe_dir / PORTABLE_MARKER).is_file():
        return UserPaths(exe_dir / PORTABLE_DIR, True, "portable")
    return UserPaths(platform_default(), False, "platform")


def platform_data_dir(*, platform: str | None = None, environ: dict[str, str] | None = None) -> Path:
    """The per-user data folder, computed without Qt (for the CLI); equal to :func:`qt_platform_data_dir`.

    Linux: ``$XDG_DATA_HOME/Casebook`` (``~/.local/share/Casebook``); Windows: ``%LOCALAPPDATA%/Casebook``;
    macOS: ``~/Library/Application Support/Casebook``.
    """
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    if platform.startswith("win"):
        base = Path(env["LOCALAPPDATA"]) if env.get("LOCALAPPDATA") else Path.home() / "AppData" / "Local"
    elif platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "Casebook"


def qt_platform_data_dir() -> Path:
    """The platform's per-user app-data folder, from ``QStandardPaths`` (needs app/org names set)."""
    from PySide6.QtCore import QStandardPaths

    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(loc) if loc else Path.home() / ".casebook"
