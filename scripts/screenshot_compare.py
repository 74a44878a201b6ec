"""A real-window screenshot of the compare view, taken under Xvfb:

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshot_compare.py docs/screenshots/compare.png

Shows a ``CompareView`` in a plain ``QMainWindow`` on the bundled casebook: three cases about
arbitration and legal services side by side, their shared distinctive terms coloured (legend on top),
scrolled to the first sub-items of 主要做法. Waits for the term index (built on a pool thread) and for
the window system to paint, grabs the whole X screen and saves it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shots import save_screen, start_app, wait

CASES = ["stid-a-02", "stid-a-22", "stid-c-03"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("output", type=Path)
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--cases", nargs="+", default=CASES)
    ap.add_argument("--row", default="practice.1.1", help="row key to scroll to")
    args = ap.parse_args()

    from PySide6.QtWidgets import QMainWindow

    from reader import resources
    from reader.storage.casebook import Casebook
    from reader.ui import theme
    from reader.ui.compare_view import CompareView, TermService

    app = start_app(args.lang)
    chosen = theme.apply(app, "light")
    book = Casebook.open(resources.casebook_path())
    titles = {b.id: b.title for b in book.batches()}

    def load(case_id: str):
        case = book.case(case_id)
        return case, titles.get(case.batch_id, "")

    terms = TermService(load_cases=book.cases)
    window = QMainWindow()
    window.setWindowTitle("Casebook")
    view = CompareView(load_case=load, term_service=terms, parent=window)
    view.set_appearance(palette=chosen.html, base_px=16, hit=chosen.hit)
    window.setCentralWidget(view)
    window.resize(1560, 940)
    window.move(20, 20)
    window.show()
    wait(200)

    wait(15000, view.terms_changed, after=lambda: view.set_cases(args.cases))
    view.rows.scroll_to_row(args.row)
    wait(600)
    ok = save_screen(args.output)
    print(f"{args.output}: terms {view.legend.terms()}, rows aligned {view.rows.is_level()}")
    window.close()
    book.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
