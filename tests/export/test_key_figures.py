"""Each case's 成效要点 card in the case exports (PDF, Word, Markdown, HTML), the export dialog's checkbox and the
CLI's ``--key-figures/--no-key-figures``. Expected figures are read from the casebook by hand (stid-a-02's effect
section: 15 名 境内外仲裁专家, 近 400 名 境外仲裁员 …, ten figures in all)."""

from __future__ import annotations

import re

import pytest

from reader.export.bundle import batch_case_ids, make_job, write_export
from tests.export.exportkit import needs_poppler, pdffonts, pdftotext

docx = pytest.importorskip("docx")

#: stid-a-02's card as the reader shows it (figure as printed, what it counts, when).
ARBITRATION = [
    ("15 名", "境内外仲裁专家", ""),
    ("近 400 名", "境外仲裁员", ""),
    ("110多个", "国家和地区", ""),
    ("42 种", "语言", ""),
    ("3 家", "本地仲裁机构", "截至2022年底"),
    ("1 家", "国际组织仲裁机构业务机构", "截至2022年底"),
]


@pytest.fixture
def fonts(qapp):
    from reader.export.fonts import register_fonts

    register_fonts()


def batch_job(casebook, fmt: str, **options):
    return make_job(casebook, batch_case_ids(casebook, "stid-a"), format=fmt, **options)


def test_word_card_follows_the_effect_heading_with_a_repeated_header_row(casebook, tmp_path):
    from docx.oxml.ns import qn

    path = tmp_path / "a.docx"
    write_export(batch_job(casebook, "docx", key_figures=True), path)
    document = docx.Document(str(path))
    cards = [t for t in document.tables if [c.text for c in t.rows[0].cells] == ["数据", "所计对象", "时间"]]
    assert 20 <= len(cards) <= 25  # most of the 25 cases report figures in their effect section
    for table in cards:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on a new page
        caption = table._tbl.getprevious()
        heading = caption.getprevious()
        assert "".join(t.text or "" for t in caption.iter(qn("w:t"))) == "成效要点"
        assert caption.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
        heading_text = "".join(t.text or "" for t in heading.iter(qn("w:t")))
        assert "实践效果" in heading_text or "成效" in heading_text, heading_text
    arbitration = next(t for t in cards if t.rows[2].cells[1].text == "境外仲裁员")
    assert [tuple(c.text for c in r.cells) for r in arbitration.rows[1:]] == ARBITRATION
    assert "本节共 10 项数据" in "".join(t.text or "" for t in arbitration._tbl.getnext().iter(qn("w:t")))

    plain = tmp_path / "plain.docx"
    write_export(batch_job(casebook, "docx"), plain)  # the engine's default: no card
    assert not [t for t in docx.Document(str(plain)).tables if t.rows[0].cells[0].text == "数据"]


@needs_poppler
def test_pdf_card_stays_with_its_caption_and_the_fonts_are_embedded(casebook, tmp_path, fonts):
    path = tmp_path / "a.pdf"
    with_cards = write_export(batch_job(casebook, "pdf", key_figures=True), path)
    plain = write_export(batch_job(casebook, "pdf"), tmp_path / "plain.pdf")
    assert with_cards.pages > plain.pages
    text = pdftotext(path, "-layout")
    assert "成效要点" not in pdftotext(tmp_path / "plain.pdf")
    pages = text.split("\f")
    captions = [(i, p) for i, p in enumerate(pages) for line in p.splitlines() if line.strip() == "成效要点"]
    assert 20 <= len(captions) <= 25
    for i, page in captions:  # the caption, the header row and the first figure on one page
        after = page[page.index("成效要点") :]
        assert re.search(r"数据\s+所计对象\s+时间\s*\n\s*\S", after), f"page {i + 1} splits a card:\n{after[:300]}"
    assert re.search(r"近 400 名\s+境外仲裁员", text) and "本节共 10 项数据" in text
    assert re.search(r"3\s*家\s+本地仲裁机构\s+截至2022年底", text)  # pdftotext may drop the space
    for case in casebook.cases(batch_case_ids(casebook, "stid-a")):  # all 25 cases, not one
        assert re.sub(r"\s+", "", case.title)[:8] in re.sub(r"\s+", "", text)
    assert all(f["emb"] == "yes" for f in pdffonts(path))


def test_markdown_and_html_cards(casebook, tmp_path):
    md = tmp_path / "a.md"
    write_export(batch_job(casebook, "md", key_figures=True), md)
    text = md.read_text(encoding="utf-8")
    block = text[text.index("| 近 400 名") - 200 :]
    assert "**成效要点**" in block and "| 数据 | 所计对象 | 时间 |" in block
    assert "| 3 家 | 本地仲裁机构 | 截至2022年底 |" in block and "*本节共 10 项数据*" in block
    effect = text.rfind("### 二、实践效果", 0, text.index("| 近 400 名"))
    assert 0 <= text.index("| 近 400 名") - effect < 300  # right under the effect heading
    html = tmp_path / "a.html"
    write_export(batch_job(casebook, "html", key_figures=True), html)
    assert html.read_text(encoding="utf-8").count("成效要点") == text.count("**成效要点**") >= 20


def test_notes_only_digest_has_no_card(casebook, tmp_path, annotated):
    from tests.export.exportkit import CASES

    job = make_job(casebook, list(CASES), format="md", notes_only=True, key_figures=True)
    write_export(job, tmp_path / "n.md")
    assert "成效要点" not in (tmp_path / "n.md").read_text(encoding="utf-8")


def test_the_dialog_offers_the_card_on_by_default_and_remembers(qtbot, casebook, userdb, tmp_path):
    from reader.settings import Settings
    from reader.ui.export_dialog import ExportOptionsDialog

    settings = Settings(path=tmp_path / "settings.ini")
    dialog = ExportOptionsDialog(None, casebook=casebook, userdb=userdb, current_case_id="stid-a-02", settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.key_figures.isChecked() and dialog.key_figures.isEnabled()
    assert dialog.job().key_figures
    dialog.notes_only.setChecked(True)
    assert not dialog.key_figures.isEnabled()
    dialog.notes_only.setChecked(False)
    assert dialog.key_figures.isEnabled()
    dialog.key_figures.setChecked(False)
    assert not dialog.job().key_figures
    dialog.remember()
    again = ExportOptionsDialog(None, casebook=casebook, userdb=userdb, current_case_id="stid-a-02", settings=settings)
    qtbot.addWidget(again)
    assert not again.key_figures.isChecked()


def test_cli_flag(casebook_file, tmp_path):
    from tests.export.test_cli_export_command import casebook_cli

    base = ["--casebook", str(casebook_file), "--data-dir", str(tmp_path / "data"), "export", "stid-a-02"]
    on, off = tmp_path / "on.md", tmp_path / "off.md"
    assert casebook_cli(*base, "-o", str(on)).returncode == 0
    assert casebook_cli(*base, "--no-key-figures", "-o", str(off)).returncode == 0
    assert "| 近 400 名 | 境外仲裁员 |" in on.read_text(encoding="utf-8")
    assert "成效要点" not in off.read_text(encoding="utf-8")
