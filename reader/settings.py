"""Every setting declared once: key, type, default and a translatable title; stored with QSettings (INI).

``Settings`` wraps a ``QSettings`` file with typed accessors and a settings version; an upgrade step
per version keeps old files readable (Picard's ``config_upgrade``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSettings

SETTINGS_VERSION = 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    title: str  # English source text; shown through tr()
    choices: tuple[str, ...] = ()

    def label(self) -> str:
        return _tr(self.title)


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("ui/language", str, "system", QT_TRANSLATE_NOOP("Settings", "Language"), ("system", "zh_CN", "en")),
        Option(
            "ui/theme", str, "system", QT_TRANSLATE_NOOP("Settings", "Theme"), ("system", "light", "dark", "contrast")
        ),
        Option("reader/zoom", int, 100, QT_TRANSLATE_NOOP("Settings", "Text size (%)")),
        Option(
            "reader/copy_reference",
            bool,
            False,
            QT_TRANSLATE_NOOP("Settings", "Append the case reference when copying"),
        ),
        Option(
            "reader/caret_browsing",
            bool,
            False,
            QT_TRANSLATE_NOOP("Settings", "Caret browsing: move through the text with the keyboard"),
        ),
        Option("reader/font", str, "", QT_TRANSLATE_NOOP("Settings", "Body font")),
        Option("reader/line_height", int, 175, QT_TRANSLATE_NOOP("Settings", "Line spacing")),
        Option("reader/text_chars", int, 42, QT_TRANSLATE_NOOP("Settings", "Page width (characters a line)")),
        Option("reader/recent", list, [], QT_TRANSLATE_NOOP("Settings", "Recent cases")),
        Option("session/restore", bool, True, QT_TRANSLATE_NOOP("Settings", "Reopen the last session's tabs on start")),
        Option("session/tabs", list, [], QT_TRANSLATE_NOOP("Settings", "Open tabs")),
        Option("session/current_tab", int, 0, QT_TRANSLATE_NOOP("Settings", "Current tab")),
        Option("search/debounce_ms", int, 150, QT_TRANSLATE_NOOP("Settings", "Search delay while typing (ms)")),
        Option("search/history", list, [], QT_TRANSLATE_NOOP("Settings", "Search history")),
        Option("export/last_folder", str, "", QT_TRANSLATE_NOOP("Settings", "Last export folder")),
        Option("import/last_folder", str, "", QT_TRANSLATE_NOOP("Settings", "Last folder of imported documents")),
        Option("annotations/last_folder", str, "", QT_TRANSLATE_NOOP("Settings", "Last folder of annotation files")),
        Option("playlists/last_folder", str, "", QT_TRANSLATE_NOOP("Settings", "Last folder of playlist files")),
        Option("figures/last_folder", str, "", QT_TRANSLATE_NOOP("Settings", "Last folder of figures tables")),
        Option("overview/last_folder", str, "", QT_TRANSLATE_NOOP("Settings", "Last folder of overview images")),
        Option(
            "export/format",
            str,
            "pdf",
            QT_TRANSLATE_NOOP("Settings", "Export file type"),
            ("pdf", "docx", "md", "html"),
        ),
        Option("export/layout", str, "clean", QT_TRANSLATE_NOOP("Settings", "Export layout"), ("clean", "official")),
        Option(
            "export/key_figures",
            bool,
            True,
            QT_TRANSLATE_NOOP("Settings", "Exports: a key-figures table at the head of each case's effect section"),
        ),
    )
}

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 50, 300, 10
#: Preferences → Reading: the line spacings offered (percent of the font size) and the page widths (characters a
#: line; never under the 30 the window keeps for the reader, :data:`reader.ui.geometry.MIN_READING_CHARS`).
LINE_HEIGHTS = (150, 175, 200, 220)
TEXT_CHARS_MIN, TEXT_CHARS_MAX = 30, 60
#: Settings kept within a range: key → (lowest, highest).
RANGES = {"reader/zoom": (ZOOM_MIN, ZOOM_MAX), "reader/text_chars": (TEXT_CHARS_MIN, TEXT_CHARS_MAX)}


def _upgrade_to_1(s: QSettings) -> None:
    """Version 1 is the first; nothing to convert."""


UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _upgrade_to_1}


class Settings:
    """Typed access to the settings file; unknown keys raise ``KeyError`` (declare them in OPTIONS)."""

    def __init__(self, *, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        self._upgrade()

    def _upgrade(self) -> None:
        version = int(self._qs.value("meta/version", 0) or 0)
        for step in range(version + 1, SETTINGS_VERSION + 1):
            UPGRADES[step](self._qs)
        if version != SETTINGS_VERSION:
            self._qs.setValue("meta/version", SETTINGS_VERSION)

    def get(self, key: str) -> Any:
        opt = OPTIONS[key]
        raw = self._qs.value(key, None)
        if raw is None:
            return opt.default
        try:
            value = _coerce(raw, opt.type)
        except (TypeError, ValueError):
            return opt.default
        if opt.choices and value not in opt.choices:
            return opt.default
        if key in RANGES:
            low, high = RANGES[key]
            value = max(low, min(high, value))
        if key == "reader/line_height" and value not in LINE_HEIGHTS:
            return opt.default
        return value

    def set(self, key: str, value: Any) -> None:
        opt = OPTIONS[key]
        if not isinstance(value, opt.type):
            raise TypeError(f"{key} takes {opt.type.__name__}, not {type(value).__name__}")
        self._qs.setValue(key, value)

    # Window state (geometry, splitters): opaque bytes, not declared options.
    def state(self, key: str) -> QByteArray | None:
        raw = self._qs.value(f"state/{key}")
        return raw if isinstance(raw, QByteArray) else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self._qs.setValue(f"state/{key}", value)

    def sync(self) -> None:
        self._qs.sync()


def _coerce(raw: Any, typ: type) -> Any:
    if typ is bool:
        if isinstance(raw, str):
            return raw.lower() in ("1", "true", "yes")
        return bool(raw)
    if typ is int:
        return int(raw)
    if typ is list:
        if isinstance(raw, str):
            return [raw] if raw else []
        return list(raw)
    return typ(raw)
