"""Test helper: make a file or folder unwritable even for root (CI runs as root, who ignores mode bits)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path


def make_immutable(target: Path) -> bool:
    """Make ``target`` unwritable (``chattr +i`` as root, mode bits otherwise); False when impossible here."""
    if os.geteuid() != 0:
        target.chmod(0o555 if target.is_dir() else 0o444)
        return True
    try:
        subprocess.run(["chattr", "+i", str(target)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def undo_immutable(target: Path) -> None:
    if os.geteuid() != 0:
        target.chmod(0o755 if target.is_dir() else 0o644)
    else:
        subprocess.run(["chattr", "-i", str(target)], check=False, capture_output=True)


@contextlib.contextmanager
def read_only(target: Path) -> Iterator[None]:
    """``target`` is unwritable inside the block; the test fails (never skips) if that cannot be arranged."""
    if not make_immutable(target):
        raise AssertionError(f"cannot make {target} read-only here (root needs chattr, from e2fsprogs)")
    try:
        yield
    finally:
        undo_immutable(target)
