"""Compare view: time to first paint of a comparison, and the cost of the term statistics.

    python bench/compare_bench.py [--runs N] [--cases 4] [--width 1500] [--height 900]

"First paint" is measured from ``CompareView.set_cases(ids)`` on a shown view until every column's
viewport has painted once with its rows aligned (load, align, render, pad, paint); "new view" also
creates and shows a new ``CompareView`` (a new compare tab). The cases are the
``--cases`` longest ones of the bundled casebook, rotated each run so that every run really renders
anew; a warm-up run (fonts, first layout) is reported apart. Also timed: re-aligning after a width
change, a zoom step, building the :class:`~reader.domain.terms.TermIndex`, the shared terms of the
compared cases and the similar-cases ranking. Figures are medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--cases", type=int, default=4)
    ap.add_argument("--width", type=int, default=1500)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from reader.domain.terms import TermIndex
    from reader.domain.text import plain_text
    from reader.storage.casebook import Casebook
    from reader.ui.compare_view import CompareView

    app = QApplication.instance() or QApplication(sys.argv)
    book = Casebook.open(ROOT / "data" / "casebook.db")
    titles = {b.id: b.title for b in book.batches()}

    def load(case_id: str):
        case = book.case(case_id)
        return case, titles.get(case.batch_id, "")

    all_cases = book.cases()
    longest = sorted(all_cases, key=lambda c: -len(plain_text(c)))
    pool = [c.id for c in longest[: args.cases * 3]]

    view = CompareView(load_case=load)
    view.resize(args.width, args.height)
    view.show()
    app.processEvents()

    class PaintWatch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.painted: set[int] = set()

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted.add(id(obj))
            return False

    def first_paint(ids: list[str]) -> float:
        watch = PaintWatch()
        start = time.perf_counter()
        view.set_cases(ids)
        viewports = [view.browser(i).viewport() for i in range(view.column_count())]
        for vp in viewports:
            vp.installEventFilter(watch)
        while len(watch.painted) < len(viewports):
            app.processEvents()
            if time.perf_counter() - start > 10:
                raise SystemExit("no paint within 10 s")
        elapsed = time.perf_counter() - start
        for vp in viewports:
            vp.removeEventFilter(watch)
        if not view.rows.is_level():
            raise SystemExit("rows are not aligned after the first paint")
        return elapsed

    def ids_for(run: int) -> list[str]:
        k = args.cases
        return [pool[(run + i * 3) % len(pool)] for i in range(k)]

    warm = first_paint(ids_for(0))
    paints = [first_paint(ids_for(run)) for run in range(1, args.runs + 1)]

    def fresh_view_paint(ids: list[str]) -> float:
        """A new view (a new compare tab): build it, show it, compare, until every column painted."""
        watch = PaintWatch()
        start = time.perf_counter()
        fresh = CompareView(load_case=load)
        fresh.resize(args.width, args.height)
        fresh.set_cases(ids)
        fresh.show()
        viewports = [fresh.browser(i).viewport() for i in range(fresh.column_count())]
        for vp in viewports:
            vp.installEventFilter(watch)
        while len(watch.painted) < len(viewports):
            app.processEvents()
        elapsed = time.perf_counter() - start
        if not fresh.rows.is_level():
            raise SystemExit("rows are not aligned after the first paint (new view)")
        fresh.close()
        fresh.deleteLater()
        app.processEvents()
        return elapsed

    fresh = [fresh_view_paint(ids_for(run)) for run in range(1, args.runs + 1)]

    def timed(fn, runs: int = args.runs) -> float:
        out = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
        return statistics.median(out)

    widths = iter([args.width - 200, args.width] * (args.runs + 1))

    def resize() -> None:
        view.resize(next(widths), args.height)
        app.processEvents()
        view.rows.realign()

    zooms = iter([110, 100] * (args.runs + 1))

    def zoom() -> None:
        view.set_zoom(next(zooms))
        app.processEvents()

    realign_s = timed(resize)
    zoom_s = timed(zoom)
    build_s = timed(lambda: TermIndex.build(all_cases), runs=max(3, args.runs // 3))
    index = TermIndex.build(all_cases)
    compared = [book.case(cid) for cid in ids_for(1)]
    terms_s = timed(lambda: index.shared_terms(compared))
    similar_s = timed(lambda: index.similar(compared[0].id))

    ms = 1000.0
    print(f"compare view, {args.cases} cases ({', '.join(ids_for(1))} …), {args.width}x{args.height}, {args.runs} runs")
    print(f"  first paint, warm-up run             {warm * ms:8.1f} ms")
    print(
        f"  first paint (median / min / max)     {statistics.median(paints) * ms:8.1f} ms"
        f"  {min(paints) * ms:.1f} / {max(paints) * ms:.1f}   (target <= 150 ms)"
    )
    print(
        f"  first paint, new view (median / max)  {statistics.median(fresh) * ms:8.1f} ms"
        f"  {max(fresh) * ms:.1f}   (a new compare tab)"
    )
    print(f"  resize + re-align (median)           {realign_s * ms:8.1f} ms")
    print(f"  zoom step (median)                   {zoom_s * ms:8.1f} ms")
    print(f"  TermIndex.build, {len(all_cases)} cases (median)   {build_s * ms:8.1f} ms   (on a pool thread)")
    print(f"  shared_terms, {args.cases} cases (median)       {terms_s * ms:8.1f} ms   (on a pool thread)")
    print(f"  similar, one case (median)           {similar_s * ms:8.1f} ms")
    view.close()
    book.close()


if __name__ == "__main__":
    main()
