"""A paragraph's bold run-in lead (``**三是….**沈阳…``, a Word paragraph opening with a bold sentence) is kept as
``Block.lead``: the characters of the block's text that were bold. The text itself never changes."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from reader.domain.case import Block, BlockKind, block_from_dict, block_to_dict, case_from_dict, case_to_dict
from reader.domain.text import plain_text
from reader.ingest import parse_document
from reader.ingest.readers import load_document

TITLE = "1.跨境数据服务新模式"
FILLER = "为推动数据要素有序流动，试点城市持续完善配套制度，推动相关主体共同参与，形成了可复制可推广的经验做法。"


def markdown_case(*body: str) -> str:
    """A one-case Markdown document with ``body`` as the paragraphs of its first section."""
    lines = [
        "# 最佳实践案例",
        f"## {TITLE}",
        "（广州市提供）",
        "广州探索跨境数据服务。" + FILLER,
        "### 一、主要做法",
        *body,
        "### 二、实践效果",
        "成效显著。" + FILLER,
        "**加粗**一行",
        "**加粗**二行",
        "**加粗**三行",
    ]
    return "\n\n".join(lines) + "\n"


def blocks_of(result) -> list[Block]:
    (case,) = result.batch.cases
    return list(case.sections[0].blocks)


def test_a_bold_lead_sentence_of_a_markdown_paragraph_is_kept():
    text = markdown_case(
        "**三是以园区化推动沉浸式剧本秀全产业链发展。**沈阳积极打造京坊剧本秀沉浸式文化娱乐产业园。" + FILLER,
        "平台汇聚数据资源，在**艺术品进出口通关监管**方面简化流程。" + FILLER,
        "**成都**支持成都天府国际生物城推出生物创新券。" + FILLER,
    )
    result = parse_document(text, batch_id="t", layout="markdown")
    first, middle, name = blocks_of(result)
    assert first.text.startswith("三是以园区化推动沉浸式剧本秀全产业链发展。沈阳积极打造")  # markers gone
    assert first.lead == len("三是以园区化推动沉浸式剧本秀全产业链发展。")
    assert first.text[: first.lead] == "三是以园区化推动沉浸式剧本秀全产业链发展。"
    assert middle.lead == 0  # bold in the middle of a paragraph is emphasis, not a lead
    assert name.lead == 0  # a bold name the sentence runs on from is not a lead sentence
    assert "**" not in plain_text(result.batch.cases[0])


def test_enumerated_siblings_of_a_bold_lead_get_their_first_sentence():
    # The OCR kept the bold of 三是 only; 一是 and 二是 of the same list were printed the same way.
    text = markdown_case(
        "一是以金融创新赋能文化产业发展。北京充分发挥国家文化产业创新实验区作用。" + FILLER,
        "二是以标准化赋能文化旅游产品创新发展。杭州发挥数字经济发展优势。" + FILLER,
        "**三是以园区化推动沉浸式剧本秀全产业链发展。**沈阳积极打造京坊剧本秀。" + FILLER,
        "同时，积极开展数字文旅理论研究。" + FILLER,
    )
    leads = [b.text[: b.lead] for b in blocks_of(parse_document(text, batch_id="t", layout="markdown"))]
    assert leads == [
        "一是以金融创新赋能文化产业发展。",
        "二是以标准化赋能文化旅游产品创新发展。",
        "三是以园区化推动沉浸式剧本秀全产业链发展。",
        "",
    ]


def test_without_a_bold_sibling_no_lead_is_invented():
    text = markdown_case(
        "一是以金融创新赋能文化产业发展。北京充分发挥国家文化产业创新实验区作用。" + FILLER,
        "二是以标准化赋能文化旅游产品创新发展。杭州发挥数字经济发展优势。" + FILLER,
    )
    assert [b.lead for b in blocks_of(parse_document(text, batch_id="t", layout="markdown"))] == [0, 0]


def test_a_bold_lead_of_a_numbered_point_counts_after_its_label():
    text = markdown_case("开展以下工作。" + FILLER, "**1.建设平台。**平台汇聚数据资源。" + FILLER)
    point = blocks_of(parse_document(text, batch_id="t", layout="markdown"))[1]
    assert (point.kind, point.label, point.text[: point.lead]) == (BlockKind.POINT, "1.", "建设平台。")
    assert point.lead_span() == (2, 2 + len("建设平台。"))


def word_document(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph("（广州市提供）")
    d.add_paragraph("广州探索跨境数据服务。" + FILLER)
    d.add_paragraph("一、主要做法")
    p = d.add_paragraph()
    p.add_run("一是建设数据服务平台。").bold = True
    p.add_run("平台汇聚数据资源，服务企业跨境业务。" + FILLER)
    p = d.add_paragraph()
    p.add_run("二是完善规则，").bold = True  # bold that ends no sentence
    p.add_run("规则覆盖数据出境全流程。" + FILLER)
    p = d.add_paragraph()
    p.add_run("三是强化监管。").style = "Strong"  # bold through a character style
    p.add_run("监管部门联合开展检查。" + FILLER)
    p = d.add_paragraph()
    p.add_run("全部加粗的一段不是引导句，而是一段加粗的正文。" + FILLER).bold = True
    d.add_paragraph("二、实践效果")
    d.add_paragraph("成效显著。" + FILLER)
    d.save(path)
    return path


def test_a_word_paragraph_opening_with_a_bold_sentence_keeps_it(tmp_path):
    doc = load_document(word_document(tmp_path / "案例.docx"))
    (case,) = doc.result.batch.cases
    first, second, third, whole = case.sections[0].blocks
    assert first.text[: first.lead] == "一是建设数据服务平台。"
    assert first.text[first.lead :].startswith("平台汇聚数据资源")
    assert second.lead == 0
    assert third.text[: third.lead] == "三是强化监管。"
    assert whole.lead == 0
    # The text read is the same as without any bold: the content hash (the batch id) does not change.
    assert "一是建设数据服务平台。平台汇聚数据资源" in doc.text


def test_lead_survives_the_json_shape_and_old_documents_have_none():
    block = Block(BlockKind.PARAGRAPH, "一是建设平台。平台汇聚数据资源。", lead=7)
    assert block_to_dict(block)["lead"] == 7
    assert block_from_dict(json.loads(json.dumps(block_to_dict(block)))) == block
    assert "lead" not in block_to_dict(Block(BlockKind.PARAGRAPH, "正文。"))
    assert block_from_dict({"kind": "paragraph", "text": "正文。"}).lead == 0  # stored by an older Casebook
    assert block_from_dict({"kind": "paragraph", "text": "正文。", "lead": 99}).lead == 0  # damaged: ignored
    with pytest.raises(ValueError):
        Block(BlockKind.PARAGRAPH, "正文。", lead=3)  # a lead never covers the whole paragraph


def test_bundled_casebook_leads(casebook):
    case = casebook.case("sop-c-3d469cdb")
    leads = [b.text[: b.lead] for s in case.walk() for b in s.blocks if b.lead]
    assert leads == [
        "一是以金融创新赋能文化产业发展。",
        "二是以标准化赋能文化旅游产品创新发展。",
        "三是以园区化推动沉浸式剧本秀全产业链发展。",
    ]
    assert case_from_dict(case_to_dict(case)) == case
    # Only the two OCR Markdown batches carry bold; the PDF text dumps have none to keep.
    batches = {c.batch_id for c in casebook.cases() for s in c.walk() for b in s.blocks if b.lead}
    assert batches == {"sop-c"}
