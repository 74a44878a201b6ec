"""Document files → text for :func:`~reader.ingest.parse.parse_document`: ``.txt``/``.md`` in any common
encoding, Word ``.docx`` (python-docx) and ``.pdf`` with a text layer (pypdf).

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
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from reader.ingest.errors import IngestError
from reader.ingest.parse import ParseResult, parse_document

#: Files larger than this are refused before they are read (the five bundled sources are 0.4 MB together).
MAX_BYTES = 64 * 1024 * 1024
#: A Word file may not unpack to more than this many times :data:`MAX_BYTES` (a "zip bomb" is refused).
MAX_UNPACK_FACTOR = 4
#: Imported batch ids start with this; bundled batch ids never do.
from reader.domain.case import IMPORTED_PREFIX  # noqa: E402 - re-exported for importers

SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx", ".pdf": "pdf"}
#: The kinds of document :func:`read_document` returns.
KINDS = ("text", "markdown", "docx", "pdf")

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


def _docx_text(data: bytes, name: str, max_bytes: int) -> str:
    """Body paragraphs and table cells in document order, one paragraph a line (manual line breaks joined)."""
    from docx import Document
    from docx.table import Table

    damaged = DocumentError("import-damaged", f"{name}: the Word document is damaged or not a .docx file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACK_FACTOR * max_bytes:
                raise DocumentError("import-too-large", f"{name}: the Word document unpacks to too much data")
            if "word/document.xml" not in archive.namelist():
                raise damaged
        document = Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text.replace("\n", ""))
    except DocumentError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types for a damaged package
        raise damaged from exc
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                continue
            seen.add(id(cell._tc))
            lines.extend(p.text.replace("\n", "") for p in cell.paragraphs)
    return lines


# ---------------------------------------------------------------------------------------------
# PDF

_TAB_BEFORE_PAGE_RE = re.compile(r"[ \t]{2,}(?=\d{1,4}$)")
_GAP_RE = re.compile(r"[ \t]+")


def _pdf_text(data: bytes, name: str) -> str:
    """The text layer, page after page, as printed lines (pypdf's layout mode keeps one source line a line)."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    encrypted = DocumentError("import-encrypted", f"{name}: the PDF is encrypted; save an unprotected copy first")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns about every oddity of a file
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):  # many PDFs only restrict printing: the empty password opens them
                    raise encrypted
            except (DependencyError, NotImplementedError, FileNotDecryptedError):
                raise encrypted from None
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except DocumentError:
        raise
    except FileNotDecryptedError:
        raise encrypted from None
    except Exception as exc:  # pypdf raises many types for a damaged file
        raise DocumentError("import-damaged", f"{name}: the PDF is damaged or not a PDF file") from exc
    lines: list[str] = []
    for page in pages:
        for line in page.splitlines():
            line = _TAB_BEFORE_PAGE_RE.sub("\t", line.strip())  # a contents entry: title, gap, page number
            lines.append("\t".join(_GAP_RE.sub(" ", part) for part in line.split("\t")))
    text = "\n".join(lines)
    if not text.strip():
        raise DocumentError("import-no-text", f"{name}: the PDF has no text layer (a scan?); run OCR on it first")
    return text


# ---------------------------------------------------------------------------------------------
# any document


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> DocumentText:
    """The text of ``path`` and its kind (``text``, ``markdown``, ``docx`` or ``pdf``).

    The kind comes from the content where it is unambiguous (a PDF or Word file saved as ``.txt`` is read as
    what it is), else from the suffix. Raises :class:`DocumentError`, never reading more than ``max_bytes``.
    """
    path = Path(path)
    name = path.name
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        if path.suffix.lower() == ".doc":
            raise DocumentError("import-unsupported", f"{name}: old Word .doc files cannot be read; save as .docx")
        raise DocumentError(
            "import-unsupported", f"{name}: unsupported file type (choose a .txt, .md, .docx or .pdf file)"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(
                "import-too-large",
                f"{name}: the file is too large ({_mb(size)}; at most {_mb(max_bytes)} can be imported)",
                path=path,
            )
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise DocumentError("import-missing", f"{name}: file not found", path=path) from None
    except IsADirectoryError:
        raise DocumentError("import-missing", f"{name}: is a folder, not a file", path=path) from None
    except OSError as exc:
        raise DocumentError("import-unreadable", f"{name}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # the file grew while we looked
        raise DocumentError("import-too-large", f"{name}: the file is too large", path=path)
    if not data.strip():
        raise DocumentError("import-empty", f"{name}: the file is empty", path=path)
    if data.startswith(_PDF_MAGIC):
        kind = "pdf"
    elif data.startswith(_ZIP_MAGIC) and kind != "pdf":
        kind = "docx"
    elif data.startswith(_OLE_MAGIC):
        raise DocumentError(
            "import-encrypted", f"{name}: a password-protected or old-format Word file; save it as a plain .docx"
        )
    elif kind in ("pdf", "docx"):
        raise DocumentError("import-damaged", f"{name}: not a {kind.upper()} file (its content does not match)")
    if kind == "pdf":
        text = _pdf_text(data, name)
    elif kind == "docx":
        text = _docx_text(data, name, max_bytes)
    else:
        text = decode_text(data, name=name)
    if not text.strip():
        raise DocumentError("import-empty", f"{name}: the file contains no text", path=path)
    return DocumentText(text, kind)


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

    @property
    def batch_id(self) -> str:
        return self.result.batch.id


def load_document(path: Path, *, title: str | None = None, max_bytes: int = MAX_BYTES) -> LoadedDocument:
    """Read, hash and parse ``path``; raises :class:`IngestError` (a :class:`DocumentError` for file problems)."""
    path = Path(path)
    text, kind = read_document(path, max_bytes=max_bytes)
    digest = content_hash(text)
    result = parse_document(text, batch_id=imported_batch_id(digest), title=title, source=path.name)
    return LoadedDocument(path=path, kind=kind, content_hash=digest, result=result, characters=len(text))
