"""The 成效要点 card of exported cases: which figures it lists, and where it goes in the case.

Each exporter (PDF and HTML through :mod:`reader.export.annotated`, Word, Markdown) prints the same card the
reader shows at the head of the effect section: up to :data:`~reader.domain.figures.CARD_SIZE` figures of the
effect sections (:func:`reader.domain.figures.pick`: those that name what they count first), as a small
table — the figure as printed, what it counts, when — and, when the section has more, how many it has.
A case without an effect section (or whose effect section states no figure) gets no card.

Qt-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from reader.domain.case import Case, SectionKind
from reader.domain.figures import Figure, extract, pick
from reader.export.html import section_anchor

#: Anchor name marking a paragraph that belongs with what follows: the PDF keeps them on one page.
KEEP_WITH_NEXT = "keep-with-next"


@dataclass(frozen=True)
class Card:
    """The figures a case's card lists (``shown``) and how many its effect sections state (``total``)."""

    shown: tuple[Figure, ...]
    total: int

    def rows(self) -> list[tuple[str, str, str]]:
        """(figure as printed, what it counts, when) per listed figure."""
        return [(f.text, f.what, f.when) for f in self.shown]


def card_of(case: Case) -> Card | None:
    """The card of ``case``, or None when its effect sections state no figure."""
    figures = extract(case, lead=False)
    if not figures:
        return None
    return Card(tuple(pick(figures)), len(figures))


def effect_section_number(case: Case) -> int | None:
    """1-based number of the case's first effect section (its anchor is ``s<n>``), None when it has none."""
    return next((i for i, s in enumerate(case.sections, 1) if s.kind is SectionKind.EFFECT), None)


_ELEMENT_END = re.compile(r"</(?:h2|h3|p)>")


def card_index(case: Case, body_html: str) -> int | None:
    """Where the card goes in :func:`reader.export.html.case_body_html`'s markup of ``case``: right after the
    element holding the effect section's anchor (its heading, or a heading run into its first paragraph)."""
    number = effect_section_number(case)
    if number is None:
        return None
    anchor = body_html.find(f'<a name="{section_anchor((number,))}"></a>')
    if anchor < 0:
        return None
    end = _ELEMENT_END.search(body_html, anchor)
    return end.end() if end else None


def card_html(card: Card, labels: dict) -> str:
    """The card as a framed table in the rich-text subset Qt and browsers share (``labels``: an export's words)."""
    head = "".join(
        f'<td class="kfh" width="{width}" bgcolor="#f3f6fa">{escape(labels[k])}</td>'
        for k, width in (("figures_value", "24%"), ("figures_what", "48%"), ("figures_when", "28%"))
    )
    rows = "".join(
        f'<tr><td class="kfv">{escape(text)}</td><td>{escape(what)}</td><td class="kfw">{escape(when)}</td></tr>'
        for text, what, when in card.rows()
    )
    more = (
        f'<p class="kfmore">{escape(labels["figures_more"].format(n=card.total))}</p>'
        if card.total > len(card.shown)
        else ""
    )
    return (
        f'<p class="kftitle"><a name="{KEEP_WITH_NEXT}"></a>{escape(labels["key_figures"])}</p>'
        '<table class="kf" width="100%" cellspacing="0" cellpadding="4" border="1" '
        'style="border-color:#c8ccd2; border-style: solid; border-collapse: collapse;">'
        f"<thead><tr>{head}</tr></thead>{rows}</table>{more}"
    )


def card_style(*, base_px: int, muted: str, heading: str) -> str:
    """Style rules of :func:`card_html`, added after the export's style sheet."""
    small = round(base_px * 0.9)
    return f"""
p.kftitle {{ text-indent: 0px; font-weight: bold; color: {heading}; margin-top: {round(base_px * 0.3)}px;
  margin-bottom: {round(base_px * 0.3)}px; }}
table.kf {{ margin-bottom: {round(base_px * 0.4)}px; }}
table.kf td {{ font-size: {small}px; }}
table.kf td p {{ text-indent: 0px; }}
td.kfh {{ color: {muted}; font-weight: bold; }}
td.kfv {{ font-weight: bold; white-space: nowrap; }}
td.kfw {{ color: {muted}; }}
p.kfmore {{ text-indent: 0px; color: {muted}; font-size: {small}px; margin-bottom: {base_px}px; }}
"""
