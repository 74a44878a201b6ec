"""A paragraph's bold lead (``Block.lead``) comes out bold, over exactly the lead, in every export: HTML,
Markdown, Word (read back with python-docx), the PDF (the glyphs Qt draws bold, read back from the file) and
the Word comparison. The text is the same as without it."""

from __future__ import annotations

import pytest

from reader.domain.annotation import new_highlight
from reader.domain.text import plain_text
from reader.export.bundle import make_job, write_export
from tests.export.exportkit import needs_poppler, pdf_bold_text, pdftotext, squeeze

docx = pytest.importorskip("docx")

CASE = "sop-c-3d469cdb"  # its （三） has 一是 / 二是 / 三是 paragraphs with bold leads
LEADS = (
    "一是以金融创新赋能文化产业发展。",
    "二是以标准化赋能文化旅游产品创新发展。",
    "三是以园区化推动沉浸式剧本秀全产业链发展。",
)
AFTER = ("北京充分发挥", "杭州发挥数字", "沈阳积极打造")  # how the rest of each paragraph begins


def led_blocks(case):
    return [b for s in case.walk() for b in s.blocks if b.lead]


def test_the_case_has_the_leads(casebook):
    blocks = led_blocks(casebook.case(CASE))
    assert [b.text[: b.lead] for b in blocks] == list(LEADS)
    assert [b.text[b.lead : b.lead + 6] for b in blocks] == list(AFTER)


def test_html_export(casebook, userdb, tmp_path):
    job = make_job(casebook, [CASE], userdb=userdb, title="t", format="html")
    html = write_export(job, tmp_path / "out.html").path.read_text(encoding="utf-8")
    for lead, after in zip(LEADS, AFTER, strict=True):
        assert f'<b class="lead">{lead}</b>{after}' in html
    assert html.count('<b class="lead">') == 3


def test_markdown_export_with_a_highlight_across_the_lead(casebook, userdb, tmp_path):
    case = casebook.case(CASE)
    text = plain_text(case)
    at = text.index(LEADS[2])
    userdb.add(new_highlight(case, at + len(LEADS[2]) - 3, at + len(LEADS[2]) + 4, color=1, text=text))
    job = make_job(casebook, [CASE], userdb=userdb, title="t", format="md")
    md = write_export(job, tmp_path / "out.md").path.read_text(encoding="utf-8")
    assert f"<b>{LEADS[0]}</b>{AFTER[0]}" in md
    mark = '<mark style="background-color:#'
    # The highlight is cut at the lead's end: its bold part inside <b>, the rest after it.
    line = next(line for line in md.splitlines() if "打造京坊剧本秀" in line)
    assert line.startswith(f"<b>{LEADS[2][:-3]}</b><b>{mark}"), line
    assert '">发展。</mark></b><mark style=' in line and '">沈阳积极</mark>打造京坊' in line, line
    assert "**三是" not in md


def test_word_export_has_bold_runs_over_exactly_the_lead(casebook, userdb, tmp_path):
    job = make_job(casebook, [CASE], userdb=userdb, title="t", format="docx")
    document = docx.Document(str(write_export(job, tmp_path / "out.docx").path))
    for lead, after in zip(LEADS, AFTER, strict=True):
        (para,) = [p for p in document.paragraphs if p.text.startswith(lead)]
        bold = "".join(r.text for r in para.runs if r.bold)
        assert bold == lead
        assert para.text[len(lead) :].startswith(after)
    others = [b.text for s in casebook.case(CASE).walk() for b in s.blocks if not b.lead]
    plain = [p for p in document.paragraphs if p.text in others]
    assert len(plain) == len(others) and not any(r.bold for p in plain for r in p.runs)


def test_word_comparison_shows_the_lead_bold(casebook, tmp_path):
    from reader.domain.compare import align
    from reader.export.docx_doc import write_comparison_docx

    cases = [casebook.case(CASE), casebook.case("stid-a-01")]
    alignment = align(cases, batch_titles={c.batch_id: casebook.batch_title(c.batch_id) for c in cases})
    document = docx.Document(str(write_comparison_docx(alignment, tmp_path / "cmp.docx").path))
    paragraphs = [p for row in document.tables[0].rows for p in row.cells[0].paragraphs]
    for lead in LEADS:
        (para,) = [p for p in paragraphs if p.text.startswith(lead)]
        assert "".join(r.text for r in para.runs if r.bold) == lead


@needs_poppler
def test_pdf_draws_exactly_the_lead_bold(qapp, casebook, userdb, tmp_path):
    from reader.export.fonts import register_fonts

    register_fonts()
    job = make_job(casebook, [CASE], userdb=userdb, title="t")
    result = write_export(job, tmp_path / "out.pdf")
    bold = "".join(pdf_bold_text(result.path, n) for n in range(result.pages))
    for lead, after in zip(LEADS, AFTER, strict=True):
        assert lead in bold
        assert after[:2] not in bold.split(lead, 1)[1][:2]  # the bold stops where the lead ends
    assert "（三）多维度体制机制创新赋能文化服务业发展。" in bold  # a heading, bold as ever
    assert "沈阳" not in bold and "同时，积极开展" not in bold
    text = squeeze(pdftotext(result.path))
    assert squeeze(LEADS[2] + "沈阳积极打造") in text  # the copy Qt draws for bold extracts to nothing
    assert text.count(squeeze(LEADS[2])) == 1
