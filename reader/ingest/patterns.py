"""Regular expressions and small predicates for the printed structure of a case document.

Everything here works on one cleaned line or paragraph of text (no Markdown markers, no leading or trailing
whitespace) and knows nothing about layout.
"""

from __future__ import annotations

import re
import unicodedata

CN_DIGITS = "一二三四五六七八九十"

#: ``一、主要做法``: a top-level section heading.
SECTION_RE = re.compile(rf"^([{CN_DIGITS}]{{1,3}})、\s*(.*)$", re.S)
#: ``（一）…`` or ``(一)…``, with or without a space after the closing parenthesis.
SUB_RE = re.compile(rf"^([（(]\s*[{CN_DIGITS}]{{1,3}}\s*[）)])\s*(.*)$", re.S)
#: ``1.…`` / ``1．…`` / ``1、…``; never ``12.5%`` or ``5.42 亿`` (a digit right after the dot).
NUMBERED_RE = re.compile(r"^(\d{1,2})\s*([.．、])(?![\d.．])\s*(.*)$", re.S)
#: ``专栏 1 标题``: a boxed example.
BOX_RE = re.compile(r"^(专栏\s*\d{1,2})(?!\d)\s*(.*)$", re.S)
#: A contributor line: ``（广州市提供）`` / ``(上海市提供）`` / ``（北京市、重庆市提供）`` / ``（常德市供稿）`` /
#: ``报送单位：常德市商务局`` / ``——常德市推进…的典型经验`` (the place before the dash's subtitle).
CONTRIB_RE = re.compile(
    r"^(?:[（(]([^（）()]{1,80}?)\s*(?:提供|供稿|报送)\s*[）)]"
    r"|(?:报送单位|供稿单位|报送|供稿)\s*[:：]\s*([^。；;]{1,80}?)"
    r"|(?:——|--|－－)\s*([\u4e00-\u9fff]{2,12}?(?:省|市|自治区|自治州|州|县|区|盟|旗))[^。！？；）》]{0,60}?"
    r"(?:经验|做法|实践|案例|探索|启示))$"
)
#: A title that starts with its contributor: ``北京怀柔：打造…`` / ``银川市—打造…`` (a place of 2-8 characters).
TITLE_CONTRIB_RE = re.compile(r"^([\u4e00-\u9fff]{2,8})\s*(?:[:：]|[—–－]{1,2})\s*(\S.*)$")
#: A date line under a batch title: ``（2025年12月）``, ``2025年12月8日``.
DATE_LINE_RE = re.compile(r"^[（(]?\s*(\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)\s*[）)]?$")


def contributor_names(line: str) -> tuple[str, ...]:
    """The contributors a contributor line names (``（北京市、重庆市提供）`` → 北京市, 重庆市), else ()."""
    m = CONTRIB_RE.match(line.strip())
    if not m:
        return ()
    found = next(g for g in m.groups() if g)
    return tuple(part.strip() for part in re.split(r"[、，,]", found) if part.strip())


def open_bracket(text: str) -> bool:
    """True when ``text`` leaves a bracket or quote open (``…国际互联网专用通道（简``): it was cut, not a title."""
    return any(text.count(a) > text.count(b) for a, b in (("（", "）"), ("(", ")"), ("“", "”"), ("《", "》")))


PREFACE_RE = re.compile(r"^前\s*言$")
TOC_HEAD_RE = re.compile(r"^目\s*录$")
ATTACHMENT_RE = re.compile(r"^附\s*件\s*\d*$")
#: A table-of-contents entry: text, dot leaders or a tab, page number.
TOC_ENTRY_RE = re.compile(r"^(?:[-*+]\s+)?(.+?)\s*(?:[.．·…。]{2,}|\t)[\s.．·…。\t]*(\d{1,4})$")

#: Characters that end a sentence (a paragraph can only end after one of them, possibly followed by a closer).
SENTENCE_END = "。！？；：!?;…"
CLOSERS = "”’」』）)》〉】\"'"

_PAGE_RES = (
    re.compile(r"^[-–—－‐・·•]*\s*\d{1,4}\s*[-–—－‐・·•]*$"),  # 12, - 12 -, — 12 —
    re.compile(r"^第\s*\d{1,4}\s*页(?:\s*[/／,，]?\s*共\s*\d{1,4}\s*页)?$"),  # 第 12 页, 第12页/共80页
    re.compile(r"^\d{1,4}\s*[/／]\s*\d{1,4}$"),  # 12/80
    re.compile(r"^(?:page|p\.)\s*\d{1,4}$", re.I),
)
_URL_RE = re.compile(r"^(?:<)?(?:https?://|www\.)\S+(?:>)?$", re.I)
_IMAGE_RE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_HTML_RE = re.compile(r"^<[^>]+>$")


def is_page_mark(line: str) -> bool:
    """True for a line that is only a page number (``12``, ``- 12 -``, ``第 12 页``...)."""
    text = line.strip()
    return bool(text) and any(p.match(text) for p in _PAGE_RES)


def is_junk(line: str) -> bool:
    """True for a line that carries no text of the document (a URL, an image, an HTML tag, only symbols)."""
    text = line.strip()
    if not text:
        return False
    if _URL_RE.match(text) or _IMAGE_RE.match(text) or _HTML_RE.match(text):
        return True
    return not any(ch.isalnum() for ch in text)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closing quotes/brackets after it allowed)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def ends_with_closer_or_stop(text: str) -> bool:
    """Like :func:`ends_sentence` but a bare closing quote or bracket also counts (``…“两证联办”``)."""
    text = text.rstrip()
    return bool(text) and (text[-1] in SENTENCE_END or text[-1] in CLOSERS)


def display_width(text: str) -> float:
    """Printed width in half-width units: CJK and full-width characters 2, others 1, spaces ½.

    Spaces are counted as half because PDF extraction inserts them around digits and Latin words where the
    printed line has only a narrow gap.
    """
    width = 0.0
    for ch in text:
        if ch == " ":
            width += 0.5
        elif unicodedata.east_asian_width(ch) in "WF":
            width += 2
        else:
            width += 1
    return width


def squash(text: str) -> str:
    """``text`` without any whitespace: the form used to compare titles and build ids."""
    return "".join(text.split())


def section_kind_key(title: str) -> str:
    """``practice``, ``effect``, ``next`` or ``other`` for a top-level section title, by keyword."""
    if "下一步" in title:
        return "next"
    if "做法" in title:
        return "practice"
    if "效果" in title:
        return "effect"
    return "other"
