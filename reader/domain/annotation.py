"""Annotations: the user's highlights, case notes and bookmarks, as plain immutable data.

An annotation belongs to one case (``case_id``). A highlight points into the case's *plain text*
(:func:`reader.domain.text.plain_text`) with two W3C Web Annotation selectors, as Hypothesis does:

* :class:`TextQuoteSelector`: the highlighted text (``exact``) with up to :data:`CONTEXT_LENGTH`
  characters before (``prefix``) and after (``suffix``) it;
* :class:`TextPositionSelector`: ``start``/``end`` offsets in the plain text.

The quote is what counts; the position is a hint. When the casebook changes, :mod:`reader.domain.anchoring`
finds the passage again or marks the annotation *orphaned* (its note is kept, never dropped).

Every :class:`Annotation` is valid by construction: ``__post_init__`` checks every field and raises
:class:`AnnotationError` (a ``ValueError`` with a stable ``code``) for anything the user database or an
export file must not hold. Timestamps are ISO-8601 UTC with milliseconds (``2024-05-01T08:30:00.123Z``),
so comparing them as strings compares them in time.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reader.domain.case import Case
from reader.domain.text import case_segments, plain_text

HIGHLIGHT = "highlight"
CASE_NOTE = "case_note"
BOOKMARK = "bookmark"
KINDS = (HIGHLIGHT, CASE_NOTE, BOOKMARK)

#: Highlight colours, by index (``Annotation.color``); the GUI maps them to its palette and names.
COLORS = ("yellow", "green", "blue", "pink", "purple")

#: Characters of context kept on each side of a quote.
CONTEXT_LENGTH = 32

#: Limits that hold for every annotation (stored, imported or created in the GUI).
MAX_NOTE_BYTES = 1024 * 1024  # UTF-8 bytes of ``note``
MAX_QUOTE_CHARS = 100_000  # characters of ``quote.exact`` (a case's plain text is below 10 000)
MAX_CONTEXT_CHARS = 1_000  # characters of ``quote.prefix`` / ``quote.suffix``
MAX_TAG_CHARS = 100
MAX_TAGS = 100
MAX_CASE_ID_CHARS = 200
MAX_OFFSET = 10**9

#: Control characters allowed in a note or a quote (anything else of category Cc is rejected).
ALLOWED_CONTROLS = frozenset("\n\t")

_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", re.ASCII)
#: Control characters (Unicode category Cc) other than tab and line feed; lone surrogates.
_BAD_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SPACE_RE = re.compile(r"\s")


class AnnotationError(ValueError):
    """An annotation field that cannot be stored; ``code`` is stable, ``str(err)`` a one-line reason."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class TextQuoteSelector:
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TextPositionSelector:
    start: int
    end: int


# ---------------------------------------------------------------------------------------------
# Field helpers


def new_id() -> str:
    """A fresh annotation id: a random (version 4) UUID in canonical lower-case form."""
    import uuid  # here, not at the top: uuid pulls in ``platform``, which start-up does not need

    return str(uuid.uuid4())


def format_timestamp(moment: _dt.datetime) -> str:
    """``moment`` as ISO-8601 UTC with milliseconds (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    moment = moment.astimezone(_dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def now_iso(now: _dt.datetime | None = None) -> str:
    return format_timestamp(now or _dt.datetime.now(_dt.UTC))


def parse_timestamp(text: str) -> _dt.datetime:
    """The aware UTC datetime of a timestamp in the annotation format; :class:`AnnotationError` otherwise."""
    if not isinstance(text, str) or not _ISO_RE.fullmatch(text):
        raise AnnotationError("annotation-invalid", f"not an ISO-8601 UTC timestamp with milliseconds: {text!r:.60}")
    try:
        return _dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=_dt.UTC)
    except ValueError as exc:
        raise AnnotationError("annotation-invalid", f"not a valid date and time: {text!r}") from exc


def later_timestamp(previous: str, now: _dt.datetime | None = None) -> str:
    """``now``, or one millisecond after ``previous`` if the clock says otherwise: strictly increasing."""
    stamp = now_iso(now)
    if stamp > previous:
        return stamp
    return format_timestamp(parse_timestamp(previous) + _dt.timedelta(milliseconds=1))


def is_uuid(text: object) -> bool:
    """True for a UUID in canonical lower-case hyphenated form (``str(uuid.UUID(...))``)."""
    if not isinstance(text, str) or len(text) != 36:
        return False
    import uuid

    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def bad_control(text: str, *, allow_tab_newline: bool = True) -> str | None:
    """The first control character (category Cc) of ``text`` other than ``\\n`` and ``\\t`` (those too
    when ``allow_tab_newline`` is false), or None."""
    m = (_BAD_CONTROL_RE if allow_tab_newline else _ANY_CONTROL_RE).search(text)
    return m.group() if m else None


def clean_note(text: str) -> str:
    """Text from an editor or the clipboard made storable: ``\\r\\n``/``\\r`` become ``\\n``, other control
    characters (except tab) are dropped. For the GUI to call before building an annotation."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BAD_CONTROL_RE.sub("", text)


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped of surrounding whitespace, empty ones dropped, duplicates removed, order kept."""
    if isinstance(tags, str):
        raise AnnotationError("annotation-invalid", "tags must be a list of strings, not one string")
    out: dict[str, None] = {}
    for tag in tags:
        if not isinstance(tag, str):
            raise AnnotationError("annotation-invalid", f"a tag must be text, not {type(tag).__name__}")
        tag = tag.strip()
        if tag:
            out.setdefault(tag, None)
    return tuple(out)


def check_text(
    name: str,
    value: object,
    *,
    max_chars: int | None = None,
    max_bytes: int | None = None,
    error: Callable[[str, str], Exception] = AnnotationError,
    prefix: str = "annotation",
) -> str:
    """``value`` if it is storable text: a string within the limits, no control characters but tab and newline,
    no lone surrogates. Otherwise raises ``error(code, message)`` with codes ``<prefix>-invalid``,
    ``<prefix>-too-large`` or ``<prefix>-control-char`` (annotations and playlists check text alike)."""
    if not isinstance(value, str):
        raise error(f"{prefix}-invalid", f"{name} must be text, not {type(value).__name__}")
    if max_chars is not None and len(value) > max_chars:
        raise error(f"{prefix}-too-large", f"{name} is longer than {max_chars} characters")
    if max_bytes is not None and len(value) * 4 > max_bytes and len(value.encode("utf-8", "surrogatepass")) > max_bytes:
        raise error(f"{prefix}-too-large", f"{name} is larger than {max_bytes // 1024} KiB")
    bad = bad_control(value)
    if bad is not None:
        raise error(f"{prefix}-control-char", f"{name} contains the control character U+{ord(bad):04X}")
    if _SURROGATE_RE.search(value):
        raise error(f"{prefix}-invalid", f"{name} contains a lone surrogate")
    return value


def _check_int(name: str, value: object, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise AnnotationError("annotation-invalid", f"{name} must be an integer, not {type(value).__name__}")
    if not low <= value <= high:
        raise AnnotationError("annotation-invalid", f"{name} must be between {low} and {high}, not {value}")
    return value


# ---------------------------------------------------------------------------------------------
# The annotation


@dataclass(frozen=True, kw_only=True)
class Annotation:
    """One highlight, case note or bookmark (keyword arguments only). Valid by construction.

    ``color`` is an index into :data:`COLORS` for highlights and None for the other kinds; a highlight
    always has a ``quote``; a note or bookmark may have one (then it is anchored like a highlight).
    ``tags`` are normalised by :func:`normalize_tags`. ``orphaned`` means the quote was not found in the
    current casebook text; the selectors are then the last known ones.
    """

    id: str
    case_id: str
    kind: str
    color: int | None = None
    note: str = ""
    tags: tuple[str, ...] = ()
    quote: TextQuoteSelector | None = None
    position: TextPositionSelector | None = None
    created: str
    modified: str
    orphaned: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", normalize_tags(self.tags))
        validate(self)

    @property
    def is_highlight(self) -> bool:
        return self.kind == HIGHLIGHT

    @property
    def is_empty(self) -> bool:
        """A case note with no text (white space only) and no tags: nothing the user wrote. The GUI never
        stores one (an emptied case note is deleted) and exports and their counts leave one out. Highlights
        and bookmarks are never empty: they mark a place."""
        return self.kind == CASE_NOTE and not self.note.strip() and not self.tags

    def replace(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied (and validated); timestamps are left as they are."""
        return dataclasses.replace(self, **changes)

    def same_content(self, other: Annotation) -> bool:
        """Equal in everything the user wrote or chose: case, kind, colour, note, tags (the id, the
        timestamps and the anchoring aside)."""
        return (self.case_id, self.kind, self.color, self.note, self.tags) == (
            other.case_id,
            other.kind,
            other.color,
            other.note,
            other.tags,
        )


def validate(a: Annotation) -> None:
    """Raise :class:`AnnotationError` unless every field of ``a`` may be stored."""
    if not is_uuid(a.id):
        raise AnnotationError("annotation-invalid", f"id is not a UUID: {a.id!r:.60}")
    check_text("case_id", a.case_id, max_chars=MAX_CASE_ID_CHARS)
    if not a.case_id or _SPACE_RE.search(a.case_id):
        raise AnnotationError("annotation-invalid", f"case_id is not a case id: {a.case_id!r:.60}")
    if a.kind not in KINDS:
        raise AnnotationError("annotation-invalid", f"kind must be one of {', '.join(KINDS)}, not {a.kind!r:.40}")
    if a.kind == HIGHLIGHT:
        _check_int("color", a.color, 0, len(COLORS) - 1)
        if a.quote is None:
            raise AnnotationError("annotation-invalid", "a highlight needs a quote")
    elif a.color is not None:
        raise AnnotationError("annotation-invalid", f"only highlights have a colour, not a {a.kind}")
    check_text("note", a.note, max_bytes=MAX_NOTE_BYTES)
    if len(a.tags) > MAX_TAGS:
        raise AnnotationError("annotation-invalid", f"more than {MAX_TAGS} tags")
    for tag in a.tags:
        check_text("a tag", tag, max_chars=MAX_TAG_CHARS)
        if bad_control(tag, allow_tab_newline=False) is not None:
            raise AnnotationError("annotation-control-char", "a tag contains a line break or tab")
    if a.quote is not None:
        if not isinstance(a.quote, TextQuoteSelector):
            raise AnnotationError("annotation-invalid", "quote must be a TextQuoteSelector")
        check_text("quote", a.quote.exact, max_chars=MAX_QUOTE_CHARS)
        if not a.quote.exact:
            raise AnnotationError("annotation-invalid", "the quoted text is empty")
        check_text("quote prefix", a.quote.prefix, max_chars=MAX_CONTEXT_CHARS)
        check_text("quote suffix", a.quote.suffix, max_chars=MAX_CONTEXT_CHARS)
    if a.position is not None:
        if not isinstance(a.position, TextPositionSelector):
            raise AnnotationError("annotation-invalid", "position must be a TextPositionSelector")
        _check_int("position start", a.position.start, 0, MAX_OFFSET)
        _check_int("position end", a.position.end, a.position.start, MAX_OFFSET)
    parse_timestamp(a.created)
    parse_timestamp(a.modified)
    if not isinstance(a.orphaned, bool):
        raise AnnotationError("annotation-invalid", "orphaned must be true or false")


# ---------------------------------------------------------------------------------------------
# Building annotations


def selectors_for(text: str, start: int, end: int) -> tuple[TextQuoteSelector, TextPositionSelector]:
    """The quote and position selectors of ``text[start:end]`` (non-empty), with their context."""
    if not (0 <= start < end <= len(text)):
        raise AnnotationError("annotation-range", f"not a non-empty range of the text: {start}..{end}")
    quote = TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )
    return quote, TextPositionSelector(start, end)


def new_highlight(
    case: Case,
    start: int,
    end: int,
    *,
    color: int = 0,
    note: str = "",
    tags: Iterable[str] = (),
    now: _dt.datetime | None = None,
    text: str | None = None,
) -> Annotation:
    """A highlight of ``plain_text(case)[start:end]`` (pass ``text`` when you already have it)."""
    quote, position = selectors_for(plain_text(case) if text is None else text, start, end)
    return _new(case.id, HIGHLIGHT, now=now, tags=tags, color=color, note=note, quote=quote, position=position)


def new_case_note(
    case_id: str, note: str = "", *, tags: Iterable[str] = (), now: _dt.datetime | None = None
) -> Annotation:
    """A note about a whole case (no place in the text)."""
    return _new(case_id, CASE_NOTE, now=now, tags=tags, note=note)


def new_bookmark(
    case: Case,
    start: int | None = None,
    end: int | None = None,
    *,
    note: str = "",
    tags: Iterable[str] = (),
    now: _dt.datetime | None = None,
    text: str | None = None,
) -> Annotation:
    """A bookmark on a case; with ``start`` (and ``end``, default: the rest of that line, at most
    :data:`CONTEXT_LENGTH` characters) it marks a place in the text and is anchored like a highlight."""
    quote = position = None
    if start is not None:
        full = plain_text(case) if text is None else text
        if end is None:
            line_end = full.find("\n", start)
            end = min(len(full) if line_end < 0 else line_end, start + CONTEXT_LENGTH)
            end = max(end, min(start + 1, len(full)))
        quote, position = selectors_for(full, start, end)
    return _new(case.id, BOOKMARK, now=now, tags=tags, note=note, quote=quote, position=position)


def _new(case_id: str, kind: str, *, now: _dt.datetime | None, tags: Iterable[str], **fields: Any) -> Annotation:
    """A fresh annotation: a new id, created and modified now."""
    stamp = now_iso(now)
    return Annotation(
        id=new_id(), case_id=case_id, kind=kind, tags=tuple(tags), created=stamp, modified=stamp, **fields
    )


# ---------------------------------------------------------------------------------------------
# Plain dict form (the JSON export shape; lossless)


def to_dict(a: Annotation) -> dict[str, Any]:
    """Every field of ``a`` as JSON-ready data (the shape of the export file's ``annotations`` items)."""
    return {
        "id": a.id,
        "case_id": a.case_id,
        "kind": a.kind,
        "color": a.color,
        "note": a.note,
        "tags": list(a.tags),
        "quote": None
        if a.quote is None
        else {"exact": a.quote.exact, "prefix": a.quote.prefix, "suffix": a.quote.suffix},
        "position": None if a.position is None else {"start": a.position.start, "end": a.position.end},
        "created": a.created,
        "modified": a.modified,
        "orphaned": a.orphaned,
    }


FIELDS = ("id", "case_id", "kind", "color", "note", "tags", "quote", "position", "created", "modified", "orphaned")


def from_dict(d: Mapping[str, Any]) -> Annotation:
    """The annotation of a :func:`to_dict` mapping; :class:`AnnotationError` for anything malformed.

    Strict: every field must be present with its exact JSON type and no other key is accepted.
    """
    if not isinstance(d, Mapping):
        raise AnnotationError("annotation-invalid", f"an annotation must be an object, not {type(d).__name__}")
    missing = [k for k in FIELDS if k not in d]
    if missing:
        raise AnnotationError("annotation-invalid", f"missing field(s): {', '.join(missing)}")
    unknown = sorted(str(k) for k in d if k not in FIELDS)
    if unknown:
        raise AnnotationError("annotation-invalid", f"unknown field(s): {', '.join(unknown)[:80]}")
    for name in ("id", "case_id", "kind", "note", "created", "modified"):
        if not isinstance(d[name], str):
            raise AnnotationError("annotation-invalid", f"{name} must be text, not {type(d[name]).__name__}")
    if not isinstance(d["tags"], list):
        raise AnnotationError("annotation-invalid", f"tags must be a list, not {type(d['tags']).__name__}")
    if not isinstance(d["orphaned"], bool):
        raise AnnotationError("annotation-invalid", "orphaned must be true or false")
    quote = position = None
    q = d["quote"]
    if q is not None:
        if not isinstance(q, Mapping) or set(q) != {"exact", "prefix", "suffix"}:
            raise AnnotationError("annotation-invalid", "quote must be null or an object with exact, prefix, suffix")
        for name in ("exact", "prefix", "suffix"):
            if not isinstance(q[name], str):
                raise AnnotationError("annotation-invalid", f"quote {name} must be text")
        quote = TextQuoteSelector(q["exact"], q["prefix"], q["suffix"])
    p = d["position"]
    if p is not None:
        if not isinstance(p, Mapping) or set(p) != {"start", "end"}:
            raise AnnotationError("annotation-invalid", "position must be null or an object with start, end")
        position = TextPositionSelector(p["start"], p["end"])
    return Annotation(
        id=d["id"],
        case_id=d["case_id"],
        kind=d["kind"],
        color=d["color"],
        note=d["note"],
        tags=tuple(d["tags"]),
        quote=quote,
        position=position,
        created=d["created"],
        modified=d["modified"],
        orphaned=d["orphaned"],
    )


#: How many characters of the text a bookmark's default name takes after its section's heading.
BOOKMARK_NAME_CHARS = 16


def default_bookmark_name(heading: str, text: str) -> str:
    """A bookmark's name before the user gives one: the section's heading and the first words at the place
    ("一、主要做法：上海市依托试点平台深化仲裁服务…"); kept in the bookmark's ``note``."""
    words = " ".join(text.split())
    words = words[:BOOKMARK_NAME_CHARS] + ("…" if len(words) > BOOKMARK_NAME_CHARS else "")
    heading = " ".join(heading.split())
    return f"{heading}：{words}" if heading and words else heading or words


def bookmark_name_at(case: Case, start: int | None) -> str:
    """The default name of a bookmark at plain-text offset ``start`` of ``case`` (None: the whole case, named
    after its title): the heading of the section there and the first words from ``start``."""
    if start is None:
        return case.title

    at, heading = 0, ""
    for seg in case_segments(case):
        if at + len(seg.text) >= start:
            heading = seg.section
            break
        at += len(seg.text) + 1
    return default_bookmark_name(heading, plain_text(case)[start : start + 4 * BOOKMARK_NAME_CHARS])
