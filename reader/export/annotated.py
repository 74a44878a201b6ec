"""HTML of exported cases with their annotations, in the rich-text subset both ``QTextDocument`` and browsers show.

The case itself is :func:`reader.export.html.case_body_html`, unchanged: the annotations are *inserted* into
it. The rendered text of that HTML holds every segment verbatim (the renderer's contract), so a
:class:`~reader.domain.textmap.TextMap` over it turns the annotations' plain-text offsets into places in the
HTML string (:func:`project` keeps, for every rendered character, where it is in the markup). Inserted are:

* highlight colours: ``<span style="background-color:…">`` around each run of text between two tags
  (a highlight crossing a ``<b>`` label is cut in two, so the markup stays well nested); anchored bookmarks
  and notes are underlined; where highlights overlap the later one wins;
* the note number ``<sup>[n]</sup>`` right after the passage of every annotation with a note, tags or a
  bookmark, and the note itself (``[n]``, the note rendered from Markdown, the tags) right after the
  paragraph or heading that passage ends in;
* the notes about the whole case after its header, and annotations whose passage is gone at the end.

The notes-only digest (:func:`digest_case_html`) lists each case's quotes, notes and tags instead.
Qt-free.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html import escape, unescape

from reader import __version__ as version
from reader.domain.annotation import CASE_NOTE, HIGHLIGHT
from reader.domain.text import Field, case_segments
from reader.domain.textmap import TextMap
from reader.export.bundle import (
    HIGHLIGHT_COLOURS,
    NEUTRAL_STRIPE,
    STRIPE_COLOURS,
    CaseEntry,
    ExportJob,
    Placed,
    place,
)
from reader.export.html import case_body_html
from reader.export.key_figures import KEEP_WITH_NEXT as _KEEP_WITH_NEXT
from reader.export.key_figures import card_html, card_index, card_of, card_style
from reader.export.notes import note_html

_TOKENS = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|&")
_BLOCK_END = re.compile(r"</(?:p|h1|h2|h3)>")
_CONTRIB_END = re.compile(r'<p class="contrib">.*?</p>', re.DOTALL)
_H1_END = re.compile(r"</h1>")

NOTE_BG = "#f6f6f3"
MUTED = "#5a6270"


def project(html: str) -> tuple[str, list[int], list[int]]:
    """The text ``html`` renders (tags dropped, entities decoded) and, for each of its characters, where it
    starts and ends in ``html``."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKENS.finditer(html):
        token = m.group()
        if token[0] == "<":
            continue
        if token[0] == "&" and len(token) > 1:
            decoded = unescape(token)
            if len(decoded) == 1:
                chars.append(decoded)
                starts.append(m.start())
                ends.append(m.end())
                continue
        chars.extend(token)
        starts.extend(range(m.start(), m.end()))
        ends.extend(range(m.start() + 1, m.end() + 1))
    return "".join(chars), starts, ends


def stripe_colour(p: Placed) -> str:
    a = p.annotation
    return STRIPE_COLOURS[a.color % len(STRIPE_COLOURS)] if a.color is not None else NEUTRAL_STRIPE


def _tags_html(job: ExportJob, tags: tuple[str, ...]) -> str:
    if not tags:
        return ""
    return f'<p class="tags">{escape(job.label("tags"))}：' + "、".join(f"#{escape(t)}" for t in tags) + "</p>"


def _quote_html(p: Placed) -> str:
    a = p.annotation
    assert a.quote is not None
    text = "<br>".join(escape(line) for line in a.quote.exact.split("\n"))
    if a.kind == HIGHLIGHT and a.color is not None:
        colour = HIGHLIGHT_COLOURS[a.color % len(HIGHLIGHT_COLOURS)]
        return f'<p class="quote"><span style="background-color:{colour}">{text}</span></p>'
    return f'<p class="quote"><u>{text}</u></p>'


def note_block(p: Placed, job: ExportJob, *, quote: bool = False, context: str = "", kind: bool = True) -> str:
    """One annotation as a box: a stripe in its colour, then ``[n]`` and its kind (unless ``kind`` is false or
    it is a highlight), the quote (when asked), the note rendered from Markdown, and the tags."""
    a = p.annotation
    stripe = stripe_colour(p)
    head = []
    if p.number is not None:
        head.append(f'<b><span style="color:{stripe}">[{p.number}]</span></b>')
    if kind and a.kind != HIGHLIGHT:
        head.append(f'<span class="kind">{escape(job.label(a.kind))}</span>')
    if context:
        head.append(f'<span class="context">{escape(context)}</span>')
    parts = []
    if quote and a.quote is not None:
        parts.append(_quote_html(p))
    note = note_html(a.note, image_label=job.label("image"))
    if head:
        lead = " ".join(head)
        if not quote and note.startswith("<p>"):
            note = f"<p>{lead} " + note[3:]
        else:
            parts.insert(0, f'<p class="nhead">{lead}</p>')
    parts.append(note)
    parts.append(_tags_html(job, a.tags))
    inner = "".join(x for x in parts if x)
    return (
        '<table class="note" width="100%" cellspacing="0" cellpadding="0">'
        f'<tr><td class="stripe" width="3" bgcolor="{stripe}"></td>'
        f'<td class="nbody" bgcolor="{NOTE_BG}">{inner}</td></tr></table>'
    )


def _case_level_html(job: ExportJob, items: list[Placed]) -> str:
    if not items:
        return ""
    return f'<p class="nsection">{escape(job.label("case_notes"))}</p>' + "".join(
        note_block(p, job, kind=p.annotation.kind != CASE_NOTE) for p in items
    )


def _orphans_html(job: ExportJob, items: list[Placed]) -> str:
    if not items:
        return ""
    return f'<p class="nsection">{escape(job.label("orphans"))}</p>' + "".join(
        note_block(p, job, quote=True) for p in items
    )


def annotated_case_html(entry: CaseEntry, job: ExportJob, placed: list[Placed] | None = None) -> str:
    """The case's HTML body (header, lead, sections) with its highlights, note numbers and notes inserted."""
    case = entry.case
    placed = place(case, entry.annotations) if placed is None else placed
    body = case_body_html(case, batch_title=entry.batch_title)
    inside = [p for p in placed if p.in_text]
    case_level = [p for p in placed if not p.in_text and not p.orphaned]
    orphans = [p for p in placed if p.orphaned]
    inserts: list[tuple[int, int, int, str]] = []  # (index in body, order, sequence, markup)

    if inside:
        segments = [s.text for s in case_segments(case)]
        plain = "\n".join(segments)
        plain_len = len(plain)
        text, starts, ends = project(body)
        tm = TextMap(segments, text)
        style: list[tuple[int | None, bool] | None] = [None] * plain_len
        for p in sorted(inside, key=lambda p: (p.annotation.created, p.annotation.id)):
            assert p.start is not None and p.end is not None
            a = p.annotation
            for k in range(p.start, min(p.end, plain_len)):
                colour, underline = style[k] or (None, False)
                if a.kind == HIGHLIGHT:
                    colour = a.color
                else:
                    underline = True
                style[k] = (colour, underline)
        k = 0
        while k < plain_len:
            current = style[k]
            if current is None:
                k += 1
                continue
            m = k
            while m < plain_len and style[m] == current:
                m += 1
            colour, underline = current
            css = []
            if colour is not None:
                css.append(f"background-color:{HIGHLIGHT_COLOURS[colour % len(HIGHLIGHT_COLOURS)]}")
            if underline:
                css.append("text-decoration:underline")
            open_tag = f'<span style="{"; ".join(css)}">'
            for ta, tb in tm.plain_span_to_doc(k, m):
                i = ta
                while i < tb:  # one span per run of text between two tags
                    j = i
                    while j + 1 < tb and ends[j] == starts[j + 1]:
                        j += 1
                    inserts.append((starts[i], 2, 0, open_tag))
                    inserts.append((ends[j], 0, 0, "</span>"))
                    i = j + 1
            k = m
        for p in inside:
            if p.number is None:
                continue
            assert p.start is not None and p.end is not None
            end = p.end
            while end > p.start + 1 and plain[end - 1] == "\n":  # a passage ending with a line break
                end -= 1
            at = tm.plain_to_doc(end)
            index = ends[at - 1] if at > 0 else starts[0]
            inserts.append((index, 1, p.number, f'<sup class="ref">[{p.number}]</sup>'))
            block_end = _BLOCK_END.search(body, index)
            note_at = block_end.end() if block_end else len(body)
            inserts.append((note_at, 3, p.number, note_block(p, job)))

    if case_level:
        m = _CONTRIB_END.search(body) if case.contributors else None
        m = m or _H1_END.search(body)
        inserts.append((m.end() if m else 0, 4, 0, _case_level_html(job, case_level)))
    if orphans:
        inserts.append((len(body), 5, 0, _orphans_html(job, orphans)))
    if job.with_cards:
        card = card_of(case)
        at = card_index(case, body) if card is not None else None
        if card is not None and at is not None:  # after the notes of the heading it follows
            inserts.append((at, 3, 1 << 30, card_html(card, dict(job.labels))))

    if not inserts:
        return body
    inserts.sort(key=lambda x: (x[0], x[1], x[2]))
    out: list[str] = []
    last = 0
    for index, _order, _seq, markup in inserts:
        out.append(body[last:index])
        out.append(markup)
        last = index
    out.append(body[last:])
    return "".join(out)


#: Anchor name marking a paragraph that belongs with the heading after it (the PDF keeps them on one page).
KEEP_WITH_NEXT = _KEEP_WITH_NEXT


def case_header_html(entry: CaseEntry, *, anchor: str = "") -> str:
    """The case's header as in the reader (batch and category line, title, contributors)."""
    case = entry.case
    meta = " · ".join(escape(x) for x in (entry.batch_title, case.category or "") if x)
    number = f"{case.number}. " if case.number is not None else ""
    name = f'<a name="{anchor}"></a>' if anchor else ""
    parts = [f'<p class="meta"><a name="{KEEP_WITH_NEXT}"></a>{meta}</p>'] if meta else []
    parts.append(f"<h1>{name}{escape(number)}{escape(case.title)}</h1>")
    if case.contributors:
        badges = "　".join(f'<span class="badge">&nbsp;{escape(c)}&nbsp;</span>' for c in case.contributors)
        parts.append(f'<p class="contrib">{badges}</p>')
    return "".join(parts)


def headings_at(entry: CaseEntry) -> tuple[list[int], list[str]]:
    """Plain-text start of every heading segment and the heading text, for :func:`heading_of`."""
    starts: list[int] = []
    texts: list[str] = []
    offset = 0
    for seg in case_segments(entry.case):
        if seg.field is Field.HEADING:
            starts.append(offset)
            texts.append(seg.text)
        offset += len(seg.text) + 1
    return starts, texts


def heading_of(headings: tuple[list[int], list[str]], position: int) -> str:
    """The heading of the (sub)section holding plain-text ``position`` ("" before the first heading)."""
    starts, texts = headings
    i = bisect_right(starts, position) - 1
    return texts[i] if i >= 0 else ""


def digest_case_html(entry: CaseEntry, job: ExportJob, *, anchor: str = "", placed: list[Placed] | None = None) -> str:
    """The notes-only digest of one case: its header, then each annotation (quote, note, tags) in reading
    order with the heading it sits under; notes about the whole case first, orphans last."""
    placed = place(entry.case, entry.annotations) if placed is None else placed
    headings = headings_at(entry)
    parts = [case_header_html(entry, anchor=anchor)]
    case_level = [p for p in placed if not p.in_text and not p.orphaned]
    parts.append(_case_level_html(job, case_level))
    for p in placed:
        if p.in_text:
            assert p.start is not None
            parts.append(note_block(p, job, quote=True, context=heading_of(headings, p.start)))
    parts.append(_orphans_html(job, [p for p in placed if p.orphaned]))
    if not entry.annotations:
        parts.append(f'<p class="nsection">{escape(job.label("no_annotations"))}</p>')
    return "".join(parts)


def cover_html(job: ExportJob) -> str:
    """The cover: subtitle, title, date, what is included (scope, counts, batches), the generator."""
    n_cases = len(job.entries)
    rows = [
        (job.label("exported"), job.date_text()),
        (job.label("included"), job.label("notes_only" if job.notes_only else "full")),
    ]
    if job.scope:
        rows.append(("", job.scope))
    rows.append(("", job.label("cases", n=n_cases)))
    if job.annotation_count or job.notes_only:
        rows.append(("", job.annotations_text()))
    if job.notes_only:
        skipped = sum(1 for e in job.entries if not e.annotations)
        if skipped:
            rows.append(("", job.label("digest_skipped", n=skipped)))
    batches = list(dict.fromkeys(e.batch_title for e in job.entries if e.batch_title))
    if batches:
        rows.append((job.label("batches"), "<br>".join(escape(b) for b in batches)))
    table = "".join(
        f'<tr><td class="k" width="90">{escape(k)}</td><td>{v if k == job.label("batches") else escape(v)}</td></tr>'
        for k, v in rows
    )
    return (
        f'<p class="cover-sub">{escape(job.subtitle())}</p>'
        f'<h1 class="cover">{escape(job.title)}</h1>'
        f'<table cellspacing="0" cellpadding="4" width="100%">{table}</table>'
        f'<p class="gen">{escape(job.label("generator", version=version))}</p>'
    )


def extra_style(*, base_px: int) -> str:
    """Style rules for the inserted notes, added after :func:`reader.export.html.style_sheet`."""
    small = round(base_px * 0.86)
    return f"""
p {{ text-align: justify; }}
sup.ref {{ color: #8a3b00; font-size: {round(base_px * 0.7)}px; }}
table.note {{ margin-top: 0px; margin-bottom: {round(base_px * 0.8)}px; margin-left: {base_px * 2}px; }}
td.nbody {{ padding-left: {round(base_px * 0.7)}px; padding-right: {round(base_px * 0.7)}px;
  padding-top: {round(base_px * 0.4)}px; padding-bottom: {round(base_px * 0.1)}px; }}
td.nbody p {{ text-indent: 0px; line-height: 150%; margin-bottom: {round(base_px * 0.35)}px; font-size: {small}px; }}
td.nbody li {{ font-size: {small}px; }}
td.nbody ul, td.nbody ol {{ margin-top: 0px; margin-bottom: {round(base_px * 0.35)}px; }}
td.nbody pre {{ font-size: {round(base_px * 0.8)}px; }}
p.tags {{ color: {MUTED}; }}
p.quote {{ font-size: {base_px}px; }}
p.nhead {{ color: {MUTED}; }}
span.kind {{ color: {MUTED}; }}
span.context {{ color: {MUTED}; }}
p.nsection {{ text-indent: 0px; color: {MUTED}; font-weight: bold; margin-top: {round(base_px * 0.6)}px;
  margin-bottom: {round(base_px * 0.4)}px; margin-left: {base_px * 2}px; }}
""" + card_style(base_px=base_px, muted=MUTED, heading="#1a3d6d")
