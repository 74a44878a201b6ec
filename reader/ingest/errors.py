"""Errors raised by the importer."""

from __future__ import annotations


class IngestError(ValueError):
    """A document that cannot be turned into cases (empty, no recognisable case, unreadable manifest...).

    The message is always one human-readable line, suitable for showing to the user as is.
    """
