"""Source documents → structured batches and cases (no Qt).

``parse_document`` reads one document (a PDF text dump or OCR Markdown); ``load_manifest`` and
``load_sources`` read ``data/sources`` as described by its ``manifest.json``.
"""

from reader.ingest.errors import IngestError
from reader.ingest.manifest import ManifestEntry, load_manifest, load_sources, parse_sources
from reader.ingest.parse import NoCasesError, ParseResult, case_id, parse_document

__all__ = [
    "IngestError",
    "ManifestEntry",
    "NoCasesError",
    "ParseResult",
    "case_id",
    "load_manifest",
    "load_sources",
    "parse_document",
    "parse_sources",
]
