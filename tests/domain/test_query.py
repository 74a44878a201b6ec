"""The query language: AND of terms, quoted phrases, -exclusion, OR; everything else literal or a QueryError."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain.normalize import BREAK
from reader.domain.query import MAX_QUERY_LENGTH, MAX_TERMS, Query, QueryError, parse_query

CODES = {"query-too-long", "query-too-many-terms", "query-only-excluded", "query-negated-or", "query-not-text"}


def texts(q: Query) -> list[list[str]]:
    return [[t.text for t in clause] for clause in q.clauses]


def test_terms_are_anded():
    q = parse_query("仲裁  游艇")
    assert texts(q) == [["仲裁"], ["游艇"]]
    assert q.excluded == ()
    assert not q.empty


def test_terms_are_normalised():
    q = parse_query("ＦＴＦ 3家 Straße")
    assert texts(q) == [["ftf"], ["3家"], ["strasse"]]


def test_quoted_phrase_is_one_term_without_spaces():
    q = parse_query('"首批 3 家" 外国')
    assert texts(q) == [["首批3家"], ["外国"]]
    assert q.clauses[0][0].phrase
    assert q.clauses[0][0].source == "首批 3 家"


def test_unbalanced_quote_runs_to_the_end():
    assert texts(parse_query('知识 "产权 保护')) == [["知识"], ["产权保护"]]


def test_empty_quotes_are_ignored():
    assert texts(parse_query('"" 仲裁')) == [["仲裁"]]


def test_exclusion():
    q = parse_query('知识产权 -专利 -"代理 机构"')
    assert texts(q) == [["知识产权"]]
    assert [t.text for t in q.excluded] == ["专利", "代理机构"]


def test_or_binds_tighter_than_and():
    q = parse_query("a b OR c d")
    assert texts(q) == [["a"], ["b", "c"], ["d"]]
    assert texts(parse_query("a OR b OR c")) == [["a", "b", "c"]]


def test_lower_case_or_and_other_operators_are_literal():
    assert texts(parse_query("a or b")) == [["a"], ["or"], ["b"]]
    assert texts(parse_query("a AND b NEAR c")) == [["a"], ["and"], ["b"], ["near"], ["c"]]
    assert texts(parse_query('"OR" "-x"')) == [["or"], ["-x"]]


def test_full_width_operators():
    q = parse_query("＂首批 3 家＂\u3000－外国 川菜 ＯＲ 游艇")
    assert texts(q) == [["首批3家"], ["川菜", "游艇"]]
    assert [t.text for t in q.excluded] == ["外国"]


@pytest.mark.parametrize("text", ["a OR", "OR a", "a OR OR b", "OR"])
def test_dangling_or_is_ignored(text):
    q = parse_query(text)
    assert all("or" not in [t.text for t in clause] for clause in q.clauses)


def test_lone_minus_is_ignored():
    assert texts(parse_query("仲裁 -")) == [["仲裁"]]
    assert parse_query("-").empty
    assert parse_query(" - - ").empty


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("'; DROP TABLE x;--", [["';"], ["drop"], ["table"], ["x;--"]]),
        ("*", [["*"]]),
        ("(", [["("]]),
        ("a:b", [["a:b"]]),
        ("知识*", [["知识*"]]),
        ("，。", [[",。"]]),  # full-width comma normalises to ","
        ("😀", [["😀"]]),
    ],
)
def test_special_characters_are_literal(text, terms):
    assert texts(parse_query(text)) == terms


def test_only_the_first_minus_is_an_operator():
    assert [t.text for t in parse_query("a --x").excluded] == ["-x"]


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "\u200b\ufeff", "\x00\x01\x02", '""', "-"])
def test_nothing_to_search_is_an_empty_query(text):
    q = parse_query(text)
    assert q.empty
    assert q.positive_terms == ()


def test_control_characters_inside_terms_are_dropped():
    assert texts(parse_query("知\x00识")) == [["知识"]]


def test_only_exclusions_is_rejected():
    with pytest.raises(QueryError) as info:
        parse_query("-仲裁 -游艇")
    assert info.value.code == "query-only-excluded"
    assert "exclude" in str(info.value)


def test_negation_inside_or_is_rejected():
    with pytest.raises(QueryError) as info:
        parse_query("a OR -b")
    assert info.value.code == "query-negated-or"


def test_too_long():
    parse_query("知" * MAX_QUERY_LENGTH)
    with pytest.raises(QueryError) as info:
        parse_query("知" * (MAX_QUERY_LENGTH + 1))
    assert info.value.code == "query-too-long"


def test_too_many_terms():
    parse_query(" ".join(f"t{i}" for i in range(MAX_TERMS)))
    with pytest.raises(QueryError) as info:
        parse_query(" ".join(f"t{i}" for i in range(MAX_TERMS + 1)))
    assert info.value.code == "query-too-many-terms"


def test_not_text():
    with pytest.raises(QueryError) as info:
        parse_query(None)  # type: ignore[arg-type]
    assert info.value.code == "query-not-text"


def test_duplicates_collapse():
    q = parse_query("仲裁 仲裁 ＦＴＦ ftf -x -x")
    assert texts(q) == [["仲裁"], ["ftf"]]
    assert [t.text for t in q.excluded] == ["x"]
    assert [t.text for t in parse_query("a OR b b OR a").positive_terms] == ["a", "b"]


def test_reference_semantics():
    q = parse_query("知识产权 仲裁 OR 调解 -专利")
    assert q.matches(["国家知识产权局", "商事仲裁"])
    assert q.matches(["知识产权", "调解"])
    assert not q.matches(["知识产权"])  # the OR group is missing
    assert not q.matches(["知识产权", "仲裁", "专利代理"])  # excluded term present
    assert not q.matches(["知识", "产权仲裁"])  # terms do not cross segments
    assert not parse_query("").matches(["anything"])


@settings(max_examples=500, deadline=None, database=None)
@given(st.text(max_size=60) | st.text(alphabet=st.sampled_from(' "-ORＯＲ－＂知识产权ab*(:\u3000'), max_size=30))
def test_any_input_parses_or_raises_a_query_error(text):
    try:
        q = parse_query(text)
    except QueryError as exc:
        assert exc.code in CODES
        assert str(exc)
        return
    assert len(q.clauses) + len(q.excluded) <= MAX_TERMS
    for term in (*q.positive_terms, *q.excluded):
        assert term.text
        assert BREAK not in term.text
        assert not any(c.isspace() for c in term.text)


def test_very_long_input_is_rejected_not_crashed():
    with pytest.raises(QueryError):
        parse_query("知识产权" * 500)
