"""Slide change time of presentation mode at 1920×1080 (goal: 30 ms or less), and pagination time.

    python bench/slide_bench.py [--changes 600] [--size 1920x1080]
    xvfb-run -a -s "-screen 0 1920x1080x24" python bench/slide_bench.py   # a real X window

A slide change is timed from the key press to the end of the synchronous repaint of the audience view
(``QTest.keyClick`` then ``repaint()``); between key presses events are processed, untimed, as the idle
seconds of a talk would (the window lays out and pre-paints the neighbouring slides then).

* *first showing*: a fresh process steps once through a 10-case playlist talk (agenda, dividers, ~120
  slides, end slide), so every slide and most glyphs are drawn for the first time: what a trainer meets
  in a workshop;
* *again*: back and forth through the longest case once everything has been seen;
* *cold*: nothing laid out or painted ahead (the caches are emptied before each change): a jump (number + Enter,
  Home/End) to a slide seen before.

Highlights are drawn (40 on the longest case). Pagination is the time to cut a case (or the playlist)
into slides with the real font, with the layout rules (keep with next, balanced continuations) and, as the
baseline of the same run, without balancing. The baseline of a slide change is a repaint of the same
slide (no change at all): the ratio says what the change itself costs. Prints median and p99; asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(label: str, values: list[float], baseline: list[float] | None = None) -> None:
    ratio = f"   ×{statistics.median(values) / statistics.median(baseline):5.2f} of the baseline" if baseline else ""
    print(
        f"{label:<46} median {statistics.median(values):7.2f} ms   p99 {percentile(values, 99):7.2f} ms   "
        f"max {max(values):7.2f} ms   (n={len(values)}){ratio}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=600)
    ap.add_argument("--size", default="1920x1080")
    args = ap.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSize, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from reader.domain import slides as slides_module
    from reader.domain.annotation import new_highlight
    from reader.domain.slides import DeckEntry, Talk
    from reader.domain.text import plain_text
    from reader.storage.casebook import Casebook
    from reader.storage.userdb import UserDB
    from reader.ui.presentation import PresentationWindow, SlideRenderer

    app = QApplication.instance() or QApplication(sys.argv[:1])
    book = Casebook.open(ROOT / "data" / "casebook.db")
    cases = book.cases([c.id for b in book.batches() for c in b.cases])
    longest = max(cases, key=lambda c: len(plain_text(c)))
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = UserDB.open(Path(tmp) / "user.db", backups_dir=Path(tmp) / "backups")
        text = plain_text(longest)
        for _ in range(40):
            start = rng.randrange(0, len(text) - 30)
            db.add(new_highlight(longest, start, start + rng.randrange(4, 30), color=rng.randrange(5), text=text))

        print(f"platform {app.platformName()}, {width}×{height}, font {app.font().family()!r}")
        print(f"case {longest.id}: {len(text)} characters")

        size = QSize(width, height)
        playlist = [DeckEntry(c, book.batch_title(c.batch_id)) for c in cases[:: len(cases) // 10][:10]]

        def step_through(w, keys, *, cold: bool = False, limit: int | None = None) -> list[float]:
            times: list[float] = []
            for k in keys:
                if limit is not None and len(times) >= limit:
                    break
                if cold:
                    w._docs.clear()
                    w._pages.clear()
                t = time.perf_counter()
                QTest.keyClick(w, k)
                w.repaint()
                times.append((time.perf_counter() - t) * 1000)
                app.processEvents()  # idle time between clicks: the neighbours are laid out (untimed)
            return times

        # First showing: measured before anything has painted text at this size.
        talk = Talk(title="服务业扩大开放最佳实践案例研讨班", date="2026年12月4日")
        w = PresentationWindow(entries=playlist, annotations=db.list, talk=talk)
        w.resize(width, height)
        w.start(full_screen=False)
        QTest.qWaitForWindowExposed(w)
        app.processEvents()
        n = w.slide_count()
        print(f"playlist: {n} slides, body type {w.renderer.base_px} px")
        report("slide change, first showing (playlist talk)", step_through(w, [Qt.Key.Key_Right] * (n - 1)))
        w.close()

        def paginate(entries: list, *, balance: bool) -> tuple[list[float], int]:
            saved = slides_module.SHORT_TAIL
            slides_module.SHORT_TAIL = saved if balance else 0.0
            try:
                times, count = [], 0
                for _ in range(5):
                    renderer = SlideRenderer(size=size)
                    t = time.perf_counter()
                    count = len(renderer.paginate(entries))
                    times.append((time.perf_counter() - t) * 1000)
                return times, count
            finally:
                slides_module.SHORT_TAIL = saved

        for label, entries in (
            ("paginate the longest case", [DeckEntry(longest, "")]),
            ("paginate the 10-case playlist", playlist),
        ):
            base, base_count = paginate(entries, balance=False)
            times, count = paginate(entries, balance=True)
            report(f"{label}, not balanced ({base_count}) baseline", base)
            report(f"{label} ({count} slides)", times, base)

        w = PresentationWindow(entries=[DeckEntry(longest, book.batch_title(longest.batch_id))], annotations=db.list)
        w.resize(width, height)
        w.start(full_screen=False)
        QTest.qWaitForWindowExposed(w)
        app.processEvents()
        n = w.slide_count()
        print(f"longest case: {n} slides")
        cycle = ([Qt.Key.Key_PageDown] * (n - 1) + [Qt.Key.Key_PageUp] * (n - 1)) * (args.changes // (2 * n - 2) + 1)
        first = step_through(w, cycle, limit=n - 1)
        same = []
        for _ in range(200):
            t = time.perf_counter()
            w.repaint()
            same.append((time.perf_counter() - t) * 1000)
            app.processEvents()
        report("repaint, no change (baseline)", same)
        report("slide change, first showing (longest case)", first, same)
        report("slide change, again", step_through(w, cycle, limit=args.changes), same)
        report(
            "slide change, cold (nothing laid out ahead)", step_through(w, cycle, cold=True, limit=args.changes), same
        )

        times = []
        for step in [Qt.Key.Key_Plus, Qt.Key.Key_Minus] * 5:
            t = time.perf_counter()
            QTest.keyClick(w, step)
            w.repaint()
            times.append((time.perf_counter() - t) * 1000)
            app.processEvents()
        report("type size +/− (re-paginate and repaint)", times)
        w.close()
        db.close()
    book.close()


if __name__ == "__main__":
    main()
