"""Map offsets between a case's plain text and a rendering of it (a QTextDocument's raw text, a PDF layout).

The plain text (:func:`reader.domain.text.plain_text`) is the case's segments joined by ``"\\n"``;
annotation selectors count in it. A renderer adds decoration (numbers, badges, the batch line) but
shows every segment's characters contiguously and in order, so each segment can be located in the
rendered text and offsets translated character by character. Spaces may be rendered as no-break
spaces (U+00A0) to stop HTML from collapsing them; they still count as one character each. Word joiners (U+2060, which keep a title's words whole when it
wraps) are not case text: they may stand anywhere in the rendering, and the map steps over them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

_SPACE_LIKE = str.maketrans({"\u00a0": " ", "\u2029": "\n", "\u2028": "\n"})
#: Characters of a rendering that are no text of the case (see :func:`reader.domain.slides.with_word_joiners`).
IGNORED = "\u2060"


def without_ignored(rendered: str) -> tuple[str, list[int] | None]:
    """``rendered`` without :data:`IGNORED` characters, and where each kept character was in it (None when
    there was none to drop: positions are the same)."""
    if not any(ch in rendered for ch in IGNORED):
        return rendered, None
    kept = [i for i, ch in enumerate(rendered) if ch not in IGNORED]
    return "".join(rendered[i] for i in kept), kept


class TextMapError(ValueError):
    """A segment could not be found in the rendered text (the renderer broke the contract)."""


class TextMap:
    """Offsets of each segment in the plain text and in the rendered text."""

    def __init__(self, segments: Sequence[str], rendered: str) -> None:
        self.segments = list(segments)
        haystack, self._kept = without_ignored(rendered.translate(_SPACE_LIKE))
        self.plain_starts: list[int] = []
        self._starts: list[int] = []  # where each segment starts in the rendering without ignored characters
        plain = doc = 0
        for text in self.segments:
            found = haystack.find(text, doc) if text else doc
            if found < 0:
                raise TextMapError(f"segment not found in the rendering: {text[:40]!r}")
            self.plain_starts.append(plain)
            self._starts.append(found)
            plain += len(text) + 1
            doc = found + len(text)
        self.doc_starts = [self._doc(k) for k in self._starts]

    def _doc(self, k: int) -> int:
        """Rendered position of the ``k``-th kept character (the place right after the last one past the end)."""
        kept = self._kept
        if kept is None:
            return k
        return kept[k] if k < len(kept) else (kept[-1] + 1 if kept else 0)

    def _doc_end(self, k: int) -> int:
        """Rendered position right after the ``k - 1``-th kept character (an exclusive end)."""
        return self._doc(k) if self._kept is None or k == 0 else self._doc(k - 1) + 1

    def _kept_index(self, pos: int) -> int:
        """How many kept characters come before rendered position ``pos``."""
        return pos if self._kept is None else bisect_left(self._kept, pos)

    def _segment_of_plain(self, pos: int) -> int:
        return max(0, bisect_right(self.plain_starts, pos) - 1)

    def plain_to_doc(self, pos: int) -> int:
        """Rendered position of plain-text offset ``pos`` (a separator maps to the end of its segment)."""
        i = self._segment_of_plain(pos)
        local = min(pos - self.plain_starts[i], len(self.segments[i]))
        k = self._starts[i] + local
        return self._doc_end(k) if local and local == len(self.segments[i]) else self._doc(k)

    def doc_to_plain(self, pos: int) -> int | None:
        """Plain-text offset of rendered position ``pos``; None when ``pos`` is in decoration."""
        if not self._starts:
            return None
        k = self._kept_index(pos)
        i = max(0, bisect_right(self._starts, k) - 1)
        local = k - self._starts[i]
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
                k = self._starts[i] - seg_start
                spans.append((self._doc(k + a), self._doc_end(k + b)))
            i += 1
        return spans

    def doc_span_to_plain(self, start: int, end: int) -> tuple[int, int] | None:
        """The plain span of a rendered selection, clipped to segment text; None if it holds no case text."""
        points = []
        start, end = self._kept_index(start), self._kept_index(end)
        for i, (d0, text) in enumerate(zip(self._starts, self.segments, strict=True)):
            a, b = max(start, d0), min(end, d0 + len(text))
            if a < b:
                points.append((self.plain_starts[i] + a - d0, self.plain_starts[i] + b - d0))
        if not points:
            return None
        return points[0][0], points[-1][1]
