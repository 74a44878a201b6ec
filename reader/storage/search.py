"""Full-text search over the casebook's segments: exact substring semantics for Chinese, on SQLite FTS5.

Design (alternatives measured, figures and reasons: ``bench/SEARCH.md``):

* Text is normalised in Python (:mod:`reader.domain.normalize`: NFKC, casefold, whitespace removed, line
  breaks kept as hard boundaries). ASCII punctuation is then written as its full-width twin, which
  normalised text never contains, so *every* character is a token character for FTS5's ``ascii``
  tokenizer and the encoding is one-to-one.
* Each run of text (a segment, or a part of one between line breaks) is indexed as the tokens "every pair
  of adjacent characters" followed by "the run's last character", space separated. A term of two or more
  characters is the FTS5 phrase of its pairs; a term of one character is the prefix query ``"c" *``,
  answered by a one-character prefix index (pairs starting with ``c`` plus a final ``c``). Consecutive
  phrase positions mean consecutive characters, and the single character that ends each run keeps a
  phrase from running on into the next run, so a row matches exactly when one of its normalised segments
  contains the term: 100 % recall and precision, punctuation included.
* One contentless FTS5 row per *case* (``search_fts``), one column per (field, section kind): AND, OR
  and NOT are evaluated per case inside FTS5, and the kind filter is a column filter.
* Ranking: cases with a term in the title, then in a heading, then the rest (tiers, strict); bm25 with
  field weights within a tier; then batch order and case ordinal. A query term that starts or ends with a
  digit is a number: a case where it occurs only inside longer numbers (``3家`` in ``43家``, spaces
  ignored) ranks after every case where it stands alone (:data:`NUMBER_DEMOTION`), and there its hits
  are the whole-number ones (:func:`whole_number_count`). A small second FTS table of titles and
  headings only (``search_head``) says which cases are in the upper tiers without touching the big one.
* Each case's normalised segments are stored, joined by line breaks (``search_text.norm``, with the
  segment ids, columns and offsets in ``layout``): hit counts and the segment for the snippet come from
  ``str.count`` over them, and only that one segment's original text is normalised again, with its
  offset map, to highlight it.

Tables (created by :func:`create_search_schema`, filled by :func:`index_segments`): ``search_info``
(format), ``search_doc`` (one row per indexed case: batch, category, sort key), ``search_region``,
``search_text``, and the FTS5 tables ``search_fts`` and ``search_head``.
"""

from __future__ import annotations

import array
import json
import operator
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from reader.domain.normalize import BREAK, normalize, normalize_mapped
from reader.domain.query import Query, QueryError, Term, parse_query
from reader.storage.db import StorageError

FORMAT = "1"

KINDS = ("practice", "effect", "next", "other")

#: (name, field, kind) of every FTS column, in column order. Headings and body text without a section
#: kind (the lead paragraphs) have their own columns, so a kind filter leaves them out.
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("title", "title", None),
    ("heading", "heading", None),
    *((f"heading_{k}", "heading", k) for k in KINDS),
    ("lead", "body", None),
    *((f"body_{k}", "body", k) for k in KINDS),
)
_COLUMN_INDEX = {(f, k): i for i, (_, f, k) in enumerate(COLUMNS)}

#: The columns of ``search_head``, a small second FTS table of titles and headings only: it tells cheaply
#: which matching cases have a hit in their title or a heading, the first two ranking tiers.
HEAD_COLUMNS = COLUMNS[:6]

#: bm25 weight of a hit by field, for the order within a tier.
FIELD_WEIGHTS = {"title": 10.0, "heading": 3.0, "body": 1.0}
#: What a title hit (``2 *``) or a heading hit (``1 *``) adds to a score: more than bm25 ever gives.
TIER_SCORE = 1000.0

#: What a case loses in the ranking when a number of the query occurs in it only inside longer numbers
#: (tiers 2, 1, 0 become -1, -2, -3): below every case where the number stands alone.
NUMBER_DEMOTION = 3

_DIGITS = frozenset("0123456789")

#: See :attr:`SearchEngine.direct_rank_limit`.
DIRECT_RANK_LIMIT = 300

#: Target length of a snippet, in characters of the original text (an ellipsis is added at a cut).
SNIPPET_LENGTH = 100
#: How much text the snippet shows before its first hit, when there is that much.
SNIPPET_LEAD = 30

# Every character the ``ascii`` tokenizer would treat as a separator, moved to its full-width twin.
_ENCODE = {c: 0xFF01 + c - 0x21 for c in range(0x21, 0x7F) if not chr(c).isalnum()}
_add = operator.add


class SearchIndexError(StorageError):
    code = "search-index"


@dataclass(frozen=True)
class CaseHit:
    case_id: str
    batch_id: str
    title: str
    section: str  # top-level section heading of the snippet's segment; "" for the title or the lead
    snippet: str  # original text around the best hit (outside the title if any), "…" where it was cut
    snippet_spans: list[tuple[int, int]] = field(default_factory=list)  # hits inside ``snippet``
    score: float = 0.0  # larger is better
    hit_count: int = 0  # occurrences of the positive terms in the case
    title_spans: list[tuple[int, int]] = field(default_factory=list)  # hits inside ``title``
    #: False when a number in the query occurs in this case only as part of a longer number (``3家`` in
    #: ``43家``): such cases rank after every case where it stands alone.
    whole_numbers: bool = True


#: The facets of a search, in the order the search panel shows them.
FACETS = ("batch", "category", "region", "kind")

#: ``facets()``'s answer: facet name → value → number of matching cases.
Facets = dict[str, dict[str, int]]


@dataclass(frozen=True)
class SearchFilters:
    """What a search is restricted to: a case must be in one of ``batches`` (ids), have one of ``categories``,
    have one of ``regions`` among its contributors, and match within sections of one of ``kinds``. An empty
    tuple allows everything."""

    batches: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("batches", "categories", "regions", "kinds"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def __bool__(self) -> bool:
        return bool(self.batches or self.categories or self.regions or self.kinds)

    def by_facet(self) -> dict[str, tuple[str, ...]]:
        """The filters by facet name (``batch``, ``category``, ``region``, ``kind``)."""
        return {"batch": self.batches, "category": self.categories, "region": self.regions, "kind": self.kinds}

    def keywords(self) -> dict[str, tuple[str, ...]]:
        """The filters as :meth:`SearchEngine.search`'s keyword arguments."""
        return {"batches": self.batches, "categories": self.categories, "regions": self.regions, "kinds": self.kinds}


NO_FILTERS = SearchFilters()


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int  # matching cases (exact), all pages together
    hits: list[CaseHit] = field(default_factory=list)
    parsed: Query | None = None


# ---------------------------------------------------------------------------------------------
# Tokens


def encode(normalized: str) -> str:
    """Normalised text as FTS token characters (one character for one, so offsets are kept)."""
    return normalized.translate(_ENCODE)


def token_stream(normalized_texts: Iterable[str]) -> str:
    """The tokens indexed for these normalised texts: per run, its adjacent pairs, then its last character."""
    parts: list[str] = []
    for text in normalized_texts:
        for run in encode(text).split(BREAK):
            if len(run) > 1:
                parts.append(" ".join(map(_add, run, run[1:])))
            if run:
                parts.append(run[-1])
    return " ".join(parts)


def term_expression(text: str) -> str:
    """The FTS5 expression that matches rows containing the normalised ``text`` (non-empty, no breaks)."""
    enc = encode(text)
    if len(enc) == 1:
        return f'"{enc}" *'
    return '"' + " ".join(map(_add, enc, enc[1:])) + '"'


def match_expression(query: Query, columns: Sequence[int] | None = None) -> str:
    """The FTS5 MATCH expression of a non-empty ``query``, restricted to ``columns`` (indexes) when given."""
    flt = "{" + " ".join(COLUMNS[c][0] for c in columns) + "} : " if columns is not None else ""

    def term(t: Term) -> str:
        return flt + term_expression(t.text)

    positive = " AND ".join("(" + " OR ".join(term(t) for t in clause) + ")" for clause in query.clauses)
    if not query.excluded:
        return positive
    return f"({positive}) NOT (" + " OR ".join(term(t) for t in query.excluded) + ")"


# ---------------------------------------------------------------------------------------------
# Build


def create_search_schema(conn: sqlite3.Connection) -> None:
    """Create the (empty) search tables. Runs inside the caller's transaction."""
    columns = ", ".join(name for name, _, _ in COLUMNS)
    head = ", ".join(name for name, _, _ in HEAD_COLUMNS)
    for sql in (  # one statement at a time: executescript() would commit the caller's transaction
        "CREATE TABLE search_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE search_doc (doc INTEGER PRIMARY KEY, case_id TEXT NOT NULL UNIQUE, batch_id TEXT NOT NULL,"
        " category TEXT, batch_ord INTEGER NOT NULL, ordinal INTEGER NOT NULL)",
        "CREATE TABLE search_region (doc INTEGER NOT NULL, region TEXT NOT NULL, PRIMARY KEY (doc, region))",
        "CREATE TABLE search_text (doc INTEGER PRIMARY KEY, norm TEXT NOT NULL, layout BLOB NOT NULL)",
        f"CREATE VIRTUAL TABLE search_fts USING fts5({columns}, content='', tokenize='ascii', prefix='1')",
        f"CREATE VIRTUAL TABLE search_head USING fts5({head}, content='', tokenize='ascii', prefix='1')",
    ):
        conn.execute(sql)
    conn.execute("INSERT INTO search_info (key, value) VALUES ('format', ?)", (FORMAT,))


def _chunks(items: Sequence, size: int = 500) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def index_segments(conn: sqlite3.Connection, rows: Iterable[tuple[int, str]]) -> None:
    """Index segments ``(id, original text)`` that are already in the ``segments`` table.

    Every case's segments must come in one call (the build makes a single call with all of them); a case
    that is already indexed raises :class:`ValueError`. Deterministic: the same rows give the same index.
    Runs inside the caller's transaction, then merges the FTS index into one segment ("optimize").
    """
    texts = dict(rows)
    if not texts:
        return
    meta: dict[int, tuple[str, int, str, str | None]] = {}
    for chunk in _chunks(sorted(texts)):
        marks = ",".join("?" * len(chunk))
        for sid, case_id, seq, fld, kind in conn.execute(
            f"SELECT id, case_id, seq, field, kind FROM segments WHERE id IN ({marks})", chunk
        ):
            meta[sid] = (case_id, seq, fld, kind)
    missing = sorted(set(texts) - set(meta))
    if missing:
        raise ValueError(f"segments not in the segments table: {missing[:5]}")
    by_case: dict[str, list[int]] = {}
    for sid, (case_id, *_rest) in meta.items():
        by_case.setdefault(case_id, []).append(sid)

    case_ids = sorted(by_case)
    info: dict[str, tuple[str, str | None, int, int]] = {}
    regions: dict[str, list[str]] = {}
    for chunk in _chunks(case_ids):
        marks = ",".join("?" * len(chunk))
        for cid, batch_id, category, ordinal, batch_ord in conn.execute(
            f"SELECT c.id, c.batch_id, c.category, c.ordinal, b.ord FROM cases c "
            f"LEFT JOIN batches b ON b.id = c.batch_id WHERE c.id IN ({marks})",
            chunk,
        ):
            info[cid] = (batch_id, category, ordinal if ordinal is not None else 0, batch_ord or 0)
        for cid, region in conn.execute(
            f"SELECT case_id, region FROM case_regions WHERE case_id IN ({marks}) ORDER BY rowid", chunk
        ):
            regions.setdefault(cid, []).append(region)
        for (cid,) in conn.execute(f"SELECT case_id FROM search_doc WHERE case_id IN ({marks})", chunk):
            raise ValueError(f"case {cid!r} is already indexed: index all segments of a case in one call")

    unknown = ("", None, 0, 0)
    case_ids.sort(key=lambda c: (info.get(c, unknown)[3], info.get(c, unknown)[2], c))
    doc = conn.execute("SELECT coalesce(max(doc), 0) FROM search_doc").fetchone()[0]
    names = ", ".join(name for name, _, _ in COLUMNS)
    fts_sql = f"INSERT INTO search_fts (rowid, {names}) VALUES (?{', ?' * len(COLUMNS)})"
    head_names = ", ".join(name for name, _, _ in HEAD_COLUMNS)
    head_sql = f"INSERT INTO search_head (rowid, {head_names}) VALUES (?{', ?' * len(HEAD_COLUMNS)})"
    fts_rows: list[tuple] = []
    head_rows: list[tuple] = []
    text_rows: list[tuple[int, str, bytes]] = []
    for case_id in case_ids:
        doc += 1
        batch_id, category, ordinal, batch_ord = info.get(case_id, unknown)
        conn.execute(
            "INSERT INTO search_doc (doc, case_id, batch_id, category, batch_ord, ordinal) VALUES (?, ?, ?, ?, ?, ?)",
            (doc, case_id, batch_id or "", category, batch_ord, ordinal),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO search_region (doc, region) VALUES (?, ?)",
            [(doc, r) for r in regions.get(case_id, ())],
        )
        per_column: list[list[str]] = [[] for _ in COLUMNS]
        norms: list[str] = []
        layout = array.array("i")
        start = 0
        for sid in sorted(by_case[case_id], key=lambda s: (meta[s][1], s)):
            _, _, fld, kind = meta[sid]
            col = _column(fld, kind)
            norm = normalize(texts[sid])
            per_column[col].append(norm)
            norms.append(norm)
            layout.extend((sid, col, start))
            start += len(norm) + 1
        text_rows.append((doc, BREAK.join(norms), _pack(layout)))
        streams = [token_stream(c) for c in per_column]
        fts_rows.append((doc, *streams))
        head_rows.append((doc, *streams[: len(HEAD_COLUMNS)]))
        if len(fts_rows) >= 200:
            conn.executemany(fts_sql, fts_rows)
            fts_rows.clear()
    conn.executemany(fts_sql, fts_rows)
    conn.executemany(head_sql, head_rows)
    conn.executemany("INSERT INTO search_text (doc, norm, layout) VALUES (?, ?, ?)", text_rows)
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    conn.execute("INSERT INTO search_head (search_head) VALUES ('optimize')")


def _pack(layout: array.array) -> bytes:
    """``layout`` as little-endian bytes (the same file on any machine)."""
    if sys.byteorder == "big":
        layout = array.array("i", layout)
        layout.byteswap()
    return layout.tobytes()


def _unpack(blob: bytes) -> array.array:
    layout = array.array("i")
    layout.frombytes(blob)
    if sys.byteorder == "big":
        layout.byteswap()
    return layout


def _column(fld: str, kind: str | None) -> int:
    if fld == "title":
        return 0
    fld = "heading" if fld == "heading" else "body"
    if kind is not None and kind not in KINDS:
        kind = "other"
    return _COLUMN_INDEX[(fld, kind)]


# ---------------------------------------------------------------------------------------------
# Search


def _occurrences(haystack: str, needle: str) -> Iterable[int]:
    """Start of every non-overlapping occurrence of ``needle``, left to right."""
    i = haystack.find(needle)
    while i >= 0:
        yield i
        i = haystack.find(needle, i + len(needle))


def number_edges(term: str) -> tuple[bool, bool]:
    """Whether the normalised ``term`` starts and ends with a digit: a hit of it with a digit before
    (after) it is part of a longer number (``3家`` in ``43家``, ``20`` in ``2022``)."""
    return term[:1] in _DIGITS, term[-1:] in _DIGITS


def _whole_occurrences(text: str, term: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Start of every non-overlapping occurrence of ``term`` in ``text[start:end]`` that is not part of a
    longer number (see :func:`whole_number_count`). A ``str.find`` loop: several times faster than a
    regular expression with look-behind on long texts."""
    lead, trail = number_edges(term)
    end = len(text) if end is None else end
    i = text.find(term, start, end)
    while i >= 0:
        j = i + len(term)
        if (lead and i > 0 and text[i - 1] in _DIGITS) or (trail and j < len(text) and text[j] in _DIGITS):
            i = text.find(term, i + 1, end)
        else:
            yield i
            i = text.find(term, j, end)


def whole_number_count(text: str, term: str, start: int = 0, end: int | None = None) -> int:
    """Occurrences of ``term`` in normalised ``text[start:end]`` that are not part of a longer number.

    A term that starts (ends) with a digit counts only where no digit comes right before (after) it;
    normalised text has no whitespace, so spaces never matter (``首批 3 家`` counts for ``3家``, ``4 3 家``
    does not). Any other term: every non-overlapping occurrence, like ``str.count``.
    """
    if not any(number_edges(term)):
        return text.count(term, start, end)
    return sum(1 for _ in _whole_occurrences(text, term, start, end))


def _segment_bounds(norm: str, blob: bytes) -> tuple[Sequence[int], Sequence[int], list[int], list[int]]:
    """A case's stored layout: segment ids, columns, and the start and end of each segment in ``norm``."""
    layout = _unpack(blob)
    starts = layout[2::3]
    ends = [start - 1 for start in starts[1:]]
    ends.append(len(norm))
    return layout[0::3], layout[1::3], list(starts), ends


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _term_occurrences(text: str, term: str) -> list[int]:
    """Where ``term`` is a hit in normalised ``text``: every occurrence, except that a number found
    standing alone hides its occurrences inside longer numbers (``3家`` in ``首批3家，另有13家``: one)."""
    if any(number_edges(term)):
        whole = list(_whole_occurrences(text, term))
        if whole:
            return whole
    return list(_occurrences(text, term))


def _spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    mapped = normalize_mapped(text)
    found = [(i, i + len(t)) for t in terms for i in _term_occurrences(mapped.text, t)]
    return _merge([mapped.original_span(a, b) for a, b in _merge(found)])


def find_spans(text: str, query: str | Query) -> list[tuple[int, int]]:
    """Every hit of the query's positive terms in the original ``text``, as sorted ``(start, end)`` offsets.

    Same semantics as the library search: ``3家`` finds ``首批 3 家`` and spans ``3 家``; no hit crosses a
    line break. A number that stands alone somewhere in ``text`` is not a hit inside longer numbers there
    (``3家`` spans ``3 家`` in ``首批 3 家，另有 13 家``, and ``3家`` in ``43家`` only when it is nowhere
    alone). Overlapping hits are merged into one span. A string query is parsed first and may raise
    :class:`QueryError`; an empty query has no hits.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    terms = [t.text for t in parsed.positive_terms]
    return _spans(text, terms) if terms else []


def make_snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """About :data:`SNIPPET_LENGTH` characters of ``text`` around its first hit, and the hits inside it."""
    if len(text) <= SNIPPET_LENGTH:
        return text, list(spans)
    anchor = spans[0] if spans else (0, 0)
    start = max(0, anchor[0] - SNIPPET_LEAD)
    if anchor[1] - start > SNIPPET_LENGTH:  # a hit longer than the window: show its start
        start = anchor[0]
    end = min(len(text), start + SNIPPET_LENGTH)
    start = max(0, min(start, end - SNIPPET_LENGTH))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start]
    return prefix + text[start:end] + suffix, inside


class SearchEngine:
    """Searches one casebook connection (read-only use; safe on an immutable connection).

    Not thread-safe: use one engine per connection and thread, as :class:`Casebook` does.
    """

    def __init__(self, conn: sqlite3.Connection, *, mmap_size: int = 256 * 2**20) -> None:
        """Search ``conn``. Raises :class:`SearchIndexError` when it has no (usable) search index.

        ``mmap_size``: unless the connection already maps more, reads go through a memory map of up to
        this many bytes (``PRAGMA mmap_size``, a per-connection read setting, nothing is written); it
        saves about a fifth of the time of large queries. 0 leaves the connection as it is.
        """
        self._conn = conn
        try:
            row = self._cursor().execute("SELECT value FROM search_info WHERE key = 'format'").fetchone()
            if mmap_size > 0 and (self._cursor().execute("PRAGMA mmap_size").fetchone() or (0,))[0] < mmap_size:
                self._cursor().execute(f"PRAGMA mmap_size = {int(mmap_size)}").fetchall()
        except sqlite3.DatabaseError as exc:
            raise SearchIndexError(f"the casebook has no search index ({exc})") from exc
        if row is None or row[0] != FORMAT:
            raise SearchIndexError(f"unsupported search index format {row[0] if row else None!r}")
        weights = [FIELD_WEIGHTS[f] for _, f, _ in COLUMNS]
        self._bm25 = f"bm25(search_fts, {', '.join(map(repr, weights))})"
        self._meta: dict[int, tuple[str, str | None, tuple[str, ...]]] | None = None
        #: Up to this many matches, all are ranked in one query (tiers from the stored texts); above, tier
        #: by tier (see :meth:`_rank_by_tier`). Both give the same order.
        self.direct_rank_limit = DIRECT_RANK_LIMIT

    def _cursor(self) -> sqlite3.Cursor:
        cur = self._conn.cursor()
        cur.row_factory = None
        return cur

    # -- expressions ---------------------------------------------------------------------------

    @staticmethod
    def _kind_columns(kinds: Sequence[str]) -> list[int] | None:
        if not kinds:
            return None
        wanted = set(kinds)
        return [i for i, (_, f, k) in enumerate(COLUMNS) if f != "title" and k in wanted]

    @staticmethod
    def _tier_columns(columns: Sequence[int] | None) -> tuple[list[int], list[int]]:
        """Title and heading columns (of ``search_head``) that count for the tiers under a kind filter."""
        allowed = set(range(len(COLUMNS)) if columns is None else columns)
        title = [0] if 0 in allowed else []
        headings = [i for i in range(1, len(HEAD_COLUMNS)) if i in allowed]
        return title, headings

    @staticmethod
    def _any_term(terms: Sequence[Term], columns: Sequence[int]) -> str:
        flt = "{" + " ".join(COLUMNS[c][0] for c in columns) + "} : "
        return " OR ".join(flt + term_expression(t.text) for t in terms)

    def _execute(self, sql: str, params: Sequence) -> list[tuple]:
        try:
            return self._cursor().execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:  # never expected: expressions are built from safe tokens
            if "fts5" in str(exc).lower() or "match" in str(exc).lower():
                raise QueryError("query-unsupported", f"the query cannot be searched ({exc})") from exc
            raise

    # -- search --------------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        *,
        batches: Sequence[str] = (),
        categories: Sequence[str] = (),
        regions: Sequence[str] = (),
        kinds: Sequence[str] = (),
        limit: int | None = 50,
        offset: int = 0,
    ) -> SearchResults:
        """Matching cases, best first, one hit per case; raises :class:`QueryError` for a rejected query.

        Filters: a case must be in one of ``batches`` (ids), have one of ``categories``, have one of
        ``regions`` among its contributors; an empty filter allows everything. ``kinds`` restricts the
        *whole query* to the sections of those kinds (title and lead paragraphs left out): the case
        must match when only that text is searched; kinds other than practice/effect/next/other match
        nothing. ``limit=None`` returns every hit; ``total`` always counts all matching cases.
        """
        parsed = parse_query(query) if isinstance(query, str) else query
        source = query if isinstance(query, str) else query.source
        columns = self._kind_columns(kinds)
        if parsed.empty or (columns is not None and not columns):
            return SearchResults(source, 0, [], parsed)
        expr = match_expression(parsed, columns)

        where = ["search_fts MATCH ?"]
        params: list = [expr]
        for column, values in (("d.batch_id", batches), ("d.category", categories)):
            if values:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        if regions:
            where.append(f"d.doc IN (SELECT doc FROM search_region WHERE region IN ({','.join('?' * len(regions))}))")
            params.extend(regions)
        filtered = len(where) > 1
        where_sql = " AND ".join(where)

        offset = max(0, int(offset))
        limit = None if limit is None else max(0, int(limit))
        need = None if limit is None else offset + limit
        total = self._count(where_sql, params, filtered)
        if total == 0 or limit == 0 or (need is not None and offset >= total):
            return SearchResults(source, total, [], parsed)
        title_cols, heading_cols = self._tier_columns(columns)
        demoted = self._demoted(parsed, where_sql, params, columns)
        if need is None or total <= max(self.direct_rank_limit, need):
            rows = self._rank_directly(parsed, where_sql, params, title_cols, heading_cols, demoted)
        elif not demoted:
            rows = self._rank_by_tier(parsed, where_sql, params, title_cols, heading_cols, need)
        else:  # the cases with whole numbers, tier by tier; then the (few) demoted ones
            docs = [json.dumps(sorted(demoted))]
            in_demoted = " AND d.doc IN (SELECT value FROM json_each(?))"
            rows = self._rank_by_tier(
                parsed, where_sql + in_demoted.replace(" IN", " NOT IN"), params + docs, title_cols, heading_cols, need
            )
            if len(rows) < need:
                rows += self._rank_directly(
                    parsed, where_sql + in_demoted, params + docs, title_cols, heading_cols, demoted
                )
        page = rows[offset:] if limit is None else rows[offset : offset + limit]
        return SearchResults(source, total, self._hits(parsed, page, columns), parsed)

    # Ranking: cases with a positive term in the title (tier 2), then in a heading (tier 1), then the
    # rest (tier 0); bm25 (title, heading and body weights) within a tier; then batch order and case
    # ordinal. Rows are (doc, case_id, batch_id, bm25, tier).

    def _demoted(self, parsed: Query, where_sql: str, params: list, columns: Sequence[int] | None) -> set[int]:
        """The matching cases where a clause of the query is met only by numbers inside longer numbers.

        Only cases where a numeric term has a digit next to it can be such a case; FTS5 finds those (the
        term's phrase with a digit before or after it), and their stored texts decide.
        """
        partial: list[str] = []
        for term in parsed.positive_terms:
            lead, trail = number_edges(term.text)
            partial += [term_expression(d + term.text) for d in sorted(_DIGITS) if lead]
            partial += [term_expression(term.text + d) for d in sorted(_DIGITS) if trail]
        if not partial:
            return set()
        flt = "{" + " ".join(COLUMNS[c][0] for c in columns) + "} : " if columns is not None else ""
        expr = f"({params[0]}) AND (" + " OR ".join(flt + p for p in partial) + ")"
        candidates = [
            doc
            for (doc,) in self._execute(
                f"SELECT d.doc FROM search_fts JOIN search_doc d ON d.doc = search_fts.rowid WHERE {where_sql}",
                [expr, *params[1:]],
            )
        ]
        allowed = set(range(len(COLUMNS)) if columns is None else columns)
        out: set[int] = set()
        cur = self._cursor()
        for chunk in _chunks(candidates):
            for doc, norm, blob in cur.execute(
                f"SELECT doc, norm, layout FROM search_text WHERE doc IN ({','.join('?' * len(chunk))})", chunk
            ):
                if columns is None:  # segments are joined by a line break, never a digit: one scan
                    bounds = [(0, len(norm))]
                else:
                    _, cols, starts, ends = _segment_bounds(norm, blob)
                    bounds = [(a, b) for a, b, c in zip(starts, ends, cols, strict=True) if c in allowed]
                if not all(
                    any(
                        next(_whole_occurrences(norm, t.text, a, b), None) is not None
                        for t in clause
                        for a, b in bounds
                    )
                    for clause in parsed.clauses
                ):
                    out.add(doc)
        return out

    def _rank_directly(
        self,
        parsed: Query,
        where_sql: str,
        params: list,
        title_cols: list[int],
        heading_cols: list[int],
        demoted: set[int] = frozenset(),  # type: ignore[assignment]
    ) -> list[tuple]:
        """Few matches: bm25 for all of them in one query, tiers from two small search_head queries; the
        ``demoted`` cases (see :meth:`_demoted`) rank after all others."""
        rows = self._execute(
            f"SELECT d.doc, d.case_id, d.batch_id, {self._bm25}, d.batch_ord, d.ordinal FROM search_fts "
            f"JOIN search_doc d ON d.doc = search_fts.rowid WHERE {where_sql}",
            params,
        )
        terms = parsed.positive_terms
        tiers: dict[int, int] = {}
        for tier, cols in ((1, heading_cols), (2, title_cols)):
            if cols:
                sql = "SELECT rowid FROM search_head WHERE search_head MATCH ?"
                tiers.update((doc, tier) for (doc,) in self._execute(sql, [self._any_term(terms, cols)]))
        for doc in demoted:
            tiers[doc] = tiers.get(doc, 0) - NUMBER_DEMOTION
        rows.sort(key=lambda r: (-tiers.get(r[0], 0), r[3], r[4], r[5], r[1]))
        return [(doc, cid, bid, score, tiers.get(doc, 0)) for doc, cid, bid, score, _, _ in rows]

    def _rank_by_tier(
        self,
        parsed: Query,
        where_sql: str,
        params: list,
        title_cols: list[int],
        heading_cols: list[int],
        need: int,
    ) -> list[tuple]:
        """Many matches: one query per tier, best first, until ``need`` rows are in.

        Which cases have title or heading hits comes from the small ``search_head`` table, so bm25 is
        computed only for the tiers that reach the page: for a common term the title tier alone fills it.
        """
        terms = parsed.positive_terms
        # A tier without candidates in search_head (cheap to count) costs no query at all.
        if title_cols and not self._head_count(self._any_term(terms, title_cols)):
            title_cols = []
        if heading_cols and not self._head_count(self._any_term(terms, heading_cols)):
            heading_cols = []
        head_any = "search_fts.rowid IN (SELECT rowid FROM search_head WHERE search_head MATCH ?)"
        tiers: list[tuple[int, str, list[str]]] = []
        if title_cols:
            tiers.append((2, f" AND +{head_any}", [self._any_term(terms, title_cols)]))
        if heading_cols:
            cond, cond_params = f" AND +{head_any}", [self._any_term(terms, heading_cols)]
            if title_cols:
                cond += f" AND NOT +{head_any}"
                cond_params.append(self._any_term(terms, title_cols))
            tiers.append((1, cond, cond_params))
        if title_cols or heading_cols:
            tiers.append((0, f" AND NOT +{head_any}", [self._any_term(terms, title_cols + heading_cols)]))
        else:
            tiers.append((0, "", []))
        rows: list[tuple] = []
        for tier, cond, cond_params in tiers:
            rows += self._execute(
                f"SELECT d.doc, d.case_id, d.batch_id, {self._bm25} AS score, {tier} FROM search_fts "
                f"JOIN search_doc d ON d.doc = search_fts.rowid WHERE {where_sql}{cond} "
                f"ORDER BY score, d.batch_ord, d.ordinal, d.case_id LIMIT ?",
                [*params, *cond_params, need - len(rows)],
            )
            if len(rows) >= need:
                break
        return rows

    def _head_count(self, expr: str) -> int:
        return int(self._execute("SELECT count(*) FROM search_head WHERE search_head MATCH ?", [expr])[0][0])

    def _count(self, where_sql: str, params: list, filtered: bool) -> int:
        if filtered:
            sql = f"SELECT count(*) FROM search_fts JOIN search_doc d ON d.doc = search_fts.rowid WHERE {where_sql}"
        else:
            sql = "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?"
        return int(self._execute(sql, params)[0][0])

    def _hits(self, parsed: Query, page: list[tuple], columns: list[int] | None) -> list[CaseHit]:
        terms = [t.text for t in parsed.positive_terms]
        numeric = {t for t in terms if any(number_edges(t))}
        cur = self._cursor()
        allowed = set(range(len(COLUMNS)) if columns is None else columns)
        heading_limit = len(HEAD_COLUMNS)
        # Per case: the segment the snippet comes from (most distinct terms, then outside the title, which
        # is shown anyway, then heading > body, then most occurrences, then the earliest) and the number
        # of occurrences in all its (searched) segments.
        best: dict[int, int] = {}
        counts: dict[int, int] = {}
        titled: set[int] = set()
        for chunk in _chunks([row[0] for row in page]):
            for doc, norm, blob in cur.execute(
                f"SELECT doc, norm, layout FROM search_text WHERE doc IN ({','.join('?' * len(chunk))})", chunk
            ):
                seg_ids, cols, starts, ends = _segment_bounds(norm, blob)
                per_term = [[norm.count(t, a, b) for a, b in zip(starts, ends, strict=True)] for t in terms]
                if len(per_term) == 1:
                    occurrences = per_term[0]
                    present = [1 if n else 0 for n in occurrences]
                else:
                    occurrences = [sum(ns) for ns in zip(*per_term, strict=True)]
                    present = [sum(1 for n in ns if n) for ns in zip(*per_term, strict=True)]
                whole = present  # terms present as whole numbers, per segment: the snippet prefers them
                if numeric:
                    whole = [
                        sum(
                            1
                            for t, ns in zip(terms, per_term, strict=True)
                            if ns[i] and (t not in numeric or whole_number_count(norm, t, starts[i], ends[i]))
                        )
                        for i in range(len(starts))
                    ]
                found = [i for i, n in enumerate(occurrences) if n and cols[i] in allowed]
                total = sum(occurrences[i] for i in found)
                if numeric:  # as the reader counts them: numbers alone hide those inside longer numbers
                    total = 0
                    for t, ns in zip(terms, per_term, strict=True):
                        all_hits = sum(ns[i] for i in found)
                        alone = (
                            sum(whole_number_count(norm, t, starts[i], ends[i]) for i in found if ns[i])
                            if t in numeric
                            else 0
                        )
                        total += alone or all_hits
                if found:
                    _, i = max(
                        ((whole[i], present[i], cols[i] != 0, cols[i] < heading_limit, occurrences[i], -i), i)
                        for i in found
                    )
                    best[doc] = seg_ids[i]
                counts[doc] = total
                if cols and cols[0] == 0 and any(per[0] for per in per_term):
                    titled.add(doc)  # the title has a hit: worth mapping it to mark them
        segs: dict[int, tuple[str, str]] = {}
        for chunk in _chunks(list(best.values())):
            for sid, section, text in cur.execute(
                f"SELECT id, section, text FROM segments WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ):
                segs[sid] = (section or "", text)
        titles: dict[str, str] = {}
        for chunk in _chunks([row[1] for row in page]):
            for cid, title in cur.execute(
                f"SELECT id, title FROM cases WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ):
                titles[cid] = title

        out: list[CaseHit] = []
        for doc, case_id, batch_id, score, tier in page:
            section, snippet = "", ""
            spans: list[tuple[int, int]] = []
            if doc in best:
                section, text = segs.get(best[doc], ("", ""))
                snippet, spans = make_snippet(text, _spans(text, terms))
            title = titles.get(case_id, "")
            out.append(
                CaseHit(
                    case_id=case_id,
                    batch_id=batch_id,
                    title=title,
                    section=section,
                    snippet=snippet,
                    snippet_spans=spans,
                    score=TIER_SCORE * tier - float(score),
                    hit_count=counts.get(doc, 0),
                    title_spans=_spans(title, terms) if doc in titled and 0 in allowed else [],
                    whole_numbers=tier > -1,
                )
            )
        return out

    # -- facets --------------------------------------------------------------------------------

    def _doc_meta(self) -> dict[int, tuple[str, str | None, tuple[str, ...]]]:
        if self._meta is None:
            cur = self._cursor()
            regions: dict[int, list[str]] = {}
            for doc, region in cur.execute("SELECT doc, region FROM search_region"):
                regions.setdefault(doc, []).append(region)
            self._meta = {
                doc: (batch_id, category, tuple(regions.get(doc, ())))
                for doc, batch_id, category in cur.execute("SELECT doc, batch_id, category FROM search_doc")
            }
        return self._meta

    def facets(self, query: str | Query, filters: SearchFilters = NO_FILTERS) -> Facets:
        """How many cases match ``query`` per batch id, category, region and section kind, drilling down:

        each facet's counts apply the *other* facets' ``filters`` (not its own), so a count is exactly the
        ``total`` that searching with that value chosen in its facet, and the other filters kept, reports.
        ``kind`` counts the cases that match when the query is restricted to sections of that kind. Cases
        without a category are not counted under ``category``. Empty query: every count is empty.
        """
        parsed = parse_query(query) if isinstance(query, str) else query
        out: Facets = {name: {} for name in FACETS}
        if parsed.empty:
            return out
        meta = self._doc_meta()
        chosen = {name: set(values) for name, values in filters.by_facet().items()}

        def allowed(info: tuple[str, str | None, tuple[str, ...]], skip: str) -> bool:
            """Whether a case passes the batch, category and region filters, except the ``skip`` facet's."""
            return (
                (skip == "batch" or not chosen["batch"] or info[0] in chosen["batch"])
                and (skip == "category" or not chosen["category"] or info[1] in chosen["category"])
                and (skip == "region" or not chosen["region"] or not chosen["region"].isdisjoint(info[2]))
            )

        columns = self._kind_columns(filters.kinds)
        batch: Counter[str] = Counter()
        category: Counter[str] = Counter()
        region: Counter[str] = Counter()
        if columns is None or columns:
            for (doc,) in self._execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ?", [match_expression(parsed, columns)]
            ):
                info = meta.get(doc)
                if info is None:
                    continue
                if allowed(info, "batch"):
                    batch[info[0]] += 1
                if info[1] and allowed(info, "category"):
                    category[info[1]] += 1
                if allowed(info, "region"):
                    region.update(info[2])
        out["batch"], out["category"], out["region"] = dict(batch), dict(category), dict(region)
        other_filters = any(chosen[name] for name in ("batch", "category", "region"))
        for kind in KINDS:
            expr = match_expression(parsed, self._kind_columns((kind,)))
            if other_filters:
                rows = self._execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", [expr])
                n = sum(1 for (doc,) in rows if (info := meta.get(doc)) is not None and allowed(info, "kind"))
            else:
                n = int(self._execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", [expr])[0][0])
            if n:
                out["kind"][kind] = n
        return out
