"""What every command-line sub-command needs: the user's folders, the user database, and the catalog (the
bundled casebook plus the batches the user imported), through which every command reads batches and cases.

Qt-free, so scripts on a machine without a display can use the CLI.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.paths import UserPaths
    from reader.storage.casebook import Casebook
    from reader.storage.catalog import Catalog
    from reader.storage.search import SearchFilters
    from reader.storage.userdb import UserDB

#: Exit status of a usage error (as argparse's own).
EXIT_USAGE = 2


class UsageError(Exception):
    """A command was called wrongly (e.g. an unknown ``--batch``): one line on stderr, exit status 2."""


def print_json(data: object) -> None:
    """``data`` as indented JSON on stdout, Chinese as it is (the shape every ``--json`` option prints)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def case_json(case: Any) -> dict[str, Any]:
    """A case (or a case summary) as the ``cases`` items of ``list --json`` and ``import --json``."""
    return {
        "id": case.id,
        "number": case.number,
        "title": case.title,
        "contributors": list(case.contributors),
        "category": case.category,
    }


def user_paths(args: argparse.Namespace) -> UserPaths:
    """The user data folder from ``--data-dir``, ``$CASEBOOK_DATA_DIR``, portable mode or the platform default."""
    from reader import resources
    from reader.paths import platform_data_dir, resolve_user_paths

    return resolve_user_paths(
        option=getattr(args, "data_dir", None),
        exe_dir=resources.executable_dir(),
        platform_default=platform_data_dir,
    )


def casebook_path(args: argparse.Namespace) -> Path:
    """``--casebook`` or the bundled casebook (``ResourceError`` when neither exists)."""
    from reader import resources

    path = getattr(args, "casebook", None)
    return path if path is not None else resources.casebook_path()


def open_casebook(args: argparse.Namespace) -> Casebook:
    """The bundled casebook alone (``build-db`` and checks of the file itself; commands read :func:`open_catalog`)."""
    from reader.storage.casebook import Casebook

    return Casebook.open(casebook_path(args))


def open_catalog(args: argparse.Namespace) -> Catalog:
    """The catalog the desktop app shows: the casebook plus the user's library of imported batches, if any.

    A data folder without a library is not written to (no library is created just to read)."""
    from reader.storage.catalog import Catalog
    from reader.storage.library import library_path

    library = library_path(user_paths(args).data_dir)
    return Catalog.open(casebook_path(args), library if library.exists() else None)


def check_filters(catalog: Catalog, filters: SearchFilters) -> None:
    """Raise :class:`UsageError` naming the known values when a filter value is not in ``catalog``."""
    from reader.storage.catalog import UnknownFilterError

    option = {"batch": "--batch", "category": "--category", "region": "--region", "kind": "--kind"}
    try:
        catalog.check_filters(filters)
    except UnknownFilterError as exc:
        known = ", ".join(exc.known) or "(none)"
        raise UsageError(f"unknown {option[exc.facet]} {exc.value!r}; known values: {known}") from exc


def open_user_db(args: argparse.Namespace, *, reading: bool = False) -> UserDB:
    """The user's annotation database; a repair made while opening it is reported on stderr. With ``reading``
    (commands that only read it: ``annotations list``/``export``, ``export-pdf``) a data folder that cannot be
    written (read-only, or a full disk) is read as it is, with a note on stderr, instead of refused."""
    from reader.storage.db import DiskFullError, ReadOnlyError
    from reader.storage.userdb import UserDB

    paths = user_paths(args)
    try:
        db = UserDB.open(paths.user_db, backups_dir=paths.backups_dir)
    except (ReadOnlyError, DiskFullError) as exc:
        if not reading:
            raise
        db = UserDB.open_read_only(paths.user_db, backups_dir=paths.backups_dir, reason=exc)
        print(f"casebook: note: reading only ({exc})", file=sys.stderr)
    if db.recovery is not None:
        print(f"casebook: note: {db.recovery.summary()}", file=sys.stderr)
    return db
