"""What each paragraph is: contributor line, section heading, numbered title or point, box, plain text..."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from reader.ingest.patterns import (
    ATTACHMENT_RE,
    BOX_RE,
    CONTRIB_RE,
    DATE_LINE_RE,
    NUMBERED_RE,
    PREFACE_RE,
    SECTION_RE,
    SUB_RE,
    TOC_HEAD_RE,
    ends_sentence,
    open_bracket,
    squash,
)
from reader.ingest.reflow import Para

#: A title is never longer than this (characters without whitespace).
MAX_TITLE = 60


class Kind(enum.Enum):
    CONTRIB = "contrib"  # （广州市提供）
    PREFACE = "preface"  # 前言
    ATTACHMENT = "attachment"  # 附件
    TOC = "toc"  # where the table of contents was (or a lone 目录 heading)
    SECTION = "section"  # 一、
    SUB = "sub"  # （一）
    BOX = "box"  # 专栏 1
    NUMBERED = "numbered"  # 1. : a case title or a point
    TEXT = "text"


@dataclass
class Item:
    """A paragraph with its kind and whether it could be (part of) a title or category heading."""

    para: Para
    kind: Kind
    title_like: bool

    @property
    def text(self) -> str:
        return self.para.text


def classify(para: Para, layout: str) -> Item:
    """The :class:`Item` for ``para``; ``layout`` decides what may count as a title (Markdown: headings only)."""
    text = para.text
    if CONTRIB_RE.match(text):
        kind = Kind.CONTRIB
    elif PREFACE_RE.match(text):
        kind = Kind.PREFACE
    elif ATTACHMENT_RE.match(text):
        kind = Kind.ATTACHMENT
    elif TOC_HEAD_RE.match(text):
        kind = Kind.TOC
    elif SECTION_RE.match(text):
        kind = Kind.SECTION
    elif SUB_RE.match(text):
        kind = Kind.SUB
    elif BOX_RE.match(text):
        kind = Kind.BOX
    elif NUMBERED_RE.match(text):
        kind = Kind.NUMBERED
    else:
        kind = Kind.TEXT
    return Item(para, kind, _title_like(para, kind, layout))


def _title_like(para: Para, kind: Kind, layout: str) -> bool:
    if kind not in (Kind.TEXT, Kind.NUMBERED):
        return False
    if ends_sentence(para.text) or not 0 < len(squash(para.text)) <= MAX_TITLE or open_bracket(para.text):
        return False
    if DATE_LINE_RE.match(para.text):  # （2025年12月）: the batch's date, never a title
        return False
    return para.heading or layout != "markdown"
