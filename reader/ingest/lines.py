"""From raw document text to clean source lines: line ends, BOM, page marks and junk removed.

Nothing here joins lines; that is the job of :mod:`reader.ingest.reflow`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.ingest.messages import Message
from reader.ingest.patterns import display_width, is_junk, is_page_mark

_MD_HEADING_RE = re.compile(r"^#{1,6}\s")
_MD_BOLD_RE = re.compile(r"\*\*[^*\n]+\*\*")
#: Whitespace that may pad a line: ASCII blanks, NBSP, ideographic space, zero-width characters.
_PAD = " \t\u00a0\u3000\u200b\u200c\u200d\ufeff"
#: Punctuation that can only close a line; a line of nothing else is glued to the line before.
_TRAILING_PUNCT = frozenset("。，、；：！？）」』”’》〉】…,.;:!?)%％‰℃")


@dataclass(frozen=True)
class Line:
    """One non-empty source line, stripped of padding."""

    no: int  # 1-based line number in the source
    text: str
    trailing_space: bool = False  # the source line ended with padding (a paragraph mark in some dumps)

    @property
    def width(self) -> float:
        return display_width(self.text)


def split_lines(text: str) -> list[str]:
    """``text`` as a list of lines, whatever its line ends (LF, CRLF, CR) and with any BOM removed."""
    text = text.replace("\ufeff", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return text.split("\n")


def clean_lines(raw_lines: list[str], warnings: list[Message]) -> list[Line]:
    """The non-empty lines that carry document text, stripped; page marks and junk lines dropped.

    Junk lines (URLs, images, lines of symbols) are reported in ``warnings``; page marks are dropped silently;
    a line of closing punctuation only (``。``) is appended to the line before it.
    """
    out: list[Line] = []
    for no, raw in enumerate(raw_lines, start=1):
        text = raw.strip(_PAD)
        if not text or is_page_mark(text):
            continue
        if out and all(ch in _TRAILING_PUNCT for ch in text):
            # "。" or "）。" pushed onto a line of its own: it belongs at the end of the line before.
            prev = out[-1]
            out[-1] = Line(prev.no, prev.text + text, raw != raw.rstrip(_PAD))
            continue
        if is_junk(text):
            warnings.append(Message("dropped-line", line=no, text=_preview(text)))
            continue
        trailing = raw != raw.rstrip(_PAD)
        out.append(Line(no, text, trailing))
    return out


#: A line wider than this (half-width units) is no printed line: a whole paragraph on one line.
LONG_LINE = 100.0
#: ... and when at least this share of the lines is that wide, the text has one paragraph per line.
LONG_SHARE = 0.15


def detect_layout(lines: list[Line]) -> str:
    """``"markdown"`` when the text uses Markdown headings or bold markers; else ``"paragraphs"`` when many
    lines are far wider than a printed line (one paragraph per line: Word documents, text saved from Word);
    else ``"pdf-text"``."""
    headings = sum(1 for line in lines if _MD_HEADING_RE.match(line.text))
    bold = sum(1 for line in lines if _MD_BOLD_RE.search(line.text))
    if headings >= 3 or (headings + bold) >= max(5, len(lines) // 20):
        return "markdown"
    long = sum(1 for line in lines if line.width > LONG_LINE)
    if lines and long >= LONG_SHARE * len(lines):
        return "paragraphs"
    return "pdf-text"


def _preview(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
