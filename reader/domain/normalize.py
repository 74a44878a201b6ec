"""Search normalisation: the text that search terms are matched against, with a map back to the original.

One function defines what "contains" means for library search, in-case find and highlighting:

* every character is NFKC-normalised and case-folded (full-width ``３家`` / ``ＦＴＦ`` read as ``3家`` / ``ftf``);
  a base character and the marks that attach to it are normalised together, so ``e`` + U+0301 reads as ``é``;
* whitespace and invisible format/control characters are removed, so ``首批 3 家`` reads as ``首批3家``;
* line and paragraph breaks become a single ``"\\n"``: a hard boundary that no search term crosses
  (query terms never contain one), just as no term crosses from one segment into the next;
* a lone surrogate (only possible in a Python string, never in stored text) reads as U+FFFD.

:func:`normalize` returns the normalised string; :func:`normalize_mapped` also says which span of the
original string every normalised character came from, so a hit found in the normalised text can be
highlighted in the original (``3家`` inside ``首批 3 家`` spans ``3 家``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: What a line or paragraph break normalises to.
BREAK = "\n"

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def _fold_piece(piece: str) -> str:
    """NFKC + casefold (to a fixed point) of one cluster, whitespace and invisibles dropped."""
    if piece[0] in _LINE_BREAKS:
        return BREAK + (_fold_piece(piece[1:]) if len(piece) > 1 else "")
    piece = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in piece)
    s = unicodedata.normalize("NFKC", piece)
    for _ in range(4):
        t = unicodedata.normalize("NFKC", s.casefold())
        if t == s:
            break
        s = t
    return "".join(c for c in s if not (c.isspace() or unicodedata.category(c) in _DROPPED_CATEGORIES))


class _PieceCache(dict):
    """``cluster -> normalised cluster``, filled on first use."""

    def __missing__(self, key: str) -> str:
        value = self[key] = _fold_piece(key)
        return value


_PIECES = _PieceCache()
# Per-character tables for the characters outside the known-stable blocks, filled as they are met (the
# stable ones are their own normal form): ``ord(c) -> normal form`` for str.translate; those seen; those
# that change, with their normal form; those whose normal form is not exactly one character long.
_CHARS: dict[int, str] = {}
_SEEN: set[str] = set()
_CHANGED: dict[str, str] = {}
_RESIZED: set[str] = set()


@functools.cache
def _attaching() -> tuple[frozenset[str], re.Pattern[str]]:
    """Characters that normalise together with the character before them, and a regex for clusters.

    Those whose decomposition starts with a combining mark (canonical combining class > 0), with the
    second half of a canonical composition pair, or with a Hangul vowel/trailing jamo. Computed once
    from the running Python's Unicode database (about 0.1 s); all such characters are below U+20000.
    """
    seconds: set[int] = {*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)}
    for cp in range(0x20000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(int(parts[1], 16))
    attaching: list[int] = []
    for cp in range(0x20000):
        c = chr(cp)
        if unicodedata.combining(c) or cp in seconds:
            attaching.append(cp)
            continue
        d = unicodedata.normalize("NFKD", c)
        if d != c and d and (unicodedata.combining(d[0]) or ord(d[0]) in seconds):
            attaching.append(cp)
    cls = _class(attaching)
    return frozenset(map(chr, attaching)), re.compile(f"(?s).[{cls}]*")


def _class(codepoints: Iterable[int]) -> str:
    """A regex character class body for these code points (sorted, merged into ranges)."""
    ranges: list[list[int]] = []
    for cp in sorted(codepoints):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


#: Blocks whose characters are checked once for being their own normal form (ASCII, Latin, general
#: punctuation, CJK symbols, kana, CJK ideographs, full-width forms): text made only of such characters
#: needs no work at all, which is the common case.
_COMMON_BLOCKS = (
    (0x21, 0x7F),
    (0xA0, 0x250),
    (0x2000, 0x2070),
    (0x3000, 0x3100),
    (0x3400, 0x4DC0),
    (0x4E00, 0xA000),
    (0xFF00, 0xFFF0),
)


@functools.cache
def _special_re() -> re.Pattern[str]:
    """Matches every character that is not known to be its own normal form."""
    attaching = _attaching()[0]
    stable = [
        cp
        for lo, hi in _COMMON_BLOCKS
        for cp in range(lo, hi)
        if chr(cp) not in attaching and _fold_piece(chr(cp)) == chr(cp)
    ]
    return re.compile(f"[^{_class(stable)}]")


def _specials(text: str) -> set[str] | None:
    """The characters of ``text`` that normalisation changes, or None when some must be normalised
    together with the character before them. Fills the per-character tables."""
    found = _special_re().findall(text)
    if not found:
        return set()
    distinct = set(found)
    if not distinct.isdisjoint(_attaching()[0]):
        return None
    new = distinct - _SEEN
    for c in new:
        piece = _fold_piece(c)
        _CHARS[ord(c)] = piece
        if piece != c:
            if len(piece) != 1:
                _RESIZED.add(c)
            _CHANGED[c] = piece
        _SEEN.add(c)
    return distinct.intersection(_CHANGED)


def _fold_simple(text: str, changed: set[str]) -> str:
    if not changed:
        return text
    if len(changed) <= 8:
        pieces = [_CHANGED[c] for c in changed]
        if all(_CHANGED.keys().isdisjoint(p) for p in pieces):  # one replace cannot feed another
            for c, p in zip(changed, pieces, strict=True):
                text = text.replace(c, p)
            return text
    return text.translate(_CHARS)


def normalize(text: str) -> str:
    """The normalised form of ``text`` (see the module docstring)."""
    changed = _specials(text)
    if changed is not None:
        return _fold_simple(text, changed)
    return "".join(_PIECES[m.group()] for m in _attaching()[1].finditer(text))


@dataclass(frozen=True)
class Normalized:
    """A normalised string and the map from its characters back to the original string.

    The original is cut into *units* (characters, or a character with its attached marks); ``_cum[i]``
    is the normalised length of units ``0..i`` (``None`` when each unit became exactly one character);
    ``_starts`` holds where each unit starts (``None`` when every unit is one character).
    """

    text: str
    source_length: int
    _cum: Sequence[int] | None = None
    _starts: Sequence[int] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original string that normalised characters ``start:end`` (non-empty) came from."""
        if self._cum is None:
            return start, end
        first = bisect.bisect_right(self._cum, start)
        last = bisect.bisect_right(self._cum, end - 1)
        if self._starts is None:
            return first, last + 1
        stop = self._starts[last + 1] if last + 1 < len(self._starts) else self.source_length
        return self._starts[first], stop


def normalize_mapped(text: str) -> Normalized:
    """:func:`normalize` with the offset map back to ``text``."""
    changed = _specials(text)
    if changed is not None:
        folded = _fold_simple(text, changed)
        resized = changed.intersection(_RESIZED)
        if not resized:
            return Normalized(folded, len(text))
        lengths = bytearray(b"\x01") * len(text)
        for m in re.finditer(f"[{_class(map(ord, resized))}]", text):
            lengths[m.start()] = min(len(_CHANGED[m.group()]), 255)
        return Normalized(folded, len(text), list(itertools.accumulate(lengths)))
    pieces = _PIECES
    out: list[str] = []
    cum: list[int] = []
    starts: list[int] = []
    total = 0
    for m in _attaching()[1].finditer(text):
        piece = pieces[m.group()]
        out.append(piece)
        total += len(piece)
        cum.append(total)
        starts.append(m.start())
    return Normalized("".join(out), len(text), cum, starts)
