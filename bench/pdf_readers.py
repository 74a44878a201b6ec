"""Which PDF text reader to ship: pypdf (BSD-3), pypdfium2 (Apache-2.0/BSD-3, PDFium), pdfminer.six (MIT).

    python bench/pdf_readers.py [--corpus DIR]

On the PDFs LibreOffice prints from the five bundled sources (plain and with Word numbering; see
:mod:`fidelity_corpus`) and on PDFs laid out by Qt: pages per second, and the share of the document's
paragraphs found intact in the extracted text (whitespace ignored; a quote or bracket moved or lost breaks
its paragraph), plus the count of Chinese quotes/brackets extracted vs printed. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fidelity_corpus  # noqa: E402

MARKS = "“”‘’（）《》【】"


def pypdf_layout(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text(extraction_mode="layout") for p in PdfReader(io.BytesIO(data)).pages]


def pypdf_plain(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def pdfium(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def pdfminer(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")


def shipped(data: bytes) -> list[str]:
    from reader.ingest.readers import _pdf_text

    return [_pdf_text(data, "x")]


READERS: dict[str, Callable[[bytes], list[str]]] = {
    "pypdf layout": pypdf_layout,
    "pypdf plain": pypdf_plain,
    "pypdfium2": pdfium,
    "pdfminer.six": pdfminer,
    "shipped (_pdf_text)": shipped,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.corpus or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        files: list[tuple[Path, list[str]]] = []
        for batch_id in fidelity_corpus.references():
            paras = fidelity_corpus.paragraphs(fidelity_corpus.source_text(batch_id))
            for suffix in ("lo", "lo-num"):
                pdf = out / f"{batch_id}-{suffix}.pdf"
                if not pdf.exists():
                    docx = out / f"{batch_id}-plain.docx"
                    fidelity_corpus.write_plain_docx(paras, docx)
                    if not fidelity_corpus.libreoffice_pdf(docx, pdf):
                        sys.exit("LibreOffice is not installed")
                if suffix == "lo":
                    files.append((pdf, paras))
        from pypdf import PdfReader

        pages = sum(len(PdfReader(p).pages) for p, _ in files)
        print(f"{len(files)} PDFs by LibreOffice, {pages} pages")
        print(f"{'reader':22} {'pages/s':>8} {'paras intact':>13} {'quotes/brackets':>16}")
        for name, read in READERS.items():
            intact = total = marks_found = marks_exp = 0
            t0 = time.perf_counter()
            texts = [(read(p.read_bytes()), paras) for p, paras in files]
            seconds = time.perf_counter() - t0
            for pages_text, paras in texts:
                flat = "".join("".join(pages_text).split())
                for para in paras:
                    key = "".join(para.split())
                    total += 1
                    intact += key in flat
                marks_found += sum(flat.count(m) for m in MARKS)
                marks_exp += sum("".join(paras).count(m) for m in MARKS)
            print(f"{name:22} {pages / seconds:8.1f} {100 * intact / total:12.1f}% {marks_found:>7}/{marks_exp:<8}")


if __name__ == "__main__":
    main()
