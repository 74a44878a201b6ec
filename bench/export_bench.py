"""Export benchmark: one 25-case batch with 100 annotations, to PDF (full, notes only, official layout), Word
(clean and official), Markdown and HTML.

    python bench/export_bench.py [--runs 5] [--batch stid-a] [--keep DIR]

Builds a temporary user database with 4 annotations per case (highlights with Markdown notes and tags, a
highlight without note, a case note, a bookmark), then times ``write_export`` (job already built) and
``make_job`` separately and prints the median and the spread of each, and each format's ratio to the
Markdown export of the same run (the baseline). Goals: the PDF in at most 5 s, the Word document in at most 2 s.
Prints figures, asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOTE = "**要点**：这一做法可以借鉴。\n\n- 先在试点地区推行\n- 再总结经验推广\n\n参见 *实践效果* 一节。"


def annotate(book, db, case_ids: list[str], per_case: int = 4) -> int:
    """Add ``per_case`` annotations to each case; returns how many were added."""
    from reader.domain.annotation import new_bookmark, new_case_note, new_highlight
    from reader.domain.text import Field, case_segments, plain_text

    n = 0
    for cid in case_ids:
        case = book.case(cid)
        text = plain_text(case)
        offsets, offset = [], 0
        for seg in case_segments(case):
            if seg.field is Field.BODY and len(seg.text) >= 60:
                offsets.append(offset)
            offset += len(seg.text) + 1
        made = [
            new_highlight(case, offsets[0] + 4, offsets[0] + 30, color=0, note=NOTE, tags=["借鉴", "试点"], text=text),
            new_highlight(case, offsets[len(offsets) // 2] + 10, offsets[len(offsets) // 2] + 50, color=2, text=text),
            new_case_note(cid, "整体思路清晰，适合在研讨会上作为开场案例。", tags=["研讨"]),
            new_bookmark(case, offsets[-1] + 5, text=text, note="结尾处的下一步计划"),
        ]
        for a in made[:per_case]:
            db.add(a)
            n += 1
    return n


def timed(fn, runs: int) -> tuple[float, float, float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--batch", default="stid-a")
    ap.add_argument("--keep", type=Path, help="write the exports into this folder and keep them")
    args = ap.parse_args()

    from reader.export.bundle import batch_case_ids, make_job, write_export
    from reader.export.fonts import ensure_gui_application, register_fonts
    from reader.storage.casebook import Casebook
    from reader.storage.userdb import UserDB

    t0 = time.perf_counter()
    ensure_gui_application()
    register_fonts()
    startup = time.perf_counter() - t0

    book = Casebook.open(ROOT / "data" / "casebook.db")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out_dir = args.keep or tmp
        out_dir.mkdir(parents=True, exist_ok=True)
        db = UserDB.open(tmp / "user.db", backups_dir=tmp / "backups")
        ids = batch_case_ids(book, args.batch)
        n = annotate(book, db, ids)
        print(f"batch {args.batch}: {len(ids)} cases, {n} annotations; Qt app + font registration {startup:.2f} s")
        med, lo, hi, job = timed(lambda: make_job(book, ids, userdb=db, title="基准测试"), args.runs)
        print(f"make_job (databases -> job)      median {med:.3f} s  (min {lo:.3f}, max {hi:.3f})")
        variant = job.with_options(format="md")
        baseline, lo, hi, result = timed(lambda v=variant, p=out_dir / "bench.md": write_export(v, p), args.runs)
        print(
            f"{'Markdown (baseline)':<32} median {baseline:.3f} s  (min {lo:.3f}, max {hi:.3f})  {result.size / 1024:.0f} KiB"
        )
        for label, options, name in (
            ("PDF, full text", {"format": "pdf"}, "bench.pdf"),
            ("PDF, with 成效要点 cards", {"format": "pdf", "key_figures": True}, "bench-figures.pdf"),
            ("PDF, notes only", {"format": "pdf", "notes_only": True}, "bench-notes.pdf"),
            ("PDF, official layout", {"format": "pdf", "layout": "official"}, "bench-official.pdf"),
            ("Word (.docx), clean", {"format": "docx"}, "bench.docx"),
            ("Word (.docx), 成效要点 cards", {"format": "docx", "key_figures": True}, "bench-figures.docx"),
            ("Word (.docx), official", {"format": "docx", "layout": "official"}, "bench-official.docx"),
            ("Word (.docx), notes only", {"format": "docx", "notes_only": True}, "bench-notes.docx"),
            ("HTML", {"format": "html"}, "bench.html"),
        ):
            variant = job.with_options(**options)
            med, lo, hi, result = timed(lambda v=variant, p=out_dir / name: write_export(v, p), args.runs)
            pages = f", {result.pages} pages" if result.pages else ""
            print(
                f"{label:<32} median {med:.3f} s  (min {lo:.3f}, max {hi:.3f}; {args.runs} runs)"
                f"  {result.size / 1024:.0f} KiB{pages}  {med / baseline:.1f}x Markdown"
            )
        db.close()
    book.close()
    print("goals: PDF of the batch in at most 5 s; Word in at most 2 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
