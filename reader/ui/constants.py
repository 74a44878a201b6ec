"""Sizes and timings the main window's rooms share, named once."""

from __future__ import annotations

#: How long a status-bar message stays, in milliseconds: a passing note (the new text size)…
STATUS_BRIEF_MS = 1500
#: …a confirmation ("Bookmark added")…
STATUS_CONFIRM_MS = 2000
#: …a short error (a highlight that cannot be made)…
STATUS_ERROR_MS = 4000
#: …a message to read (a comparison's note, a library refresh that failed)…
STATUS_MESSAGE_MS = 5000
#: …and "Exported to PATH", which holds a path to read and find.
STATUS_EXPORTED_MS = 10000

#: The reader's body text size in pixels at 100 % zoom (a comparison's columns use their own, smaller size).
READER_BASE_PX = 17

#: Longest tab title of a reader tab, in characters (the rest is elided; the tool tip has it all).
READER_TAB_TITLE = 16


def elide_title(title: str, limit: int) -> str:
    """``title`` cut to at most ``limit`` characters, the last one an ellipsis when it was cut."""
    return title if len(title) <= limit else title[: limit - 1] + "…"
