"""The importer on layouts it was not written against, generated from the bundled source documents.

Each variant re-lays out a real source (other wrap widths, titles set in a larger type, no blank lines, other
page marks and numbering, other encodings, a real Word file, a real PDF read back with pypdf) and must give
the same cases: the same titles in the same order, the same section headings, the same contributors
(whitespace ignored: a re-wrapped line may lose or gain a space next to a digit).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reader.domain.case import Batch
from reader.ingest import load_manifest, parse_document, parse_sources
from reader.ingest.lines import clean_lines, detect_layout, split_lines
from reader.ingest.patterns import display_width, ends_sentence, squash
from reader.ingest.readers import load_document, read_document
from reader.ingest.reflow import label_start, reflow_markdown, reflow_pdf
from reader.ingest.toc import extract_toc

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"
BATCHES = [e.id for e in load_manifest(SOURCES)]
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
_NO_LINE_START = "，。、；：！？）”’》%"


@pytest.fixture(scope="module")
def reference() -> dict[str, Batch]:
    return {r.batch.id: r.batch for r in parse_sources(SOURCES)}


def source_text(batch_id: str) -> str:
    entry = next(e for e in load_manifest(SOURCES) if e.id == batch_id)
    return (SOURCES / entry.source).read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    """The document as the importer reads its paragraphs, with the contents lines where they stood."""
    lines = clean_lines(split_lines(text), [])
    toc, rest = extract_toc(lines)
    if detect_layout(lines) == "markdown":
        paras = reflow_markdown(rest, [e.text for e in toc.entries])
    else:
        paras = reflow_pdf(rest)
    out = [p.text for p in paras]
    if toc.line_no is not None:
        kept = {line.no for line in rest}
        contents = [re.sub(r"^#+\s*|^[-*]\s+|\*\*", "", line.text).strip() for line in lines if line.no not in kept]
        at = next((i for i, p in enumerate(paras) if p.line_no > toc.line_no), len(paras))
        out = out[:at] + contents + out[at:]
    return out


def is_contents_line(text: str) -> bool:
    return bool(re.search(r"([.．…]{3,}|\t)\s*\d+$", text))


def is_display_heading(text: str) -> bool:
    """A title or category heading: set in a larger type than the body."""
    return not ends_sentence(text) and not label_start(text) and not text.startswith(("（", "("))


def rewrap(paras: list[str], width: int, *, page_every: int = 0, mark: str = "- {} -") -> str:
    """The paragraphs printed ``width`` characters a line, as a PDF dump shows them.

    Body paragraphs have a two-character first-line indent; titles are set in a type a third larger (so fewer
    characters a line); a closing mark that would start a line takes the character before it along (no line
    starts with one); a page mark every ``page_every`` lines.
    """
    out: list[str] = []
    for para in paras:
        if is_contents_line(para):
            out.append(para)
            continue
        heading = not ends_sentence(para)
        measure = int(width * 0.75) if is_display_heading(para) else width
        if heading and display_width(para) <= 2 * measure:
            out.append(para)
            continue
        line, limit = "", 2 * measure - (0 if heading else 4)
        for ch in para:
            if display_width(line + ch) > limit:
                carry = line[-1] if ch in _NO_LINE_START else ""  # no line starts with a closing mark
                out.append(line[: len(line) - len(carry)])
                line, limit = carry, 2 * measure
            line += ch
        out.append(line)
    if page_every:
        paged: list[str] = []
        for n, line in enumerate(out, start=1):
            paged.append(line)
            if n % page_every == 0:
                paged.append(mark.format(n // page_every))
        out = paged
    return "\n".join(out)


def shape(batch: Batch) -> list[tuple]:
    """What must survive any layout: per case its number, title, contributors and section headings."""
    return [
        (
            c.number,
            squash(c.title),
            tuple(squash(x) for x in c.contributors),
            tuple(squash(s.heading) for s in c.sections),
        )
        for c in batch.cases
    ]


def assert_same_cases(batch: Batch, expected: Batch) -> None:
    assert [squash(c.title) for c in batch.cases] == [squash(c.title) for c in expected.cases]
    assert shape(batch) == shape(expected)
    assert [c.category for c in batch.cases] == [c.category for c in expected.cases]


# ---------------------------------------------------------------------------------------------
# re-laid-out text


@pytest.mark.parametrize("width", [18, 24, 30, 38, 46])
@pytest.mark.parametrize("batch_id", BATCHES)
def test_other_wrap_widths(reference, batch_id, width):
    text = rewrap(paragraphs(source_text(batch_id)), width, page_every=31)
    result = parse_document(text, batch_id=batch_id)
    assert result.layout == "pdf-text"
    assert_same_cases(result.batch, reference[batch_id])


def test_rewrapping_really_changes_the_lines():
    """The variants above re-lay out the text (so they can fail): other line breaks, page marks inside."""
    original = source_text("sop-a")
    text = rewrap(paragraphs(original), 24, page_every=31)
    assert "- 3 -" in text
    assert set(text.splitlines()[:200]) != set(original.splitlines()[:200])
    assert max(display_width(line) for line in text.splitlines() if not is_contents_line(line)) <= 48


@pytest.mark.parametrize("batch_id", BATCHES)
@pytest.mark.parametrize("mark", ["{}", "第 {} 页", "- {} -", "— {} —"])
def test_page_marks_without_blank_lines(reference, batch_id, mark):
    text = rewrap(paragraphs(source_text(batch_id)), 28, page_every=23, mark=mark)
    assert "\n\n" not in text
    assert_same_cases(parse_document(text, batch_id=batch_id).batch, reference[batch_id])


@pytest.mark.parametrize("batch_id", BATCHES)
def test_one_paragraph_a_line(reference, batch_id):
    """Text saved from Word: every paragraph on one line, no markers."""
    text = "\n".join(paragraphs(source_text(batch_id)))
    result = parse_document(text, batch_id=batch_id)
    assert result.layout == "paragraphs"
    assert_same_cases(result.batch, reference[batch_id])


@pytest.mark.parametrize("separator", ["．", "、", "."])
@pytest.mark.parametrize("batch_id", ["stid-a", "stid-b"])
def test_full_and_half_width_numbering_in_a_rewrapped_dump(reference, batch_id, separator):
    text = rewrap(paragraphs(source_text(batch_id)), 30, page_every=29)
    text = re.sub(r"(?m)^(\d{1,2})[.．、](?=\D)", rf"\g<1>{separator}", text)
    assert_same_cases(parse_document(text, batch_id=batch_id).batch, reference[batch_id])


@pytest.mark.parametrize(
    "line_end",
    [pytest.param("\r\n", id="crlf"), pytest.param("\r", id="cr"), pytest.param("\n", id="lf")],
)
def test_line_ends_and_bom_in_a_rewrapped_dump(reference, line_end):
    text = "\ufeff" + rewrap(paragraphs(source_text("sop-a")), 26, page_every=30).replace("\n", line_end)
    assert_same_cases(parse_document(text, batch_id="sop-a").batch, reference["sop-a"])


# ---------------------------------------------------------------------------------------------
# files: encodings, Word, PDF


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: t.encode("utf-8-sig"),
    "utf-16-bom": lambda t: t.encode("utf-16"),
    "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk-crlf": lambda t: t.replace("\n", "\r\n").encode("gbk", errors="strict"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("batch_id", BATCHES)
def test_encodings(tmp_path, reference, batch_id, encoding):
    text = source_text(batch_id)
    if encoding == "gbk-crlf":
        text = text.replace("\ufeff", "")
        try:
            text.encode("gbk")
        except UnicodeEncodeError:
            pytest.skip("this source has characters outside GBK")  # GB18030 covers it
    path = tmp_path / "batch.txt"
    path.write_bytes(ENCODINGS[encoding](text))
    read, kind = read_document(path)
    assert kind == "text"
    assert read.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff") == text.lstrip("\ufeff")
    doc = load_document(path)
    assert_same_cases(doc.result.batch, reference[batch_id])


def test_gbk_really_differs_from_utf8():
    text = source_text("stid-a")
    assert text.encode("gb18030") != text.encode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        text.encode("gb18030").decode("utf-8")


def write_docx(paras: list[str], path: Path, *, title_style: bool = False) -> None:
    import docx

    document = docx.Document()
    for para in paras:
        if title_style and is_display_heading(para):
            document.add_heading(para, level=1)
        else:
            document.add_paragraph(para)
    document.save(str(path))


@pytest.mark.parametrize("title_style", [False, True], ids=["plain", "headings"])
@pytest.mark.parametrize("batch_id", BATCHES)
def test_word_documents(tmp_path, reference, batch_id, title_style):
    path = tmp_path / "batch.docx"
    write_docx(paragraphs(source_text(batch_id)), path, title_style=title_style)
    doc = load_document(path)
    assert doc.kind == "docx"
    assert_same_cases(doc.result.batch, reference[batch_id])


def render_pdf(paras: list[str], path: Path, *, point_size: float = 12) -> None:
    """Lay the paragraphs out with Qt (titles larger, body paragraphs indented) and print them to a PDF.

    ``QTextDocument.print_`` paginates and prints the page number at the bottom of every page.
    """
    from PySide6.QtGui import (
        QFont,
        QFontDatabase,
        QPageSize,
        QPdfWriter,
        QTextBlockFormat,
        QTextCharFormat,
        QTextCursor,
        QTextDocument,
    )

    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    document = QTextDocument()
    document.setDefaultFont(QFont(family, point_size))
    cursor = QTextCursor(document)
    for n, para in enumerate(paras):
        block, chars = QTextBlockFormat(), QTextCharFormat()
        chars.setFont(QFont(family, point_size * 1.4 if is_display_heading(para) else point_size))
        if ends_sentence(para) and not label_start(para):
            block.setTextIndent(2 * point_size * 96 / 72)
        if n == 0:
            cursor.setBlockFormat(block)
            cursor.setBlockCharFormat(chars)
        else:
            cursor.insertBlock(block, chars)
        cursor.insertText(para, chars)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(96)
    document.print_(writer)


@pytest.mark.skipif(
    not CJK_FONT.is_file() and not os.environ.get("CI"),
    reason="the CJK font is not installed (.ci/run installs it; CI never skips this)",
)
@pytest.mark.parametrize("batch_id", BATCHES)
def test_pdf_files(qapp, tmp_path, reference, batch_id):
    path = tmp_path / "batch.pdf"
    render_pdf(paragraphs(source_text(batch_id)), path)
    text, kind = read_document(path)
    assert kind == "pdf"
    assert re.search(r"(?m)^\s*2\s*$", text), "page numbers are printed on their own lines"
    doc = load_document(path)
    assert_same_cases(doc.result.batch, reference[batch_id])
