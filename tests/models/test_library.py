"""LibraryModel: the batch → category → case tree."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt

from reader.models.library import (
    CASE_IDS_MIME,
    BatchIdRole,
    CaseIdRole,
    ContributorsRole,
    CountRole,
    LibraryModel,
    NodeKindRole,
    TitleRole,
    case_ids_from_mime,
)
from reader.storage.casebook import BatchSummary, CaseSummary

BATCH_IDS = ["stid-a", "stid-b", "stid-c", "sop-a", "sop-c"]
BATCH_COUNTS = [25, 20, 16, 8, 11]


@pytest.fixture
def batches(casebook) -> list[BatchSummary]:
    return casebook.batches()


@pytest.fixture
def model(batches) -> LibraryModel:
    return LibraryModel(batches=batches)


def _children(model, parent=QModelIndex()):  # noqa: B008
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def _walk(model, parent=QModelIndex()):  # noqa: B008
    for index in _children(model, parent):
        yield index
        yield from _walk(model, index)


def _case(case_id: str, batch_id: str, ordinal: int, *, category: str | None = None, number: int | None = None):
    return CaseSummary(
        id=case_id,
        batch_id=batch_id,
        ordinal=ordinal,
        number=number,
        title=f"Case {case_id}",
        category=category,
        contributors=(),
    )


def _batch(batch_id: str, cases, *, categories=(), order: int = 1) -> BatchSummary:
    return BatchSummary(
        id=batch_id,
        title=f"Batch {batch_id}",
        order=order,
        source=f"{batch_id}.md",
        publisher=None,
        date=None,
        categories=tuple(categories),
        cases=tuple(cases),
    )


def test_model_passes_the_qt_model_tester(qtmodeltester, model):
    assert model.rowCount() == 5
    qtmodeltester.check(model)


def test_five_batches_and_eighty_cases(model):
    batches = _children(model)
    assert [b.data(BatchIdRole) for b in batches] == BATCH_IDS
    assert [b.data(NodeKindRole) for b in batches] == ["batch"] * 5
    assert [b.data(CountRole) for b in batches] == BATCH_COUNTS
    kinds = [index.data(NodeKindRole) for index in _walk(model)]
    assert kinds.count("batch") == 5
    assert kinds.count("case") == 80
    assert model.case_count() == 80
    ids = model.case_ids()
    assert len(ids) == len(set(ids)) == 80
    # case_ids() is document order: the order of a depth-first walk of the tree
    assert ids == [i.data(CaseIdRole) for i in _walk(model) if i.data(NodeKindRole) == "case"]
    assert ids[0] == "stid-a-01"
    assert [model.document_position(cid) for cid in ids] == list(range(80))
    assert model.document_position("no-such-case") == -1


def test_categorised_batches_have_category_nodes(model, batches):
    by_id = {b.data(BatchIdRole): b for b in _children(model)}
    summaries = {b.id: b for b in batches}
    for batch_id in ("stid-c", "sop-a", "sop-c"):
        categories = _children(model, by_id[batch_id])
        assert [c.data(NodeKindRole) for c in categories] == ["category"] * len(categories)
        assert tuple(c.data(TitleRole) for c in categories) == summaries[batch_id].categories
        assert all(c.data(BatchIdRole) == batch_id for c in categories)
        assert sum(c.data(CountRole) for c in categories) == by_id[batch_id].data(CountRole)
        for category in categories:
            cases = _children(model, category)
            assert cases and all(c.data(NodeKindRole) == "case" for c in cases)
            assert category.data(CountRole) == len(cases)
            expected = [s.id for s in summaries[batch_id].cases if s.category == category.data(TitleRole)]
            assert [c.data(CaseIdRole) for c in cases] == expected
    assert len(_children(model, by_id["stid-c"])) == 5
    assert len(_children(model, by_id["sop-a"])) == 2
    assert len(_children(model, by_id["sop-c"])) == 3
    # batches without categories hold their cases directly
    for batch_id in ("stid-a", "stid-b"):
        kids = _children(model, by_id[batch_id])
        assert {k.data(NodeKindRole) for k in kids} == {"case"}


def test_display_texts(model, batches):
    first_batch = model.index(0, 0)
    assert first_batch.data(Qt.ItemDataRole.DisplayRole) == "全面深化服务贸易创新发展试点最佳实践案例 (25)"
    first_case = model.index(0, 0, first_batch)
    assert first_case.data(Qt.ItemDataRole.DisplayRole) == "1. 创新开展专利代理对外开放试点"
    # sop cases have no number: the bare title is shown
    sop_a = model.index(3, 0)
    category = model.index(0, 0, sop_a)
    assert category.data(Qt.ItemDataRole.DisplayRole) == f"{category.data(TitleRole)} ({category.data(CountRole)})"
    sop_case = model.index(0, 0, category)
    assert sop_case.data(Qt.ItemDataRole.DisplayRole) == sop_case.data(TitleRole)
    assert not sop_case.data(Qt.ItemDataRole.DisplayRole)[0].isdigit()
    for index, batch in zip(_children(model), batches, strict=True):
        assert index.data(Qt.ItemDataRole.DisplayRole) == f"{batch.title} ({len(batch.cases)})"


def test_roles(model):
    batch = model.index(0, 0)
    case = model.case_index("stid-a-01")
    assert case.data(CaseIdRole) == "stid-a-01"
    assert case.data(NodeKindRole) == "case"
    assert case.data(ContributorsRole) == ("广州市",)
    assert case.data(CountRole) == 1
    assert case.data(BatchIdRole) == "stid-a"
    assert case.data(TitleRole) == "创新开展专利代理对外开放试点"
    tooltip = case.data(Qt.ItemDataRole.ToolTipRole)
    assert "1. 创新开展专利代理对外开放试点" in tooltip and "广州市" in tooltip

    assert batch.data(CaseIdRole) is None
    assert batch.data(ContributorsRole) == ()
    assert batch.data(TitleRole) == "全面深化服务贸易创新发展试点最佳实践案例"
    assert "25" in batch.data(Qt.ItemDataRole.ToolTipRole)

    category = model.index(0, 0, model.index(2, 0))  # stid-c's first category
    assert category.data(NodeKindRole) == "category"
    assert category.data(CaseIdRole) is None
    assert category.data(ContributorsRole) == ()
    assert category.data(TitleRole) == "扩大服务领域对外开放"
    assert category.data(BatchIdRole) == "stid-c"

    multi = model.case_index("stid-c-02")
    assert multi.data(ContributorsRole) == ("重庆市",)
    assert multi.data(Qt.ItemDataRole.UserRole + 99) is None
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None


def test_case_index(model):
    for case_id in model.case_ids():
        index = model.case_index(case_id)
        assert index.isValid()
        assert index.data(CaseIdRole) == case_id
        assert model.index(index.row(), 0, index.parent()) == index
        top = index
        while top.parent().isValid():
            top = top.parent()
        assert top.data(NodeKindRole) == "batch"
        assert top.data(BatchIdRole) == case_id.rsplit("-", 1)[0]
    categorised = model.case_index("stid-c-02")
    assert categorised.parent().data(NodeKindRole) == "category"
    assert categorised.parent().parent().data(BatchIdRole) == "stid-c"
    assert not model.case_index("no-such-case").isValid()
    assert model.case_summary("stid-a-01").title == "创新开展专利代理对外开放试点"
    assert model.case_summary("no-such-case") is None


def test_set_batches_resets_the_model(qtbot, qtmodeltester, model):
    qtmodeltester.check(model)
    new = [
        _batch("x", [_case("x-1", "x", 1, number=1), _case("x-2", "x", 2, number=2)], order=1),
        _batch(
            "y",
            [
                _case("y-1", "y", 1, category="B"),
                _case("y-2", "y", 2, category="A"),
                _case("y-3", "y", 3, category="stray"),  # not in the batch's list: a group of its own
            ],
            categories=["A", "B", "Empty"],  # an empty category is left out
            order=2,
        ),
    ]
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_batches(new)
    assert model.rowCount() == 2
    assert model.case_count() == 5
    assert model.case_ids() == ["x-1", "x-2", "y-2", "y-1", "y-3"]  # document order follows the tree
    assert not model.case_index("stid-a-01").isValid()
    assert model.index(0, 0).data(Qt.ItemDataRole.DisplayRole) == "Batch x (2)"
    assert model.case_index("x-2").data(Qt.ItemDataRole.DisplayRole) == "2. Case x-2"
    y = model.index(1, 0)
    assert [c.data(TitleRole) for c in _children(model, y)] == ["A", "B", "stray"]
    assert [c.data(CountRole) for c in _children(model, y)] == [1, 1, 1]
    assert model.case_index("y-3").parent().data(TitleRole) == "stray"

    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_batches([])
    assert model.rowCount() == 0
    assert model.case_count() == 0


def test_drag_carries_case_ids_in_document_order(model):
    picked = [model.case_index("stid-b-02"), model.case_index("stid-a-03"), model.case_index("stid-a-01")]
    picked.append(model.index(0, 0))  # a batch row in the selection is ignored
    picked.append(model.case_index("stid-a-03"))  # so is a duplicate
    mime = model.mimeData(picked)
    assert mime is not None
    assert CASE_IDS_MIME in model.mimeTypes() and "text/plain" in model.mimeTypes()
    assert mime.hasFormat(CASE_IDS_MIME)
    assert case_ids_from_mime(mime) == ["stid-a-01", "stid-a-03", "stid-b-02"]
    assert bytes(mime.data(CASE_IDS_MIME).data()).decode() == "stid-a-01\nstid-a-03\nstid-b-02"
    lines = mime.text().splitlines()
    assert lines[0] == "1. 创新开展专利代理对外开放试点"
    assert len(lines) == 3
    assert model.supportedDragActions() & Qt.DropAction.CopyAction


def test_case_ids_from_foreign_mime():
    assert case_ids_from_mime(QMimeData()) == []
    plain = QMimeData()
    plain.setText("stid-a-01")
    assert case_ids_from_mime(plain) == []


def test_only_cases_are_draggable(model):
    batch = model.index(2, 0)  # stid-c
    category = model.index(0, 0, batch)
    case = model.index(0, 0, category)
    drag = Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(batch) & drag
    assert not model.flags(category) & drag
    assert model.flags(case) & drag
    for index in (batch, category, case):
        assert model.flags(index) & Qt.ItemFlag.ItemIsSelectable
        assert model.flags(index) & Qt.ItemFlag.ItemIsEnabled
    assert model.flags(case) & Qt.ItemFlag.ItemNeverHasChildren
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert model.mimeData([batch, category]) is None


def test_annotation_counts_mark_case_rows_and_signal_only_what_changed(qtmodeltester, qtbot, model):
    from reader.models.library import AnnotationCountRole

    a01 = model.case_index("stid-a-01")
    b03 = model.case_index("stid-b-03")
    assert a01.data(AnnotationCountRole) == 0
    assert a01.data(Qt.ItemDataRole.AccessibleDescriptionRole) is None
    changed_rows = []
    model.dataChanged.connect(lambda top, bottom, roles: changed_rows.append((top.data(CaseIdRole), list(roles))))
    with qtbot.waitSignal(model.annotation_counts_changed):
        assert model.set_annotation_counts({"stid-a-01": 2, "stid-b-03": 1, "gone-case": 4}) == [
            "stid-a-01",
            "stid-b-03",
            "gone-case",
        ]
    assert [cid for cid, _roles in changed_rows] == ["stid-a-01", "stid-b-03"]  # no row for an unknown case
    assert AnnotationCountRole in changed_rows[0][1]
    assert a01.data(AnnotationCountRole) == 2
    assert "2" in a01.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert a01.data(Qt.ItemDataRole.ToolTipRole).splitlines()[-1] == a01.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert model.index(0, 0).data(AnnotationCountRole) == 0  # a batch row has no marker
    changed_rows.clear()
    with qtbot.assertNotEmitted(model.annotation_counts_changed):
        assert model.set_annotation_counts({"stid-a-01": 2, "stid-b-03": 1, "gone-case": 4}) == []
    assert changed_rows == []
    assert model.set_annotation_counts({"stid-a-01": 3}) == ["stid-a-01", "stid-b-03", "gone-case"]
    assert b03.data(AnnotationCountRole) == 0
    # The counts survive a reset of the tree (an imported batch).
    model.set_batches(list(model_batches(model)))
    assert model.case_index("stid-a-01").data(AnnotationCountRole) == 3
    qtmodeltester.check(model)


def model_batches(model):
    return {id(n.batch): n.batch for n in (model._by_id[c] for c in model.case_ids())}.values()
