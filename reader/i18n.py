"""User-interface language: Simplified Chinese by default, English available.

Source strings in the code are English; ``resources/i18n/casebook_zh_CN.qm`` translates them. The
language follows the system locale ("system": English systems get English, every other locale
Chinese) unless Preferences override it.
"""

from __future__ import annotations

import errno
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from reader import resources
from reader.ingest.messages import CONTEXT as IMPORT_CONTEXT
from reader.ingest.messages import Message

LANGUAGES = ("zh_CN", "en")

#: An ``OSError`` without a code of ours, by its errno: the message :func:`error_text` gives.
_OS_CODES = {
    errno.EACCES: "os-denied",
    errno.EPERM: "os-denied",
    errno.EROFS: "os-denied",
    errno.ENOSPC: "disk-full",
    errno.EDQUOT: "disk-full",
    errno.ENOENT: "os-missing",
    errno.EEXIST: "os-in-the-way",
    errno.ENOTDIR: "os-in-the-way",
}
_installed: list[QTranslator] = []


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    if setting in LANGUAGES:
        return setting
    locale = system or QLocale.system()
    # By name, not QLocale.Language: building that enum costs PySide6 ~15 ms at start-up.
    return "en" if locale.name().split("_")[0] == "en" else "zh_CN"


def install(app: QCoreApplication, language: str) -> str:
    """Install the translators for ``language`` ("system", "zh_CN" or "en"); returns the language used."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    lang = resolve_language(language)
    if lang == "en":
        QLocale.setDefault(QLocale("en_US"))
        return lang
    QLocale.setDefault(QLocale("zh_CN"))
    if (ours := bundled_translator(f"casebook_{lang}", app)) is not None:
        app.installTranslator(ours)
        _installed.append(ours)
    # Qt's own dialogs (file dialog, message box buttons): qtbase from PySide6 (build.spec bundles it), then
    # our supplement for the few strings it leaves in English; a translator installed later is asked first.
    qt = QTranslator(app)
    if qt.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    if (extra := bundled_translator(f"qtbase_extra_{lang}", app)) is not None:
        app.installTranslator(extra)
        _installed.append(extra)
    return lang


def bundled_translator(name: str, parent: QObject | None = None) -> QTranslator | None:
    """Our ``resources/i18n/NAME.qm`` loaded (None when the bundle lacks it or it does not load)."""
    translator = QTranslator(parent)
    try:
        qm = resources.find(f"resources/i18n/{name}.qm")
    except resources.ResourceError:
        return None
    return translator if translator.load(str(qm)) else None


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def import_message(message: Message) -> str:
    """A warning or error of the importer in the UI language (its template translated, then filled in)."""
    return message.render(lambda template: QCoreApplication.translate(IMPORT_CONTEXT, template))


def error_text(exc: BaseException, *, translate: Callable[[str, str], str] | None = None) -> str:
    """A translated one-line explanation of an expected error (storage, query, import, a file or folder that
    cannot be used), then its path on a second line. ``translate`` (default ``QCoreApplication.translate``) lets
    the command line translate without a Qt application."""
    translate = translate or QCoreApplication.translate
    code = getattr(exc, "code", "")
    if not code and isinstance(exc, OSError) and exc.errno:
        code = _OS_CODES.get(exc.errno, "os-error")
    STALE = translate(
        "Errors",
        "It was changed in another window or program in the meantime, so this change was not made: it would "
        "have undone that one. Look at it again and make the change anew if you still want it.",
    )
    messages = {
        "db-missing": translate("Errors", "The casebook database could not be found."),
        "db-corrupt": translate("Errors", "The database file is damaged."),
        "db-read-only": translate("Errors", "The database cannot be written (read-only)."),
        "disk-full": translate("Errors", "The disk is full."),
        "db-too-new": translate(
            "Errors", "The database was made by a newer version of Casebook. Please update Casebook."
        ),
        "stale-write": STALE,
        "playlist-stale": STALE,
        "annotation-stale": STALE,
        "case-missing": translate("Errors", "This case is not in the casebook."),
        "query-not-text": translate("Errors", "The query must be text."),
        "query-too-long": translate("Errors", "The query is too long (at most 1000 characters)."),
        "query-too-many-terms": translate("Errors", "The query has too many terms (at most 32)."),
        "query-only-excluded": translate("Errors", "The query only excludes words: add a word to look for."),
        "query-negated-or": translate("Errors", "An excluded word (-word) cannot be part of OR."),
        "query-unsupported": translate("Errors", "This query cannot be searched."),
        "os-denied": translate("Errors", "The file or folder cannot be written (read-only, or no permission)."),
        "os-missing": translate("Errors", "The file or folder does not exist."),
        "os-in-the-way": translate("Errors", "A file is in the way where a folder is needed."),
        "os-error": translate("Errors", "The file or folder cannot be used."),
        "resource-missing": translate("Errors", "A file of Casebook itself is missing; please reinstall Casebook."),
    }
    if not code and type(exc).__name__ == "ResourceError":
        code = "resource-missing"
    text = messages.get(code)
    path = getattr(exc, "path", None) or getattr(exc, "filename", None)
    if text is None:
        return str(exc)
    return f"{text}\n{path}" if path else text
