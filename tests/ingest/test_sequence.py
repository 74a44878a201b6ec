"""Case titles confirmed by the next number in sequence; a broken sequence is a warning, not a new case."""

from __future__ import annotations

import re

from reader.ingest import parse_document

INTRO = "某某经验汇编"


def numbered_case(number: str, title: str, *points: str) -> list[str]:
    """A case marked only by its number: no contributor line, no 一、 section; maybe numbered points."""
    return [f"{number}{title}", f"{title}的做法是推进改革，取得了明显成效。", *points, "下一步将继续总结推广。"]


def parse(lines: list[str]):
    return parse_document("\n".join([INTRO, *lines]), batch_id="b", layout="paragraphs")


def codes(result) -> list[str]:
    return [w.code for w in result.warnings]


def test_numbers_in_sequence_confirm_titles_and_points_stay_points():
    lines = (
        numbered_case("1、", "建立跨境服务机制", "1、建立协调机制", "2、完善配套政策", "3、强化人才支撑")
        + numbered_case("2、", "打造数字贸易平台", "1.搭建平台", "2.拓展应用")  # another list style: 3、 is a title
        + numbered_case("3、", "深化金融开放创新")
    )
    result = parse(lines)
    cases = result.batch.cases
    assert [(c.number, c.title) for c in cases] == [
        (1, "建立跨境服务机制"),
        (2, "打造数字贸易平台"),
        (3, "深化金融开放创新"),
    ]
    assert cases[0].lead[1:4] == ("1、建立协调机制", "2、完善配套政策", "3、强化人才支撑")
    assert "numbered-not-case" not in codes(result)


def test_a_case_title_right_after_a_list_that_reaches_its_number():
    # case 1's points go 1, 2 (run-in sentences); "2、…" after them could go on the list but is a short title
    lines = numbered_case("1、", "建立跨境服务机制", "1、建立机制。具体做法如下。") + numbered_case(
        "2、", "打造数字贸易平台"
    )
    result = parse(lines)
    assert [c.number for c in result.batch.cases] == [1, 2]


def test_a_skipped_number_is_a_case_when_the_sequence_goes_on_and_a_warning():
    lines = (
        numbered_case("1、", "甲案例标题")
        + numbered_case("2、", "乙案例标题")
        + numbered_case("4、", "丁案例标题")
        + numbered_case("5、", "戊案例标题")
    )
    result = parse(lines)
    assert [c.number for c in result.batch.cases] == [1, 2, 4, 5]
    assert any("jump from 2 to 4" in str(w) for w in result.warnings)


def test_a_repeated_number_is_a_warning_not_a_new_case():
    lines = (
        numbered_case("1、", "甲案例标题")
        + numbered_case("2、", "乙案例标题")
        + numbered_case("2、", "丙案例标题")
        + numbered_case("3、", "丁案例标题")
    )
    result = parse(lines)
    assert [c.title for c in result.batch.cases] == ["甲案例标题", "乙案例标题", "丁案例标题"]
    assert "2、丙案例标题" in result.batch.cases[1].lead
    (warning,) = [w for w in result.warnings if w.code == "numbered-not-case"]
    assert warning.params["after"] == 2 and "丙案例标题" in str(warning)


def test_a_number_out_of_sequence_that_nothing_follows_is_a_warning():
    lines = numbered_case("1、", "甲案例标题") + numbered_case("2、", "乙案例标题") + ["7、另一个标题", "这里是正文。"]
    result = parse(lines)
    assert [c.number for c in result.batch.cases] == [1, 2]
    assert "7、另一个标题" in result.batch.cases[1].lead
    assert "numbered-not-case" in codes(result)


def test_a_lone_numbered_line_is_no_case():
    lines = ["1、一个编号的标题", "只有一段正文，没有别的案例。"]
    result = parse_document("\n".join([INTRO, *lines]), batch_id="b", layout="paragraphs", whole=True)
    assert [c.number for c in result.batch.cases] == [None]  # the whole document, as one case on request


def test_numbered_points_of_unnumbered_cases_are_no_titles():
    body = ["一、主要做法", "1、建立协调机制", "2、完善配套政策", "3、强化人才支撑", "二、取得成效", "成效明显。"]
    lines = ["甲案例标题", "（广州市提供）", "导语。", *body, "乙案例标题", "（深圳市提供）", "导语。", *body]
    result = parse(lines)
    assert [c.title for c in result.batch.cases] == ["甲案例标题", "乙案例标题"]
    assert [c.number for c in result.batch.cases] == [None, None]


def test_confirmed_cases_bound_the_sequence():
    # case 3 is confirmed by its contributor line; a "3、" point before it is below no ceiling and is no title
    lines = (
        numbered_case("1、", "甲案例标题")
        + numbered_case("2、", "乙案例标题", "3、一个要点")
        + ["3、丙案例标题", "（广州市提供）", "导语。", "一、主要做法", "做法。"]
    )
    result = parse(lines)
    assert [(c.number, c.title) for c in result.batch.cases] == [
        (1, "甲案例标题"),
        (2, "乙案例标题"),
        (3, "丙案例标题"),
    ]


def printed_width(text: str) -> int:
    """Half-width units: a Chinese character or full-width mark 2, a digit or Latin letter 1."""
    return sum(1 if ch.isascii() else 2 for ch in text)


def wrap(para: str, width: float = 52, indent: float = 4) -> list[str]:
    """``para`` printed ``width`` half-width units a line, its first line indented; a number is never split
    (it moves to the next line whole, so lines start with ``2022年…`` or ``3.5亿…``)."""
    lines, line, limit = [], "", width - indent
    for k, ch in enumerate(para):
        run = re.match(r"[0-9.]+", para[k:]) if not (k and para[k - 1] in "0123456789.") else None
        piece = run.group() if run else ch
        if line and printed_width(line + piece) > limit:
            lines.append(line)
            line, limit = "", width
        line += ch
    return [*lines, line]


def test_wrapped_lines_starting_with_a_number_are_no_titles():
    # hard-wrapped text (pdf-text) whose lines start with 2022年… and 3.…: one case, no warning about numbers
    lead = (
        "本市持续推动服务业扩大开放综合试点改革工作，截至2022年底，累计服务企业三千余家，涉及金融贸易物流文化等领域"
        "，形成了一批可复制可推广的经验做法，全年安排的专项资金达3.5亿元，支持重点项目和平台建设，其中资金超过了12.5亿元"
        "的项目有一个。"
    )
    points = "主要措施包括：1.建立跨部门协调机制；2.完善政策；3.强化人才支撑和服务保障，取得了实效。"
    lines = [
        "1.甲案例标题",
        "（广州市提供）",
        *wrap(lead),
        *wrap(points),
        "一、主要做法",
        *wrap("推进改革，完善机制。" * 8),
    ]
    starts = [line[:5] for line in lines[2:] if line[:1].isdigit()]
    assert any(s.startswith("2022年") for s in starts) and any(s.startswith("3.强化") for s in starts)
    result = parse_document("\n".join(lines), batch_id="b", layout="pdf-text")
    (only,) = result.batch.cases
    assert only.title == "甲案例标题"
    assert only.lead[0] == lead
    assert "".join(only.lead[1:]) == points
    assert "numbered-not-case" not in codes(result)
