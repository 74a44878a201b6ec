"""AnnotationListModel: the annotations of a case (or the library), one row each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reader.domain.annotation import new_bookmark, new_case_note, new_highlight
from reader.domain.text import plain_text
from reader.models.annotations import AnnotationIdRole, AnnotationListModel, AnnotationRole, CaseIdRole

COLOURS = ("#ffe27a", "#a8e6a1", "#9fd0ff", "#ffb3cf", "#d9b8ff")


def test_model_passes_the_qt_model_tester_with_every_kind_of_annotation(qtmodeltester, casebook):
    case = casebook.case("stid-a-01")
    text = plain_text(case)
    start = text.index("专利代理")
    rows = [
        new_highlight(case, start, start + 4, color=2, note="**要点**\n第二行", tags=["知识产权"]),
        new_bookmark(case, start),
        new_case_note(case.id, "整个案例的笔记"),
    ]
    model = AnnotationListModel(colours=COLOURS, case_title=lambda cid: f"标题 {cid}")
    qtmodeltester.check(model)  # empty
    model.set_annotations(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    highlight = model.index(0, 0)
    assert highlight.data(AnnotationRole) == rows[0] and highlight.data(AnnotationIdRole) == rows[0].id
    assert highlight.data(CaseIdRole) == "stid-a-01"
    assert highlight.data(Qt.ItemDataRole.DecorationRole) == QColor(COLOURS[2])
    assert highlight.data().splitlines() == ["“专利代理”", "要点", "#知识产权"]
    assert model.index(2, 0).data(Qt.ItemDataRole.DecorationRole) is None  # a case note has no colour
    assert model.row_of(rows[1].id) == 1 and model.row_of("nope") == -1

    model.set_annotations(rows[:1], show_case=True)  # the library view: each row names its case
    qtmodeltester.check(model)
    assert model.index(0, 0).data().splitlines()[-1] == "#知识产权 · 标题 stid-a-01"
    model.set_annotations([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_a_case_notes_row_starts_with_its_text():
    """The field walkthrough saw a case note listed only as "案例批注…": its text is on the row's first line."""
    model = AnnotationListModel(colours=COLOURS, case_title=lambda cid: cid)
    model.set_annotations(
        [new_case_note("stid-a-01", "**培训**要点：三条做法\n第二行"), new_case_note("stid-a-02", "")]
    )
    first = model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole).splitlines()
    assert first[0] == "Note on the case：培训要点：三条做法" and len(first) == 1
    assert model.data(model.index(1, 0), Qt.ItemDataRole.DisplayRole) == "Note on the case"
