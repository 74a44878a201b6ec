"""Read every annotation still physically present in a damaged user database, row by row.

SQLite cannot open a file whose header is overwritten, and stops a query at the first damaged page. This
module reads the file itself (the documented file format, https://sqlite.org/fileformat2.html): every page
that is a table leaf, overlaid with the newest committed copy of each page in the ``-wal`` file, is parsed
cell by cell; each record shaped like a row of ``annotations`` that makes a valid :class:`Annotation` is
kept, with its tags from the records of ``annotation_tags``. Pages SQLite lists as free (when the header is
readable) are skipped, so deleted annotations do not come back. Where the same id is found twice, the newer
``modified`` wins. A row SQLite itself can still read is taken from SQLite (the same rows, by a second road).

Nothing here writes: the caller merges what is found (``UserDB._salvage``).
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

from reader.domain.annotation import Annotation, AnnotationError, TextPositionSelector, TextQuoteSelector, is_uuid

_KINDS = {"highlight", "case_note", "bookmark"}
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
_TABLE_LEAF, _INDEX_LEAF = 13, 10
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_MAX_FILE = 2 * 1024**3  # a user database this large is not ours to parse in memory


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    """(value, next offset) of the SQLite varint at ``buf[i]``; IndexError past the end."""
    value = 0
    for k in range(8):
        byte = buf[i + k]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i + k + 1
    return (value << 8) | buf[i + 8], i + 9


def _record(payload: bytes) -> list[object] | None:
    """The values of one record, or None when it does not parse."""
    try:
        header_size, i = _varint(payload, 0)
        if header_size > len(payload) or header_size < 1:
            return None
        types = []
        while i < header_size:
            t, i = _varint(payload, i)
            types.append(t)
        pos = header_size
        out: list[object] = []
        for t in types:
            if t == 0:
                out.append(None)
            elif 1 <= t <= 6:
                n = (1, 2, 3, 4, 6, 8)[t - 1]
                out.append(int.from_bytes(payload[pos : pos + n], "big", signed=True))
                pos += n
            elif t == 7:
                out.append(struct.unpack(">d", payload[pos : pos + 8])[0])
                pos += 8
            elif t in (8, 9):
                out.append(t - 8)
            elif t >= 12:
                n = (t - 12) // 2
                raw = payload[pos : pos + n]
                if len(raw) != n:
                    return None
                out.append(raw.decode("utf-8") if t % 2 else raw)
                pos += n
            else:
                return None
            if pos > len(payload):
                return None
        return out
    except (IndexError, UnicodeDecodeError, struct.error):
        return None


class _Pages:
    """The pages of a database file of a given page size, with the newest committed WAL frames on top."""

    def __init__(self, data: bytes, page_size: int, wal: dict[int, bytes]) -> None:
        self.data, self.size, self.wal = data, page_size, wal
        self.count = max(len(data) // page_size, max(wal, default=0))
        reserved = data[20] if len(data) > 20 and data[:16] == b"SQLite format 3\x00" else 0
        self.usable = page_size - reserved

    def page(self, number: int) -> bytes:
        if number in self.wal:
            return self.wal[number]
        start = (number - 1) * self.size
        return self.data[start : start + self.size]

    def free_pages(self) -> set[int]:
        """The freelist (trunk and leaf pages), when page 1's header can be trusted; else empty."""
        first = self.page(1)
        if first[:16] != b"SQLite format 3\x00":
            return set()
        free: set[int] = set()
        trunk = int.from_bytes(first[32:36], "big")
        while 0 < trunk <= self.count and trunk not in free:
            free.add(trunk)
            page = self.page(trunk)
            n = int.from_bytes(page[4:8], "big")
            for k in range(min(n, (self.usable - 8) // 4)):
                free.add(int.from_bytes(page[8 + 4 * k : 12 + 4 * k], "big"))
            trunk = int.from_bytes(page[0:4], "big")
        return free

    def payload(self, page: bytes, at: int, size: int, leaf_kind: int) -> bytes:
        """The whole payload of a cell whose local part starts at ``page[at]`` (following overflow pages)."""
        u = self.usable
        x = u - 35 if leaf_kind == _TABLE_LEAF else ((u - 12) * 64 // 255) - 23
        if size <= x:
            return page[at : at + size]
        m = ((u - 12) * 32 // 255) - 23
        k = m + ((size - m) % (u - 4))
        local = k if k <= x else m
        out = bytearray(page[at : at + local])
        nxt = int.from_bytes(page[at + local : at + local + 4], "big")
        seen: set[int] = set()
        while len(out) < size and 0 < nxt <= self.count and nxt not in seen:
            seen.add(nxt)
            over = self.page(nxt)
            out += over[4 : 4 + min(u - 4, size - len(out))]
            nxt = int.from_bytes(over[0:4], "big")
        return bytes(out)

    def leaf_cells(self, skip: set[int]) -> Iterator[tuple[int, int | None, list[object]]]:
        """``(leaf kind, rowid or None, record values)`` for every cell of every leaf page not in ``skip``."""
        for number in range(1, self.count + 1):
            if number in skip:
                continue
            page = self.page(number)
            base = 100 if number == 1 else 0
            if len(page) < base + 8 or page[base] not in (_TABLE_LEAF, _INDEX_LEAF):
                continue
            kind = page[base]
            cells = int.from_bytes(page[base + 3 : base + 5], "big")
            for c in range(min(cells, (len(page) - base - 8) // 2)):
                ptr = int.from_bytes(page[base + 8 + 2 * c : base + 10 + 2 * c], "big")
                if not base + 8 <= ptr < len(page):
                    continue
                try:
                    size, i = _varint(page, ptr)
                    rowid = None
                    if kind == _TABLE_LEAF:
                        rowid, i = _varint(page, i)
                    if size > 64 * 1024 * 1024:
                        continue
                    values = _record(self.payload(page, i, size, kind))
                except IndexError:
                    continue
                if values is not None:
                    yield kind, rowid, values


def _wal_pages(path: Path, page_size_hint: int | None) -> tuple[dict[int, bytes], int | None]:
    """The newest committed copy of each page in the WAL file beside ``path`` (none when absent or unreadable),
    and the WAL's page size."""
    wal = Path(f"{path}-wal")
    try:
        data = wal.read_bytes() if wal.is_file() and wal.stat().st_size <= _MAX_FILE else b""
    except OSError:
        return {}, None
    if len(data) < 32 or int.from_bytes(data[0:4], "big") not in _WAL_MAGIC:
        return {}, None
    size = int.from_bytes(data[8:12], "big")
    if size not in _PAGE_SIZES:
        size = page_size_hint or 4096
    salts = data[16:24]
    pending: dict[int, bytes] = {}
    committed: dict[int, bytes] = {}
    at = 32
    while at + 24 + size <= len(data):
        header = data[at : at + 24]
        if header[8:16] != salts:
            break  # a frame of an older WAL generation: the log ends here
        number = int.from_bytes(header[0:4], "big")
        pending[number] = data[at + 24 : at + 24 + size]
        if int.from_bytes(header[4:8], "big"):  # a commit frame: everything up to here was acknowledged
            committed.update(pending)
            pending.clear()
        at += 24 + size
    return committed, size


def _annotation(rowid: int | None, v: list[object]) -> Annotation | None:
    if len(v) != 14 or v[3] not in _KINDS or not is_uuid(v[1]):
        return None
    try:
        quote = TextQuoteSelector(v[6], v[7], v[8]) if v[6] is not None else None  # type: ignore[arg-type]
        position = TextPositionSelector(v[9], v[10]) if v[9] is not None else None  # type: ignore[arg-type]
        return Annotation(
            id=v[1],  # type: ignore[arg-type]
            case_id=v[2],  # type: ignore[arg-type]
            kind=v[3],  # type: ignore[arg-type]
            color=v[4],  # type: ignore[arg-type]
            note=v[5] if v[5] is not None else "",  # type: ignore[arg-type]
            quote=quote,
            position=position,
            created=v[11],  # type: ignore[arg-type]
            modified=v[12],  # type: ignore[arg-type]
            orphaned=bool(v[13]),
        )
    except (AnnotationError, TypeError, ValueError):
        return None


def scan_annotations(path: Path) -> dict[str, Annotation]:
    """Every annotation found in the pages of ``path`` (and its WAL), by id, tags included."""
    data = Path(path).read_bytes() if Path(path).stat().st_size <= _MAX_FILE else b""
    header_ok = data[:16] == b"SQLite format 3\x00"
    hint = None
    if header_ok:
        raw = int.from_bytes(data[16:18], "big")
        hint = 65536 if raw == 1 else raw
    wal, wal_size = _wal_pages(Path(path), hint)
    sizes = [s for s in (hint, wal_size) if s in _PAGE_SIZES] or list(_PAGE_SIZES)
    best: dict[str, Annotation] = {}
    for size in dict.fromkeys(sizes):  # a damaged header: the page size that finds most wins
        found = _scan(_Pages(data, size, wal if size == wal_size or wal_size is None else {}))
        if len(found) > len(best):
            best = found
    return best


def _scan(pages: _Pages) -> dict[str, Annotation]:
    found: dict[str, Annotation] = {}
    tags: dict[str, list[tuple[int, str]]] = {}
    for kind, rowid, values in pages.leaf_cells(pages.free_pages()):
        if kind == _TABLE_LEAF:
            a = _annotation(rowid, values)
            if a is not None and (a.id not in found or a.modified > found[a.id].modified):
                found[a.id] = a
        elif len(values) == 3 and is_uuid(values[0]) and isinstance(values[1], str) and isinstance(values[2], int):
            tags.setdefault(values[0], []).append((values[2], values[1]))  # type: ignore[arg-type]
        elif len(values) == 2 and isinstance(values[0], str) and is_uuid(values[1]):
            # the tag index (tag, annotation id): a second copy of each tag, without its place in the list
            tags.setdefault(values[1], []).append((1 << 30, values[0]))  # type: ignore[arg-type]
    for aid, a in found.items():
        if aid in tags:
            placed: dict[str, int] = {}
            for position, tag in tags[aid]:
                placed[tag] = min(position, placed.get(tag, position))
            ordered = tuple(sorted(placed, key=lambda t: (placed[t], t)))
            with suppress(AnnotationError, ValueError):
                found[aid] = a.replace(tags=ordered)
    return found


def query_annotations(path: Path, columns: str, from_row) -> dict[str, Annotation]:  # type: ignore[no-untyped-def]
    """The annotations SQLite itself can still read from ``path`` (a copy is queried, row by row, until
    the first error)."""
    import shutil
    import tempfile

    found: dict[str, Annotation] = {}
    with tempfile.TemporaryDirectory(prefix="casebook-salvage-") as tmp:
        copy = Path(tmp) / "salvage.db"
        try:
            shutil.copyfile(path, copy)
            if Path(f"{path}-wal").exists():
                shutil.copyfile(f"{path}-wal", f"{copy}-wal")
            conn = sqlite3.connect(copy, isolation_level=None)
        except (OSError, sqlite3.Error):
            return found
        try:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(f"SELECT {columns} FROM annotations a ORDER BY a.n")
            while True:
                try:
                    row = rows.fetchone()
                except sqlite3.Error:
                    break
                if row is None:
                    break
                with suppress(AnnotationError, ValueError, TypeError, IndexError):
                    a = from_row(row)
                    found[a.id] = a
        except sqlite3.Error:
            pass
        finally:
            conn.close()
    return found
