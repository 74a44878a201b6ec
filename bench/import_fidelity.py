"""Import fidelity: how much of each bundled batch survives the layouts officials actually receive.

    python bench/import_fidelity.py [--corpus DIR] [--no-pdf] [--only SUBSTRING] [--detail]

Builds the corpus of :mod:`fidelity_corpus` (variants generated from the five bundled sources: wrap widths,
no blank lines, page marks, encodings, Word numbering and heading styles, tables, text boxes, LibreOffice PDF,
OFD), imports each variant with ``load_document`` as the app does, and compares it with the batch read from
the original source. Per variant (summed over the five batches):

- cases: found / expected;
- titles, contributors, paragraphs: share of the expected ones found exactly (character level, whitespace
  ignored; a paragraph is a lead paragraph, a section heading or a block's text, compared as a multiset);
- for PDF and OFD, pages per second of reading the text layer (``read_document``), and for PDF the same-run
  baseline: raw PDFium (``get_text_range`` of every page) on the same files.

Prints a table; asserts nothing. ``--detail`` prints the first differences of every imperfect variant.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fidelity_corpus  # noqa: E402

from reader.domain.case import Batch, Case  # noqa: E402
from reader.ingest.errors import IngestError  # noqa: E402
from reader.ingest.patterns import squash  # noqa: E402
from reader.ingest.readers import load_document, read_document  # noqa: E402


def case_paragraphs(case: Case) -> Iterator[str]:
    yield from case.lead
    for section in case.walk():
        yield section.heading
        for block in section.blocks:
            yield from block.texts()


def compare(found: Batch | None, expected: Batch) -> dict[str, tuple[int, int]]:
    """Counts (exact, expected) for cases, titles, contributors and paragraphs."""
    exp_cases = expected.cases
    got_cases = found.cases if found is not None else ()
    titles = collections.Counter(squash(c.display_title) for c in got_cases)
    exp_titles = collections.Counter(squash(c.display_title) for c in exp_cases)
    contributors = collections.Counter((squash(c.title), tuple(map(squash, c.contributors))) for c in got_cases)
    exp_contrib = collections.Counter((squash(c.title), tuple(map(squash, c.contributors))) for c in exp_cases)
    paras = collections.Counter(squash(t) for c in got_cases for t in case_paragraphs(c))
    exp_paras = collections.Counter(squash(t) for c in exp_cases for t in case_paragraphs(c))
    return {
        "cases": (len(got_cases), len(exp_cases)),
        "titles": (sum((titles & exp_titles).values()), len(exp_cases)),
        "contributors": (sum((contributors & exp_contrib).values()), len(exp_cases)),
        "paragraphs": (sum((paras & exp_paras).values()), sum(exp_paras.values())),
        "extra": (sum((paras - exp_paras).values()), 0),
    }


def differences(found: Batch | None, expected: Batch, limit: int = 4) -> list[str]:
    if found is None:
        return ["(not imported)"]
    out: list[str] = []
    got = {squash(c.display_title) for c in found.cases}
    out += [f"  missing title: {c.display_title}" for c in expected.cases if squash(c.display_title) not in got][:limit]
    exp = {squash(c.display_title) for c in expected.cases}
    out += [f"  extra title:   {c.display_title}" for c in found.cases if squash(c.display_title) not in exp][:limit]
    exp_paras = collections.Counter(squash(t) for c in expected.cases for t in case_paragraphs(c))
    got_paras = collections.Counter(squash(t) for c in found.cases for t in case_paragraphs(c))
    out += [f"  missing para:  {t[:60]}" for t in (exp_paras - got_paras)][:limit]
    out += [f"  extra para:    {t[:60]}" for t in (got_paras - exp_paras)][:limit]
    by_title = {squash(c.title): c for c in expected.cases}
    for c in found.cases:
        e = by_title.get(squash(c.title))
        if e is not None and tuple(map(squash, c.contributors)) != tuple(map(squash, e.contributors)):
            out.append(f"  contributors:  {c.contributors} expected {e.contributors}")
            break
    return out


def raw_pdfium(path: Path) -> None:
    """PDFium's own text extraction of every page (the same-run baseline of the PDF reading speed)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path.read_bytes())
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def pdf_pages(path: Path) -> int:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return len(PdfReader(path).pages)
    import zipfile

    with zipfile.ZipFile(path) as z:
        return sum(1 for n in z.namelist() if n.endswith("Content.xml"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="write the corpus here (default: a temporary folder)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice PDFs")
    parser.add_argument("--only", default="", help="only variants whose name contains this")
    parser.add_argument("--detail", action="store_true", help="print the first differences of imperfect variants")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp)
        t0 = time.perf_counter()
        made = fidelity_corpus.variants(corpus, pdf=not args.no_pdf)
        print(f"corpus: {len(made)} files in {time.perf_counter() - t0:.1f} s ({corpus})")
        rows: dict[str, collections.Counter] = {}
        speed: dict[str, list[float]] = collections.defaultdict(list)
        baseline: dict[str, list[float]] = collections.defaultdict(list)  # raw PDFium on the same files
        notes: dict[str, list[str]] = collections.defaultdict(list)
        for name, batch_id, path, expected in made:
            if args.only not in name:
                continue
            found: Batch | None
            try:
                if path.suffix in (".pdf", ".ofd"):
                    t = time.perf_counter()
                    read_document(path)
                    speed[name].append(pdf_pages(path) / (time.perf_counter() - t))
                    if path.suffix == ".pdf":
                        t = time.perf_counter()
                        raw_pdfium(path)
                        baseline[name].append(pdf_pages(path) / (time.perf_counter() - t))
                found = load_document(path).result.batch
            except IngestError as exc:
                found = None
                notes[name].append(f"  {batch_id}: {exc}")
            counts = compare(found, expected)
            row = rows.setdefault(name, collections.Counter())
            for key, (a, b) in counts.items():
                row[key + "_got"] += a
                row[key + "_exp"] += b
            if args.detail and (
                counts["paragraphs"][0] < counts["paragraphs"][1]
                or counts["titles"][0] < counts["titles"][1]
                or counts["cases"][0] != counts["cases"][1]
                or counts["contributors"][0] < counts["contributors"][1]
            ):
                notes[name].append(f"  {batch_id}:")
                notes[name].extend("  " + d for d in differences(found, expected))
    header = (
        f"{'variant':42} {'cases':>9} {'titles':>7} {'contrib':>7} {'paras':>7} {'extra':>6} {'pages/s':>8} "
        f"{'PDFium/s':>8}"
    )
    print(header)
    print("-" * len(header))
    total = collections.Counter()
    for name, row in rows.items():
        total.update(row)
        pps = sorted(speed[name])[len(speed[name]) // 2] if speed.get(name) else None
        raw = sorted(baseline[name])[len(baseline[name]) // 2] if baseline.get(name) else None
        print(_row(name, row, pps) + (f" {raw:8.1f}" if raw is not None else ""))
    print("-" * len(header))
    print(_row("all variants", total, None))
    for name, lines in notes.items():
        if lines:
            print(f"\n{name}:")
            print("\n".join(lines[:40]))


def _pct(row: collections.Counter, key: str) -> str:
    exp = row[key + "_exp"]
    return f"{100 * row[key + '_got'] / exp:6.1f}%" if exp else "   -  "


def _row(name: str, row: collections.Counter, pps: float | None) -> str:
    cases = f"{row['cases_got']}/{row['cases_exp']}"
    speed = f"{pps:8.1f}" if pps is not None else " " * 8
    return (
        f"{name:42} {cases:>9} {_pct(row, 'titles'):>7} {_pct(row, 'contributors'):>7} {_pct(row, 'paragraphs'):>7} "
        f"{row['extra_got']:>6} {speed}"
    )


if __name__ == "__main__":
    main()
