"""What the real-window screenshot scripts share: starting the app, waiting for Qt, grabbing the X screen.

Used by the ``screenshot*.py`` scripts (run under Xvfb).
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


def open_window(app, theme: str, preset: dict | None = None):
    """The main window over the bundled casebook with a throw-away user data folder, in ``theme``; the ``preset``
    settings (e.g. ``{"session/restore": False}``) are set before it is made. Its settings: ``window.settings``."""
    import tempfile

    from reader import resources
    from reader.app import create_main_window
    from reader.paths import UserPaths
    from reader.settings import Settings
    from reader.storage.casebook import Casebook

    paths = UserPaths(Path(tempfile.mkdtemp(prefix="casebook-shot-")), False, "option")
    settings = Settings(path=paths.settings_file)
    settings.set("ui/theme", theme)
    for key, value in (preset or {}).items():
        settings.set(key, value)
    book = Casebook.open(resources.casebook_path())
    return create_main_window(book=book, settings=settings, paths=paths, app=app)


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
