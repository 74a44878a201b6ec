"""The bundled Chinese font: registered with Qt at start-up, used by every PDF export.

Exports must show real, selectable Chinese text on machines that have no CJK font at all (air-gapped
installs). Casebook therefore ships WenQuanYi Micro Hei (``resources/fonts/wqy-microhei.ttc``, from
Debian's ``fonts-wqy-microhei`` 0.2.0-beta; Apache-2.0, or GPL-3 with the font embedding exception: see
``resources/fonts/wqy-microhei.LICENSE.txt``). It covers every character of the bundled casebook, Qt's
PDF engine embeds it as a CID TrueType subset with a ToUnicode map, and ``pdftotext`` gives back exactly
the characters written (Noto Sans CJK, by contrast, extracts some of them as Kangxi radicals).

Call :func:`register_fonts` once a ``QGuiApplication`` exists (the PDF writers and the self-test do;
it is idempotent and thread-safe). The app calls :func:`register_fonts_for_ui` at start-up, which
registers the font only on machines without a Chinese font of their own.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

from reader import resources

log = logging.getLogger(__name__)

FONT_FILE = "resources/fonts/wqy-microhei.ttc"
LICENSE_FILE = "resources/fonts/wqy-microhei.LICENSE.txt"
#: The family the export uses; the file's second face, "WenQuanYi Micro Hei Mono", serves code in notes.
FAMILY = "WenQuanYi Micro Hei"
MONO_FAMILY = "WenQuanYi Micro Hei Mono"

_lock = threading.Lock()
_families: list[str] | None = None


def register_fonts() -> list[str]:
    """Register the bundled font(s) with Qt's font database (once); returns the families now available
    from them (empty when the file is missing or Qt rejects it, which is logged: exports then fall back to
    the system's fonts). Needs a ``QGuiApplication``."""
    global _families
    with _lock:
        if _families is not None:
            return list(_families)
        from PySide6.QtGui import QFontDatabase

        families: list[str] = []
        try:
            path = resources.find(FONT_FILE)
        except resources.ResourceError:
            log.warning("the bundled font is missing: %s", FONT_FILE)
        else:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("Qt could not load the bundled font %s", path)
            else:
                families = list(QFontDatabase.applicationFontFamilies(font_id))
        _families = families
        return list(families)


def register_fonts_for_ui() -> None:
    """At start-up: register the bundled font only when the system has no Chinese font of its own.

    Elsewhere the UI uses the system's font and registering waits for the first export (it reads and
    indexes a 5 MB file: some 10 ms of start-up). Needs a ``QGuiApplication``.
    """
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        register_fonts()


def use_unhinted_ui_text(app) -> bool:
    """On Linux, draw the UI's text unhinted; returns whether it did.

    fontconfig's usual ``hintslight`` makes FreeType autohint every glyph, which is slow for Chinese: a
    glyph is drawn for the first time about three times faster unhinted (``bench/glyph_bench.py``), and the
    first paint and every newly opened case draw hundreds of new glyphs. Slight hinting only snaps
    glyphs vertically, so Chinese text at these sizes looks the same. Windows and macOS keep their own
    rendering.
    """
    if not sys.platform.startswith("linux"):
        return False
    from PySide6.QtGui import QFont

    font = app.font()
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    return True


def export_family() -> str:
    """The font family exports use: the bundled one when it is registered, else Qt's default family."""
    if FAMILY in register_fonts():
        return FAMILY
    from PySide6.QtGui import QFont

    return QFont().defaultFamily()


def ensure_gui_application() -> None:
    """Make sure a ``QGuiApplication`` exists (for the command line: fonts and PDF need one).

    Without one, a headless one is created on the offscreen platform. Call it on the main thread.
    """
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["casebook"])
        app.setApplicationName("Casebook")
        ensure_gui_application._app = app  # type: ignore[attr-defined]  # keep it alive
