"""Key figures and the overview in the real main window: View menu, table → reader, bar → library, exports."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage

from reader.domain.glance import PRINTED
from reader.models.figures import COLUMNS
from reader.models.library import CASE, CaseIdRole, NodeKindRole
from tests.ui.uikit import type_chinese


def _menu_action(window, text: str):
    for menu_action in window.menuBar().actions():
        for act in menu_action.menu().actions():
            if act.text().replace("&", "") == text:
                return act
    raise AssertionError(f"no menu item {text!r}")


def _visible_case_ids(pane) -> list[str]:
    proxy, out = pane.proxy(), []

    def walk(parent):
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            if index.data(NodeKindRole) == CASE:
                out.append(index.data(CaseIdRole))
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return out


def test_figures_table_opens_the_case_at_the_sentence_and_exports_csv(qtbot, make_window, tmp_path):
    w = make_window()
    _menu_action(w, "Key Figures…").trigger()
    fw = w.figures_room.figures_window
    qtbot.waitUntil(fw.isVisible)
    type_chinese(fw.search, "境外仲裁员")
    rows = fw.proxy.visible_rows()
    target = next(i for i, r in enumerate(rows) if r.figure.case_id == "stid-a-02" and r.figure.value == 400)
    index = fw.proxy.index(target, COLUMNS.index("value"))
    fw.table.scrollTo(index)
    rect = fw.table.visualRect(index)
    # a real double click: press, release, then the double-click press (QTest's dclick alone is not one)
    qtbot.mouseClick(fw.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(fw.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.current_tab() is not None and w.current_tab().case_id == "stid-a-02", timeout=5000)
    card = w.current_tab().figures_card
    qtbot.waitUntil(lambda: bool(card.flash_spans()), timeout=3000)
    (start, end), *_ = card.flash_spans()
    assert "近 400 名境外仲裁员" in w.current_tab().view.raw_text()[start:end]

    out = fw.export_csv(tmp_path / "figures.csv")
    assert out is not None
    with Path(out).open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == fw.proxy.rowCount() and all("境外仲裁员" in (t["what"] + t["sentence"]) for t in table)


def test_overview_bar_filters_the_library_and_exports_png(qtbot, make_window, tmp_path):
    w = make_window()
    _menu_action(w, "The Casebook at a Glance…").trigger()
    gw = w.figures_room.glance_window
    qtbot.waitUntil(gw.isVisible)
    canvas = gw.canvas
    hit = next(h for h in canvas.hits if h.axis == PRINTED and h.value == "上海市")
    gw.scroll.ensureVisible(int(hit.rect.center().x()), int(hit.rect.center().y()))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=hit.rect.center().toPoint())
    shown = _visible_case_ids(w.library)
    # 上海市 is printed as contributor of these eight cases (read from the casebook)
    expected = {"stid-a-02", "stid-a-04", "stid-a-05", "stid-a-10", "stid-a-11", "stid-b-03", "stid-b-08", "stid-c-11"}
    assert set(shown) == expected
    assert "上海市" in w.library.filter_field.placeholderText()
    type_chinese(w.library.filter_field, "仲裁")  # typing a filter shows every case again, filtered by text
    assert "stid-a-02" in _visible_case_ids(w.library) and len(_visible_case_ids(w.library)) >= 1
    assert w.library.proxy().only() is None

    gw.mentioned.click()
    assert any(h.axis == "mentioned" for h in canvas.hits)
    assert not any(h.axis == PRINTED for h in canvas.hits)
    path = gw.export_png(tmp_path / "overview.png")
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 2 * 900


def test_canvas_hit_for_every_batch(qtbot, make_window):
    w = make_window()
    gw = w.figures_room.show_glance()
    batches = [h for h in gw.canvas.hits if h.axis == "batch"]
    assert [len(h.case_ids) for h in batches] == [25, 20, 16, 8, 11]
    assert gw.canvas.hit_at(QPointF(-5, -5)) is None


def test_the_figures_ui_is_translated_at_run_time(qtbot, make_window):
    """The strings reach the user in Chinese (lupdate must see them in the context Qt looks them up in)."""
    from PySide6.QtWidgets import QApplication

    from reader import i18n

    app = QApplication.instance()
    i18n.install(app, "zh_CN")
    try:
        w = make_window()
        assert _menu_action(w, "关键数据…") and _menu_action(w, "案例集一览…")
        w.open_case("stid-a-02")
        card = w.current_tab().view.document().toPlainText()
        assert "成效要点" in card and "本节共 10 项数据" in card
        fw = w.figures_room.show_figures()
        assert fw.windowTitle() == "关键数据" and fw.batch.itemText(0) == "全部批次"
        assert fw.model.headerData(0, Qt.Orientation.Horizontal) == "案例"
        gw = w.figures_room.show_glance()
        assert gw.windowTitle() == "案例集一览" and gw.mentioned.text() == "文中提及的地点"
    finally:
        i18n.install(app, "en")


def test_enter_in_the_table_opens_the_figure(qtbot, make_window):
    w = make_window()
    fw = w.figures_room.show_figures()
    fw.set_filters(batch="stid-b", unit="艘次")  # stid-b-08: 接待国际邮轮 240艘次 … (read from the case)
    assert fw.proxy.rowCount() == 4
    fw.table.setFocus()
    fw.table.setCurrentIndex(fw.proxy.index(0, 0))
    qtbot.keyClick(fw.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current_tab().case_id == "stid-b-08", timeout=5000)
    assert w.current_tab().figures_card.flash_spans()


def test_the_filtered_table_exports_to_word_and_pdf(qtbot, make_window, tmp_path):
    import re

    import docx
    from docx.oxml.ns import qn

    from tests.export.exportkit import pdffonts, pdftotext

    w = make_window()
    fw = w.figures_room.show_figures()
    fw.set_filters(search="亿元 融资")
    value = COLUMNS.index("value")
    fw.table.sortByColumn(value, Qt.SortOrder.DescendingOrder)
    shown = [fw.proxy.index(r, value).data() for r in range(fw.proxy.rowCount())]
    assert len(shown) >= 10 and shown[0] == "2.9 万亿元"  # 2.9 万亿元 融资租赁资产规模 (read from the case)

    out = tmp_path / "figures.docx"
    task = fw.export_document("docx", out)
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    document = docx.Document(str(out))
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells][value] == "Value"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [r.cells[value].text for r in table.rows[1:]] == shown  # the rows shown, in the order shown
    heads = [p.text for p in document.paragraphs[:4]]
    assert heads[0] == "Key Figures" and any("Search: 亿元 融资" in h for h in heads)

    pdf = tmp_path / "figures.pdf"
    task = fw.export_document("pdf", pdf)
    with qtbot.waitSignal(task.finished, timeout=60000):
        pass
    pages = pdftotext(pdf, "-layout").split("\f")[: task.result.pages]
    assert len(pages) >= 2 and all(re.search(r"Case\s+Batch", p) for p in pages)  # the header on every page
    flat = re.sub(r"\s+", "", "".join(pages))
    assert [flat.find(v.replace(" ", "")) >= 0 for v in shown] == [True] * len(shown)
    assert all(f["emb"] == "yes" for f in pdffonts(pdf))


def test_overview_names_batches_as_the_library_does_and_leaves_no_year_out(qtbot, make_window):
    w = make_window()
    gw = w.figures_room.show_glance()
    labels = [h.label for h in gw.canvas.hits if h.axis == "batch"]
    assert not any(label.startswith(("stid-", "sop-", "imp-")) for label in labels), labels
    titles = {b.id: b.title for b in w.catalog.batches()}
    assert labels[3] == titles["sop-a"] == "国家服务业扩大开放综合试点示范最佳实践案例"
    assert labels[0] != labels[2] and labels[0].startswith(titles["stid-a"]), "two batches share a title"
    with_figures = sorted(int(h.value) for h in gw.canvas.hits if h.axis == "year")
    assert gw.canvas.year_axis == list(range(with_figures[0], with_figures[-1] + 1))
    assert 2018 in gw.canvas.year_axis
