"""Slide splitting without Qt: a fake measure counts lines of characters; the real cases are cut up."""

from __future__ import annotations

import dataclasses
import math
import re
import subprocess
import sys

import pytest

from reader.domain.case import Block, BlockKind, Case, Section
from reader.domain.slides import (
    CLOSERS,
    SENTENCE_ENDS,
    Deck,
    DeckEntry,
    Piece,
    Role,
    Slide,
    SlideError,
    SlideKind,
    paginate,
    pair_cohesion,
    sentence_spans,
    with_word_joiners,
    word_joins,
)
from reader.domain.text import case_segments, plain_text

LINE = 10.0  # height of a line of the fake measure


def fake_measure(chars_per_line: int):
    """Height of a slide: each piece (and the context line) takes whole lines of ``chars_per_line``."""

    def measure(slide: Slide) -> float:
        lines = 1 if slide.context else 0
        if slide.kind is SlideKind.TITLE:
            lines += 2  # batch line and contributors
        for piece in slide.pieces:
            lines += max(1, math.ceil(len(piece.text) / chars_per_line))
        return lines * LINE

    return measure


@pytest.fixture(scope="module")
def cases():
    from pathlib import Path

    from reader.storage.casebook import Casebook

    book = Casebook.open(Path(__file__).resolve().parents[2] / "data" / "casebook.db")
    try:
        yield book.cases([c.id for b in book.batches() for c in b.cases])
    finally:
        book.close()


def longest(cases) -> Case:
    return max(cases, key=lambda c: len(plain_text(c)))


def alone(slide: Slide, piece: Piece, a: int, b: int, before: tuple[Piece, ...] = ()) -> Slide:
    """A slide holding only ``[a, b)`` of ``piece``'s segment (as a continuation slide would), after the
    pieces ``before``."""
    segment = piece.text if piece.start == 0 and piece.end == piece.segment_length else None
    text = segment[a:b] if segment is not None else None
    return Slide(
        kind=slide.kind,
        case_id=slide.case_id,
        pieces=(
            *before,
            Piece(piece.role, piece.seq, a, b, text or "x" * (b - a), piece.plain_start, piece.segment_length),
        ),
        start=0,
        end=b - a,
        text=text or "",
        context="context",
    )


KEEP_WITH_NEXT = (Role.HEADING1, Role.HEADING2, Role.BOX_TITLE)
#: Lead-ins as a reader sees them: 一是…, 第二，…, 首先… (written here, not taken from the code under test).
LEAD_IN = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，、是]|首先|其次|再次|最后)")


def keeps_with_next(piece: Piece) -> bool:
    """A piece that must not be the last thing on a slide when its text goes on after it."""
    if piece.role in KEEP_WITH_NEXT:
        return True
    return (bool(LEAD_IN.match(piece.text)) and len(piece.text) <= 40) or (
        piece.role is Role.BOX_PARAGRAPH and piece.start == 0 and len(piece.text) <= 40 and piece.continues
    )


def check_sentences(case: Case, slides: list[Slide], measure, height: float) -> None:
    """Every cut inside a segment is at a sentence end, unless that sentence overflows a slide alone or with
    the headings that must stay with it (all that comes before it on the slide)."""
    texts = [s.text for s in case_segments(case)]
    for slide in slides[:-1]:
        last = slide.pieces[-1]
        if not last.continues:
            continue  # the slide ends where a paragraph or heading ends
        text = texts[last.seq]
        assert text[last.start : last.end] == last.text
        cut = last.end
        if text[cut - 1] in SENTENCE_ENDS + CLOSERS + " \u3000":
            continue
        (a, b) = next((a, b) for a, b in sentence_spans(text) if a < cut < b)
        before = slide.pieces[:-1] if all(keeps_with_next(p) for p in slide.pieces[:-1]) else ()
        opening = Piece(last.role, last.seq, last.start, a, text[last.start : a], 0, len(text))
        if a > last.start and keeps_with_next(opening):  # a lead-in before the sentence stays with it
            a = last.start
        lone = alone(slide, Piece(last.role, last.seq, 0, len(text), text, 0, len(text)), a, b, before)
        if before:
            lone = dataclasses.replace(lone, context=slide.context)
        assert measure(lone) > height, f"cut inside a sentence that fits a slide: {text[a:b]!r}"


# ---------------------------------------------------------------------------------------------


def test_sentence_spans_keep_closers_and_cover_the_text():
    text = "他说：“好。”然后走了！真的？是；否。尾巴"
    spans = sentence_spans(text)
    assert "".join(text[a:b] for a, b in spans) == text
    assert [text[a:b] for a, b in spans] == ["他说：“好。”", "然后走了！", "真的？", "是；", "否。", "尾巴"]
    assert sentence_spans("") == [(0, 0)]
    assert sentence_spans("。。！") == [(0, 3)]


@pytest.mark.parametrize("chars_per_line,lines", [(30, 8), (20, 6), (60, 30), (12, 4)])
def test_every_character_exactly_once_in_order(cases, chars_per_line, lines):
    measure, height = fake_measure(chars_per_line), lines * LINE
    for case in cases:
        slides = paginate(case, measure=measure, height=height)
        whole = plain_text(case)
        assert "".join(s.text for s in slides) == whole, case.id
        position = 0
        for s in slides:
            assert s.start == position and s.end == position + len(s.text)
            assert whole[s.start : s.end] == s.text
            for p in s.pieces:
                assert whole[p.plain_start : p.plain_end] == p.text
            position = s.end


def test_title_slide_first(cases):
    for case in cases:
        slides = paginate(case, measure=fake_measure(30), height=100, batch_title="第一批")
        assert slides[0].kind is SlideKind.TITLE
        assert slides[0].text == case.title + "\n"
        assert slides[0].batch_title == "第一批" and slides[0].case is case
        assert all(s.kind is SlideKind.BODY for s in slides[1:])


@pytest.mark.parametrize("chars_per_line,lines", [(30, 8), (20, 6), (12, 4), (8, 3)])
def test_never_cuts_a_sentence_that_fits(cases, chars_per_line, lines):
    measure, height = fake_measure(chars_per_line), lines * LINE
    # tiny slides (most sentences overflow) on every fourth case, to keep the test quick
    for case in cases if chars_per_line > 8 else [*cases[::4], longest(cases)]:
        slides = paginate(case, measure=measure, height=height)
        check_sentences(case, slides, measure, height)


@pytest.mark.parametrize("chars_per_line,lines", [(30, 8), (12, 4)])
def test_every_slide_fits(cases, chars_per_line, lines):
    measure, height = fake_measure(chars_per_line), lines * LINE
    for case in cases:
        for s in paginate(case, measure=measure, height=height):
            assert measure(s) <= height or len(s.text.rstrip("\n")) == 1, (case.id, s.text)


def test_slide_ends_at_sentence_end_on_the_longest_case(cases):
    case = longest(cases)
    measure, height = fake_measure(25), 10 * LINE
    slides = paginate(case, measure=measure, height=height)
    assert len(slides) > 10
    for s in slides[:-1]:
        body = s.text.rstrip("\n")
        last = s.pieces[-1]
        assert not last.continues or body[-1] in SENTENCE_ENDS + CLOSERS, repr(body[-20:])


def test_units_headings_and_continuations(cases):
    case = next(c for c in cases if c.id == "stid-a-01")
    slides = paginate(case, measure=fake_measure(1000), height=1000)
    # title, lead, then one slide per subsection (a heading alone joins the unit after it)
    assert [s.kind for s in slides[:2]] == [SlideKind.TITLE, SlideKind.BODY]
    assert slides[1].anchor == "lead"
    assert slides[2].text.startswith("一、 主要做法\n（一）") or slides[2].text.startswith("一、主要做法\n（一）")
    assert slides[2].anchor == "s1.1"
    subsections = sum(len(s.subsections) for s in case.sections)
    assert len(slides) == 2 + subsections
    assert all(s.context == "" for s in slides)
    # small slides: continuation slides carry their unit's heading as context
    small = paginate(case, measure=fake_measure(20), height=5 * LINE)
    continued = [s for s in small if s.context]
    assert continued and all(s.context.startswith("（") or s.context == "" for s in continued)
    # a heading never ends a slide when its text follows
    for s in small:
        if len(s.pieces) > 1:
            assert s.pieces[-1].role not in (Role.HEADING1, Role.HEADING2) or s is small[-1]


def test_roles_of_points_and_boxes(cases):
    case = next(c for c in cases if any(b.kind is BlockKind.BOX for s in c.walk() for b in s.blocks))
    roles = {p.role for s in paginate(case, measure=fake_measure(40), height=400) for p in s.pieces}
    assert {Role.TITLE, Role.HEADING1, Role.HEADING2, Role.PARAGRAPH, Role.BOX_TITLE, Role.BOX_PARAGRAPH} <= roles


def synthetic(text: str) -> Case:
    return Case(
        id="x-1",
        batch_id="x",
        ordinal=1,
        title="标题",
        sections=(Section(label="一、", title="做法", blocks=(Block(BlockKind.PARAGRAPH, text),)),),
    )


def test_an_overlong_sentence_is_cut_at_commas_then_characters():
    clause = "甲" * 15 + "，"
    case = synthetic(clause * 6 + "乙" * 70 + "。短句。")
    measure, height = fake_measure(10), 3 * LINE  # 30 characters a slide at most (20 with a context line)
    slides = paginate(case, measure=measure, height=height)
    assert "".join(s.text for s in slides) == plain_text(case)
    bodies = [s.text for s in slides[1:]]
    # the clauses: cuts after "，"
    assert any(t.endswith("，") for t in bodies)
    # the 70-character run without punctuation is cut between characters, and nothing overflows
    assert all(measure(s) <= height for s in slides)
    assert bodies[-1].endswith("短句。") or bodies[-1] == "短句。"


def test_sections_only_shows_chosen_parts(cases):
    case = next(c for c in cases if c.id == "stid-a-01")
    measure = fake_measure(1000)
    slides = paginate(case, measure=measure, height=1000, sections=["s2.1"])
    assert slides[0].kind is SlideKind.TITLE
    text = "".join(s.text for s in slides[1:])
    assert text.startswith(case.sections[1].heading + "\n" + case.sections[1].subsections[0].heading)
    assert case.sections[1].subsections[1].heading not in text
    assert case.lead[0] not in text
    # a top-level section brings its subsections; "lead" the lead
    slides = paginate(case, measure=measure, height=1000, sections=["lead", "s3"])
    anchors = [s.anchor for s in slides]
    assert anchors == ["", "lead", "s3.1", "s3.2", "s3.3"]


def test_deck_finds_passages(cases):
    a = next(c for c in cases if c.id == "stid-a-01")
    b = next(c for c in cases if c.id == "stid-a-02")
    entries = [DeckEntry(a, "批"), DeckEntry(b, "批", notes="第二个"), DeckEntry(a, "批", sections=("s2",))]
    deck = Deck.build(entries, measure=fake_measure(20), height=6 * LINE)
    assert [deck.entry_index(i) for i in range(len(deck))] == sorted(deck.entry_index(i) for i in range(len(deck)))
    titles = [i for i, s in enumerate(deck.slides) if s.kind is SlideKind.TITLE]
    assert len(titles) == 3 and titles[0] == 0
    offset = plain_text(a).index("国际优质知识产权服务资源加速集聚")
    first = deck.index_of("stid-a-01", offset)
    assert deck[first].contains(offset) and deck.entry_index(first) == 0
    third = deck.index_of("stid-a-01", offset, entry=2)
    assert deck[third].contains(offset) and deck.entry_index(third) == 2
    assert deck.entry_of(titles[1]).notes == "第二个"
    assert deck.index_of("nope", 5) == 0
    # an offset in a section the entry leaves out: the last slide before it
    lead_offset = plain_text(a).index(a.lead[0][:10])
    assert deck.index_of("stid-a-01", lead_offset, entry=2) == titles[2]


def test_bad_height():
    with pytest.raises(SlideError):
        paginate(synthetic("正文。"), measure=fake_measure(10), height=0)


def test_is_qt_free():
    code = (
        "import sys, reader.domain.slides, reader.storage.playlists\n"
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=__file__.rsplit("/tests/", 1)[0]).returncode == 0


# ---------------------------------------------------------------------------------------------
# A paragraph's bold lead (Block.lead)

LEAD = "打造穗港全科诊疗服务。"  # a lead the source set in bold, with no 一是-style enumeration
REST = "广州市依照香港及国际全科诊室标准打造港式家庭医生工作室。设立首个以香港医生提供医疗服务为核心的全科门诊部。"


def lead_case(lead: int) -> Case:
    opening = Block(BlockKind.PARAGRAPH, "推动优质医疗服务资源跨境衔接，两地合作不断深化，成效明显。")
    led = Block(BlockKind.PARAGRAPH, LEAD + REST, lead=lead)
    section = Section("一、", "主要做法", blocks=(opening, led))
    return Case(id="x", batch_id="b", ordinal=1, title="标题", sections=(section,))


def test_a_bold_lead_keeps_with_the_rest_of_its_paragraph_and_is_marked_on_its_piece():
    # 10 characters a line, 7 lines: the heading (1) and the opening (3) leave 3 lines, room for the lead
    # sentence (2) but not for the next one.
    measure, height = fake_measure(10), 7 * LINE
    plain = paginate(lead_case(0), measure=measure, height=height)
    assert plain[1].pieces[-1].text == LEAD  # not bold: nothing keeps it from ending the slide
    led = paginate(lead_case(len(LEAD)), measure=measure, height=height)
    assert [p.text for p in led[1].pieces] == ["一、主要做法", lead_case(0).sections[0].blocks[0].text]
    first = led[2].pieces[0]
    assert first.text.startswith(LEAD) and first.lead == (0, len(LEAD))
    assert first.text[slice(*first.lead)] == LEAD
    assert all(p.lead == (0, 0) for s in led[3:] for p in s.pieces)  # the rest of the paragraph is not bold
    assert "".join(s.text for s in led) == "".join(s.text for s in plain) == plain_text(lead_case(0))


def test_a_point_lead_is_marked_after_its_label():
    point = Block(BlockKind.POINT, LEAD + REST, label="1.", lead=len(LEAD))
    case = Case(id="x", batch_id="b", ordinal=1, title="标题", sections=(Section("一、", "主要做法", blocks=(point,)),))
    (piece,) = [p for s in paginate(case, measure=fake_measure(100), height=100 * LINE) for p in s.pieces][2:]
    assert piece.text[slice(*piece.lead)] == LEAD and piece.lead == (2, 2 + len(LEAD))


def breaks_of(text: str, cohesion) -> str:
    """``text`` with "|" where a line may begin (the complement of word_joins)."""
    joins = set(word_joins(text, cohesion))
    return "".join(("|" if i and i not in joins else "") + ch for i, ch in enumerate(text))


def test_word_joins_keep_words_whole_and_no_character_alone():
    body = "数据跨境流动。推进建设。港口建设。国际合作。跨境数据。流动性。建设项目。港口。"
    cohesion = pair_cohesion(body)
    # 数据, 跨境, 流动, 建设 are words in this text; the space is the best break; 数|据 never.
    # 港 alone between two breaks goes with what follows.
    assert breaks_of("探索数据跨境流动 推进国际数据港建设", cohesion) == "探索|数据|跨境|流动 |推进|国际|数据|港建设"
    # A line never begins with 的 or 化, nor ends on a lone first or last character, nor holds one alone.
    out = breaks_of("对外籍人员的管理", lambda _p: 0.0)
    assert "|的" not in out and not out.startswith("对|") and not out.endswith("|理")
    assert all(len(piece) > 1 for piece in out.split("|")), out
    assert "|化" not in breaks_of("便利化服务", lambda _p: 0.0)
    # Latin letters and digits stay together, brackets with what they enclose.
    assert "F|" not in breaks_of("运用 FTF 账户", lambda _p: 0.0)
    assert "（|" not in breaks_of("创新（试点）服务", lambda _p: 0.0)


def test_with_word_joiners_adds_only_joiners():
    text = "深化仲裁领域改革开放 打造面向全球的亚太仲裁中心"
    joined = with_word_joiners(text, pair_cohesion("仲裁中心，亚太仲裁，仲裁机构。亚太地区。中心城市。"))
    assert joined.replace("\u2060", "") == text
    assert "仲\u2060裁" in joined and "亚\u2060太" in joined and "中\u2060心" in joined
