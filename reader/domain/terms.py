"""Term statistics over the casebook for Chinese text (no Qt): shared distinctive terms and similar cases.

Chinese has no spaces between words, so nothing here splits on whitespace. A case's text is cut into
runs of Han characters (punctuation, digits, Latin letters and spaces end a run); the *terms* are the
character n-grams of :data:`MIN_N` to :data:`MAX_N` characters inside those runs.

* :meth:`TermIndex.shared_terms`: terms that at least two compared cases contain and few cases of the
  casebook have (document frequency over the casebook), ranked by ``idf × Σ log(1 + count in each
  compared case) × √stickiness``. Kept are only

  - *maximal* n-grams: an n-gram goes when a longer candidate containing it occurs in exactly the same
    cases (``争端解`` goes where ``争端解决`` occurs in just the same cases);
  - *word-like* n-grams: no heading word (主要做法, 实践效果, 下一步工作思路 …) or piece of one, no
    particle (的, 了, 和 …) at either end; characters that hold together (:meth:`TermIndex.stickiness`
    at least :data:`MIN_STICKINESS`: ``市创新`` straddles 城市 and 创新); and varied neighbours on both
    sides in the casebook (the entropy of the characters before it and after it, each run boundary
    counting as a character of its own, is at least :data:`MIN_BOUNDARY_ENTROPY` bits): ``解决机`` is
    always followed by ``制`` or ``构``, so it is a piece of a word, while ``仲裁`` stands between many
    different characters;
  - no term that contains, or is contained in, a better one.
* :meth:`TermIndex.similar`: the other cases ranked by cosine similarity of TF-IDF vectors of character
  bigrams (sublinear term frequency, ``log(N / df)``).

Building the index for the bundled casebook's 80 cases takes about half a second: do it once, off the
GUI thread. Queries take milliseconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from reader.domain.case import Case
from reader.domain.normalize import normalize, normalize_mapped
from reader.domain.text import plain_text

MIN_N = 2
MAX_N = 4

#: Han characters (the CJK unified ideograph blocks and the compatibility ideographs).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_CHAR = re.compile(f"[{_HAN}]")

#: Headings and boilerplate of the casebook: they and every piece of them are never terms.
STOP_PHRASES: tuple[str, ...] = (
    "主要做法",
    "实践效果",
    "实践意义和效果",
    "下一步工作思路",
    "下一步创新方向",
    "下一步开放创新发展方向",
    "下一步开放创新方向",
    "最佳实践案例",
    "试点示范",
    "专栏",
)

#: Characters that a term never starts with (particles, conjunctions, prepositions) …
_NO_START = frozenset("的了着和与及或等之其并也而且就都还又被把将对向于")
#: … or ends with.
_NO_END = frozenset("的了着和与及或等之其并也而且就都还又被把将对向于从是在")
#: Characters that a term never contains.
_NEVER = frozenset("的了")

#: An n-gram in more than this share of the casebook's cases is not distinctive.
MAX_DF_SHARE = 0.15
#: See the module docstring: below this, an n-gram is a piece of a longer word.
MIN_BOUNDARY_ENTROPY = 1.0
#: See :meth:`TermIndex.stickiness`: below this, an n-gram straddles two words.
MIN_STICKINESS = 0.04
#: A term occurs at least this often in the casebook (two occurrences cannot show varied neighbours).
MIN_OCCURRENCES = 3


def han_runs(text: str) -> list[str]:
    """The runs of Han characters in ``text``, in order."""
    return _HAN_RUN.findall(text)


def ngrams(text: str, sizes: Iterable[int] = range(MIN_N, MAX_N + 1)) -> Counter[str]:
    """How often each character n-gram (of the given sizes) occurs inside the Han runs of ``text``."""
    return _count(han_runs(text), tuple(sizes))


def _count(runs: Iterable[str], sizes: tuple[int, ...] = tuple(range(MIN_N, MAX_N + 1))) -> Counter[str]:
    grams: list[str] = []
    for run in runs:
        length = len(run)
        for n in sizes:
            if n <= length:
                grams += [run[i : i + n] for i in range(length - n + 1)]
    return Counter(grams)


def _pieces(phrases: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for phrase in phrases:
        for n in range(1, len(phrase) + 1):
            out.update(phrase[i : i + n] for i in range(len(phrase) - n + 1))
    return frozenset(out)


#: Every piece of every stop phrase.
STOP_GRAMS = _pieces(STOP_PHRASES)


def word_like(gram: str) -> bool:
    """Whether ``gram`` may be a term: not a heading word or a piece of one, no particle at either end."""
    if gram in STOP_GRAMS or any(p in gram for p in STOP_PHRASES if len(p) <= len(gram)):
        return False
    return gram[0] not in _NO_START and gram[-1] not in _NO_END and _NEVER.isdisjoint(gram)


@dataclass(frozen=True)
class SharedTerm:
    text: str
    score: float
    df: int  # cases of the casebook that contain it
    counts: tuple[int, ...]  # occurrences in each compared case, in the order given

    @property
    def support(self) -> int:
        """How many of the compared cases contain it."""
        return sum(1 for c in self.counts if c)


@dataclass(frozen=True)
class SimilarCase:
    case_id: str
    score: float  # cosine similarity, 0..1


def _entropy(counts: Counter[str]) -> float:
    total = sum(counts.values())
    return -sum(n / total * math.log2(n / total) for n in counts.values()) if total else 0.0


class TermIndex:
    """Document frequencies of the casebook's n-grams and TF-IDF bigram vectors of its cases.

    Immutable once built but for a cache of per-gram values that is filled idempotently (one dict item
    at a time), so several threads may query it at once (the GUI computes shared terms on pool threads).
    """

    def __init__(
        self,
        *,
        texts: Mapping[str, str],
        df: Mapping[str, int],
        cf: Mapping[str, int],
        bigrams: Mapping[str, Mapping[str, int]] | None = None,
    ) -> None:
        """``texts``: plain text by case id, in casebook order; ``df``: in how many cases each n-gram occurs;
        ``cf``: how often each n-gram occurs in all of them; ``bigrams``: each case's bigram counts (counted
        from ``texts`` when not given). :meth:`build` computes them all."""
        self._order = list(texts)  # case ids, in casebook order (ties in :meth:`similar` keep it)
        self._rank = {cid: i for i, cid in enumerate(self._order)}
        self._corpus = "\n".join(texts[cid] for cid in self._order)  # a line break ends every run
        self._df = df
        self._cf = cf
        self._chars = Counter(self._corpus)
        self._cohesion: dict[str, tuple[float, int]] = {}
        self._pair_weights: dict[str, float] = {}  # idf × √stickiness by bigram, filled as vectors are made
        self._vectors: dict[str, dict[str, float]] = {}
        for cid in self._order:
            tf = bigrams[cid] if bigrams is not None else _count(han_runs(texts[cid]), (2,))
            self._vectors[cid] = self._weigh(tf)

    @classmethod
    def build(cls, cases: Iterable[Case]) -> TermIndex:
        """Index ``cases`` (the whole casebook, normally; a case id given twice keeps the first)."""
        texts: dict[str, str] = {}
        bigrams: dict[str, Counter[str]] = {}
        df: Counter[str] = Counter()
        for case in cases:
            if case.id in texts:
                continue
            text = texts[case.id] = plain_text(case)
            runs = han_runs(text)
            bigrams[case.id] = _count(runs, (2,))
            df.update(bigrams[case.id].keys())
            df.update(_count(runs, tuple(range(3, MAX_N + 1))).keys())
        cf = _count(han_runs("\n".join(texts.values())))  # runs never cross from one case into the next
        return cls(texts=texts, df=df, cf=cf, bigrams=bigrams)

    @property
    def n_docs(self) -> int:
        return len(self._order)

    def case_ids(self) -> list[str]:
        return list(self._order)

    def __contains__(self, case_id: object) -> bool:
        return case_id in self._rank

    def df(self, gram: str) -> int:
        """In how many indexed cases ``gram`` occurs (inside a run of Han characters)."""
        return self._df.get(gram, 0)

    def idf(self, gram: str, df: int | None = None) -> float:
        d = self.df(gram) if df is None else df
        return math.log((self.n_docs + 1) / (d + 1)) + 1.0

    def count(self, gram: str) -> int:
        """How often ``gram`` (one character, or an n-gram of :data:`MIN_N` to :data:`MAX_N`) occurs."""
        return self._chars.get(gram, 0) if len(gram) == 1 else self._cf.get(gram, 0)

    def stickiness(self, gram: str) -> float:
        """How firmly ``gram``'s characters hold together, 0..1.

        For every way of cutting it in two, the share of the rarer part's occurrences that are inside
        ``gram``; the smallest share. ``仲裁`` is 1 (仲 occurs only there); ``业对接`` is low: 对接 occurs
        mostly without 业 before it, and 业 ends many words.
        """
        total = self.count(gram)
        if not total:
            return 1.0  # not in the casebook (only in an imported case): no evidence against it
        return min(total / max(1, min(self.count(gram[:i]), self.count(gram[i:]))) for i in range(1, len(gram)))

    def cohesion(self, gram: str) -> tuple[float, int]:
        """``(boundary entropy, occurrences)`` of ``gram`` in the casebook.

        The boundary entropy is the smaller of the entropies (in bits) of the character right before
        and right after each occurrence; anything that is not a Han character (punctuation, a digit, the
        start of the text) is a boundary, and each boundary counts as a character of its own.
        """
        cached = self._cohesion.get(gram)
        if cached is not None:
            return cached
        before: Counter[str] = Counter()
        after: Counter[str] = Counter()
        text = self._corpus
        n = 0
        for start in _occurrences(text, gram, overlapping=True):
            end = start + len(gram)
            left = text[start - 1] if start > 0 else ""
            right = text[end] if end < len(text) else ""
            # A boundary is a new "character" each time: it ends a word, whatever it is.
            before[left if left and _HAN_CHAR.match(left) else f"|{n}"] += 1
            after[right if right and _HAN_CHAR.match(right) else f"|{n}"] += 1
            n += 1
        result = (min(_entropy(before), _entropy(after)), n)
        self._cohesion[gram] = result
        return result

    # Shared terms --------------------------------------------------------------------------------

    def shared_terms(
        self, cases: Sequence[Case], *, limit: int = 8, max_df_share: float = MAX_DF_SHARE
    ) -> list[SharedTerm]:
        """The ``limit`` best terms that at least two of ``cases`` share and few cases of the casebook have.

        Each term is a substring of the plain text of every compared case it counts for (``counts``);
        none is a heading word. Fewer than two cases share nothing.
        """
        if len(cases) < 2:
            return []
        per_case = [ngrams(plain_text(c)) for c in cases]
        support: Counter[str] = Counter()
        for counts in per_case:
            support.update(counts.keys())
        max_df = max(len(cases) + 1, math.floor(self.n_docs * max_df_share))
        outside = [c.id not in self._rank for c in cases]  # compared cases the index does not hold
        candidates: dict[str, int] = {}
        for gram, s in support.items():
            if s < 2 or not word_like(gram):
                continue
            df = self.df(gram) + sum(1 for o, counts in zip(outside, per_case, strict=True) if o and gram in counts)
            if df <= max_df:
                candidates[gram] = df
        # Maximal n-grams: drop a gram when a candidate one character longer contains it and occurs in
        # exactly the same cases (same casebook frequency, same compared cases).
        dominated = set()
        for gram, df in candidates.items():
            if len(gram) > MIN_N:
                for part in (gram[:-1], gram[1:]):
                    if candidates.get(part) == df and all((part in c) == (gram in c) for c in per_case):
                        dominated.add(part)
        scored = []
        for gram, df in candidates.items():
            if gram in dominated:
                continue
            sticky = self.stickiness(gram)
            if sticky < MIN_STICKINESS:
                continue
            found = tuple(c.get(gram, 0) for c in per_case)
            weight = sum(math.log1p(n) for n in found) * self.idf(gram, df) * math.sqrt(sticky)
            scored.append(SharedTerm(gram, weight, df, found))
        scored.sort(key=lambda t: (-t.score, -len(t.text), t.text))
        chosen: list[SharedTerm] = []
        for term in scored:
            if len(chosen) >= limit:
                break
            if any(term.text in c.text or c.text in term.text for c in chosen):
                continue
            if self.df(term.text):  # in the casebook: judge it by its neighbours there
                entropy, occurrences = self.cohesion(term.text)
                if entropy < MIN_BOUNDARY_ENTROPY or occurrences < MIN_OCCURRENCES:
                    continue
            chosen.append(term)
        return chosen

    # Similar cases --------------------------------------------------------------------------------

    def vector(self, case_id: str) -> Mapping[str, float]:
        return self._vectors.get(case_id, {})

    def vector_of(self, case: Case) -> Mapping[str, float]:
        """The case's TF-IDF bigram vector (computed from its text when the index does not hold it)."""
        if case.id in self._vectors:
            return self._vectors[case.id]
        tf = ngrams(plain_text(case), (2,))
        return self._weigh(Counter({g: c for g, c in tf.items() if self.df(g)}))

    def _weigh(self, tf: Mapping[str, int]) -> dict[str, float]:
        """A unit vector of bigram weights: log tf × idf × √stickiness. The stickiness keeps pairs that
        straddle two words (``在临``, ``构在``) and the pieces of one place name (``临港新片区`` gives four
        bigrams) from making cases look alike: without it, ``SPV 跨境设备租赁`` was the 3rd case most
        similar to the arbitration case, through 临港新片区 and 自贸试验区."""
        n = len(self._order)
        weights = self._pair_weights
        out = {}
        for g, c in tf.items():
            w = weights.get(g)
            if w is None:
                w = weights[g] = math.log(n / self._df[g]) * math.sqrt(self.stickiness(g))
            out[g] = (1.0 + math.log(c)) * w
        return _unit(out)

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two indexed cases (0 when either is unknown)."""
        return _dot(self.vector(a), self.vector(b))

    def similar(self, case: str | Case, *, limit: int = 10) -> list[SimilarCase]:
        """The indexed cases most similar to ``case``, best first (ties in casebook order); never ``case``."""
        if isinstance(case, str):
            case_id, vec = case, self.vector(case)
        else:
            case_id, vec = case.id, self.vector_of(case)
        if not vec:
            return []
        scored = [SimilarCase(cid, _dot(vec, self._vectors[cid])) for cid in self._order if cid != case_id]
        scored.sort(key=lambda s: (-s.score, self._rank[s.case_id]))
        return scored[: max(0, limit)]


def _unit(vec: dict[str, float]) -> dict[str, float]:
    """``vec`` scaled to length 1, zero weights dropped."""
    vec = {g: w for g, w in vec.items() if w > 0}
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {g: w / norm for g, w in vec.items()} if norm else {}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(g, 0.0) for g, w in a.items())


# ---------------------------------------------------------------------------------------------
# Finding terms in text


def term_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int, int]]:
    """Every occurrence of each term in ``text`` as ``(start, end, term index)``, sorted, not overlapping.

    Matching uses the search normalisation (:mod:`reader.domain.normalize`), so a term also finds text
    with spaces or full-width forms inside it, and never crosses a line break. Where occurrences
    overlap, the earlier term in ``terms`` (the better one) wins.
    """
    if not terms or not text:
        return []
    mapped = normalize_mapped(text)
    taken = bytearray(len(mapped.text))
    found: list[tuple[int, int, int]] = []
    for index, term in enumerate(terms):
        needle = normalize(term)
        for start in _occurrences(mapped.text, needle):
            end = start + len(needle)
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            a, b = mapped.original_span(start, end)
            found.append((a, b, index))
    found.sort()
    return found


def _occurrences(haystack: str, needle: str, *, overlapping: bool = False) -> Iterator[int]:
    if not needle:
        return
    step = 1 if overlapping else len(needle)
    i = haystack.find(needle)
    while i >= 0:
        yield i
        i = haystack.find(needle, i + step)
