"""Backups of a live SQLite database, the same for the user database and the library.

:func:`take_backup` copies a database with SQLite's online backup API into ``<folder>/<prefix>-YYYYmmdd-HHMMSS.db``
(UTC): written under a temporary name owned by this process, switched to a self-contained rollback journal,
checked, fsynced, renamed. :func:`rotate` keeps the newest ``keep`` and any the caller protects (the user
database protects the last backup holding annotations the live database lacks); it removes temporary files
only when their process is gone, so two instances backing up at once never break each other's backup.
"""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from collections.abc import Callable, Collection
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from reader.storage.db import CorruptDatabaseError, readonly_uri, translate
from reader.storage.files import clean_stale_temps, fsync_dir, fsync_file, temp_file, utc_stamp
from reader.storage.schema import Ladder, schema_version

#: Backups kept by default, and how old the newest may get before a start-up makes one.
KEEP_BACKUPS = 7
BACKUP_MAX_AGE = _dt.timedelta(days=1)

#: The stem of the temporary files of backups in progress (see :func:`reader.storage.files.temp_path`).
TEMP_STEM = "backup"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: _dt.datetime  # UTC, from the file name
    size: int


def _pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(re.escape(prefix) + r"-(\d{8})-(\d{6})(?:-(\d+))?\.db")


def integrity_problems(conn: sqlite3.Connection) -> str:
    """``""`` when ``PRAGMA integrity_check`` passes, else its first findings."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)").fetchall()]
    return "" if rows == ["ok"] else "; ".join(str(r) for r in rows[:3])


def list_backups(folder: Path, prefix: str) -> list[Backup]:
    """The backups named ``<prefix>-…`` in ``folder``, newest first."""
    pattern = _pattern(prefix)
    out: list[tuple[tuple[str, str, int], Backup]] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if not m or not entry.is_file():
            continue
        try:
            taken = _dt.datetime.strptime(m[1] + m[2], "%Y%m%d%H%M%S").replace(tzinfo=_dt.UTC)
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(((m[1], m[2], int(m[3] or 0)), Backup(entry, taken, size)))
    out.sort(key=lambda item: item[0], reverse=True)
    return [b for _, b in out]


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``source`` at ``target``: online backup into a temporary file of this process in
    the same folder, switched to a self-contained rollback journal, checked, fsynced, then renamed into place."""
    try:
        with temp_file(target.parent, TEMP_STEM) as tmp:
            dst = sqlite3.connect(tmp, isolation_level=None)
            try:
                source.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                problems = integrity_problems(dst)
                if problems:
                    raise CorruptDatabaseError(
                        f"the copy failed its integrity check ({problems}): {target}", path=target
                    )
            finally:
                dst.close()
            fsync_file(tmp)
            tmp.replace(target)
            fsync_dir(target.parent)
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, target) from exc


def take_backup(source: sqlite3.Connection, folder: Path, prefix: str, *, now: _dt.datetime | None = None) -> Path:
    """Write ``<folder>/<prefix>-<UTC stamp>.db`` from ``source`` (see :func:`copy_database`) and return it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise translate(exc, folder) from exc
    stamp = utc_stamp(now)
    target, i = folder / f"{prefix}-{stamp}.db", 0
    while target.exists():  # a second backup within the same second
        i += 1
        target = folder / f"{prefix}-{stamp}-{i}.db"
    copy_database(source, target)
    return target


def is_due(backups: list[Backup], now: _dt.datetime, max_age: _dt.timedelta = BACKUP_MAX_AGE) -> bool:
    """True when the newest backup is ``max_age`` old or older, or there is none; a newest backup dated more
    than ``max_age`` in the future (clock changed) counts as due too."""
    if not backups:
        return True
    age = now.astimezone(_dt.UTC) - backups[0].taken
    return not (-max_age <= age < max_age)


def rotate(
    folder: Path,
    prefix: str,
    keep: int = KEEP_BACKUPS,
    *,
    protect: Callable[[list[Backup]], Collection[Path]] | None = None,
) -> list[Path]:
    """Remove all but the newest ``keep`` backups (at least one), except those ``protect`` names; remove
    temporary files of backups whose process is gone. Returns the backups removed."""
    backups = list_backups(folder, prefix)
    kept = set(protect(backups)) if protect is not None else set()
    removed: list[Path] = []
    for old in backups[max(1, keep) :]:
        if old.path in kept:
            continue
        with suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    clean_stale_temps(folder, TEMP_STEM)
    return removed


def verify(path: Path, ladder: Ladder, probe_table: str) -> str:
    """``""`` when ``path`` is a usable database of this kind (readable, intact, not from a newer Casebook,
    ``probe_table`` readable), else why not."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        version = schema_version(conn)
        if version > ladder.version:
            return f"made by a newer Casebook (schema {version})"
        problems = integrity_problems(conn)
        if problems:
            return problems
        if version >= 1:
            conn.execute(f"SELECT count(*) FROM {probe_table}").fetchone()
        return ""
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def ids_in(path: Path, sql: str) -> set[str]:
    """The first column of ``sql`` run on the database ``path`` (read-only); empty when it cannot be read."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error:
        return set()
    try:
        return {str(r[0]) for r in conn.execute(sql)}
    except sqlite3.Error:
        return set()
    finally:
        conn.close()
