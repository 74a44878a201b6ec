"""Map offsets between a case's plain text and a rendering of it (a QTextDocument's raw text, a PDF layout).

The plain text (:func:`reader.domain.text.plain_text`) is the case's segments joined by ``"\\n"``;
annotation selectors count in it. A renderer adds decoration (numbers, badges, the batch line) but
shows every segment's characters contiguously and in order, so each segment can be located in the
rendered text and offsets translated character by character. Spaces may be rendered as no-break
spaces (U+00A0) to stop HTML from collapsing them; they still count as one character each.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

_SPACE_LIKE = str.maketrans({"\u00a0": " ", "\u2029": "\n", "\u2028": "\n"})


class TextMapError(ValueError):
    """A segment could not be found in the rendered text (the renderer broke the contract)."""


class TextMap:
    """Offsets of each segment in the plain text and in the rendered text."""

    def __init__(self, segments: Sequence[str], rendered: str) -> None:
        self.segments = list(segments)
        haystack = rendered.translate(_SPACE_LIKE)
        self.plain_starts: list[int] = []
        self.doc_starts: list[int] = []
        plain = doc = 0
        for text in self.segments:
            found = haystack.find(text, doc) if text else doc
            if found < 0:
                raise TextMapError(f"segment not found in the rendering: {text[:40]!r}")
            self.plain_starts.append(plain)
            self.doc_starts.append(found)
            plain += len(text) + 1
            doc = found + len(text)

    def _segment_of_plain(self, pos: int) -> int:
        return max(0, bisect_right(self.plain_starts, pos) - 1)

    def plain_to_doc(self, pos: int) -> int:
        """Rendered position of plain-text offset ``pos`` (a separator maps to the end of its segment)."""
        i = self._segment_of_plain(pos)
        local = min(pos - self.plain_starts[i], len(self.segments[i]))
        return self.doc_starts[i] + local

    def doc_to_plain(self, pos: int) -> int | None:
        """Plain-text offset of rendered position ``pos``; None when ``pos`` is in decoration."""
        i = max(0, bisect_right(self.doc_starts, pos) - 1)
        if not self.doc_starts:
            return None
        local = pos - self.doc_starts[i]
        if 0 <= local <= len(self.segments[i]):
            return self.plain_starts[i] + local
        return None

    def plain_span_to_doc(self, start: int, end: int) -> list[tuple[int, int]]:
        """Rendered spans covering plain ``[start, end)``: one per segment it touches (decoration skipped)."""
        spans = []
        i = self._segment_of_plain(start)
        while i < len(self.segments) and self.plain_starts[i] < end:
            seg_start, seg_end = self.plain_starts[i], self.plain_starts[i] + len(self.segments[i])
            a, b = max(start, seg_start), min(end, seg_end)
            if a < b:
                spans.append((self.doc_starts[i] + a - seg_start, self.doc_starts[i] + b - seg_start))
            i += 1
        return spans

    def doc_span_to_plain(self, start: int, end: int) -> tuple[int, int] | None:
        """The plain span of a rendered selection, clipped to segment text; None if it holds no case text."""
        points = []
        for i, (d0, text) in enumerate(zip(self.doc_starts, self.segments, strict=True)):
            a, b = max(start, d0), min(end, d0 + len(text))
            if a < b:
                points.append((self.plain_starts[i] + a - d0, self.plain_starts[i] + b - d0))
        if not points:
            return None
        return points[0][0], points[-1][1]
