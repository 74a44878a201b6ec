"""Which search hit is current, for the reader and the comparison alike (F3 / Shift+F3).

A :class:`HitCursor` holds a view's hits in stepping order and the current one. It knows nothing of
documents or painting: a hit is whatever the view stores (``(start, end)`` in the reader,
``(row, column, start, end)`` in a comparison); the view paints and scrolls.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Generic, TypeVar

H = TypeVar("H")


class HitCursor(Generic[H]):
    """Hits in stepping order and the current one (none until set or stepped to)."""

    def __init__(self) -> None:
        self._hits: list[H] = []
        self._index = -1

    def start(self, hits: Sequence[H]) -> None:
        """New hits, the first one current (a fresh query in the reader)."""
        self._hits = list(hits)
        self._index = 0 if self._hits else -1

    def clear_current(self) -> None:
        """Keep the hits; none is current."""
        self._index = -1

    def update(self, hits: Sequence[H]) -> None:
        """New hits for the same query (re-rendered text): the current hit stays current if it is still there;
        otherwise the first one is current, or none if none was."""
        previous = self.current
        self._hits = list(hits)
        if previous is not None and previous in self._hits:
            self._index = self._hits.index(previous)
        else:
            self._index = 0 if previous is not None and self._hits else -1

    def step(self, delta: int) -> bool:
        """Make the next (``delta`` > 0) or previous hit current, wrapping around; from none, the first or the
        last. Returns False when there are no hits."""
        if not self._hits:
            return False
        if self._index < 0:
            self._index = 0 if delta > 0 else len(self._hits) - 1
        else:
            self._index = (self._index + (1 if delta > 0 else -1)) % len(self._hits)
        return True

    @property
    def current(self) -> H | None:
        return self._hits[self._index] if self._index >= 0 else None

    @property
    def index(self) -> int:
        """0-based index of the current hit, -1 when there is none."""
        return self._index

    def number(self) -> int:
        """1-based number of the current hit, 0 when there is none (as the status bar shows it)."""
        return self._index + 1

    def __len__(self) -> int:
        return len(self._hits)

    def __iter__(self) -> Iterator[H]:
        return iter(self._hits)

    def hits(self) -> list[H]:
        return list(self._hits)
