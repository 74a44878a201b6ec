"""A PDF printed by LibreOffice from a Word file (committed; made by fixtures/make_fixtures.py): every character
read back in place, including one drawn from a fallback font after the rest of its line, quotes and brackets."""

from __future__ import annotations

from pathlib import Path

from reader.ingest.readers import load_document, read_document

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "lo_fallback.pdf"

#: What the PDF prints (typed here, not taken from the generator).
PRINTED = (
    "1.推行游艇自由行“一网通办”提升湾区海事服务水平"
    "（深圳市提供）"
    "按照“一所（院）一策”原则，探索试点“三不一综合”（不定行政级别，不定编制，不受岗位设臵和工资总额限制，"
    "实行综合预算管理），办理时限压缩80%，满意度达99.5%。"
    "一、主要做法"
    "（一）优化流程。实现（船舶）登记全程网办，推动要素跨境流动和全球配臵。"
    "二、实践效果"
    "服务对象满意度达99.5%，“两证联办”窗口全面设立。"
)


def test_every_character_in_place():
    text, kind = read_document(FIXTURE)
    assert kind == "pdf"
    assert "".join(text.split()) == PRINTED


def test_the_case_reads_exactly():
    (case,) = load_document(FIXTURE).result.batch.cases
    assert case.title == "推行游艇自由行“一网通办”提升湾区海事服务水平"
    assert case.contributors == ("深圳市",)
    assert [s.heading for s in case.sections] == ["一、主要做法", "二、实践效果"]
    assert "".join(case.lead[0].split()).endswith(
        "不受岗位设臵和工资总额限制，实行综合预算管理），办理时限压缩80%，满意度达99.5%。"
    )
