"""``data/sources/manifest.json``: which source files make the bundled casebook, and their batch metadata.

The manifest's id, title, order, publisher and date always win over what the importer detects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from reader.domain.case import Batch
from reader.ingest.errors import IngestError
from reader.ingest.parse import LAYOUTS, ParseResult, parse_document

MANIFEST = "manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class ManifestEntry:
    """One source document as the manifest describes it."""

    id: str
    order: int
    source: str  # file name inside the sources folder
    layout: str | None = None  # "pdf-text", "markdown" or None (detect)
    title: str | None = None
    publisher: str | None = None
    date: str | None = None


def load_manifest(sources_dir: Path) -> list[ManifestEntry]:
    """The manifest's entries in batch order; :class:`IngestError` if it is missing or malformed."""
    path = Path(sources_dir) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise IngestError(f"{path}: manifest not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"{path}: cannot read the manifest ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("batches"), list):
        raise IngestError(f"{path}: not a format {FORMAT} manifest with a list of batches")
    entries = [_entry(raw, path, n) for n, raw in enumerate(data["batches"], start=1)]
    ids = [e.id for e in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise IngestError(f"{path}: duplicate batch ids {', '.join(duplicates)}")
    return sorted(entries, key=lambda e: e.order)


def _entry(raw: Any, path: Path, n: int) -> ManifestEntry:
    if not isinstance(raw, dict):
        raise IngestError(f"{path}: batch {n} is not an object")
    try:
        entry = ManifestEntry(
            id=_text(raw["id"]),
            order=int(raw["order"]),
            source=_text(raw["source"]),
            layout=raw.get("layout"),
            title=raw.get("title"),
            publisher=raw.get("publisher"),
            date=raw.get("date"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise IngestError(f"{path}: batch {n} lacks a valid id, order or source ({exc})") from None
    source = PurePosixPath(entry.source)
    if source.is_absolute() or ".." in source.parts or "\\" in entry.source:
        raise IngestError(f"{path}: batch {entry.id}: source must be a file name inside the folder")
    if entry.layout is not None and entry.layout not in LAYOUTS:
        raise IngestError(f"{path}: batch {entry.id}: unknown layout {entry.layout!r}")
    return entry


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a non-empty string")
    return value.strip()


def parse_sources(sources_dir: Path) -> list[ParseResult]:
    """Every manifest entry parsed, with the manifest's metadata applied, in batch order."""
    results: list[ParseResult] = []
    for entry in load_manifest(sources_dir):
        path = Path(sources_dir) / entry.source
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise IngestError(f"{path}: source file listed in the manifest is missing") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise IngestError(f"{path}: cannot read the source ({exc})") from None
        result = parse_document(
            text, batch_id=entry.id, title=entry.title, source=entry.source, order=entry.order, layout=entry.layout
        )
        result.batch = replace(result.batch, publisher=entry.publisher, date=entry.date)
        results.append(result)
    return results


def load_sources(sources_dir: Path) -> list[Batch]:
    """The batches of every source the manifest lists, in batch order (manifest metadata wins)."""
    return [result.batch for result in parse_sources(sources_dir)]
