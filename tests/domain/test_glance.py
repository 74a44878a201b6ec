"""The casebook at a glance: counts per batch, category, region (printed or mentioned), matrix, years."""

from __future__ import annotations

from reader.domain.case import Case
from reader.domain.glance import MENTIONED, PRINTED, case_regions, glance, mentioned_places


def _case(cid: str, batch: str, *, category=None, contributors=(), lead=()) -> Case:
    return Case(
        id=cid, batch_id=batch, ordinal=1, title="标题", category=category, contributors=contributors, lead=lead
    )


def test_printed_and_mentioned_regions_are_never_mixed():
    a = _case("a-1", "a", category="甲", contributors=("上海市",), lead=("北京与上海合作。",))
    b = _case("b-1", "b", category="乙", lead=("重庆、成都两地开展试点，重庆率先。",))
    c = _case("b-2", "b", lead=("没有地名。",))
    assert case_regions(a).source == PRINTED and case_regions(a).regions == ("上海市",)
    assert case_regions(b).source == MENTIONED and case_regions(b).regions == ("重庆", "成都")
    g = glance(
        [("a", "批次甲"), ("b", "批次乙")], [a, b, c], figure_years=[("a-1", 2022), ("b-1", 2022), ("b-1", 2021)]
    )
    assert g.batches == [("a", "批次甲", 1), ("b", "批次乙", 2)]
    assert dict(g.categories) == {"甲": 1, "乙": 1, "": 1}
    assert dict(g.regions[PRINTED]) == {"上海市": 1}
    assert dict(g.regions[MENTIONED]) == {"重庆": 1, "成都": 1}  # 北京 of a printed case is not counted
    assert dict(g.matrix[MENTIONED]) == {("重庆", "乙"): 1, ("成都", "乙"): 1}
    assert dict(g.years) == {2022: 2, 2021: 1}
    assert g.cases_of("year", "2022") == ["a-1", "b-1"]
    assert g.cases_of("batch", "b") == ["b-1", "b-2"]
    assert g.cases_of(PRINTED, "上海市") == ["a-1"]


def test_bundled_casebook_counts(casebook):
    cases = casebook.cases()
    g = glance([(b.id, b.title) for b in casebook.batches()], cases)
    assert [n for _, _, n in g.batches] == [25, 20, 16, 8, 11]
    # 上海市 is printed as contributor of stid-a-02, -04, -05, -10, -11, stid-b-03, -08 and stid-c-11
    assert g.regions[PRINTED]["上海市"] == 8
    # the 服务业扩大开放 batches print no contributor: their regions are all "mentioned"
    sop = {c.id for c in cases if c.batch_id.startswith("sop-")}
    mentioned_ids = {cid for region in g.regions[MENTIONED] for cid in g.cases_of(MENTIONED, region)}
    assert mentioned_ids <= sop and len(mentioned_ids) == 19
    assert "杭州" in mentioned_places(casebook.case("sop-c-b87681cd"))
