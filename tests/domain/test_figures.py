"""Key figures: number parsing and extraction, with expected values written by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.domain.figures import (
    NumberError,
    extract,
    extract_from_text,
    format_value,
    parse_chinese_numeral,
    parse_number,
)

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三百", 300),
        ("三百零五", 305),
        ("一千二百", 1200),
        ("两万三千", 23000),
        ("十万", 100000),
        ("百", 100),
        ("千", 1000),
        ("千万", 10000000),
        ("一亿二千万", 120000000),
        ("三亿", 300000000),
    ],
)
def test_chinese_numerals(text, expected):
    assert parse_chinese_numeral(text) == expected


@pytest.mark.parametrize("text", ["", "一二三", "三十x", "abc"])
def test_not_a_chinese_numeral(text):
    with pytest.raises(NumberError):
        parse_chinese_numeral(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2 亿", 120000000),
        ("43.5", 43.5),
        ("55.6 万", 556000),
        ("5.42亿", 542000000),
        ("2.4 万亿", 2400000000000),
        ("１２３", 123),
        ("２．５万", 25000),
        ("1,234", 1234),
        ("三百", 300),
    ],
)
def test_numbers(text, expected):
    assert parse_number(text) == expected


def _one(text: str):
    found = extract_from_text(text)
    assert len(found) == 1, found
    return found[0]


def test_a_counted_figure_with_its_qualifier_what_and_offsets():
    text = "新聘任的近 400 名境外仲裁员来自 110多个国家和地区。"
    first, second = extract_from_text(text)
    assert (first.value, first.unit, first.qualifier, first.what) == (400, "名", "近", "境外仲裁员")
    assert text[first.start : first.end] == "近 400 名"
    assert (second.value, second.unit, second.qualifier, second.what) == (110, "个", "多", "国家和地区")
    assert text[second.start : second.end] == "110多个"
    assert first.sentence == text


def test_money_scales_fold_into_the_value():
    f = extract_from_text("2022 年，受理国际仲裁案件43 件，标的额 2.2 亿元。")[1]
    assert (f.value, f.unit, f.what, f.when) == (220000000, "元", "标的额", "2022年")
    assert _one("挽回损失 2300 万美元。").value == 23000000
    assert _one("货值突破800亿元人民币。").unit == "元"
    assert _one("累计核验金额约 90 亿美金").unit == "美元"


def test_percentages_ranges_and_shares():
    f = _one("广告营业收入较上年同期增长 30.4%。")
    assert (f.value, f.unit, f.qualifier) == (30.4, "%", "较上年同期增长")
    r = _one("查验时限从原来的 30-90 个工作日缩短。")
    assert (r.value, r.high, r.unit) == (30, 90, "工作日")
    assert (_one("节约 50%—60%的时间成本").value, _one("节约 50%—60%的时间成本").high) == (50, 60)
    assert _one("获取时间压缩三分之二").value == 66.67
    assert (_one("占全市近四成").value, _one("占全市近四成").unit) == (40, "%")
    money_range = _one("平均每家企业融资 400~700 万元人民币。")
    assert (money_range.value, money_range.high) == (4000000, 7000000)


def test_chinese_numerals_and_full_width_digits_in_text():
    assert (_one("累计接待剧组拍摄制作作品三千余部").value, _one("作品三千余部").unit) == (3000, "部")
    assert _one("每月处理单量达到十万票").value == 100000
    f = _one("已集聚２４家金融机构")
    assert (f.value, f.unit, f.what) == (24, "家", "金融机构")
    assert _one("上百家中介服务机构").qualifier == "上"
    assert _one("连续三年举办论坛").value == 3


def test_when_is_the_time_the_sentence_states():
    f = _one("截至 2022 年底，示范区已累计完成投资近 80 亿元。")
    assert (f.when, f.year, f.value, f.qualifier, f.what) == ("截至2022年底", 2022, 8000000000, "累计 近", "投资")
    assert _one("目前平台已有 5 家企业。").when == ""


@pytest.mark.parametrize(
    "text",
    [
        "2022 年 10 月，平台正式运营。",  # dates
        "位居全国第8位，首次跻身前十名。",  # ranks
        "建成 5G 基站。",  # a name
        "临港“金融 50 条”落地。",  # quoted name
        "《2021 年国际仲裁调查报告》显示",  # title
        "提供一站式服务，一次都不用跑。",  # a lone 一
        "为企业节省数百万美元，几分钟完成。",  # vague
        "离岸转手买卖、全球采购、委托境外加工等 3 种模式已落地。",  # a count of the list before it
        "中国 500 强企业签约落地。",  # a name
    ],
)
def test_what_is_not_a_figure(text):
    assert extract_from_text(text) == []


def test_bare_scale_words_need_a_bound_and_shu_before_digits_is_no_vagueness():
    assert [f.value for f in extract_from_text("经营跨境电商企业 96 家，其中亿元级以上企业 20 家。")] == [96, 20]
    assert _one("申请使用特许药械患者人数 9963 人次").value == 9963
    f = _one("获批进口使用 5 个批次进口药物")
    assert (f.value, f.unit) == (5, "批次")


def test_a_count_larger_than_the_list_is_a_figure():
    f = _one("我国与韩国、印度、法国等 20 余个国家签署了协议。")
    assert (f.value, f.unit, f.qualifier) == (20, "个", "余")


def test_format_value():
    assert format_value(120000000, "元") == "1.2 亿元"
    assert format_value(31074000, "人次") == "3107.4 万人次"
    assert format_value(43.5, "%") == "43.5%"
    assert format_value(308, "家") == "308 家"
    assert format_value(2900000000000, "元") == "2.9 万亿元"


def test_a_qualifier_character_inside_a_word_stays_in_the_noun():
    f = _one("单个集装箱成本平均节约 1715 元，大幅降低了成本。")
    assert (f.value, f.qualifier) == (1715, "")
    assert f.what.endswith("节约")
    assert _one("海外专利占比达 35%").what == "海外专利占比"


def test_what_before_skips_the_time_words():
    f = _one("上海市 2022 年 5 月末的融资租赁资产规模约 2.9 万亿元。")
    assert (f.what, f.value, f.qualifier, f.when) == ("融资租赁资产规模", 2900000000000, "约", "2022年5月末")


def test_truth_precision_and_recall_of_value_and_unit():
    """The hand-labelled truth (tests/domain/data): (value, unit) precision and recall at least 0.9."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from figures_bench import score

    from reader import resources
    from reader.storage.casebook import Casebook

    truth = json.loads((DATA / "figures_truth.json").read_text(encoding="utf-8"))
    book = Casebook.open(resources.casebook_path())
    for key in ("cases", "heldout"):
        cases = truth.get(key, {})
        if not cases:
            continue
        s = score(cases, {cid: extract(book.case(cid), lead=False) for cid in cases})
        assert s["value_unit_precision"] >= 0.9, (key, s)
        assert s["value_unit_recall"] >= 0.9, (key, s)
    assert len(truth["cases"]) + len(truth.get("heldout", {})) >= 15


def test_lead_figures_only_where_the_lead_states_a_result():
    from reader.domain.case import Case

    case = Case(
        id="x-1",
        batch_id="x",
        ordinal=1,
        title="标题",
        lead=(
            "《总体方案》提出，支持 3 家机构开展试点。"  # a policy quoted
            "威海市拥有 4 个国家一类开放口岸，海岸线长达 985.9 公里。"  # background
            "全国首批 3 家外国专利代理机构常驻代表机构中的 2 家落户广州开发区。",  # a result
        ),
    )
    found = extract(case)
    assert [(f.value, f.unit, f.source) for f in found] == [(3, "家", "lead"), (2, "家", "lead")]
    assert all(f.sentence.startswith("全国首批") for f in found)


def test_offsets_point_into_the_case_text():
    from reader import resources
    from reader.domain.text import case_segments
    from reader.storage.casebook import Casebook

    book = Casebook.open(resources.casebook_path())
    case = book.case("stid-a-02")
    segments = case_segments(case)
    figures = extract(case)
    assert figures
    for f in figures:
        assert segments[f.segment].text[f.start : f.end] == f.text
        assert f.sentence in segments[f.segment].text


def test_the_domain_module_never_imports_qt():
    code = "import sys, reader.domain.figures; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_a_short_aside_after_the_counter_is_skipped_for_what():
    # stid-c-04 and stid-c-15 print 台（套） and 户（次）: the noun counted follows the bracket
    (devices,) = extract_from_text("共享平台入库 2万台（套）入库仪器设备。")
    assert (devices.value, devices.unit, devices.what) == (20000, "台", "入库仪器设备")
    (firms,) = extract_from_text("累计服务 17571户（次）企业。")
    assert (firms.value, firms.unit, firms.what) == (17571, "户", "企业")
