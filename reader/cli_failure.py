"""The one line a command prints when it cannot do its work (a casebook, library or data folder that is
missing, damaged, read-only or on a full disk): translated like the app, never a traceback.

The language is the app's: ``--lang``, else the Preferences setting, else the system locale
(:func:`reader.i18n.resolve_language`: English on an English system, Chinese otherwise). Qt's translator is
loaded only here, on the failure path, without a Qt application; the CLI stays Qt-free otherwise.
"""

from __future__ import annotations

import argparse
import contextlib

#: The troubles of a casebook, library or data folder that cannot be used: these lines are translated.
START_UP = {
    "db-missing",
    "db-corrupt",
    "db-read-only",
    "disk-full",
    "db-too-new",
    "os-denied",
    "os-missing",
    "os-in-the-way",
    "os-error",
}


def _setting(args: argparse.Namespace) -> str:
    """The language chosen in Preferences, read without creating or changing anything ("system" if none)."""
    with contextlib.suppress(Exception):  # the data folder may be what failed: then the system decides
        from PySide6.QtCore import QSettings

        from reader.cli_common import user_paths

        path = user_paths(args).settings_file
        if path.is_file():
            value = QSettings(str(path), QSettings.Format.IniFormat).value("ui/language")
            if isinstance(value, str):
                return value
    return "system"


def language(args: argparse.Namespace) -> str:
    from reader.i18n import resolve_language

    return resolve_language(getattr(args, "lang", None) or _setting(args))


def failure_line(exc: BaseException, args: argparse.Namespace) -> str:
    """``casebook: <why> <path>``, one line: translated when a casebook, library or data folder cannot be used
    (:data:`START_UP`), else the error's own text (a bad file given to a command, an unknown case id)."""
    from reader.resources import ResourceError

    start_up = (
        getattr(exc, "code", "") in START_UP
        or isinstance(exc, ResourceError)
        or (isinstance(exc, OSError) and bool(exc.errno))
    )
    if not start_up:
        return "casebook: " + " ".join(str(exc).split())
    from reader.i18n import bundled_translator, error_text

    lang = language(args)
    translator = bundled_translator(f"casebook_{lang}") if lang != "en" else None

    def translate(context: str, text: str) -> str:
        return (translator.translate(context, text) if translator is not None else "") or text

    text = error_text(exc, translate=translate)
    return "casebook: " + " ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
