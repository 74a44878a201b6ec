"""The last session's tabs, as stored in the settings (``session/tabs``, one string per tab).

A reader tab is ``"CASE_ID|SCROLL"`` (the scroll offset in the case's plain text); a comparison is
``"compare|JSON"`` with the state :meth:`reader.ui.compare_view.CompareView.state` returns. Decoding never
fails: an entry that cannot be read is dropped (a comparison), or opens at the top (a scroll offset).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

COMPARE = "compare"


@dataclass(frozen=True)
class ReaderEntry:
    case_id: str
    scroll: int = 0


@dataclass(frozen=True)
class CompareEntry:
    state: dict[str, Any]


Entry = ReaderEntry | CompareEntry


def encode(entries: Iterable[Entry]) -> list[str]:
    out = []
    for entry in entries:
        if isinstance(entry, CompareEntry):
            out.append(f"{COMPARE}|" + json.dumps(entry.state, ensure_ascii=False))
        else:
            out.append(f"{entry.case_id}|{entry.scroll}")
    return out


def decode(values: Sequence[object]) -> list[Entry]:
    entries: list[Entry] = []
    for value in values:
        head, _, rest = str(value).partition("|")
        if head == COMPARE:
            try:
                state = json.loads(rest)
            except ValueError:
                continue
            if isinstance(state, dict):
                entries.append(CompareEntry(state))
        elif head:
            entries.append(ReaderEntry(head, int(rest) if rest.isascii() and rest.isdigit() else 0))
    return entries
