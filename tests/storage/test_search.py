"""Search: exact substring semantics on the FTS5 index, ranking, snippets, filters, facets, hostile input.

Truth is always computed without the index: a plain substring scan over the normalised segment texts.
The main correctness test indexes all 80 real cases parsed from ``data/sources``.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain.normalize import normalize
from reader.domain.query import QueryError, parse_query
from reader.storage.search import (
    SNIPPET_LENGTH,
    SearchEngine,
    SearchIndexError,
    create_search_schema,
    find_spans,
    index_segments,
    whole_number_count,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"

DDL = """
CREATE TABLE batches (id TEXT PRIMARY KEY, title TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE cases (id TEXT PRIMARY KEY, batch_id TEXT NOT NULL, ordinal INTEGER NOT NULL, number INTEGER,
                    title TEXT NOT NULL, category TEXT);
CREATE TABLE case_regions (case_id TEXT NOT NULL, region TEXT NOT NULL);
CREATE TABLE segments (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, seq INTEGER NOT NULL, field TEXT NOT NULL,
                       section TEXT NOT NULL, kind TEXT, text TEXT NOT NULL);
"""

HOSTILE = [
    "",
    "   ",
    '"',
    '"unbalanced',
    'a"b',
    "*",
    "知识*",
    "(",
    ")",
    "(知识 OR",
    "NEAR",
    "NEAR(a b)",
    "AND",
    "a AND b",
    "OR",
    "NOT",
    ":",
    "title:仲裁",
    "{title}: x",
    "^仲裁",
    "'; DROP TABLE segments;--",
    '"; DROP TABLE x; --',
    "x' OR '1'='1",
    "知识产权" * 250,  # 1,000 characters: accepted, one long phrase
    "知识产权 " * 400,  # 2,000 characters: rejected
    "服" * 2000,
    "😀",
    "👨‍👩‍👧 🇨🇳",
    "\x00",
    "\x00\x01\x1b[31m",
    "\u200b\u200d",
    "，。、；：？！",
    "...",
    "-",
    "--",
    "- -",
    "-仲裁",
    "仲裁 OR -游艇",
    "\ud800",
    "a\udc00b",
    "\u202e仲裁",
    "%",
    "_",
    "\\",
    "''",
    '""',
    "char(0)",
    "仲裁\n游艇",
]


# ---------------------------------------------------------------------------------------------
# Building test databases


@dataclass
class Seg:
    field: str
    text: str
    kind: str | None = None
    section: str = ""


@dataclass
class Doc:
    id: str
    title: str
    segments: list[Seg] = field(default_factory=list)
    batch: str = "b1"
    ordinal: int = 1
    category: str | None = None
    regions: tuple[str, ...] = ()

    def all_segments(self) -> list[Seg]:
        return [Seg("title", self.title), *self.segments]


def build_db(conn: sqlite3.Connection, docs: list[Doc], batches: dict[str, int] | None = None) -> sqlite3.Connection:
    batches = batches or {}
    with conn:
        conn.executescript(DDL)
        create_search_schema(conn)
        for bid in sorted({d.batch for d in docs}):
            conn.execute("INSERT INTO batches VALUES (?, ?, ?)", (bid, bid.upper(), batches.get(bid, 1)))
        rows = []
        sid = 0
        for d in docs:
            conn.execute(
                "INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?)",
                (d.id, d.batch, d.ordinal, d.ordinal, d.title, d.category),
            )
            conn.executemany("INSERT INTO case_regions VALUES (?, ?)", [(d.id, r) for r in d.regions])
            for seq, s in enumerate(d.all_segments()):
                sid += 10  # ids need not be consecutive
                conn.execute(
                    "INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (sid, d.id, seq, s.field, s.section, s.kind, s.text),
                )
                rows.append((sid, s.text))
        random.Random(5).shuffle(rows)  # order of the rows does not matter
        index_segments(conn, rows)
    return conn


def engine_for(docs: list[Doc], batches: dict[str, int] | None = None, *, tiered: bool = False) -> SearchEngine:
    """An engine over ``docs``; ``tiered`` forces the ranking path meant for large result sets."""
    engine = SearchEngine(build_db(sqlite3.connect(":memory:"), docs, batches))
    if tiered:
        engine.direct_rank_limit = 0
    return engine


RANKING_PATHS = pytest.mark.parametrize("tiered", [False, True], ids=["direct", "tiered"])


def ids(results) -> list[str]:
    return [h.case_id for h in results.hits]


def paged(engine: SearchEngine, query: str, size: int = 9, **filters) -> list:
    """Every hit, fetched page by page (pages smaller than the total take the large-result ranking)."""
    out: list = []
    while True:
        res = engine.search(query, limit=size, offset=len(out), **filters)
        out += res.hits
        if len(out) >= res.total or not res.hits:
            assert len(out) == res.total
            return out


def truth(query: str, norm: dict[str, list[str]]) -> set[str]:
    """Cases matching ``query``, by a plain substring scan of normalised segments (no index)."""
    q = parse_query(query)

    def has(case_id: str, text: str) -> bool:
        return any(text in s for s in norm[case_id])

    return {
        cid
        for cid in norm
        if q.clauses
        and all(any(has(cid, t.text) for t in clause) for clause in q.clauses)
        and not any(has(cid, t.text) for t in q.excluded)
    }


# ---------------------------------------------------------------------------------------------
# Small synthetic casebook

SMALL = [
    Doc(
        "c1",
        "创新开展专利代理对外开放试点",
        [
            Seg("body", "全国首批 3 家外国专利代理机构在华常驻代表机构中的 2 家落户广州开发区"),
            Seg("heading", "一、主要做法", "practice", "一、主要做法"),
            Seg("body", "国家知识产权局推动知识产权保护，成立仲裁中心", "practice", "一、主要做法"),
            Seg("heading", "二、实践效果", "effect", "二、实践效果"),
            Seg("body", "知识，产权。服务", "effect", "二、实践效果"),
        ],
        batch="b1",
        ordinal=1,
        category="金融",
        regions=("广州市",),
    ),
    Doc(
        "c2",
        "运用 FTF 账户创新股权激励",
        [
            Seg("body", "自由贸易账户（以下称 ＦＴＦ 账户）开通"),
            Seg("heading", "一、主要做法", "practice", "一、主要做法"),
            Seg("body", "游艇旅游与川菜推广", "practice", "一、主要做法"),
            Seg("heading", "三、下一步工作思路", "next", "三、下一步工作思路"),
            Seg("body", "推进 SPV 跨境设备租赁", "next", "三、下一步工作思路"),
        ],
        batch="b1",
        ordinal=2,
        category="贸易",
        regions=("上海市", "浦东新区"),
    ),
    Doc(
        "c3",
        "游艇产业知识产权证券化",
        [
            Seg("body", "仲裁仲裁仲裁"),
            Seg("heading", "二、实践效果", "effect", "二、实践效果"),
            Seg("body", "贷款市场报价利率（LPR）下降", "effect", "二、实践效果"),
        ],
        batch="b2",
        ordinal=1,
        category="金融",
        regions=("广州市",),
    ),
]


@pytest.fixture(scope="module", params=["direct", "tiered"])
def small(request):
    return engine_for(SMALL, {"b1": 1, "b2": 2}, tiered=request.param == "tiered")


def test_short_terms_are_found(small):
    assert set(ids(small.search("仲"))) == {"c1", "c3"}
    assert set(ids(small.search("仲裁"))) == {"c1", "c3"}
    assert set(ids(small.search("游艇"))) == {"c2", "c3"}
    assert ids(small.search("川菜")) == ["c2"]


def test_word_inside_a_longer_word(small):
    # jieba would make 国家知识产权局 one word; substring search finds 知识产权 inside it
    assert set(ids(small.search("知识产权"))) == {"c1", "c3"}


def test_spaces_do_not_matter(small):
    assert ids(small.search("3家")) == ["c1"]
    assert ids(small.search('"首批 3 家"')) == ["c1"]
    assert ids(small.search("首批3家外国")) == ["c1"]


def test_latin_is_case_and_width_insensitive(small):
    for q in ("FTF", "ftf", "ＦＴＦ", "Ftf账户"):
        assert ids(small.search(q)) == ["c2"], q
    assert ids(small.search("spv")) == ["c2"]
    assert ids(small.search("lpr")) == ["c3"]


def test_punctuation_is_exact(small):
    assert small.search("知识产权服务").total == 0  # "知识，产权。服务" has punctuation in between
    assert small.search("识产").total == 2  # c1 body, c3 title; not across the comma
    assert ids(small.search("知识，产权")) == ["c1"]
    assert ids(small.search("(lpr)")) == ["c3"]  # full-width brackets read as ASCII
    assert ids(small.search("（LPR）")) == ["c3"]


def test_terms_do_not_cross_segments(small):
    # c2's title ends with 激励, its lead starts with 自由
    assert small.search("激励自由").total == 0
    assert small.search("点全国").total == 0


def test_and_or_not(small):
    assert ids(small.search("知识产权 游艇")) == ["c3"]
    assert set(ids(small.search("川菜 OR lpr"))) == {"c2", "c3"}
    assert ids(small.search("游艇 -仲裁")) == ["c2"]
    assert ids(small.search("知识产权 -证券化 -游艇")) == ["c1"]


def test_empty_query_gives_empty_results(small):
    for q in ("", "   ", "-", "\u200b"):
        res = small.search(q)
        assert res.total == 0 and res.hits == []


def test_only_excluded_is_a_query_error(small):
    with pytest.raises(QueryError) as info:
        small.search("-仲裁")
    assert info.value.code == "query-only-excluded"


@RANKING_PATHS
def test_ranking_title_then_heading_then_body(tiered):
    docs = [
        Doc("body", "案例甲", [Seg("body", "仲裁 仲裁 仲裁 仲裁 仲裁 仲裁 仲裁 仲裁")], ordinal=1),
        Doc("heading", "案例乙", [Seg("heading", "一、仲裁", "practice", "一、仲裁"), Seg("body", "其他")], ordinal=2),
        Doc("title", "仲裁案例", [Seg("body", "其他内容")], ordinal=3),
        Doc("none", "案例丁", [Seg("body", "无关内容")], ordinal=4),
    ]
    res = engine_for(docs, tiered=tiered).search("仲裁")
    assert ids(res) == ["title", "heading", "body"]
    assert res.hits[0].score > res.hits[1].score > res.hits[2].score


@RANKING_PATHS
def test_more_hits_rank_higher(tiered):
    docs = [Doc(f"n{n}", f"案例{n}", [Seg("body", ("仲裁" * n).ljust(40, "文"))], ordinal=n) for n in (1, 3, 2, 5, 4)]
    res = engine_for([*docs, Doc("x", "无关", [Seg("body", "无关")], ordinal=9)], tiered=tiered).search("仲裁")
    assert ids(res) == ["n5", "n4", "n3", "n2", "n1"]
    assert [h.hit_count for h in res.hits] == [5, 4, 3, 2, 1]


@RANKING_PATHS
def test_ties_break_by_batch_order_then_ordinal(tiered):
    docs = [
        Doc("late-batch", "案例", [Seg("body", "相同的正文仲裁")], batch="b0", ordinal=1),
        Doc("second", "案例", [Seg("body", "相同的正文仲裁")], batch="b9", ordinal=2),
        Doc("first", "案例", [Seg("body", "相同的正文仲裁")], batch="b9", ordinal=1),
    ]
    res = engine_for(docs, {"b9": 1, "b0": 2}, tiered=tiered).search("仲裁")
    assert ids(res) == ["first", "second", "late-batch"]


def test_hit_fields(small):
    res = small.search("3家")
    hit = res.hits[0]
    assert (hit.case_id, hit.batch_id, hit.title, hit.section) == ("c1", "b1", "创新开展专利代理对外开放试点", "")
    assert hit.hit_count == 1
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["3 家"]
    hit = small.search("游艇 川菜").hits[0]
    assert hit.section == "一、主要做法"  # the segment with both terms beats the title with one
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["游艇", "川菜"]


NUMBERS = [
    # The number in a title, in a heading, in a body: all inside longer numbers; then alone.
    Doc("n-title", "第43家试点单位", [Seg("body", "其他内容")], batch="b1", ordinal=1),
    Doc("n-heading", "标题甲", [Seg("heading", "一、283家企业", "practice", "一、283家企业")], batch="b1", ordinal=2),
    Doc("n-body", "标题乙", [Seg("body", "共有 1 3 家机构参与，另有 23家")], batch="b1", ordinal=3),
    Doc("alone", "标题丙", [Seg("body", "首批 3 家外国机构落户；另有 13 家")], batch="b2", ordinal=1),
    Doc("alone-2", "标题丁", [Seg("body", "3家银行"), Seg("body", "2022年底")], batch="b2", ordinal=2),
    Doc("year", "2022年工作", [Seg("body", "截至20221231")], batch="b2", ordinal=3),
]


def test_whole_number_count():
    assert whole_number_count("首批3家外国", "3家") == 1
    assert whole_number_count("共43家和283家", "3家") == 0
    assert whole_number_count("3家和13家和3家", "3家") == 2
    assert whole_number_count("截至20221231", "2022") == 0
    assert whole_number_count("2022年", "2022") == 1
    assert whole_number_count("a20b", "20") == 1
    assert whole_number_count("仲裁仲裁", "仲裁") == 2  # not a number: every occurrence
    assert whole_number_count("x3家y", "3家", 2) == 0  # counted inside the given range only


@RANKING_PATHS
def test_a_number_ranks_cases_where_it_stands_alone_first(tiered):
    """``3家`` finds ``43家``, ``283家`` and ``1 3 家`` too, but after every case with ``3 家`` alone, even a
    title hit; the demoted cases keep their title → heading → body order among themselves."""
    engine = engine_for(NUMBERS, {"b1": 1, "b2": 2}, tiered=tiered)
    res = engine.search("3家")
    assert ids(res) == ["alone", "alone-2", "n-title", "n-heading", "n-body"]
    assert res.total == 5  # nothing dropped: the substring semantics stand
    assert [h.whole_numbers for h in res.hits] == [True, True, False, False, False]
    assert [h.case_id for h in paged(engine, "3家", size=2)] == ids(res)
    assert res.hits[0].score > res.hits[2].score  # the merge across databases keeps the order
    # The snippet shows the number alone where the case has it so.
    alone = res.hits[0]
    assert [alone.snippet[a:b] for a, b in alone.snippet_spans] == ["3 家"]  # not the 3 家 of 13 家
    assert alone.hit_count == 1
    assert res.hits[4].hit_count == 2  # only inside longer numbers: those are its hits (1 3 家, 23家)
    # The reader highlights the same hits.
    assert find_spans("首批 3 家外国机构落户；另有 13 家", "3家") == [(3, 6)]
    assert find_spans("共有 1 3 家机构参与，另有 23家", "3家") == [(5, 8), (17, 19)]
    # A number at the end of a term: 2022 inside 20221231 is part of a longer number.
    assert ids(engine.search("2022")) == ["year", "alone-2"]  # the title has 2022 alone
    assert [h.whole_numbers for h in engine.search("截至2022").hits] == [False]


@RANKING_PATHS
def test_a_number_in_any_term_of_a_clause_counts(tiered):
    engine = engine_for(NUMBERS, {"b1": 1, "b2": 2}, tiered=tiered)
    # OR: a case is whole when any term of the clause occurs alone.
    assert ids(engine.search("43家 OR 银行")) == ["n-title", "alone-2"]
    # AND: every clause must occur alone somewhere, or the case goes last.
    assert ids(engine.search("3家 机构")) == ["alone", "n-body"]


def test_snippet_comes_from_outside_the_title_when_it_can(small):
    c3 = next(h for h in small.search("游艇").hits if h.case_id == "c3")
    assert c3.snippet == "游艇产业知识产权证券化"  # c3 has it only in the title: the title it is
    c2 = next(h for h in small.search("游艇").hits if h.case_id == "c2")
    assert (c2.snippet, c2.section) == ("游艇旅游与川菜推广", "一、主要做法")
    c1 = next(h for h in small.search("专利").hits if h.case_id == "c1")
    assert c1.snippet.startswith("全国首批")  # the title has 专利 too, the lead gives context
    assert c1.section == ""


def test_snippet_is_cut_around_the_hit():
    body = "前文" * 100 + "关键仲裁条款" + "后文" * 100
    res = engine_for([Doc("c", "标题", [Seg("body", body)])]).search("仲裁")
    hit = res.hits[0]
    assert 80 <= len(hit.snippet) <= SNIPPET_LENGTH + 2
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["仲裁"]
    assert hit.snippet_spans[0][0] < len(hit.snippet) // 2  # some context before, more after
    assert hit.snippet.replace("…", "") in body


def test_filters(small):
    assert set(ids(small.search("知识产权", batches=["b1"]))) == {"c1"}
    assert set(ids(small.search("游艇", categories=["金融"]))) == {"c3"}
    assert set(ids(small.search("游艇", regions=["浦东新区"]))) == {"c2"}
    assert set(ids(small.search("游艇", regions=["广州市", "浦东新区"]))) == {"c2", "c3"}
    assert small.search("游艇", batches=["nope"]).total == 0


def test_kind_filter_restricts_the_whole_query(small):
    assert ids(small.search("仲裁", kinds=["practice"])) == ["c1"]
    assert small.search("仲裁", kinds=["effect"]).total == 0  # c3 has it only in the lead
    assert ids(small.search("游艇", kinds=["practice"])) == ["c2"]  # not c3's title
    assert ids(small.search("SPV", kinds=["next", "effect"])) == ["c2"]
    assert small.search("游艇 spv", kinds=["practice"]).total == 0
    hit = small.search("知识产权", kinds=["practice"]).hits[0]
    assert hit.section == "一、主要做法"
    assert small.search("仲裁", kinds=["no-such-kind"]).total == 0


@RANKING_PATHS
def test_kind_filter_ranks_by_the_searched_text_only(tiered):
    docs = [
        Doc("title", "仲裁案例", [Seg("body", "做法里的仲裁", "practice", "一、主要做法")], ordinal=1),
        Doc("heading", "案例", [Seg("heading", "一、仲裁", "practice", "一、仲裁")], ordinal=2),
    ]
    engine = engine_for(docs, tiered=tiered)
    assert ids(engine.search("仲裁")) == ["title", "heading"]
    assert ids(engine.search("仲裁", kinds=["practice"])) == ["heading", "title"]  # the title is not searched


def test_facets_match_filtered_totals(small):
    for query in ("知识产权", "游艇", "仲裁 OR spv", "产权 -游艇"):
        facets = small.facets(query)
        assert set(facets) == {"batch", "category", "region", "kind"}
        for key, arg in (("batch", "batches"), ("category", "categories"), ("region", "regions"), ("kind", "kinds")):
            for value, count in facets[key].items():
                assert small.search(query, **{arg: [value]}).total == count, (query, key, value)
        assert sum(facets["batch"].values()) == small.search(query).total
    assert small.facets("游艇")["region"] == {"上海市": 1, "浦东新区": 1, "广州市": 1}
    assert small.facets("")["batch"] == {}


def test_paging(small):
    full = small.search("产", limit=None)
    pages = [small.search("产", limit=1, offset=i) for i in range(full.total + 1)]
    assert [p.hits[0].case_id for p in pages[:-1]] == ids(full)
    assert pages[-1].hits == []
    assert all(p.total == full.total for p in pages)


def test_find_spans():
    assert find_spans("首批 3 家外国", "3家") == [(3, 6)]
    assert find_spans("ＦＴＦ账户和ftf", "FTF") == [(0, 3), (6, 9)]
    assert find_spans("知识产权局知识产权", "知识 产权") == [(0, 2), (2, 4), (5, 7), (7, 9)]
    assert find_spans("知识产权", "知识产 识产权") == [(0, 4)]  # overlapping hits merge
    assert find_spans("仲裁仲裁仲", "仲裁") == [(0, 2), (2, 4)]
    assert find_spans("知识\n产权", "知识产权") == []  # no hit across a line break
    assert find_spans("知识\u2029产权", "识产") == []
    assert find_spans("知识产权", "知识 -产权") == [(0, 2)]  # excluded terms are not highlighted
    assert find_spans("任何文字", "") == []
    assert find_spans("a\u0301b", "á") == [(0, 2)]
    parsed = parse_query("游艇")
    assert find_spans("豪华游艇", parsed) == [(2, 4)]
    with pytest.raises(QueryError):
        find_spans("x", "-x")


def test_read_only_connection(tmp_path):
    path = tmp_path / "book.db"
    build_db(sqlite3.connect(path), SMALL).close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row  # as the casebook opens it
    engine = SearchEngine(conn)
    assert ids(engine.search("3家")) == ["c1"]
    assert engine.facets("游艇")["batch"] == {"b1": 1, "b2": 1}
    conn.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_missing_index_is_a_clear_error():
    conn = sqlite3.connect(":memory:")
    with pytest.raises(SearchIndexError) as info:
        SearchEngine(conn)
    assert info.value.code == "search-index"


def test_indexing_a_case_twice_is_refused():
    conn = build_db(sqlite3.connect(":memory:"), SMALL[:1])
    with pytest.raises(ValueError, match="already indexed"):
        index_segments(conn, [(10, "x")])


def test_build_runs_inside_the_callers_transaction():
    conn = sqlite3.connect(":memory:")
    conn.executescript(DDL)
    conn.execute("INSERT INTO cases VALUES ('c', 'b', 1, 1, '标题', NULL)")
    conn.execute("INSERT INTO segments VALUES (1, 'c', 0, 'title', '', NULL, '标题')")
    create_search_schema(conn)
    index_segments(conn, [(1, "标题")])
    assert conn.in_transaction
    conn.rollback()
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search%'").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM cases").fetchone() == (0,)


def test_index_is_deterministic():
    def dump(conn: sqlite3.Connection) -> list:
        tables = ["search_doc", "search_region", "search_text", "search_fts_data", "search_head_data"]
        return [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables]

    assert dump(build_db(sqlite3.connect(":memory:"), SMALL)) == dump(build_db(sqlite3.connect(":memory:"), SMALL))


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_raise_nothing_but_query_errors(small, query):
    for call in (
        lambda: small.search(query),
        lambda: small.search(query, kinds=["practice"], batches=["b1"], regions=["广州市"], categories=["金融"]),
        lambda: small.search(query, limit=None, offset=3),
        lambda: small.facets(query),
        lambda: find_spans("知识产权 '; DROP TABLE *", query),
    ):
        try:
            call()
        except QueryError as exc:
            assert exc.code.startswith("query-")


@settings(max_examples=150, deadline=None, database=None)
@given(st.text(max_size=40) | st.text(alphabet=st.sampled_from('仲裁知识产权游艇 "-*():^{}ORNEAR\x00，'), max_size=20))
def test_random_queries_match_the_substring_truth(small, query):
    norm = {d.id: [normalize(s.text) for s in d.all_segments()] for d in SMALL}
    try:
        res = small.search(query, limit=None)
    except QueryError:
        with pytest.raises(QueryError):
            parse_query(query)
        return
    assert set(ids(res)) == truth(query, norm)
    assert res.total == len(res.hits)


# ---------------------------------------------------------------------------------------------
# The real casebook: all 80 cases parsed from data/sources


@pytest.fixture(scope="module", params=["direct", "tiered"])
def real(request):
    from reader.domain.text import case_segments
    from reader.ingest import load_sources

    batches = load_sources(SOURCES)
    docs = []
    for b in batches:
        for c in b.cases:
            segs = case_segments(c)
            assert segs[0].field.value == "title"
            docs.append(
                Doc(
                    c.id,
                    c.title,
                    [Seg(s.field.value, s.text, s.kind.value if s.kind else None, s.section) for s in segs[1:]],
                    batch=b.id,
                    ordinal=c.ordinal,
                    category=c.category,
                    regions=tuple(c.contributors),
                )
            )
    assert len(docs) == 80
    engine = engine_for(docs, {b.id: b.order for b in batches}, tiered=request.param == "tiered")
    norm = {d.id: [normalize(s.text) for s in d.all_segments()] for d in docs}
    fields = {d.id: [s.field for s in d.all_segments()] for d in docs}
    return engine, norm, fields


NAMED = [
    "债",
    "游",
    "仲裁",
    "游艇",
    "川菜",
    "产权",
    "知识产权",
    "FTF",
    "ftf",
    "ＦＴＦ",
    "SPV",
    "spv",
    "LPR",
    "lpr",
    "3家",
    "2家",
    '"首批 3 家"',
    "知识产权 仲裁",
    "游艇 OR 川菜",
    "仲裁 OR 调解 OR 诉讼",
    "知识产权 -专利",
    "服务 -贸易",
    "金融 跨境 服务",
    "“一网通”",
    "（一）",
    "(一)",
    "一、主要做法",
    "。",
    "2.4亿元",
]
MUST_EXIST = ["债", "游", "仲裁", "游艇", "川菜", "产权", "知识产权", "FTF", "SPV", "LPR", "3家", "游艇 OR 川菜"]


@pytest.mark.parametrize("query", NAMED)
def test_real_named_queries(real, query):
    engine, norm, _ = real
    res = engine.search(query, limit=None)
    expected = truth(query, norm)
    assert set(ids(res)) == expected
    assert res.total == len(expected) == len(res.hits)
    if query in MUST_EXIST:
        assert expected, f"{query} should occur in the real casebook"


def test_real_3jia_finds_the_spaced_source_text(real):
    engine, _, _ = real
    hit = next(h for h in engine.search("3家", limit=None).hits if "首批 3 家" in h.snippet)
    assert any(hit.snippet[a:b] == "3 家" for a, b in hit.snippet_spans)


def _line_break_phrases() -> list[str]:
    """Phrases that run across a line break in the PDF-text sources (the end of one line + the next)."""
    out = []
    for path in sorted(SOURCES.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if sum(ln.startswith("#") for ln in lines) > 3:
            continue  # markdown sources do not break lines inside paragraphs
        for a, b in itertools.pairwise(lines):
            if len(a) > 12 and len(b) > 12 and "\u4e00" <= a[-1] <= "\u9fff" and "\u4e00" <= b[0] <= "\u9fff":
                out.append(a[-3:] + b[:3])
    return out[::12]


def test_real_phrases_across_source_line_breaks(real):
    engine, norm, _ = real
    phrases = _line_break_phrases()
    assert len(phrases) >= 30
    found = 0
    for phrase in phrases:
        expected = truth(phrase, norm)
        assert set(ids(engine.search(phrase, limit=None))) == expected, phrase
        found += bool(expected)
    assert found >= 0.8 * len(phrases)  # the parser joins broken lines, so most of them occur


def test_real_random_substrings(real):
    engine, norm, _ = real
    rnd = random.Random(2024)
    texts = [s for segs in norm.values() for s in segs if len(s) > 14]
    queries = set()
    for _ in range(250):
        s = rnd.choice(texts)
        n = rnd.choice((1, 1, 2, 2, 3, 4, 5, 8, 12))
        i = rnd.randrange(len(s) - n)
        queries.add('"' + s[i : i + n].replace('"', "") + '"')
    for _ in range(60):  # text across two segments: found only where it also occurs inside one
        cid = rnd.choice(sorted(c for c in norm if len(norm[c]) > 1))
        segs = norm[cid]
        j = rnd.randrange(len(segs) - 1)
        queries.add('"' + (segs[j][-2:] + segs[j + 1][:2]).replace('"', "") + '"')
    for _ in range(60):  # multi-term
        a, b = (rnd.choice(texts) for _ in range(2))
        x, y = a[rnd.randrange(len(a) - 2) :][:2], b[rnd.randrange(len(b) - 3) :][:3]
        queries.add(rnd.choice([f'"{x}" "{y}"', f'"{x}" OR "{y}"', f'"{x}" -"{y}"']))
    for q in sorted(queries):
        try:
            res = engine.search(q, limit=None)
        except QueryError:
            continue
        assert set(ids(res)) == truth(q, norm), q
        assert res.total == len(res.hits)


def test_real_title_hits_rank_first(real):
    engine, norm, fields = real
    rnd = random.Random(7)
    titles = [segs[0] for segs in norm.values()]
    queries = {t[i : i + n] for t in titles for n in (1, 2, 4) for i in (0, len(t) // 2) if len(t) > n + i}
    checked = 0
    for q in sorted(rnd.sample(sorted(queries), 120)):
        if q.startswith("-") or '"' in q or q in ("or",):
            continue
        hits = paged(engine, f'"{q}"')
        tiers = []
        for h in hits:
            where = {f for s, f in zip(norm[h.case_id], fields[h.case_id], strict=True) if q in s}
            tiers.append(2 if "title" in where else 1 if "heading" in where else 0)
        assert tiers == sorted(tiers, reverse=True), q
        assert tiers and tiers[0] == 2
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("query", ["的", "服务", "仲裁", "知识产权 服务", "产权 OR 金融", "(二)", "服务 -贸易"])
def test_real_pages_equal_the_full_list(real, query):
    engine, _, _ = real
    full = engine.search(query, limit=None)
    assert [h.case_id for h in paged(engine, query)] == ids(full)
    assert [h.case_id for h in paged(engine, query, kinds=["practice"])] == ids(
        engine.search(query, limit=None, kinds=["practice"])
    )


def test_real_snippets_contain_the_hit(real):
    engine, _, _ = real
    for query in ("债", "仲裁", "知识产权", "3家", "ftf", "游艇 OR 川菜", "服务 贸易", "“一网通”"):
        terms = [t.text for t in parse_query(query).positive_terms]
        res = engine.search(query, limit=None)
        assert res.hits
        for hit in res.hits:
            assert 0 < len(hit.snippet) <= SNIPPET_LENGTH + 2
            assert hit.snippet_spans
            assert hit.hit_count >= 1
            for a, b in hit.snippet_spans:
                assert 0 <= a < b <= len(hit.snippet)
                marked = normalize(hit.snippet[a:b])
                assert any(t in marked for t in terms) or any(marked in t for t in terms), (query, hit.snippet)


def test_real_facets(real):
    engine, norm, _ = real
    facets = engine.facets("知识产权")
    total = len(truth("知识产权", norm))
    assert sum(facets["batch"].values()) == total
    for kind, count in facets["kind"].items():
        assert engine.search("知识产权", kinds=[kind]).total == count
    assert facets["region"]


@pytest.mark.parametrize("query", HOSTILE)
def test_real_hostile_queries(real, query):
    engine, norm, _ = real
    try:
        res = engine.search(query)
    except QueryError as exc:
        assert exc.code.startswith("query-")
        return
    assert res.total == len(truth(query, norm))


def test_real_facets_drill_down_under_every_other_filter(real):
    """Each facet's counts apply the other facets' filters, never its own: every count is exactly the total of
    the search with that value put in its facet's place, the other filters kept (random combinations)."""
    import random

    from reader.storage.search import SearchFilters

    engine, _norm, _ = real
    rng = random.Random(13)
    facets_of = {"batch": "batches", "category": "categories", "region": "regions", "kind": "kinds"}
    checked = 0
    for query in ("服务", "知识产权", "仲裁 OR 调解", "平台 -上海", "数字"):
        unfiltered = engine.facets(query)
        for _ in range(6):
            # One or two facets filtered, each with a value the unfiltered search offers.
            chosen = rng.sample([k for k in facets_of if unfiltered[k]], k=rng.choice([1, 2]))
            filters = SearchFilters(**{facets_of[k]: (rng.choice(sorted(unfiltered[k])),) for k in chosen})
            facets = engine.facets(query, filters)
            for key, counts in facets.items():
                keywords = filters.keywords()
                for value, count in counts.items():
                    keywords[facets_of[key]] = (value,)
                    assert engine.search(query, limit=0, **keywords).total == count, (query, filters, key, value)
                    checked += 1
            if not filters.batches:  # each case is in one batch: the batch counts add up to the filtered total
                assert sum(facets["batch"].values()) == engine.search(query, limit=0, **filters.keywords()).total
    assert checked > 200
