"""The search query language, parsed into plain data.

Grammar (full-width ``＂`` ``－`` ``ＯＲ`` and the ideographic space act like their ASCII forms):

* Terms separated by whitespace must **all** occur in a case (AND).
* ``"a quoted phrase"`` is one term; whitespace inside it is ignored like everywhere else (``"首批 3 家"``
  is the term ``首批3家``). A quote that is never closed runs to the end of the query.
* ``-term`` or ``-"phrase"`` excludes cases that contain the term.
* ``A OR B`` (upper case, standalone) needs either term. OR binds tighter than the implicit AND:
  ``a b OR c d`` means a AND (b OR c) AND d.
* Everything else is literal text: ``*``, ``(``, ``:``, ``AND``, ``NEAR``, lower-case ``or``, SQL,
  punctuation and emoji are searched as the characters they are. Quote ``"OR"`` or ``"-x"`` to search
  for those literally.
* Operators without an operand are ignored: a lone ``-``, an ``OR`` at either end or next to another
  ``OR``. A query with nothing left (empty, only whitespace or invisible characters) is *empty* and
  matches nothing.

A term matches a case when its normalised text (:func:`reader.domain.normalize.normalize`) is a
substring of the normalised text of one of the case's segments (title, heading or paragraph): terms
never cross from one segment into the next.

Rejected with :class:`QueryError` (``code`` is stable, the UI translates by it):

* ``query-too-long``: more than :data:`MAX_QUERY_LENGTH` characters;
* ``query-too-many-terms``: more than :data:`MAX_TERMS` terms;
* ``query-only-excluded``: only ``-term`` exclusions and no term to look for;
* ``query-negated-or``: an excluded term inside an OR group (``a OR -b``);
* ``query-not-text``: not a string.

The search engine adds ``query-unsupported`` as a safety net should FTS5 ever reject an expression.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from reader.domain.normalize import BREAK, normalize

MAX_QUERY_LENGTH = 1000
MAX_TERMS = 32


class QueryError(ValueError):
    """A query that cannot be searched; ``code`` is stable, ``str(err)`` an English explanation."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Term:
    """One search term: ``text`` is normalised and never empty; ``source`` is how it was typed."""

    text: str
    source: str  # as typed, without quotes or minus
    phrase: bool = False

    def occurs_in(self, normalized: str) -> bool:
        return self.text in normalized


@dataclass(frozen=True)
class Query:
    """A parsed query: every clause (an OR group of terms) must match, no excluded term may."""

    source: str
    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def positive_terms(self) -> tuple[Term, ...]:
        """Every term that a match may contain, once each, in query order (what gets highlighted)."""
        seen: dict[str, Term] = {}
        for clause in self.clauses:
            for term in clause:
                seen.setdefault(term.text, term)
        return tuple(seen.values())

    def matches(self, normalized_segments: Iterable[str]) -> bool:
        """The reference semantics: does a case with these normalised segment texts match?"""
        texts = list(normalized_segments)
        if self.empty:
            return False

        def occurs(term: Term) -> bool:
            return any(term.text in t for t in texts)

        return all(any(occurs(t) for t in clause) for clause in self.clauses) and not any(
            occurs(t) for t in self.excluded
        )


@dataclass
class _Item:
    source: str
    phrase: bool
    negated: bool


_OR = object()


_QUOTES = '"\uff02'
_MINUS = "-\uff0d"


def _tokens(text: str) -> list[_Item | object]:
    out: list[_Item | object] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = False
        if text[i] in _MINUS:
            if i + 1 == n or text[i + 1].isspace():
                i += 1  # a lone minus: an operator without an operand
                continue
            negated = True
            i += 1
        if text[i] in _QUOTES:
            close = min((j for j in (text.find(q, i + 1) for q in _QUOTES) if j >= 0), default=n)
            out.append(_Item(text[i + 1 : close], True, negated))
            i = close + 1
            continue
        start = i
        while i < n and not text[i].isspace():
            i += 1
        word = text[start:i]
        if not negated and unicodedata.normalize("NFKC", word) == "OR":
            out.append(_OR)
        else:
            out.append(_Item(word, False, negated))
    return out


def _term(item: _Item) -> Term | None:
    text = "".join(normalize(item.source).split(BREAK))
    return Term(text, item.source, item.phrase) if text else None


def parse_query(text: str) -> Query:
    """Parse ``text``; raise :class:`QueryError` for a query that cannot be searched (see the module doc)."""
    if not isinstance(text, str):
        raise QueryError("query-not-text", "the query must be text")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError("query-too-long", f"the query is longer than {MAX_QUERY_LENGTH} characters")
    source = text
    groups: list[list[_Item]] = []
    joining = False
    for token in _tokens(text):
        if token is _OR:
            joining = bool(groups)
            continue
        assert isinstance(token, _Item)
        if joining:
            groups[-1].append(token)
        else:
            groups.append([token])
        joining = False

    clauses: dict[tuple[str, ...], tuple[Term, ...]] = {}
    excluded: list[Term] = []
    count = 0
    for group in groups:
        if len(group) > 1 and any(item.negated for item in group):
            raise QueryError("query-negated-or", "an excluded term (-term) cannot be part of an OR group")
        terms: dict[str, Term] = {}
        for item in group:
            term = _term(item)
            if term is not None:
                terms.setdefault(term.text, term)
        count += len(terms)
        if not terms:
            continue
        if group[0].negated:
            excluded.extend(terms.values())
        else:
            clauses.setdefault(tuple(sorted(terms)), tuple(terms.values()))
    if count > MAX_TERMS:
        raise QueryError("query-too-many-terms", f"the query has more than {MAX_TERMS} terms")
    if excluded and not clauses:
        raise QueryError("query-only-excluded", "the query only excludes terms: add a term to look for")
    unique_excluded = tuple({t.text: t for t in excluded}.values())
    return Query(source, tuple(clauses.values()), unique_excluded)
