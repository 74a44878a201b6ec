"""Screenshots of Go → Bookmarks… and Preferences → Reading on a real window (run under Xvfb).

xvfb-run -a -s "-screen 0 1366x768x24" python3 scripts/screenshot_reading.py bookmarks docs/screenshots/bookmarks-1366x768.png
xvfb-run -a -s "-screen 0 1366x768x24" python3 scripts/screenshot_reading.py preferences docs/screenshots/preferences-reading-1366x768.png
"""

from __future__ import annotations

import argparse
from pathlib import Path

from shots import open_window, save_screen, start_app, wait


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scene", choices=["bookmarks", "preferences"])
    ap.add_argument("output", type=Path)
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--theme", default="light", choices=["light", "dark", "contrast"])
    args = ap.parse_args()

    from PySide6.QtCore import QTimer

    app = start_app(args.lang)
    window = open_window(app, args.theme)
    window.show()
    wait(300)
    done: list[bool] = []

    def grab_and_close() -> None:
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, grab_and_close)
            return
        wait(400)
        done.append(save_screen(args.output))
        dialog.reject()

    if args.scene == "bookmarks":
        batches = window.catalog.batches()
        places = [(batches[i].cases[n].id, anchor) for i, n, anchor in ((0, 1, "s1"), (1, 2, "s2"), (3, 4, "s1.2"))]
        for cid, anchor in [*places, (batches[2].cases[6].id, "s2")]:
            window.open_case(cid)
            wait(100)
            window.current_tab().view.scroll_to(anchor)
            wait(100)
            from reader.domain.annotation import bookmark_name_at

            view = window.current_tab().view
            window.annotate.bookmark_here(name=bookmark_name_at(view.case, view.plain_offset_at_top()))
        window.annotate.bookmark_here(name="培训课件：仲裁中心的三条做法")
        QTimer.singleShot(0, grab_and_close)
        window.annotate.show_bookmarks()
    else:
        window.settings.set("reader/line_height", 200)
        window.settings.set("reader/font", "WenQuanYi Micro Hei")
        QTimer.singleShot(0, grab_and_close)
        window.files.show_preferences()
    return 0 if done and done[0] else 1


if __name__ == "__main__":
    raise SystemExit(main())
