"""Key figures of a case: the quantities its effect sections (and the lead, where it states results) report.

Rule-based and explainable, no model: a figure is a number (Arabic, full-width or Chinese numerals, with
``万``/``亿`` scales, ``余``/``多`` and ranges ``10-20``) followed by a unit or counter (家, 名, 项, 亿元, 万人次,
%, 天…). Each :class:`Figure` carries its value as a plain number (``1.2 亿元`` → 120000000, unit ``元``), the
qualifier printed around it (近, 逾, 超过, 余, 累计, 同比增长…), what it counts (the noun phrase next to it),
the time it refers to when the sentence states one (截至 2022 年底), its sentence, and its place: the segment
of :func:`reader.domain.text.case_segments` and the start/end offsets in that segment's text.

What is *not* a figure (see ``tests/domain/data/FIGURES-LABELLING.md``): dates (2022 年, 10 月), ordinals and
ranks (第 8 位, 前十名), numbers that are part of a name (5G, “金融 50 条”, 《2021 年…报告》, 500 强), a lone
``一`` (一站式, 一次都不用跑), vague amounts (数百家, 几分钟), and a count that only sums up the list printed
before it (离岸转手买卖、全球采购、委托境外加工等 3 种模式).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reader.domain.case import Case, SectionKind
from reader.domain.text import Field, case_segments

# ---------------------------------------------------------------------------------------------
# Numbers

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)

#: Full-width digits and signs → ASCII, one character for one, so offsets stay those of the original text.
_FOLD = str.maketrans("０１２３４５６７８９．％－～，／", "0123456789.%-~,/")


class NumberError(ValueError):
    """The string is not a number this module reads."""


def parse_chinese_numeral(text: str) -> int:
    """``三百`` → 300, ``十`` → 10, ``两万三千`` → 23000, ``一亿二千万`` → 120000000, ``百`` → 100.

    Positional digit strings (``一二三``) are not numerals here and raise :class:`NumberError`.
    """
    if not text or any(ch not in _CN_CHARS for ch in text):
        raise NumberError(f"not a Chinese numeral: {text!r}")
    total = 0  # completed 亿 groups
    section = 0  # completed 万 groups below the current 亿
    small = 0  # the part below 万
    digit: int | None = None
    for ch in text:
        if ch in "零〇" and len(text) > 1:  # a gap marker: 三百零五
            continue
        if ch in _CN_DIGITS:
            if digit is not None:
                raise NumberError(f"two digits in a row: {text!r}")
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            small += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        else:  # 万 or 亿
            part = small + (digit or 0)
            if ch == "万":
                section = (section + (part or 1)) * 10_000
            else:
                total = (total + section + (part or 1)) * 100_000_000
                section = 0
            small, digit = 0, None
    return total + section + small + (digit or 0)


def parse_number(text: str) -> float:
    """A number as printed: ``1.2 亿`` → 120000000, ``43.5`` → 43.5, ``３００`` → 300, ``1,234`` → 1234,
    ``三百`` → 300, ``5.42 亿`` → 542000000, ``2.4 万亿`` → 2400000000000 (spaces are ignored)."""
    s = re.sub(r"\s+", "", text).translate(_FOLD)
    m = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)([万亿]*)", s)
    if m:
        whole, _, decimals = m.group(1).replace(",", "").partition(".")
        scale = 1
        for ch in m.group(2):
            scale *= _CN_BIG[ch]
        # exact: 73.82 亿 is 7382 × 10⁸ / 10², not 73.82 × 10⁸ (7381999999.999999 in binary)
        return int(whole + decimals) * scale / 10 ** len(decimals)
    return float(parse_chinese_numeral(s))


def plain(value: float) -> int | float:
    """The number a reader expects: an int when whole, else the float to 6 decimals."""
    value = round(value, 6)
    return int(value) if value == int(value) else value


# ---------------------------------------------------------------------------------------------
# Units

#: Money: printed unit → unit reported (scale words are folded into the value).
_MONEY = {"元人民币": "元", "人民币": "元", "元": "元", "美元": "美元", "美金": "美元", "欧元": "欧元", "港元": "港元"}
#: Counters and units, longest first where one is a prefix of another; printed → reported.
_UNITS: dict[str, str] = {
    "个工作日": "工作日",
    "个百分点": "百分点",
    "个基点": "基点",
    "个小时": "小时",
    "个月": "月",
    "个批次": "批次",
    "工作日": "工作日",
    "百分点": "百分点",
    "基点": "基点",
    "人次": "人次",
    "艘次": "艘次",
    "架次": "架次",
    "批次": "批次",
    "场次": "场次",
    "家次": "家次",
    "标箱": "标箱",
    "平方米": "平方米",
    "平米": "平方米",
    "公里": "公里",
    "千米": "公里",
    "公顷": "公顷",
    "小时": "小时",
    "分钟": "分钟",
    "周岁": "周岁",
    "核时": "核时",
    "Gbps": "Gbps",
    "Mbps": "Mbps",
    "ms": "ms",
    "%": "%",
    "倍": "倍",
    "家": "家",
    "名": "名",
    "项": "项",
    "个": "个",
    "件": "件",
    "笔": "笔",
    "场": "场",
    "户": "户",
    "所": "所",
    "部": "部",
    "座": "座",
    "台": "台",
    "套": "套",
    "条": "条",
    "列": "列",
    "艘": "艘",
    "批": "批",
    "篇": "篇",
    "处": "处",
    "款": "款",
    "门": "门",
    "位": "位",
    "只": "只",
    "辆": "辆",
    "份": "份",
    "班": "班",
    "种": "种",
    "页": "页",
    "人": "人",
    "次": "次",
    "票": "票",
    "管": "管",
    "张": "张",
    "吨": "吨",
    "亩": "亩",
    "天": "天",
    "秒": "秒",
    "周": "周",
    "岁": "岁",
    "年": "年",
}
#: Denominators after a slash: ``美元/票``.
_PER = "票件人次箱吨个家台年月天"

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?(?:\s*[万亿]{1,2})?"
_CN_NUM = f"[{_CN_CHARS}]+"
_NUM = f"(?:{_ARABIC}|{_CN_NUM})"
_APPROX = r"[余多]?"
_RANGE_SEP = r"\s*(?:-|—|–|~|至|到)\s*"
_UNIT_LENGTHS = sorted({len(u) for u in (*_MONEY, *_UNITS)}, reverse=True)

#: One figure: number [余/多] [range] [余/多] then the run of characters the unit starts (its longest known prefix
#: is the unit: a regex alternation of every unit costs tens of milliseconds to compile at start-up).
_FIGURE = re.compile(
    rf"(?P<num>{_NUM})\s*(?P<approx1>{_APPROX})\s*(?P<pct1>%?)"
    rf"(?:{_RANGE_SEP}(?P<num2>{_NUM}))?"
    rf"\s*(?P<approx2>{_APPROX})\s*(?P<unit>[^\s\d.,，。；;：:、（）()“”《》/]{{1,5}})"
)
#: ``三分之二`` and ``四成`` (shares), reported as percentages.
_FRACTION = re.compile(rf"(?P<den>[{_CN_CHARS}]+|\d+)分之(?P<num>[{_CN_CHARS}]+|\d+)")
_TENTHS = re.compile(r"(?P<num>[一二两三四五六七八九]|\d)\s*成(?!本|果|功|立|为|交|效|员|都|熟|长)")

#: Times a figure can refer to: ``截至 2022 年底``, ``2021 年 10 月``, ``2019年``, ``2015-2019 年``.
_WHEN = re.compile(
    r"(?:(?:截至|截止|截止到|到)\s*)?(?:\d{4}\s*[-—至]\s*)?(?P<year>\d{4})\s*年(?:度)?"
    r"(?:\s*(?:第[一二三四]季度|[上下]半年|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:上旬|中旬|下旬|底|末|初)?"
    r"|底|末|初))?(?:\s*[末底])?"
)

# ---------------------------------------------------------------------------------------------
# Qualifiers and what is counted

#: Printed right before the number (spaces aside), longest first.
_PREFIX_QUALIFIERS = (
    "较上年同期增长",
    "较上年增长",
    "同比增长",
    "同比增加",
    "同比下降",
    "同比减少",
    "仅需要",
    "只需要",
    "缩短至",
    "缩短到",
    "缩短为",
    "压缩至",
    "压缩到",
    "压缩为",
    "缩减至",
    "缩减到",
    "减少至",
    "减少到",
    "降低至",
    "降低到",
    "放宽至",
    "放宽到",
    "仅用时",
    "最长不超过",
    "不超过",
    "不少于",
    "超过",
    "突破",
    "达到",
    "增至",
    "增长",
    "增加",
    "下降",
    "减少",
    "降低",
    "提高",
    "压缩",
    "缩短",
    "缩减",
    "降至",
    "降到",
    "仅需",
    "只需",
    "仅用",
    "只用",
    "历时",
    "历经",
    "未满",
    "年满",
    "共计",
    "总计",
    "累计",
    "最短",
    "最快",
    "连续",
    "最高",
    "约",
    "近",
    "逾",
    "超",
    "过",
    "达",
    "共",
    "仅",
    "上",
)
#: Printed right after the unit.
_SUFFIX_QUALIFIERS = ("以上", "以内", "以下", "左右")
#: Units of time a duration is counted in, and the words that make one the span of an activity rather than a
#: result (连续三年举办…, 五年来, 运行两年多以来, 十年间, 历时 3 年): kept as figures (FIGURES-LABELLING.md lists
#: 连续三年), but what precedes them is the one doing it (厦门连续两年蝉联…), not what the years count.
#: An age is the bound of whom a rule covers (年龄可放宽至 65 周岁), not an effect: see :attr:`Figure.condition`.
_AGE_UNITS = frozenset({"周岁", "岁"})
_DURATION_UNITS = frozenset({"年", "月", "天", "周"})
_DURATION_BEFORE = ("连续", "历时", "历经", "持续")
_DURATION_AFTER = re.compile(r"\s*(?P<approx>多?)\s*(?P<word>以来|来(?![自源华到])|间(?![隔距]))")
#: Anywhere earlier in the clause.
_CLAUSE_QUALIFIERS = ("累计", "共计", "总计")

_CLAUSE_END = "，,。；;：:！？!?\n"
_SENTENCE_END = "。！？!?\n"
#: Words that end the noun phrase after a counter (``近 400 名境外仲裁员来自…`` → 境外仲裁员).
_WHAT_STOP = re.compile(
    r"来自|走进|走向|通过|使用|进行|提供|获得|参与|参加|落户|落地|开展|入驻|成为|实现|签订|签署|达成|涉及|覆盖|分别|同比"
    r"|组成|构成|申报|开设|注册|纳入|取得|接受|得到|位居|入选|荣获|进入|加速|合作|正在|共同|其中|是|在|从|于|与|为|向|对"
    r"|被|将|已|均|占|较|比|等|、|的(?=[数几])|（[^）]*$"
)
#: Words after which the noun phrase before a number starts (``受理国际仲裁案件 43 件`` → 国际仲裁案件).
_WHAT_CUT = re.compile(
    r".*(?:集聚|完成|提供|接待|吸引|引进|举办|受理|办理|培养|拥有|设立|开行|签发|为|对|向|与|已|有|了|由"
    r"|内|实现|帮助|支持|遴选|选拔|推动|促成|招聘|聘用|落地|获得|登记|发放|建成|建立|开展|新增|共|累计|其中"
    r"|年底|年末|月底|年度|年(?!均|龄)|月)"
)
#: Linking words between the noun and the number (``应用率保持 100%``).
_WHAT_LINK = ("从原来的", "由原来的", "从", "由", "保持", "达到", "涉及", "用时", "为", "是", "有", "达", "约", "在")
_WHAT_MAX = 20
#: Time words inside a noun phrase before a number: what follows the last one is the noun.
_TIME_WORD = re.compile(
    r"\d{4}\s*年(?:度|底|末|初)?|\d{1,2}\s*月(?:底|末|初|中旬|上旬|下旬)?|第[一二三四]季度末?|年底|年末"
)
#: Classifiers: the noun they count follows them (``43 家影视剧组``); other units measure what precedes them.
_CLASSIFIERS = frozenset("家名项个件笔场户所部座台套条列艘批篇处款门位只辆份班种页张管") | {"艘次", "批次"}
#: Single-character qualifiers that end other words: 节约, 签约, 经过, 线上, 最近…
_NOT_QUALIFIER_AFTER = {
    "约": "节签预制条契合公",
    "过": "超经通",
    "上": "以线市之",
    "共": "公",
    "近": "最接附",
    "达": "到表传下",
}

#: Lead sentences that quote a policy rather than state a result.
_POLICY = re.compile(r"提出|指出|要求|强调|方案|意见|决定|纲要")
#: A lead sentence states a result when it says something was reached (not background: 海岸线长达 985.9 公里).
_RESULT = re.compile(r"落户|实现|达到|累计|完成|吸引|集聚|入驻|增长|突破|缩短|提升|提高|降低|减少|共有|现有|已有|成为")


@dataclass(frozen=True)
class Figure:
    """One key figure; ``start``/``end`` are offsets of ``text`` in the text of segment ``segment``."""

    case_id: str
    value: int | float
    unit: str
    qualifier: str
    what: str
    when: str
    sentence: str
    segment: int  # seq of the segment in case_segments(case)
    start: int
    end: int
    text: str  # the figure as printed, e.g. "近 400 名"
    high: int | float | None = None  # upper end of a range (``30-90 个工作日``)
    source: str = "effect"  # "effect" or "lead"
    section: str = ""  # heading of the effect section ("" for the lead)

    @property
    def condition(self) -> bool:
        """Whether the figure is a condition a rule sets rather than an effect: an age (年龄可放宽至 65 周岁,
        未满 18 周岁). Still a figure (FIGURES-LABELLING.md), but no 成效要点 card lists it (:func:`pick`)."""
        return self.unit in _AGE_UNITS or self.what.endswith("年龄")

    @property
    def year(self) -> int | None:
        """The year the figure refers to, when its sentence states one."""
        years = re.findall(r"\d{4}", self.when)
        return int(years[-1]) if years else None

    def to_dict(self) -> dict:
        return {
            "case_id": self.case_id,
            "value": self.value,
            "high": self.high,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "what": self.what,
            "when": self.when,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "segment": self.segment,
            "source": self.source,
            "section": self.section,
        }


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    value: float
    high: float | None
    unit: str
    approx: str  # 余/多 printed with the number


# ---------------------------------------------------------------------------------------------
# Extraction


def _in_quotes(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside “…”, 《…》 or 「…」 (numbers in names: “金融 50 条”, 《2021 年…报告》)."""
    return any(text.count(o, 0, pos) > text.count(c, 0, pos) for o, c in ("“”", "《》", "「」"))


def _is_name_context(folded: str, start: int, end: int, unit: str) -> bool:
    """Numbers glued to Latin letters (5G, B2B, 3D) or ordinals and ranks (第 8 位, 前十名) are no figures."""
    before = folded[:start].rstrip()
    if before[-1:].isascii() and before[-1:].isalpha():
        return True
    if before.endswith(("第", "前", "首")):
        return True
    if before.endswith(("数", "几")) and folded[start] in _CN_CHARS:  # 数百家, 几万人: vague (人数 9963 is not)
        return True
    after = folded[end : end + 1]
    if after.isascii() and after.isalpha() and unit not in {"Gbps", "Mbps", "ms"}:
        return True
    return unit == "强" or folded[end : end + 1] == "强"


def _enumeration_count(folded: str, start: int, value: float) -> bool:
    """``A、B、C 等 3 种``: the count only sums up the list printed before it in the clause."""
    before = folded[:start].rstrip()
    if not before.endswith("等"):
        return False
    clause = re.split(f"[{re.escape(_CLAUSE_END)}]", before[:-1])[-1]
    items = clause.count("、") + 1
    return items >= 2 and items == value


def _scan(text: str) -> Iterator[_Raw]:
    folded = text.translate(_FOLD)
    taken: list[tuple[int, int]] = []
    for m in _FRACTION.finditer(folded):
        try:
            den, num = parse_number(m.group("den")), parse_number(m.group("num"))
        except NumberError:
            continue
        if den and not _in_quotes(text, m.start()):
            taken.append((m.start(), m.end()))
            yield _Raw(m.start(), m.end(), round(num / den * 100, 2), None, "%", "")
    for m in _TENTHS.finditer(folded):
        if _in_quotes(text, m.start()) or any(s <= m.start() < e for s, e in taken):
            continue
        taken.append((m.start(), m.end()))
        yield _Raw(m.start(), m.end(), parse_number(m.group("num")) * 10, None, "%", "")
    for m in _FIGURE.finditer(folded):
        start = m.start()
        if any(s <= start < e for s, e in taken) or _in_quotes(text, start):
            continue
        raw = _figure(folded, m)
        if raw is not None:
            yield raw


def _unit_at(run: str) -> str:
    """The longest unit ``run`` starts with ("" when none)."""
    for n in _UNIT_LENGTHS:
        if len(run) >= n and (run[:n] in _UNITS or run[:n] in _MONEY):
            return run[:n]
    return ""


def _figure(folded: str, m: re.Match[str]) -> _Raw | None:
    num, num2 = m.group("num"), m.group("num2")
    unit = _unit_at(m.group("unit"))
    unit_start = m.start("unit")
    if m.group("pct1") and not num2:  # 60%的时间: the % printed right after the number is the unit
        unit, unit_start = "%", m.start("pct1")
    if not unit:
        return None
    start, end = m.start(), unit_start + len(unit)
    per = ""
    if folded[end : end + 1] == "/" and folded[end + 1 : end + 2] and folded[end + 1] in _PER:
        per = folded[end + 1]
        end += 2
    if num.strip() == "一" and not num2:  # a lone 一 is idiom: 一站式, 一次都不用跑
        return None
    # A bare scale word counts only with a bound: 上百家, 近百场, 超千套, 过亿元, 千余家 (not 亿元级企业).
    bare = not num2 and re.fullmatch("[百千万亿]+", num.strip()) and not (m.group("approx1") or m.group("approx2"))
    if bare and not folded[: m.start()].rstrip().endswith(("上", "近", "超", "过", "逾", "约", "达")):
        return None
    if m.group("pct1") and unit != "%":
        return None
    try:
        value = parse_number(num)
        high = parse_number(num2) if num2 else None
    except NumberError:
        return None
    if high is not None and re.search(r"[万亿]\s*$", num2 or "") and not re.search(r"[万亿]", num):
        # 400~700 万元: the scale printed once applies to both ends.
        scale = 1.0
        for ch in re.findall(r"[万亿]", num2 or ""):
            scale *= _CN_BIG[ch]
        value *= scale
    reported = _UNITS.get(unit)
    if unit in _MONEY:
        reported = _MONEY[unit]
    if reported is None:
        return None
    # Dates: 2022 年, 10 月 are times, not figures (个月/周岁 are durations and kept).
    if unit == "年" and 1900 <= value <= 2100 and value == int(value):
        return None
    if high is not None and unit == "年" and 1900 <= high <= 2100:
        return None
    if _is_name_context(folded, start, end, unit):
        return None
    if high is None and _enumeration_count(folded, start, value):
        return None
    if per:
        reported = f"{reported}/{per}"
    approx = (m.group("approx1") or (m.group("approx2") if unit_start >= m.end("approx2") else "") or "").strip()
    return _Raw(start, end, value, high, reported, approx)


def _clause_bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from after the last stop character before it to the next one."""
    lo = start
    while lo > 0 and text[lo - 1] not in stops:
        lo -= 1
    hi, n = end, len(text)
    while hi < n and text[hi] not in stops:
        hi += 1
    return lo, hi


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = _clause_bounds(text, start, end, _SENTENCE_END)
    if hi < len(text) and text[hi] in _SENTENCE_END and text[hi] != "\n":
        hi += 1
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo, hi


def _qualifiers(folded: str, raw: _Raw, previous_end: int) -> tuple[str, int, int]:
    """The qualifier words around the figure, and the figure's span widened to cover them."""
    found: list[str] = []
    start, end = raw.start, raw.end
    for _ in range(2):
        before = folded[max(previous_end, 0) : start]
        stripped = before.rstrip()
        word = next((q for q in _PREFIX_QUALIFIERS if stripped.endswith(q)), None)
        if word is None:
            break
        if len(word) == 1 and stripped[-2:-1] and stripped[-2] in _NOT_QUALIFIER_AFTER.get(word, ""):
            break
        found.insert(0, word)
        start = len(stripped) - len(word) + max(previous_end, 0)
    clause_lo, _ = _clause_bounds(folded, start, end, _CLAUSE_END)
    clause_before = folded[max(clause_lo, previous_end) : start]
    for word in _CLAUSE_QUALIFIERS:
        if word in clause_before and word not in found:
            found.insert(0, word)
    if raw.approx:
        found.append(raw.approx)
    after = folded[end:]
    stripped_after = after.lstrip()
    for word in _SUFFIX_QUALIFIERS:
        if stripped_after.startswith(word):
            found.append(word)
            end = end + (len(after) - len(stripped_after)) + len(word)
            break
    span = _DURATION_AFTER.match(folded, end) if raw.unit in _DURATION_UNITS else None
    if span is not None:  # 五年来, 两年多以来: the span of an activity
        found += [w for w in (span.group("approx"), span.group("word")) if w and w not in found]
        end = span.end()
    return " ".join(found), start, end


def _is_duration(unit: str, qualifier: str) -> bool:
    """Whether a figure is the span an activity lasted (连续三年, 五年来, 历时 3 年), judged by its qualifier."""
    words = qualifier.split()
    return unit in _DURATION_UNITS and any(w in (*_DURATION_BEFORE, "以来", "来", "间") for w in words)


#: A short aside in brackets right after a counter (台（套）, 款（药品、医疗器械）): the noun counted follows it.
_ASIDE = re.compile(r"\s*[（(][^（()）。；]{1,16}[）)]")


def _what_after(folded: str, end: int, unit: str) -> str:
    rest = folded[end:].lstrip()
    aside = _ASIDE.match(rest)
    if aside is not None:
        rest = rest[aside.end() :].lstrip()
    if rest.startswith("的"):
        rest = rest[1:]
    elif unit not in _CLASSIFIERS:  # 30 个工作日缩短到…: a measure's noun comes before it, or after 的
        return ""
    _, hi = _clause_bounds(rest, 0, 0, _CLAUSE_END)
    phrase = rest[:hi]
    stop = _WHAT_STOP.search(phrase)
    if stop is not None:
        phrase = phrase[: stop.start()]
    following = next((m for m in _FIGURE.finditer(phrase) if _figure(phrase, m) is not None), None)
    if following is not None:  # the next figure starts: what lies beyond it is no noun of ours
        phrase = phrase[: following.start()]
    return _tidy(phrase) if len(phrase) >= 2 else ""


def _ends_with_word(phrase: str, word: str) -> bool:
    """``phrase`` ends with ``word`` as a word of its own (节约 does not end with the qualifier 约)."""
    if not phrase.endswith(word):
        return False
    return not (len(word) == 1 and len(phrase) > 1 and phrase[-2] in _NOT_QUALIFIER_AFTER.get(word, ""))


def _tidy(phrase: str) -> str:
    """A noun phrase without the punctuation, qualifiers and particles at its ends."""
    phrase = re.sub(r"^(?:是|为|的|了)+", "", phrase.strip(" 、，,"))
    changed = True
    while changed and phrase:
        changed = False
        for word in (*_PREFIX_QUALIFIERS, "中的", "分别", "给予", "的", "和", "及", "与", "或", "均", "可"):
            if _ends_with_word(phrase, word) and len(phrase) > len(word):
                phrase = phrase[: -len(word)].rstrip(" 、")
                changed = True
                break
    if phrase in _PREFIX_QUALIFIERS or phrase in _SUFFIX_QUALIFIERS:  # 最快 (可在 3 天内), 以上 (缩短至 3 天以内)
        return ""
    return phrase if len(phrase) >= 2 else ""


def _what_before(folded: str, start: int, floor: int) -> str:
    lo, _ = _clause_bounds(folded, start, start, _CLAUSE_END)
    phrase = folded[max(lo, floor) : start].strip()
    changed = True
    while changed and phrase:
        changed = False
        for word in (*_PREFIX_QUALIFIERS, *_WHAT_LINK):
            if _ends_with_word(phrase, word):
                phrase = phrase[: -len(word)].rstrip()
                changed = True
                break
    phrase = re.sub(r"(?:较|(?<!占)比|同比).*$", "", phrase).strip()
    phrase = re.sub(r"可?[\u4e00-\u9fff]{0,2}[至到为]$", "", phrase).strip()  # 年龄可放宽至 → 年龄, 精简至 → ""
    times = list(_TIME_WORD.finditer(phrase))  # 2022 年 5 月末的融资租赁资产规模 → 融资租赁资产规模
    if times:
        phrase = phrase[times[-1].end() :]
    cut = _WHAT_CUT.match(phrase)
    if cut is not None:
        phrase = phrase[cut.end() :]
    phrase = re.sub(r"^[\s的]+", "", phrase)
    phrase = re.sub(r"^(?:将|使|把)", "", phrase)  # 将案件平均侦查时间缩短至 8 小时 → 案件平均侦查时间
    if re.match(r"从.+[到至]", phrase):  # 从列入试点到产品获批上市 (最快仅需 5 个月): a span of a process, no noun
        return ""
    if len(phrase) > _WHAT_MAX:
        phrase = phrase[-_WHAT_MAX:]
    phrase = _tidy(phrase)
    return "" if re.search(r"\d", phrase) else phrase


def _when(folded: str, sentence_lo: int, start: int) -> str:
    found = [m for m in _WHEN.finditer(folded, sentence_lo, start)]
    if not found:
        return ""
    return re.sub(r"\s+", "", found[-1].group(0))


def extract_from_text(
    text: str, *, case_id: str = "", segment: int = -1, section: str = "", source: str = "effect"
) -> list[Figure]:
    """Every figure of one paragraph (or heading), in order of appearance."""
    folded = text.translate(_FOLD)
    raws = sorted(_scan(text), key=lambda r: r.start)
    out: list[Figure] = []
    previous_end = 0
    for raw in raws:
        sent_lo, sent_hi = _sentence_bounds(text, raw.start, raw.end)
        floor = max(previous_end, sent_lo)
        qualifier, start, end = _qualifiers(folded, raw, floor)
        if _is_duration(raw.unit, qualifier):
            what = ""
        else:
            what = _what_after(folded, end, raw.unit) or _what_before(folded, start, floor)
        out.append(
            Figure(
                case_id=case_id,
                value=plain(raw.value),
                high=plain(raw.high) if raw.high is not None else None,
                unit=raw.unit,
                qualifier=qualifier,
                what=what,
                when=_when(folded, sent_lo, raw.start),
                sentence=text[sent_lo:sent_hi].strip(),
                segment=segment,
                start=start,
                end=end,
                text=text[start:end],
                source=source,
                section=section,
            )
        )
        previous_end = end  # past 以上/左右 too: 由 5 天以上缩短至 3 天以内
    return out


def extract(case: Case, *, lead: bool = True) -> list[Figure]:
    """The key figures of a case: every figure of its effect sections (headings and paragraphs), and, with
    ``lead``, those of lead sentences that state a result (a verb such as 落户, 实现, 累计, 缩短; not a policy
    being quoted, not background such as 海岸线长达 985.9 公里), in reading order."""
    out: list[Figure] = []
    for seg in case_segments(case):
        if seg.kind is SectionKind.EFFECT:
            out += extract_from_text(seg.text, case_id=case.id, segment=seg.seq, section=seg.section)
        elif lead and seg.field is Field.BODY and seg.kind is None:
            found = extract_from_text(seg.text, case_id=case.id, segment=seg.seq, source="lead")
            out += [f for f in found if _RESULT.search(f.sentence) and not _POLICY.search(f.sentence)]
    return out


def extract_all(cases: Iterable[Case], *, lead: bool = True) -> list[Figure]:
    out: list[Figure] = []
    for case in cases:
        out += extract(case, lead=lead)
    return out


#: How many figures a case's 成效要点 card (in the reader and in exports) lists.
CARD_SIZE = 6


def pick(figures: list[Figure], limit: int = CARD_SIZE) -> list[Figure]:
    """The figures a short card shows: those that name what they count first, then the rest, in reading order;
    never a condition a rule sets (an age: :attr:`Figure.condition`)."""
    effects = [f for f in figures if not f.condition]
    named = [f for f in effects if f.what]
    chosen = set(map(id, (named + [f for f in effects if not f.what])[:limit]))
    return [f for f in figures if id(f) in chosen]


def is_unit_word(word: str) -> bool:
    """Whether ``word`` names a unit as printed (``亿元``, ``万人次``, ``家``, ``%``), scale words allowed."""
    core = word.lstrip("万亿千百")
    return bool(core) and (core in _UNITS or core in _MONEY)


def format_value(value: int | float, unit: str) -> str:
    """A value for people: 120000000 元 → ``1.2 亿元``, 31074000 人次 → ``3107.4 万人次``, 43.5 % → ``43.5%``."""
    if unit == "%":
        return f"{value:g}%"
    for scale, word in ((1_000_000_000_000, "万亿"), (100_000_000, "亿"), (10_000, "万")):
        if abs(value) >= scale and unit not in {"%", "倍"}:
            return f"{value / scale:.6g} {word}{unit}"
    return f"{value:g} {unit}"
