"""Import speed: the five bundled source documents imported into an empty library, as a user would.

    python bench/import_bench.py [--runs N] [--pdf]

Per document and in total: reading and parsing (``load_document``), writing and indexing (``import_batch``,
one transaction), then replacing the same batch (delete + re-index) and removing it. The goal is at most
1 s per 100 000 characters for read + parse + write + index. ``--pdf`` also times a PDF of the largest
document (laid out with Qt, read back with pypdf), whose text extraction dominates. Figures are medians of
``--runs`` runs. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.ingest import load_manifest  # noqa: E402
from reader.ingest.readers import load_document  # noqa: E402
from reader.storage.casebook import build_casebook  # noqa: E402
from reader.storage.library import Library  # noqa: E402

SOURCES = ROOT / "data" / "sources"


def one_run(casebook: Path, files: list[Path], tmp: Path) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    lib_path = tmp / f"library-{time.monotonic_ns()}.db"
    with Library.open(casebook, lib_path) as library:
        for path in files:
            t0 = time.perf_counter()
            doc = load_document(path)
            t1 = time.perf_counter()
            library.import_batch(doc.result, title=doc.result.batch.title, content_hash=doc.content_hash)
            t2 = time.perf_counter()
            out[path.name] = {"chars": doc.characters, "cases": len(doc.result.batch.cases), "parse": t1 - t0}
            out[path.name]["write"] = t2 - t1
        t0 = time.perf_counter()
        last = load_document(files[-1])
        library.import_batch(last.result, title="x", replace=True, content_hash=last.content_hash)
        out["_replace"] = {"seconds": time.perf_counter() - t0}
        t0 = time.perf_counter()
        library.remove_batch(last.batch_id)
        out["_remove"] = {"seconds": time.perf_counter() - t0}
        t0 = time.perf_counter()
        res = library.search_engine.search("服务", limit=20, offset=40)
        out["_search"] = {"seconds": time.perf_counter() - t0, "total": res.total}
    return out


def pdf_run(tmp: Path, source: Path) -> tuple[float, float, int]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT / "tests" / "ingest"))
    from PySide6.QtWidgets import QApplication
    from test_variants import paragraphs, render_pdf

    QApplication.instance() or QApplication([])
    pdf = tmp / "batch.pdf"
    render_pdf(paragraphs(source.read_text(encoding="utf-8")), pdf)
    t0 = time.perf_counter()
    doc = load_document(pdf)
    t1 = time.perf_counter()
    from pypdf import PdfReader

    return t1 - t0, doc.characters, len(PdfReader(pdf).pages)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pdf", action="store_true", help="also time a PDF of the largest source")
    args = ap.parse_args()
    files = [SOURCES / e.source for e in load_manifest(SOURCES)]
    with tempfile.TemporaryDirectory(prefix="casebook-import-bench-") as name:
        tmp = Path(name)
        casebook = tmp / "casebook.db"
        build_casebook(SOURCES, casebook)
        runs = [one_run(casebook, files, tmp) for _ in range(args.runs)]

        def med(key: str, field: str) -> float:
            return statistics.median(r[key][field] for r in runs)

        print(f"import of the {len(files)} bundled documents into an empty library, median of {args.runs} runs")
        print(f"{'document':<28}{'chars':>9}{'cases':>7}{'read+parse':>12}{'write+index':>13}{'s/100k':>9}")
        total_chars = total = 0.0
        for path in files:
            chars, cases = runs[0][path.name]["chars"], runs[0][path.name]["cases"]
            parse, write = med(path.name, "parse"), med(path.name, "write")
            total_chars += chars
            total += parse + write
            per = (parse + write) / chars * 100_000
            print(f"{path.name:<28}{chars:>9.0f}{cases:>7.0f}{parse:>11.3f}s{write:>12.3f}s{per:>8.3f}s")
        print(f"{'all five':<28}{total_chars:>9.0f}{'':>7}{'':>12}{total:>12.3f}s{total / total_chars * 1e5:>8.3f}s")
        print("goal: at most 1 s per 100 000 characters (read + parse + write + index)")
        print(f"replace the last batch: {med('_replace', 'seconds'):.3f} s (delete + re-index the library)")
        print(f"remove a batch: {med('_remove', 'seconds'):.3f} s")
        print(
            f"merged search, page 3 of '服务' ({runs[0]['_search']['total']} hits): {med('_search', 'seconds'):.4f} s"
        )
        if args.pdf:
            largest = max(files, key=lambda p: p.stat().st_size)
            seconds, chars, pages = pdf_run(tmp, largest)
            print(
                f"PDF of {largest.name} ({pages} pages, {chars:.0f} chars): read + parse {seconds:.2f} s "
                f"({seconds / chars * 1e5:.2f} s per 100k chars; pypdf text extraction dominates)"
            )


if __name__ == "__main__":
    main()
