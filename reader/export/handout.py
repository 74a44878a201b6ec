"""A workshop handout: a playlist exported through the export engine (:mod:`reader.export.bundle`).

The playlist's cases, in its order (a case listed twice appears once, where it is first listed), become an
:class:`~reader.export.bundle.ExportJob` titled with the playlist's title. The playlist's notes go on the
cover (as the export's scope line) and each item's trainer notes go with its case as a case note tagged
"讲师笔记", next to the annotations the user made on it. Items that show only some sections are exported
whole: the engine knows whole cases only.

:func:`handout_job` reads the databases (call it on the thread that owns them); :func:`write_export` or
:func:`write_playlist_handout` then write the file, all or nothing, on any thread.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.domain.annotation import Annotation, new_case_note
from reader.export.bundle import ExportResult, Progress, make_job, write_export
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
    return make_job(
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
