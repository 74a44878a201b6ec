"""Real-window screenshots for the README, taken under Xvfb:

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshot.py main-window docs/screenshots/main-window.png

Starts the real app on the bundled casebook (with a throw-away user data folder), sets up the scene,
waits for the window system to paint, grabs the whole X screen and saves it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shots import open_window, save_screen, start_app, wait


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "scene", choices=["main-window", "annotations", "search-number", "similar", "library-marks", "leads"]
    )
    ap.add_argument("--size", default="1560x940", help="window size (fitted to the screen by the app)")
    ap.add_argument("output", type=Path)
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--theme", default="light", choices=["light", "dark", "contrast"])
    args = ap.parse_args()

    app = start_app(args.lang)
    window = open_window(app, args.theme)
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()

    wait(300)
    if args.scene == "main-window":
        search = window.search
        wait(5000, search.search_finished, after=lambda: search.set_query("仲裁"))
        window.open_case("stid-a-02", query="仲裁")
        window.current_tab().view.step_hit(2)
    if args.scene == "search-number":  # 3家: whole numbers first, hits in the titles, hit counts
        search = window.search
        wait(5000, search.search_finished, after=lambda: search.set_query("3家"))
        window.open_case("stid-a-01", query="3家")
    if args.scene == "similar":
        window.open_case("stid-a-02")
        similar = window.similar
        window.right.setCurrentWidget(similar)
        if window.term_service.index() is None:
            wait(20000, window.term_service.ready)
        similar.list.setCurrentIndex(similar.model.index(0, 0))
    if args.scene == "library-marks":  # annotated cases marked in the library tree
        from reader.domain.annotation import new_case_note, new_highlight

        store = window.annotation_store
        for case_id, count in (("stid-a-02", 3), ("stid-a-05", 1), ("stid-a-07", 12), ("stid-b-01", 2)):
            case = window.catalog.case(case_id)
            for n in range(count):
                store.add(new_highlight(case, 40 * n, 40 * n + 10) if n % 2 == 0 else new_case_note(case_id, "要点"))
        window.open_case("stid-a-05")
        window.library.tree.setFocus()
    if args.scene == "leads":  # bold run-in leads (一是… / 二是… / 三是…) under a run-in sub-heading
        window.open_case("sop-c-3d469cdb")
        wait(300)
        window.current_tab().view.scroll_to("s1.3")
    if args.scene == "annotations":
        from reader.domain.text import plain_text

        window.open_case("stid-a-02")
        tab = window.current_tab()
        text = plain_text(tab.view.case)
        notes = [
            ("亚太仲裁中心", 0, "**总体目标**：对标国际一流仲裁机构\n\n- 制度型开放\n- 国际化人才", ("目标", "仲裁")),
            ("境外知名仲裁及争议解决机构", 2, "可与本地区的涉外法律服务试点对照。", ("对比",)),
            ("上海仲裁协会", 3, "", ()),
        ]
        last = None
        for phrase, colour, note, tags in notes:
            start = text.index(phrase)
            window.annotate.highlight(tab, start, start + len(phrase), colour)
            last = window.annotation_store.for_case("stid-a-02")[-1]
            window.annotation_store.update(last.replace(note=note, tags=tags))
        window.annotations.refresh()
        window.annotate.show_annotation(window.annotation_store.for_case("stid-a-02")[0].id)
        window.annotations.editor.tabs.setCurrentIndex(1)
        tab.view.verticalScrollBar().setValue(0)
    wait(600)
    ok = save_screen(args.output)
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
