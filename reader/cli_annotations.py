"""``casebook annotations …``: export, import and list the user's annotations from the command line.

``add_parser(subparsers)`` registers the ``annotations`` command on the main parser of :mod:`reader.cli`,
whose global options ``--casebook`` and ``--data-dir`` the handler reads. Errors print one line on stderr
and exit 1. Qt-free: the platform data folder is computed here the way Qt's ``QStandardPaths``
(``AppLocalDataLocation``, organisation and application "Casebook") computes it for the GUI, so the CLI
and the app use the same ``user.db``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli_common import open_catalog, open_user_db, print_json

EXIT_ERROR = 1


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``annotations`` (with ``export``, ``import``, ``list``) on the main parser's sub-parsers."""
    p = subparsers.add_parser("annotations", help="export, import or list your annotations")
    sub = p.add_subparsers(dest="annotations_command", metavar="ACTION", required=True)

    s = sub.add_parser("export", help="write annotations to a JSON (lossless) or Markdown (readable) file")
    s.add_argument("--format", choices=["json", "md"], default="json", help="file format (default: json)")
    s.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="file to write")
    s.add_argument("--case", action="append", dest="cases", metavar="ID", help="only this case (repeatable)")

    s = sub.add_parser("import", help="merge annotations from a JSON export file")
    s.add_argument("file", type=Path, metavar="FILE")
    s.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
    s.add_argument("--json", action="store_true", help="print the summary as JSON")

    s = sub.add_parser("list", help="list annotations")
    s.add_argument("--case", action="append", dest="cases", metavar="ID", help="only this case (repeatable)")
    s.add_argument("--json", action="store_true")

    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``annotations ACTION``; returns the exit status (errors: one line on stderr, 1)."""
    from reader.domain.annotation import AnnotationError
    from reader.domain.query import QueryError
    from reader.resources import ResourceError
    from reader.storage.db import StorageError

    handlers = {"export": _export, "import": _import, "list": _list}
    try:
        return handlers[args.annotations_command](args)
    except (StorageError, AnnotationError, QueryError, ResourceError, OSError) as exc:
        from reader.cli_failure import failure_line

        print(failure_line(exc, args), file=sys.stderr)  # a known trouble in the app's language, else as it is
        return EXIT_ERROR


# ---------------------------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    from reader.storage.exchange import export_json, export_markdown

    db = open_user_db(args, reading=True)
    try:
        if args.format == "json":
            n = export_json(db, args.output, case_ids=args.cases)
        else:
            book = open_catalog(args)  # bundled and imported batches alike
            try:
                n = export_markdown(db, args.output, book, case_ids=args.cases)
            finally:
                book.close()
    finally:
        db.close()
    print(f"exported {n} annotation(s) to {args.output}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from reader.storage.exchange import import_file

    book = open_catalog(args)  # bundled and imported batches alike
    try:
        db = open_user_db(args)
        try:
            summary = import_file(db, args.file, casebook=book, dry_run=args.dry_run)
        finally:
            db.close()
    finally:
        book.close()
    if args.json:
        print_json(summary.to_dict())
    else:
        print(summary.summary())
        for c in summary.conflicts:
            print(f"  conflict {c.id}: kept the {c.kept} version, the other is {c.copy_id}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from reader.domain.annotation import COLORS, to_dict

    db = open_user_db(args, reading=True)
    try:
        items = db.list(case_id=args.cases)
    finally:
        db.close()
    if args.json:
        print_json({"annotations": [to_dict(a) for a in items]})
        return 0
    for a in items:
        kind = a.kind + (f"/{COLORS[a.color]}" if a.color is not None else "") + (" orphaned" if a.orphaned else "")
        text = " ".join((a.quote.exact if a.quote else "").split())
        quote = f"「{text[:30]}{'…' if len(text) > 30 else ''}」 " if text else ""
        note = a.note.strip().split("\n", 1)[0][:60] if a.note.strip() else ""
        tags = f" [{', '.join(a.tags)}]" if a.tags else ""
        print(f"{a.id}  {a.case_id:<16} {kind:<18} {quote}{note}{tags}".rstrip())
    print(f"{len(items)} annotation(s)")
    return 0
