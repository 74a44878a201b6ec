"""The importer's warnings and refusals in the Chinese UI: every message the preview dialog shows is Chinese.

The ingest core gives each warning a code and parameters (``reader.ingest.messages``); the dialog translates the
template and fills it in. A document made to produce many kinds of warning is imported through the real preview
dialog with the Chinese UI; files the importer refuses show their reason there. A message that stays English
fails (the check is the Chinese-UI test's: any English word but format names). The file name is content, so it
is left out of the check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QCoreApplication

from reader import i18n
from reader.ingest.messages import CONTEXT, TEMPLATES, placeholders
from reader.ingest.readers import MAX_BYTES
from reader.ui.import_dialog import ImportPreviewDialog
from tests.ui.test_chinese_ui import english_words

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"


def case(number: int, title: str, *body: str) -> list[str]:
    return [f"{number}.{title}", "（广州市提供）", "导语段落。", *(body or ("一、主要做法", "推进改革。"))]


#: Warnings of many kinds: a junk line, numbers that jump and repeat, a case without sections (a subsection
#: before any section), sections out of order, a title cut where it wrapped, the same title many times (said
#: once, with the count), a numbered line out of sequence.
WARNED = "\n".join(
    [
        "经验做法汇编",
        "※※※※※※",
        *case(1, "建立跨境服务机制", "一、主要做法", "推进改革。", "三、取得成效", "成效明显。"),
        *case(2, "打造数字贸易平台", "（一）没有章节的小节", "正文。"),
        *case(4, "深化金融开放与"),
        *[line for n in range(5, 9) for line in case(n, "同一个标题")],
        *case(8, "又一个案例"),
        "12.一个看似标题的编号行",
    ]
)


@pytest.fixture
def chinese(qapp):
    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


def english(text: str, name: str) -> list[str]:
    """English words in ``text`` but the file's name, file extensions (``.docx``) and OCR."""
    text = re.sub(r"\.[a-z]+\b", " ", text.replace(name, " "))
    return [w for w in english_words(text) if w != "OCR"]


def test_every_import_message_has_a_chinese_translation_with_its_placeholders(chinese):
    for code, template in TEMPLATES.items():
        translated = QCoreApplication.translate(CONTEXT, template)
        assert translated != template, code
        assert placeholders(translated) == placeholders(template), code
        assert not english_words(translated.format(**{p: "" for p in placeholders(template)})), (code, translated)


def test_preview_warnings_are_chinese(qtbot, library, tmp_path, chinese):
    path = tmp_path / "经验汇编.txt"
    path.write_text(WARNED, encoding="utf-8")
    dialog = ImportPreviewDialog(path=path, library=library)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    warnings = dialog.warnings_model.stringList()
    seen = {w.code for w in dialog.parsed.warnings}
    expected = {"dropped-line", "numbers-jump", "number-repeated", "no-sections", "title-cut", "duplicate-title"}
    assert expected | {"shared-titles", "sub-before-section", "numbered-not-case"} <= seen
    assert len(warnings) == len(dialog.parsed.warnings) >= 9
    assert any("出现了 4 次" in w for w in warnings)  # the duplicates said once, with the count
    assert any("从 2 跳到 4" in w for w in warnings)
    for text in [*warnings, dialog.warnings_label.text()]:
        assert not english(text, path.name), text


def _blank_pdf(path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(str(path))
    pdf.close()


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("旧文档.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "import-old-format"),
        ("旧文档.wps", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "import-old-format"),
        ("扫描件.pdf", _blank_pdf, "import-no-text"),
        (
            "报告.txt",
            lambda p: p.write_text("关于试点工作的报告\n一是推进改革。\n", encoding="utf-8"),
            "import-no-cases",
        ),
        ("空白.txt", lambda p: p.write_text("  \n\n", encoding="utf-8"), "import-empty"),
        ("太大.txt", lambda p: p.open("wb").truncate(MAX_BYTES + 1), "import-too-large"),
        ("损坏.docx", lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "import-damaged"),
    ],
)
def test_refusals_are_chinese(qtbot, library, tmp_path, chinese, name, make, code):
    path = tmp_path / name
    make(path)
    dialog = ImportPreviewDialog(path=path, library=library)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=20000) as blocker:
        pass
    message = blocker.args[0]
    assert message and not english(message, name), message
    assert not english(dialog.error_label.text(), name), dialog.error_label.text()
    if code == "import-no-cases":
        assert "未识别出案例" in message
