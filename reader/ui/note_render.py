"""Render a note's Markdown to safe HTML: raw HTML is shown as text, images and scripts never load."""

from __future__ import annotations

import re

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def note_html(text: str) -> str:
    """HTML for ``text`` (Markdown). ``<``/``&`` in the source are escaped first, so typed HTML stays text;
    images (which could point at a remote server) become their alt text; links are kept as text styling."""
    import markdown

    source = text.replace("&", "&amp;").replace("<", "&lt;")
    html = markdown.markdown(source, extensions=["sane_lists"], output_format="html")
    return _IMG.sub(lambda m: _alt(m.group(0)), html)


def _alt(tag: str) -> str:
    m = re.search(r'alt="([^"]*)"', tag)
    return f"[{m.group(1)}]" if m and m.group(1) else "[image]"
