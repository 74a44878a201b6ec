"""What the importer tells the user, as a code with parameters: English here, translated at the edge.

The ingest core is Qt-free, so a warning or an error is a :class:`Message` (``code`` and named parameters)
whose English text is ``str(message)``. The templates are marked with :func:`QT_TRANSLATE_NOOP` so that
``pyside6-lupdate`` collects them under the ``ImportMessages`` context; the UI renders a message with
``reader.i18n.import_message`` (the same template, translated), the CLI prints the English.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` (lupdate collects it); returns it unchanged."""
    return text


CONTEXT = "ImportMessages"

#: Every message the importer produces, by code. Placeholders are ``{name}``; a translation keeps them all.
TEMPLATES: dict[str, str] = {
    # warnings: the document's lines and front matter
    "dropped-line": QT_TRANSLATE_NOOP("ImportMessages", "line {line}: dropped an unrecognised line “{text}”"),
    "text-before-first-case": QT_TRANSLATE_NOOP(
        "ImportMessages", "line {line}: text before the first case ignored: “{text}”"
    ),
    "no-title": QT_TRANSLATE_NOOP("ImportMessages", "the document states no title; using its name"),
    "whole-document": QT_TRANSLATE_NOOP(
        "ImportMessages", "{doc}: no recognisable case; the whole document is imported as one case"
    ),
    # warnings: where cases start
    "overlapping-titles": QT_TRANSLATE_NOOP("ImportMessages", "line {line}: overlapping case titles; kept the first"),
    "several-headings": QT_TRANSLATE_NOOP("ImportMessages", "line {line}: several headings above a case title"),
    "numbered-not-case": QT_TRANSLATE_NOOP(
        "ImportMessages",
        "line {line}: “{text}” is numbered like a case title but does not follow case {after}; kept as text",
    ),
    # warnings: the cases' numbers and titles
    "unnumbered-cases": QT_TRANSLATE_NOOP("ImportMessages", "{doc}: {missing} of {total} cases have no number"),
    "numbers-jump": QT_TRANSLATE_NOOP("ImportMessages", "{doc}: case numbers jump from {prev} to {cur}"),
    "number-repeated": QT_TRANSLATE_NOOP("ImportMessages", "{doc}: case number {number} occurs twice in a row"),
    "numbers-start": QT_TRANSLATE_NOOP("ImportMessages", "{doc}: case numbers start at {first}"),
    "duplicate-title": QT_TRANSLATE_NOOP("ImportMessages", "the title “{title}” occurs {count} times"),
    "shared-titles": QT_TRANSLATE_NOOP("ImportMessages", "{count} cases share a title with another case"),
    "title-cut": QT_TRANSLATE_NOOP(
        "ImportMessages", "case {ordinal} ({title}): the title looks cut off where it wrapped"
    ),
    "toc-no-case": QT_TRANSLATE_NOOP("ImportMessages", "contents entry {number}. {text} has no case"),
    "toc-differs": QT_TRANSLATE_NOOP(
        "ImportMessages", "contents entry {number}. {text} differs from the title “{title}”"
    ),
    # warnings: a case's body
    "no-sections": QT_TRANSLATE_NOOP("ImportMessages", "case {ordinal} ({title}): no sections found"),
    "section-order": QT_TRANSLATE_NOOP(
        "ImportMessages", "case {ordinal} ({title}): section {label} where {expected} was expected"
    ),
    "sub-before-section": QT_TRANSLATE_NOOP(
        "ImportMessages", "case {ordinal} ({title}): subsection {label} before any section; kept as lead text"
    ),
    "sub-order": QT_TRANSLATE_NOOP(
        "ImportMessages", "case {ordinal} ({title}): subsection {label} in {parent} where {expected} was expected"
    ),
    # a warning said more than once
    "repeated": QT_TRANSLATE_NOOP("ImportMessages", "{text} ({times} times)"),
    # errors: the document
    "import-empty": QT_TRANSLATE_NOOP("ImportMessages", "{doc}: the document is empty"),
    "import-no-cases": QT_TRANSLATE_NOOP(
        "ImportMessages",
        "{doc}: no recognisable case (no case title followed by a contributor line, a 一、 section or the next "
        "case number)",
    ),
}

Translate = Callable[[str], str]


def _english(template: str) -> str:
    return template


class Message:
    """One message of the importer: ``code`` (a key of :data:`TEMPLATES`), named parameters, how many times it was said.

    Equal messages (same code and parameters) compare and hash alike, so repeats can be counted.
    """

    __slots__ = ("code", "params", "times")

    def __init__(self, code: str, *, times: int = 1, **params: object) -> None:
        if code not in TEMPLATES:
            raise KeyError(f"unknown import message code {code!r}")
        self.code = code
        self.times = times
        self.params: dict[str, object] = params

    def _key(self) -> tuple[str, int, tuple[tuple[str, str], ...]]:
        return (self.code, self.times, tuple(sorted((k, str(v)) for k, v in self.params.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Message({self.code!r}, times={self.times}, {self.params!r})"

    def __str__(self) -> str:
        return self.render()

    def __contains__(self, text: str) -> bool:
        return text in str(self)

    def render(self, translate: Translate = _english) -> str:
        """The message's text, its template passed through ``translate`` (the UI's: Qt's translation)."""
        text = translate(TEMPLATES[self.code]).format(**self.params)
        if self.times > 1:
            text = translate(TEMPLATES["repeated"]).format(text=text, times=self.times)
        return text

    def repeated(self, times: int) -> Message:
        return Message(self.code, times=times, **self.params)


def placeholders(template: str) -> set[str]:
    """The ``{name}`` placeholders of a template (a translation must keep exactly these)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def collapse(messages: Iterable[Message]) -> list[Message]:
    """``messages`` with repeats said once, with their count, in first-seen order."""
    counts: dict[Message, int] = {}
    for m in messages:
        counts[m] = counts.get(m, 0) + 1
    return [m if n == 1 else m.repeated(n) for m, n in counts.items()]
