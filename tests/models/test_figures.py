"""The figures table model and its filter: model contract, filters, sorting by value, CSV."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import Qt

from reader.models.figures import COLUMNS, FiguresFilter, FiguresModel, RowRole, rows_csv
from reader.ui.figures_window import load_rows


@pytest.fixture(scope="module")
def rows():
    from reader import resources
    from reader.storage.casebook import Casebook

    return load_rows(Casebook.open(resources.casebook_path()))


def test_model_contract_and_rows(qtmodeltester, rows):
    model = FiguresModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == len(rows) > 500
    first = model.index(0, COLUMNS.index("case")).data(RowRole)
    assert first.figure.case_id == "stid-a-01"


def test_filters_search_and_sort_by_value(qtmodeltester, rows):
    model = FiguresModel()
    model.set_rows(rows)
    proxy = FiguresFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filters(search="亿元 融资")
    shown = proxy.visible_rows()
    assert shown
    assert all("亿元" in r.figure.text and ("融资" in r.figure.sentence or "融资" in r.case_title) for r in shown)
    # stid-b-13 (read from the text): 融资结算金额突破 1亿元
    assert any(r.figure.case_id == "stid-b-13" and r.figure.value == 100000000 for r in shown)
    proxy.set_filters(batch="stid-c", unit="元")
    assert {r.batch_id for r in proxy.visible_rows()} == {"stid-c"}
    assert {r.figure.unit for r in proxy.visible_rows()} == {"元"}
    proxy.sort(COLUMNS.index("value"), Qt.SortOrder.DescendingOrder)
    values = [r.figure.value for r in proxy.visible_rows()]
    assert values == sorted(values, reverse=True) and values[0] >= 1e10  # 800亿元 of stid-c-01 and others
    proxy.set_filters(region="上海市")
    assert proxy.visible_rows() and all("上海市" in r.regions.regions for r in proxy.visible_rows())
    proxy.set_filters(category="")  # cases without a category (stid-a, stid-b)
    assert {r.batch_id for r in proxy.visible_rows()} == {"stid-a", "stid-b"}


def test_csv_reads_back(rows):
    some = [r for r in rows if r.figure.case_id == "stid-a-02"]
    table = list(csv.DictReader(io.StringIO(rows_csv(some))))
    assert len(table) == len(some)
    row = next(t for t in table if t["text"] == "近 400 名")
    assert (row["value"], row["unit"], row["what"], row["qualifier"]) == ("400", "名", "境外仲裁员", "近")
    assert row["regions"] == "上海市" and row["regions_source"] == "printed"
