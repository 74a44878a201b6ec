"""Annotations in and out: a lossless JSON file, a readable Markdown file, and a careful import.

Export
    :func:`export_json` writes ``{"format": "casebook-annotations", "version": 1, "exported": ...,
    "app_version": ..., "count": n, "annotations": [...]}`` with every field of every annotation
    (:func:`reader.domain.annotation.to_dict`). :func:`export_markdown` writes them grouped by batch and
    case (titles from the casebook), the quote as a blockquote, then the note and the tags. Notes are
    Markdown and are written as they are, except that ``<`` starting an HTML tag is written ``&lt;`` so
    that a viewer that renders HTML never runs a note's ``<script>``. Both write atomically: a temporary
    file in the same folder, fsynced, renamed over the target; on failure the target is untouched and
    no temporary file is left.

Import
    :func:`import_file` validates the *whole* file before it writes anything, then merges in *one*
    transaction (after a backup of the user database). Checked:

    * the file: at most :data:`MAX_FILE_BYTES` (50 MiB), UTF-8 (a BOM is allowed), well-formed JSON
      without ``NaN``/``Infinity`` or duplicate keys; a JSON object with ``format`` =
      ``"casebook-annotations"`` and an integer ``version`` (a newer version is refused, never guessed
      at) and an ``annotations`` list; no unknown top-level keys;
    * every annotation: exactly the export's fields with their JSON types; a canonical lower-case UUID
      (unique in the file); a known kind; a colour 0–4 for highlights and null otherwise; notes up to
      :data:`~reader.domain.annotation.MAX_NOTE_BYTES` (1 MiB) without control characters other than
      ``\\n`` and ``\\t``; tags up to 100 characters, one line each (they are normalised: stripped,
      de-duplicated); quotes and positions well-formed; ISO-8601 UTC timestamps with milliseconds;
    * case ids: with a casebook (or ``known_case_ids``), an annotation on a case that is not in it is
      a problem (``import-unknown-case``); ``allow_unknown_cases=True`` imports it flagged orphaned.

    Notes holding HTML or script are text like any other: they are stored verbatim, never interpreted.

    Any problem raises :class:`ExchangeError` (stable ``code``, one-line English message, the list of
    ``problems``) and the database is not changed. With ``strict=False`` problems of single annotations
    only reject those annotations (listed in ``ImportSummary.rejected``); problems of the file as a whole
    still raise.

    Merge by annotation id: a new id is added as it is (timestamps kept); an identical annotation is
    skipped; one whose user content (case, kind, colour, note, tags) is the same is skipped too (the
    local anchoring is kept: re-anchoring does not change ``modified``), unless it is newer and quotes
    other text (the user moved the highlight): then it replaces the local one (``updated``). The same
    id with different user content is a *conflict*: the newer version (by ``modified``; the local one on
    a tie) keeps the id, the other is kept as a copy with a new id and the tag :data:`CONFLICT_TAG`.
    Importing the same file again creates no second copy.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.domain.annotation import (
    MAX_NOTE_BYTES,
    MAX_TAGS,
    Annotation,
    AnnotationError,
    from_dict,
    is_uuid,
    new_id,
    now_iso,
    to_dict,
)
from reader.domain.note_text import inert_markdown
from reader.storage.db import StorageError
from reader.storage.files import atomic_write
from reader.storage.userdb import UserDB

if TYPE_CHECKING:
    from reader.storage.casebook import Casebook

FORMAT = "casebook-annotations"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Problems listed in an :class:`ExchangeError` at most (the count of all is in the message).
MAX_PROBLEMS = 100
#: Tag given to the copy that keeps the losing side of a conflict.
CONFLICT_TAG = "冲突副本"

_TOP_LEVEL_KEYS = {"format", "version", "exported", "app_version", "count", "annotations"}

_FIELD_CODES = {
    "annotation-too-large": "import-field-too-large",
    "annotation-control-char": "import-control-char",
}


class ExchangeError(StorageError):
    """An export file that cannot be imported, or an export that failed.

    ``code`` is stable (``import-not-json``, ``import-truncated``, ``import-not-object``,
    ``import-wrong-format``, ``import-version-too-new``, ``import-version-invalid``, ``import-too-large``,
    ``import-not-utf8``, ``import-unreadable``, ``import-invalid-field``, ``import-field-too-large``,
    ``import-note-too-large``, ``import-control-char``, ``import-duplicate-id``, ``import-unknown-case``);
    ``problems`` lists every problem found (at most :data:`MAX_PROBLEMS`).
    """

    code = "import-invalid"

    def __init__(self, code: str, message: str, *, path: Path | None = None, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message, path=path)
        self.code = code
        self.problems = list(problems)


@dataclass(frozen=True)
class Problem:
    """Why one annotation of an import file was rejected. ``index`` is its place in the file (0-based)."""

    index: int
    id: str | None
    code: str
    message: str


@dataclass(frozen=True)
class Conflict:
    id: str  # the id both sides share
    copy_id: str  # id of the copy that keeps the other side
    kept: str  # "imported" (the file's version won) or "local"


@dataclass
class ImportSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # same note and tags, newer highlighted range taken
    skipped: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    unknown_cases: list[str] = field(default_factory=list)  # imported as orphaned (allow_unknown_cases)
    dry_run: bool = False
    backup: Path | None = None  # backup made before the merge

    def to_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "added": len(self.added),
            "updated": len(self.updated),
            "skipped": len(self.skipped),
            "conflicts": [{"id": c.id, "copy_id": c.copy_id, "kept": c.kept} for c in self.conflicts],
            "rejected": [{"index": p.index, "id": p.id, "code": p.code, "message": p.message} for p in self.rejected],
            "unknown_cases": self.unknown_cases,
            "backup": str(self.backup) if self.backup else None,
        }

    def summary(self) -> str:
        text = (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.skipped)} unchanged, "
            f"{len(self.conflicts)} conflict(s) "
            f"kept as copies tagged {CONFLICT_TAG}, {len(self.rejected)} rejected"
        )
        return ("dry run: " + text) if self.dry_run else text


# ---------------------------------------------------------------------------------------------
# Writing files


def _select(db: UserDB, ids: Iterable[str] | None, case_ids: Iterable[str] | None) -> list[Annotation]:
    return db.list(case_id=list(case_ids) if case_ids is not None else None, ids=list(ids) if ids is not None else None)


def json_document(annotations: Iterable[Annotation], *, now: _dt.datetime | None = None) -> dict[str, Any]:
    items = [to_dict(a) for a in annotations]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": now_iso(now),
        "app_version": __version__,
        "count": len(items),
        "annotations": items,
    }


def export_json(
    db: UserDB,
    path: Path,
    *,
    ids: Iterable[str] | None = None,
    case_ids: Iterable[str] | None = None,
    now: _dt.datetime | None = None,
) -> int:
    """Write all annotations (or those with these ids / on these cases) to ``path``; returns how many."""
    annotations = _select(db, ids, case_ids)
    doc = json_document(annotations, now=now)
    atomic_write(path, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return len(annotations)


#: Words of the Markdown export (Chinese, the product's default language); pass translations as ``labels``.
MARKDOWN_LABELS: dict[str, Any] = {
    "title": "案例批注",
    "exported": "导出时间",
    "count": "条",
    "highlight": "高亮",
    "case_note": "案例笔记",
    "bookmark": "书签",
    "colors": ("黄色", "绿色", "蓝色", "粉色", "紫色"),
    "tags": "标签",
    "orphaned": "原文已变动，未能重新定位",
    "unknown": "不在当前案例库中的案例",
    "modified": "修改于",
}

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def _md_safe(text: str) -> str:
    """``text`` with every ``<`` that would open an HTML tag written as ``&lt;``."""
    return _TAG_START.sub("&lt;", text)


def markdown_document(
    annotations: Iterable[Annotation],
    casebook: Casebook | None,
    *,
    labels: Mapping[str, Any] | None = None,
    now: _dt.datetime | None = None,
) -> str:
    """The Markdown text of :func:`export_markdown`."""
    lab = {**MARKDOWN_LABELS, **(labels or {})}
    items = list(annotations)
    by_case: dict[str, list[Annotation]] = {}
    for a in items:
        by_case.setdefault(a.case_id, []).append(a)
    groups: list[tuple[str, list[tuple[str, list[Annotation]]]]] = []
    if casebook is not None:
        for batch in casebook.batches():
            cases = [(c.display_title, by_case.pop(c.id)) for c in batch.cases if c.id in by_case]
            if cases:
                groups.append((batch.title, cases))
    if by_case:
        groups.append((lab["unknown"], [(case_id, by_case[case_id]) for case_id in sorted(by_case)]))

    out = [f"# {lab['title']}", "", f"{lab['exported']}：{now_iso(now)} · {len(items)} {lab['count']}", ""]
    for batch_title, cases in groups:
        out += [f"## {_md_safe(batch_title)}", ""]
        for case_title, notes in cases:
            out += [f"### {_md_safe(case_title)}", ""]
            for a in notes:
                head = lab[a.kind]
                if a.color is not None and 0 <= a.color < len(lab["colors"]):
                    head += f"（{lab['colors'][a.color]}）"
                out += [f"**{head}** · {lab['modified']} {a.modified[:10]}", ""]
                if a.orphaned:
                    out += [f"*{lab['orphaned']}*", ""]
                if a.quote is not None:
                    out += ["> " + line if line else ">" for line in _md_safe(a.quote.exact).split("\n")]
                    out.append("")
                if a.note.strip():
                    out += [inert_markdown(a.note.rstrip()), ""]
                if a.tags:
                    out += [f"{lab['tags']}：" + "、".join(f"`{t}`" for t in a.tags), ""]
                out += ["---", ""]
    return "\n".join(out).rstrip() + "\n"


def export_markdown(
    db: UserDB,
    path: Path,
    casebook: Casebook | None,
    *,
    ids: Iterable[str] | None = None,
    case_ids: Iterable[str] | None = None,
    labels: Mapping[str, Any] | None = None,
    now: _dt.datetime | None = None,
) -> int:
    """Write the annotations, readable, grouped by batch and case; returns how many."""
    annotations = _select(db, ids, case_ids)
    atomic_write(path, markdown_document(annotations, casebook, labels=labels, now=now).encode("utf-8"))
    return len(annotations)


# ---------------------------------------------------------------------------------------------
# Reading and checking an import file


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r:.40}")
        out[key] = value
    return out


def load_document(path: Path) -> Any:
    """The parsed JSON of an import file, or :class:`ExchangeError` (size, encoding, syntax)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ExchangeError(
                "import-too-large", f"the file is larger than {MAX_FILE_BYTES // 2**20} MiB: {path}", path=path
            )
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ExchangeError(
            "import-unreadable", f"cannot read the file ({exc.strerror or exc}): {path}", path=path
        ) from exc
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeError(
            "import-too-large", f"the file is larger than {MAX_FILE_BYTES // 2**20} MiB: {path}", path=path
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeError("import-not-utf8", f"the file is not UTF-8 text: {path}", path=path) from exc
    if not text.strip():
        raise ExchangeError("import-not-json", f"the file is empty: {path}", path=path)
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        stripped = len(text.rstrip())
        if exc.pos >= stripped or exc.msg.startswith("Unterminated string"):
            raise ExchangeError("import-truncated", f"the file ends too early (cut off?): {path}", path=path) from exc
        raise ExchangeError(
            "import-not-json", f"the file is not valid JSON ({exc.msg} at line {exc.lineno}): {path}", path=path
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise ExchangeError("import-not-json", f"the file is not valid JSON ({exc}): {path}", path=path) from exc


def check_envelope(
    doc: Any,
    path: Path,
    *,
    file_format: str,
    version: int,
    keys: Iterable[str],
    kind: str,
    error: type[ExchangeError] = ExchangeError,
) -> dict[str, Any]:
    """The top level of a versioned Casebook export file (annotations, playlists), checked; ``error`` otherwise.

    ``kind`` names the file in messages ("a Casebook annotation export"). A newer format version is refused.
    """
    if not isinstance(doc, dict):
        raise error("import-not-object", f"the file holds a JSON {_json_type(doc)}, not {kind}: {path}", path=path)
    if doc.get("format") != file_format:
        raise error("import-wrong-format", f"the file is not {kind}: {path}", path=path)
    found = doc.get("version")
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise error("import-version-invalid", f"the file has no valid format version: {path}", path=path)
    if found > version:
        raise error(
            "import-version-too-new",
            f"the file was made by a newer Casebook (format version {found}, this version reads {version}): {path}",
            path=path,
        )
    unknown = sorted(str(k) for k in set(doc) - set(keys))
    if unknown:
        raise error("import-invalid-field", f"unknown top-level key(s) {', '.join(unknown)[:80]}: {path}", path=path)
    for key in ("exported", "app_version"):
        if key in doc and not isinstance(doc[key], str):
            raise error("import-invalid-field", f"{key} must be text: {path}", path=path)
    return doc


def _check_document(doc: Any, path: Path) -> list[Any]:
    """The ``annotations`` list of a well-formed export document; :class:`ExchangeError` otherwise."""
    doc = check_envelope(
        doc, path, file_format=FORMAT, version=VERSION, keys=_TOP_LEVEL_KEYS, kind="a Casebook annotation export"
    )
    if "count" in doc and (not isinstance(doc["count"], int) or isinstance(doc["count"], bool)):
        raise ExchangeError("import-invalid-field", f"count must be an integer: {path}", path=path)
    items = doc.get("annotations")
    if not isinstance(items, list):
        raise ExchangeError("import-invalid-field", f"the file has no list of annotations: {path}", path=path)
    return items


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "null" if value is None else "object"


def _check_item(index: int, item: Any, known: set[str] | None, allow_unknown: bool) -> Annotation | Problem:
    ident = item.get("id") if isinstance(item, dict) and is_uuid(item.get("id")) else None
    if isinstance(item, dict):
        note = item.get("note")
        if (
            isinstance(note, str)
            and len(note) * 4 > MAX_NOTE_BYTES
            and len(note.encode("utf-8", "surrogatepass")) > MAX_NOTE_BYTES
        ):
            return Problem(
                index, ident, "import-note-too-large", f"the note is larger than {MAX_NOTE_BYTES // 1024} KiB"
            )
    try:
        a = from_dict(item)
    except AnnotationError as exc:
        return Problem(index, ident, _FIELD_CODES.get(exc.code, "import-invalid-field"), str(exc))
    if known is not None and a.case_id not in known and not allow_unknown:
        return Problem(index, ident, "import-unknown-case", f"no case {a.case_id!r:.60} in the casebook")
    return a


@dataclass
class ParsedImport:
    annotations: list[Annotation]
    rejected: list[Problem]
    unknown_cases: list[str]


def read_import_file(
    path: Path,
    *,
    known_case_ids: Iterable[str] | None = None,
    strict: bool = True,
    allow_unknown_cases: bool = False,
) -> ParsedImport:
    """Parse and check an import file completely (see the module docstring); writes nothing.

    ``known_case_ids`` None: case ids are not checked. Raises :class:`ExchangeError` for a problem of
    the file, or (``strict``) of any annotation.
    """
    path = Path(path)
    items = _check_document(load_document(path), path)
    known = set(known_case_ids) if known_case_ids is not None else None
    good: list[Annotation] = []
    problems: list[Problem] = []
    total_problems = 0
    seen: set[str] = set()
    unknown_cases: dict[str, None] = {}
    for index, item in enumerate(items):
        result = _check_item(index, item, known, allow_unknown_cases)
        if isinstance(result, Annotation) and result.id in seen:
            result = Problem(index, result.id, "import-duplicate-id", f"the id {result.id} occurs twice in the file")
        if isinstance(result, Problem):
            total_problems += 1
            if len(problems) < MAX_PROBLEMS:
                problems.append(result)
            continue
        seen.add(result.id)
        if known is not None and result.case_id not in known:
            unknown_cases.setdefault(result.case_id, None)
            result = result.replace(orphaned=True)
        good.append(result)
    if problems and strict:
        first = problems[0]
        more = f" (and {total_problems - 1} more problem(s))" if total_problems > 1 else ""
        label = f"annotation {first.index + 1}" + (f" ({first.id})" if first.id else "")
        raise ExchangeError(first.code, f"{label}: {first.message}{more}: {path}", path=path, problems=problems)
    return ParsedImport(good, problems, list(unknown_cases))


# ---------------------------------------------------------------------------------------------
# Merging


def _conflict_copy(a: Annotation) -> Annotation:
    tags = a.tags if CONFLICT_TAG in a.tags or len(a.tags) >= MAX_TAGS else (*a.tags, CONFLICT_TAG)
    return a.replace(id=new_id(), tags=tags)


def _has_copy(db: UserDB, copy: Annotation) -> bool:
    """An earlier import already kept this version as a conflict copy."""
    return any(
        other.modified == copy.modified and other.same_content(copy)
        for other in db.list(case_id=copy.case_id, tag=CONFLICT_TAG)
    )


def merge(db: UserDB, annotations: Sequence[Annotation], *, dry_run: bool = False) -> ImportSummary:
    """Merge checked annotations into ``db`` by id in one transaction (rules in the module docstring)."""
    summary = ImportSummary(dry_run=dry_run)
    with db.transaction():
        for incoming in annotations:
            local = db.get(incoming.id)
            if local is None:
                summary.added.append(incoming.id)
                if not dry_run:
                    db.put(incoming)
                continue
            if local == incoming:
                summary.skipped.append(incoming.id)
                continue
            if local.same_content(incoming):
                # Only the anchoring differs. Same ``modified``: one side was re-anchored (not a user
                # edit), keep the local anchoring. A newer imported version moved the highlight: take it.
                same_quote = (local.quote.exact if local.quote else None) == (
                    incoming.quote.exact if incoming.quote else None
                )
                if incoming.modified > local.modified and not same_quote:
                    summary.updated.append(incoming.id)
                    if not dry_run:
                        db.put(incoming)
                else:
                    summary.skipped.append(incoming.id)
                continue
            imported_wins = incoming.modified > local.modified
            loser = local if imported_wins else incoming
            copy = _conflict_copy(loser)
            if _has_copy(db, copy):
                summary.skipped.append(incoming.id)
                continue
            summary.conflicts.append(Conflict(incoming.id, copy.id, "imported" if imported_wins else "local"))
            if not dry_run:
                if imported_wins:
                    db.put(incoming)
                db.add(copy)
    return summary


def casebook_case_ids(casebook: Casebook) -> set[str]:
    """Every case id of ``casebook``."""
    return {c.id for batch in casebook.batches() for c in batch.cases}


def import_file(
    db: UserDB,
    path: Path,
    *,
    casebook: Casebook | None = None,
    known_case_ids: Iterable[str] | None = None,
    dry_run: bool = False,
    strict: bool = True,
    allow_unknown_cases: bool = False,
    backup: bool = True,
) -> ImportSummary:
    """Check ``path`` completely, back up the user database (``backup``), then merge in one transaction.

    Case ids are checked against ``known_case_ids``, else against ``casebook`` when given. On any
    :class:`ExchangeError` nothing was written.
    """
    if known_case_ids is None and casebook is not None:
        known_case_ids = casebook_case_ids(casebook)
    parsed = read_import_file(
        path, known_case_ids=known_case_ids, strict=strict, allow_unknown_cases=allow_unknown_cases
    )
    made: Path | None = None
    if backup and not dry_run and parsed.annotations:
        made = db.backup_now()
    summary = merge(db, parsed.annotations, dry_run=dry_run)
    summary.rejected = parsed.rejected
    summary.unknown_cases = parsed.unknown_cases
    summary.backup = made
    return summary
