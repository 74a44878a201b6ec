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
