"""``casebook figures [CASE_ID…] [--batch ID] [--json]``: the key figures of cases (see :mod:`reader.domain.figures`).

Which cases: the ``CASE_ID`` arguments, then every case of each ``--batch`` (repeats dropped); neither means
every case of the library (the bundled casebook and the batches the user imported). An unknown case id or
batch id is a usage error (exit status 2) naming what is known. ``--json`` prints ``{"figures": [...]}``, one
object per figure with ``case_id``, ``value``, ``high`` (the upper end of a range, else null), ``unit``,
``qualifier``, ``what``, ``when``, ``sentence``, ``start``, ``end`` (offsets of the figure in its paragraph),
``text`` (the figure as printed), ``segment`` (the paragraph: its place among the case's title, lead, headings
and paragraphs), ``source`` (``effect`` or ``lead``) and ``section``. Qt-free.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.cli_common import print_json

EXIT_USAGE = 2


class UsageError(Exception):
    """A wrong argument: printed with the command's usage, exit status 2."""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``figures`` on the main parser's sub-parsers."""
    p = subparsers.add_parser(
        "figures",
        help="key figures of cases (from their effect sections and leads)",
        description="Key figures reported by cases: value, unit, qualifier, what is counted, when, the sentence "
        "and where it is. Without CASE_ID or --batch: every case of the library.",
    )
    p.add_argument("case_ids", nargs="*", metavar="CASE_ID", help="a case (in this order)")
    p.add_argument("--batch", action="append", default=[], metavar="ID", help="every case of this batch (repeatable)")
    p.add_argument("--no-lead", action="store_true", help="only the effect sections, not the lead")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run, figures_parser=p)
    return p


def open_library(args: argparse.Namespace) -> Any:
    """The bundled casebook with the user's imported batches (the catalog every command reads)."""
    from reader.cli_common import open_catalog

    return open_catalog(args)


def select_cases(book: Any, case_ids: list[str], batch_ids: list[str]) -> list[str]:
    """Case ids in the order asked for, repeats dropped; raises :class:`UsageError` for unknown ids."""
    batches = {b.id: b for b in book.batches()}
    known = {c.id for b in batches.values() for c in b.cases}
    unknown_batches = [b for b in batch_ids if b not in batches]
    if unknown_batches:
        raise UsageError(f"unknown batch {', '.join(unknown_batches)} (known: {', '.join(batches)})")
    unknown_cases = [c for c in case_ids if c not in known]
    if unknown_cases:
        raise UsageError(f"unknown case {', '.join(unknown_cases)} (python -m reader list shows the case ids)")
    ids = list(case_ids)
    for batch in batch_ids:
        ids += [c.id for c in batches[batch].cases]
    if not case_ids and not batch_ids:
        ids = [c.id for b in batches.values() for c in b.cases]
    return list(dict.fromkeys(ids))


def run(args: argparse.Namespace) -> int:
    from reader.domain.figures import extract, format_value

    book = open_library(args)
    try:
        try:
            ids = select_cases(book, list(args.case_ids), list(args.batch))
        except UsageError as exc:
            args.figures_parser.print_usage(sys.stderr)
            print(f"casebook figures: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        figures = [f for cid in ids for f in extract(book.case(cid), lead=not args.no_lead)]
    finally:
        book.close()
    if args.json:
        print_json({"figures": [_json(f) for f in figures]})
        return 0
    current = None
    for f in figures:
        if f.case_id != current:
            current = f.case_id
            print(current)
        value = format_value(f.value, f.unit) if f.high is None else f"{f.value:g}–{format_value(f.high, f.unit)}"
        when = f"  [{f.when}]" if f.when else ""
        print(f"  {f.text}  = {value}  {f.what or '—'}{when}")
    if not figures:
        print("no figures", file=sys.stderr)
    return 0


def _json(f: Any) -> dict:
    return f.to_dict()
