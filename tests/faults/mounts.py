"""Test helper: a real full disk (tmpfs) and a real read-only folder (bind mount), as root; skipped otherwise.

CI runs as root, so these run there; on a developer machine without root they skip with the reason.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _need_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root (tmpfs and bind mounts); CI runs as root")


def _mount(*args: str) -> None:
    out = subprocess.run(["mount", *args], capture_output=True, text=True)
    if out.returncode != 0:
        if os.environ.get("CI"):
            raise AssertionError(f"mount {' '.join(args)}: {out.stderr}")
        pytest.skip(f"mount not allowed here: {out.stderr.strip()}")


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextlib.contextmanager
def small_disk(path: Path, size: str = "4m") -> Iterator[Path]:
    """``path`` becomes a tmpfs of ``size``: a disk that can really be filled."""
    _need_root()
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path))
    try:
        yield path
    finally:
        _umount(path)


def fill_up(folder: Path) -> None:
    """Write until the disk is full (ENOSPC): what is left is not enough for one more page."""
    fd = os.open(folder / "filler.bin", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for block in (1 << 16, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * block)
    finally:
        os.close(fd)


@contextlib.contextmanager
def read_only_folder(path: Path) -> Iterator[Path]:
    """``path`` (with what is in it) mounted read-only on itself: writes fail with EROFS, even for root."""
    _need_root()
    _mount("--bind", str(path), str(path))
    try:
        _mount("-o", "remount,ro,bind", str(path))
        yield path
    finally:
        _umount(path)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to prove nothing was changed, moved or added). A ``-shm``
    file's bytes are left out: it is SQLite's shared-memory index, which every reader of a WAL database updates."""
    return {
        str(p.relative_to(folder)): b"" if p.name.endswith("-shm") else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
