"""Timing a talk: the time spent on each case and the countdown against the minutes planned for it (no Qt).

:class:`ItemClock` counts the seconds each case of a talk has been on screen (coming back to a case
goes on counting where it stopped); :func:`countdown` turns the planned minutes and the time spent into
what the presenter view shows: the seconds left (negative: over time) and a level, ``"normal"``,
``"amber"`` in the last :data:`AMBER_SHARE` of the planned time (at least :data:`AMBER_MIN_SECONDS`), or
``"red"`` once the time is up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

#: The countdown turns amber when this share of the planned time is left ...
AMBER_SHARE = 0.2
#: ... or this many seconds, whichever is more.
AMBER_MIN_SECONDS = 60


@dataclass(frozen=True)
class Countdown:
    remaining: int  # seconds; negative when over time
    level: str  # "normal", "amber", "red"

    def text(self) -> str:
        """``12:05`` left, or ``+3:12`` over."""
        s = abs(self.remaining)
        sign = "+" if self.remaining < 0 else ""
        return f"{sign}{s // 60}:{s % 60:02d}"


def countdown(minutes: int, spent_seconds: float) -> Countdown:
    """The countdown of a case planned for ``minutes`` after ``spent_seconds`` on it."""
    planned = minutes * 60
    remaining = planned - int(spent_seconds)
    if remaining <= 0:
        return Countdown(remaining, "red")
    if remaining <= max(AMBER_MIN_SECONDS, planned * AMBER_SHARE):
        return Countdown(remaining, "amber")
    return Countdown(remaining, "normal")


class ItemClock:
    """Seconds spent on each item (case) of a talk. ``enter(n)`` when item ``n`` comes on screen (-1: none,
    e.g. the agenda); ``now`` a monotonic clock in seconds (injected by tests)."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._spent: dict[int, float] = {}
        self.current = -1
        self._since = now()

    def enter(self, item: int) -> None:
        if item == self.current:
            return
        self._stop()
        self.current = item
        self._since = self._now()

    def _stop(self) -> None:
        if self.current >= 0:
            self._spent[self.current] = self._spent.get(self.current, 0.0) + self._now() - self._since

    def spent(self, item: int) -> float:
        """Seconds item ``item`` has been on screen so far."""
        running = self._now() - self._since if item == self.current and item >= 0 else 0.0
        return self._spent.get(item, 0.0) + running

    def reset(self) -> None:
        """Forget all times (the trainer starts over)."""
        self._spent.clear()
        self._since = self._now()
