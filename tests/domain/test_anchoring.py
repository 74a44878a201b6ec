"""Re-anchoring highlights on changed case text, on real text from the bundled casebook."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain import anchoring
from reader.domain.anchoring import Stage, anchor, levenshtein, reanchor
from reader.domain.annotation import (
    CONTEXT_LENGTH,
    AnnotationError,
    TextPositionSelector,
    TextQuoteSelector,
    new_case_note,
    new_highlight,
    selectors_for,
)
from reader.domain.text import plain_text

CASE_ID = "stid-a-01"


@pytest.fixture
def case(casebook):
    return casebook.case(CASE_ID)


@pytest.fixture
def text(case) -> str:
    return plain_text(case)


def at(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def sel(text: str, start: int, end: int) -> tuple[TextQuoteSelector, TextPositionSelector]:
    return selectors_for(text, start, end)


# ---------------------------------------------------------------------------------------------
# Selectors


def test_selectors_carry_context(text):
    start, end = at(text, "预警分析")
    quote, position = sel(text, start, end)
    assert quote.exact == "预警分析" and (position.start, position.end) == (start, end)
    assert quote.prefix == text[start - CONTEXT_LENGTH : start] and len(quote.prefix) == CONTEXT_LENGTH
    assert quote.suffix == text[end : end + CONTEXT_LENGTH]


def test_selectors_at_the_edges(text):
    quote, _ = sel(text, 0, 5)
    assert quote.prefix == "" and quote.exact == text[:5]
    quote, _ = sel(text, len(text) - 3, len(text))
    assert quote.suffix == ""
    with pytest.raises(AnnotationError):
        sel(text, 5, 5)
    with pytest.raises(AnnotationError):
        sel(text, 0, len(text) + 1)


def test_new_highlight_counts_in_plain_text(case, text):
    start, end = at(text, "知识产权服务大厅")
    h = new_highlight(case, start, end, color=3, note="看这里")
    assert h.quote is not None and h.quote.exact == "知识产权服务大厅"
    assert h.position == TextPositionSelector(start, end) and h.case_id == case.id and h.color == 3


# ---------------------------------------------------------------------------------------------
# The stages


def test_unchanged_text_matches_by_position(text):
    for phrase in ("知识产权", "国际知识产权服务大厅", "鼓励高新技术企业委托外国专利代理机构常驻代表机构"):
        for occurrence in range(min(3, text.count(phrase))):
            quote, position = sel(text, *at(text, phrase, occurrence))
            result = anchor(text, quote, position)
            assert result.stage is Stage.POSITION
            assert (result.quote, result.position) == (quote, position)


def test_shifted_by_inserted_text(text):
    start, end = at(text, "国际知识产权服务大厅")
    quote, position = sel(text, start, end)
    inserted = "（本段为新增的说明文字。）\n"
    changed = inserted + text
    result = anchor(changed, quote, position)
    assert result.stage is Stage.QUOTE
    assert result.position == TextPositionSelector(start + len(inserted), end + len(inserted))
    assert result.quote is not None and result.quote.exact == quote.exact


def test_short_repeated_word_keeps_its_own_occurrence(text):
    """The word "知识产权" occurs a dozen times: a shift must land on the same occurrence, found by its context."""
    occurrence = 5
    start, end = at(text, "知识产权", occurrence)
    quote, position = sel(text, start, end)
    changed = text[:150] + "新增一句话。" * 3 + text[150:]
    result = anchor(changed, quote, position)
    assert result.stage is Stage.QUOTE
    assert result.position is not None and result.position.start == at(changed, "知识产权", occurrence)[0]


def test_edited_quote_within_threshold(text):
    phrase = "鼓励高新技术企业委托外国专利代理机构常驻代表机构"  # 24 characters
    start, end = at(text, phrase)
    quote, position = sel(text, start, end)
    edited = "鼓励高新技术企业委托境外专利代理机构常驻代表机构"  # 外国 -> 境外: 2 edits, similarity 0.92
    changed = text[:start] + edited + text[end:]
    result = anchor(changed, quote, position)
    assert result.stage is Stage.FUZZY
    assert result.position == TextPositionSelector(start, start + len(edited))
    assert result.quote is not None and result.quote.exact == edited
    assert result.similarity >= anchoring.QUOTE_THRESHOLD and result.context > 0.9


def test_fuzzy_match_after_shift_and_edit(text):
    phrase = "打通国内外创新主体对接知识产权多元化专业服务"
    start, end = at(text, phrase)
    quote, position = sel(text, start, end)
    edited = phrase.replace("多元化", "多样化")
    changed = "前言。\n" + text[:start] + edited + text[end:]
    result = anchor(changed, quote, position)
    assert result.stage is Stage.FUZZY
    assert result.position is not None and changed[result.position.start : result.position.end] == edited


def test_edit_beyond_threshold_orphans(text):
    phrase = "鼓励高新技术企业委托外国专利代理机构常驻代表机构"
    start, end = at(text, phrase)
    quote, position = sel(text, start, end)
    rewritten = "支持科技型公司聘请境外知识产权代理组织驻华办事处"  # same length, mostly different
    result = anchor(text[:start] + rewritten + text[end:], quote, position)
    assert result.stage is Stage.ORPHAN and result.quote is None and result.position is None


def test_deleted_text_orphans(text):
    sentence_start = text.index("鼓励高新技术企业委托")
    sentence_end = text.index("。", sentence_start) + 1
    start, end = at(text, "预警分析、争端和突发事件")
    assert sentence_start < start < sentence_end
    quote, position = sel(text, start, end)
    changed = text[:sentence_start] + text[sentence_end:]
    assert anchor(changed, quote, position).orphaned


def test_short_quote_of_deleted_sentence_does_not_jump_to_another_occurrence(text):
    """The sentence is gone; "知识产权" still occurs elsewhere, but not with this context: orphan."""
    sentence_start = text.index("鼓励高新技术企业委托")
    sentence_end = text.index("。", sentence_start) + 1
    start = text.index("知识产权", sentence_start)
    assert start < sentence_end
    quote, position = sel(text, start, start + 4)
    changed = text[:sentence_start] + text[sentence_end:]
    assert changed.count("知识产权") > 5
    result = anchor(changed, quote, position)
    assert result.orphaned, result


def test_lookalike_copy_elsewhere_is_not_used_when_the_original_is_deleted(text):
    phrase = "国际化服务高端平台"  # 9 characters: below the "distinctive" length
    start, end = at(text, phrase)
    quote, position = sel(text, start, end)
    line_start = text.rindex("\n", 0, start) + 1
    line_end = text.index("\n", end)
    without = text[:line_start] + text[line_end + 1 :]
    # The same words, in another paragraph with other neighbours.
    changed = without + "\n另外，各地也在探索建设国际化服务高端平台，经验有待总结。"
    result = anchor(changed, quote, position)
    assert result.orphaned and result.reason in ("no-context", "not-found")


def test_duplicated_paragraph_keeps_the_original(text):
    start, end = at(text, "国际知识产权服务大厅")
    quote, position = sel(text, start, end)
    line_start = text.rindex("\n", 0, start) + 1
    line_end = text.index("\n", end)
    paragraph = text[line_start:line_end]
    inserted = "新增加的一段说明。\n"
    changed = inserted + text + "\n" + paragraph  # original shifted, a verbatim copy appended
    result = anchor(changed, quote, position)
    assert result.position is not None and result.position.start == start + len(inserted)


def test_two_equally_good_fuzzy_candidates_orphan(text):
    """The quote was edited and the edited passage now appears twice with the same neighbours: ambiguous."""
    phrase = "鼓励高新技术企业委托外国专利代理机构常驻代表机构"
    start, end = at(text, phrase)
    quote, position = sel(text, start, end)
    edited = phrase.replace("外国", "境外")
    block = quote.prefix + edited + quote.suffix
    changed = text[: start - len(quote.prefix)] + block + "\n" + block + text[end + len(quote.suffix) :]
    result = anchor(changed, quote, position)
    assert result.orphaned and result.reason == "ambiguous"


def test_exact_tie_without_position_orphans(text):
    start, end = at(text, "国际知识产权服务大厅")
    quote, _ = sel(text, start, end)
    block = quote.prefix + quote.exact + quote.suffix
    changed = block + "\n" + block
    assert anchor(changed, quote, None).reason == "ambiguous"
    # With the stored position the nearer copy is chosen.
    second = len(block) + 1 + len(quote.prefix)
    result = anchor(changed, quote, TextPositionSelector(second, second + len(quote.exact)))
    assert result.position is not None and result.position.start == second


def test_short_quotes_only_match_exactly(text):
    start, end = at(text, "预警分析")
    quote, position = sel(text, start, end)
    changed = text[:start] + "预警研判" + text[end:]
    assert anchor(changed, quote, position).orphaned


def test_empty_text_orphans(text):
    quote, position = sel(text, *at(text, "预警分析"))
    assert anchor("", quote, position).orphaned


# ---------------------------------------------------------------------------------------------
# Annotations


def test_reanchor_annotation_orphans_and_comes_back(case, text):
    start, end = at(text, "国际知识产权服务大厅")
    h = new_highlight(case, start, end, note="我的笔记", tags=["重点"])
    gone = text[:start] + text[end:]
    orphan, result = reanchor(h, gone)
    assert result is not None and result.orphaned
    assert orphan.orphaned and orphan.note == "我的笔记" and orphan.quote == h.quote and orphan.position == h.position
    assert orphan.modified == h.modified
    back, result = reanchor(orphan, "开头。\n" + text)
    assert result is not None and result.stage is Stage.QUOTE
    assert not back.orphaned and back.position is not None and back.position.start == start + 4
    same, _ = reanchor(h, text)
    assert same is h


def test_case_note_is_never_orphaned_by_text(case):
    note = new_case_note(case.id, "全案笔记")
    assert reanchor(note, "完全不同的文字") == (note, None)


def test_every_case_of_the_casebook_anchors_to_itself(casebook):
    rng = random.Random(7)
    for c in casebook.cases():
        t = plain_text(c)
        for _ in range(5):
            start = rng.randrange(0, len(t) - 10)
            end = start + rng.randint(1, 40)
            end = min(end, len(t))
            quote, position = sel(t, start, end)
            result = anchor(t, quote, position)
            # An identical passage with identical context may win only if it is the same text.
            assert result.stage is Stage.POSITION or (
                result.position is not None and t[result.position.start : result.position.end] == quote.exact
            ), (c.id, start, end, result)


def test_simulated_edits(casebook):
    """Realistic edits re-anchor at the right place; deleting the sentence rarely finds anything else."""
    rng = random.Random(0)
    texts = [plain_text(c) for c in casebook.cases()][:40]
    right = trials = attached_elsewhere = 0
    for t in texts:
        for _ in range(6):
            length = rng.choice([2, 3, 4, 6, 10, 20, 40])
            s = rng.randrange(60, len(t) - 100)
            e = s + length
            quote, position = sel(t, s, e)
            kind = rng.choice(["replace", "insert", "rewrite", "shift"])
            if kind == "replace":  # a few characters of the context replaced
                k = rng.randint(1, 6)
                a = s - rng.randint(k, 30) if rng.random() < 0.5 else e + rng.randint(0, 30 - k)
                changed, expected = t[:a] + "某" * k + t[a + k :], s
            elif kind == "insert":  # words inserted right before or after
                k = rng.randint(1, 10)
                if rng.random() < 0.5:
                    changed, expected = t[:s] + "新" * k + t[s:], s + k
                else:
                    changed, expected = t[:e] + "新" * k + t[e:], s
            elif kind == "rewrite":  # one side of the context rewritten entirely
                other = rng.choice(texts)
                o = rng.randrange(0, len(other) - 40)
                if rng.random() < 0.5:
                    changed, expected = t[: s - 32] + other[o : o + 32] + t[s:], s
                else:
                    changed, expected = t[:e] + other[o : o + 32] + t[e + 32 :], s
            else:  # a paragraph inserted before
                k = rng.randint(50, 300)
                changed, expected = t[:10] + "插" * k + t[10:], s + k
            result = anchor(changed, quote, position)
            trials += 1
            right += result.position is not None and result.position.start == expected
            a = t.rfind("。", 0, s) + 1
            z = t.find("。", e)
            z = len(t) if z < 0 else z + 1
            attached_elsewhere += not anchor(t[:a] + t[z:], quote, position).orphaned
    assert right / trials >= 0.98, (right, trials)
    assert attached_elsewhere / trials <= 0.02, (attached_elsewhere, trials)


# ---------------------------------------------------------------------------------------------
# The edit-distance machinery


def _naive_levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _naive_search(pattern: str, text: str) -> list[int]:
    m = len(pattern)
    prev = list(range(m + 1))
    out = []
    for ch in text:
        cur = [0]
        for i in range(1, m + 1):
            cur.append(min(prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + (pattern[i - 1] != ch)))
        out.append(cur[m])
        prev = cur
    return out


small_text = st.text(alphabet="abc知识", max_size=14)


@settings(max_examples=300, deadline=None)
@given(small_text, small_text)
def test_levenshtein_matches_the_textbook_algorithm(a, b):
    assert levenshtein(a, b) == _naive_levenshtein(a, b)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abc知识", min_size=1, max_size=12), small_text)
def test_approximate_search_matches_the_textbook_algorithm(pattern, text):
    assert anchoring._myers(pattern, text, anchored=False) == _naive_search(pattern, text)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_exact_quote_in_random_text_is_found(data):
    text = data.draw(st.text(alphabet="甲乙丙丁戊\n", min_size=2, max_size=200))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote, position = selectors_for(text, start, end)
    result = anchor(text, quote, position)
    assert result.position is not None
    assert text[result.position.start : result.position.end] == quote.exact
