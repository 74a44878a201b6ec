"""Real windows on a given screen: does everything fit? Run under Xvfb (one screen size per run):

    xvfb-run -a -s "-screen 0 1024x768x24" python scripts/screen_fit.py OUT_DIR
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 3840x2160x24" python scripts/screen_fit.py OUT_DIR

Plays five scenes on the real app (bundled casebook, throw-away user data): a fresh start, a session saved
on a big screen restored here, the Notes panel open, a 4-case comparison and a presentation. For each it
records every visible top-level window and dock with the screen's available area, the reader's width and
the width it needs, the compare columns' widths, and takes a screenshot (``OUT_DIR/<scene>.png``).
The measurements go to ``OUT_DIR/report.json``; the test (tests/ui/test_screens.py) judges them.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from shots import save_screen, start_app, wait


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def measure(app, window, scene: str, out: Path) -> dict:
    from PySide6.QtWidgets import QDockWidget

    wait(400)
    screen = window.screen()
    tops = []
    for w in app.topLevelWidgets():
        if w.isVisible() and w.isWindow():
            tops.append({"class": type(w).__name__, "frame": rect(w.frameGeometry()), "title": w.windowTitle()})
    docks = [rect(d.frameGeometry()) for d in window.findChildren(QDockWidget) if d.isVisible()]
    dock_globals = []
    for d in window.findChildren(QDockWidget):
        if d.isVisible():
            g = d.geometry()
            g.moveTopLeft(d.parentWidget().mapToGlobal(g.topLeft()) if not d.isFloating() else g.topLeft())
            dock_globals.append(rect(g))
    entry: dict = {
        "scene": scene,
        "screen": rect(screen.geometry()),
        "available": rect(screen.availableGeometry()),
        "dpr": screen.devicePixelRatio(),
        "tops": tops,
        "docks": dock_globals or docks,
        "splitter": window.splitter.sizes(),
        "reader_min": window.reading_min_width(),
        "window_min_hint": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
    }
    tab = window.current_tab()
    if tab is not None:
        view = tab.view
        entry["reader_width"] = view.width()
        entry["reader_visible"] = view.isVisible()
        fmt = view.document().rootFrame().frameFormat()
        entry["text_width"] = view.viewport().width() - int(fmt.leftMargin() + fmt.rightMargin())
        entry["base_px"] = view._base_px
    compare = window.compare.current()
    if compare is not None:
        entry["compare_width"] = compare.width()
        entry["columns"] = [
            compare.browser(i).width() for i in range(compare.column_count()) if compare.browser(i).isVisible()
        ]
        entry["column_min"] = getattr(compare, "column_min_width", lambda: 0)()
        entry["columns_box"] = compare.grid_box.width()  # the row of columns: never narrower than they are
    shot = out / f"{scene}.png"
    entry["screenshot"] = str(shot) if save_screen(shot) else ""
    return entry


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    from reader import resources
    from reader.app import create_main_window
    from reader.paths import UserPaths
    from reader.settings import Settings
    from reader.storage.casebook import Casebook

    app = start_app("zh_CN")
    data = Path(tempfile.mkdtemp(prefix="casebook-fit-"))
    paths = UserPaths(data, False, "option")
    path = resources.casebook_path()
    book = Casebook.open(path)

    def window():
        w = create_main_window(book=book, settings=Settings(path=paths.settings_file), paths=paths, app=app)
        w.show()
        wait(5000, w.ready)
        return w

    report = []
    w = window()
    report.append(measure(app, w, "fresh", out))
    # A session on a big screen: a 3600×2000 window with wide panels, saved as the app saves it.
    w.setGeometry(40, 40, 3600, 2000)
    wait(200)
    w.splitter.setSizes([700, 2200, 700])
    w.save_session()
    w.close()
    wait(200)
    w = window()
    report.append(measure(app, w, "restored", out))
    w.right.setCurrentWidget(w.annotations)
    report.append(measure(app, w, "notes", out))
    w.compare.compare_cases(["stid-a-01", "stid-a-02", "stid-b-01", "sop-a-3e8e4363"])
    report.append(measure(app, w, "compare4", out))
    w.close_tab(w.tabs.currentIndex())
    w.presenting.present_case()
    wait(600)
    report.append(measure(app, w, "presentation", out))
    if w.presenting.presentation is not None:
        w.presenting.presentation.close()
    w.close()
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
