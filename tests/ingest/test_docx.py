"""Word files as Word writes them (numbering definitions, heading styles, tables, text boxes, notes), zip bombs,
and OFD packages written here from known text; each read back character for character."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from reader.ingest.docx import chinese_counting, docx_paragraphs, format_number
from reader.ingest.readers import DocumentError, load_document, read_document

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def p(text: str, *, num: tuple[int, int] | None = None, style: str = "", outline: int | None = None) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        props += f'<w:outlineLvl w:val="{outline}"/>'
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(path: Path, body: str, *, numbering: str = "", styles: str = "", notes: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {W_NS}><w:body>{body}</w:body></w:document>")
        if numbering:
            z.writestr("word/numbering.xml", f"<w:numbering {W_NS}>{numbering}</w:numbering>")
        if styles:
            z.writestr("word/styles.xml", f"<w:styles {W_NS}>{styles}</w:styles>")
        if notes:
            z.writestr("word/footnotes.xml", f"<w:footnotes {W_NS}>{notes}</w:footnotes>")
    return path


def lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


NUMBERING = (
    f'<w:abstractNum w:abstractNumId="0">{lvl(0, "decimal", "%1．")}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="1">{lvl(0, "chineseCounting", "%1、")}{lvl(1, "chineseCounting", "（%2）")}'
    f"{lvl(2, 'decimal', '%3.')}</w:abstractNum>"
    f'<w:abstractNum w:abstractNumId="2">{lvl(0, "decimal", "%1、", start=3)}</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
    "</w:lvlOverride></w:num>"
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
)


def test_word_numbering_is_printed_as_word_shows_it(tmp_path):
    body = "".join(
        [
            p("第一个案例", num=(1, 0)),
            p("主要做法", num=(2, 0)),
            p("探索规范标准指引。编制模板。", num=(2, 1)),
            p("出台专项支持政策。", num=(2, 1)),
            p("第一点。", num=(2, 2)),
            p("第二点。", num=(2, 2)),
            p("实践效果", num=(2, 0)),
            p("效果一。", num=(2, 1)),  # the sub-level restarts after a new top-level item
            p("第二个案例", num=(1, 0)),
            p("主要做法", num=(3, 0)),  # a new list instance restarted at 一
            p("从三开始", num=(4, 0)),
            p("没有编号的段落。"),
        ]
    )
    path = docx(tmp_path / "n.docx", body, numbering=NUMBERING)
    text, kind = read_document(path)
    assert kind == "docx"
    assert text.splitlines() == [
        "1．第一个案例",
        "一、主要做法",
        "（一）探索规范标准指引。编制模板。",
        "（二）出台专项支持政策。",
        "1.第一点。",
        "2.第二点。",
        "二、实践效果",
        "（一）效果一。",
        "2．第二个案例",
        "一、主要做法",
        "3、从三开始",
        "没有编号的段落。",
    ]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (23, "二十三"), (100, "一百")],
)
def test_chinese_counting(n, expected):
    assert chinese_counting(n) == expected


def test_other_number_formats():
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(12, "decimalFullWidth") == "１２"


def test_heading_styles_by_name_and_outline_level(tmp_path):
    styles = (
        '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="my"><w:name w:val="案例标题"/><w:basedOn w:val="o"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="o"><w:name w:val="outline"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr>'
        "</w:style>"
    )
    body = p("一级", style="1") + p("二级", style="a3") + p("三级", style="my") + p("直接", outline=1) + p("正文。")
    paras = docx_paragraphs(docx(tmp_path / "h.docx", body, styles=styles).read_bytes(), "h.docx")
    assert [(x.text, x.heading) for x in paras] == [
        ("一级", 1),
        ("二级", 2),
        ("三级", 3),
        ("直接", 2),
        ("正文。", None),
    ]


def test_tables_text_boxes_and_footnotes_in_document_order(tmp_path):
    box = "<w:txbxContent>" + p("框中文字") + "</w:txbxContent>"
    body = (
        p("表前")
        + "<w:tbl><w:tr><w:tc>"
        + p("甲1")
        + "</w:tc><w:tc>"
        + p("乙1")
        + p("乙1续")
        + "</w:tc></w:tr><w:tr><w:tc>"
        + p("甲2")
        + "</w:tc><w:tc>"
        + p("乙2")
        + "</w:tc></w:tr></w:tbl>"
        + '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<mc:Choice><w:drawing>{box}</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r><w:r><w:t>锚定段</w:t></w:r></w:p>"
        + '<w:p><w:r><w:t>有脚注</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>'
        + "<w:p><w:r><w:t>删</w:t></w:r><w:del><w:r><w:delText>除去</w:delText></w:r></w:del></w:p>"
    )
    notes = '<w:footnote w:id="2"><w:p><w:r><w:t>脚注内容。</w:t></w:r></w:p></w:footnote>'
    text, _ = read_document(docx(tmp_path / "t.docx", body, notes=notes))
    assert text.splitlines() == [
        "表前",
        "甲1",
        "乙1",
        "乙1续",
        "甲2",
        "乙2",
        "框中文字",
        "锚定段",
        "有脚注",
        "脚注内容。",
        "删",
    ]


def _bomb(path: Path, megabytes: int) -> Path:
    unit = "<w:p><w:r><w:t>" + "重复的文字" * 20 + "</w:t></w:r></w:p>"
    count = megabytes * 1024 * 1024 // len(unit.encode())
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z,
        z.open("word/document.xml", "w", force_zip64=True) as f,
    ):
        f.write(f"<w:document {W_NS}><w:body>".encode())
        chunk = (unit * 1000).encode()
        for _ in range(count // 1000):
            f.write(chunk)
        f.write(b"</w:body></w:document>")
    return path


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)")
@pytest.mark.parametrize("megabytes", [60, 250])
def test_docx_bombs_are_refused_fast_in_bounded_memory(tmp_path, megabytes):
    """60 MB of XML in ~200 KB, 250 MB in <1 MB: refused while reading, in a child measured for memory."""
    path = _bomb(tmp_path / "bomb.docx", megabytes)
    assert path.stat().st_size < 1.5 * 1024 * 1024
    code = textwrap.dedent(
        rf"""
        import re, time
        from reader.ingest.readers import DocumentError, read_document
        t = time.perf_counter()
        try:
            read_document({str(path)!r})
        except DocumentError as exc:
            # VmHWM: this process's own peak (ru_maxrss would carry over a large parent's peak across exec)
            status = open("/proc/self/status").read()
            print(exc.code, time.perf_counter() - t, re.search(r"VmHWM:\s*(\d+)", status).group(1))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    verdict, _seconds, max_rss_kb = out.stdout.split()
    assert verdict == "import-too-large"
    assert int(max_rss_kb) < 300 * 1024, f"peak memory {int(max_rss_kb) // 1024} MB"


def test_a_lying_zip_header_is_caught_while_reading(tmp_path):
    """The zip claims a small size; the stream is counted as it unpacks, so the lie does not help."""
    path = _bomb(tmp_path / "bomb.docx", 60)
    data = bytearray(path.read_bytes())
    # rewrite the uncompressed sizes the central directory and local header claim (zip64 extra fields)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
        real = info.file_size
    data = data.replace(real.to_bytes(8, "little"), (1000).to_bytes(8, "little"))
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.code in ("import-too-large", "import-damaged")


def test_a_fifo_is_refused_at_once_never_read(tmp_path):
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    code = (
        "from reader.ingest.readers import DocumentError, read_document\n"
        f"try:\n    read_document({str(fifo)!r})\nexcept DocumentError as exc:\n    print(exc.code)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "import-not-file"


def test_a_device_is_refused():
    with pytest.raises(DocumentError) as info:
        read_document(Path("/dev/zero").with_name("zero"), max_bytes=1024)
    assert info.value.code in ("import-not-file", "import-unsupported")
    with pytest.raises(DocumentError) as info:
        read_document(Path("/dev/null"))
    assert info.value.code in ("import-not-file", "import-unsupported")


# ---------------------------------------------------------------------------------------------
# OFD


def write_ofd(path: Path, pages: list[list[str]], *, split: int = 5, size: float = 3.5) -> Path:
    """An OFD package: each line of each page cut into text objects of ``split`` characters, written in reverse
    order (position, not order in the file, decides the reading order)."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "OFD.xml",
            f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        refs = "".join(f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f"<ofd:Document {ns}><ofd:Pages>{refs}</ofd:Pages></ofd:Document>")
        for n, lines in enumerate(pages):
            objects = []
            for row, line in enumerate(lines):
                for k in range(0, len(line), split):
                    chunk = line[k : k + split]
                    delta = f"g {len(chunk) - 1} {size}" if len(chunk) > 1 else ""
                    objects.append(
                        f'<ofd:TextObject ID="{row}{k}" Boundary="{20 + k * size} {30 + row * 6} 50 5" Size="{size}">'
                        f'<ofd:TextCode X="0" Y="4" DeltaX="{delta}">{chunk}</ofd:TextCode></ofd:TextObject>'
                    )
            objects.reverse()
            z.writestr(
                f"Doc_0/Pages/Page_{n}/Content.xml",
                f"<ofd:Page {ns}><ofd:Content><ofd:Layer>{''.join(objects)}</ofd:Layer></ofd:Content></ofd:Page>",
            )
    return path


CASE_LINES = [
    "1.推行游艇自由行“一网通办”提升湾区海事服务水平",
    "（深圳市提供）",
    "深圳海事局推行（船舶）登记“一网通办”，办理时限压缩 80%。",
    "一、主要做法",
    "（一）优化流程。实现全程网办。",
    "二、实践效果",
    "服务对象满意度达 99.5%。",
]


def test_ofd_text_is_read_character_for_character(tmp_path):
    path = write_ofd(tmp_path / "doc.ofd", [CASE_LINES[:4], CASE_LINES[4:]])
    text, kind = read_document(path)
    assert kind == "ofd"
    assert text.splitlines() == CASE_LINES
    doc = load_document(path)
    (case,) = doc.result.batch.cases
    assert case.title == "推行游艇自由行“一网通办”提升湾区海事服务水平"
    assert case.contributors == ("深圳市",)
    assert [s.heading for s in case.sections] == ["一、主要做法", "二、实践效果"]


def test_ofd_without_text_says_so(tmp_path):
    path = write_ofd(tmp_path / "scan.ofd", [[]])
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.code == "import-no-text"


def test_heading_styles_set_case_titles_apart(tmp_path):
    """Numbered case titles in a heading style, with neither contributor lines nor 一、 sections: still cases."""
    styles = '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/></w:style>'
    body = p("典型经验汇编", style="a3")
    for n, title in enumerate(["打造跨境电商综合服务平台", "建设国际数据专用通道", "推行游艇自由行"], start=1):
        lead = f"第{n}个案例的正文，" + "各地积极推进改革创新，形成了一批可复制可推广的经验做法，" * 3 + "成效明显。"
        body += p(title, num=(1, 0), style="a3") + p(lead) + p("1.第一点做法。") + p("2.第二点做法。")
    doc = load_document(docx(tmp_path / "h.docx", body, numbering=NUMBERING, styles=styles))
    assert [c.display_title for c in doc.result.batch.cases] == [
        "1. 打造跨境电商综合服务平台",
        "2. 建设国际数据专用通道",
        "3. 推行游艇自由行",
    ]
    assert doc.result.batch.cases[0].lead[0].startswith("第1个案例的正文，")
