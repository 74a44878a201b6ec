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
