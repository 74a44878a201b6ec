"""Test helper: a user database with known annotations, and the ways a file gets damaged in the field."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from reader.domain.annotation import Annotation, TextPositionSelector, TextQuoteSelector, new_id
from reader.storage.userdb import UserDB

T0 = dt.datetime(2026, 11, 1, 8, 0, 0, tzinfo=dt.UTC)


def annotation(i: int, **changes) -> Annotation:
    """The i-th test annotation: its note is unique text, so its row can be looked for in a file's bytes."""
    a = Annotation(
        id=new_id(),
        case_id=f"stid-a-{1 + i % 25:02d}",
        kind="highlight",
        color=i % 5,
        note=f"note-{i:05d} 第{i}条笔记 " + "要点" * (i % 7),
        tags=(f"t{i % 3}", "重点") if i % 2 else (),
        quote=TextQuoteSelector(exact=f"引文{i}", prefix="前文", suffix="后文"),
        position=TextPositionSelector(10 * i, 10 * i + 4),
        created="2026-10-01T09:10:11.123Z",
        modified=f"2026-10-{1 + i % 28:02d}T10:11:12.456Z",
    )
    return a.replace(**changes)


def fill(db: UserDB, items: list[Annotation]) -> None:
    with db.transaction():
        for a in items:
            db.add(a)


def zero_page(path: Path, page: int, page_size: int = 4096) -> None:
    with open(path, "r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(b"\0" * page_size)


def truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def garbage_at_start(path: Path, n: int = 100) -> None:
    with open(path, "r+b") as f:
        f.write(os.urandom(n))


DAMAGE = {
    "page 2 zeroed": lambda p: zero_page(p, 2),
    "truncated to half": truncate_half,
    "100 garbage bytes": garbage_at_start,
}


def readable(path: Path, items: list[Annotation]) -> set[str]:
    """The ids whose row is still physically in the file: its unique note text is there, byte for byte (the
    oracle of "every annotation still readable", independent of the salvage code)."""
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    if wal.exists():
        data += wal.read_bytes()
    return {a.id for a in items if a.note.encode("utf-8") in data}


def copy_db(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    for suffix in ("-wal", "-shm"):
        if Path(f"{src}{suffix}").exists():
            shutil.copyfile(f"{src}{suffix}", f"{dst}{suffix}")
