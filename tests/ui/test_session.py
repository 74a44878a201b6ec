"""The saved session's tab strings: read back what was written, and survive what was not."""

from __future__ import annotations

from reader.ui.session import CompareEntry, ReaderEntry, decode, encode


def test_reader_and_compare_tabs_round_trip_in_order():
    state = {"cases": ["stid-a-01", "sop-c-03"], "sync": False, "row": "practice", "query": '仲裁 "上海"'}
    entries = [ReaderEntry("stid-a-01", 1234), CompareEntry(state), ReaderEntry("sop-a-02", 0)]
    stored = encode(entries)
    # The stored form is the one earlier versions wrote: "ID|SCROLL" and "compare|JSON" (non-ASCII kept).
    assert stored[0] == "stid-a-01|1234" and stored[2] == "sop-a-02|0"
    assert stored[1].startswith('compare|{"cases": ["stid-a-01", "sop-c-03"]') and "仲裁" in stored[1]
    assert decode(stored) == entries


def test_damaged_entries_are_dropped_or_open_at_the_top():
    stored = [
        "stid-a-01|12x",  # a scroll that is not a number: the top
        "stid-a-02",  # no scroll at all (an old session)
        "stid-a-03|²",  # a digit Python's int() refuses
        "compare|{not json",  # an unreadable comparison: dropped
        "compare|[1, 2]",  # JSON, but not a state: dropped
        "|40",  # no case id: dropped
        "",
        42,  # not even a string
    ]
    assert decode(stored) == [
        ReaderEntry("stid-a-01", 0),
        ReaderEntry("stid-a-02", 0),
        ReaderEntry("stid-a-03", 0),
        ReaderEntry("42", 0),
    ]
