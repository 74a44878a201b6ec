"""The main window, driven the way a user drives it (offscreen, real casebook, real widgets)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from reader.models.library import CaseIdRole, NodeKindRole
from reader.settings import Settings
from tests.export.exportkit import needs_poppler, pdftotext
from tests.ui.uikit import type_chinese

ROOT = Path(__file__).resolve().parents[2]


def _count(model, parent, kind):
    n = 0
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        if idx.data(NodeKindRole) == kind:
            n += 1
        n += _count(model, idx, kind)
    return n


def test_tree_has_all_batches_and_cases(make_window):
    w = make_window()
    from PySide6.QtCore import QModelIndex

    assert _count(w.library_model, QModelIndex(), "batch") == 5
    assert _count(w.library_model, QModelIndex(), "case") == 80
    assert w.current_tab() is not None and w.current_tab().view.case is not None, "a case is rendered at start"


def test_search_then_open_result_highlights_and_steps(make_window, qtbot):
    w = make_window()
    with qtbot.waitSignal(w.search.search_finished, timeout=10000) as blocker:
        type_chinese(w.search.search_field, "游艇")
    assert blocker.args[0] > 0
    first = w.search.model.index(0, 0)
    case_id = first.data(CaseIdRole)
    w.search.list.setCurrentIndex(first)
    w.search.list.setFocus()
    qtbot.keyClick(w.search.list, Qt.Key.Key_Return)
    tab = w.current_tab()
    assert tab.case_id == case_id
    view = tab.view
    assert view.hit_count() > 1 and view.current_hit() == 1
    text = view.raw_text()
    assert all(
        text[s:e].replace(" ", "").replace("\u2060", "") == "游艇" for s, e in view.hit_spans()
    )  # joiners in the title
    # every occurrence in the rendered text is highlighted
    assert view.hit_count() == text.replace(" ", "").count("游艇") or view.hit_count() >= text.count("游艇")
    qtbot.keyClick(w, Qt.Key.Key_F3)
    assert view.current_hit() == 2
    qtbot.keyClick(w, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_hit() == 1
    assert "1" in w.hit_label.text() and str(view.hit_count()) in w.hit_label.text()


def test_back_and_forward(make_window, qtbot):
    w = make_window()
    start = w.current_tab().case_id
    w.open_case("stid-b-02")
    w.open_case("stid-c-03")
    assert w.current_tab().case_id == "stid-c-03"
    qtbot.keyClick(w, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert w.current_tab().case_id == "stid-b-02"
    w.back()
    assert w.current_tab().case_id == start
    assert not w.menus.act_back.isEnabled()
    qtbot.keyClick(w, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert w.current_tab().case_id == "stid-b-02"
    # the mouse's back button
    view = w.current_tab().view.viewport()
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.BackButton,
        Qt.MouseButton.BackButton,
        Qt.KeyboardModifier.NoModifier,
    )
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    QApplication.sendEvent(view, press)
    assert w.current_tab().case_id == start


def test_tabs_and_session_restore(make_window, qtbot):
    w = make_window()
    w.open_case("stid-a-06", True)
    assert w.tabs.count() == 2
    w.current_tab().view.verticalScrollBar().setValue(400)
    scroll = w.current_tab().view.verticalScrollBar().value()
    assert scroll > 0
    w.close()
    w2 = make_window()
    assert w2.tabs.count() == 2
    assert w2.current_tab().case_id == "stid-a-06"
    qtbot.waitUntil(lambda: w2.current_tab().view.verticalScrollBar().value() == scroll, timeout=3000)
    qtbot.keyClick(w2, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert w2.tabs.count() == 1


def test_zoom_is_remembered(make_window, qtbot):
    w = make_window()
    qtbot.keyClick(w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert w.settings.get("reader/zoom") == 110
    html = w.current_tab().view.document().toHtml()
    assert "font-size:19px" in html.replace(" ", "") or "19px" in html
    w.close()
    w2 = make_window()
    assert w2.settings.get("reader/zoom") == 110
    qtbot.keyClick(w2, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert w2.settings.get("reader/zoom") == 100


def test_themes(make_window, qtbot):
    w = make_window()
    w.appearance.set_theme("dark")
    assert w.appearance.theme.name == "dark"
    qtbot.waitUntil(lambda: w.palette().window().color().lightness() < 80)
    assert "#e6e6e6" in w.current_tab().view.document().toHtml().lower()
    w.appearance.set_theme("contrast")
    assert w.appearance.theme.name == "contrast"
    qtbot.waitUntil(lambda: w.palette().window().color().lightness() == 0)
    w.appearance.set_theme("light")
    qtbot.waitUntil(lambda: w.palette().window().color().lightness() > 200)
    assert w.settings.get("ui/theme") == "light"


def test_outline_jumps_and_tracks(make_window, qtbot):
    w = make_window()
    w.open_case("stid-a-01")
    view = w.current_tab().view
    assert w.outline_model.rowCount() >= 3
    idx = w.outline_model.index(w.outline_model.rowCount() - 1, 0)
    w._outline_clicked(idx)
    qtbot.waitUntil(lambda: view.current_section() != "")
    assert view.verticalScrollBar().value() > 0


def test_in_case_find_ignores_pdf_spaces(make_window, qtbot):
    w = make_window()
    w.open_case("stid-a-01")
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    tab = w.current_tab()
    assert tab.find_bar.isVisible()
    with qtbot.waitSignal(tab.hits_changed, timeout=3000):
        type_chinese(tab.find_bar.field, "3家")
    assert tab.view.hit_count() >= 1
    s, e = tab.view.hit_spans()[0]
    assert tab.view.raw_text()[s:e] == "3 家"


def test_copy_with_reference(make_window, qtbot):
    w = make_window()
    w.open_case("stid-a-01")
    view = w.current_tab().view
    view.selectAll()
    text = view.copy_with_reference()
    assert text.endswith("——《创新开展专利代理对外开放试点》（全面深化服务贸易创新发展试点最佳实践案例）")
    assert QApplication.clipboard().text() == text


def test_preferences_dialog_round_trip(make_window, qtbot):
    from reader.ui.preferences import PreferencesDialog

    w = make_window()
    dlg = PreferencesDialog(settings=w.settings, parent=w)
    qtbot.addWidget(dlg)
    dlg.theme.setCurrentIndex(dlg.theme.findData("dark"))
    dlg.zoom.setValue(150)
    dlg.copy_reference.setChecked(True)
    dlg.language.setCurrentIndex(dlg.language.findData("en"))
    dlg.accept()
    assert dlg.language_changed
    again = Settings(path=w.settings.path)
    assert (again.get("ui/theme"), again.get("reader/zoom"), again.get("reader/copy_reference")) == ("dark", 150, True)
    assert again.get("ui/language") == "en"


def test_about_dialog_facts(make_window, qtbot):
    from reader import __version__
    from reader.ui.about import AboutDialog

    w = make_window()
    dlg = AboutDialog(casebook=w.catalog, paths=w.paths, parent=w)
    qtbot.addWidget(dlg)
    text = dlg.label.text()
    assert __version__ in text and "80" in text
    # The bundled casebook is reproducible: no build time, the fingerprint of its sources instead.
    sources = w.catalog.meta()["sources"]
    assert hashlib.sha256(sources.encode()).hexdigest()[:12] in text
    assert str(w.paths.data_dir) in text


def test_about_dialog_shows_a_build_time_when_the_casebook_has_one(make_window, qtbot, tmp_path, monkeypatch):
    from reader.storage.casebook import Casebook, build_casebook
    from reader.ui.about import AboutDialog

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    w = make_window()
    out = tmp_path / "dated" / "casebook.db"
    build_casebook(ROOT / "data" / "sources", out)
    dlg = AboutDialog(casebook=Casebook.open(out), paths=w.paths, parent=w)
    qtbot.addWidget(dlg)
    text = dlg.label.text()
    bundled = AboutDialog(casebook=w.catalog, paths=w.paths, parent=w)
    qtbot.addWidget(bundled)
    assert text.count("<tr>") == bundled.label.text().count("<tr>") + 1, "one more row: when it was built"
    assert "2023-11-14T" not in text, "shown as a local date and time, not ISO"
    assert ("2023" in text or "23" in text) and "11" in text and ("14" in text or "15" in text)


def test_print_to_pdf_printer(make_window, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    w = make_window()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "case.pdf"
    printer.setOutputFileName(str(out))
    w.current_tab().view.document().print_(printer)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 5000


def test_no_network_while_running(make_window, qtbot):
    """The conftest guard turns any TCP/UDP connect into an error; a full session of use trips nothing."""
    import socket

    w = make_window()
    with pytest.raises(AssertionError):
        socket.create_connection(("127.0.0.1", 9))
    w.edit.focus_search()
    w.search.set_query("数据")
    qtbot.waitSignal(w.search.search_finished, timeout=10000)
    w.open_case("sop-a-" + w.catalog.batches()[3].cases[0].id.split("-")[-1], True)
    w.appearance.zoom(10)
    w.appearance.set_theme("dark")


def test_compare_from_tree_selection_and_session(make_window, qtbot):
    from PySide6.QtCore import QItemSelectionModel

    from reader.ui.compare_view import CompareView

    w = make_window()
    pane = w.library
    sel = pane.tree.selectionModel()
    sel.clearSelection()
    for cid in ("stid-a-02", "stid-c-02"):
        src = w.library_model.case_index(cid)
        idx = pane.proxy().mapFromSource(src)
        sel.select(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert pane.selected_case_ids() == ["stid-a-02", "stid-c-02"]
    w.left.setCurrentIndex(0)
    w.compare.compare_selected()
    cv = w.compare.current()
    assert isinstance(cv, CompareView) and cv.case_ids() == ["stid-a-02", "stid-c-02"]
    # The outline lists the comparison's rows (the lead first), not the case behind it.
    assert w.current_tab() is None
    assert w.outline_model.index(0, 0).data() == "Lead" and w.outline_model.rowCount() > 1
    w.close()
    w2 = make_window()
    restored = w2.compare.views()
    assert len(restored) == 1 and restored[0].case_ids() == ["stid-a-02", "stid-c-02"]


def test_present_f5_and_back_to_the_same_place(make_window, qtbot):
    w = make_window()
    w.open_case("stid-a-02")
    view = w.current_tab().view
    view.scroll_to_position(600)
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() == 600, timeout=3000)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    presentation = w.presenting.presentation
    assert presentation is not None
    with qtbot.waitSignal(presentation.finished, timeout=5000):
        qtbot.keyClick(presentation, Qt.Key.Key_Escape)
    assert w.presenting.presentation is None
    qtbot.waitUntil(lambda: abs(w.current_tab().view.verticalScrollBar().value() - 600) <= 2, timeout=3000)


def test_add_selection_to_playlist(make_window):
    from reader.storage import playlists

    w = make_window()
    w.open_case("stid-b-02")
    w.presenting.add_selection_to_playlist()
    (p,) = playlists.list_playlists(w.annotation_store.db)
    assert playlists.playlist_case_ids(playlists.playlist(w.annotation_store.db, p.id)) == ["stid-b-02"]


@needs_poppler
def test_export_comparison_to_pdf(make_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog

    from reader.ui.export_dialog import ExportOptionsDialog

    w = make_window()
    view = w.compare.compare_cases(["stid-a-02", "stid-c-02"])
    qtbot.waitUntil(lambda: view.column_count() == 2, timeout=5000)
    out = tmp_path / "compare.pdf"
    scopes = []

    def accept(dialog):
        scopes.append(dialog.scope())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportOptionsDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    w.compare.export_comparison()
    assert scopes == ["comparison"]  # from a compare tab, the export offers the comparison
    qtbot.waitUntil(out.exists, timeout=20000)
    text = pdftotext(out).replace(" ", "")
    for cid in ("stid-a-02", "stid-c-02"):
        assert w.catalog.summary(cid).title.replace(" ", "")[:10] in text.replace("\n", "")


def test_escape_closes_the_find_bar(make_window, qtbot):
    w = make_window()
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = w.current_tab().find_bar
    assert bar.isVisible()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_find_and_f3_work_in_a_comparison_tab(make_window, qtbot):
    w = make_window()
    view = w.compare.compare_cases(["stid-a-02", "stid-c-02"])
    qtbot.waitUntil(lambda: view.column_count() == 2, timeout=5000)
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.find_bar.isVisible() and view.find_bar.field.hasFocus()
    with qtbot.waitSignal(view.hits_changed, timeout=3000):
        type_chinese(view.find_bar.field, "仲裁")
    qtbot.waitUntil(lambda: view.current_hit() == 1, timeout=3000)
    total = view.hit_count()
    assert total > 2
    assert w.hit_label.text() == w.tr("Hit %1 of %2").replace("%1", "1").replace("%2", str(total))
    qtbot.keyClick(w, Qt.Key.Key_F3)
    assert view.current_hit() == 2 and str(total) in w.hit_label.text()
    qtbot.keyClick(w, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_hit() == 1


def test_closing_a_comparison_tab_leaves_no_dead_view_behind(make_window, qtbot):
    """After the closed view is really deleted, tab switches, theme and zoom changes still work."""
    from PySide6.QtCore import QEvent

    w = make_window()
    view = w.compare.compare_cases(["stid-a-02", "stid-c-02"])
    qtbot.waitUntil(lambda: view.column_count() == 2, timeout=5000)
    w.open_case("stid-a-03", True)
    w.tabs.setCurrentWidget(view)
    w.close_tab(w.tabs.indexOf(view))
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the deleteLater() happens now
    assert w.compare.views() == [] and w.compare.current() is None
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
    w.appearance.set_theme("dark")
    w.appearance.set_theme("light")
    w.appearance.zoom(1)
    w.save_session()
    assert not any(str(t).startswith("compare") for t in w.settings.get("session/tabs"))


def test_a_session_of_many_tabs_renders_only_the_current_one(make_window, qtbot):
    ids = ["stid-a-01", "stid-a-02", "stid-a-03", "stid-a-04", "stid-a-05", "stid-a-06"]
    w = make_window()
    for cid in ids[1:]:
        w.open_case(cid, True)
    w.tabs.setCurrentIndex(2)
    w.current_tab().view.verticalScrollBar().setValue(300)
    w.tabs.setCurrentIndex(4)
    kept = w.current_tab().view.verticalScrollBar().value()
    w.tabs.setCurrentIndex(2)
    scrolled = w.current_tab().view.verticalScrollBar().value()
    assert scrolled > 0
    w.close()
    saved_first = w.settings.get("session/tabs")

    again = make_window()
    tabs = again.reader_tabs()
    assert [t.case_id for t in tabs] == ids
    assert again.tabs.currentIndex() == 2 and not tabs[2].is_waiting()
    assert [t.is_waiting() for i, t in enumerate(tabs) if i != 2] == [True] * 5, "the others wait to be shown"
    for i in range(len(tabs)):
        assert again.tabs.tabToolTip(i) == again.catalog.summary(ids[i]).title, "titles are there before rendering"
    qtbot.waitUntil(lambda: tabs[2].view.verticalScrollBar().value() == scrolled, timeout=3000)

    again.save_session()  # unrendered tabs keep their places
    assert again.settings.get("session/tabs")[4] == saved_first[4]  # the place, section + offset

    again.tabs.setCurrentIndex(4)
    assert not tabs[4].is_waiting() and tabs[4].view.case.id == ids[4]
    assert again.outline_model.rowCount() > 0 and again.windowTitle().startswith(tabs[4].title())
    assert tabs[4].view.verticalScrollBar().value() == kept


def test_a_session_ending_on_a_comparison_still_becomes_ready(make_window, qtbot):
    w = make_window()
    w.compare.compare_cases(["stid-a-02", "stid-c-02"])
    w.close()
    again = make_window()  # waits for ready: it used to wait for a reader tab that never came
    assert again.compare.current() is not None and again.compare.current().column_count() == 2


def test_a_damaged_session_entry_does_not_stop_the_start(make_window):
    w = make_window()
    w.settings.set("session/tabs", ["stid-a-02|not-a-number", "no-such-case|10", "compare|{broken", "stid-a-03|40"])
    w.settings.set("session/current_tab", 7)
    w.close_tab(0)  # nothing to save over the damaged entries
    w.settings.sync()
    again = make_window()
    assert [t.case_id for t in again.reader_tabs()] == ["stid-a-02", "stid-a-03"]


def test_opening_a_case_in_a_waiting_tab_keeps_its_place_in_history(make_window, qtbot):
    w = make_window()
    w.open_case("stid-a-05", True)
    w.tabs.setCurrentIndex(0)
    w.close()
    again = make_window()
    waiting = again.reader_tabs()[1]
    assert waiting.is_waiting()
    waiting.open_case("stid-b-01")  # e.g. from a link, before the tab was ever shown
    assert not waiting.is_waiting() and waiting.case_id == "stid-b-01" and waiting.can_go_back()
    waiting.back()
    assert waiting.case_id == "stid-a-05" and waiting.view.case.id == "stid-a-05"


@pytest.mark.qt_log_ignore("does not support raise")  # offscreen has no window stack; bring_to_front raises
def test_a_case_handed_over_by_a_second_start_opens_beside_what_is_open(make_window):
    """``casebook --case X`` while Casebook runs: X opens in a new tab (the case being read stays open); a case
    already open in a tab is brought to the front, not opened twice."""
    from reader.ui.single_instance import bring_to_front

    w = make_window()
    first = w.current_tab().case_id
    bring_to_front(w, {"case": "stid-b-03"})
    assert [t.case_id for t in w.reader_tabs()] == [first, "stid-b-03"]
    assert w.current_tab().case_id == "stid-b-03"
    bring_to_front(w, {"case": first})
    assert [t.case_id for t in w.reader_tabs()] == [first, "stid-b-03"] and w.current_tab().case_id == first
