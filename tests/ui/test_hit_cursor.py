"""The hit cursor shared by the reader and the comparison: stepping, wrapping, keeping the current hit."""

from __future__ import annotations

from reader.ui.hit_cursor import HitCursor


def test_a_fresh_query_starts_on_the_first_hit_and_steps_wrap_both_ways():
    c: HitCursor[tuple[int, int]] = HitCursor()
    assert (len(c), c.number(), c.current) == (0, 0, None)
    assert c.step(1) is False
    c.start([(0, 2), (5, 7), (9, 11)])
    assert (c.number(), c.current) == (1, (0, 2))
    assert c.step(1) and c.current == (5, 7)
    assert c.step(1) and c.step(1) and c.current == (0, 2)  # wrapped past the last
    assert c.step(-1) and (c.number(), c.current) == (3, (9, 11))  # and back past the first
    c.start([])
    assert (c.index, c.number(), len(c)) == (-1, 0, 0)


def test_from_no_current_hit_next_is_the_first_and_previous_the_last():
    c: HitCursor[str] = HitCursor()
    c.update(["a", "b", "c"])
    assert c.current is None  # re-collected hits with none current stay without a current one
    assert c.step(-1) and c.current == "c"
    c.clear_current()
    assert c.step(5) and c.current == "a"  # any positive delta is one step


def test_update_keeps_the_current_hit_where_it_still_exists():
    c: HitCursor[str] = HitCursor()
    c.start(["a", "b", "c"])
    c.step(1)
    c.update(["x", "b", "c"])
    assert (c.current, c.number()) == ("b", 2)
    c.update(["x", "y"])
    assert (c.current, c.number()) == ("x", 1)  # it went: the first becomes current
    c.update([])
    assert (c.current, c.number(), list(c)) == (None, 0, [])
