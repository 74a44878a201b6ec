"""OutlineModel: the open case's sections as a flat, indented list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.export.html import outline
from reader.models.outline import AnchorRole, LevelRole, OutlineModel


def test_model_passes_the_qt_model_tester_empty_filled_and_replaced(qtmodeltester, casebook):
    model = OutlineModel()
    qtmodeltester.check(model)  # empty
    case = casebook.case("stid-a-01")
    model.set_outline(outline(case))
    qtmodeltester.check(model)
    # The rows are the case's sections in reading order, subsections indented under them.
    assert model.rowCount() == 3 + sum(len(s.subsections) for s in case.sections) > 3
    first = model.index(0, 0)
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "一、主要做法" and first.data(LevelRole) == 1
    sub = model.index(1, 0)
    assert sub.data(LevelRole) == 2 and sub.data(Qt.ItemDataRole.DisplayRole).startswith("    ")
    assert model.row_of(sub.data(AnchorRole)) == 1 and model.row_of("no-such-anchor") == -1
    model.set_outline(outline(casebook.case(casebook.batches()[-1].cases[0].id)))  # another case replaces the rows
    qtmodeltester.check(model)
    model.set_outline([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and model.index(0, 0).data() is None
