"""Near-genre documents and the corrections a user makes in the import preview (parse level, no Qt)."""

from __future__ import annotations

import pytest

from reader.ingest import NoCasesError, parse_document

BODY = "一、主要做法\n推进改革，取得成效。\n二、实践效果\n效果明显。"


def case(title: str, contrib: str = "") -> str:
    return "\n".join(x for x in (title, contrib, "这是导语段落。", BODY) if x)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("（广州市提供）", ("广州市",)),
        ("（常德市商务局供稿）", ("常德市商务局",)),
        ("报送单位：常德市商务局", ("常德市商务局",)),
        ("报送单位：北京市、天津市", ("北京市", "天津市")),
        ("——常德市推进跨境贸易便利化的典型经验", ("常德市",)),
    ],
)
def test_contributor_lines_in_every_form(line, expected):
    text = case("1.推行跨境贸易便利化", line) + "\n" + case("2.打造数字化平台", line)
    cases = parse_document(text, batch_id="b", layout="paragraphs").batch.cases
    assert [c.contributors for c in cases] == [expected, expected]
    assert [c.title for c in cases] == ["推行跨境贸易便利化", "打造数字化平台"]


@pytest.mark.parametrize("sep", ["：", "—"])
def test_contributor_at_the_start_of_titles(sep):
    text = "\n".join(
        case(f"{n}.{place}{sep}{t}") for n, place, t in [(1, "北京怀柔", "打造影视基地"), (2, "银川市", "建设数字枢纽")]
    )
    cases = parse_document(text, batch_id="b", layout="paragraphs").batch.cases
    assert [c.contributors for c in cases] == [("北京怀柔",), ("银川市",)]


def test_a_date_line_under_the_batch_title_is_the_batch_date():
    text = "服务贸易创新发展典型经验\n（2025年12月）\n" + case("1.推行跨境贸易便利化", "（广州市提供）")
    batch = parse_document(text, batch_id="b", layout="paragraphs").batch
    assert batch.title == "服务贸易创新发展典型经验"
    assert batch.date == "2025年12月"


def test_a_line_ending_inside_a_bracket_is_no_title():
    """Hard-wrapped, no blank lines: a lead line cut inside a bracket must not become a case."""
    lines = [
        "1.打造国际数据通道",
        "（重庆市提供）",
        "  重庆市建设中新国际数据通道，开通国际互联网专用通道（简",
        "称专用通道），服务企业数百家，降低时延，提升速度效果明显。",
        "一、主要做法",
        "  推进改革，取得成效。",
        "二、实践效果",
        "  效果明显。",
    ]
    result = parse_document("\n".join(lines), batch_id="b", layout="pdf-text")
    (only,) = result.batch.cases
    assert only.lead and only.lead[0].startswith("重庆市建设")


def test_duplicate_titles_are_reported_once_with_their_count():
    text = "\n".join(case(f"{n}.同一个标题", "（广州市提供）") for n in range(1, 41))
    result = parse_document(text, batch_id="b", layout="paragraphs")
    assert len(result.batch.cases) == 40
    assert len({c.id for c in result.batch.cases}) == 40
    dup = [str(w) for w in result.warnings if "同一个标题" in w]
    assert dup == ["the title “同一个标题” occurs 40 times"]
    assert len(result.warnings) == len(set(result.warnings))


def test_no_recognisable_case_then_one_case_on_request():
    text = "关于开展试点工作的报告\n一是推进改革。\n二是加强保障。"
    with pytest.raises(NoCasesError):
        parse_document(text, batch_id="b", layout="paragraphs")
    result = parse_document(text, batch_id="b", layout="paragraphs", whole=True)
    (only,) = result.batch.cases
    assert only.title == "关于开展试点工作的报告"
    assert only.lead == ("一是推进改革。", "二是加强保障。")
    assert any("one case" in w for w in result.warnings)


def test_marking_a_title_splits_and_merging_joins():
    text = case("1.第一个案例", "（广州市提供）") + "\n另一个案例标题\n另一段导语。\n" + case("2.第二个案例")
    result = parse_document(text, batch_id="b", layout="paragraphs")
    assert [c.title for c in result.batch.cases] == ["第一个案例", "第二个案例"]
    assert "另一个案例标题" in result.batch.cases[0].sections[-1].blocks[-2].text
    line = next(no for no, t in result.paragraphs if t == "另一个案例标题")
    split = parse_document(text, batch_id="b", layout="paragraphs", titles={line})
    assert [c.title for c in split.batch.cases] == ["第一个案例", "另一个案例标题", "第二个案例"]
    assert split.batch.cases[1].lead == ("另一段导语。",)
    assert split.title_lines == [1, line, result.title_lines[1]]
    merged = parse_document(text, batch_id="b", layout="paragraphs", titles={line}, not_titles={line})
    assert [c.title for c in merged.batch.cases] == ["第一个案例", "第二个案例"]
    second = result.title_lines[1]
    merged = parse_document(text, batch_id="b", layout="paragraphs", not_titles={second})
    assert [c.title for c in merged.batch.cases] == ["第一个案例"]


def test_the_first_line_of_a_two_line_title_is_no_batch_title():
    text = "关于推进服务贸易创新发展的\n常德市跨境贸易便利化典型经验做法\n（常德市商务局供稿）\n这是导语段落。\n" + BODY
    result = parse_document(text, batch_id="b", source="经验.txt", layout="paragraphs")
    (only,) = result.batch.cases
    assert only.title == "关于推进服务贸易创新发展的常德市跨境贸易便利化典型经验做法"
    assert only.contributors == ("常德市商务局",)
    assert result.batch.title == "经验"  # the document states no other title
