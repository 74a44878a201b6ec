"""The one rule for a note leaving the app as Markdown: text, never something a viewer loads or runs.

A note is the user's Markdown. In an exported ``.md`` file it must stay inert in any viewer (GitHub, VS Code,
Typora, a browser extension): the same rule as the HTML and PDF exports (:mod:`reader.export.notes`):

* an image ``![alt](address)`` (or ``![alt][ref]``) becomes its alt text in brackets, ``\\[alt\\]`` (``[图片]``
  when it has none): nothing is fetched, not even from ``file:`` or ``data:``;
* a link ``[text](address)`` becomes its text followed by the address as code, ``text (`address`)``: nothing
  to click, whatever the scheme (``javascript:``, ``data:``, ``file:``, ``http:``);
* a reference definition ``[ref]: address`` is escaped, so ``[text][ref]`` stays the characters typed;
* ``<`` opening a tag is written ``&lt;``: typed HTML (``<img>``, ``<script>``, ``<a>``, autolinks) is text.
"""

from __future__ import annotations

import re

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_IMAGE = re.compile(r"(?<!\\)!\[([^\]\n]*)\](?:\(\s*(?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])?")
_LINK = re.compile(
    r"(?<!\\)\[([^\]\n]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)
_REF_DEFINITION = re.compile(r"^( {0,3})\[([^\]\n]+)\]:", re.MULTILINE)


def _code(text: str) -> str:
    """``text`` as an inline code span (backticks inside are matched by a longer fence)."""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def inert_markdown(text: str, *, image_label: str = "图片") -> str:
    """``text`` (a note's Markdown) with images, links, reference definitions and HTML made plain text."""

    def image(m: re.Match[str]) -> str:
        alt = m[1].strip() or image_label
        return "\\[" + alt.replace("[", "\\[").replace("]", "\\]") + "\\]"

    def link(m: re.Match[str]) -> str:
        label, address = m[1], m[2].strip()
        return f"{label} ({_code(address)})" if address and address != label else label

    out = _TAG_START.sub("&lt;", text)
    out = _IMAGE.sub(image, out)
    out = _LINK.sub(link, out)
    return _REF_DEFINITION.sub(lambda m: f"{m[1]}\\[{m[2]}]:", out)
