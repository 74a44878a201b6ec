"""The PDF's table of contents read back as a reader sees it (``pdftotext -layout``) and checked against the
PDF's own outline (the bookmarks, read with pypdf): every entry's page number stands at the end of its
title's last line after a dot leader, and it is the page the bookmark points at. Exports of 1, 25 and 80
cases (one- and two-digit and three-digit page numbers, one contents page and several)."""

from __future__ import annotations

import re

import pytest

from reader.export.bundle import make_job, write_export
from tests.export.exportkit import needs_poppler, pdftotext, squeeze

pypdf = pytest.importorskip("pypdf")
pytestmark = needs_poppler

#: A contents line that ends an entry: (the end of) the title, a dot leader, the page number.
ENTRY_END = re.compile(r"^(?P<title>.*?)(?:\s*\.){3,}\s+(?P<page>\d+)\s*$")


def outline_entries(path):
    """(depth, title, 0-based page) of every bookmark, in order."""
    reader = pypdf.PdfReader(str(path))
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def toc_entries(path, first_page: int, last_page: int) -> tuple[list[tuple[str, int]], list[str]]:
    """(title text, page number) of every contents entry on pages ``first_page``..``last_page`` (1-based), and
    the lines read. The running header and page number are cropped away; a title's earlier lines (and a batch
    heading above it) are gathered into the title."""
    text = pdftotext(path, "-layout", "-f", str(first_page), "-l", str(last_page), "-y", "60", "-H", "730", "-W", "595")
    lines = [line for line in text.splitlines() if line.strip()]
    entries, pending = [], []
    for line in lines:
        m = ENTRY_END.match(line)
        if m:
            pending.append(m["title"])
            entries.append((squeeze("".join(pending)), int(m["page"])))
            pending = []
        else:
            pending.append(line)
    return entries, lines


@pytest.mark.parametrize("count", [1, 25, 80])
def test_contents_numbers_match_the_bookmarks(qapp, casebook, tmp_path, count):
    from reader.export.fonts import register_fonts

    register_fonts()
    ids = [c.id for b in casebook.batches() for c in b.cases][:count]
    job = make_job(casebook, ids, title="目录检查")
    result = write_export(job, tmp_path / f"toc{count}.pdf")
    marks = outline_entries(result.path)
    assert marks[0][:2] == (0, "目录")
    toc_first = marks[0][2] + 1
    toc_last = marks[1][2]  # the page before the first case
    entries, lines = toc_entries(result.path, toc_first, toc_last)
    # the bug this guards against: a page number broken digit by digit onto lines of its own
    assert not [line for line in lines if re.fullmatch(r"\s*\d{1,3}\s*", line)], lines
    listed = [(t, p) for d, t, p in marks[1:] if d == 0 or (count <= 5 and d == 1)]
    assert len(entries) == len(listed), (entries[:5], listed[:5])
    for (text, number), (title, page) in zip(entries, listed, strict=True):
        assert text.endswith(squeeze(title)), (text, title)
        assert number == page + 1, (title, number, page + 1)
    if count == 80:
        assert max(n for _, n in entries) >= 100  # three-digit numbers were exercised
        assert toc_last - toc_first >= 1  # and more than one contents page
