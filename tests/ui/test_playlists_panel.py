"""The playlists panel and its models: CRUD, drag-and-drop reorder, notes, files, signals; model tester."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from reader.models.library import CASE_IDS_MIME
from reader.models.playlists import PLAYLIST_ITEMS_MIME, PlaylistItemsModel, PlaylistListModel
from reader.storage import playlists as pl
from reader.storage.userdb import UserDB
from reader.ui.playlists_panel import PlaylistsPanel
from tests.ui.uikit import type_chinese
from tests.userdbkit import reopen_userdb

CASES = ["stid-a-01", "stid-a-02", "stid-b-01", "sop-a-01e1d062", "stid-c-06"]
TITLES = {c: f"案例 {c}" for c in CASES}


@pytest.fixture
def db(userdb):
    return userdb


@pytest.fixture
def dialogs(monkeypatch):
    shown: list[tuple[str, str]] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, title, text, *a, _n=name, **k: shown.append((_n, text)))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


def make_panel(qtbot, db) -> PlaylistsPanel:
    panel = PlaylistsPanel(
        db=db,
        case_title=lambda cid: TITLES.get(cid, cid),
        known_case_ids=lambda: CASES,
        outline=lambda cid: [("s1", "一、主要做法", 1), ("s1.1", "（一）做法", 2), ("s2", "二、效果", 1)],
    )
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    return panel


reopen = reopen_userdb


# ---------------------------------------------------------------------------------------------
# Models


def test_models_pass_the_model_tester(qtmodeltester, db):
    a = pl.create_playlist(db, "甲", case_ids=CASES)
    b = pl.create_playlist(db, "乙", notes="n")
    lists = PlaylistListModel()
    lists.set_playlists([a, b])
    qtmodeltester.check(lists)
    assert lists.data(lists.index(0, 0)) == "甲  (5 case(s))"
    assert lists.data(lists.index(0, 0), Qt.ItemDataRole.EditRole) == "甲"

    order: list[list[str]] = []
    items = PlaylistItemsModel(case_title=lambda c: TITLES[c], persist_order=lambda ids: order.append(ids) or True)
    items.set_playlist(a)
    qtmodeltester.check(items)
    assert items.data(items.index(0, 0)) == f"1. {TITLES[CASES[0]]}"
    assert items.moveRows(QModelIndex(), 0, 2, QModelIndex(), 5)  # the first two to the end
    assert [items.item(r).case_id for r in range(5)] == CASES[2:] + CASES[:2]
    assert order[-1] == [i.id for i in items.items()]
    assert items.data(items.index(0, 0)).startswith("1. "), "numbers follow the order"
    qtmodeltester.check(items)
    assert not items.moveRows(QModelIndex(), 1, 1, QModelIndex(), 1), "onto itself"
    assert not items.moveRows(QModelIndex(), 4, 2, QModelIndex(), 0), "out of range"
    items.set_playlist(None)
    qtmodeltester.check(items)


def test_the_number_of_cases_is_translated(qapp, db):
    """The row of a playlist counts its cases in Chinese with the Chinese UI ("（0 case(s)）" stayed English)."""
    from reader import i18n

    lists = PlaylistListModel()
    lists.set_playlists([pl.create_playlist(db, "甲", case_ids=CASES), pl.create_playlist(db, "空")])
    try:
        assert i18n.install(qapp, "zh_CN") == "zh_CN"
        assert lists.data(lists.index(0, 0)) == "甲（5 个案例）"
        assert lists.data(lists.index(1, 0)) == "空（0 个案例）"
    finally:
        i18n.install(qapp, "en")
    assert lists.data(lists.index(1, 0)) == "空  (0 case(s))"


def test_a_move_that_cannot_be_stored_is_not_shown(db):
    a = pl.create_playlist(db, "甲", case_ids=CASES[:3])
    items = PlaylistItemsModel(persist_order=lambda ids: False)
    items.set_playlist(a)
    assert not items.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert [i.case_id for i in items.items()] == CASES[:3]


def test_drag_and_drop_within_the_list_and_from_the_library(qtbot, db, dialogs):
    p = pl.create_playlist(db, "拖放", case_ids=CASES[:4])
    panel = make_panel(qtbot, db)
    model = panel.items
    mime = model.mimeData([model.index(0, 0), model.index(2, 0)])
    assert mime.hasFormat(PLAYLIST_ITEMS_MIME)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 4, 0, QModelIndex())
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 4, 0, QModelIndex())
    expected = [CASES[1], CASES[3], CASES[0], CASES[2]]
    assert [i.case_id for i in model.items()] == expected
    assert pl.playlist_case_ids(pl.playlist(db, p.id)) == expected
    # a contiguous block goes through moveRows
    with qtbot.waitSignal(model.rowsMoved):
        assert model.dropMimeData(model.mimeData([model.index(3, 0)]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert pl.playlist_case_ids(pl.playlist(db, p.id)) == [CASES[2], CASES[1], CASES[3], CASES[0]]
    # rows of another playlist are refused
    foreign = QMimeData()
    foreign.setData(PLAYLIST_ITEMS_MIME, QByteArray(b"other-playlist\n" + model.item(0).id.encode()))
    assert not model.canDropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    # cases dragged from the library are added where dropped
    library = QMimeData()
    library.setData(CASE_IDS_MIME, QByteArray(b"stid-c-06\nstid-a-01"))
    assert model.dropMimeData(library, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    assert pl.playlist_case_ids(pl.playlist(db, p.id))[:3] == [CASES[2], "stid-c-06", "stid-a-01"]
    assert model.rowCount() == 6 and dialogs == []


# ---------------------------------------------------------------------------------------------
# The panel


def test_crud_and_reorder_persist_across_a_restart(qtbot, db, dialogs):
    panel = make_panel(qtbot, db)
    assert panel.model.rowCount() == 0 and not panel.present_button.isEnabled()
    with qtbot.waitSignal(panel.changed):
        first = panel.new_playlist("第一场")
    assert panel.current_playlist_id() == first.id
    assert panel.add_cases(first.id, CASES[:3])
    assert panel.items.rowCount() == 3 and panel.present_button.isEnabled()
    assert panel.model.setData(panel.model.index(0, 0), "第一场（改）", Qt.ItemDataRole.EditRole)
    assert panel.title_label.text() == "第一场（改）"
    copy = panel.duplicate(first.id)
    assert copy is not None and copy.title == "第一场（改） (copy)" and panel.current_playlist_id() == copy.id
    second = panel.new_playlist("待删除")
    assert panel.delete(second.id) and panel.model.row_of(second.id) == -1
    # reorder: select the last case and move it up twice
    panel.select(first.id)
    panel.select_items([panel.items.item(2).id])
    assert panel.move_selected(-1) and panel.move_selected(-1)
    assert not panel.move_selected(-1), "already first"
    assert panel.selected_item_ids() == [panel.items.item(0).id]
    assert panel.set_sections(panel.items.item(0).id, ["s1.1"])
    assert panel.items.data(panel.items.index(0, 0)).endswith("(1 section(s))")
    panel.remove_items([panel.items.item(1).id])
    panel.close()

    db = reopen(db)
    try:
        again = make_panel(qtbot, db)
        titles = [again.model.playlist(r).title for r in range(again.model.rowCount())]
        assert titles == ["第一场（改）", "第一场（改） (copy)"]
        again.select(first.id)
        assert [i.case_id for i in again.items.items()] == [CASES[2], CASES[1]]
        assert again.items.item(0).sections == ("s1.1",)
        copy_stored = pl.playlist(db, copy.id)
        assert pl.playlist_case_ids(copy_stored) == CASES[:3], "the copy is independent"
    finally:
        db.close()
    assert dialogs == []


def test_notes_are_saved_after_typing_and_on_switch(qtbot, db):
    a = pl.create_playlist(db, "甲", case_ids=CASES[:2])
    b = pl.create_playlist(db, "乙")
    panel = make_panel(qtbot, db)
    panel.select(a.id)
    panel.notes.setPlainText("开场十分钟")
    qtbot.waitUntil(lambda: pl.playlist(db, a.id).notes == "开场十分钟", timeout=3000)
    panel.select_items([panel.items.item(1).id])
    panel.item_notes.setPlainText("讨论：如何推广？")
    panel.select(b.id)  # switching saves at once
    assert pl.playlist(db, a.id).items[1].notes == "讨论：如何推广？"
    panel.select(a.id)
    panel.select_items([panel.items.item(1).id])
    assert panel.item_notes.toPlainText() == "讨论：如何推广？"


def test_long_titles_elide_with_the_whole_title_in_the_tool_tip(qtbot, db):
    a = pl.create_playlist(db, "面向全国自贸试验区培训班的数据跨境与仲裁专题", case_ids=CASES[:2])
    panel = make_panel(qtbot, db)
    panel.resize(200, 700)  # a narrow side panel: rows elide, the buttons wrap, none is cut
    panel.select(a.id)
    panel.select_items([panel.items.item(0).id])
    panel.item_notes.setPlainText("先讲背景")
    panel.flush_notes()
    qtbot.wait(20)
    for view in (panel.view, panel.items_view):
        assert view.horizontalScrollBar().maximum() == 0  # elided, not scrolled sideways
    title = TITLES.get(CASES[0], CASES[0])
    assert panel.items.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == f"{title}\n先讲背景"
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).startswith(a.title)
    for b in (panel.new_button, panel.rename_button, panel.duplicate_button, panel.delete_button, panel.more_button):
        assert b.width() >= b.sizeHint().width(), b.text()  # wrapped onto a second row rather than squeezed


def test_signals(qtbot, db):
    a = pl.create_playlist(db, "甲", case_ids=CASES[:2])
    panel = make_panel(qtbot, db)
    with qtbot.waitSignal(panel.present_requested) as blocker:
        panel.present_button.click()
    assert blocker.args == [a.id]
    with qtbot.waitSignal(panel.open_case_requested) as blocker:
        panel.items_view.doubleClicked.emit(panel.items.index(1, 0))
    assert blocker.args == [CASES[1]]
    empty = panel.new_playlist("空")
    assert not panel.present_button.isEnabled()
    with qtbot.assertNotEmitted(panel.present_requested):
        panel._present()
    assert empty is not None


def test_export_import_round_trip_through_the_panel(qtbot, db, tmp_path, dialogs):
    a = pl.create_playlist(db, "导出我", notes="要点", case_ids=CASES[:3])
    panel = make_panel(qtbot, db)
    path = tmp_path / "workshop.json"
    assert panel.export_to(path, [a.id]) == 1
    other = UserDB.open(tmp_path / "o" / "user.db", backups_dir=tmp_path / "o" / "b")
    try:
        there = make_panel(qtbot, other)
        result = there.import_from(path)
        assert result is not None and result.added == [a.id]
        assert there.current_playlist_id() == a.id and there.items.rowCount() == 3
        assert pl.playlist(other, a.id) == pl.playlist(db, a.id)
    finally:
        other.close()
    assert dialogs == []


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01binary",
        b'{"format": "casebook-playlists", "version": 99, "playlists": []}',
        json.dumps({"format": "casebook-playlists", "version": 1, "playlists": [{"id": "x"}]}).encode(),
    ],
    ids=["binary", "newer", "malformed"],
)
def test_hostile_file_is_rejected_with_a_message_and_changes_nothing(qtbot, db, tmp_path, dialogs, content):
    pl.create_playlist(db, "原有", case_ids=CASES[:2])
    panel = make_panel(qtbot, db)
    before = pl.list_playlists(db)
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert panel.import_from(path) is None
    assert pl.list_playlists(db) == before and panel.model.rowCount() == 1
    ((kind, text),) = dialogs
    assert kind == "warning" and "Nothing was changed." in text and str(path) in text


def test_a_failing_database_is_reported(qtbot, db, dialogs, monkeypatch):
    a = pl.create_playlist(db, "甲", case_ids=CASES[:2])
    panel = make_panel(qtbot, db)
    from reader.storage.db import DiskFullError

    def full(*_a, **_k):
        raise DiskFullError("the disk is full")

    monkeypatch.setattr(pl, "rename_playlist", full)
    assert not panel.rename(a.id, "新名字")
    assert panel.model.playlist(0).title == "甲"
    assert dialogs and "The disk is full." in dialogs[0][1]


def test_a_drop_on_the_view_reorders(qtbot, db, dialogs):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    p = pl.create_playlist(db, "视图", case_ids=CASES[:4])
    panel = make_panel(qtbot, db)
    view = panel.items_view
    mime = panel.items.mimeData([panel.items.index(0, 0)])
    last = view.visualRect(panel.items.index(3, 0))
    target = QPointF(last.center().x(), last.bottom() - 1)  # below the middle of the last row: after it
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(target.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), enter)
    move = QDragMoveEvent(target.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted()
    drop = QDropEvent(target, actions, mime, buttons, mods, QEvent.Type.Drop)
    drop.setDropAction(Qt.DropAction.MoveAction)
    QApplication.sendEvent(view.viewport(), drop)
    assert pl.playlist_case_ids(pl.playlist(db, p.id)) == [CASES[1], CASES[2], CASES[3], CASES[0]]
    assert [i.case_id for i in panel.items.items()] == [CASES[1], CASES[2], CASES[3], CASES[0]]
    assert dialogs == []


def test_planned_minutes_and_end_slide_text_are_saved(qtbot, db):
    p = pl.create_playlist(db, "工作坊", case_ids=CASES[:3])
    panel = make_panel(qtbot, db)
    panel.select(p.id)
    panel.select_items([p.items[1].id])
    assert panel.plan.minutes.value() == 0 and panel.plan.minutes.text() == "not planned"
    panel.plan.minutes.setFocus()
    panel.plan.minutes.selectAll()
    qtbot.keyClicks(panel.plan.minutes, "25")
    type_chinese(panel.plan.end_text, "谢谢！")
    panel.select_items([p.items[0].id])  # moving on saves
    assert panel.plan.minutes.value() == 0
    type_chinese(panel.plan.end_text, "请提问")
    with qtbot.waitSignal(panel.changed, timeout=3000):
        pass  # saved after a pause in typing
    stored = pl.playlist(db, p.id)
    assert [i.minutes for i in stored.items] == [None, 25, None] and stored.end_text == "谢谢！请提问"
    panel.select_items([p.items[1].id])
    assert panel.plan.minutes.value() == 25, "shown again for its case"
    panel.plan.minutes.setValue(0)
    panel.flush_notes()
    assert pl.playlist(db, p.id).items[1].minutes is None
    reopened = reopen(db)
    try:
        assert pl.playlist(reopened, p.id).end_text == "谢谢！请提问"
    finally:
        reopened.close()


def test_rehearse_button_asks_for_a_rehearsal(qtbot, db):
    p = pl.create_playlist(db, "工作坊", case_ids=CASES[:2])
    panel = make_panel(qtbot, db)
    panel.select(p.id)
    with qtbot.waitSignal(panel.rehearse_requested) as blocker, qtbot.assertNotEmitted(panel.present_requested):
        qtbot.mouseClick(panel.rehearse_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [p.id]
