"""Find bundled files (the casebook, icons, style sheets, translations, fonts) wherever Casebook runs.

One helper for every situation: a source checkout (``data/`` and ``resources/`` beside ``reader/``), a
PyInstaller bundle (``sys._MEIPASS``) and an installed wheel (``reader/_data`` and ``reader/_resources``).
Only relative paths inside those folders are accepted.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path, PurePosixPath

_PACKAGE_DIR = Path(__file__).resolve().parent


class ResourceError(LookupError):
    """A resource path was malformed or the file is not where it should be."""


@cache
def base_dirs() -> tuple[Path, ...]:
    """Folders that may hold ``data/`` and ``resources/``, most specific first."""
    dirs: list[Path] = []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        dirs.append(Path(meipass))
    dirs.append(_PACKAGE_DIR.parent)  # a checkout, or an editable install
    return tuple(dirs)


_INSTALLED_NAMES = {"data": "_data", "resources": "_resources"}


def _check(relative: str) -> PurePosixPath:
    rel = PurePosixPath(relative.replace("\\", "/"))
    if rel.is_absolute() or not rel.parts or ".." in rel.parts or ":" in rel.parts[0]:
        raise ResourceError(f"not a relative resource path: {relative!r}")
    return rel


def find(relative: str) -> Path:
    """The path of a bundled file such as ``"data/casebook.db"`` or ``"resources/i18n/casebook_zh_CN.qm"``.

    Raises :class:`ResourceError` when the path is absolute, contains ``..``, or the file exists nowhere.
    """
    rel = _check(relative)
    candidates = [base / rel for base in base_dirs()]
    installed = _INSTALLED_NAMES.get(rel.parts[0])
    if installed:
        candidates.append(_PACKAGE_DIR / installed / PurePosixPath(*rel.parts[1:]))
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise ResourceError(f"resource not found: {relative}")


def casebook_path() -> Path:
    return find("data/casebook.db")


def sources_dir() -> Path:
    """``data/sources`` of a checkout (the build input); bundles do not carry it."""
    return _PACKAGE_DIR.parent / "data" / "sources"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def executable_dir() -> Path:
    """The folder of the running program: the bundle's folder when frozen, the checkout otherwise."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return _PACKAGE_DIR.parent
