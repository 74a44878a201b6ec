"""A note leaving the app as Markdown is inert: checked by rendering the exported Markdown with a real
Markdown renderer (python-markdown, as a viewer would) and looking for anything that loads or links."""

from __future__ import annotations

import markdown
import pytest

from reader.domain.note_text import inert_markdown

HOSTILE = {
    "remote image": "看图 ![](http://tracker.example/pixel.png) 完",
    "local file image": "![密码](file:///etc/passwd)",
    "data image": "![x](data:image/png;base64,iVBORw0KGgo=)",
    "javascript link": "[点我](javascript:alert(document.cookie))",
    "data link": "[打开](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "file link": "[文件](file:///C:/Windows/win.ini)",
    "web link with title": '[官网](https://example.org/a_(b) "标题")',
    "reference link": "[引用][r]\n\n[r]: javascript:alert(1)",
    "reference image": "![图][i]\n\n[i]: http://tracker.example/p.png",
    "html image": '<img src="http://tracker.example/p.png" onerror="alert(1)">',
    "autolink": "<javascript:alert(1)>",
    "html link": '<a href="javascript:alert(1)">x</a>',
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_nothing_in_the_exported_markdown_loads_or_links(name):
    out = inert_markdown(HOSTILE[name])
    html = markdown.markdown(out)
    assert "<img" not in html and "<a " not in html and "<script" not in html, html


def test_text_and_formatting_are_kept():
    out = inert_markdown("**要点**：*推广*\n\n- 一\n- 二\n\n![示意图](x.png) 见 [官网](https://example.org)")
    assert out.startswith("**要点**：*推广*\n\n- 一\n- 二")
    assert "\\[示意图\\]" in out and "官网 (`https://example.org`)" in out
    html = markdown.markdown(out)
    assert "<strong>要点</strong>" in html and "[示意图]" in html and "<code>https://example.org</code>" in html
