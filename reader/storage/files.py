"""Files that must survive a crash, a full disk and a second process: the one place that writes them.

* :func:`atomic_write`: a file is written all or nothing (temporary file in the same folder, fsync, rename,
  fsync of the folder).
* :func:`temp_path` names a temporary file after the process that owns it (``.<stem>.<pid>.<random>.tmp``);
  :func:`clean_stale_temps` removes only those whose process is gone (or that are a day old), so two
  instances backing up at once never delete each other's work in progress.
* :func:`move_aside`: a damaged database is renamed, never deleted, and its ``-wal``, ``-shm`` and ``-journal``
  files go with it (the WAL may hold the newest commits: the copy must stay a consistent whole).
* :func:`probe_writable` tells a read-only folder from a full disk before anything is changed.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from reader.storage.db import DiskFullError, ReadOnlyError, translate

#: The files SQLite keeps beside a database; they belong to it and move with it.
COMPANIONS = ("-wal", "-shm", "-journal")

#: A temporary file whose process still runs is never removed; one this old is, whoever made it.
STALE_AFTER = _dt.timedelta(days=1)

_TEMP_RE = re.compile(r"\.(?P<stem>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp(?:-journal|-wal|-shm)?")


def utc_stamp(now: _dt.datetime | None = None) -> str:
    """``YYYYmmdd-HHMMSS`` in UTC: the time part of every name this module makes."""
    return (now or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC).strftime("%Y%m%d-%H%M%S")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (no-op where folders cannot be fsynced)."""
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; NTFS journals renames
        return
    with suppress(OSError):
        fsync_file(path)


def is_disk_full(exc: BaseException) -> bool:
    """True for ``ENOSPC``/``EDQUOT`` and SQLite's ``SQLITE_FULL``: the machine's trouble, not damage."""
    if isinstance(exc, DiskFullError):
        return True
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return "disk is full" in str(exc).lower() or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL"


def temp_path(folder: Path, stem: str) -> Path:
    """A new, unused temporary name in ``folder`` owned by this process (see :func:`clean_stale_temps`)."""
    return Path(folder) / f".{stem}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def clean_stale_temps(folder: Path, stem: str, *, now: float | None = None) -> list[Path]:
    """Remove temporary files named by :func:`temp_path` for ``stem`` whose process is gone or that are older
    than :data:`STALE_AFTER` (with their ``-journal``/``-wal``/``-shm``); return what was removed."""
    removed: list[Path] = []
    moment = time.time() if now is None else now
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP_RE.fullmatch(entry.name)
        if not m or m["stem"] != stem:
            continue
        try:
            age = moment - entry.stat().st_mtime
        except OSError:
            continue
        if _alive(int(m["pid"])) and age < STALE_AFTER.total_seconds():
            continue
        with suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


@contextmanager
def temp_file(folder: Path, stem: str) -> Iterator[Path]:
    """A :func:`temp_path` removed (with its SQLite companions) when the block fails; on success the block
    has renamed it into place."""
    tmp = temp_path(folder, stem)
    try:
        yield tmp
    except BaseException:
        for name in (tmp, *(Path(f"{tmp}{s}") for s in COMPANIONS)):
            with suppress(OSError):
                name.unlink()
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all or nothing (temporary file in the same folder, fsync, rename).

    Raises :class:`ReadOnlyError`, :class:`DiskFullError` or :class:`StorageError`; ``path`` is then
    unchanged and the temporary file removed.
    """
    path = Path(path)
    try:
        with temp_file(path.parent, path.name) as tmp:
            with open(tmp, "xb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            if os.name != "nt":
                os.chmod(tmp, (path.stat().st_mode & 0o777) if path.exists() else 0o644)
            os.replace(tmp, path)
            fsync_dir(path.parent)
    except OSError as exc:
        raise translate(exc, path) from exc


def free_name(path: Path) -> Path:
    """``path``, or ``path-1``, ``path-2``… whichever does not exist yet (nor its ``-wal``)."""
    candidate, i = path, 0
    while candidate.exists() or Path(f"{candidate}-wal").exists():
        i += 1
        candidate = path.with_name(f"{path.name}-{i}")
    return candidate


def move_aside(path: Path, label: str, *, now: _dt.datetime | None = None) -> tuple[tuple[Path, Path], ...]:
    """Rename the database ``path`` to ``<name>.<label>-<UTC stamp>`` beside it, with its ``-wal``/``-shm``/
    ``-journal`` files, never deleting anything; return ``(old, new)`` for each file moved (the database first).

    Raises :class:`StorageError` (e.g. :class:`ReadOnlyError`) when the rename is impossible; what moved stays
    moved together with the database.
    """
    path = Path(path)
    target = free_name(path.with_name(f"{path.name}.{label}-{utc_stamp(now)}"))
    moved: list[tuple[Path, Path]] = []
    try:
        os.replace(path, target)
        moved.append((path, target))
        for suffix in COMPANIONS:
            companion = Path(f"{path}{suffix}")
            if companion.exists():
                os.replace(companion, Path(f"{target}{suffix}"))
                moved.append((companion, Path(f"{target}{suffix}")))
        fsync_dir(path.parent)
    except OSError as exc:
        raise translate(exc, path) from exc
    return tuple(moved)


def probe_writable(folder: Path, *, what: str = "user data") -> None:
    """Raise :class:`ReadOnlyError` or :class:`DiskFullError` unless a file can be created and written in
    ``folder`` (made if missing); nothing is left behind."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = temp_path(folder, "write-test")
        try:
            with open(probe, "xb") as f:
                f.write(b"\0" * 4096)  # a full disk refuses data, not always an empty file
                f.flush()
                os.fsync(f.fileno())
        finally:
            with suppress(OSError):
                probe.unlink()
    except OSError as exc:
        err = translate(exc, folder)
        if isinstance(err, ReadOnlyError):
            raise ReadOnlyError(f"the folder for {what} is not writable: {folder}", path=folder) from exc
        if isinstance(err, DiskFullError):
            raise DiskFullError(f"the disk is full: {folder}", path=folder) from exc
        raise err from exc
