"""The importer against the real source documents in data/sources.

Every expectation here was read off the source text (titles, contributor lines, headings, boxes), not copied
from the importer's output.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from reader.domain.case import Batch, BlockKind, Case, SectionKind
from reader.domain.text import case_segments
from reader.ingest import IngestError, ManifestEntry, load_manifest, load_sources, parse_document, parse_sources
from reader.ingest.patterns import squash

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"
FILES = {
    "stid-a": "000_db19b12f0daba2d6.txt",
    "stid-b": "001_7d1d9c300672fa55.txt",
    "stid-c": "002_cc94903153f536bd.txt",
    "sop-a": "003_1188d1618b6c3124.txt",
    "sop-c": "004_f96de8abd13efa69.txt",
}
COUNTS = {"stid-a": 25, "stid-b": 20, "stid-c": 16, "sop-a": 8, "sop-c": 11}
NUMBERED = ("stid-a", "stid-b", "stid-c")


def source_text(batch_id: str) -> str:
    return (SOURCES / FILES[batch_id]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def results():
    return {r.batch.id: r for r in parse_sources(SOURCES)}


@pytest.fixture(scope="module")
def batches(results) -> dict[str, Batch]:
    return {batch_id: r.batch for batch_id, r in results.items()}


def case(batches, batch_id: str, ordinal: int) -> Case:
    found = batches[batch_id].cases[ordinal - 1]
    assert found.ordinal == ordinal
    return found


def all_texts(batch: Batch) -> list[str]:
    """Every string the importer produced for a batch: titles, headings, labels, paragraphs, box texts."""
    texts = [batch.title, *batch.preface, *batch.categories]
    for c in batch.cases:
        texts += [s.text for s in case_segments(c)]
        texts += list(c.contributors)
        for section in c.walk():
            texts += [section.label, section.title]
            for block in section.blocks:
                texts += [block.text, *block.children]
                if block.label:
                    texts.append(block.label)
    return texts


# ---------------------------------------------------------------------------------------------
# counts, order, numbers, categories


def test_case_counts(batches):
    assert {batch_id: len(b.cases) for batch_id, b in batches.items()} == COUNTS
    assert sum(COUNTS.values()) == 80


def test_batches_come_in_manifest_order(batches):
    assert [b.id for b in sorted(batches.values(), key=lambda b: b.order)] == list(FILES)
    assert [b.source for b in sorted(batches.values(), key=lambda b: b.order)] == list(FILES.values())


@pytest.mark.parametrize("batch_id", list(FILES))
def test_ordinals_run_one_to_n(batches, batch_id):
    assert [c.ordinal for c in batches[batch_id].cases] == list(range(1, COUNTS[batch_id] + 1))
    assert all(c.batch_id == batch_id for c in batches[batch_id].cases)


@pytest.mark.parametrize("batch_id", NUMBERED)
def test_printed_numbers_where_the_document_numbers_cases(batches, batch_id):
    assert [c.number for c in batches[batch_id].cases] == list(range(1, COUNTS[batch_id] + 1))


@pytest.mark.parametrize("batch_id", ["sop-a", "sop-c"])
def test_no_numbers_where_the_document_does_not_number_cases(batches, batch_id):
    assert all(c.number is None for c in batches[batch_id].cases)


def test_categories_of_the_markdown_attachment_come_from_its_contents(batches):
    b = batches["stid-c"]
    assert b.categories == (
        "扩大服务领域对外开放",
        "提升服务贸易便利水平",
        "创新服务贸易发展模式",
        "健全服务贸易促进体系",
        "优化服务贸易支持政策",
    )
    assert [c.category for c in b.cases] == (
        ["扩大服务领域对外开放"] * 3
        + ["提升服务贸易便利水平"] * 4
        + ["创新服务贸易发展模式"] * 3
        + ["健全服务贸易促进体系"] * 3
        + ["优化服务贸易支持政策"] * 3
    )


def test_categories_of_the_pdf_dump(batches):
    b = batches["sop-a"]
    assert b.categories == ("产业综合类案例", "特色探索类案例")
    assert [c.category for c in b.cases] == ["产业综合类案例"] * 4 + ["特色探索类案例"] * 4


def test_categories_of_the_third_batch(batches):
    b = batches["sop-c"]
    assert b.categories == ("产业生态体系建设", "国际合作和区域协同", "体制机制创新")
    assert Counter(c.category for c in b.cases) == {"产业生态体系建设": 3, "国际合作和区域协同": 4, "体制机制创新": 4}


@pytest.mark.parametrize("batch_id", ["stid-a", "stid-b"])
def test_no_categories_where_there_are_none(batches, batch_id):
    assert batches[batch_id].categories == ()
    assert all(c.category is None for c in batches[batch_id].cases)


# ---------------------------------------------------------------------------------------------
# titles and contributors


@pytest.mark.parametrize(
    ("batch_id", "ordinal", "title"),
    [
        ("stid-a", 1, "创新开展专利代理对外开放试点"),
        ("stid-a", 2, "深化仲裁领域改革开放 打造面向全球的亚太仲裁中心"),
        ("stid-a", 4, "运用 FTF 账户创新境内上市公司外籍员工股权激励新模式"),  # wrapped over two lines
        ("stid-a", 11, "SPV 跨境设备租赁模式创新"),
        ("stid-a", 15, "探索“跨境电商＋中欧班列＋丝路海运”新模式"),
        ("stid-a", 25, "“科技跨境贷”助力企业境外融资"),
        ("stid-b", 1, "优化事业单位对外籍人员的管理和服务"),
        ("stid-b", 2, "川菜做“媒”，促进美食产业双向开放"),
        ("stid-b", 20, "应收账款融资服务助力中小微企业发展"),
        ("stid-c", 1, "航权开放助力打造国际航空枢纽"),
        ("stid-c", 6, "打造跨境海运数据通道助力“智慧物流”"),
        ("stid-c", 16, "出口信用保险助力服务贸易高质量发展"),
    ],
)
def test_sample_titles(batches, batch_id, ordinal, title):
    assert case(batches, batch_id, ordinal).title == title


def test_titles_of_the_unnumbered_pdf_dump(batches):
    assert [c.title for c in batches["sop-a"].cases] == [
        "突破堵点贯通知识产权服务业产业链体系",
        "聚焦关键环节探索创新 促进医疗产业高质量发展",
        "推动融资租赁创新发展 提升服务实体经济能力",
        "多点推动现代物流业创新发展",
        "探索数字化手段在公共管理服务中的多场景应用",
        "完善配套服务支持高新技术产业高质量发展",
        "优化服务体系提升跨境贸易便利化水平",
        "强化人才保障优化营商环境",
    ]


def test_titles_of_the_third_batch_including_the_heading_split_in_two(batches):
    assert [c.title for c in batches["sop-c"].cases] == [
        "优化文化服务供给模式和协同治理体系",
        "创新科技研发和成果转化生态体系",
        "构建医疗资源和数据开放共享生态体系",
        "探索中国—新加坡全环节分布式贸易数字化新模式",  # "# 探索…数字化" + "## 新模式"
        "建立“一联盟一平台二中心” 构建国际数据合作通道",
        "创新跨区域物流通关模式 助力区域开放合作",
        "探索粤港澳大湾区医疗融合新模式",
        "破解分流监管难题 推动离岸贸易高质量发展",
        "深化外资企业注册登记便利化改革",
        "创新协同共享的绿色租赁评价和激励机制",
        "探索“数智化”在线司法解纷新模式",
    ]


def test_titles_have_no_number_prefix_or_markup(batches):
    for b in batches.values():
        for c in b.cases:
            assert c.title == c.title.strip()
            assert not re.match(r"^\d+\s*[.．、]", c.title), c.title
            assert "#" not in c.title and "*" not in c.title and "....." not in c.title


@pytest.mark.parametrize(
    ("batch_id", "ordinal", "contributors"),
    [
        ("stid-a", 1, ("广州市",)),
        ("stid-a", 2, ("上海市",)),  # printed "(上海市提供）"
        ("stid-a", 4, ("上海市",)),  # below a title wrapped over two lines
        ("stid-a", 7, ("北京市", "重庆市", "大连市", "苏州市")),
        ("stid-a", 16, ("苏州市", "杭州市")),
        ("stid-b", 7, ("重庆两江新区",)),
        ("stid-b", 17, ("杭州市", "武汉市", "成都市等试点地区")),
        ("stid-c", 1, ("陕西西咸新区",)),  # printed "(陕西西咸新区提供)"
        ("stid-c", 10, ("哈尔滨市", "西安市", "武汉市")),
        ("stid-c", 16, ("中国出口信用保险公司",)),
    ],
)
def test_sample_contributors(batches, batch_id, ordinal, contributors):
    assert case(batches, batch_id, ordinal).contributors == contributors


@pytest.mark.parametrize("batch_id", NUMBERED)
def test_every_numbered_case_has_contributors(batches, batch_id):
    assert all(c.contributors for c in batches[batch_id].cases)


@pytest.mark.parametrize("batch_id", ["sop-a", "sop-c"])
def test_no_contributors_where_none_are_printed(batches, batch_id):
    assert all(c.contributors == () for c in batches[batch_id].cases)


# ---------------------------------------------------------------------------------------------
# lead, preface, sections


def test_lead_is_the_text_between_contributor_line_and_first_section(batches):
    c = case(batches, "stid-a", 1)
    assert len(c.lead) == 1
    assert c.lead[0].startswith("《全面深化服务贸易创新发展试点总体方案》提出，推动研究制订外国专利代理机构")
    assert c.lead[0].endswith("知识产权服务开放水平进一步提升。")
    assert "首批 3 家外国专利代理机构" in c.lead[0]  # inner spaces kept as printed
    assert all(len(c.lead) >= 1 for b in (batches[i] for i in FILES) for c in b.cases)


def test_preface(batches):
    assert [len(batches[i].preface) for i in FILES] == [0, 0, 0, 2, 3]
    sop_a = batches["sop-a"].preface
    assert sop_a[0].startswith("习近平总书记指出，要加强改革的系统集成，激发高质量发展新动力。")
    assert sop_a[1].startswith("自 2018 年起，试点示范开始陆续向全国推广经验和案例")
    assert sop_a[1].endswith("以期为各地的工作提供参考和借鉴。")
    sop_c = batches["sop-c"].preface
    assert sop_c[0].startswith("国家服务业扩大开放综合试点示范（以下简称试点示范）是党中央、国务院的重要开放举措")
    # broken across a blank line by the OCR ("…以期为各地推进服务" / "业高水平开放…"), joined again
    assert sop_c[2].startswith("考虑到形势发展需要")
    assert "以期为各地推进服务业高水平开放、促进深层次改革" in sop_c[2]
    assert sop_c[2].endswith("提供参考和借鉴。")


@pytest.mark.parametrize("batch_id", NUMBERED)
def test_every_numbered_case_has_practice_effect_and_next_sections(batches, batch_id):
    for c in batches[batch_id].cases:
        assert [(s.label, s.title, s.kind) for s in c.sections] == [
            ("一、", "主要做法", SectionKind.PRACTICE),
            ("二、", "实践效果", SectionKind.EFFECT),
            ("三、", "下一步工作思路", SectionKind.NEXT),
        ], c.id
        assert all(s.level == 1 and s.heading == s.label + s.title for s in c.sections)


def test_sections_of_the_first_category_of_the_pdf_dump(batches):
    for c in batches["sop-a"].cases[:4]:
        assert [(s.heading, s.kind) for s in c.sections] == [
            ("一、主要做法", SectionKind.PRACTICE),
            ("二、实践意义和效果", SectionKind.EFFECT),
            ("三、下一步开放创新发展方向", SectionKind.NEXT),
        ], c.id


def test_other_section_names_of_the_second_category(batches):
    c = case(batches, "sop-a", 7)
    assert [(s.heading, s.kind) for s in c.sections] == [
        ("一、加强跨境贸易投资风险管理服务", SectionKind.OTHER),
        ("二、优化跨区域多元化口岸通关服务", SectionKind.OTHER),
        ("三、创新实施服务贸易“单一窗口”国际结算服务", SectionKind.OTHER),
    ]
    assert [s.label for s in case(batches, "sop-a", 5).sections] == ["一、", "二、", "三、", "四、", "五、"]
    # a heading as long as a printed line is not run into the paragraph below it
    assert case(batches, "sop-a", 6).sections[0].title == "以“科技跨境贷”优化高新技术企业外债管理试点"
    assert case(batches, "sop-a", 6).sections[0].blocks[0].text.startswith("为破解高新技术企业、尤其是科技型中小微企业")


def test_section_names_of_the_third_batch(batches):
    headings = Counter(s.heading for c in batches["sop-c"].cases for s in c.sections)
    assert headings == {
        "一、主要做法": 11,
        "二、实践意义和效果": 8,
        "二、实践效果": 3,
        "三、下一步创新方向": 9,
        "三、下一步开放创新方向": 2,
    }
    for c in batches["sop-c"].cases:
        assert [s.kind for s in c.sections] == [SectionKind.PRACTICE, SectionKind.EFFECT, SectionKind.NEXT]


# ---------------------------------------------------------------------------------------------
# subsections


def test_run_in_subsection_is_split_from_its_text(batches):
    sub = case(batches, "stid-a", 1).sections[0].subsections[0]
    assert (sub.label, sub.title, sub.level, sub.run_in) == ("（一）", "探索规范标准指引。", 2, True)
    assert sub.blocks[0].kind is BlockKind.PARAGRAPH
    assert sub.blocks[0].text.startswith("编制全国首份外国专利代理机构在华设立常驻代表机构申请材料模板")
    assert sub.blocks[0].text.endswith("提供有益借鉴。")
    assert [s.label for s in case(batches, "stid-a", 1).sections[0].subsections] == ["（一）", "（二）", "（三）"]


def test_subsection_on_a_line_of_its_own_is_not_run_in(batches):
    sub = case(batches, "stid-b", 1).sections[0].subsections[0]
    assert (sub.label, sub.title, sub.run_in) == ("（一）", "明确适合聘用外国人才的工作岗位。", False)
    assert sub.blocks[0].text.startswith("明确面向社会提供公共服务的事业单位中的专业技术高级岗位")
    wrapped = case(batches, "stid-b", 3).sections[0].subsections[0]
    assert wrapped.title == "构建完善主体多元、开放协同的科研力量布局和研发体系。"


def test_markdown_subsections_keep_their_printed_label(batches):
    subs = case(batches, "stid-c", 1).sections[0].subsections
    # "### (一) 建立…。" is a heading line of its own
    assert (subs[0].label, subs[0].title, subs[0].run_in) == (
        "(一)",
        "建立跨部门协作机制，保障航权资源高效利用。",
        False,
    )
    assert subs[0].blocks[0].text.startswith("西安咸阳国际机场作为全国十大机场之一")
    # "**(三) 联动国内外市场，加强国际航线客货源聚集。**为确保…" runs into its text
    assert (subs[2].label, subs[2].title, subs[2].run_in) == ("(三)", "联动国内外市场，加强国际航线客货源聚集。", True)
    assert subs[2].blocks[0].text.startswith("为确保航线客座率、货邮量")
    effect = case(batches, "stid-c", 1).sections[1].subsections
    assert [s.label for s in effect] == ["(一)", "（二）", "（三）"]


def test_markdown_heading_split_over_two_heading_lines(batches):
    sub = case(batches, "sop-c", 10).sections[0].subsections[0]
    # "#### （一）融合信用管理，构建绿色租赁发展激" + "## **励机制。**"
    assert (sub.label, sub.title, sub.run_in) == ("（一）", "融合信用管理，构建绿色租赁发展激励机制。", False)


def test_markdown_subheading_broken_across_a_blank_line(batches):
    sub = case(batches, "stid-c", 11).sections[2].subsections[0]
    # "**（一）进一步完善服务贸易公共服务平台功能，从技术**" / "" / "支撑、海外维权、…"
    assert sub.title == (
        "进一步完善服务贸易公共服务平台功能，从技术支撑、海外维权、市场开拓、“走出去”服务等多角度"
        "为服务贸易企业提供全方位的优质公共服务。"
    )


# ---------------------------------------------------------------------------------------------
# points and boxes


def test_numbered_points(batches):
    sub = case(batches, "sop-a", 4).sections[0].subsections[0]
    points = [b for b in sub.blocks if b.kind is BlockKind.POINT]
    assert [(p.label, p.text) for p in points] == [
        ("1.", "推进多式联运“一单制”。"),
        ("2.", "参与构建国际铁路运邮新规则。"),
        ("3.", "推动铁路提单信用证融资结算。"),
    ]
    # the text after a point is its own paragraph, joined across the page break
    after = sub.blocks[sub.blocks.index(points[1]) + 1]
    assert after.text.startswith("铁路合作组织(OSJD)1956 年颁布的《国际铁路货物联运协定》规定")


def test_boxes_in_the_pdf_dump(batches):
    boxes = [
        (c.ordinal, b) for c in batches["sop-a"].cases for s in c.walk() for b in s.blocks if b.kind is BlockKind.BOX
    ]
    assert [(ordinal, b.label, b.text, len(b.children)) for ordinal, b in boxes] == [
        (1, "专栏 1", "试点示范省市科技成果转化赋权案例", 4),
        (1, "专栏 2", "探索以多种方式支持知识产权深度运用", 3),
        (2, "专栏 1", "北京完善生物医药产业全链条创新服务体系", 5),
        (2, "专栏 2", "真实世界数据应用试点助力特许药械国内快速上市", 4),
        (2, "专栏 3", "北京探索中医药健康养生国际综合服务新模式", 6),
    ]
    first = boxes[0][1]
    starts = ("北京积水潭医院", "上海交通大学", "重庆理工大学", "天津南开大学")
    assert [child.startswith(start) for child, start in zip(first.children, starts, strict=True)] == [True] * 4
    assert first.children[-1].endswith("为全市高校院所作出了示范。")


def test_box_ends_where_the_document_goes_on(batches):
    subs = case(batches, "sop-a", 1).sections[0].subsections
    # the paragraph before the box stays outside it, and the next subsection starts after it
    assert subs[0].blocks[0].kind is BlockKind.PARAGRAPH
    assert subs[0].blocks[0].text.endswith("的 20 多个项目提供了服务。")
    assert subs[0].blocks[-1].kind is BlockKind.BOX
    assert (subs[1].label, subs[1].title) == ("（二）", "评估：探索知识产权价值评估机制。")
    assert subs[1].blocks[0].text.startswith("知识产权是一种无形资产")


def test_no_boxes_or_points_where_there_are_none(batches):
    for batch_id in ("stid-a", "stid-b", "stid-c", "sop-c"):
        kinds = {b.kind for c in batches[batch_id].cases for s in c.walk() for b in s.blocks}
        assert kinds == {BlockKind.PARAGRAPH}, batch_id


def test_false_headings_in_wrapped_lines(batches):
    """A wrapped line starting with "12.5%。" or "5.42 亿条" is neither a case nor a point."""
    b = batches["stid-a"]
    assert [c.number for c in b.cases] == list(range(1, 26))
    effect = case(batches, "stid-a", 10).sections[1].subsections[0]
    assert effect.blocks[0].text.startswith(
        "市场监管部门登记数据显示，2021 年度上海广告市场经营主体达 55.6 万户，同比增长"
    )
    assert "同比增长12.5%。纳入市场监管总局统计调查" in effect.blocks[0].text
    effect16 = case(batches, "stid-a", 16).sections[1].subsections[1]
    assert "平台已有5.42 亿条境外贸易数据" in effect16.blocks[0].text
    assert len(case(batches, "stid-a", 12).sections[0].subsections) == 3


# ---------------------------------------------------------------------------------------------
# clean text


@pytest.mark.parametrize("batch_id", list(FILES))
def test_no_layout_artefacts_left_in_any_text(batches, batch_id):
    for text in all_texts(batches[batch_id]):
        assert text, "empty text"
        assert text == text.strip(), repr(text)
        assert "\n" not in text and "\r" not in text, repr(text)
        assert "**" not in text and "#" not in text, repr(text)
        assert "\t" not in text and "\ufeff" not in text, repr(text)
        assert not re.fullmatch(r"[-—\s]*\d+[-—\s]*", text), repr(text)
        assert "http" not in text, repr(text)


def test_page_numbers_in_the_middle_of_a_sentence_are_dropped(batches):
    # 000: "…以及欧洲、美洲、亚洲、" / "11" / "大洋洲等洲的国际性组织…"
    sub = case(batches, "stid-a", 3).sections[0].subsections[0]
    assert "以及欧洲、美洲、亚洲、大洋洲等洲的国际性组织或知名行业协会" in sub.blocks[0].text
    # 001: "…在已有银保合基础上，畅通融" / " 60 " / "资渠道。…"
    sub = case(batches, "stid-b", 19).sections[0].subsections[2]
    assert sub.blocks[0].text.startswith("不断提高银保联动水平，在已有银保合基础上，畅通融资渠道。银行一次授信后")


def test_page_start_spaces_are_not_kept(batches):
    # " 区企业、知识产权服务机构工作的…" starts a page in the middle of a paragraph
    sub = case(batches, "stid-a", 1).sections[0].subsections[1]
    assert "且在本区企业、知识产权服务机构工作的，予以资金扶持。" in sub.blocks[0].text


def test_paragraph_ends_are_inferred_in_the_pdf_dump(batches):
    practice = case(batches, "sop-a", 1).sections[0].subsections[3]
    assert [b.text[:4] for b in practice.blocks] == ["针对知识", "一是以地", "二是建立", "三是优化"]
    assert all(b.text.endswith("。") for b in practice.blocks)


def test_markdown_paragraph_broken_across_a_blank_line_is_joined(batches):
    sub = case(batches, "stid-c", 1).sections[0].subsections[1]
    assert len(sub.blocks) == 1
    assert "做到可疑货物与旅客的布控查验" in sub.blocks[0].text
    first = case(batches, "sop-c", 1).sections[0].subsections[2]
    assert any("改革创新“试验田”作用" in b.text for b in first.blocks)
    assert any(b.text.startswith("三是以园区化推动沉浸式剧本秀全产业链发展。沈阳") for b in first.blocks)


# ---------------------------------------------------------------------------------------------
# ids


def test_ids_are_unique(batches):
    ids = [c.id for b in batches.values() for c in b.cases]
    assert len(ids) == len(set(ids)) == 80


@pytest.mark.parametrize("batch_id", NUMBERED)
def test_ids_of_numbered_cases(batches, batch_id):
    assert [c.id for c in batches[batch_id].cases] == [f"{batch_id}-{n:02d}" for n in range(1, COUNTS[batch_id] + 1)]


@pytest.mark.parametrize("batch_id", ["sop-a", "sop-c"])
def test_ids_of_unnumbered_cases_hash_the_title(batches, batch_id):
    for c in batches[batch_id].cases:
        digest = hashlib.sha1("".join(c.title.split()).encode("utf-8")).hexdigest()[:8]
        assert c.id == f"{batch_id}-{digest}"


def test_ids_are_stable_across_rebuilds_and_not_positional(batches):
    again = {b.id: [c.id for c in b.cases] for b in load_sources(SOURCES)}
    assert again == {b.id: [c.id for c in b.cases] for b in batches.values()}
    # drop the first case of 003: the others keep their ids (an autoincrement would shift them)
    text = source_text("sop-a")
    start, end = text.index(" 突破堵点贯通知识产权服务业产业链体系"), text.index(" 聚焦关键环节探索创新")
    shorter = parse_document(text[:start] + text[end:], batch_id="sop-a", layout="pdf-text").batch
    assert [c.id for c in shorter.cases] == [c.id for c in batches["sop-a"].cases[1:]]
    assert [c.ordinal for c in shorter.cases] == list(range(1, 8))


# ---------------------------------------------------------------------------------------------
# document-level detection


@pytest.mark.parametrize(
    ("batch_id", "layout"),
    [
        ("stid-a", "pdf-text"),
        ("stid-b", "pdf-text"),
        ("stid-c", "markdown"),
        ("sop-a", "pdf-text"),
        ("sop-c", "markdown"),
    ],
)
def test_layout_is_detected(batch_id, layout):
    assert parse_document(source_text(batch_id), batch_id=batch_id).layout == layout


@pytest.mark.parametrize(
    ("batch_id", "title"),
    [
        ("stid-c", "全面深化服务贸易创新发展试点最佳实践案例"),
        ("sop-a", "国家服务业扩大开放综合试点示范最佳实践案例"),
        ("sop-c", "国家服务业扩大开放综合试点示范建设第三批最佳实践案例"),
    ],
)
def test_batch_title_is_detected_when_the_document_states_one(batch_id, title):
    assert parse_document(source_text(batch_id), batch_id=batch_id).batch.title == title


def test_batch_title_falls_back_to_the_source_name():
    result = parse_document(source_text("stid-a"), batch_id="stid-a", source="000_db19b12f0daba2d6.txt")
    assert result.batch.title == "000_db19b12f0daba2d6"
    assert any("no title" in w for w in result.warnings)


def test_table_of_contents_is_not_read_as_cases(results):
    toc = results["stid-c"].toc
    assert len([e for e in toc.entries if e.number is not None]) == 16
    assert len(results["sop-c"].toc.entries) == 14  # 11 titles and 3 categories
    assert results["sop-a"].toc.entries == ()


def test_warnings_report_dropped_lines(results):
    assert any("line 1996" in w and "http" in w for w in results["sop-a"].warnings)
    assert results["stid-a"].warnings == []


def test_warning_for_a_numbering_gap():
    text = source_text("stid-a")
    start, end = text.index(" 3.建立境外职业资格清单"), text.index(" 4.运用 FTF 账户")
    result = parse_document(text[:start] + text[end:], batch_id="stid-a", title="t")
    assert [c.number for c in result.batch.cases][:3] == [1, 2, 4]
    assert any("jump from 2 to 4" in w for w in result.warnings)


def test_warning_for_a_case_without_sections():
    text = "1.只有标题的案例\n（北京市提供）\n这是导语。\n2.完整的案例\n（上海市提供）\n导语。\n一、主要做法\n做法。\n"
    result = parse_document(text, batch_id="x", title="t")
    assert [c.title for c in result.batch.cases] == ["只有标题的案例", "完整的案例"]
    assert result.batch.cases[0].sections == () and result.batch.cases[0].lead == ("这是导语。",)
    assert any("no sections" in w for w in result.warnings)


# ---------------------------------------------------------------------------------------------
# robustness: variants generated from the real sources


def _page_marks(text: str, template: str) -> str:
    return re.sub(r"(?m)^[ \t]*(\d{1,3})[ \t]*$", lambda m: template.format(m.group(1)), text)


VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr": lambda t: t.replace("\n", "\r"),
    "bom": lambda t: "\ufeff" + t,
    "no-blank-lines": lambda t: "\n".join(line for line in t.split("\n") if line.strip()),
    "dash-page-marks": lambda t: _page_marks(t, "- {} -"),
    "chinese-page-marks": lambda t: _page_marks(t, "第 {} 页"),
    "crlf-bom-no-blank-lines": lambda t: "\ufeff" + "\r\n".join(line for line in t.split("\n") if line.strip()),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("batch_id", list(FILES))
def test_variants_give_the_same_cases(batches, batch_id, variant):
    text = VARIANTS[variant](source_text(batch_id))
    result = parse_document(text, batch_id=batch_id)  # layout detected
    assert [c.title for c in result.batch.cases] == [c.title for c in batches[batch_id].cases]
    assert result.batch.cases == batches[batch_id].cases


def test_page_marks_really_occur_in_the_sources():
    """The page-mark variants above change something (so they can fail)."""
    assert _page_marks(source_text("stid-a"), "- {} -") != source_text("stid-a")
    assert "- 60 -" in _page_marks(source_text("stid-b"), "- {} -")


@pytest.mark.parametrize("separator", ["、", "．"])
def test_other_number_separators_give_the_same_titles(batches, separator):
    text = re.sub(r"(?m)^( ?)(\d{1,2})\.(?=\D)", rf"\g<1>\g<2>{separator}", source_text("stid-a"))
    assert text != source_text("stid-a")
    cases = parse_document(text, batch_id="stid-a").batch.cases
    assert [(c.number, c.title) for c in cases] == [(c.number, c.title) for c in batches["stid-a"].cases]


def _rewrap(batch: Batch, chars: int) -> str:
    """A PDF-like dump of ``batch`` set at ``chars`` full-width characters a line, indents and page marks too."""
    from reader.ingest.patterns import display_width

    lines: list[str] = []

    def para(text: str, indent: bool = True) -> None:
        limit, cur = 2 * chars - (4 if indent else 0), ""
        for ch in text:
            if cur and display_width(cur + ch) > limit and ch not in "。，、；：！？）”》":
                lines.append(cur)
                cur, limit = "", 2 * chars
            cur += ch
        lines.append(cur)

    for c in batch.cases:
        para(f"{c.number}.{c.title}", indent=False)
        lines.append("（" + "、".join(c.contributors) + "提供）")
        for p in c.lead:
            para(p)
        for s in c.sections:
            lines.append(s.heading)
            for b in s.blocks:
                para(b.text)
            for sub in s.subsections:
                blocks = list(sub.blocks)
                if sub.run_in:
                    para(sub.heading + blocks.pop(0).text)
                else:
                    para(sub.heading)
                for b in blocks:
                    para(b.text)
    out: list[str] = []
    for n, line in enumerate(lines):
        if n and n % 30 == 0:
            out += ["", str(n // 30), ""]
            line = " " + line
        out += [line, ""]
    return "\n".join(out)


@pytest.mark.parametrize("chars", [24, 30, 40])
def test_other_wrap_widths_give_the_same_structure(batches, chars):
    original = batches["stid-a"]
    cases = parse_document(_rewrap(original, chars), batch_id="stid-a", layout="pdf-text").batch.cases
    assert [c.title for c in cases] == [c.title for c in original.cases]
    assert [[s.heading for s in c.walk()] for c in cases] == [[s.heading for s in c.walk()] for c in original.cases]
    # paragraphs too, but compared without spaces: a space at a line end is lost by any re-wrap
    assert [[squash(s.text) for s in case_segments(c)] for c in cases] == [
        [squash(s.text) for s in case_segments(c)] for c in original.cases
    ]


# ---------------------------------------------------------------------------------------------
# errors


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n\t\n", "\ufeff\r\n\r\n", "12\n\n- 13 -\n\n第 14 页\n"],
    ids=["empty", "blank", "bom-only", "page-marks-only"],
)
def test_empty_input_raises(text):
    with pytest.raises(IngestError, match="empty"):
        parse_document(text, batch_id="x")


@pytest.mark.parametrize(
    "text",
    [
        "这是一段没有案例的文字。\n\n它只有两行。\n",
        "# 标题\n\n一段正文，没有任何案例结构。\n",
        "目 录\n1. 案例一..... 1\n",
    ],
    ids=["prose", "markdown-prose", "contents-only"],
)
def test_input_without_cases_raises(text):
    with pytest.raises(IngestError, match="no recognisable case") as info:
        parse_document(text, batch_id="x")
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unknown_layout_raises():
    with pytest.raises(IngestError, match="layout"):
        parse_document(source_text("stid-a"), batch_id="x", layout="docx")


# ---------------------------------------------------------------------------------------------
# manifest


def test_load_manifest():
    entries = load_manifest(SOURCES)
    assert [e.id for e in entries] == list(FILES)
    assert [e.source for e in entries] == list(FILES.values())
    assert [e.order for e in entries] == [1, 2, 3, 4, 5]
    assert entries[2] == ManifestEntry(
        id="stid-c",
        order=3,
        source="002_cc94903153f536bd.txt",
        layout="markdown",
        title="全面深化服务贸易创新发展试点最佳实践案例",
    )


def test_manifest_metadata_wins(batches):
    manifest = json.loads((SOURCES / "manifest.json").read_text(encoding="utf-8"))
    for raw in manifest["batches"]:
        b = batches[raw["id"]]
        assert (b.title, b.order, b.source, b.publisher, b.date) == (
            raw["title"],
            raw["order"],
            raw["source"],
            raw["publisher"],
            raw["date"],
        )


def test_manifest_order_not_file_order(tmp_path):
    (tmp_path / "a.txt").write_text(source_text("sop-a"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(source_text("stid-a"), encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        json.dumps(
            {
                "format": 1,
                "batches": [
                    {"id": "late", "order": 2, "source": "a.txt", "title": "甲", "publisher": "某部", "date": "2023"},
                    {"id": "early", "order": 1, "source": "b.txt"},
                ],
            }
        ),
        encoding="utf-8",
    )
    loaded = load_sources(tmp_path)
    assert [(b.id, len(b.cases)) for b in loaded] == [("early", 25), ("late", 8)]
    assert (loaded[1].title, loaded[1].publisher, loaded[1].date) == ("甲", "某部", "2023")
    assert loaded[0].cases[0].id == "early-01"


@pytest.mark.parametrize(
    "content",
    [None, "{not json", json.dumps({"format": 2, "batches": []}), json.dumps({"format": 1, "batches": [{"id": "x"}]})],
    ids=["missing", "not-json", "wrong-format", "incomplete-entry"],
)
def test_bad_manifest_raises(tmp_path, content):
    if content is not None:
        (tmp_path / "manifest.json").write_text(content, encoding="utf-8")
    with pytest.raises(IngestError):
        load_manifest(tmp_path)


def test_manifest_source_outside_the_folder_is_refused(tmp_path):
    entry = {"id": "x", "order": 1, "source": "../secret.txt"}
    (tmp_path / "manifest.json").write_text(json.dumps({"format": 1, "batches": [entry]}), encoding="utf-8")
    with pytest.raises(IngestError, match="inside the folder"):
        load_manifest(tmp_path)


def test_missing_source_file_raises(tmp_path):
    entry = {"id": "x", "order": 1, "source": "absent.txt"}
    (tmp_path / "manifest.json").write_text(json.dumps({"format": 1, "batches": [entry]}), encoding="utf-8")
    with pytest.raises(IngestError, match="missing"):
        load_sources(tmp_path)


# ---------------------------------------------------------------------------------------------
# no Qt


def test_ingest_does_not_import_qt():
    code = "import sys, reader.ingest; sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0
