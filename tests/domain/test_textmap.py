from __future__ import annotations

import pytest

from reader.domain.textmap import TextMap, TextMapError

SEGMENTS = ["标题", "第一段 有空格", "二、主要做法"]
RENDERED = "批次 · 类别\n1. 标题\n上海市\n第一段\u00a0有空格\n二、主要做法"


def test_offsets_round_trip():
    m = TextMap(SEGMENTS, RENDERED)
    plain = "\n".join(SEGMENTS)
    for pos in range(len(plain)):
        if plain[pos] == "\n":
            continue
        doc = m.plain_to_doc(pos)
        assert RENDERED[doc].replace("\u00a0", " ") == plain[pos]
        assert m.doc_to_plain(doc) == pos


def test_decoration_maps_to_none():
    m = TextMap(SEGMENTS, RENDERED)
    assert m.doc_to_plain(0) is None  # "批次"


def test_span_across_segments_skips_decoration():
    m = TextMap(SEGMENTS, RENDERED)
    plain = "\n".join(SEGMENTS)
    start, end = plain.index("标"), plain.index("有") + 1
    spans = m.plain_span_to_doc(start, end)
    assert ["".join(RENDERED[a:b] for a, b in spans)] == ["标题第一段\u00a0有"]
    assert m.doc_span_to_plain(0, len(RENDERED)) == (0, len(plain))


def test_missing_segment_is_an_error():
    with pytest.raises(TextMapError):
        TextMap(["不存在"], RENDERED)


def test_word_joiners_in_the_rendering_are_stepped_over():
    # The reader keeps a title's words whole with U+2060 between their characters: not case text.
    segments = ["深化仲裁改革", "正文"]
    rendered = "2. 深化\u2060仲\u2060裁改\u2060革\n正文"
    m = TextMap(segments, rendered)
    plain = "\n".join(segments)
    for pos, ch in enumerate(plain):
        if ch == "\n":
            continue
        doc = m.plain_to_doc(pos)
        assert rendered[doc] == ch
        assert m.doc_to_plain(doc) == pos
    # A span is exactly the characters (with the joiners inside it), one span per segment.
    a, b = plain.index("仲"), plain.index("裁") + 1
    assert [rendered[x:y] for x, y in m.plain_span_to_doc(a, b)] == ["仲\u2060裁"]
    assert m.plain_span_to_doc(0, len(plain)) == [(3, 12), (13, 15)]
    # A selection of the rendered title gives the plain span, joiners or not.
    assert m.doc_span_to_plain(rendered.index("仲"), rendered.index("改")) == (a, b)
    assert m.doc_span_to_plain(0, len(rendered)) == (0, len(plain))
    # The end of a segment maps right after its last character, not past the next joiner.
    assert m.plain_to_doc(len(segments[0])) == rendered.index("\n")
