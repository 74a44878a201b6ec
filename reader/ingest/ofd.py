"""OFD (GB/T 33190) → printed lines, for the same pipeline as a PDF's text layer.

An OFD file is a zip: ``OFD.xml`` names the document (``DocRoot``), whose ``Document.xml`` lists the pages
(``Pages/Page/@BaseLoc``); each page's content holds ``TextObject`` elements (``Boundary="x y w h"``) with
``TextCode`` children (``X``/``Y`` relative to the boundary, ``DeltaX`` the advance after each character, with the
``g n d`` shorthand for n equal advances). Characters are placed, grouped into lines by baseline, and each line
read left to right; a gap wider than two characters becomes a tab (a contents entry's page number), a smaller
visible gap a space. Every part is read as a bounded stream (:func:`reader.ingest.docx.iterparse_member`).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from reader.ingest.docx import MAX_PART_BYTES, MAX_XML_BYTES, DocxError, iterparse_member

WHAT = "the OFD file"


@dataclass
class _Glyph:
    x: float
    y: float
    size: float
    text: str
    advance: float | None = None  # the DeltaX after it, when the file states it
    code: int = 0  # which TextCode it came from (no gap is ever inserted inside one)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _floats(value: str | None) -> list[float]:
    try:
        return [float(v) for v in (value or "").split()]
    except ValueError:
        return []


def _deltas(value: str | None, count: int) -> list[float]:
    """The ``DeltaX`` list expanded (``g 3 2.5`` = three advances of 2.5)."""
    parts = (value or "").split()
    out: list[float] = []
    i = 0
    try:
        while i < len(parts):
            if parts[i] == "g" and i + 2 < len(parts):
                out.extend([float(parts[i + 2])] * int(parts[i + 1]))
                i += 3
            else:
                out.append(float(parts[i]))
                i += 1
    except ValueError:
        return []
    return out[: max(count - 1, 0)]


def _first_text(archive: zipfile.ZipFile, member: str, name: str, wanted: str) -> list[str]:
    out: list[str] = []
    for event, el in iterparse_member(archive, member, name, MAX_PART_BYTES, WHAT):
        if event == "end" and _local(el.tag) == wanted:
            out.append((el.text or "").strip())
    return out


def _page_paths(archive: zipfile.ZipFile, name: str) -> list[str]:
    names = set(archive.namelist())
    if "OFD.xml" not in names:
        raise DocxError("import-damaged", f"{name}: not an OFD file (no OFD.xml)")
    roots = _first_text(archive, "OFD.xml", name, "DocRoot")
    if not roots or roots[0].lstrip("/") not in names:
        raise DocxError("import-damaged", f"{name}: the OFD file is damaged (no document)")
    doc = roots[0].lstrip("/")
    base = posixpath.dirname(doc)
    pages: list[str] = []
    for event, el in iterparse_member(archive, doc, name, MAX_PART_BYTES, WHAT):
        if event == "end" and _local(el.tag) == "Page" and el.get("BaseLoc"):
            loc = el.get("BaseLoc")
            path = loc.lstrip("/") if loc.startswith("/") else posixpath.normpath(posixpath.join(base, loc))
            if path not in names and posixpath.join(path, "Content.xml") in names:
                path = posixpath.join(path, "Content.xml")
            pages.append(path)
    return pages


def _page_glyphs(archive: zipfile.ZipFile, member: str, name: str) -> list[_Glyph]:
    glyphs: list[_Glyph] = []
    codes = 0
    for event, el in iterparse_member(archive, member, name, MAX_XML_BYTES, WHAT):
        if event != "end" or _local(el.tag) != "TextObject":
            continue
        box = _floats(el.get("Boundary"))
        size = _floats(el.get("Size"))
        ox, oy = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        char_size = size[0] if size else 3.5
        for code in el:
            if _local(code.tag) != "TextCode" or not code.text:
                continue
            text = code.text
            x = ox + (_floats(code.get("X")) or [0.0])[0]
            y = oy + (_floats(code.get("Y")) or [0.0])[0]
            deltas = _deltas(code.get("DeltaX"), len(text))
            codes += 1
            for k, ch in enumerate(text):
                advance = deltas[k] if k < len(deltas) else None
                glyphs.append(_Glyph(x, y, char_size, ch, advance, codes))
                x += advance if advance is not None else char_size
        el.clear()
    return glyphs


def _lines(glyphs: list[_Glyph]) -> list[str]:
    """Glyphs grouped by baseline (within half a character), each line left to right."""
    rows: list[list[_Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if rows and abs(rows[-1][0].y - glyph.y) <= rows[-1][0].size * 0.5:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    out: list[str] = []
    for row in rows:
        row.sort(key=lambda g: g.x)
        text = ""
        prev: _Glyph | None = None
        for g in row:
            if prev is not None and prev.code != g.code:
                width = prev.advance if prev.advance is not None else prev.size * (0.5 if prev.text.isascii() else 1.0)
                gap = g.x - (prev.x + width)
                if gap > 2 * g.size:
                    text += "\t"
                elif gap > 0.6 * g.size:
                    text += " "
            text += g.text
            prev = g
        out.append(text)
    return out


def ofd_text(data: bytes, name: str) -> str:
    """The text of every page, one printed line a line. Raises :class:`DocxError` (stable ``code``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocxError("import-damaged", f"{name}: the OFD file is damaged") from exc
    with archive:
        try:
            lines: list[str] = []
            for page in _page_paths(archive, name):
                if page in archive.namelist():
                    lines.extend(_lines(_page_glyphs(archive, page, name)))
        except DocxError:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as exc:
            raise DocxError("import-damaged", f"{name}: the OFD file is damaged") from exc
    text = "\n".join(lines)
    if not text.strip():
        raise DocxError(
            "import-no-text", f"{name}: the OFD file has no text, only images (a scan?); ask for the original file"
        )
    return text
