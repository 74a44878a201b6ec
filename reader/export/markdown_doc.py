"""Markdown export: the same content as the PDF, as one readable ``.md`` file.

Cover facts as a list, the contents, then each case: header, structured text with highlights as
``<mark>`` (in the highlight's colour), the note number ``<sup>[n]</sup>`` after the passage, and the
note as a quoted block ``> **[n]** …`` right after the paragraph, tags as code spans. The notes-only
digest lists quote, note and tags per case. Case text is escaped so that it stays text; notes are the
user's Markdown, passed through :func:`reader.export.notes.note_markdown` (no raw HTML, no image).
Qt-free.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from reader.domain.annotation import HIGHLIGHT
from reader.domain.case import Block, BlockKind, Case, Section
from reader.domain.text import case_segments
from reader.export.annotated import heading_of, headings_at
from reader.export.bundle import HIGHLIGHT_COLOURS, CaseEntry, ExportJob, Placed, Progress, place
from reader.export.key_figures import Card, card_of, effect_section_number
from reader.export.notes import note_markdown

_SPECIAL = re.compile(r"[\\`*_\[\]<>|~]|&(?=#?\w+;)")
_LINE_START = re.compile(r"^(#|[-+] |\d+[.)] )")
_BLOCK_START = re.compile(r"\s|[-+*] |>|#|```|~~~|\||\d+[.)]\s")


def md_text(text: str) -> str:
    """``text`` escaped so that Markdown shows it as it is."""
    return _SPECIAL.sub(lambda m: "\\" + m.group() if m.group() != "&" else "&amp;", text)


def _line_safe(line: str) -> str:
    """A paragraph line that does not start a heading or a list."""
    return _LINE_START.sub(lambda m: "\\" + m.group(), line)


class _Decorator:
    """Segment texts of one case with highlights, underlines and note numbers inserted."""

    def __init__(self, case: Case, placed: list[Placed]) -> None:
        self.segments = [s.text for s in case_segments(case)]
        self.starts = []
        offset = 0
        for text in self.segments:
            self.starts.append(offset)
            offset += len(text) + 1
        plain_len = max(0, offset - 1)
        plain = "\n".join(self.segments)
        self.style: list[tuple[int | None, bool] | None] = [None] * plain_len
        for p in sorted((p for p in placed if p.in_text), key=lambda p: (p.annotation.created, p.annotation.id)):
            assert p.start is not None and p.end is not None
            for k in range(p.start, min(p.end, plain_len)):
                colour, underline = self.style[k] or (None, False)
                if p.annotation.kind == HIGHLIGHT:
                    colour = p.annotation.color
                else:
                    underline = True
                self.style[k] = (colour, underline)
        self.markers: dict[int, list[int]] = {}  # plain position -> note numbers placed after it
        self.notes: dict[int, list[Placed]] = {}  # segment index -> notes to show after its paragraph
        for p in placed:
            if p.number is None or p.end is None or p.start is None:
                continue
            end = p.end
            while end > p.start + 1 and plain[end - 1] == "\n":
                end -= 1
            self.markers.setdefault(end, []).append(p.number)
            seg = self.segment_of(end - 1)
            self.notes.setdefault(seg, []).append(p)

    def segment_of(self, position: int) -> int:
        return max(0, bisect_right(self.starts, position) - 1)

    def text(self, i: int, bold: tuple[int, int] = (0, 0)) -> str:
        """Segment ``i`` escaped and decorated; its characters ``bold`` (a block's lead) in ``<b>``."""
        seg, s0 = self.segments[i], self.starts[i]
        out: list[str] = []
        k = 0
        while k < len(seg):
            style = self.style[s0 + k]
            strong = bold[0] <= k < bold[1]
            m = k + 1
            while (
                m < len(seg)
                and self.style[s0 + m] == style
                and (s0 + m) not in self.markers
                and (bold[0] <= m < bold[1]) == strong
            ):
                m += 1
            piece = md_text(seg[k:m])
            if style is not None:
                colour, underline = style
                if underline:
                    piece = f"<u>{piece}</u>"
                if colour is not None:
                    piece = f'<mark style="background-color:{HIGHLIGHT_COLOURS[colour % 5]}">{piece}</mark>'
            if strong:
                # <b>, not **: CommonMark does not close ** between "。" and a Chinese character.
                piece = f"<b>{piece}</b>"
            out.append(piece)
            for n in self.markers.get(s0 + m, ()):
                out.append(f"<sup>[{n}]</sup>")
            k = m
        return "".join(out)


def _tags(job: ExportJob, tags: tuple[str, ...]) -> str:
    return f"{job.label('tags')}：" + "、".join(f"`{t.replace('`', '')}`" for t in tags)


def _quoted(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


def _note_lines(p: Placed, job: ExportJob, *, kind: bool = True) -> list[str]:
    """The note as a quoted block: ``**[n]**`` (and the kind), the note, the tags."""
    a = p.annotation
    head = []
    if p.number is not None:
        head.append(f"**[{p.number}]**")
    if kind and a.kind != HIGHLIGHT:
        head.append(f"*{job.label(a.kind)}*")
    body = note_markdown(a.note.strip()).split("\n") if a.note.strip() else []
    lines: list[str] = []
    if head:
        if body and not _BLOCK_START.match(body[0]):
            body[0] = " ".join(head) + " " + body[0]
        else:
            lines += [" ".join(head), ""]
    lines += body
    if a.tags:
        lines += ["", _tags(job, a.tags)]
    return [*_quoted(lines), ""]


def _quote_line(p: Placed) -> str:
    a = p.annotation
    assert a.quote is not None
    text = "<br>".join(md_text(line) for line in a.quote.exact.split("\n"))
    if a.kind == HIGHLIGHT and a.color is not None:
        return f'<mark style="background-color:{HIGHLIGHT_COLOURS[a.color % 5]}">{text}</mark>'
    return f"<u>{text}</u>"


def _header(entry: CaseEntry) -> list[str]:
    case = entry.case
    meta = " · ".join(x for x in (entry.batch_title, case.category or "") if x)
    lines = []
    if meta:
        lines += [f"*{md_text(meta)}*", ""]
    if case.contributors:
        lines += ["**" + md_text("、".join(case.contributors)) + "**", ""]
    return lines


def _case_level(job: ExportJob, placed: list[Placed]) -> list[str]:
    items = [p for p in placed if not p.in_text and not p.orphaned]
    if not items:
        return []
    lines = [f"**{job.label('case_notes')}**", ""]
    for p in items:
        lines += _note_lines(p, job, kind=p.annotation.kind != "case_note")
    return lines


def _orphans(job: ExportJob, placed: list[Placed]) -> list[str]:
    items = [p for p in placed if p.orphaned]
    if not items:
        return []
    lines = [f"**{job.label('orphans')}**", ""]
    for p in items:
        lines += [*_quoted([_quote_line(p)]), "", *_note_lines(p, job)]
    return lines


def _full_case(entry: CaseEntry, job: ExportJob, placed: list[Placed]) -> list[str]:
    case = entry.case
    deco = _Decorator(case, placed)
    counter = iter(range(len(deco.segments)))
    lines: list[str] = []

    def unit(segs: list[int], text_lines: list[str]) -> None:
        lines.extend(text_lines)
        lines.append("")
        for s in segs:
            for p in deco.notes.get(s, ()):
                lines.extend(_note_lines(p, job))

    title = next(counter)
    number = f"{case.number}. " if case.number is not None else ""
    unit([title], [f"## {number}{deco.text(title)}"])
    lines.extend(_header(entry))
    lines.extend(_case_level(job, placed))
    for _ in case.lead:
        i = next(counter)
        unit([i], [_line_safe(deco.text(i))])

    def block_lines(block: Block) -> Iterator[tuple[list[int], list[str]]]:
        if block.kind is BlockKind.BOX:
            segs = [next(counter) for _ in block.texts()]
            body = [f"**{deco.text(segs[0])}**"]
            for s in segs[1:]:
                body += ["", _line_safe(deco.text(s))]
            yield segs, _quoted(body)
        else:
            i = next(counter)
            yield [i], [_line_safe(deco.text(i, block.lead_span()))]

    def section(sec: Section, card: Card | None = None) -> None:
        h = next(counter)
        blocks = list(sec.blocks)
        if sec.run_in and blocks and blocks[0].kind is BlockKind.PARAGRAPH:
            lead = blocks.pop(0).lead_span()
            first = next(counter)
            # <b>, not **: CommonMark does not close ** between "。" and a Chinese character.
            unit([h, first], [f"<b>{deco.text(h)}</b>{deco.text(first, lead)}"])
        else:
            unit([h], [("### " if sec.level == 1 else "#### ") + deco.text(h)])
        if card is not None:
            lines.extend(_card_lines(card, job))
        for block in blocks:
            for segs, text_lines in block_lines(block):
                unit(segs, text_lines)
        for sub in sec.subsections:
            section(sub)

    card = card_of(case) if job.with_cards else None
    effect = effect_section_number(case) if card is not None else None
    for number, sec in enumerate(case.sections, 1):
        section(sec, card if number == effect else None)
    lines.extend(_orphans(job, placed))
    return lines


def _cell(text: str) -> str:
    return md_text(text) or " "  # md_text escapes "|" too


def _card_lines(card: Card, job: ExportJob) -> list[str]:
    """The 成效要点 card as a Markdown table (figure, what it counts, when) under a bold caption."""
    head = [job.label("figures_value"), job.label("figures_what"), job.label("figures_when")]
    lines = [f"**{md_text(job.label('key_figures'))}**", ""]
    lines.append("| " + " | ".join(md_text(h) for h in head) + " |")
    lines.append("|---|---|---|")
    lines += ["| " + " | ".join(_cell(x) for x in row) + " |" for row in card.rows()]
    lines.append("")
    if card.total > len(card.shown):
        lines += [f"*{md_text(job.label('figures_more', n=card.total))}*", ""]
    return lines


def _digest_case(entry: CaseEntry, job: ExportJob, placed: list[Placed]) -> list[str]:
    number = f"{entry.case.number}. " if entry.case.number is not None else ""
    lines = [f"## {number}{md_text(entry.case.title)}", "", *_header(entry), *_case_level(job, placed)]
    headings = headings_at(entry)
    for p in placed:
        if not p.in_text:
            continue
        assert p.start is not None
        head = [f"**[{p.number}]**"] if p.number is not None else []
        if p.annotation.kind != HIGHLIGHT:
            head.append(f"*{job.label(p.annotation.kind)}*")
        context = heading_of(headings, p.start)
        if context:
            head.append(md_text(context))
        if head:
            lines += [" · ".join(head), ""]
        lines += [*_quoted([_quote_line(p)]), ""]
        if p.annotation.note.strip():
            lines += [note_markdown(p.annotation.note.strip()), ""]
        if p.annotation.tags:
            lines += [_tags(job, p.annotation.tags), ""]
    lines += _orphans(job, placed)
    return lines


def markdown_document(job: ExportJob, progress: Progress | None = None) -> str:
    """The whole export as Markdown (CommonMark with inline ``<mark>``/``<sup>``/``<u>``)."""
    progress = progress or Progress()
    progress.start(len(job.entries))
    out = [f"# {md_text(job.title)}", "", f"*{md_text(job.subtitle())}*", ""]
    facts = [
        f"{job.label('exported')}：{job.date_text()}",
        f"{job.label('included')}：{job.label('notes_only' if job.notes_only else 'full')}",
    ]
    if job.scope:
        facts.append(md_text(job.scope))
    facts.append(job.label("cases", n=len(job.entries)))
    facts.append(job.annotations_text())
    batches = list(dict.fromkeys(e.batch_title for e in job.entries if e.batch_title))
    if batches:
        facts.append(f"{job.label('batches')}：" + "；".join(md_text(b) for b in batches))
    out += [f"- {f}" for f in facts] + ["", f"## {job.label('contents')}", ""]
    listed = [e for e in job.entries if e.annotations or not job.notes_only]
    out += [f"- {_line_safe(md_text(e.case.display_title))}" for e in listed] + [""]
    for entry in job.entries:
        placed = place(entry.case, entry.annotations)
        if job.notes_only:
            if entry.annotations:
                out += ["---", "", *_digest_case(entry, job, placed)]
        else:
            out += ["---", "", *_full_case(entry, job, placed)]
        progress.step()
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.rstrip() + "\n"
