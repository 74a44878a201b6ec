"""A workshop handout: a playlist exported through the export engine (:mod:`reader.export.bundle`).

The playlist's cases, in its order (a case listed twice appears once, where it is first listed), become an
:class:`~reader.export.bundle.ExportJob` titled with the playlist's title. The playlist's notes go on the
cover (as the export's scope line) and each item's trainer notes go with its case as a case note tagged
"讲师笔记", next to the annotations the user made on it. An item that shows only some sections (the
Sections dialog) prints exactly those (:func:`select_sections`, the rule the slides follow: a chosen section
brings its subsections, a chosen subsection its parents' headings, ``lead`` the introduction); annotations on
the parts left out are left out too.

:func:`handout_job` reads the databases (call it on the thread that owns them); :func:`write_export` or
:func:`write_playlist_handout` then write the file, all or nothing, on any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.domain.annotation import Annotation, new_case_note
from reader.domain.case import Case, Section
from reader.domain.text import plain_text
from reader.export.bundle import CaseEntry, ExportResult, Progress, locate, make_job, write_export
from reader.export.html import section_anchor
from reader.storage.playlists import playlist, playlist_case_ids

if TYPE_CHECKING:
    from reader.export.bundle import ExportJob
    from reader.storage.casebook import Casebook
    from reader.storage.userdb import UserDB

#: Words of the handout (Chinese); pass translations as ``labels``.
HANDOUT_LABELS: dict[str, str] = {
    "subtitle": "最佳实践案例 · 研讨材料",
    "trainer_tag": "讲师笔记",
    "playlist_notes": "说明：{notes}",
}


def select_sections(case: Case, sections: Iterable[str] | None) -> Case:
    """``case`` with only the chosen parts: ``sections`` are anchors (``s2``, ``s1.3``, ``lead``); a chosen section
    keeps all its subsections, a section with chosen subsections keeps its heading (as context) and those.
    None keeps everything."""
    if sections is None:
        return case
    chosen = frozenset(sections)

    def wanted(path: tuple[int, ...]) -> bool:
        return any(section_anchor(path[:n]) in chosen for n in range(1, len(path) + 1))

    def walk(section: Section, path: tuple[int, ...]) -> Section | None:
        if wanted(path):
            return section
        subs = tuple(
            kept for i, sub in enumerate(section.subsections, 1) if (kept := walk(sub, (*path, i))) is not None
        )
        return replace(section, blocks=(), subsections=subs, run_in=False) if subs else None

    kept = tuple(k for i, s in enumerate(case.sections, 1) if (k := walk(s, (i,))) is not None)
    return replace(case, lead=case.lead if "lead" in chosen else (), sections=kept)


def _only_chosen(entry: CaseEntry, sections: Iterable[str] | None) -> CaseEntry:
    """The entry with its case cut to the chosen sections and without the annotations on the parts left out."""
    if sections is None:
        return entry
    case = select_sections(entry.case, sections)
    text = plain_text(case)
    kept = tuple(a for a in entry.annotations if a.quote is None or locate(a, text) is not None)
    return replace(entry, case=case, annotations=kept)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def handout_job(
    db: UserDB,
    casebook: Casebook,
    playlist_id: str,
    *,
    paper: str = "A4",
    notes_only: bool = False,
    with_annotations: bool = True,
    format: str = "pdf",
    labels: dict[str, Any] | None = None,
) -> ExportJob:
    """The export job of a playlist (see the module docstring). ``with_annotations`` false leaves out the
    user's own highlights and notes (the trainer notes stay). Raises PlaylistError for an unknown playlist,
    ExportError for an empty one, CaseNotFoundError when a listed case is no longer in the casebook.
    Reads the databases: call it on the thread that owns them."""
    lab = {**HANDOUT_LABELS, **(labels or {})}
    p = playlist(db, playlist_id)
    ids = playlist_case_ids(p)
    annotations: list[Annotation] = list(db.list(case_id=ids)) if with_annotations and ids else []
    annotations += (
        new_case_note(item.case_id, item.notes, tags=[lab["trainer_tag"]]) for item in p.items if item.notes.strip()
    )
    scope = lab["playlist_notes"].format(notes=_one_line(p.notes)) if p.notes.strip() else ""
    engine_labels = {k: v for k, v in lab.items() if k not in HANDOUT_LABELS or k == "subtitle"}
    chosen: dict[str, tuple[str, ...] | None] = {}
    for item in p.items:  # a case listed twice: as where it is first listed
        chosen.setdefault(item.case_id, item.sections)
    job = make_job(
        casebook,
        ids,
        annotations=annotations,
        title=p.title,
        format=format,
        paper=paper,
        notes_only=notes_only,
        scope=scope,
        labels=engine_labels,
    )
    if any(sections is not None for sections in chosen.values()):
        job = job.with_options(entries=tuple(_only_chosen(e, chosen.get(e.case.id)) for e in job.entries))
    return job


def write_playlist_handout(
    db: UserDB,
    casebook: Casebook,
    playlist_id: str,
    path: Path | str,
    *,
    paper: str = "A4",
    notes_only: bool = False,
    with_annotations: bool = True,
    labels: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the handout of a playlist to ``path`` (PDF, Markdown or HTML by its suffix; PDF otherwise), all or
    nothing. Reads the databases, then renders: call it on their thread, or build the job with
    :func:`handout_job` there and hand it to :func:`reader.export.bundle.write_export` on a worker."""
    from reader.export.bundle import format_for

    job = handout_job(
        db,
        casebook,
        playlist_id,
        paper=paper,
        notes_only=notes_only,
        with_annotations=with_annotations,
        format=format_for(Path(path), "pdf"),
        labels=labels,
    )
    return write_export(job, Path(path), progress)
