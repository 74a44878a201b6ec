"""Search normalisation: NFKC + casefold, whitespace gone, line breaks kept as boundaries, offsets mapped back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain.normalize import BREAK, normalize, normalize_mapped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("３家", "3家"),  # full-width digit
        ("ＦＴＦ账户", "ftf账户"),  # full-width Latin, case-folded
        ("FTF SPV LPR", "ftfspvlpr"),
        ("Straße", "strasse"),  # full case folding, not just lower()
        ("首批 3 家", "首批3家"),  # PDF spaces between Chinese and digits
        ("首批\u00a03\u3000家\t", "首批3家"),  # NBSP, ideographic space, tab
        ("知\u200b识\ufeff产\u00ad权", "知识产权"),  # zero-width space, BOM, soft hyphen
        ("（一）", "(一)"),  # full-width brackets become ASCII
        ("“一网通”", "“一网通”"),  # curly quotes are kept as they are
        ("\u2474", "(1)"),  # compatibility characters expand
        ("e\u0301", "\u00e9"),  # a base and its combining mark compose
        ("\uff76\uff9e", "\u30ac"),  # half-width katakana + voiced mark compose
        ("\uf900", "\u8c48"),  # CJK compatibility ideograph
        ("", ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected
    assert normalize_mapped(text).text == expected


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"])
def test_line_breaks_become_boundaries(brk):
    assert normalize(f"知识{brk}产权") in ("知识\n产权", "知识\n\n产权")
    assert "知识产权" not in normalize(f"知识{brk}产权")


def test_lone_surrogate_does_not_raise():
    assert normalize("a\ud800b") == "a\ufffdb"
    assert normalize_mapped("a\udfffb").text == "a\ufffdb"


def test_control_characters_are_dropped():
    assert normalize("a\x00b\x07c\x1bd\x7f") == "abcd"


def test_mapped_span_of_a_hit_covers_the_original_spaces():
    mapped = normalize_mapped("首批 3 家外国")
    start = mapped.text.index("3家")
    assert mapped.original_span(start, start + 2) == (3, 6)
    assert "首批 3 家外国"[3:6] == "3 家"


def test_mapped_span_of_an_expanded_character_is_the_whole_character():
    mapped = normalize_mapped("x㍻y")  # ㍻ -> 平成
    assert mapped.text == "x平成y"
    assert mapped.original_span(1, 2) == (1, 2)
    assert mapped.original_span(1, 3) == (1, 2)
    assert mapped.original_span(0, 4) == (0, 3)


def test_mapped_span_of_a_composed_character_covers_base_and_mark():
    mapped = normalize_mapped("ae\u0301b")
    assert mapped.text == "a\u00e9b"
    assert mapped.original_span(1, 2) == (1, 3)
    assert mapped.original_span(2, 3) == (3, 4)


def test_unchanged_text_maps_one_to_one():
    mapped = normalize_mapped("知识产权局")
    assert [mapped.original_span(i, i + 1) for i in range(5)] == [(i, i + 1) for i in range(5)]


def test_break_constant_is_what_lines_become():
    assert normalize("a\nb") == "a" + BREAK + "b"


@settings(max_examples=400, deadline=None, database=None)
@given(st.text())
def test_map_is_consistent_for_any_text(text):
    """Every normalised character comes from an original span that normalises to something containing it."""
    mapped = normalize_mapped(text)
    assert mapped.text == normalize(text)
    previous = (0, 0)
    for i, ch in enumerate(mapped.text):
        start, end = mapped.original_span(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert (start, end) >= previous
        previous = (start, end)
        assert ch in normalize(text[start:end])
    assert not any(c.isspace() and c != BREAK for c in mapped.text)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from("知识产权局首批3家 ＦＴＦ账户，。（）\n\u3000ｶﾞe\u0301")))
def test_a_hit_maps_back_to_text_that_normalises_to_it(text):
    mapped = normalize_mapped(text)
    for length in (1, 2, 3):
        for i in range(len(mapped.text) - length + 1):
            needle = mapped.text[i : i + length]
            start, end = mapped.original_span(i, i + length)
            assert needle in normalize(text[start:end])
