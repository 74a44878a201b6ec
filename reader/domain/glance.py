"""The casebook at a glance: cases per batch, category and region, a region × category matrix, figure years.

Regions come from two sources that are never mixed:

- **printed**: the contributors a case prints (``（上海市提供）``), as printed;
- **mentioned**: for a case that prints none (the 服务业扩大开放 batches), the places its text names —
  provinces, autonomous regions, municipalities and the larger cities (:data:`PLACES`), found in the
  title, lead and sections, named without 省/市 (``重庆``, ``武汉``). They say "this case talks about
  Chongqing", not "Chongqing contributed it", and are labelled so wherever they are shown.

Qt-free.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.domain.case import Case

PRINTED = "printed"
MENTIONED = "mentioned"

#: Province-level divisions (short names), then cities; a longer name is matched before a name it contains.
PROVINCES = [
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
]
CITIES = [
    "广州",
    "深圳",
    "杭州",
    "南京",
    "武汉",
    "成都",
    "西安",
    "苏州",
    "大连",
    "青岛",
    "厦门",
    "宁波",
    "合肥",
    "长春",
    "哈尔滨",
    "昆明",
    "贵阳",
    "南宁",
    "乌鲁木齐",
    "威海",
    "济南",
    "郑州",
    "长沙",
    "福州",
    "石家庄",
    "太原",
    "呼和浩特",
    "兰州",
    "西宁",
    "银川",
    "拉萨",
    "海口",
    "三亚",
    "沈阳",
    "廊坊",
    "宝鸡",
    "榆林",
    "珠海",
    "东莞",
    "佛山",
    "无锡",
    "温州",
    "湛江",
    "洋浦",
    "雄安",
    "西咸",
]
PLACES = tuple(PROVINCES + CITIES)
#: Where a place name is part of a longer word that is no place (南海 is a sea; 海南 inside 南海南… is not).
_NOT_PLACE = re.compile(r"中国香港|中国澳门")
_PLACE_RE = re.compile("|".join(sorted(PLACES, key=len, reverse=True)))
NO_CATEGORY = ""


def mentioned_places(case: Case) -> tuple[str, ...]:
    """Places the case's text names, in order of first mention (each once)."""
    texts = [case.title, *case.lead]
    for section in case.walk():
        texts.append(section.title)
        for block in section.blocks:
            texts.extend(block.texts())
    seen: dict[str, None] = {}
    for text in texts:
        for m in _PLACE_RE.finditer(_NOT_PLACE.sub(lambda m: m.group(0)[2:], text)):
            seen.setdefault(m.group(0), None)
    return tuple(seen)


@dataclass(frozen=True)
class CaseRegions:
    """The regions of one case and where they come from (:data:`PRINTED` or :data:`MENTIONED`)."""

    case_id: str
    regions: tuple[str, ...]
    source: str


def case_regions(case: Case) -> CaseRegions:
    """Printed contributors when the case has any, else the places its text mentions."""
    if case.contributors:
        return CaseRegions(case.id, tuple(case.contributors), PRINTED)
    return CaseRegions(case.id, mentioned_places(case), MENTIONED)


@dataclass
class Glance:
    """Counts over a set of cases (see :func:`glance`)."""

    batches: list[tuple[str, str, int]] = field(default_factory=list)  # (batch id, title, cases)
    categories: Counter[str] = field(default_factory=Counter)  # category ("" for none) → cases
    regions: dict[str, Counter[str]] = field(default_factory=dict)  # source → region → cases
    matrix: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)  # source → (region, category) → cases
    years: Counter[int] = field(default_factory=Counter)  # year → figures referring to it
    case_ids: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (axis, value) → case ids

    def region_order(self, source: str) -> list[str]:
        """Regions of ``source``, most cases first, then by name."""
        counts = self.regions.get(source, Counter())
        return sorted(counts, key=lambda r: (-counts[r], r))

    def category_order(self) -> list[str]:
        return sorted(self.categories, key=lambda c: (-self.categories[c], c == NO_CATEGORY, c))

    def cases_of(self, axis: str, value: str) -> list[str]:
        """Case ids behind one bar: axis ``batch``, ``category``, ``printed``, ``mentioned`` or ``year``."""
        return list(self.case_ids.get((axis, value), []))


def glance(
    batches: Sequence[tuple[str, str]], cases: Iterable[Case], *, figure_years: Iterable[tuple[str, int]] = ()
) -> Glance:
    """Count ``cases`` per batch (``batches``: (id, title) in order), category and region; ``figure_years``
    are (case id, year) pairs, one per figure that states its year."""
    g = Glance(regions={PRINTED: Counter(), MENTIONED: Counter()}, matrix={PRINTED: Counter(), MENTIONED: Counter()})
    per_batch: Counter[str] = Counter()

    def add(axis: str, value: str, case_id: str) -> None:
        ids = g.case_ids.setdefault((axis, value), [])
        if case_id not in ids:
            ids.append(case_id)

    for case in cases:
        per_batch[case.batch_id] += 1
        add("batch", case.batch_id, case.id)
        category = case.category or NO_CATEGORY
        g.categories[category] += 1
        add("category", category, case.id)
        where = case_regions(case)
        for region in where.regions:
            g.regions[where.source][region] += 1
            g.matrix[where.source][(region, category)] += 1
            add(where.source, region, case.id)
    g.batches = [(bid, title, per_batch[bid]) for bid, title in batches if per_batch[bid]]
    for case_id, year in figure_years:
        g.years[year] += 1
        add("year", str(year), case_id)
    return g
