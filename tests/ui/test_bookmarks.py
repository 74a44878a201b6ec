"""Named bookmarks: Ctrl+D asks a name (prefilled with the section and the first words; Enter accepts, Esc keeps
the default), Go → Bookmarks… (Ctrl+Shift+D) lists every bookmark of the library, filters as you type, Enter goes
to the place, F2 renames, Delete removes and Ctrl+Z brings it back."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.domain.annotation import BOOKMARK
from reader.models.bookmarks import BookmarkRow, BookmarksModel
from reader.ui.bookmarks import BookmarksDialog, NameDialog
from tests.ui.uikit import type_chinese


def action(w, text: str):
    (act,) = [a for a in w.actions() if a.text() == text]
    return act


def when_modal(kind, then) -> list:
    """Run ``then(dialog)`` once a modal dialog of ``kind`` is up; returns a list that holds it afterwards."""
    seen: list = []

    def poll() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, kind):
            QTimer.singleShot(20, poll)
            return
        seen.append(dlg)
        then(dlg)

    QTimer.singleShot(0, poll)
    return seen


def bookmarks(w):
    return list(w.annotation_store.db.list(kind=BOOKMARK))


def bookmark(w, qtbot, *, key, typed: str = "") -> list:
    def answer(dlg: NameDialog) -> None:
        if typed:
            type_chinese(dlg.edit, typed)  # the prefilled name is selected: typing replaces it
        QTest.keyClick(dlg.edit, key)

    seen = when_modal(NameDialog, answer)
    action(w, "Bookmark This Place").trigger()
    assert seen
    return seen


def test_ctrl_d_names_the_bookmark_enter_accepts_esc_keeps_the_default(make_window, qtbot):
    w = make_window()
    w.open_case("stid-a-02")
    view = w.current_tab().view
    view.scroll_to("s1")
    qtbot.wait(20)
    (dlg,) = bookmark(w, qtbot, key=Qt.Key.Key_Return, typed="仲裁改革要点")
    heading = view.case.sections[0].heading
    assert dlg.edit.text() == "仲裁改革要点"
    (a,) = bookmarks(w)
    assert a.note == "仲裁改革要点" and a.position is not None
    # Esc: the bookmark is made, with the name it was offered: the section's heading and the first words there.
    view.scroll_to("s2")
    qtbot.wait(20)
    bookmark(w, qtbot, key=Qt.Key.Key_Escape, typed="不要这个名字")
    (b,) = [x for x in bookmarks(w) if x.id != a.id]
    second = view.case.sections[1].heading
    assert b.note.startswith(f"{second}：") and len(b.note) > len(second) + 4
    assert heading != second


def open_list(w, then) -> list:
    seen = when_modal(BookmarksDialog, then)
    action(w, "Bookmarks…").trigger()
    assert seen
    return seen


def test_bookmarks_list_filter_jump_rename_delete_undo(make_window, qtbot):
    w = make_window()
    first, second = (b.cases[2].id for b in w.catalog.batches()[:2])
    w.open_case(first)
    w.annotate.bookmark_here(name="甲：第一个书签")
    w.open_case(second)
    w.current_tab().view.scroll_to("s2")
    qtbot.wait(20)
    w.annotate.bookmark_here(name="乙：第二个书签")
    target = next(a for a in bookmarks(w) if a.note.startswith("甲"))
    w.open_case(w.catalog.batches()[0].cases[0].id)
    assert action(w, "Bookmarks…").shortcut().toString() == "Ctrl+Shift+D"
    found: dict = {}

    def use(dlg: BookmarksDialog) -> None:
        found["all"] = dlg.shown_names()
        found["row"] = [dlg.proxy.index(0, c).data() for c in range(4)]
        type_chinese(dlg.filter, "第一")
        found["filtered"] = dlg.shown_names()
        QTest.keyClick(dlg.filter, Qt.Key.Key_Return)

    open_list(w, use)
    assert found["all"] == ["乙：第二个书签", "甲：第一个书签"]  # newest first
    name, case, batch, date = found["row"]
    assert name == "乙：第二个书签"
    assert case == w.case_title(second) and batch.startswith(w.catalog.batch_titles[w.catalog.batches()[1].id])
    assert len(date) == 16 and date[4] == "-"
    assert found["filtered"] == ["甲：第一个书签"]
    # Enter went to the bookmark's case and place.
    tab = w.current_tab()
    assert tab.case_id == first
    top = tab.view.plain_offset_at_top()
    assert abs(top - target.position.start) < 400

    def rename_and_delete(dlg: BookmarksDialog) -> None:
        type_chinese(dlg.filter, "第二")

        def rename(name_dlg: NameDialog) -> None:
            name_dlg.edit.setText("乙：改过的名字")
            QTest.keyClick(name_dlg.edit, Qt.Key.Key_Return)

        when_modal(NameDialog, rename)
        QTest.keyClick(dlg.view, Qt.Key.Key_F2)
        found["renamed"] = dlg.shown_names()
        dlg.filter.clear()
        dlg.view.setFocus()
        dlg.view.setCurrentIndex(dlg.proxy.index(0, 0))
        QTest.keyClick(dlg.view, Qt.Key.Key_Delete)
        found["after delete"] = dlg.shown_names()
        dlg.reject()

    open_list(w, rename_and_delete)
    assert found["renamed"] == []  # the filter 第二 no longer matches the new name
    assert found["after delete"] == ["甲：第一个书签"]
    assert sorted(a.note for a in bookmarks(w)) == ["甲：第一个书签"]
    w.menus.act_undo.trigger()  # Ctrl+Z: the deleted bookmark is back, renamed
    assert sorted(a.note for a in bookmarks(w)) == ["乙：改过的名字", "甲：第一个书签"]


def test_empty_list_says_how(make_window, qtbot):
    w = make_window()
    found = {}

    def look(dlg):
        found["empty"] = dlg.empty.isVisible()
        dlg.reject()

    open_list(w, look)
    assert found["empty"]


def test_bookmarks_model(make_window, qtmodeltester):
    w = make_window()
    w.annotate.bookmark_here(name="名字")
    rows = [BookmarkRow(a, "案例", "批次") for a in bookmarks(w)]
    model = BookmarksModel(load=lambda: rows, headers=["名称", "案例", "批次", "日期"])
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "名字"


def test_bookmarks_chinese(chinese, make_window):
    w = make_window()
    found = {}

    def look(dlg):
        found["title"] = dlg.windowTitle()
        found["headers"] = [dlg.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
        dlg.reject()

    when_modal(BookmarksDialog, look)
    w.annotate.show_bookmarks()
    assert found["title"] == "书签"
    assert found["headers"] == ["名称", "案例", "批次", "添加时间"]
