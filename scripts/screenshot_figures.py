"""Real-window screenshots of the key figures for the README, taken under Xvfb:

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshot_figures.py card docs/screenshots/figures-card-light.png
    … table …-table-dark.png --theme dark, overview, overview-mentioned, export-dialog

Starts the real app on the bundled casebook (with a throw-away user data folder) in the given theme, sets up the
scene — the 成效要点 card of stid-a-02 with a clicked figure's sentence highlighted; the figures table searched
for 亿元 融资 and sorted by value; the overview (printed contributors, or the places mentioned); the export dialog
with its 成效要点 checkbox — waits for the window system to paint, grabs the whole X screen and saves it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shots import open_window, save_screen, start_app, wait

SCENES = ["card", "table", "overview", "overview-mentioned", "export-dialog"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scene", choices=SCENES)
    ap.add_argument("output", type=Path)
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--theme", choices=["light", "dark"], default="light")
    args = ap.parse_args()

    from PySide6.QtCore import Qt

    app = start_app(args.lang)
    window = open_window(app, args.theme, {"session/restore": False})
    window.resize(1366, 768)
    window.move(0, 0)
    window.show()
    wait(300)
    keep = None
    if args.scene == "card":
        from reader.domain.figures import extract

        window.open_case("stid-a-02")
        tab = window.current_tab()
        wait(300)
        figure = next(f for f in extract(tab.view.case, lead=False) if f.what == "境外仲裁员")
        tab.figures_card.show_figure(figure)
        view = tab.view
        cursor = view.document().find("成效要点")
        view.verticalScrollBar().setValue(
            max(0, int(view.cursorRect(cursor).top()) + view.verticalScrollBar().value() - 40)
        )
    elif args.scene == "table":
        from reader.models.figures import COLUMNS

        fw = window.figures_room.show_figures()
        fw.set_filters(search="亿元 融资")
        fw.table.sortByColumn(COLUMNS.index("value"), Qt.SortOrder.DescendingOrder)
        fw.resize(1366, 700)
        fw.move(0, 0)
    elif args.scene.startswith("overview"):
        gw = window.figures_room.show_glance()
        if args.scene == "overview-mentioned":
            gw.mentioned.click()
        gw.resize(1100, 768)
        gw.move(0, 0)
    elif args.scene == "export-dialog":
        from reader.ui.export_dialog import ExportOptionsDialog

        window.open_case("stid-a-02")
        keep = ExportOptionsDialog(
            window,
            casebook=window.catalog,
            userdb=window.annotation_store.db,
            current_case_id="stid-a-02",
            settings=window.settings,
        )
        keep.show()
        keep.move(400, 80)
    wait(900)
    ok = save_screen(args.output)
    if keep is not None:
        keep.close()
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
