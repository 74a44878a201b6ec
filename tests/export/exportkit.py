"""Helpers of the export tests: known annotations to make, and PDF inspection (``pdftotext``, ``pdffonts``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.domain.annotation import Annotation, new_bookmark, new_case_note, new_highlight
from reader.domain.text import Field, case_segments, plain_text

#: A note with Markdown emphasis and a list: must come out formatted, never as raw ``**``.
NOTE_MD = "**关键做法**：先行先试，*逐步推广*。\n\n- 列表第一项要点\n- 列表第二项要点"
#: A note with raw HTML and a remote image: must come out as text, load nothing.
NOTE_EVIL = (
    "<script>alert('x')</script> 注意<img src=http://example.com/evil.png>事项 ![远程图片](http://example.com/r.png)"
)
CASE_NOTE = "案例整体笔记：适合研讨会开场讨论"
BOOKMARK_NOTE = "书签备注回头再看"

CASES = ("stid-a-01", "stid-a-02", "sop-c-fc95b256")


@dataclass
class Annotated:
    """The annotations made on one case, by role."""

    case_id: str
    md: Annotation  # highlight with NOTE_MD and tags
    plain: Annotation  # highlight without note
    evil: Annotation  # highlight with NOTE_EVIL
    case_note: Annotation
    bookmark: Annotation

    @property
    def quoted(self) -> list[Annotation]:
        return [self.md, self.plain, self.evil, self.bookmark]

    @property
    def all(self) -> list[Annotation]:
        return [self.md, self.plain, self.evil, self.case_note, self.bookmark]


def body_offsets(case, min_len: int = 80) -> list[int]:
    """Plain-text offsets of body paragraphs at least ``min_len`` long."""
    out, offset = [], 0
    for seg in case_segments(case):
        if seg.field is Field.BODY and len(seg.text) >= min_len:
            out.append(offset)
        offset += len(seg.text) + 1
    return out


def annotate_case(db, case) -> Annotated:
    text = plain_text(case)
    paras = body_offsets(case)
    a, b, c = paras[0], paras[len(paras) // 2], paras[-1]
    made = Annotated(
        case.id,
        md=new_highlight(case, a + 3, a + 21, color=0, note=NOTE_MD, tags=["先行先试", "可复制"], text=text),
        plain=new_highlight(case, b + 8, b + 34, color=2, text=text),
        evil=new_highlight(case, c + 2, c + 16, color=3, note=NOTE_EVIL, tags=["安全"], text=text),
        case_note=new_case_note(case.id, CASE_NOTE, tags=["研讨"]),
        bookmark=new_bookmark(case, a + 40, a + 52, text=text, note=BOOKMARK_NOTE),
    )
    for ann in made.all:
        db.add(ann)
    return made


# ---------------------------------------------------------------------------------------------
# PDF inspection

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")) and not os.environ.get("CI"),
    reason="poppler-utils not installed (.ci/run installs it; CI never skips these)",
)


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdftotext_body(path: Path, *, width: int = 595, height: int = 842) -> str:
    """The text of the pages' text areas only: the running header (15 mm from the top) and the page number
    (10 mm from the bottom) are cropped away, so paragraphs broken across pages read continuously."""
    top, bottom = 60, 50  # points: below the header rule, above the page number
    return pdftotext(path, "-x", "0", "-y", str(top), "-W", str(width), "-H", str(height - top - bottom))


def squeeze(text: str) -> str:
    """``text`` without any whitespace (PDF extraction breaks lines and may add or drop spaces)."""
    return re.sub(r"\s+", "", text)


def pdffonts(path: Path) -> list[dict[str, str]]:
    """Rows of ``pdffonts``: name, type, emb, sub, uni."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        m = re.match(
            r"(\S+)\s+(.+?)\s+(Identity-H|WinAnsi|Custom|Builtin|Standard|\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)", line
        )
        if m:
            rows.append({"name": m[1], "type": m[2], "encoding": m[3], "emb": m[4], "sub": m[5], "uni": m[6]})
    return rows


def _to_unicode(font) -> dict[int, str]:
    """Glyph code → text of a Type0 font's ``ToUnicode`` CMap (``bfrange`` and ``bfchar``, as Qt writes them)."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for a, b, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo, hi = int(a, 16), int(b, 16)
            if rest.startswith("["):
                for k, u in enumerate(re.findall(r"<([0-9A-Fa-f]+)>", rest)):
                    out[lo + k] = bytes.fromhex(u).decode("utf-16-be")
            else:
                for k in range(hi - lo + 1):
                    out[lo + k] = chr(int(rest[1:-1], 16) + k)
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for a, u in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(a, 16)] = bytes.fromhex(u).decode("utf-16-be")
    return out


def pdf_bold_text(path: Path, page_no: int) -> str:
    """The text a page of a Qt PDF draws in bold.

    The bundled font has no bold face, so Qt emboldens it by drawing the glyphs a second time, slightly
    offset, inside a ``/Span << /ActualText <> >>`` marked-content sequence (so that the copy extracts to
    nothing): the glyphs drawn there, decoded through the font's ``ToUnicode`` map, are the bold text.
    """
    import pypdf
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(str(path))
    page = reader.pages[page_no]
    fonts = {name: _to_unicode(ref.get_object()) for name, ref in page["/Resources"]["/Font"].items()}
    out: list[str] = []
    font: dict[int, str] | None = None
    copies = 0
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"Tf":
            font = fonts.get(operands[0])
        elif op == b"BDC":
            props = operands[1] if len(operands) > 1 else None
            copies += 1 if hasattr(props, "get") and props.get("/ActualText") == "" else 0
        elif op == b"EMC":
            copies = max(0, copies - 1)
        elif op == b"Tj" and copies and font is not None:
            raw = getattr(operands[0], "original_bytes", None) or bytes(operands[0])
            out.append("".join(font.get(int.from_bytes(raw[i : i + 2], "big"), "?") for i in range(0, len(raw), 2)))
    return "".join(out)
