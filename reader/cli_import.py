"""``casebook import FILE``: add a batch of cases from a document (.txt, .md, .docx, .pdf, .ofd) to the user's library.

``add_parser(subparsers)`` registers the command on the main parser of :mod:`reader.cli`, whose global options
``--casebook`` and ``--data-dir`` the handler reads. ``--dry-run`` prints what was detected and writes nothing.
A document imported before is refused unless ``--replace`` is given; after an import the user's annotations
are re-anchored (annotations on cases of an earlier import of the same document come back). Errors print one
line on stderr and exit 1; nothing is written then. Qt-free.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli_common import case_json, print_json

EXIT_ERROR = 1


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``import`` on the main parser's sub-parsers."""
    p = subparsers.add_parser("import", help="import a batch of cases from a .txt, .md, .docx, .pdf or .ofd document")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="show what would be imported, change nothing")
    p.add_argument("--title", help="title of the batch (default: the title the document states)")
    p.add_argument("--replace", action="store_true", help="replace the batch if this document was imported before")
    p.add_argument("--json", action="store_true", help="print the detected structure as JSON")
    p.add_argument(
        "--as-one-case",
        action="store_true",
        help="import a document in which no case is recognised as one case (its headings as sections)",
    )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``import``; returns the exit status (errors: one line on stderr, 1)."""
    from reader.ingest.errors import IngestError
    from reader.resources import ResourceError
    from reader.storage.db import StorageError

    try:
        return _import(args)
    except (IngestError, StorageError, ResourceError, OSError) as exc:
        from reader.cli_failure import failure_line

        print(failure_line(exc, args), file=sys.stderr)  # a known trouble in the app's language, else as it is
        return EXIT_ERROR


def structure(doc: Any) -> dict[str, Any]:
    """What the importer found in a :class:`~reader.ingest.readers.LoadedDocument`, as JSON data."""
    batch = doc.result.batch
    return {
        "batches": [
            {
                "id": batch.id,
                "title": batch.title,
                "source": batch.source,
                "kind": doc.kind,
                "layout": doc.result.layout,
                "categories": list(batch.categories),
                "cases": [{**case_json(c), "sections": [s.heading for s in c.sections]} for c in batch.cases],
            }
        ],
        "warnings": [str(w) for w in doc.result.warnings],
    }


def _paths(args: argparse.Namespace) -> tuple[Path, Path, Path, Path]:
    """(bundled casebook, library database, user database, backups folder)."""
    from reader.cli_common import casebook_path, user_paths
    from reader.storage.library import library_path

    paths = user_paths(args)
    return casebook_path(args), library_path(paths.data_dir), paths.user_db, paths.backups_dir


def _import(args: argparse.Namespace) -> int:
    from reader.ingest.readers import load_document

    doc = load_document(args.file, title=args.title, whole=args.as_one_case)
    data = structure(doc)
    duplicate: str | None = None
    same: dict[str, Any] | None = None
    imported = False
    if not args.dry_run:
        duplicate, same = _write(args, doc)
        imported = True
    data.update({"dry_run": bool(args.dry_run), "imported": imported, "replaced": duplicate, "copy_of": same})
    if args.json:
        print_json(data)
        return 0
    batch = data["batches"][0]
    print(f"{batch['title']}  ({len(batch['cases'])} case(s), {doc.kind}, {doc.result.layout})")
    for c in batch["cases"]:
        number = f"{c['number']}. " if c["number"] is not None else ""
        who = "、".join(c["contributors"])
        print(f"  {number}{c['title']}" + (f"  [{who}]" if who else "") + f"  ({len(c['sections'])} section(s))")
    for warning in data["warnings"]:
        print(f"warning: {warning}")
    if args.dry_run:
        print("dry run: nothing was imported")
    else:
        if same is not None:
            kind = "comes with Casebook" if same["bundled"] else "imported before"
            print(f"note: this document is already in the library as {same['id']} ({same['title']}, {kind})")
        kept = len(batch["cases"])
        print(
            f"imported as {batch['id']}: {kept} case(s)"
            + (" (replacing the earlier import)" if duplicate else " (a copy)" if same else "")
        )
    return 0


def _write(args: argparse.Namespace, doc: Any) -> tuple[str | None, dict[str, Any] | None]:
    """Add the document to the library; returns the id of the batch it replaced (or None) and, when it was in
    the library already in another way (bundled, or imported with the same title and case titles), that batch's
    ``{"id", "title", "bundled"}`` (or None)."""
    from reader.storage.db import StorageError
    from reader.storage.library import Library

    casebook, library_file, user_db, backups = _paths(args)
    with Library.open(casebook, library_file) as library:
        if library.recovered_from is not None:
            print(f"casebook: note: a damaged library was moved to {library.recovered_from}", file=sys.stderr)
        duplicate = library.find_duplicate(doc.content_hash)
        if duplicate is not None and not args.replace:
            title = library.batch_title(duplicate)
            raise StorageError(f"this document was already imported as {duplicate} ({title}); use --replace")
        same = None
        if duplicate is None:
            batch = doc.result.batch
            found = library.same_document(doc.content_hash, batch.title, [c.title for c in batch.cases])
            if found is not None:
                same = {"id": found[0], "title": library.batch_title(found[0]), "bundled": found[1]}
        library.import_batch(
            doc.result, title=doc.result.batch.title, replace=args.replace, content_hash=doc.content_hash
        )
        _reanchor(library, user_db, backups)
    return duplicate, same


def _reanchor(library: Any, user_db: Path, backups: Path) -> None:
    """Re-anchor the user's annotations on the changed library (nothing to do without a user database)."""
    if not user_db.exists():
        return
    from reader.storage.userdb import UserDB

    with UserDB.open(user_db, backups_dir=backups) as db:
        report = db.reanchor_all(library)
    if report.recovered:
        print(f"casebook: {len(report.recovered)} annotation(s) found their text again", file=sys.stderr)
