"""Real-window screenshots for the README, taken under Xvfb:

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshot.py main-window docs/screenshots/main-window.png

Starts the real app on the bundled casebook (with a throw-away user data folder), sets up the scene,
waits for the window system to paint, grabs the whole X screen and saves it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scene", choices=["main-window"])
    ap.add_argument("output", type=Path)
    ap.add_argument("--lang", default="zh_CN")
    args = ap.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication

    from reader import i18n, resources
    from reader.app import create_main_window, make_application
    from reader.paths import UserPaths
    from reader.settings import Settings
    from reader.storage.casebook import Casebook

    app = make_application()
    i18n.install(app, args.lang)
    data = Path(tempfile.mkdtemp(prefix="casebook-shot-"))
    paths = UserPaths(data, False, "option")
    settings = Settings(path=paths.settings_file)
    path = resources.casebook_path()
    book = Casebook.open(path)
    window = create_main_window(book=book, path=path, settings=settings, paths=paths, app=app)
    window.resize(1560, 940)
    window.move(20, 20)
    window.show()

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    wait(300)
    if args.scene == "main-window":
        window.search.set_query("仲裁")
        loop = QEventLoop()
        window.search.search_finished.connect(lambda _n: loop.quit())
        QTimer.singleShot(5000, loop.quit)
        loop.exec()
        window.open_case("stid-a-02", query="仲裁")
        window.current_tab().view.step_hit(2)
    wait(600)
    shot = QGuiApplication.primaryScreen().grabWindow(0)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    ok = shot.save(str(args.output))
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
