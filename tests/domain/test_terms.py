"""Chinese term statistics: shared distinctive terms of compared cases, similar cases, finding terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.domain.case import Case
from reader.domain.compare import headings
from reader.domain.terms import (
    STOP_GRAMS,
    TermIndex,
    han_runs,
    ngrams,
    term_spans,
    word_like,
)
from reader.domain.text import plain_text

DB = Path(__file__).resolve().parents[2] / "data" / "casebook.db"


@pytest.fixture(scope="module")
def book():
    from reader.storage.casebook import Casebook

    book = Casebook.open(DB)
    yield book
    book.close()


@pytest.fixture(scope="module")
def cases(book) -> list[Case]:
    return book.cases()


@pytest.fixture(scope="module")
def index(cases) -> TermIndex:
    return TermIndex.build(cases)


@pytest.fixture(scope="module")
def arbitration(cases) -> list[Case]:
    """The two cases with the most hits of the search 仲裁 (arbitration), with the library's semantics.

    (Counted with ``find_spans`` rather than through the FTS index, so the test does not depend on the
    index's storage format.)
    """
    from reader.storage.search import find_spans

    ranked = sorted(cases, key=lambda c: -len(find_spans(plain_text(c), "仲裁")))
    assert len(find_spans(plain_text(ranked[1]), "仲裁")) >= 5
    return ranked[:2]


def _heading_words(cases: list[Case]) -> list[str]:
    return [t for t, kind in headings(cases).items() if kind.value != "other"]


# N-grams -----------------------------------------------------------------------------------------


def test_ngrams_stay_inside_runs_of_han_characters():
    text = "（一）推动“仲裁 2.0”改革，ABC仲裁院"
    assert han_runs(text) == ["一", "推动", "仲裁", "改革", "仲裁院"]
    grams = ngrams(text)
    assert set(grams) == {"推动", "仲裁", "改革", "裁院", "仲裁院"}
    assert grams["仲裁"] == 2
    assert all(len(g) >= 2 for g in grams), "no single characters"


def test_word_like_rejects_heading_words_and_particles():
    for heading in ("主要做法", "实践效果", "下一步工作思路", "实践意义和效果"):
        assert not word_like(heading)
        assert heading[:2] in STOP_GRAMS
    assert not word_like("做法")
    assert not word_like("下一步工")
    assert not word_like("的仲裁")
    assert not word_like("仲裁和")
    assert word_like("仲裁")
    assert word_like("国际商事")


def test_document_frequency_counts_cases(index, cases):
    assert index.n_docs == 80
    for gram in ("仲裁", "调解", "国际商事", "主要做法"):
        assert index.df(gram) == sum(1 for c in cases if gram in plain_text(c)), gram
    assert index.df("主要做法") >= 70
    assert index.df("不存在的词语") == 0


# Shared terms ------------------------------------------------------------------------------------


def test_arbitration_cases_share_arbitration_terms(index, arbitration, cases):
    terms = index.shared_terms(arbitration)
    texts = [t.text for t in terms]
    assert "仲裁" in texts
    assert 3 <= len(terms) <= 8
    words = _heading_words(cases)
    for term in terms:
        assert not any(term.text in w or w in term.text for w in words), f"{term.text} is a heading word"
        assert term.text not in STOP_GRAMS
        for case, count in zip(arbitration, term.counts, strict=True):
            assert count > 0, "with two cases, a term is in both"
            assert term.text in plain_text(case), f"{term.text} is not a substring of {case.id}"
        assert term.df <= 12, "rare in the casebook"
    for a in texts:
        assert not any(a != b and a in b for b in texts), "no term inside another"
    scores = [t.score for t in terms]
    assert scores == sorted(scores, reverse=True)


def test_only_maximal_ngrams_are_kept(index, arbitration):
    texts = [t.text for t in index.shared_terms(arbitration, limit=30)]
    assert "争端解决" in texts
    assert index.df("争端解") == index.df("争端解决"), "the same cases"
    assert "争端解" not in texts and "端解决" not in texts and "争端" not in texts


def test_shared_terms_of_more_cases_need_two_of_them(index, book):
    compared = [book.case(cid) for cid in ("stid-a-02", "stid-a-22", "stid-c-02", "stid-b-01")]
    terms = index.shared_terms(compared)
    assert terms
    for term in terms:
        assert term.support >= 2
        for case, count in zip(compared, term.counts, strict=True):
            assert (count > 0) == (term.text in plain_text(case))


def test_no_shared_terms_for_a_single_case(index, arbitration):
    assert index.shared_terms(arbitration[:1]) == []


def test_pieces_of_longer_words_are_not_terms(index, book):
    """``解决机`` (always in 解决机制/解决机构) is shared by these two cases but is not a word."""
    compared = [book.case("stid-a-02"), book.case("stid-a-22")]
    assert "解决机" in plain_text(compared[0]) and "解决机" in plain_text(compared[1])
    entropy, occurrences = index.cohesion("解决机")
    assert occurrences >= 3 and entropy < 1.0 <= index.cohesion("仲裁")[0]
    assert "解决机" not in [t.text for t in index.shared_terms(compared, limit=30)]


def test_grams_straddling_two_words_are_not_terms(index, book, cases):
    """``市创新`` is the end of 城市/本市… and the word 创新: its characters do not hold together."""
    from reader.domain.terms import MIN_STICKINESS

    assert index.stickiness("仲裁") == pytest.approx(1.0)
    assert index.stickiness("市创新") < MIN_STICKINESS <= index.stickiness("国际商事")
    assert index.count("仲裁") == sum(plain_text(c).count("仲裁") for c in cases)
    sharing = [c for c in cases if "市创新" in plain_text(c)][:2]
    assert len(sharing) == 2
    assert "市创新" not in [t.text for t in index.shared_terms(sharing, limit=30)]


def test_a_case_outside_the_index_counts_too(index, book):
    import dataclasses

    imported = dataclasses.replace(book.case("stid-a-22"), id="imported-1")
    terms = index.shared_terms([book.case("stid-a-02"), imported])
    assert "仲裁" in [t.text for t in terms]
    arb = next(t for t in terms if t.text == "仲裁")
    assert arb.df == index.df("仲裁") + 1


# Similar cases -------------------------------------------------------------------------------------


def test_similar_cases_are_ranked_and_exclude_the_case(index, arbitration):
    case_id = arbitration[0].id
    similar = index.similar(case_id, limit=10)
    assert len(similar) == 10
    assert case_id not in [s.case_id for s in similar]
    scores = [s.score for s in similar]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert len({s.case_id for s in similar}) == 10


def test_an_arbitration_case_ranks_another_arbitration_case_high(index, book):
    top = index.similar("stid-a-02", limit=3)
    assert any(plain_text(book.case(s.case_id)).count("仲裁") >= 5 for s in top), top
    # the three legal-services cases (国际商事争端解决, 多元化法律服务体系, 涉外法律服务)
    assert {s.case_id for s in top} == {"stid-a-22", "stid-c-03", "stid-c-02"}


def test_place_names_do_not_make_cases_similar(index):
    """SPV 跨境设备租赁 (stid-a-11) shares 临港新片区 and 自贸试验区 with the arbitration case, no subject."""
    assert "stid-a-11" not in [s.case_id for s in index.similar("stid-a-02", limit=5)]


def test_no_case_is_similar_to_itself(index, cases):
    for case in cases:
        ranked = index.similar(case.id, limit=80)
        assert len(ranked) == 79
        assert case.id not in {s.case_id for s in ranked}
    assert index.similar("no-such-case") == []


def test_similarity_is_symmetric_and_self_is_one(index):
    assert index.similarity("stid-a-02", "stid-a-22") == pytest.approx(index.similarity("stid-a-22", "stid-a-02"))
    assert index.similarity("stid-a-02", "stid-a-02") == pytest.approx(1.0)


def test_similar_for_a_case_outside_the_index(index, book):
    import dataclasses

    imported = dataclasses.replace(book.case("stid-a-02"), id="imported-2")
    ranked = index.similar(imported, limit=5)
    assert ranked[0].case_id == "stid-a-02", "its twin in the casebook comes first"
    assert "imported-2" not in [s.case_id for s in ranked]


# Finding terms in text -----------------------------------------------------------------------------


def test_term_spans_use_search_normalisation_and_prefer_earlier_terms():
    text = "仲 裁委员会与国际仲裁院；ＡＢ"
    spans = term_spans(text, ["仲裁院", "仲裁", "ab"])
    assert [(text[a:b], i) for a, b, i in spans] == [("仲 裁", 1), ("仲裁院", 0), ("ＡＢ", 2)]
    assert term_spans("仲\n裁", ["仲裁"]) == [], "never across a line break"
    assert term_spans("", ["仲裁"]) == [] and term_spans("仲裁", []) == []
