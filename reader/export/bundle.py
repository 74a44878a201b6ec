"""What an export holds: an ordered list of cases with their annotations, a title and the options, as plain data.

An :class:`ExportJob` is built on the thread that owns the databases (:func:`make_job` reads the casebook
and the user database once) and can then be written on any thread by :func:`write_export`, which knows
nothing about databases. The engine takes an ordered list of case ids plus a title, so a workshop playlist
is one more way to make that list; :func:`batch_case_ids` and :func:`annotated_case_ids` are the others.

:func:`place` decides where each annotation goes in its case: the passage it marks (plain-text offsets,
checked against the quote, re-anchored when the text changed), the note number shown at the passage, or
"not in the text" (notes about the whole case, bookmarks without a place, orphans whose passage is gone).

Qt-free; the PDF writer (:mod:`reader.export.pdf`) is imported only when a PDF is written.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.domain.anchoring import anchor
from reader.domain.annotation import BOOKMARK, CASE_NOTE, HIGHLIGHT, Annotation
from reader.domain.case import Case
from reader.domain.compare import RowGroup
from reader.domain.text import plain_text
from reader.storage.db import StorageError, translate

if TYPE_CHECKING:
    from reader.storage.casebook import Casebook
    from reader.storage.userdb import UserDB

FORMATS = ("pdf", "docx", "md", "html")
LAYOUTS = ("clean", "official")
PAPERS = ("A4", "Letter")
SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

#: Highlight colours by annotation colour index (yellow, green, blue, pink, purple), as in the reader view.
HIGHLIGHT_COLOURS = ("#ffe27a", "#a8e6a1", "#9fd0ff", "#ffb3cf", "#d9b8ff")
#: A darker shade of each, for the stripe beside a note and the note number.
STRIPE_COLOURS = ("#d9a400", "#3f9a45", "#2f7fd0", "#d6457e", "#8a57d0")
#: Stripe of notes that are not highlights (case notes, bookmarks).
NEUTRAL_STRIPE = "#8a94a6"

#: Words of the exported documents (Chinese, the product's default language); pass translations as ``labels``.
LABELS: dict[str, Any] = {
    "subtitle": "最佳实践案例 · 批注导出",
    "subtitle_plain": "最佳实践案例",
    "selection_title": "最佳实践案例选编",
    "exported": "导出日期",
    "date": "{y}年{m}月{d}日",
    "contents": "目录",
    "included": "内容",
    "cases": "{n} 个案例",
    "annotations": "{n} 条批注（高亮 {h}，笔记 {c}，书签 {b}）",
    "full": "案例全文，高亮和笔记排在所标注的段落处",
    "notes_only": "仅批注摘要：摘录、笔记和标签，按案例排列",
    "digest_skipped": "{n} 个案例没有批注，未列入",
    "batches": "批次",
    "case_notes": "案例笔记",
    "orphans": "原文已变动、未能定位的批注",
    "highlight": "高亮",
    "case_note": "案例笔记",
    "bookmark": "书签",
    "tags": "标签",
    "page": "第 {page} / {pages} 页",
    "page_official": "— {page} —",
    "image": "图片",
    "generator": "Casebook {version}",
    "no_annotations": "没有批注",
    "scope_current": "当前案例",
    "scope_selected": "选定的案例",
    "scope_batch": "批次：{title}",
    "scope_batches": "{n} 个批次",
    "scope_annotated": "有批注的案例",
    "scope_annotated_among": "其中有批注的案例",
    "scope_separator": "；",
    "key_figures": "成效要点",
    "figures_value": "数据",
    "figures_what": "所计对象",
    "figures_when": "时间",
    "figures_more": "本节共 {n} 项数据",
}


#: Words of comparisons, PDF and Word (Chinese, the product's default language); pass translations as ``labels``.
COMPARISON_LABELS: dict[str, str] = {
    RowGroup.LEAD.value: "导语",
    RowGroup.PRACTICE.value: "主要做法",
    RowGroup.EFFECT.value: "实践效果",
    RowGroup.NEXT.value: "下一步",
    RowGroup.OTHER.value: "其他",
    "empty": "（无）",
    "page": "第 {page} / {pages} 页",
    "title": "案例对比：{titles}",
    "title_separator": " | ",
    "subtitle": "{n} 个案例对比 · {date}",
    "date": "{y}年{m}月{d}日",
    "contributors": "供稿：",
}


def scope_text(
    *, cases: str = "", batches: Sequence[str] = (), annotated: bool = False, labels: Mapping[str, Any] | None = None
) -> str:
    """What was chosen, in the export's words, for the cover: ``cases`` is ``"current"``, ``"selected"`` or
    ``""``; ``batches`` the titles of whole batches; ``annotated`` that only annotated cases were kept."""
    lab = {**LABELS, **(labels or {})}
    parts = [lab[f"scope_{cases}"]] if cases else []
    if len(batches) == 1:
        parts.append(lab["scope_batch"].format(title=batches[0]))
    elif batches:  # the cover lists the batches' titles; the scope just counts them
        parts.append(lab["scope_batches"].format(n=len(batches)))
    if annotated:
        parts.append(lab["scope_annotated_among"] if parts else lab["scope_annotated"])
    return lab["scope_separator"].join(parts)


class ExportError(StorageError):
    """An export that cannot be made: nothing to export, an unknown batch, a bad option."""

    code = "export-invalid"

    def __init__(self, code: str, message: str, *, path: Path | None = None) -> None:
        super().__init__(message, path=path)
        self.code = code


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


@dataclass(frozen=True)
class CaseEntry:
    """One case of an export with its batch title and its annotations (any order)."""

    case: Case
    batch_title: str = ""
    annotations: tuple[Annotation, ...] = ()


@dataclass(frozen=True)
class ExportJob:
    """Everything needed to write an export: no database handle, so it may be written on any thread."""

    title: str
    entries: tuple[CaseEntry, ...]
    format: str = "pdf"
    notes_only: bool = False
    paper: str = "A4"
    scope: str = ""  # what was chosen, in words, for the cover ("批次：…", "当前案例")
    layout: str = "clean"  # "official": the custom of Chinese official documents (公文)
    author: str = ""  # of the Word comments (default: the login name)
    key_figures: bool = False  # a 成效要点 card at the head of each case's effect section (not in notes-only digests)
    created: _dt.datetime = field(default_factory=lambda: _dt.datetime.now().astimezone())
    labels: Mapping[str, Any] = field(default_factory=lambda: dict(LABELS))

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ExportError("export-format", f"unknown export format {self.format!r} (use pdf, docx, md or html)")
        if self.layout not in LAYOUTS:
            raise ExportError("export-layout", f"unknown layout {self.layout!r} (use clean or official)")
        if self.paper not in PAPERS:
            raise ExportError("export-paper", f"unknown paper size {self.paper!r} (use A4 or Letter)")
        if not self.entries:
            raise ExportError("export-empty", "nothing to export: no case was chosen")
        object.__setattr__(self, "labels", {**LABELS, **dict(self.labels)})

    def with_options(self, **changes: Any) -> ExportJob:
        """A copy with ``format``, ``notes_only``, ``paper``, ``title``… changed."""
        return replace(self, **changes)

    @property
    def with_cards(self) -> bool:
        """Whether the cases get their 成效要点 card (asked for, and the case text is exported)."""
        return self.key_figures and not self.notes_only

    @property
    def annotation_count(self) -> int:
        return sum(len(e.annotations) for e in self.entries)

    def kind_counts(self) -> dict[str, int]:
        counts = {HIGHLIGHT: 0, CASE_NOTE: 0, BOOKMARK: 0}
        for e in self.entries:
            for a in e.annotations:
                counts[a.kind] = counts.get(a.kind, 0) + 1
        return counts

    def annotations_text(self) -> str:
        """The cover's line counting the annotations, in all and by kind."""
        counts = self.kind_counts()
        return self.label(
            "annotations",
            n=self.annotation_count,
            h=counts.get(HIGHLIGHT, 0),
            c=counts.get(CASE_NOTE, 0),
            b=counts.get(BOOKMARK, 0),
        )

    def subtitle(self) -> str:
        """The cover's subtitle: the default one names annotations only when the export has some."""
        if self.annotation_count == 0 and self.labels["subtitle"] == LABELS["subtitle"]:
            return self.label("subtitle_plain")
        return self.label("subtitle")

    def label(self, key: str, **values: Any) -> str:
        text = str(self.labels[key])
        return text.format(**values) if values else text

    def date_text(self) -> str:
        d = self.created
        return self.label("date", y=d.year, m=d.month, d=d.day)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    cases: int
    annotations: int
    pages: int | None = None  # PDF only
    size: int = 0


def format_for(path: Path, default: str | None = None) -> str:
    """The format a file name asks for (``.pdf``, ``.md``, ``.html``…), else ``default``; ExportError if neither."""
    fmt = SUFFIXES.get(Path(path).suffix.lower(), default)
    if fmt is None:
        raise ExportError("export-format", f"cannot tell the format from the file name (use --format): {path}")
    return fmt


# ---------------------------------------------------------------------------------------------
# Choosing cases


def unique(ids: Iterable[str]) -> list[str]:
    """``ids`` without repeats, first occurrence kept."""
    return list(dict.fromkeys(ids))


def batch_case_ids(casebook: Casebook, batch_id: str) -> list[str]:
    """The case ids of one batch in document order; ExportError for an unknown batch."""
    for batch in casebook.batches():
        if batch.id == batch_id:
            return [c.id for c in batch.cases]
    raise ExportError("export-unknown-batch", f"no batch with id {batch_id!r}")


def annotated_case_ids(casebook: Casebook, userdb: UserDB, among: Iterable[str] | None = None) -> list[str]:
    """Ids of the cases that carry at least one annotation, in document order (or in the order of ``among``)."""
    annotated = {a.case_id for a in userdb.list()}
    if among is not None:
        return [cid for cid in unique(among) if cid in annotated]
    return [c.id for b in casebook.batches() for c in b.cases if c.id in annotated]


def make_job(
    casebook: Casebook,
    case_ids: Sequence[str],
    *,
    userdb: UserDB | None = None,
    annotations: Iterable[Annotation] | None = None,
    title: str = "",
    **options: Any,
) -> ExportJob:
    """The export of ``case_ids`` (in this order, repeats dropped) with their annotations.

    Annotations come from ``userdb`` (all of those on these cases) or from ``annotations``; without
    either the export has none. Empty case notes (:attr:`Annotation.is_empty`) are left out. ``options``
    are :class:`ExportJob` fields (``format``, ``notes_only``, ``paper``, ``scope``, ``labels``, ``created``).
    Raises CaseNotFoundError for an unknown case id and ExportError when no case is given. Reads the
    databases: call it on the thread that owns them.
    """
    ids = unique(case_ids)
    if not ids:
        raise ExportError("export-empty", "nothing to export: no case was chosen")
    cases = casebook.cases(ids)
    if annotations is None:
        annotations = userdb.list(case_id=ids) if userdb is not None else ()
    by_case: dict[str, list[Annotation]] = {}
    for a in annotations:
        if not a.is_empty:  # an empty case note is not printed, nor counted on the cover
            by_case.setdefault(a.case_id, []).append(a)
    titles: dict[str, str] = {}
    entries = []
    for case in cases:
        if case.batch_id not in titles:
            titles[case.batch_id] = casebook.batch_title(case.batch_id)
        entries.append(CaseEntry(case, titles[case.batch_id], tuple(by_case.get(case.id, ()))))
    if not title:
        if len(cases) == 1:
            title = cases[0].title
        elif len(titles) == 1 and titles[cases[0].batch_id]:
            title = titles[cases[0].batch_id]
        else:  # several batches: a title for the whole selection, not the first batch's
            title = {**LABELS, **dict(options.get("labels") or {})}["selection_title"]
    return ExportJob(title=title, entries=tuple(entries), **options)


# ---------------------------------------------------------------------------------------------
# Where annotations go


@dataclass(frozen=True)
class Placed:
    """An annotation with its place in the case: plain-text ``start``/``end`` (None when it is not in the text)
    and its note ``number`` (shown at the passage and on the note; None when there is nothing to show)."""

    annotation: Annotation
    start: int | None = None
    end: int | None = None
    number: int | None = None

    @property
    def in_text(self) -> bool:
        return self.start is not None

    @property
    def orphaned(self) -> bool:
        """It quotes a passage that is no longer in the case."""
        return self.annotation.quote is not None and self.start is None

    @property
    def has_content(self) -> bool:
        """Something to show besides the colour or the underline: a note or tags (a bookmark without either
        only marks its place)."""
        a = self.annotation
        return bool(a.note.strip() or a.tags)


def locate(annotation: Annotation, text: str) -> tuple[int, int] | None:
    """Plain-text span of the annotation's passage in ``text``: the stored position when it still holds the
    quote, else wherever :func:`reader.domain.anchoring.anchor` finds it; None when it has no quote or is gone."""
    quote, pos = annotation.quote, annotation.position
    if quote is None:
        return None
    if pos is not None and not annotation.orphaned and text[pos.start : pos.end] == quote.exact:
        return pos.start, pos.end
    result = anchor(text, quote, pos)
    if result.orphaned or result.position is None:
        return None
    return result.position.start, result.position.end


def place(case: Case, annotations: Iterable[Annotation], *, text: str | None = None) -> list[Placed]:
    """Every annotation placed: those in the text first, in reading order and numbered 1, 2… (those with a
    note, tags or a bookmark), then the rest (case notes, bookmarks without place, orphans) by creation."""
    text = plain_text(case) if text is None else text
    inside: list[Placed] = []
    outside: list[Placed] = []
    for a in annotations:
        span = locate(a, text)
        if span is None:
            outside.append(Placed(a))
        else:
            inside.append(Placed(a, span[0], span[1]))
    inside.sort(key=lambda p: (p.start, p.end, p.annotation.created, p.annotation.id))
    numbered: list[Placed] = []
    n = 0
    for p in inside:
        if p.has_content:
            n += 1
            p = replace(p, number=n)
        numbered.append(p)
    outside.sort(key=lambda p: (p.annotation.kind != CASE_NOTE, p.annotation.created, p.annotation.id))
    return numbered + outside


# ---------------------------------------------------------------------------------------------
# Progress and cancelling


class Progress:
    """Thread-safe progress of one export: the writer calls :meth:`step`; any thread reads :attr:`done` /
    :attr:`total` and may :meth:`cancel`, after which the writer's next :meth:`step` raises ExportCancelled."""

    def __init__(self, callback: Callable[[int, int], None] | None = None) -> None:
        self.done = 0
        self.total = 0
        self._callback = callback
        self._cancelled = threading.Event()

    def start(self, total: int) -> None:
        self.total, self.done = total, 0
        self.check()
        if self._callback is not None:
            self._callback(0, total)

    def step(self, n: int = 1) -> None:
        """Count ``n`` units done; raise ExportCancelled when cancelled."""
        self.check()
        self.done = min(self.total, self.done + n) if self.total else self.done + n
        if self._callback is not None:
            self._callback(self.done, self.total)

    def check(self) -> None:
        if self._cancelled.is_set():
            raise ExportCancelled("the export was cancelled")

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


# ---------------------------------------------------------------------------------------------
# Writing


def probe_folder(folder: Path) -> None:
    """Raise ReadOnlyError / DiskFullError / StorageError unless a file can be created in ``folder``."""
    try:
        fd, name = tempfile.mkstemp(prefix=".casebook-export-", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise translate(exc, Path(folder)) from exc


def render(job: ExportJob, progress: Progress | None = None) -> tuple[bytes, int | None]:
    """The bytes of the export file and, for a PDF, its page count. PDF needs a QGuiApplication."""
    progress = progress or Progress()
    if job.format == "pdf":
        from reader.export.pdf import pdf_bytes

        return pdf_bytes(job, progress)
    if job.format == "docx":
        from reader.export.docx_doc import docx_bytes

        return docx_bytes(job, progress), None
    if job.format == "html":
        from reader.export.html_doc import html_document

        return html_document(job, progress).encode("utf-8"), None
    from reader.export.markdown_doc import markdown_document

    return markdown_document(job, progress).encode("utf-8"), None


def write_export(job: ExportJob, path: Path, progress: Progress | None = None) -> ExportResult:
    """Write ``job`` to ``path`` all or nothing: the file is rendered in memory, then written to a temporary
    file in the same folder and renamed over ``path``. On failure or cancel ``path`` is untouched and no
    temporary file is left. Raises ReadOnlyError / DiskFullError / StorageError (with ``code``),
    ExportCancelled, or ExportError.

    Safe on a worker thread (it touches no widget and no database).
    """
    from reader.storage.files import atomic_write

    path = Path(path)
    progress = progress or Progress()
    probe_folder(path.parent)  # fail before the work when the folder cannot take the file
    data, pages = render(job, progress)
    progress.check()
    atomic_write(path, data)
    return ExportResult(
        path=path,
        format=job.format,
        cases=len(job.entries),
        annotations=job.annotation_count,
        pages=pages,
        size=len(data),
    )
