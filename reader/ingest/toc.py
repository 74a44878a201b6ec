"""The table of contents: found, parsed and removed before the body is read.

A contents list repeats every case title (with dot leaders or a tab and a page number), so it must not be
mistaken for cases. What it is still good for: the full titles (to re-join headings the OCR split) and the
category headings of documents that name their categories only there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.ingest.lines import Line
from reader.ingest.patterns import NUMBERED_RE, TOC_ENTRY_RE, TOC_HEAD_RE, ends_sentence, squash

_MD_PREFIX_RE = re.compile(r"^(?:#{1,6}\s*)?(?:[-*+]\s+)?")
#: At most this many non-entry lines (category headings) may sit between two entries.
_MAX_GAP = 3


@dataclass(frozen=True)
class TocEntry:
    """One line of the contents: a case title (with its page) or a category heading (no page, or unmatched)."""

    text: str  # as printed, without number prefix, leaders and page
    number: int | None = None  # the printed case number, when the entry has one
    page: int | None = None


def _plain(text: str) -> str:
    return _MD_PREFIX_RE.sub("", text).replace("**", "").strip()


def _entry(text: str) -> TocEntry | None:
    m = TOC_ENTRY_RE.match(_plain(text))
    if not m:
        return None
    title, page = m.group(1).strip(), int(m.group(2))
    number = None
    n = NUMBERED_RE.match(title)
    if n:
        number, title = int(n.group(1)), n.group(3).strip()
    return TocEntry(title, number, page) if title else None


@dataclass(frozen=True)
class Toc:
    """The contents of a document: its entries in order and the source line where it stood."""

    entries: tuple[TocEntry, ...] = ()
    line_no: int | None = None  # None when the document has no contents

    def titles(self) -> set[str]:
        """The entry texts without any whitespace (categories included)."""
        return {squash(e.text) for e in self.entries}


def extract_toc(lines: Sequence[Line]) -> tuple[Toc, list[Line]]:
    """The contents of the document and its lines without the contents.

    The contents starts at a ``目录`` heading (or at the first of three or more entries in a row) and ends at
    its last entry; short heading lines in between are kept as category entries (no page). A lone ``目录``
    heading with no entry after it is left in place.
    """
    entries = [_entry(line.text) for line in lines]
    head = next((i for i, line in enumerate(lines) if TOC_HEAD_RE.match(_plain(line.text))), None)
    start = head if head is not None else next((i for i, e in enumerate(entries) if e is not None), None)
    if start is None:
        return Toc(), list(lines)
    first = start + (1 if head is not None else 0)
    end = _region_end(lines, entries, first)
    found = [e for e in entries[first : (end if end is not None else first - 1) + 1] if e is not None]
    if end is None or (head is None and len(found) < 3):
        return Toc(), list(lines)
    toc: list[TocEntry] = []
    for i in range(first, end + 1):
        entry = entries[i]
        toc.append(entry if entry is not None else TocEntry(_plain(lines[i].text)))
    kept = [line for i, line in enumerate(lines) if not start <= i <= end]
    return Toc(tuple(toc), lines[start].no), kept


def _region_end(lines: Sequence[Line], entries: list[TocEntry | None], first: int) -> int | None:
    """Index of the last entry of the contents that starts at ``first``, or None if there is none."""
    last: int | None = None
    gap = 0
    for i in range(first, len(lines)):
        if entries[i] is not None:
            last, gap = i, 0
            continue
        text = _plain(lines[i].text)
        gap += 1
        if gap > _MAX_GAP or ends_sentence(text) or len(text) > 30:
            break
    return last
