"""Aligning cases by section kind: every heading of the casebook, row keys, empty cells, sub-items."""

from __future__ import annotations

import dataclasses
import itertools
import json

import pytest

from reader.domain.case import Case, SectionKind
from reader.domain.compare import (
    MAX_CASES,
    CompareError,
    RowGroup,
    align,
    heading_kind,
    headings,
    section_kind,
)
from reader.domain.text import plain_text

#: Every distinct top-level heading text of the bundled casebook (read from the five source documents)
#: and the row group it must align in. The headings of batch sop-a's 特色探索类案例 are case-specific
#: topics: they go to the "other" group, in document order.
EXPECTED_HEADINGS = {
    "主要做法": "practice",
    "实践效果": "effect",
    "实践意义和效果": "effect",
    "下一步工作思路": "next",
    "下一步创新方向": "next",
    "下一步开放创新发展方向": "next",
    "下一步开放创新方向": "next",
    "数据资产托管和监管应用服务": "other",
    "基于企业信用的数字化监管服务": "other",
    "面向全国的第三方自动驾驶测试平台": "other",
    "区块链软硬件技术体系在“北京冷链”中应用": "other",
    "园区工业固体废物全生命周期的数字管理": "other",
    "以“科技跨境贷”优化高新技术企业外债管理试点": "other",
    "以金融科技认证中心建设为金融科技企业发展赋能": "other",
    "加强跨境贸易投资风险管理服务": "other",
    "优化跨区域多元化口岸通关服务": "other",
    "创新实施服务贸易“单一窗口”国际结算服务": "other",
    "打造人才服务集成平台": "other",
    "延伸人才终端服务网络": "other",
    "拓展人才服务工作领域": "other",
}


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    from pathlib import Path

    from reader.storage.casebook import Casebook

    book = Casebook.open(Path(__file__).resolve().parents[2] / "data" / "casebook.db")
    try:
        return book.cases()
    finally:
        book.close()


@pytest.fixture(scope="module")
def by_id(cases) -> dict[str, Case]:
    return {c.id: c for c in cases}


def _with_heading(cases: list[Case], *titles: str) -> Case:
    for case in cases:
        if all(any(s.title == t for s in case.sections) for t in titles):
            return case
    raise AssertionError(f"no case with headings {titles}")


# Section kinds ----------------------------------------------------------------------------------


def test_every_heading_of_the_casebook_maps_as_expected(cases):
    assert len(cases) == 80
    found = {title: kind.value for title, kind in headings(cases).items()}
    assert found == EXPECTED_HEADINGS


@pytest.mark.parametrize(("title", "kind"), sorted(EXPECTED_HEADINGS.items()))
def test_heading_wording_alone_gives_the_kind(title, kind):
    assert heading_kind(title).value == kind


def test_every_section_of_every_case_lands_in_its_group(cases):
    for case in cases:
        rows = align([case]).rows
        for k, section in enumerate(case.sections):
            group = RowGroup(section_kind(section).value)
            index = [s for s in case.sections if section_kind(s) is section_kind(section)].index(section) + 1
            row = next(r for r in rows if r.key == f"{group.value}.{index}")
            assert row.cells[0] is not None and row.cells[0].heading == section.heading, (case.id, k)


def test_stored_kind_wins_over_wording():
    from reader.domain.case import Section

    assert section_kind(Section("一、", "主要做法", SectionKind.OTHER)) is SectionKind.PRACTICE
    assert section_kind(Section("一、", "别的标题", SectionKind.EFFECT)) is SectionKind.EFFECT
    assert heading_kind("工作成效") is SectionKind.EFFECT
    assert heading_kind("打造人才服务集成平台") is SectionKind.OTHER


# Cells cover the case exactly --------------------------------------------------------------------


def test_cells_are_slices_of_the_plain_text_covering_all_but_the_title(cases):
    for case in cases:
        text = plain_text(case)
        cells = [row.cells[0] for row in align([case]).rows if row.cells[0] is not None]
        for cell in cells:
            assert text[cell.start : cell.end] == cell.text, case.id
        spans = sorted((c.start, c.end) for c in cells)
        assert spans[0][0] == len(case.title) + 1
        assert spans[-1][1] == len(text)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert start == end + 1, f"{case.id}: a gap or an overlap between cells"


# Alignment ---------------------------------------------------------------------------------------


def test_different_wordings_align_row_by_row(cases):
    a = _with_heading(cases, "实践意义和效果", "下一步创新方向")
    b = _with_heading(cases, "实践效果", "下一步工作思路")
    alignment = align([a, b])
    keys = [r.key for r in alignment.rows]
    assert keys[0] == "lead"
    effect, nxt = alignment.rows[keys.index("effect.1")], alignment.rows[keys.index("next.1")]
    assert effect.cells[0].title == "实践意义和效果" and effect.cells[1].title == "实践效果"
    assert nxt.cells[0].title == "下一步创新方向" and nxt.cells[1].title == "下一步工作思路"
    # groups in order, each section row followed by its sub-item rows
    order = [RowGroup(r.group) for r in alignment.rows]
    assert order == sorted(order, key=list(RowGroup).index)
    assert keys.index("practice.1") < keys.index("effect.1") < keys.index("next.1")


def test_sub_items_sit_side_by_side_by_index(by_id):
    a, b = by_id["stid-a-02"], by_id["stid-b-01"]  # 3 and 4 practice sub-items
    alignment = align([a, b])
    practice_a = next(s for s in a.sections if s.kind is SectionKind.PRACTICE)
    practice_b = next(s for s in b.sections if s.kind is SectionKind.PRACTICE)
    assert (len(practice_a.subsections), len(practice_b.subsections)) == (3, 4)
    for i in range(4):
        row = alignment.rows[alignment.row_index(f"practice.1.{i + 1}")]
        assert row.level == 2 and row.item == i + 1
        assert row.cells[1] is not None and row.cells[1].heading == practice_b.subsections[i].heading
        if i < 3:
            assert row.cells[0] is not None and row.cells[0].heading == practice_a.subsections[i].heading
        else:
            assert row.cells[0] is None, "the missing fourth item is an empty cell"
    # the effect rows come right after: nothing shifted
    assert alignment.rows[alignment.row_index("practice.1.4") + 1].key == "effect.1"


def test_a_missing_section_is_an_empty_cell_not_a_shift(by_id):
    full = by_id["stid-a-02"]
    no_effect = dataclasses.replace(
        by_id["stid-a-22"], sections=tuple(s for s in by_id["stid-a-22"].sections if s.kind is not SectionKind.EFFECT)
    )
    alignment = align([full, no_effect])
    both = align([full, by_id["stid-a-22"]])
    assert [r.key for r in alignment.rows] == [r.key for r in both.rows], "the same rows with or without it"
    for row in alignment.rows:
        if row.group is RowGroup.EFFECT:
            assert row.cells[1] is None
        else:
            assert (row.cells[1] is None) == (both.rows[both.row_index(row.key)].cells[1] is None)
    nxt = alignment.rows[alignment.row_index("next.1")]
    assert nxt.cells[0].title == "下一步工作思路" and nxt.cells[1].title.startswith("下一步")


def test_other_sections_form_their_own_group_in_order(by_id):
    topical = by_id["sop-a-ce709208"]  # five case-specific headings
    regular = by_id["stid-a-02"]
    alignment = align([regular, topical])
    other = alignment.group_rows(RowGroup.OTHER)
    assert [r.key for r in other] == [f"other.{i}" for i in range(1, 6)]
    assert [r.cells[1].heading for r in other] == [s.heading for s in topical.sections]
    assert all(r.cells[0] is None for r in other)
    for row in alignment.rows:
        if row.group in (RowGroup.PRACTICE, RowGroup.EFFECT, RowGroup.NEXT):
            assert row.cells[1] is None
    lead = alignment.rows[0]
    assert lead.key == "lead" and all(c is not None for c in lead.cells)


def test_columns_and_export_shape(by_id):
    cases = [by_id["stid-a-02"], by_id["sop-a-ce709208"], by_id["stid-c-02"], by_id["stid-b-01"]]
    alignment = align(cases, batch_titles={"stid-a": "第一批"})
    assert alignment.case_ids == tuple(c.id for c in cases)
    assert alignment.columns[0].batch_title == "第一批" and alignment.columns[1].batch_title == ""
    assert alignment.columns[1].category == "特色探索类案例"
    data = json.loads(json.dumps(alignment.to_dict(), ensure_ascii=False))
    assert len(data["rows"]) == len(alignment.rows)
    assert all(len(r["cells"]) == 4 for r in data["rows"])
    first = data["rows"][1]["cells"][0]
    assert first["heading"] == "一、主要做法" and first["end"] > first["start"]


def test_limits(by_id):
    five = list(by_id.values())[:5]
    with pytest.raises(CompareError):
        align(five)
    assert len(align(five[:MAX_CASES]).columns) == MAX_CASES
    with pytest.raises(CompareError):
        align([five[0], five[0]])
    assert align([]).rows == ()
