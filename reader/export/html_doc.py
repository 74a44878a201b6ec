"""Single-file HTML export: cover, linked contents, the cases (or the notes-only digest), all in one file.

The same fragments as the PDF (:mod:`reader.export.annotated`) with the style sheet inline, so the file
opens anywhere and prints with each case on a new page. Nothing outside the file is referenced: no
style sheet, font, script or image; notes never contribute markup of their own (:mod:`reader.export.notes`).
Font families are named, not embedded; Chinese shows with whatever CJK font the reader's system has.
Qt-free.
"""

from __future__ import annotations

import re
from html import escape

from reader import __version__
from reader.export.annotated import annotated_case_html, cover_html, digest_case_html, extra_style
from reader.export.bundle import ExportJob, Progress, place
from reader.export.html import LIGHT, outline, style_sheet

BASE_PX = 17
FONT_STACK = (
    '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"Hiragino Sans GB", sans-serif'
)
_ANCHOR = re.compile(r'<a name="([^"]+)"></a>')


def _page_css() -> str:
    return f"""
html {{ background: #ffffff; }}
body {{ max-width: 48em; margin: 2em auto; padding: 0 1.5em; font-family: {FONT_STACK}; }}
code, pre {{ font-family: "WenQuanYi Micro Hei Mono", "Noto Sans Mono CJK SC", monospace; }}
header.cover {{ margin: 3em 0 2em 0; }}
h1.cover {{ font-size: {BASE_PX * 2}px; color: {LIGHT.heading}; }}
p.cover-sub, p.gen {{ text-indent: 0px; color: {LIGHT.muted}; }}
td.k {{ color: {LIGHT.muted}; vertical-align: top; padding-right: 1em; }}
nav.toc {{ margin-bottom: 2em; }}
nav.toc ol {{ padding-left: 0; list-style: none; }}
nav.toc li {{ margin: 0.2em 0; }}
nav.toc li.l1 {{ margin-left: 2em; font-size: 0.9em; }}
nav.toc li.batch {{ margin-top: 1em; font-weight: bold; color: {LIGHT.heading}; }}
nav.toc a {{ color: inherit; text-decoration: none; }}
article.case {{ border-top: 1px solid #d0d4da; margin-top: 3em; padding-top: 1em; }}
table.note {{ width: calc(100% - {BASE_PX * 2}px); border-collapse: collapse; }}
td.stripe {{ width: 4px; padding: 0; }}
hr {{ border: none; border-top: 1px solid #d0d4da; }}
@media print {{
  body {{ max-width: none; margin: 0; }}
  header.cover, nav.toc {{ break-after: page; }}
  article.case {{ break-before: page; border-top: none; margin-top: 0; }}
  table.note {{ break-inside: avoid; }}
}}
"""


def _toc_html(job: ExportJob) -> str:
    items = []
    grouped = len({e.batch_title for e in job.entries}) > 1
    batch = None
    show_sections = not job.notes_only and len(job.entries) <= 5
    for i, entry in enumerate(job.entries):
        if job.notes_only and not entry.annotations:
            continue
        if grouped and entry.batch_title != batch:
            batch = entry.batch_title
            items.append(f'<li class="batch">{escape(batch)}</li>')
        items.append(f'<li class="l0"><a href="#c{i}-top">{escape(entry.case.display_title)}</a></li>')
        if show_sections:
            items += (
                f'<li class="l1"><a href="#c{i}-{name}">{escape(heading)}</a></li>'
                for name, heading, level in outline(entry.case)
                if level == 1
            )
    return f'<nav class="toc"><h2>{escape(job.label("contents"))}</h2><ol>{"".join(items)}</ol></nav>'


def html_document(job: ExportJob, progress: Progress | None = None) -> str:
    """The whole export as one HTML document (UTF-8, inline CSS, no external reference)."""
    progress = progress or Progress()
    progress.start(len(job.entries))
    css = style_sheet(LIGHT, base_px=BASE_PX) + extra_style(base_px=BASE_PX) + _page_css()
    articles = []
    for i, entry in enumerate(job.entries):
        if job.notes_only:
            fragment = digest_case_html(entry, job, anchor="top") if entry.annotations else ""
        else:
            fragment = annotated_case_html(entry, job, place(entry.case, entry.annotations))
        if fragment:
            fragment = _ANCHOR.sub(lambda m, i=i: f'<a id="c{i}-{m.group(1)}"></a>', fragment)
            articles.append(f'<article class="case" id="case-{i}">{fragment}</article>')
        progress.step()
    if not articles:
        articles.append(f'<p class="nsection">{escape(job.label("no_annotations"))}</p>')
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{escape(job.label("generator", version=__version__))}">\n'
        f"<title>{escape(job.title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<header class="cover">{cover_html(job)}</header>\n'
        f"{_toc_html(job)}\n" + "\n".join(articles) + "\n</body>\n</html>\n"
    )
