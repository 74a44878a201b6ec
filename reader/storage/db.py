"""A thin layer over sqlite3: opening files safely and turning SQLite failures into clear error classes.

Every error a user can meet carries a stable ``code`` (the UI translates by code) and an English
message naming the file.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class StorageError(Exception):
    """Base class; ``code`` is stable and translatable, ``str(err)`` a one-line English reason."""

    code = "storage"

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class DatabaseMissingError(StorageError):
    code = "db-missing"


class CorruptDatabaseError(StorageError):
    code = "db-corrupt"


class ReadOnlyError(StorageError):
    code = "db-read-only"


class DiskFullError(StorageError):
    code = "disk-full"


class SchemaTooNewError(StorageError):
    code = "db-too-new"


class StaleWriteError(StorageError):
    """A write based on a copy older than what is stored (another window, process or user changed it since):
    refused, nothing written. Undo and redo raise it rather than revert someone else's change."""

    code = "stale-write"


def readonly_uri(path: Path) -> str:
    """A URI that opens ``path`` read-only and immutable: nothing is written, no journal or lock is created.

    That is what a casebook on a CD, a write-protected USB stick or a read-only install folder needs.
    """
    return path.resolve().as_uri() + "?mode=ro&immutable=1"


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open an existing database read-only; raise a :class:`StorageError` subclass if that is impossible."""
    if not path.is_file():
        raise DatabaseMissingError(f"database not found: {path}", path=path)
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc
    conn.row_factory = sqlite3.Row
    return conn


#: The ``code`` of a :class:`StorageError` made from an ``OSError`` that is neither a full disk nor a refusal.
_OS_CODES = {errno.ENOENT: "os-missing", errno.EEXIST: "os-in-the-way", errno.ENOTDIR: "os-in-the-way"}


def translate(exc: BaseException, path: Path | None = None) -> StorageError:
    """The :class:`StorageError` that explains a sqlite3 or OS error to a user."""
    where = f": {path}" if path else ""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DiskFullError(f"the disk is full{where}", path=path)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnlyError(f"no permission to write{where}", path=path)
        err = StorageError(f"{exc.strerror or exc}{where}", path=path)
        err.code = _OS_CODES.get(exc.errno or 0, "os-error")
        return err
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return CorruptDatabaseError(f"the database file is damaged{where}", path=path)
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(f"the database is read-only{where}", path=path)
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFullError(f"the disk is full{where}", path=path)
    if "unable to open" in text:
        return DatabaseMissingError(f"cannot open the database{where}", path=path)
    return StorageError(f"database error ({exc}){where}", path=path)


def build_database(
    path: Path,
    build: Callable[[sqlite3.Connection], T],
    *,
    prefix: str,
    vacuum: bool = False,
    mode: int | None = None,
) -> T:
    """Create the database ``path`` all or nothing; returns what ``build`` returns.

    ``build`` fills a new database in one transaction, in a temporary file beside ``path`` (``prefix`` names
    it); with ``vacuum`` the file is compacted afterwards. Only the complete file replaces ``path``: on any
    failure the temporary file is removed and ``path`` is left as it was. The file is private to the user
    (0600) unless ``mode`` says otherwise (0644 for a casebook that is shipped to others).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".db", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if mode is not None:
            tmp.chmod(mode)
        conn = sqlite3.connect(tmp)
        try:
            with conn:
                result = build(conn)
            if vacuum:
                conn.execute("VACUUM")
        finally:
            conn.close()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return result
