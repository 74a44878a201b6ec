"""Search latency and index size, on the bundled corpus (1x) and on a synthetic one 100 times larger.

    python bench/search_bench.py            # 1x and 100x (about 2 minutes on 2 cores)
    python bench/search_bench.py --quick    # 1x and 10x, fewer repetitions
    python bench/search_bench.py --scale 30 --reps 5

The large corpus is made from the real text: every real case is copied ``scale`` times with its own
structure (title, lead, section headings) but body paragraphs drawn at random from all real paragraphs,
and a title borrowed from another case; batches are copied too (``stid-a~7``), so facets and tie-breaks
behave as in the real casebook.

Queries are sampled (fixed seed) from the real normalised text, so common characters are as common as
in the documents: 1-, 2-, 3-, 4-character terms, phrases of 6-12 characters, and multi-term queries
(AND of two terms, OR, exclusion), plus a fixed list of named queries (债, 仲裁, 知识产权, FTF, 3家...).
Each query runs ``--reps`` times after one warm-up pass; every run is a sample. ``engine`` is
``SearchEngine.search(q, limit=50)`` with snippets; ``raw`` is the FTS5 floor: the same MATCH expression,
``ORDER BY bm25 LIMIT 50`` plus ``count(*)``, no tiers, no snippets. Latency is wall time; ``cpu`` is the
thread's CPU time for the same engine calls, which a busy or oversubscribed machine (steal time) does not
inflate. Prints figures, asserts nothing.

``--compare`` measures the alternatives behind the design (``bench/SEARCH.md``) instead: recall and
precision of FTS5's own ``unicode61`` and ``trigram`` tokenizers against the substring truth (1x), the
share of queries where plain weighted bm25 fails to put title hits first (1x), and, at ``--scale``, build
time, size and raw query latency of three index layouts: "chars + pairs" (a one-character column and a
pair column per field), "pairs + final char, prefix index" (the one in use) and the same without the
prefix index.
"""

from __future__ import annotations

import argparse
import operator
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.domain.normalize import normalize  # noqa: E402
from reader.domain.query import parse_query  # noqa: E402
from reader.storage.search import (  # noqa: E402
    COLUMNS,
    FIELD_WEIGHTS,
    SearchEngine,
    create_search_schema,
    encode,
    index_segments,
    match_expression,
    term_expression,
    token_stream,
)

DDL = """
CREATE TABLE batches (id TEXT PRIMARY KEY, title TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE cases (id TEXT PRIMARY KEY, batch_id TEXT NOT NULL, ordinal INTEGER NOT NULL, number INTEGER,
                    title TEXT NOT NULL, category TEXT);
CREATE TABLE case_regions (case_id TEXT NOT NULL, region TEXT NOT NULL);
CREATE TABLE segments (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, seq INTEGER NOT NULL, field TEXT NOT NULL,
                       section TEXT NOT NULL, kind TEXT, text TEXT NOT NULL);
CREATE INDEX segments_case ON segments (case_id, seq);
"""

NAMED = ["债", "游", "仲裁", "游艇", "川菜", "产权", "知识产权", "FTF", "SPV", "LPR", "3家", "服务贸易", "的"]


@dataclass
class SegRow:
    field: str
    kind: str | None
    section: str
    text: str


@dataclass
class CaseRow:
    id: str
    batch_id: str
    ordinal: int
    title: str
    category: str | None
    regions: tuple[str, ...]
    segments: list[SegRow]


def real_corpus() -> tuple[list[tuple[str, str, int]], list[CaseRow]]:
    """Batches ``(id, title, order)`` and cases of the bundled sources, as segment rows."""
    from reader.domain.text import case_segments
    from reader.ingest import load_sources

    batches = load_sources(ROOT / "data" / "sources")
    cases = [
        CaseRow(
            c.id,
            b.id,
            c.ordinal,
            c.title,
            c.category,
            tuple(c.contributors),
            [SegRow(s.field.value, s.kind.value if s.kind else None, s.section, s.text) for s in case_segments(c)],
        )
        for b in batches
        for c in b.cases
    ]
    return [(b.id, b.title, b.order) for b in batches], cases


def scaled_corpus(
    batches: list[tuple[str, str, int]], cases: list[CaseRow], scale: int, seed: int = 7
) -> tuple[list[tuple[str, str, int]], list[CaseRow]]:
    if scale == 1:
        return batches, cases
    rnd = random.Random(seed)
    bodies = [s.text for c in cases for s in c.segments if s.field == "body"]
    titles = [c.title for c in cases]
    out_batches = [(f"{bid}~{k}", title, k * 100 + order) for k in range(scale) for bid, title, order in batches]
    out_cases: list[CaseRow] = []
    for k in range(scale):
        for c in cases:
            segs = [
                SegRow(s.field, s.kind, s.section, rnd.choice(bodies) if s.field == "body" else s.text)
                for s in c.segments
            ]
            title = rnd.choice(titles)
            segs[0] = SegRow("title", None, "", title)
            out_cases.append(CaseRow(f"{c.id}~{k}", f"{c.batch_id}~{k}", c.ordinal, title, c.category, c.regions, segs))
    return out_batches, out_cases


def build(path: Path, batches: list[tuple[str, str, int]], cases: list[CaseRow]) -> dict[str, float]:
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    with conn:
        conn.executescript(DDL)
        create_search_schema(conn)
        conn.executemany("INSERT INTO batches (id, title, ord) VALUES (?, ?, ?)", batches)
        conn.executemany(
            "INSERT INTO cases (id, batch_id, ordinal, title, category) VALUES (?, ?, ?, ?, ?)",
            [(c.id, c.batch_id, c.ordinal, c.title, c.category) for c in cases],
        )
        conn.executemany(
            "INSERT INTO case_regions (case_id, region) VALUES (?, ?)", [(c.id, r) for c in cases for r in c.regions]
        )
        rows = []
        seg_rows = []
        sid = 0
        for c in cases:
            for seq, s in enumerate(c.segments):
                sid += 1
                seg_rows.append((sid, c.id, seq, s.field, s.section, s.kind, s.text))
                rows.append((sid, s.text))
        conn.executemany("INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?, ?)", seg_rows)
        loaded = time.perf_counter()
        index_segments(conn, rows)
    indexed = time.perf_counter()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0] - conn.execute("PRAGMA freelist_count").fetchone()[0]
    fts_pages = (
        conn.execute("SELECT count(*) FROM dbstat WHERE name LIKE 'search%'").fetchone()[0] if _has_dbstat(conn) else 0
    )
    conn.close()
    return {
        "chars": sum(len(s.text) for c in cases for s in c.segments),
        "cases": len(cases),
        "segments": sid,
        "load_s": loaded - started,
        "index_s": indexed - loaded,
        "db_mb": pages * page_size / 1e6,
        "search_mb": fts_pages * page_size / 1e6,
    }


def _has_dbstat(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
        return True
    except sqlite3.DatabaseError:
        return False


def sample_queries(cases: list[CaseRow], per_kind: int, seed: int = 11) -> dict[str, list[str]]:
    """Queries by kind, sampled from the real normalised text (so they have hits)."""
    rnd = random.Random(seed)
    texts = [normalize(s.text) for c in cases for s in c.segments]
    texts = [t for t in texts if len(t) >= 14]

    def piece(n: int) -> str:
        while True:
            t = rnd.choice(texts)
            i = rnd.randrange(0, len(t) - n)
            q = t[i : i + n]
            if '"' not in q and not q.startswith("-") and q != "or":
                return q

    out: dict[str, list[str]] = {
        "1 char": [piece(1) for _ in range(per_kind)],
        "2 chars": [piece(2) for _ in range(per_kind)],
        "3 chars": [piece(3) for _ in range(per_kind)],
        "4 chars": [piece(4) for _ in range(per_kind)],
        "phrase 6-12": [piece(rnd.randint(6, 12)) for _ in range(per_kind)],
    }
    multi = []
    for i in range(per_kind):
        a, b = piece(2), piece(rnd.choice((1, 2, 3)))
        multi.append([f"{a} {b}", f"{a} OR {b}", f"{a} -{b}", f"{a} {piece(2)} {b}"][i % 4])
    out["multi-term"] = multi
    out["named"] = list(NAMED)
    return out


def raw_sql(conn: sqlite3.Connection, query: str) -> None:
    """The FTS5 floor: top 50 by plain bm25 and the count, for the same MATCH expression."""
    expr = match_expression(parse_query(query))
    conn.execute(
        "SELECT rowid, bm25(search_fts) AS r FROM search_fts WHERE search_fts MATCH ? ORDER BY r LIMIT 50", (expr,)
    ).fetchall()
    conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (expr,)).fetchone()


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def measure(path: Path, queries: dict[str, list[str]], reps: int) -> dict[str, dict[str, list[float]]]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    engine = SearchEngine(conn)
    flat = [(kind, q) for kind, qs in queries.items() for q in qs]
    for _, q in flat:  # warm-up: OS page cache, first-use tables
        engine.search(q, limit=50)
        raw_sql(conn, q)
    times: dict[str, dict[str, list[float]]] = {kind: {"engine": [], "raw": [], "cpu": []} for kind in queries}
    for _ in range(reps):
        for kind, q in flat:
            t, c = time.perf_counter(), time.thread_time()
            engine.search(q, limit=50)
            times[kind]["engine"].append((time.perf_counter() - t) * 1000)
            times[kind]["cpu"].append((time.thread_time() - c) * 1000)
            t = time.perf_counter()
            raw_sql(conn, q)
            times[kind]["raw"].append((time.perf_counter() - t) * 1000)
    facet_times = []
    for _, q in flat[:: max(1, len(flat) // 40)]:
        t = time.perf_counter()
        engine.facets(q)
        facet_times.append((time.perf_counter() - t) * 1000)
    times["facets (all kinds)"] = {"engine": facet_times, "raw": [], "cpu": []}
    conn.close()
    return times


def report(label: str, stats: dict[str, float], times: dict[str, dict[str, list[float]]], goal: float) -> None:
    print(f"\n== {label}: {stats['cases']:,} cases, {stats['segments']:,} segments, {stats['chars'] / 1e6:.2f} M chars")
    print(
        f"   index build {stats['index_s']:.1f} s (segments table load {stats['load_s']:.1f} s); "
        f"db {stats['db_mb']:.1f} MB" + (f", search tables {stats['search_mb']:.1f} MB" if stats["search_mb"] else "")
    )
    print(
        f"   {'queries':<20}{'n':>5}{'median':>9}{'p99':>9}{'raw med':>9}{'raw p99':>9}{'ratio p99':>10}"
        f"{'cpu med':>9}{'cpu p99':>9}"
    )
    everything: list[float] = []
    cpu: list[float] = []
    for kind, t in times.items():
        eng, raw = t["engine"], t["raw"]
        if kind != "facets (all kinds)":
            everything += eng
            cpu += t["cpu"]
        line = f"   {kind:<20}{len(eng):>5}{statistics.median(eng):>8.1f}m{pct(eng, 99):>8.1f}m"
        if raw:
            line += (
                f"{statistics.median(raw):>8.1f}m{pct(raw, 99):>8.1f}m{pct(eng, 99) / max(pct(raw, 99), 1e-6):>9.2f}x"
            )
            line += f"{statistics.median(t['cpu']):>8.1f}m{pct(t['cpu'], 99):>8.1f}m"
        print(line)
    print(
        f"   {'all search queries':<20}{len(everything):>5}{statistics.median(everything):>8.1f}m"
        f"{pct(everything, 99):>8.1f}m{'':>28}{statistics.median(cpu):>8.1f}m{pct(cpu, 99):>8.1f}m"
    )
    verdict = "met" if pct(everything, 99) <= goal else "NOT met"
    print(f"   goal p99 <= {goal:g} ms with snippets: {verdict}")


# ---------------------------------------------------------------------------------------------
# --compare: the alternatives


def _layout_rows(cases: list[CaseRow], layout: str) -> tuple[list[str], list[tuple]]:
    """FTS column names and rows (one per case, one column group per field/kind) for a layout."""
    index = {(f, k): i for i, (_, f, k) in enumerate(COLUMNS)}
    groups = [name for name, _, _ in COLUMNS]
    names = [f"{g}_{t}" for g in groups for t in ("u", "b")] if layout == "A" else groups
    rows = []
    for doc, c in enumerate(cases, start=1):
        per: list[list[str]] = [[] for _ in COLUMNS]
        for sg in c.segments:
            kind = sg.kind if sg.kind in (None, "practice", "effect", "next", "other") else "other"
            per[0 if sg.field == "title" else index[(sg.field, kind)]].append(normalize(sg.text))
        values: list[str] = []
        for texts in per:
            if layout == "A":
                runs = [r for t in texts for r in encode(t).split("\n") if r]
                values.append(" ".join(" ".join(r) for r in runs))
                values.append(" \u3000 ".join(" ".join(map(operator.add, r, r[1:])) for r in runs))
            else:
                values.append(token_stream(texts))
        rows.append((doc, *values))
    return names, rows


def _layout_expression(layout: str, query: str) -> str:
    parts = []
    for clause in parse_query(query).clauses:
        alts = []
        for t in clause:
            enc = encode(t.text)
            if layout == "A" and len(enc) == 1:
                alts.append(f'"{enc}"')
            elif layout == "B0" and len(enc) == 1:
                alts.append(f'"{enc}" *')
            else:
                alts.append(term_expression(t.text))
        parts.append("(" + " OR ".join(alts) + ")")
    q = parse_query(query)
    expr = " AND ".join(parts)
    if q.excluded:
        expr = f"({expr}) NOT (" + " OR ".join(term_expression(t.text) for t in q.excluded) + ")"
    return expr


def compare_layouts(cases: list[CaseRow], queries: dict[str, list[str]], reps: int, tmp: Path) -> None:
    layouts = {
        "A": ("chars + pairs columns", ""),
        "B": ("pairs + final char, prefix='1' (in use)", ", prefix='1'"),
        "B0": ("pairs + final char, no prefix index", ""),
    }
    flat = [(kind, q) for kind, qs in queries.items() for q in qs if not kind.startswith("multi")]
    for layout, (label, opts) in layouts.items():
        path = tmp / f"layout-{layout}.db"
        conn = sqlite3.connect(path)
        started = time.perf_counter()
        names, rows = _layout_rows(cases, layout)
        tokenized = time.perf_counter()
        with conn:
            conn.execute(f"CREATE VIRTUAL TABLE f USING fts5({', '.join(names)}, content='', tokenize='ascii'{opts})")
            conn.executemany(f"INSERT INTO f (rowid, {', '.join(names)}) VALUES (?{', ?' * len(names)})", rows)
            conn.execute("INSERT INTO f (f) VALUES ('optimize')")
        built = time.perf_counter()
        conn.execute("VACUUM")
        size = path.stat().st_size / 1e6
        weights = ", ".join(str(FIELD_WEIGHTS[f]) for _, f, _ in COLUMNS for _ in range(2 if layout == "A" else 1))
        conn.execute("PRAGMA mmap_size = 268435456")
        times: dict[str, list[float]] = {}
        for rep in range(reps + 1):
            for kind, q in flat:
                expr = _layout_expression(layout, q)
                t = time.perf_counter()
                conn.execute(
                    f"SELECT rowid, bm25(f, {weights}) AS r FROM f WHERE f MATCH ? ORDER BY r LIMIT 50", (expr,)
                ).fetchall()
                conn.execute("SELECT count(*) FROM f WHERE f MATCH ?", (expr,)).fetchone()
                if rep:
                    times.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
        conn.close()
        path.unlink()
        print(
            f"\n   layout {layout}: {label}\n   tokenize {tokenized - started:.1f} s, FTS insert + optimize "
            f"{built - tokenized:.1f} s, FTS size {size:.1f} MB"
        )
        print("   " + "  ".join(f"{k} {statistics.median(v):.1f}/{pct(v, 99):.1f}" for k, v in times.items()))
        allt = [x for v in times.values() for x in v]
        print(f"   all: median {statistics.median(allt):.1f} ms, p99 {pct(allt, 99):.1f} ms (top 50 by bm25 + count)")


def compare_tokenizers(cases: list[CaseRow], queries: dict[str, list[str]]) -> None:
    """Recall/precision of FTS5's unicode61 and trigram tokenizers vs the substring truth, per segment."""
    texts = [normalize(s.text).replace("\n", "") for c in cases for s in c.segments]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE u USING fts5(t, tokenize='unicode61')")
    conn.execute("CREATE VIRTUAL TABLE g USING fts5(t, tokenize='trigram')")
    for table in ("u", "g"):
        conn.executemany(f"INSERT INTO {table} (rowid, t) VALUES (?, ?)", enumerate(texts, start=1))
    kinds = [k for k in queries if not k.startswith("multi")]
    print(f"\n   recall / precision against the substring truth, {len(texts):,} segments (1x)")
    print(f"   {'queries':<14}" + "".join(f"{m:>22}" for m in ("unicode61 MATCH", "trigram MATCH", "trigram LIKE")))
    for kind in kinds:
        scores: dict[str, list[tuple[int, int, int]]] = {"um": [], "gm": [], "gl": []}
        for q in queries[kind]:
            term = normalize(q)
            truth = {i for i, t in enumerate(texts, start=1) if term in t}
            phrase = '"' + term.replace('"', '""') + '"'
            like = "%" + term.replace("%", "").replace("_", "") + "%"
            for key, sql, arg in (
                ("um", "SELECT rowid FROM u WHERE u MATCH ?", phrase),
                ("gm", "SELECT rowid FROM g WHERE g MATCH ?", phrase),
                ("gl", "SELECT rowid FROM g WHERE t LIKE ?", like),
            ):
                try:
                    got = {r[0] for r in conn.execute(sql, (arg,))}
                except sqlite3.OperationalError:
                    got = set()
                scores[key].append((len(truth & got), len(truth), len(got)))
        line = f"   {kind:<14}"
        for key in ("um", "gm", "gl"):
            hit = sum(a for a, _, _ in scores[key])
            relevant = sum(b for _, b, _ in scores[key])
            found = sum(c for _, _, c in scores[key])
            line += f"{100 * hit / max(relevant, 1):>12.0f}% / {100 * hit / max(found, 1):>4.0f}%"
        print(line)
    conn.close()


def compare_ranking(path: Path, queries: dict[str, list[str]]) -> None:
    """How often plain weighted bm25 (no tiers) fails to rank every case with a title hit first."""
    conn = sqlite3.connect(path)
    engine = SearchEngine(conn)
    weights = ", ".join(str(w) for w in (100.0, *[10.0] * 5, *[1.0] * 5))
    titles = {
        doc: normalize(t)
        for doc, t in conn.execute("SELECT d.doc, c.title FROM search_doc d JOIN cases c ON c.id = d.case_id")
    }
    bad_bm25 = bad_tiers = n = 0
    for q in (q for kind, qs in queries.items() if not kind.startswith("multi") for q in qs):
        term = parse_query(q).positive_terms[0].text
        expr = match_expression(parse_query(q))
        order = [
            r[0]
            for r in conn.execute(
                f"SELECT rowid, bm25(search_fts, {weights}) AS s FROM search_fts WHERE search_fts MATCH ? ORDER BY s",
                (expr,),
            )
        ]
        in_title = [term in titles[d] for d in order]
        n += 1
        bad_bm25 += in_title != sorted(in_title, reverse=True)
        hits = engine.search(q, limit=None).hits
        doc_of = dict(conn.execute("SELECT case_id, doc FROM search_doc"))
        tiers = [term in titles[doc_of[h.case_id]] for h in hits]
        bad_tiers += tiers != sorted(tiers, reverse=True)
    conn.close()
    print(
        f"\n   title hits not all first: weighted bm25 (100/10/1) {bad_bm25} of {n} queries, "
        f"tiers + bm25 (in use) {bad_tiers} of {n}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1x and 10x, fewer queries")
    ap.add_argument("--scale", type=int, default=None, help="size of the large corpus (default 100, quick 10)")
    ap.add_argument("--reps", type=int, default=None, help="timed runs per query (default 5, quick 2)")
    ap.add_argument("--per-kind", type=int, default=None, help="sampled queries per kind (default 40, quick 15)")
    ap.add_argument("--compare", action="store_true", help="measure the design alternatives instead")
    args = ap.parse_args(argv)
    scale = args.scale or (10 if args.quick else 100)
    reps = args.reps or (2 if args.quick else 5)
    per_kind = args.per_kind or (15 if args.quick else 40)

    started = time.perf_counter()
    batches, cases = real_corpus()
    queries = sample_queries(cases, per_kind)
    print(
        f"sqlite {sqlite3.sqlite_version}, python {sys.version.split()[0]}, {os.cpu_count()} cpu(s), "
        f"load average {os.getloadavg()[0]:.2f} (latency is wall time: a busy machine inflates p99)"
    )
    if args.compare:
        with tempfile.TemporaryDirectory(prefix="casebook-bench-") as tmp:
            compare_tokenizers(cases, queries)
            path = Path(tmp) / "ranking.db"
            build(path, batches, cases)
            compare_ranking(path, queries)
            print(f"\n== index layouts at {scale}x (raw FTS5: top 50 by bm25 + count, median/p99 ms)")
            compare_layouts(scaled_corpus(batches, cases, scale)[1], queries, reps, Path(tmp))
        print(f"\ntotal {time.perf_counter() - started:.0f} s")
        return 0
    with tempfile.TemporaryDirectory(prefix="casebook-bench-") as tmp:
        for factor in (1, scale):
            b, c = scaled_corpus(batches, cases, factor)
            path = Path(tmp) / f"search-{factor}x.db"
            stats = build(path, b, c)
            times = measure(path, queries, reps)
            report(f"{factor}x", stats, times, goal=10.0 if factor == 1 else 50.0)
            path.unlink()
    print(f"\ntotal {time.perf_counter() - started:.0f} s, load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
