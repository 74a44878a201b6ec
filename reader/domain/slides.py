"""A case cut into presentation slides, with a text-measuring function supplied by the caller.

A deck has a *title slide* per case (the title; the renderer adds number, batch, category and
contributors), then one slide per *unit*: the lead, and every section or subsection with its blocks (a
heading with no text of its own travels with the unit after it). A unit too long for one slide is split
across several, only between sentences (after 。！？；, closing quotes and brackets kept with their
sentence); a sentence that alone overflows a slide is split after ，、： and, as a last resort, between
characters.

Layout rules: a heading (or a 专栏 title) never ends a slide when its text follows (keep with next; a
heading with no text of its own, followed by one of its level, may); a lead-in (the short sentence that
opens a point, ``二是加强监管。``, a 专栏 item's title, or a paragraph's bold lead, ``Block.lead``) is never the
last thing on a slide when its point goes on; a bold lead is shown bold (``Piece.lead``); a unit's last continuation slide is not left under a third of a slide (:data:`SHORT_TAIL`) when
the slide before it can share its text (:func:`_balanced`). :func:`title_breaks` breaks a title between
words.

Slides partition the case's plain text (:func:`reader.domain.text.plain_text`): each slide covers
``plain[start:end]`` (a segment's separating ``"\\n"`` belongs to the slide where the segment ends) and
``"".join(s.text for s in paginate(case, ...)) == plain_text(case)``. Offsets are those that annotation
selectors count in, so highlights and reading positions map onto slides directly.

Whether a slide fits is the caller's business: ``measure(slide)`` returns the height the slide needs
(the GUI lays it out with the real font; tests count characters) and a slide fits when that is at most
``height``. Heights must not shrink when text is added to a slide.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from reader.domain.case import Block, BlockKind, Case, Section

#: Where a sentence ends; the text is only cut after one of these (unless one sentence overflows).
SENTENCE_ENDS = "。！？；"
#: Where an overflowing sentence may be cut.
CLAUSE_ENDS = "，、："
#: Characters that stay with the sentence end before them (closing quotes and brackets, repeated ends).
CLOSERS = "”’」』）》〉】)\"'"

#: How a *lead-in* begins: the short sentence that opens an enumerated point (``二是加强监管。``).
LEAD_IN_RE = re.compile(r"[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、是]|首先|其次|再次|最后")
#: A lead-in, or the first sentence of a 专栏 paragraph (the box item's title), is at most this long.
LEAD_IN_MAX_CHARS = 40
#: A continuation slide shorter than this part of the slide height is balanced with the slide before it.
SHORT_TAIL = 1 / 3


class Role(enum.StrEnum):
    TITLE = "title"
    HEADING1 = "heading1"  # a top-level section heading (一、)
    HEADING2 = "heading2"  # a subsection heading ((一)) or deeper
    PARAGRAPH = "paragraph"  # a paragraph of the lead or of a section
    POINT = "point"  # a numbered point, label included
    BOX_TITLE = "box_title"  # the title line of a 专栏 box
    BOX_PARAGRAPH = "box_paragraph"


HEADINGS = frozenset({Role.TITLE, Role.HEADING1, Role.HEADING2})
_LEVEL = {Role.TITLE: 0, Role.HEADING1: 1, Role.HEADING2: 2}


class SlideKind(enum.StrEnum):
    TITLE = "title"  # a case's title slide (in a talk, its divider: number in the agenda, planned minutes)
    BODY = "body"
    AGENDA = "agenda"  # a talk's title slide: its title, date and agenda (continued on more if long)
    END = "end"  # a talk's last slide: thanks, questions


@dataclass(frozen=True)
class AgendaLine:
    """One case of a talk's agenda: its number (1-based), title and planned minutes (None: not planned)."""

    number: int
    title: str
    minutes: int | None = None
    count: int = 0  # cases in the talk


@dataclass(frozen=True)
class Talk:
    """A playlist presented as one talk: an agenda slide first, a divider per case, an end slide.

    ``end_text`` is the end slide's text ("" for the renderer's default thanks); ``notes`` the playlist's
    own notes, for the presenter view on the agenda slide."""

    title: str
    date: str = ""
    end_text: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Piece:
    """A run of one segment's text shown on a slide: ``segment_text[start:end]``."""

    role: Role
    seq: int  # the segment's number in :func:`reader.domain.text.case_segments`
    start: int  # offset in the segment's text
    end: int
    text: str
    plain_start: int  # offset of ``start`` in the case's plain text
    segment_length: int
    lead: tuple[int, int] = (0, 0)  # the part of ``text`` that is its block's bold lead (0, 0): none

    @property
    def continued(self) -> bool:
        """The piece continues a paragraph begun on an earlier slide."""
        return self.start > 0

    @property
    def continues(self) -> bool:
        """The paragraph goes on on the next slide."""
        return self.end < self.segment_length

    @property
    def plain_end(self) -> int:
        return self.plain_start + (self.end - self.start)


@dataclass(frozen=True)
class Slide:
    """One slide: pieces of text in reading order covering plain text ``[start, end)``.

    ``context`` is the heading of the unit a continuation slide belongs to ("" on a unit's first
    slide); ``anchor`` the section anchor of the unit (``s1``, ``s1.2``; ``lead``; "" for a title slide);
    ``box_title`` the title of the 专栏 box the slide's first piece continues (its title is on an earlier
    slide; the renderer shows it, marked as continued, in the place of ``context``), else "".

    In a talk: ``talk`` on its agenda and end slides (which belong to no case: ``case_id`` "", no pieces),
    ``agenda`` the agenda lines an agenda slide shows, ``item`` the agenda line of a case's title slide.
    """

    kind: SlideKind
    case_id: str
    pieces: tuple[Piece, ...]
    start: int
    end: int
    text: str
    anchor: str = ""
    context: str = ""
    case: Case | None = field(default=None, compare=False, repr=False)
    batch_title: str = ""
    box_title: str = ""
    talk: Talk | None = None
    agenda: tuple[AgendaLine, ...] = ()
    item: AgendaLine | None = None

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


Measure = Callable[[Slide], float]


class SlideError(ValueError):
    """A deck cannot be built (e.g. a height that is not positive)."""


# ---------------------------------------------------------------------------------------------
# Sentences


def cut_points(text: str, ends: str) -> list[int]:
    """Offsets just after every ``ends`` character of ``text`` (closers and repeated ends included)."""
    out: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] in ends:
            j = i + 1
            while j < n and (text[j] in CLOSERS or text[j] in ends or text[j] in " \u3000"):
                j += 1
            if j < n:
                out.append(j)
            i = j
        else:
            i += 1
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``text`` cut into sentences: ``(start, end)`` spans covering it exactly (one empty span for "")."""
    return _spans(text, cut_points(text, SENTENCE_ENDS), 0, len(text))


def _spans(text: str, cuts: Iterable[int], start: int, end: int) -> list[tuple[int, int]]:
    out = []
    a = start
    for c in cuts:
        if start < c < end and c > a:
            out.append((a, c))
            a = c
    out.append((a, end))
    return out


# ---------------------------------------------------------------------------------------------
# Units


@dataclass(frozen=True)
class _Item:
    role: Role
    seq: int
    text: str
    plain_start: int
    lead: tuple[int, int] = (0, 0)  # where the block's bold lead is in ``text`` (Block.lead_span)


@dataclass
class _Unit:
    kind: SlideKind
    anchor: str
    heading: str  # shown as context on continuation slides
    items: list[_Item]
    heading_only: bool = False


def _block_items(block: Block) -> Iterator[tuple[Role, str, tuple[int, int]]]:
    texts = list(block.texts())
    if block.kind is BlockKind.BOX:
        yield Role.BOX_TITLE, texts[0], (0, 0)
        for t in texts[1:]:
            yield Role.BOX_PARAGRAPH, t, (0, 0)
    elif block.kind is BlockKind.POINT:
        yield Role.POINT, texts[0], block.lead_span()
        for t in texts[1:]:
            yield Role.PARAGRAPH, t, (0, 0)
    else:
        for n, t in enumerate(texts):
            yield Role.PARAGRAPH, t, block.lead_span() if n == 0 else (0, 0)


def _anchor(path: tuple[int, ...]) -> str:
    return "s" + ".".join(str(i) for i in path)


def _wanted(path: tuple[int, ...], sections: frozenset[str] | None) -> bool:
    """The section at ``path`` is shown: no selection, or it or a section containing it is selected."""
    if sections is None:
        return True
    return any(_anchor(path[:n]) in sections for n in range(1, len(path) + 1))


def _has_wanted(section: Section, path: tuple[int, ...], sections: frozenset[str] | None) -> bool:
    if _wanted(path, sections):
        return True
    return any(_has_wanted(sub, (*path, i), sections) for i, sub in enumerate(section.subsections, 1))


def _units(case: Case, sections: frozenset[str] | None) -> list[_Unit]:
    """The case's units in reading order; segment numbers and plain offsets as in ``case_segments``."""
    counter = {"seq": 0, "plain": 0}

    def item(role: Role, text: str, lead: tuple[int, int] = (0, 0)) -> _Item:
        it = _Item(role, counter["seq"], text, counter["plain"], lead)
        counter["seq"] += 1
        counter["plain"] += len(text) + 1
        return it

    units = [_Unit(SlideKind.TITLE, "", case.title, [item(Role.TITLE, case.title)])]
    lead = [item(Role.PARAGRAPH, t) for t in case.lead]
    if lead and (sections is None or "lead" in sections):
        units.append(_Unit(SlideKind.BODY, "lead", "", lead))

    def walk(section: Section, path: tuple[int, ...]) -> None:
        role = Role.HEADING1 if section.level <= 1 else Role.HEADING2
        heading = item(role, section.heading)
        body = [item(r, t, lead) for block in section.blocks for r, t, lead in _block_items(block)]
        if _wanted(path, sections):
            units.append(_Unit(SlideKind.BODY, _anchor(path), section.heading, [heading, *body], not body))
        elif _has_wanted(section, path, sections):  # its heading, as context for the chosen subsections
            units.append(_Unit(SlideKind.BODY, _anchor(path), section.heading, [heading], True))
        for i, sub in enumerate(section.subsections, 1):
            walk(sub, (*path, i))

    for i, s in enumerate(case.sections, 1):
        walk(s, (i,))

    merged: list[_Unit] = []
    carry: list[_Item] = []
    for unit in units:
        if unit.heading_only:
            carry += unit.items
            continue
        if carry:
            unit.items[:0] = carry
            carry = []
        merged.append(unit)
    if carry:  # headings at the very end with nothing after them: a slide of their own
        merged.append(_Unit(SlideKind.BODY, "", "", carry))
    return merged


# ---------------------------------------------------------------------------------------------
# Splitting


@dataclass(frozen=True)
class _Atom:
    item: int  # index into the unit's items
    start: int
    end: int


def _atoms_of(items: Sequence[_Item]) -> list[_Atom]:
    return [_Atom(i, a, b) for i, it in enumerate(items) for a, b in sentence_spans(it.text)]


def _finer(atom: _Atom, items: Sequence[_Item]) -> list[_Atom]:
    """``atom`` cut at clause ends, or if it has none (or is a clause), into single characters."""
    text = items[atom.item].text
    spans = _spans(text, cut_points(text, CLAUSE_ENDS), atom.start, atom.end)
    if len(spans) <= 1:
        spans = [(k, k + 1) for k in range(atom.start, atom.end)]
    return [_Atom(atom.item, a, b) for a, b in spans] if len(spans) > 1 else [atom]


class _Builder:
    def __init__(
        self, case: Case, unit: _Unit, last_seq: int, batch_title: str, item: AgendaLine | None = None
    ) -> None:
        self.case, self.unit, self.last_seq, self.batch_title = case, unit, last_seq, batch_title
        self.item = item if unit.kind is SlideKind.TITLE else None

    def slide(self, atoms: Sequence[_Atom], first: bool) -> Slide:
        items = self.unit.items
        pieces: list[Piece] = []
        text: list[str] = []
        i = 0
        while i < len(atoms):
            j = i
            while j + 1 < len(atoms) and atoms[j + 1].item == atoms[i].item:
                j += 1
            it = items[atoms[i].item]
            a, b = atoms[i].start, atoms[j].end
            lo, hi = max(a, it.lead[0]), min(b, it.lead[1])
            lead = (lo - a, hi - a) if lo < hi else (0, 0)
            piece = Piece(it.role, it.seq, a, b, it.text[a:b], it.plain_start + a, len(it.text), lead)
            pieces.append(piece)
            text.append(piece.text)
            if b == len(it.text) and it.seq != self.last_seq:
                text.append("\n")
            i = j + 1
        joined = "".join(text)
        start = pieces[0].plain_start
        box_title = ""
        if items[atoms[0].item].role is Role.BOX_PARAGRAPH:
            k = atoms[0].item
            while k >= 0 and items[k].role is Role.BOX_PARAGRAPH:
                k -= 1
            if k >= 0 and items[k].role is Role.BOX_TITLE and not first:
                box_title = items[k].text
        return Slide(
            kind=self.unit.kind,
            case_id=self.case.id,
            pieces=tuple(pieces),
            start=start,
            end=start + len(joined),
            text=joined,
            anchor=self.unit.anchor,
            context="" if first else self.unit.heading,
            case=self.case,
            batch_title=self.batch_title,
            box_title=box_title,
            item=self.item,
        )


def _largest(fits: Callable[[int], bool], rest: int, guess: int) -> int:
    """The largest ``k <= rest`` with ``fits(k)`` (0 if none), for ``fits`` true up to some ``k`` and false
    beyond: gallop from ``guess``, then bisect. Few measures when the guess is good."""
    k = max(1, min(guess, rest))
    if fits(k):
        lo, hi, step = k, rest + 1, k
        while lo < rest:
            probe = min(rest, lo + step)
            if not fits(probe):
                hi = probe
                break
            lo, step = probe, step * 2
        if lo == rest:
            return rest
    else:
        lo, hi = 0, k
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo


@dataclass
class _Split:
    """Where a split stands: the unit's atoms (cut finer where needed), the slides so far and the atom each
    began at; a later split can resume from any of its slides."""

    atoms: list[_Atom]
    slides: list[Slide] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    at: int = 0  # the atom the next slide begins at

    def resume(self, slide: int) -> _Split:
        """A copy standing where slide number ``slide`` began."""
        return _Split(list(self.atoms), self.slides[:slide], self.starts[:slide], self.starts[slide])


def _split_unit(
    builder: _Builder,
    fits: Callable[[Slide, int], bool],
    *,
    full: Callable[[Slide], bool] | None = None,
    split: _Split | None = None,
) -> _Split | None:
    """The unit cut greedily into slides, slide number ``n`` holding what ``fits(slide, n)``, never ending a
    slide on a sticky atom (a heading, a box title, a lead-in) when more of the unit follows. Sentences are
    cut only where one does not fit; given ``full`` (the test of a full slide, when ``fits`` asks for
    less), None where one that would fit ``full`` would have to be cut. ``split``: go on from there."""
    items = builder.unit.items
    state = split if split is not None else _Split(_atoms_of(items))
    atoms, slides = state.atoms, state.slides
    i = state.at
    guess = len(atoms)  # a unit usually fits one slide; later slides take about as much as the one before
    while i < len(atoms):
        first = not slides

        def fits_k(k: int, i: int = i, first: bool = first, number: int = len(slides)) -> bool:
            return fits(builder.slide(atoms[i : i + k], first), number)

        k = _largest(fits_k, len(atoms) - i, guess)
        if k == 0:
            if full is not None and full(builder.slide(atoms[i : i + 1], first)):
                return None
            finer = _finer(atoms[i], items)
            if len(finer) > 1:
                atoms[i : i + 1] = finer
                guess = len(finer)
                continue
            k = 1  # one character that does not fit: nothing smaller exists
        if i + k < len(atoms):
            keep = k
            while keep > 0 and _sticky(atoms, i + keep - 1, items):
                keep -= 1
            if keep == 0:
                # Only headings / lead-ins fit: bring along as much of what follows them as fits.
                # (Not a heading: cutting one to keep it with the heading above it is worse than a
                # heading alone, which only happens on slides too small for two headings and a line.)
                if full is not None and full(builder.slide(atoms[i : i + k + 1], first)):
                    return None
                finer = _finer(atoms[i + k], items) if _content(items[atoms[i + k].item]) else []
                if len(finer) > 1:
                    atoms[i + k : i + k + 1] = finer
                    continue
            else:
                k = keep
        slides.append(builder.slide(atoms[i : i + k], first))
        state.starts.append(i)
        i += k
        guess = k
    state.at = i
    return state


def is_lead_in(text: str, start: int, end: int, role: Role) -> bool:
    """``text[start:end]`` (one sentence) opens a point and introduces what follows it: a short sentence
    beginning with an enumeration (``二是加强监管。``), or the short first sentence of a 专栏 paragraph
    (the box item's title)."""
    if end - start > LEAD_IN_MAX_CHARS:
        return False
    head = text[start:].lstrip(" \u3000")
    if LEAD_IN_RE.match(head):
        return True
    return start == 0 and role in (Role.BOX_PARAGRAPH, Role.POINT)


def _sticky(atoms: Sequence[_Atom], n: int, items: Sequence[_Item]) -> bool:
    """Atom ``n`` must not end a slide when atom ``n + 1`` exists: a heading or box title (all of it, or
    its last part) followed by its content (not by a heading of its own level or above: a heading with
    no text of its own may end a slide), or a lead-in sentence followed by more of its point."""
    atom = atoms[n]
    item = items[atom.item]
    if n + 1 >= len(atoms):
        return False
    following = items[atoms[n + 1].item]
    if item.role in HEADINGS or item.role is Role.BOX_TITLE:
        if following.role in HEADINGS and _LEVEL[following.role] <= _LEVEL.get(item.role, 3):
            return False
        return atom.end == len(item.text)
    nxt = atoms[n + 1]
    if nxt.item != atom.item or LEAD_IN_RE.match(item.text[nxt.start :].lstrip(" \u3000")):
        return False  # the paragraph ends, or the next point begins
    if item.lead[0] < atom.end <= item.lead[1]:
        return True  # (a sentence of) the block's bold lead
    return is_lead_in(item.text, atom.start, atom.end, item.role)


def _content(item: _Item) -> bool:
    return item.role not in HEADINGS and item.role is not Role.BOX_TITLE


def _balanced(builder: _Builder, measure: Measure, height: float) -> list[Slide]:
    """The unit's slides; when the last continuation slide would be short (under :data:`SHORT_TAIL` of
    ``height``), the last two share the text: the smallest height for the one before the last that keeps
    the number of slides (sentences that fit a slide are still never cut)."""

    def fits(slide: Slide, _number: int = 0) -> bool:
        return measure(slide) <= height

    whole = _split_unit(builder, fits)
    assert whole is not None
    slides = whole.slides
    n = len(slides)
    if n < 2 or measure(slides[-1]) >= height * SHORT_TAIL:
        return slides
    lo, hi, best = height * 0.3, height, slides
    for _ in range(6):
        cap = (lo + hi) / 2

        def fits_tail(slide: Slide, number: int, cap: float = cap) -> bool:
            return measure(slide) <= (cap if number == n - 2 else height)

        # Only the last two slides change: the split goes on from where the one before the last began.
        trial = _split_unit(builder, fits_tail, full=fits, split=whole.resume(n - 2))
        if trial is not None and len(trial.slides) <= n:
            hi, best = cap, trial.slides
        else:
            lo = cap
    return best


def paginate(
    case: Case,
    *,
    measure: Measure,
    height: float,
    batch_title: str = "",
    sections: Iterable[str] | None = None,
    item: AgendaLine | None = None,
) -> list[Slide]:
    """The case's slides: a title slide, then its units split so that ``measure(slide) <= height``.

    ``sections``: anchors (``s2``, ``s1.3``; ``lead`` for the lead) to show only those parts (a chosen
    section brings its subsections, a chosen subsection its parents' headings); None shows everything.
    ``item``: the case's line in a talk's agenda, shown on its title slide (which becomes a divider).
    """
    if not height > 0:
        raise SlideError(f"the slide height must be positive, not {height!r}")
    chosen = frozenset(sections) if sections is not None else None
    units = _units(case, chosen)
    last_seq = max(it.seq for u in _units(case, None) for it in u.items)

    out: list[Slide] = []
    for unit in units:
        out += _balanced(_Builder(case, unit, last_seq, batch_title, item), measure, height)
    return out


# ---------------------------------------------------------------------------------------------
# Decks: the slides of several cases in a row (a playlist), or of one


@dataclass(frozen=True)
class DeckEntry:
    """One case of a deck: optionally only some sections; the trainer's notes for it; minutes planned."""

    case: Case
    batch_title: str = ""
    sections: tuple[str, ...] | None = None
    notes: str = ""
    minutes: int | None = None


class Deck:
    """Slides of one or more cases, in order; finds the slide showing a place of a case.

    A talk's deck (:meth:`build` with a :class:`Talk`) begins with its agenda slides and ends with its end
    slide; those belong to no entry (:meth:`entry_index` -1)."""

    def __init__(
        self,
        entries: Sequence[DeckEntry],
        parts: Sequence[Sequence[Slide]],
        *,
        before: Sequence[Slide] = (),
        after: Sequence[Slide] = (),
    ) -> None:
        if len(entries) != len(parts):
            raise SlideError("one list of slides per entry")
        self.entries = list(entries)
        self.slides: list[Slide] = list(before)
        self._owner: list[int] = [-1] * len(before)
        self._ranges: list[tuple[int, int]] = []
        for n, part in enumerate(parts):
            self._ranges.append((len(self.slides), len(self.slides) + len(part)))
            self.slides += part
            self._owner += [n] * len(part)
        self.slides += after
        self._owner += [-1] * len(after)

    @classmethod
    def build(cls, entries: Sequence[DeckEntry], *, measure: Measure, height: float, talk: Talk | None = None) -> Deck:
        lines = [AgendaLine(n, e.case.title, e.minutes, len(entries)) for n, e in enumerate(entries, 1)]
        parts = [
            paginate(
                e.case,
                measure=measure,
                height=height,
                batch_title=e.batch_title,
                sections=e.sections,
                item=line if talk is not None else None,
            )
            for e, line in zip(entries, lines, strict=True)
        ]
        if talk is None:
            return cls(entries, parts)
        end = Slide(kind=SlideKind.END, case_id="", pieces=(), start=0, end=0, text="", talk=talk)
        return cls(entries, parts, before=agenda_slides(talk, lines, measure=measure, height=height), after=[end])

    def agenda_index(self) -> int | None:
        """The first agenda slide (None: not a talk)."""
        return next((i for i, s in enumerate(self.slides) if s.kind is SlideKind.AGENDA), None)

    def first_of(self, entry: int) -> int:
        """The first slide of entry ``entry`` (its title slide; in a talk its divider)."""
        return self._ranges[entry][0]

    def __len__(self) -> int:
        return len(self.slides)

    def __getitem__(self, index: int) -> Slide:
        return self.slides[index]

    def entry_index(self, index: int) -> int:
        """The number of the entry the slide at ``index`` belongs to (-1: a talk's agenda or end slide)."""
        return self._owner[index]

    def entry_of(self, index: int) -> DeckEntry | None:
        n = self._owner[index]
        return self.entries[n] if n >= 0 else None

    def entry_range(self, entry: int) -> range:
        return range(*self._ranges[entry])

    def index_of(self, case_id: str, offset: int, *, entry: int | None = None) -> int:
        """The slide of ``case_id`` showing plain offset ``offset`` (else the last one starting before it,
        else the entry's first), in entry number ``entry`` when that is an entry of this case, else in the
        first entry of it. 0 for a case not in the deck."""
        candidates = [n for n, e in enumerate(self.entries) if e.case.id == case_id]
        if entry in candidates:
            candidates = [entry]
        for n in candidates:
            a, b = self._ranges[n]
            if a == b:
                continue
            for i in range(a, b):
                if self.slides[i].contains(offset):
                    return i
            k = bisect_right([self.slides[i].start for i in range(a, b)], offset) - 1
            return a + max(0, k)
        return 0


# ---------------------------------------------------------------------------------------------
# Titles broken between words

#: Where a line may end well: after these (punctuation, a space) or before an opening bracket or quote.
_BREAK_AFTER = "，。、：；！？—…·　 " + CLOSERS
_OPENERS = "“‘「『（《〈【(\"'"
#: Function words a title line may end with at little cost (的, 和 …): they end a phrase.
_PARTICLES = "的和与及并在为对"


def _can_break(text: str, i: int) -> bool:
    """A line may begin at ``text[i]``: not before a closing mark or sentence end, not after an opening
    bracket, not inside a run of Latin letters or digits."""
    a, b = text[i - 1], text[i]
    if b in CLOSERS or b in SENTENCE_ENDS or b in CLAUSE_ENDS or b in " \u3000" or a in _OPENERS:
        return False
    return not (a.isascii() and a.isalnum() and b.isascii() and b.isalnum())


def _break_cost(text: str, i: int, cohesion: Callable[[str], float]) -> float:
    a, b = text[i - 1], text[i]
    if a in _BREAK_AFTER or b in _OPENERS:
        return 0.0
    if a in _PARTICLES:  # ends a phrase, unless it begins a word with what follows (对|外开放)
        return 0.5 + 4.0 * cohesion(a + b)
    return 1.0 + 4.0 * cohesion(a + b)


def title_breaks(
    text: str, *, advances: Sequence[float], width: float, cohesion: Callable[[str], float] = lambda _pair: 0.0
) -> list[int]:
    """Where the lines of a centred title should begin (offsets, first line excluded): the fewest lines
    that fit ``width`` (``advances``: each character's width), cut where a cut costs least (after
    punctuation and spaces, after a particle, between characters that seldom stand together:
    ``cohesion(pair)``, e.g. how often the pair occurs in the case) and with lines of even width.
    ``[]`` when the title fits one line or cannot be broken to fit."""
    n = len(text)
    if n != len(advances):
        raise SlideError("one advance per character")
    prefix = [0.0]
    for w in advances:
        prefix.append(prefix[-1] + w)
    if prefix[-1] <= width or n < 2:
        return []

    def line_width(a: int, b: int) -> float:
        while b > a and text[b - 1] in " \u3000":
            b -= 1
        return prefix[b] - prefix[a]

    starts = [i for i in range(1, n) if _can_break(text, i)]
    cost = {i: _break_cost(text, i, cohesion) for i in starts}
    inf = float("inf")
    for lines in range(2, 9):
        target = prefix[-1] / lines
        # best[j]: (cost, breaks) of the text before points[j] in k lines, for k = 1.. lines - 1
        best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
        for _ in range(lines - 1):
            nxt: dict[int, tuple[float, list[int]]] = {}
            for a, (c, breaks) in best.items():
                for b in starts:
                    if b <= a:
                        continue
                    w = line_width(a, b)
                    if w > width:
                        break
                    total = c + cost[b] + 3.0 * ((w - target) / width) ** 2
                    if total < nxt.get(b, (inf, []))[0]:
                        nxt[b] = (total, [*breaks, b])
            best = nxt
        done = [
            (c + 3.0 * ((line_width(a, n) - target) / width) ** 2, breaks)
            for a, (c, breaks) in best.items()
            if line_width(a, n) <= width
        ]
        if done:
            return min(done)[1]
    return []


#: A character pair at least this cohesive (see :func:`pair_cohesion`) is a word: a title line never ends
#: between its characters (上市|公司, 建|设).
WORD_COHESION = 0.5
#: U+2060 WORD JOINER: no line break on either side of it, and nothing drawn.
WORD_JOINER = "\u2060"


def pair_cohesion(text: str) -> Callable[[str], float]:
    """How much of the rarer character's use in ``text`` (a case) is in this pair: 上市 in a case about a
    listing is a word (near 1), 创新|境内 is not (near 0); a pair seen once says nothing (0)."""
    pairs = Counter(text[i : i + 2] for i in range(len(text) - 1))
    chars = Counter(text)

    def cohesion(pair: str) -> float:
        n = pairs[pair]
        return n / min(chars[pair[0]], chars[pair[1]]) if n > 1 else 0.0

    return cohesion


#: Suffixes and the particle 的 end the word before them: a line never begins with one (便利|化, 人员|的).
_NO_LINE_START = "的化性者们"


def word_joins(text: str, cohesion: Callable[[str], float], *, word: float = WORD_COHESION) -> list[int]:
    """Offsets ``i`` where a title line must not begin (between ``text[i - 1]`` and ``text[i]``), so that a
    title laid out at any width breaks only between words, the way :func:`title_breaks` cuts it: never inside
    a word (a pair of :data:`WORD_COHESION` or more, a run of Latin letters or digits), never before a
    closing mark nor after an opening one, and never leaving a single character alone on a line (the first
    and last characters stay with their neighbours, and no character stands between two break points)."""
    n = len(text)
    joins: list[int] = []
    last_break = 0
    for i in range(1, n):
        pair = text[i - 1 : i + 1]
        if not _can_break(text, i) or i == 1 or i == n - 1 or text[i] in _NO_LINE_START:
            join = True
        elif _break_cost(text, i, lambda _p: 0.0) == 0.0:  # after punctuation or a space, before a bracket
            join = False
        else:
            join = pair.isalnum() and cohesion(pair) >= word
        if not join and i - last_break == 1 and last_break > 0 and text[i - 1] not in _BREAK_AFTER:
            join = True  # text[i - 1] would stand alone between two breaks
        if join:
            joins.append(i)
        else:
            last_break = i
    return joins


def with_word_joiners(text: str, cohesion: Callable[[str], float]) -> str:
    """``text`` with :data:`WORD_JOINER` at each offset of :func:`word_joins`: a renderer that breaks lines by
    Unicode's rules (Qt) then breaks it between words only."""
    joins = set(word_joins(text, cohesion))
    return "".join((WORD_JOINER + ch) if i in joins else ch for i, ch in enumerate(text))


# ---------------------------------------------------------------------------------------------
# A talk's agenda


def agenda_slides(talk: Talk, lines: Sequence[AgendaLine], *, measure: Measure, height: float) -> list[Slide]:
    """The agenda slides of a talk: as many lines on each as fit (at least one); all lines, in order."""

    def slide(chunk: Sequence[AgendaLine], first: bool) -> Slide:
        return Slide(
            kind=SlideKind.AGENDA,
            case_id="",
            pieces=(),
            start=0,
            end=0,
            text="",
            context="" if first else talk.title,
            talk=talk,
            agenda=tuple(chunk),
        )

    out: list[Slide] = []
    i = 0
    while i < len(lines) or not out:
        first = not out

        def fits(k: int, i: int = i, first: bool = first) -> bool:
            return measure(slide(lines[i : i + k], first)) <= height

        k = _largest(fits, len(lines) - i, 12)
        k = max(k, 1) if i < len(lines) else 0
        out.append(slide(lines[i : i + k], first))
        i += k
    return out
