"""``casebook export …`` (alias ``export-pdf``): export cases with their annotations to PDF, Word, Markdown or HTML.

``add_parser(subparsers)`` registers the command on the main parser of :mod:`reader.cli`, whose global options
``--casebook`` and ``--data-dir`` the handler reads. Which cases: the ``CASE_ID`` arguments, then the cases
of each ``--batch`` (in that order, repeats dropped); ``--annotated`` keeps only those with annotations, or,
alone, takes every annotated case; ``--playlist NAME`` (a playlist's title or id) writes that playlist's
handout instead. The format is ``--format`` or else the output file's extension (``.pdf``, ``.docx``,
``.md``, ``.html``); ``--layout official`` typesets in the custom of Chinese official documents;
``--no-key-figures`` leaves out the 成效要点 table each case gets at the head of its effect section. Errors
print one line on stderr and exit 1. A PDF needs Qt (a headless ``QGuiApplication`` is created); Word,
Markdown and HTML do not.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli_common import check_filters, open_catalog, open_user_db

EXIT_ERROR = 1


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``export`` (and its alias ``export-pdf``) on the main parser's sub-parsers."""
    p = subparsers.add_parser(
        "export",
        aliases=["export-pdf"],
        help="export cases with their highlights and notes to PDF, Word, Markdown or HTML",
        description="Export cases with their highlights and notes. Choose cases by id, by --batch, "
        "--annotated (every case with annotations; with ids or --batch: only those that have some), or "
        "--playlist (a workshop handout). The format follows the file name (.pdf, .docx, .md, .html).",
    )
    p.add_argument("case_ids", nargs="*", metavar="CASE_ID", help="a case to export (in this order)")
    p.add_argument("--batch", action="append", default=[], metavar="ID", help="every case of this batch (repeatable)")
    p.add_argument("--annotated", action="store_true", help="only cases with annotations (alone: all of them)")
    p.add_argument("--playlist", metavar="NAME", help="the handout of this playlist (its title or id)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="file to write")
    p.add_argument("--format", choices=["pdf", "docx", "md", "html"], help="file format (default: from the extension)")
    p.add_argument(
        "--layout",
        choices=["clean", "official"],
        default="clean",
        help="clean (default) or official: the custom of Chinese official documents (A4, 仿宋 body, 黑体 headings)",
    )
    p.add_argument("--author", help="author of the Word comments (default: your login name)")
    p.add_argument("--notes-only", action="store_true", help="a digest of quotes, notes and tags, without case text")
    p.add_argument("--paper", choices=["A4", "Letter"], default="A4", help="PDF paper size (default: A4)")
    p.add_argument("--title", help="title of the export (default: the case or batch title)")
    p.add_argument(
        "--key-figures",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="a 成效要点 table of each case's key figures at the head of its effect section (default: on; "
        "not in --notes-only digests)",
    )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``export``; returns the exit status (errors: one line on stderr, 1)."""
    from reader.domain.annotation import AnnotationError
    from reader.export.bundle import ExportCancelled
    from reader.resources import ResourceError
    from reader.storage.db import StorageError

    try:
        return _export(args)
    except (StorageError, AnnotationError, ResourceError, OSError, ExportCancelled) as exc:
        from reader.cli_failure import failure_line

        print(failure_line(exc, args), file=sys.stderr)  # a known trouble in the app's language, else as it is
        return EXIT_ERROR


def _export(args: argparse.Namespace) -> int:
    from reader.export.bundle import ExportError, format_for, write_export

    if not (args.case_ids or args.batch or args.annotated or args.playlist):
        raise ExportError("export-empty", "name at least one CASE_ID, --batch ID, --annotated or --playlist NAME")
    if args.playlist and (args.case_ids or args.batch or args.annotated):
        raise ExportError("export-invalid", "--playlist cannot be combined with case ids, --batch or --annotated")
    from reader.storage.search import SearchFilters

    fmt = args.format or format_for(args.output)
    book = open_catalog(args)  # the bundled batches and the imported ones, as the desktop app shows them
    try:
        check_filters(book, SearchFilters(batches=tuple(args.batch)))
        db = open_user_db(args, reading=True)
        try:
            job = _playlist_job(db, book, args, fmt) if args.playlist else _cases_job(db, book, args, fmt)
        finally:
            db.close()
    finally:
        book.close()
    if fmt == "pdf":
        from reader.export.fonts import ensure_gui_application, register_fonts

        ensure_gui_application()
        register_fonts()
    result = write_export(job, args.output)
    pages = f", {result.pages} pages" if result.pages else ""
    print(
        f"exported {result.cases} case(s) with {result.annotations} annotation(s) to {result.path} "
        f"({result.format}{pages}, {result.size // 1024} KiB)"
    )
    return 0


def _playlist_job(db, book, args: argparse.Namespace, fmt: str):
    from reader.export.bundle import ExportError
    from reader.export.handout import handout_job
    from reader.storage.playlists import list_playlists

    wanted = args.playlist.strip()
    found = [p for p in list_playlists(db) if wanted in (p.id, p.title)]
    if not found:
        found = [p for p in list_playlists(db) if p.title.casefold() == wanted.casefold()]
    if not found:
        raise ExportError("export-unknown-playlist", f"no playlist titled {wanted!r}")
    if len(found) > 1:
        raise ExportError("export-ambiguous-playlist", f"{len(found)} playlists are titled {wanted!r}: give its id")
    job = handout_job(db, book, found[0].id, paper=args.paper, notes_only=args.notes_only, format=fmt)
    return job.with_options(
        layout=args.layout, author=args.author or "", title=args.title or job.title, key_figures=args.key_figures
    )


def _cases_job(db, book, args: argparse.Namespace, fmt: str):
    from reader.export.bundle import (
        ExportError,
        annotated_case_ids,
        batch_case_ids,
        make_job,
        scope_text,
        unique,
    )

    ids = list(args.case_ids)
    for batch in args.batch:
        ids += batch_case_ids(book, batch)
    ids = unique(ids)
    if args.annotated:
        ids = annotated_case_ids(book, db, among=ids if (args.case_ids or args.batch) else None)
        if not ids:
            raise ExportError("export-empty", "no chosen case has annotations")
    titles = {b.id: b.title for b in book.batches()}
    title = args.title or (titles[args.batch[0]] if len(args.batch) == 1 and not args.case_ids else "")
    job = make_job(
        book,
        ids,
        userdb=db,
        title=title,
        format=fmt,
        notes_only=args.notes_only,
        paper=args.paper,
        scope=scope_text(
            cases="selected" if args.case_ids else "",
            batches=[titles.get(b, b) for b in args.batch],
            annotated=args.annotated,
        ),
    )
    return job.with_options(layout=args.layout, author=args.author or "", key_figures=args.key_figures)
