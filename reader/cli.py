"""The command line: ``python -m reader [options] [COMMAND ...]``.

Without a command the desktop app starts. Commands print plain text or, with ``--json``, JSON on
stdout; errors print one line on stderr and exit non-zero (2 for usage errors, 1 for everything else).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from reader import __version__
from reader.cli_common import EXIT_USAGE, UsageError, case_json, print_json

EXIT_ERROR = 1


class CliError(Exception):
    """An expected failure: printed as one line on stderr, exit status 1."""


def _parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; without ``commands`` only the desktop app's options (cheaper to build)."""
    p = argparse.ArgumentParser(prog="casebook", description="Casebook: best-practice case reader.")
    p.add_argument("--version", action="version", version=f"Casebook {__version__}")
    p.add_argument("--casebook", type=Path, help="casebook database to open (default: the bundled one)")
    p.add_argument("--data-dir", type=Path, help="folder for user data (default: the platform's app-data folder)")
    p.add_argument("--lang", help="user interface language, e.g. zh_CN or en")
    p.add_argument("--exit-when-ready", action="store_true", help="start the app, exit once it is ready")
    p.add_argument("--self-test", action="store_true", help="run headless checks and exit")
    p.add_argument("--case", metavar="CASE_ID", help="open this case (in the running window, if Casebook is open)")
    if not commands:
        return p
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("list", help="list batches and cases")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_list)

    s = sub.add_parser("show", help="show one case")
    s.add_argument("case_id", metavar="CASE_ID")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_show)

    s = sub.add_parser("search", help="full-text search")
    s.add_argument(
        "query", metavar="QUERY", nargs="*", help="words to find (all of them); -word leaves out cases with it"
    )
    s.add_argument("--batch", action="append", default=[], help="only this batch id (repeatable)")
    s.add_argument("--category", action="append", default=[])
    s.add_argument("--region", action="append", default=[], help="contributor, e.g. 上海市")
    s.add_argument("--kind", action="append", default=[], choices=["practice", "effect", "next", "other"])
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    from reader.cli_annotations import add_parser as add_annotations_parser

    add_annotations_parser(sub)

    from reader.cli_import import add_parser as add_import_parser

    add_import_parser(sub)

    from reader.cli_export import add_parser as add_export_parser

    add_export_parser(sub)

    from reader.cli_figures import add_parser as add_figures_parser

    add_figures_parser(sub)

    s = sub.add_parser("build-db", help="regenerate the casebook database from data/sources")
    s.add_argument("--sources", type=Path, help="source folder with manifest.json (default: data/sources)")
    s.add_argument("-o", "--output", type=Path, help="output file (default: data/casebook.db)")
    s.set_defaults(func=cmd_build_db)
    return p


def _file_argument(argv: list[str], parser: argparse.ArgumentParser) -> int | None:
    """``casebook [OPTIONS] FILE`` (how a desktop's "Open with" starts it): the app opens FILE, an annotation
    export or a batch document. None when ``argv`` is not that: a command, or a word that is no file name."""
    if {"-h", "--help"} & set(argv):
        return None
    opts, rest = _parser(commands=False).parse_known_args(argv)
    commands = next((a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {})
    if len(rest) != 1 or rest[0].startswith("-") or rest[0] in commands:
        return None
    path = Path(rest[0])
    if not (path.exists() or path.suffix or len(path.parts) > 1):
        return None  # ``casebook lst``: a mistyped command gets argparse's usage error, not a missing file
    opts.open = path
    from reader.app import run_gui

    return run_gui(opts)


def run(argv: list[str]) -> int:
    # Only options (the desktop app's usual start): skip building every command's parser.
    only_options = all(a.startswith("-") for a in argv) and not {"-h", "--help"} & set(argv)
    parser = _parser(commands=not only_options)
    if (to_open := _file_argument(argv, parser)) is not None:
        return to_open
    args, extra = parser.parse_known_args(argv)
    if getattr(args, "command", None) == "search":
        # ``casebook search 仲裁 -上海``: a word to leave out looks like an option to argparse.
        after = set(argv[argv.index("search") + 1 :])
        words = [w for w in extra if _is_excluded_word(w) and w in after]
        args.query = " ".join([*args.query, *words])
        extra = [w for w in extra if w not in words]
        if not args.query:
            parser.error("search needs a QUERY")
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        from reader.app import run_gui

        return run_gui(args)
    try:
        status = func(args)
        sys.stdout.flush()  # a closed pipe fails here, inside the handler below, not at interpreter exit
        return status
    except CliError as exc:
        print(f"casebook: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader of our output went away (``casebook list | head``): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python exits
        return 0
    except Exception as exc:  # an expected storage/ingest error, or a bug: never a traceback for the user
        from reader.resources import ResourceError
        from reader.storage.db import StorageError

        if isinstance(exc, StorageError | OSError | ResourceError):
            # A casebook, library or data folder that cannot be used: one line, in the app's language.
            from reader.cli_failure import failure_line

            print(failure_line(exc, args), file=sys.stderr)
            return EXIT_ERROR
        if isinstance(exc, ValueError):
            print(f"casebook: {exc}", file=sys.stderr)
            return EXIT_ERROR
        raise


def _is_excluded_word(arg: str) -> bool:
    return len(arg) > 1 and arg.startswith("-") and not arg.startswith("--")


def _open_catalog(args: argparse.Namespace):
    """The bundled casebook and the user's imported batches, as the desktop app shows them."""
    from reader.cli_common import open_catalog

    return open_catalog(args)  # a missing or damaged file: one translated line (run)


def cmd_list(args: argparse.Namespace) -> int:
    catalog = _open_catalog(args)
    batches = catalog.batches()
    imported = catalog.imported_batch_ids()
    if args.json:
        print_json(
            {
                "batches": [
                    {
                        "id": b.id,
                        "title": b.title,
                        "source": b.source,
                        "imported": b.id in imported,
                        "categories": list(b.categories),
                        "cases": [case_json(c) for c in b.cases],
                    }
                    for b in batches
                ]
            }
        )
        return 0
    for b in batches:
        print(f"{b.id}  {b.title}  ({len(b.cases)})" + ("  [imported]" if b.id in imported else ""))
        for c in b.cases:
            who = "、".join(c.contributors)
            print(f"  {c.id:<18} {c.display_title}" + (f"  [{who}]" if who else ""))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from reader.domain.case import case_to_dict
    from reader.export.text import case_to_text

    catalog = _open_catalog(args)
    case = catalog.case(args.case_id)
    if args.json:
        d = case_to_dict(case)
        d["batch_title"] = catalog.batch_title(case.batch_id)
        print_json(d)
    else:
        sys.stdout.write(case_to_text(case, batch_title=catalog.batch_title(case.batch_id)))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from reader.cli_common import check_filters
    from reader.domain.query import QueryError
    from reader.storage.search import SearchFilters

    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    catalog = _open_catalog(args)
    filters = SearchFilters(tuple(args.batch), tuple(args.category), tuple(args.region), tuple(args.kind))
    check_filters(catalog, filters)
    try:
        res = catalog.search(args.query, filters, limit=args.limit)
    except QueryError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print_json(
            {
                "query": args.query,
                "total": res.total,
                "results": [
                    {
                        "case_id": h.case_id,
                        "batch_id": h.batch_id,
                        "title": h.title,
                        "section": h.section,
                        "snippet": h.snippet,
                        "score": round(h.score, 6),
                        "hits": h.hit_count,
                        "title_spans": [list(span) for span in h.title_spans],
                        "whole_numbers": h.whole_numbers,
                    }
                    for h in res.hits
                ],
            }
        )
        return 0
    print(f"{res.total} case(s) match {args.query!r}")
    for h in res.hits:
        snippet = _mark(h.snippet, h.snippet_spans)
        hits = f"{h.hit_count} hit" + ("" if h.hit_count == 1 else "s")
        print(f"{h.case_id:<18} {_mark(h.title, h.title_spans)}  ({hits})")
        print(f"    {h.section or '—'}: {snippet}")
    return 0


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], "【", text[start:end], "】"]
        last = end
    out.append(text[last:])
    return "".join(out)


def cmd_build_db(args: argparse.Namespace) -> int:
    from reader import resources
    from reader.storage.casebook import build_casebook

    sources = args.sources or resources.sources_dir()
    out = args.output or sources.parent / "casebook.db"
    if not (sources / "manifest.json").is_file():
        raise CliError(f"no manifest.json in {sources}")
    report = build_casebook(sources, out)
    print(
        f"built {report.path}: {report.batches} batches, {report.cases} cases, "
        f"{report.segments} segments in {report.seconds:.2f} s"
    )
    return 0
