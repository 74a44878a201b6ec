"""Notes are Markdown rendered safely: formatting yes; raw HTML, scripts, images and links never."""

from __future__ import annotations

import threading
from html.parser import HTMLParser

from reader.export.notes import note_html, note_markdown


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    return p


def test_markdown_formatting_is_rendered():
    html = note_html("**重点**和*强调*\n\n- 第一项\n- 第二项\n\n1. 甲\n2. 乙\n\n`代码`")
    tags = [t for t, _ in parse(html).tags]
    assert {"strong", "em", "ul", "ol", "li", "code"} <= set(tags)
    assert "**" not in html and "重点" in html and "第二项" in html


def test_raw_html_and_script_are_text():
    html = note_html("<script>alert(1)</script>\n\n<div onclick='x'>块</div> <b>粗</b> <iframe src='http://x'>")
    parsed = parse(html)
    assert {t for t, _ in parsed.tags} <= {"p", "br"}
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text and "<b>粗</b>" in text and "<iframe" in text


def test_images_become_alt_text_and_links_plain_text():
    html = note_html(
        "看图 ![远程图](http://example.com/a.png) 和 <img src=http://example.com/b.png> 以及 [链接](https://example.com/c)"
    )
    parsed = parse(html)
    assert all(tag not in ("img", "a") for tag, _ in parsed.tags)
    assert all(not attrs for tag, attrs in parsed.tags if tag != "ol"), "no attribute survives"
    text = "".join(parsed.text)
    assert "[远程图]" in text and "链接 (https://example.com/c)" in text
    assert "<img src=http://example.com/b.png>" in text  # typed HTML shown as typed
    assert "http://example.com/a.png" not in text  # the image address is dropped with the image


def test_headings_become_bold_paragraphs_and_blank_is_empty():
    assert note_html("# 大标题\n正文").startswith("<p><strong>大标题</strong></p>")
    assert note_html("  \n ") == ""


def test_renderer_is_thread_safe():
    results: list[str] = []
    expected = note_html("**甲** 乙\n\n- 丙")

    def work():
        for _ in range(50):
            results.append(note_html("**甲** 乙\n\n- 丙"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(results) == {expected}


def test_note_markdown_disarms_html_and_images():
    md = note_markdown("![图](http://example.com/x.png) <script>x</script> **保留** a<b 2 < 3")
    assert "\\[图\\]" in md and "example.com" not in md and "&lt;script>" in md and "**保留**" in md and "2 < 3" in md
