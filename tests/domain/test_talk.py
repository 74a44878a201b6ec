"""Timing a talk: time per case and the countdown's levels (no Qt)."""

from __future__ import annotations

import subprocess
import sys

from reader.domain.talk import ItemClock, countdown


def test_countdown_levels_and_text():
    assert (countdown(15, 0).remaining, countdown(15, 0).level, countdown(15, 0).text()) == (900, "normal", "15:00")
    assert countdown(15, 12 * 60).level == "amber"  # 3 minutes left = the last fifth of 15
    assert countdown(15, 11 * 60 + 59).level == "normal"
    assert countdown(2, 61).level == "amber"  # at least the last minute, for short plans
    assert countdown(2, 59).level == "normal"
    late = countdown(15, 17 * 60 + 5)
    assert (late.remaining, late.level, late.text()) == (-125, "red", "+2:05")
    assert countdown(1, 60).level == "red" and countdown(1, 60).text() == "0:00"


def test_item_clock_counts_each_case_and_goes_on_where_it_stopped():
    now = [100.0]
    clock = ItemClock(now=lambda: now[0])
    clock.enter(-1)  # the agenda: no case
    now[0] += 30
    assert clock.spent(0) == 0
    clock.enter(0)
    now[0] += 60
    clock.enter(0)  # another slide of the same case
    now[0] += 40
    assert clock.spent(0) == 100
    clock.enter(1)
    now[0] += 25
    assert (clock.spent(0), clock.spent(1)) == (100, 25)
    clock.enter(0)
    now[0] += 5
    assert clock.spent(0) == 105 and clock.spent(1) == 25
    clock.reset()
    assert clock.spent(0) == 0 and clock.spent(1) == 0
    now[0] += 7
    assert clock.spent(0) == 7, "the case on screen counts again from the reset"


def test_is_qt_free():
    code = "import sys, reader.domain.talk\nsys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=__file__.rsplit("/tests/", 1)[0]).returncode == 0
