"""A note's Markdown made safe for export: formatted HTML without raw HTML, scripts, links or images.

Notes are the user's Markdown (the ``markdown`` package renders them). What a note may contain is text:
typed HTML (``<script>``, ``<img src=…>``, ``<iframe>``) is shown as the characters typed, never
interpreted; Markdown images become their alt text in brackets and links become their text followed by
the address in parentheses, so an exported file never loads or points at anything outside itself.
Headings inside a note are rendered as bold paragraphs (a note is not a document of its own).

:func:`note_html` is used by the PDF and HTML exports, :func:`note_markdown` by the Markdown export.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor

#: Attributes kept on the HTML the renderer produces (everything else is dropped).
_KEEP_ATTRIBUTES = {"ol": {"start"}}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Sanitise(Treeprocessor):
    """Images to bracketed alt text, links to text (address), headings to bold paragraphs, attributes dropped."""

    def __init__(self, md: markdown.Markdown, *, image_label: str) -> None:
        super().__init__(md)
        self.image_label = image_label

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    alt = (child.get("alt") or "").strip()
                    _replace_with_text(parent, child, f"[{alt or self.image_label}]")
        for el in root.iter():
            if el.tag == "a":
                href = (el.get("href") or "").strip()
                el.tag = "span"
                text = "".join(el.itertext()).strip()
                if href and href != text and not href.startswith("#"):
                    tail = ET.SubElement(el, "span")
                    tail.text = f" ({href})"
            elif el.tag in _HEADINGS:
                el.tag = "p"
                strong = ET.Element("strong")
                strong.text, el.text = el.text, None
                for child in list(el):
                    el.remove(child)
                    strong.append(child)
                el.append(strong)
            keep = _KEEP_ATTRIBUTES.get(el.tag, set())
            for name in [n for n in el.attrib if n not in keep]:
                del el.attrib[name]


def _replace_with_text(parent: ET.Element, child: ET.Element, text: str) -> None:
    """Replace ``child`` by ``text`` (joined to the preceding text), keeping the child's tail."""
    children = list(parent)
    i = children.index(child)
    joined = text + (child.tail or "")
    if i == 0:
        parent.text = (parent.text or "") + joined
    else:
        prev = children[i - 1]
        prev.tail = (prev.tail or "") + joined
    parent.remove(child)


_local = threading.local()


def _renderer(image_label: str) -> markdown.Markdown:
    """A Markdown instance for this thread (instances are not thread-safe) with raw HTML switched off."""
    cache = getattr(_local, "renderers", None)
    if cache is None:
        cache = _local.renderers = {}
    md = cache.get(image_label)
    if md is None:
        md = markdown.Markdown(extensions=["sane_lists", "nl2br", "fenced_code"], output_format="html")
        md.preprocessors.deregister("html_block")  # raw HTML blocks become paragraphs of text
        md.inlinePatterns.deregister("html")  # inline tags become text (escaped on output)
        md.treeprocessors.register(_Sanitise(md, image_label=image_label), "casebook_sanitise", 15)
        cache[image_label] = md
    return md


def note_html(text: str, *, image_label: str = "图片") -> str:
    """The note rendered as an HTML fragment (``<p>``, lists, emphasis, code, quotes; no tag from the note
    itself, no image, no link). Empty for a blank note."""
    if not text.strip():
        return ""
    md = _renderer(image_label)
    try:
        return md.reset().convert(text)
    finally:
        md.reset()


def note_markdown(text: str, *, image_label: str = "图片") -> str:
    """The note as Markdown that no viewer turns into HTML, an image or a link: the one rule of
    :func:`reader.domain.note_text.inert_markdown` (images as their alt text, links as text and address)."""
    from reader.domain.note_text import inert_markdown

    return inert_markdown(text, image_label=image_label)
