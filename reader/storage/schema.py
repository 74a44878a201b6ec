"""Schema versions as a ladder, written once for every database Casebook writes (user data, library).

``PRAGMA user_version`` holds the version; a :class:`Ladder` holds one ``upgrade_to_N(conn)`` per step, each
run in its own transaction; a database of a newer Casebook raises :class:`SchemaTooNewError` and is not
touched (:func:`check_not_too_new`, also used for databases Casebook only reads).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from reader.storage.db import SchemaTooNewError

Step = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Ladder:
    """``what`` names the data in messages ("the user data"); ``steps`` maps version N to ``upgrade_to_N``."""

    what: str
    steps: Mapping[int, Step]

    @property
    def version(self) -> int:
        return max(self.steps)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_not_too_new(conn: sqlite3.Connection, *, newest: int, what: str, path: Path | None = None) -> int:
    """The version found; :class:`SchemaTooNewError` when it is above ``newest`` (this Casebook reads up to it)."""
    found = schema_version(conn)
    if found > newest:
        raise SchemaTooNewError(
            f"{what} was saved by a newer version of Casebook (schema {found}, this version reads up to {newest})"
            + (f": {path}" if path else ""),
            path=path,
        )
    return found


def upgrade(conn: sqlite3.Connection, ladder: Ladder, path: Path | None = None) -> int:
    """Bring the database on ``conn`` (autocommit mode) to ``ladder.version``, one step per transaction.

    Returns the version found. Raises :class:`SchemaTooNewError` for a newer database, untouched. A step
    another process finished meanwhile is skipped.
    """
    found = check_not_too_new(conn, newest=ladder.version, what=ladder.what, path=path)
    for version in range(found + 1, ladder.version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) < version:
                ladder.steps[version](conn)
                conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
    return found


def build(conn: sqlite3.Connection, ladder: Ladder) -> None:
    """Run every step on a new database inside the caller's transaction (for ``db.build_database``)."""
    for version in sorted(ladder.steps):
        ladder.steps[version](conn)
    conn.execute(f"PRAGMA user_version = {int(ladder.version)}")
