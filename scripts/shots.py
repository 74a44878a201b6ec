"""What the real-window screenshot scripts share: starting the app, waiting for Qt, grabbing the X screen.

Used by ``screenshot.py``, ``screenshot_compare.py`` and ``screenshot_presentation.py`` (run under Xvfb).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def start_app(lang: str):
    """The Casebook ``QApplication`` (fonts, icon) with the UI language ``lang`` installed."""
    from reader import i18n
    from reader.app import make_application

    app = make_application()
    i18n.install(app, lang)
    return app


def wait(ms: int, signal=None, *, after=None) -> None:
    """Run the event loop for ``ms`` milliseconds, or until ``signal`` (if given) is emitted first; ``after``
    (if given) is called once the signal is connected, to start the work that emits it."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    if signal is not None:
        signal.connect(lambda *_: loop.quit())
    if after is not None:
        after()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save_screen(output: Path) -> bool:
    """Grab the whole (X) screen into ``output`` (a PNG); True when it was written."""
    from PySide6.QtGui import QGuiApplication

    shot = QGuiApplication.primaryScreen().grabWindow(0)
    output.parent.mkdir(parents=True, exist_ok=True)
    return shot.save(str(output))
