"""What the window calls a batch where several are listed together: its title, and when two batches share
a title (the bundled casebook has two 全面深化服务贸易创新发展试点最佳实践案例), their case counts too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from reader.storage.casebook import BatchSummary


def batch_labels(batches: Sequence[BatchSummary]) -> dict[str, str]:
    """Batch id → its title, or "title · N 例" when another batch has the same title."""
    shared = Counter(b.title for b in batches)
    out: dict[str, str] = {}
    for b in batches:
        if shared[b.title] > 1:
            count = len(b.cases)
            label = QCoreApplication.translate("BatchLabels", "%1 · %n case(s)", "", count)
            out[b.id] = label.replace("%1", b.title)
        else:
            out[b.id] = b.title
    return out
