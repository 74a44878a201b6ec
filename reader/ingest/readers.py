"""Document files → text for :func:`~reader.ingest.parse.parse_document`: ``.txt``/``.md`` in any common
encoding, Word ``.docx`` (:mod:`.docx`, a bounded stream), ``.pdf`` with a text layer (PDFium) and OFD (:mod:`.ofd`).

``read_document(path)`` refuses a file above :data:`MAX_BYTES` before reading it, and raises a
:class:`DocumentError` (an :class:`~reader.ingest.errors.IngestError` with a stable ``code``) for anything it
cannot turn into text: an empty or binary file, an unknown encoding, an encrypted or damaged PDF or Word file.
``load_document(path)`` also hashes the text and parses it under the imported batch id that hash gives, so
the same document always yields the same batch and case ids.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from reader.ingest.errors import IngestError
from reader.ingest.parse import ParseResult, parse_document
from reader.ingest.patterns import ends_sentence

#: Files larger than this are refused before they are read (the five bundled sources are 0.4 MB together).
MAX_BYTES = 64 * 1024 * 1024
#: A part of a Word file may not unpack to more than this many times the size limit (nor 32 MB).
MAX_UNPACK_FACTOR = 4
#: Imported batch ids start with this; bundled batch ids never do.
from reader.domain.case import IMPORTED_PREFIX  # noqa: E402 - re-exported for importers

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".pdf": "pdf",
    ".ofd": "ofd",
}
#: The kinds of document :func:`read_document` returns.
KINDS = ("text", "markdown", "docx", "pdf", "ofd")
#: Old binary office formats: what they are (the user is told to save them as .docx).
OLD_BINARY = {
    ".doc": "an old binary Word document (.doc) cannot be read; open it in Word or WPS",
    ".wps": "an old WPS document (.wps) cannot be read; open it in WPS",
}

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, or any password-protected Office file
#: Control characters a text file may contain (tab, line ends, form feed, the old DOS end-of-file mark).
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a")
#: More control characters than this share of the text: a binary file, whatever it decoded as.
_MAX_CONTROL_SHARE = 0.002


class DocumentError(IngestError):
    """A file that cannot be read as a document; ``code`` is stable (the UI translates by code)."""

    def __init__(self, code: str, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.path = path


class DocumentText(NamedTuple):
    text: str
    kind: str  # one of KINDS


# ---------------------------------------------------------------------------------------------
# text files


def decode_text(data: bytes, *, name: str = "the file") -> str:
    """``data`` as text: UTF-8 (with or without BOM), UTF-16/32 (BOM, or UTF-16 recognised by its zero bytes),
    else GB18030 (which covers GBK and GB2312). Raises :class:`DocumentError` for binary data."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding), name)
            except UnicodeDecodeError:
                raise DocumentError("import-encoding", f"{name}: not valid {encoding.upper()} text") from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DocumentError("import-binary", f"{name}: not a text file (it contains binary data)")
        try:
            return _checked(data.decode(utf16), name)
        except UnicodeDecodeError:
            raise DocumentError("import-binary", f"{name}: not a text file (it contains binary data)") from None
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), name)
        except UnicodeDecodeError:
            continue
    raise DocumentError("import-encoding", f"{name}: unknown text encoding (expected UTF-8, UTF-16 or GB18030/GBK)")


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when the zero bytes (of line ends, digits, Latin letters) sit mostly at
    odd or mostly at even offsets, else None (binary data has them anywhere)."""
    sample = data[: 1 << 20]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > 3 * even:
        return "utf-16-le"
    if even > 3 * odd:
        return "utf-16-be"
    return None


def _checked(text: str, name: str) -> str:
    controls = sum(1 for ch in text if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc")
    if controls > _MAX_CONTROL_SHARE * max(len(text), 1) or "\x00" in text:
        raise DocumentError("import-binary", f"{name}: not a text file (it contains binary data)")
    return text


# ---------------------------------------------------------------------------------------------
# Word


def _docx_text(data: bytes, name: str, max_bytes: int) -> tuple[str, frozenset[str], dict[str, str]]:
    """Body paragraphs, table cells, text boxes and notes in document order, one paragraph a line, with the
    labels Word's numbering prints (read as a bounded stream: :mod:`reader.ingest.docx`); the paragraphs
    set in a heading style (``Heading 2``, ``标题 2``, an outline level) that end no sentence; and the bold
    sentence each paragraph that opens with one opens with (paragraph → lead)."""
    from reader.ingest.docx import MAX_XML_BYTES, DocxError, docx_paragraphs

    try:
        paragraphs = docx_paragraphs(data, name, limit=min(MAX_XML_BYTES, MAX_UNPACK_FACTOR * max_bytes))
    except DocxError as exc:
        raise DocumentError(exc.code, str(exc)) from exc
    headings = frozenset(p.text for p in paragraphs if p.heading is not None and not ends_sentence(p.text))
    return "\n".join(p.text for p in paragraphs), headings, {p.text: p.lead for p in paragraphs if p.lead}


# ---------------------------------------------------------------------------------------------
# PDF

_TAB_BEFORE_PAGE_RE = re.compile(r"[ \t]{2,}(?=\d{1,4}$)")
_GAP_RE = re.compile(r"[ \t]+")


def _pdf_text(data: bytes, name: str) -> str:
    """The text layer, page after page, as printed lines, read with PDFium (``pypdfium2``).

    ``bench/pdf_readers.py`` chose it: on PDFs printed by LibreOffice it keeps every paragraph intact, as pypdf
    does, and reads 20-30 times as many pages a second.
    """
    import pypdfium2 as pdfium

    encrypted = DocumentError("import-encrypted", f"{name}: the PDF is encrypted; save an unprotected copy first")
    pages: list[str] = []
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise encrypted from None
        raise DocumentError("import-damaged", f"{name}: the PDF is damaged or not a PDF file") from exc
    try:
        for page in document:
            textpage = page.get_textpage()
            try:
                pages.append(_page_in_position_order(textpage))
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise DocumentError("import-damaged", f"{name}: the PDF is damaged or not a PDF file") from exc
    finally:
        document.close()
    lines: list[str] = []
    for page in pages:
        for line in page.replace("\x02", "").replace("\ufffe", "").splitlines():
            line = _TAB_BEFORE_PAGE_RE.sub("\t", line.strip())  # a contents entry: title, gap, page number
            lines.append("\t".join(_GAP_RE.sub(" ", part) for part in line.split("\t")))
    text = "\n".join(lines)
    if not text.strip():
        raise DocumentError(
            "import-no-text",
            f"{name}: the PDF has no text layer, only images (a scan?); run OCR on it or ask for the original file",
        )
    return text


def _page_in_position_order(textpage) -> str:  # type: ignore[no-untyped-def]
    """The page's text as PDFium lays it out, every line read left to right by the characters' positions.

    PDFium keeps the order of the content stream inside a line; a producer that draws some glyphs later (a
    character from a fallback font, quotes in another font) leaves them displaced (``设 和工资 臵 总额``, ``“ ”`` at
    the end of a title). Such a line is re-read in position order, without PDFium's generated spaces.

    Only lines that need it are read character by character (asking every character's position through
    ctypes cost as much as PDFium's own extraction): a displaced glyph leaves a gap where it belongs, which
    PDFium fills with a generated space between two Chinese characters, where Chinese text never has one.
    The spaces PDFium generates where a run in another font starts (``截至 2020 年``) stay: the re-flow counts
    them as the narrow gap the printed line has there (whitespace never matters to search or comparison).
    """
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return ""
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # never seen; keep PDFium's reading then
        return textpage.get_text_bounded()
    generated = pdfium_c.FPDFText_IsGenerated
    lines: list[str] = []
    start = 0
    while start <= count:
        end = text.find("\n", start)
        end = count if end < 0 else end
        line = text[start:end].rstrip("\r")
        if " " in line:
            line = _displaced_or_as_is(raw, start, line, generated)
        lines.append(line)
        start = end + 1
    return "\n".join(lines)


def _displaced_or_as_is(raw, start: int, line: str, generated) -> str:  # type: ignore[no-untyped-def]
    """``line`` (at index ``start`` of the page's text) as it is, or in position order when PDFium generated a
    space between two Chinese characters in it (the gap a displaced glyph left)."""
    parts = line.split(" ")
    at = start + len(parts[0])  # the space's index in the page's text
    for before, after in itertools.pairwise(parts):
        if _wide(before[-1:]) and _wide(after[:1]) and generated(raw, at):
            return _in_position_order(raw, start, line)
        at += 1 + len(after)
    return line


def _wide(ch: str) -> bool:
    """A full-width character (Chinese, full-width punctuation) or a Chinese quote."""
    return ch > "\u2000" and (ch in "“”‘’" or unicodedata.east_asian_width(ch) in "WF")


def _in_position_order(raw, start: int, line: str) -> str:  # type: ignore[no-untyped-def]
    """The characters of the line at ``start`` sorted by their x position, PDFium's generated ones left out."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_double(), ctypes.c_double()
    bx, by = ctypes.byref(x), ctypes.byref(y)
    origin, generated = pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_IsGenerated
    chars: list[tuple[float, str]] = []
    for k, ch in enumerate(line):
        if not generated(raw, start + k):
            origin(raw, start + k, bx, by)
            chars.append((x.value, ch))
    return "".join(ch for _, ch in sorted(chars, key=lambda c: c[0]))


def _ofd_text(data: bytes, name: str) -> str:
    from reader.ingest.docx import DocxError
    from reader.ingest.ofd import ofd_text

    try:
        return ofd_text(data, name)
    except DocxError as exc:
        raise DocumentError(exc.code, str(exc)) from exc


# ---------------------------------------------------------------------------------------------
# any document


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> DocumentText:
    """The text of ``path`` and its kind (see :func:`_read_document`)."""
    text, kind, _headings, _leads = _read_document(path, max_bytes)
    return DocumentText(text, kind)


def _read_document(path: Path, max_bytes: int) -> tuple[str, str, frozenset[str], dict[str, str]]:
    """The text of ``path``, its kind (``text``, ``markdown``, ``docx`` or ``pdf``), and for Word its paragraphs
    in a heading style and its bold leads (see :func:`_docx_text`).

    The kind comes from the content where it is unambiguous (a PDF or Word file saved as ``.txt`` is read as
    what it is), else from the suffix. Raises :class:`DocumentError`, never reading more than ``max_bytes``.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is None:
        if suffix in OLD_BINARY:
            raise DocumentError("import-old-format", f"{name}: {OLD_BINARY[suffix]}; save it as .docx", path=path)
        raise DocumentError(
            "import-unsupported", f"{name}: unsupported file type (choose a .txt, .md, .docx, .pdf or .ofd file)"
        )
    data = _read_regular_file(path, max_bytes)
    headings: frozenset[str] = frozenset()
    leads: dict[str, str] = {}
    if len(data) > max_bytes:  # the file grew while we looked
        raise DocumentError("import-too-large", f"{name}: the file is too large", path=path)
    if not data.strip():
        raise DocumentError("import-empty", f"{name}: the file is empty", path=path)
    if data.startswith(_PDF_MAGIC):
        kind = "pdf"
    elif data.startswith(_ZIP_MAGIC):
        kind = "ofd" if _is_ofd_package(data) else "docx"
    elif data.startswith(_OLE_MAGIC):
        raise DocumentError(
            "import-encrypted",
            f"{name}: a password-protected file or an old Word/WPS (.doc/.wps) file; save it as an unprotected .docx",
        )
    elif kind in ("pdf", "docx", "ofd"):
        raise DocumentError("import-damaged", f"{name}: not a {kind.upper()} file (its content does not match)")
    if kind == "pdf":
        text = _pdf_text(data, name)
    elif kind == "docx":
        text, headings, leads = _docx_text(data, name, max_bytes)
    elif kind == "ofd":
        text = _ofd_text(data, name)
    else:
        text = decode_text(data, name=name)
    if not text.strip():
        raise DocumentError("import-empty", f"{name}: the file contains no text", path=path)
    return text, kind, headings, leads


def _is_ofd_package(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "OFD.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def _read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``max_bytes``; a folder, FIFO, socket or device is
    refused before anything is read (it is opened without blocking, then checked)."""
    name = path.name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DocumentError("import-missing", f"{name}: file not found", path=path) from None
    except IsADirectoryError:
        raise DocumentError("import-missing", f"{name}: is a folder, not a file", path=path) from None
    except OSError as exc:
        raise DocumentError("import-unreadable", f"{name}: cannot read the file ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError("import-missing", f"{name}: is a folder, not a file", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(
                "import-not-file", f"{name}: not a regular file (a pipe, socket or device cannot be imported)"
            )
        if info.st_size > max_bytes:
            raise DocumentError(
                "import-too-large",
                f"{name}: the file is too large ({_mb(info.st_size)}; at most {_mb(max_bytes)} can be imported)",
                path=path,
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as f:
            fd = -1
            return f.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError("import-unreadable", f"{name}: cannot read the file ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def content_hash(text: str) -> str:
    """sha256 of ``text`` without any whitespace or BOM: the same document re-encoded or re-wrapped hashes alike."""
    return hashlib.sha256("".join(text.replace("\ufeff", "").split()).encode("utf-8")).hexdigest()


def imported_batch_id(digest: str) -> str:
    """The batch id of an imported document with this content hash (``imp-`` and 8 hex digits)."""
    return IMPORTED_PREFIX + digest[:8]


@dataclass
class LoadedDocument:
    """A document read and parsed for import: everything the preview shows and the library stores."""

    path: Path
    kind: str
    content_hash: str
    result: ParseResult
    characters: int  # length of the text read
    text: str = field(default="", repr=False)
    headings: frozenset[str] = frozenset()  # paragraphs a Word file sets in a heading style
    leads: Mapping[str, str] = field(default_factory=dict)  # a Word paragraph → the bold sentence it opens with

    @property
    def batch_id(self) -> str:
        return self.result.batch.id

    def reparsed(
        self, *, titles: Collection[int] = (), not_titles: Collection[int] = (), whole: bool = False
    ) -> ParseResult:
        """The document parsed again with a user's corrections (see :func:`parse_document`); same batch id."""
        return parse_document(
            self.text,
            batch_id=self.result.batch.id,
            source=self.path.name,
            titles=titles,
            not_titles=not_titles,
            whole=whole,
            headings=self.headings,
            leads=self.leads,
        )


def load_document(
    path: Path, *, title: str | None = None, max_bytes: int = MAX_BYTES, whole: bool = False
) -> LoadedDocument:
    """Read, hash and parse ``path``; raises :class:`IngestError` (a :class:`DocumentError` for file problems,
    :class:`~reader.ingest.parse.NoCasesError` when no case is recognised and ``whole`` is false)."""
    path = Path(path)
    text, kind, headings, leads = _read_document(path, max_bytes)
    digest = content_hash(text)
    result = parse_document(
        text,
        batch_id=imported_batch_id(digest),
        title=title,
        source=path.name,
        whole=whole,
        headings=headings,
        leads=leads,
    )
    return LoadedDocument(
        path=path,
        kind=kind,
        content_hash=digest,
        result=result,
        characters=len(text),
        text=text,
        headings=headings,
        leads=leads,
    )
