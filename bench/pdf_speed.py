"""PDF reading speed with a same-run baseline: PDFium's own extraction against the shipped reader.

    python bench/pdf_speed.py [PDF ...]

Without arguments, prints the five bundled sources as PDFs with LibreOffice (plain Word files, see
:mod:`fidelity_corpus`). Runs, interleaved seven times (the machine is shared and noisy): raw pypdfium2 (open,
text page, ``get_text_range`` of every page), ``reader.ingest.readers._pdf_text`` (the shipped text layer:
lines in position order, PDFium's generated spaces next to Chinese text left out) and ``load_document``
(read and parse). Prints pages per second, the median and the range; asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pypdfium2 as pdfium  # noqa: E402

from reader.ingest.readers import _pdf_text, load_document  # noqa: E402

RUNS = 7


def raw_pdfium(path: Path, data: bytes) -> None:
    document = pdfium.PdfDocument(data)
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def shipped(path: Path, data: bytes) -> None:
    _pdf_text(data, path.name)


def loaded(path: Path, data: bytes) -> None:
    load_document(path)


def main(paths: list[Path]) -> None:
    files = [(p, p.read_bytes()) for p in paths]
    pages = sum(len(pdfium.PdfDocument(data)) for _, data in files)
    readers = {"raw pypdfium2 get_text_range": raw_pdfium, "_pdf_text (shipped)": shipped, "load_document": loaded}
    speed: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(RUNS):
        for name, read in readers.items():
            t0 = time.perf_counter()
            for path, data in files:
                read(path, data)
            speed[name].append(pages / (time.perf_counter() - t0))
    print(f"{len(files)} PDFs, {pages} pages; pages/s, median of {RUNS} interleaved runs (range)")
    for name, values in speed.items():
        values.sort()
        print(f"  {name:32} {values[RUNS // 2]:7.1f}  ({values[0]:.0f}-{values[-1]:.0f})")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main([Path(a) for a in sys.argv[1:]])
    else:
        import fidelity_corpus

        with tempfile.TemporaryDirectory() as tmp:
            out: list[Path] = []
            for batch_id in fidelity_corpus.references():
                docx = Path(tmp) / f"{batch_id}.docx"
                fidelity_corpus.write_plain_docx(
                    fidelity_corpus.paragraphs(fidelity_corpus.source_text(batch_id)), docx
                )
                if not fidelity_corpus.libreoffice_pdf(docx, docx.with_suffix(".pdf")):
                    sys.exit("LibreOffice is not installed: give PDF files as arguments")
                out.append(docx.with_suffix(".pdf"))
            main(out)
