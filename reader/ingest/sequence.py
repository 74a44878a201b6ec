"""Case titles confirmed by their number: ``12、…`` is a case title when it is the next number after the case
before it (and the sequence goes on after it), not when it merely looks like one.

A case title is normally confirmed by what follows it: a contributor line or a ``一、`` section
(:func:`reader.ingest.parse._find_heads`). A document whose cases have neither (a collection of short numbered
experiences, its sub-headings unlabelled) is confirmed by its sequence of numbers instead. Numbered points
inside a case (``1.`` ``2.`` ``3.``, restarting per list) are told apart by their own sequence; a numbered
title-like line out of sequence is reported as a warning and stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.ingest.classify import Item, Kind
from reader.ingest.messages import Message
from reader.ingest.patterns import NUMBERED_RE

#: How far (paragraphs) the sequence is looked for after a title that is only confirmed by what follows.
LOOKAHEAD = 400


@dataclass(frozen=True)
class Confirmed:
    """A case start found otherwise: its title paragraph, the paragraph after its title block, its number."""

    title: int
    body: int
    number: int | None


def _number(item: Item) -> tuple[int, str] | None:
    m = NUMBERED_RE.match(item.text) if item.kind is Kind.NUMBERED else None
    return (int(m.group(1)), _sep(m.group(2))) if m else None


def _sep(sep: str) -> str:
    """``.`` and ``．`` are the same separator (half and full width)."""
    return "." if sep in ".．" else sep


class _Points:
    """The numbered points of the current case: a list starts at 1 and goes on one by one."""

    def __init__(self) -> None:
        self.last: int | None = None
        self.sep = ""
        self.title_like = False

    def continues(self, n: int, sep: str) -> bool:
        return self.last is not None and n == self.last + 1 and sep == self.sep

    def take(self, n: int, sep: str, title_like: bool) -> None:
        self.last, self.sep, self.title_like = n, sep, title_like

    def reset(self) -> None:
        self.last, self.sep, self.title_like = None, "", False


def sequence_titles(items: Sequence[Item], confirmed: Sequence[Confirmed], warnings: list[Message]) -> list[int]:
    """Paragraphs that start a case because their number comes next in the sequence of case numbers.

    Only where every case found otherwise is numbered (a document of unnumbered cases has numbered points,
    not titles). A candidate is a title-like numbered paragraph with the case numbers' separator, outside the
    title blocks found already, numbered below the next confirmed case. The next number after the case before
    is a title, unless it goes on a list of points (then it is a point, unless the list's points are run-in
    sentences and it is not). The first number of the document (1) and a number that skips some are titles
    only when the next number follows as a title; a repeated or skipped number that is not is a warning.
    """
    if any(c.number is None for c in confirmed):
        return []
    seps = {s for c in confirmed if (s := _case_sep(items[c.title])) is not None}
    if len(seps) > 1:
        return []
    sep = next(iter(seps), None)
    starts = {c.title: c for c in confirmed}
    inside = {i for c in confirmed for i in range(c.title, c.body)}
    found: list[int] = []
    points = _Points()
    expected: int | None = None  # the number the next case should have; None before any case
    next_confirmed = 0
    i = 0
    while i < len(items):
        if i in starts:
            c = starts[i]
            expected = None if c.number is None else c.number + 1
            points.reset()
            next_confirmed += 1
            i = c.body
            continue
        parsed = _number(items[i]) if i not in inside else None
        if parsed is None:
            i += 1
            continue
        n, s = parsed
        ceiling = confirmed[next_confirmed].number if next_confirmed < len(confirmed) else None
        item = items[i]
        candidate = item.title_like and (sep is None or s == sep) and (ceiling is None or n < ceiling)
        want = expected if expected is not None else 1
        is_point = points.continues(n, s) and (points.title_like or not item.title_like)
        if candidate and n == want and not is_point and (expected is not None or _followed(items, i, n, s, starts)):
            found.append(i)
            sep, expected = s, n + 1
            points.reset()
            i += 1
            continue
        if candidate and expected is not None and n > expected and not points.continues(n, s):
            if _followed(items, i, n, s, starts):
                found.append(i)
                sep, expected = s, n + 1
                points.reset()
                i += 1
                continue
            warnings.append(
                Message("numbered-not-case", line=item.para.line_no, text=_cut(item.text), after=expected - 1)
            )
            i += 1
            continue
        if candidate and expected is not None and 1 < n == expected - 1 and not points.continues(n, s):
            warnings.append(
                Message("numbered-not-case", line=item.para.line_no, text=_cut(item.text), after=expected - 1)
            )
            i += 1
            continue
        if n == 1 or points.continues(n, s) or points.last is None:
            points.take(n, s, item.title_like)
        i += 1
    return found


def _case_sep(item: Item) -> str | None:
    parsed = _number(item)
    return parsed[1] if parsed else None


def _followed(items: Sequence[Item], i: int, n: int, sep: str, starts: dict[int, Confirmed]) -> bool:
    """Whether the case numbered ``n`` at ``i`` is followed by case ``n + 1``: a confirmed case of that number,
    or a title-like paragraph of that number that goes on no list of points."""
    points = _Points()
    for j in range(i + 1, min(len(items), i + 1 + LOOKAHEAD)):
        if j in starts:
            return starts[j].number == n + 1
        parsed = _number(items[j])
        if parsed is None or parsed[1] != sep:
            continue
        m = parsed[0]
        if m == n + 1 and items[j].title_like and not (points.continues(m, sep) and points.title_like):
            return True
        if 1 < m == n and items[j].title_like and not points.continues(m, sep):
            return False  # the same number again
        if m == 1 or points.continues(m, sep) or points.last is None:
            points.take(m, sep, items[j].title_like)
    return False


def _cut(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
