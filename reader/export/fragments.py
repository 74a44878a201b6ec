"""Walking a ``QTextDocument``'s text fragments (runs of one character format): anchors, sizes, colours."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QTextBlock, QTextDocument, QTextFragment


def block_fragments(block: QTextBlock) -> Iterator[QTextFragment]:
    """The valid fragments of ``block``, in order."""
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.isValid():
            yield frag
        it += 1


def document_fragments(doc: QTextDocument) -> Iterator[tuple[QTextBlock, QTextFragment]]:
    """Every valid fragment of ``doc`` with its block, in document order."""
    block = doc.begin()
    while block.isValid():
        for frag in block_fragments(block):
            yield block, frag
        block = block.next()
