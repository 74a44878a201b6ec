"""Annotations in the GUI: highlight a selection, undo/redo, the panel, the editor, files, start-up recovery."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from reader.domain.annotation import BOOKMARK, CASE_NOTE
from reader.domain.text import plain_text
from reader.paths import UserPaths
from reader.storage.casebook import Casebook


@pytest.fixture
def window(make_window):
    w = make_window()
    w.open_case("stid-a-01")
    return w


@pytest.fixture
def dialogs(monkeypatch):
    """Record message boxes instead of blocking on them."""
    shown: list[tuple[str, str]] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, title, text, *a, _n=name, **k: shown.append((_n, text)))
    return shown


def select_plain(view, start: int, end: int) -> None:
    """Select plain-text [start, end) in the case view, as a mouse drag would."""
    spans = view._textmap.plain_span_to_doc(start, end)
    cursor = QTextCursor(view.document())
    cursor.setPosition(spans[0][0])
    cursor.setPosition(spans[-1][1], QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_highlight_with_key_then_undo_redo(window, qtbot):
    view = window.current_tab().view
    text = plain_text(view.case)
    start = text.index("广州市深入推进")
    select_plain(view, start, start + 7)
    assert view.selection_bar.isVisible()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_2)
    stored = window.annotation_store.for_case("stid-a-01")
    assert len(stored) == 1
    a = stored[0]
    assert a.quote.exact == "广州市深入推进" and a.color == 1 and a.position.start == start
    assert len(view.annotations()) == 1 and view.extraSelections(), "the highlight is drawn"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.annotation_store.for_case("stid-a-01") == [] and view.annotations() == []
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [x.id for x in window.annotation_store.for_case("stid-a-01")] == [a.id]


def test_selection_bar_and_panel_navigation(window, qtbot):
    view = window.current_tab().view
    text = plain_text(view.case)
    start = text.index("知识产权服务开放水平")
    select_plain(view, start, start + 10)
    view.selection_bar.buttons[3].click()
    (a,) = window.annotation_store.for_case("stid-a-01")
    assert a.color == 3
    panel = window.annotations
    assert panel.model.rowCount() == 1
    # clicking the highlight in the text selects it in the panel
    window.annotate.show_annotation(a.id)
    assert panel.selected_id() == a.id and window.right.currentWidget() is panel
    # activating the row in the panel scrolls the reader to it
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    window.open_case("stid-b-02")
    panel.scope.setCurrentIndex(panel.scope.findData("all"))
    assert panel.model.rowCount() == 1
    panel.jump_requested.emit(a.case_id, a.id)
    assert window.current_tab().case_id == "stid-a-01"


def test_editor_saves_note_and_tags_undoably(window, qtbot):
    view = window.current_tab().view
    text = plain_text(view.case)
    start = text.index("外国专利代理机构")
    window.annotate.highlight(window.current_tab(), start, start + 8, 0, with_note=True)
    editor = window.annotations.editor
    assert editor.annotation is not None
    editor.note.setPlainText("**要点**：可复制推广\n\n- 试点\n- 推广")
    editor.tags.setText("知识产权, 开放")
    editor.flush()
    editor.tags.editingFinished.emit()
    (a,) = window.annotation_store.for_case("stid-a-01")
    assert a.note.startswith("**要点**") and a.tags == ("知识产权", "开放")
    editor.tabs.setCurrentWidget(editor.preview)
    assert "<strong>" not in editor.preview.toPlainText() and "要点" in editor.preview.toPlainText()
    assert "**" not in editor.preview.toPlainText()
    window.annotation_store.undo_stack.undo()
    undone = window.annotation_store.get(a.id)
    assert undone.note == "" and undone.tags == (), "undo reverts the edit"
    window.annotation_store.undo_stack.redo()
    assert window.annotation_store.get(a.id).note == a.note
    # tags complete from existing tags
    editor.set_annotation(window.annotation_store.get(a.id))
    assert {"知识产权", "开放"} <= set(editor.tags.completer().model().stringList())


def test_library_filters_and_orphans(window):
    store = window.annotation_store
    tab = window.current_tab()
    text = plain_text(tab.view.case)
    for i, word in enumerate(("知识产权", "代理机构", "服务大厅")):
        s = text.index(word)
        window.annotate.highlight(tab, s, s + len(word), i)
    panel = window.annotations
    panel.scope.setCurrentIndex(panel.scope.findData("all"))
    assert panel.model.rowCount() == 3
    panel.colour_filter.setCurrentIndex(panel.colour_filter.findData(1))
    assert panel.model.rowCount() == 1 and panel.model.annotation(0).quote.exact == "代理机构"
    panel.colour_filter.setCurrentIndex(0)
    panel.search.setText("服务大厅")
    panel.refresh()
    assert [panel.model.annotation(r).quote.exact for r in range(panel.model.rowCount())] == ["服务大厅"]
    panel.search.setText("")
    victim = store.for_case("stid-a-01")[0]
    store.db.mark_orphaned(victim.id)
    panel.scope.setCurrentIndex(panel.scope.findData("orphans"))
    panel.refresh()
    assert [panel.model.annotation(r).id for r in range(panel.model.rowCount())] == [victim.id]


def case_notes(window, case_id: str = "stid-a-01") -> list:
    return [a for a in window.annotation_store.for_case(case_id) if a.kind == CASE_NOTE]


def test_case_note_and_bookmark(window):
    from tests.ui.uikit import type_chinese

    window.annotate.case_note()
    type_chinese(window.annotations.editor.note, "整体")
    window.annotations.editor.flush()
    assert len(case_notes(window)) == 1
    window.annotate.case_note()  # a second time edits the same note
    assert len(case_notes(window)) == 1
    assert window.annotate.bookmark_here(name="书签")  # the naming dialog: tests/ui/test_bookmarks.py
    assert [a.kind for a in window.annotation_store.for_case("stid-a-01")].count(BOOKMARK) == 1


def test_import_refuses_hostile_file_and_changes_nothing(window, tmp_path, dialogs):
    from reader.ui.annotation_files import import_annotations

    tab = window.current_tab()
    s = plain_text(tab.view.case).index("知识产权")
    window.annotate.highlight(tab, s, s + 4, 0)
    before = [a.id for a in window.annotation_store.db.list()]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "casebook-annotations", "version": 99, "annotations": []}))
    assert import_annotations(window, store=window.annotation_store, casebook=window.catalog, path=bad) is None
    assert dialogs and dialogs[-1][0] == "warning"
    assert [a.id for a in window.annotation_store.db.list()] == before


def test_export_then_import_round_trip(window, tmp_path, dialogs):
    from reader.storage.exchange import export_json
    from reader.ui.annotation_files import import_annotations

    tab = window.current_tab()
    s = plain_text(tab.view.case).index("知识产权")
    window.annotate.highlight(tab, s, s + 4, 2)
    out = tmp_path / "notes.json"
    export_json(window.annotation_store.db, out)
    (a,) = window.annotation_store.db.list()
    window.annotation_store.delete(a.id)
    summary = import_annotations(window, store=window.annotation_store, casebook=window.catalog, path=out)
    assert summary is not None and summary.added == [a.id]
    assert window.annotation_store.get(a.id) == a
    assert window.current_tab().view.annotations(), "the reader redraws after an import"


def test_startup_recovers_a_corrupt_user_database(data_tmpdir, casebook_file, qapp):
    from reader.app import open_annotations

    paths = UserPaths(data_tmpdir, False, "option")
    book = Casebook.open(casebook_file)
    store, notice = open_annotations(paths=paths, casebook=book)
    store.db.backup_now()
    store.db.close()
    paths.user_db.write_bytes(b"this is not a database" * 500)
    store, notice = open_annotations(paths=paths, casebook=book)
    assert "damaged" in notice or "损坏" in notice
    moved = [p for p in data_tmpdir.iterdir() if p.name.startswith("user.db.corrupt-")]
    assert moved, "the damaged file is moved aside, never deleted"
    assert store.db.integrity_check() == ""
    store.db.close()
    book.close()


def test_case_note_shortcut_opens_the_text_box_even_after_the_preview(window, qtbot):
    """Ctrl+Shift+N while the editor's Preview tab was the last one used: what is typed goes into the note."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.uikit import type_chinese

    window.annotate.case_note()
    editor = window.annotations.editor
    editor.tabs.setCurrentWidget(editor.preview)
    window.current_tab().view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.tabs.currentWidget() is editor.note
    assert QApplication.focusWidget() is editor.note
    type_chinese(QApplication.focusWidget(), "预览之后输入")
    editor.flush()
    (note,) = [a for a in window.annotation_store.for_case("stid-a-01") if a.kind == CASE_NOTE]
    assert note.note == "预览之后输入"


@pytest.mark.parametrize("how", ["close", "quit", "switch tab"])
def test_a_note_still_waiting_for_its_timer_is_saved(window, qtbot, how):
    """Typed, then closed, quit or switched away at once (before the editor's 700 ms pause): the note is kept,
    and so are tags typed without leaving the tags box."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.uikit import type_chinese

    window.annotate.case_note()
    editor = window.annotations.editor
    type_chinese(editor.note, "马上退出")
    editor.tags.setText("急")
    assert editor._timer.isActive()
    if how == "close":
        window.close()
    elif how == "quit":
        QApplication.instance().aboutToQuit.emit()  # what QApplication.quit() emits before the loop stops
    else:
        window.open_case("stid-a-02")
    (note,) = [a for a in window.annotation_store.db.list("stid-a-01") if a.kind == CASE_NOTE]
    assert (note.note, note.tags) == ("马上退出", ("急",))


def press_case_note(window, qtbot) -> None:
    window.current_tab().view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


@pytest.mark.parametrize("typed", ["", "   \n  "])
@pytest.mark.parametrize("leave", ["other case", "close", "highlight"])
def test_a_case_note_left_empty_is_not_created(window, qtbot, typed, leave):
    """Ctrl+Shift+N, nothing (or only spaces) typed, then away: no case note is stored, none is listed."""
    from tests.ui.uikit import type_chinese

    press_case_note(window, qtbot)
    editor = window.annotations.editor
    assert editor.isEnabled() and editor.note.hasFocus()
    if typed:
        type_chinese(editor.note, typed)
    qtbot.wait(800)  # past the editor's pause in typing
    if leave == "other case":
        window.open_case("stid-a-02")
        window.open_case("stid-a-01")
    elif leave == "close":
        window.close()
    else:
        tab = window.current_tab()
        s = plain_text(tab.view.case).index("知识产权")
        assert window.annotate.highlight(tab, s, s + 4, 0)
    assert case_notes(window) == []
    assert window.annotation_store.db.list(case_id=["stid-a-01"]) == [] or leave == "highlight"
    panel = window.annotations
    listed = [panel.model.annotation(r).kind for r in range(panel.model.rowCount())]
    assert CASE_NOTE not in listed


def test_typing_into_a_new_case_note_stores_it_once(window, qtbot):
    from tests.ui.uikit import type_chinese

    press_case_note(window, qtbot)
    type_chinese(window.annotations.editor.note, "第一句")
    qtbot.waitUntil(lambda: len(case_notes(window)) == 1, timeout=3000)
    type_chinese(window.annotations.editor.note, "，第二句")
    qtbot.waitUntil(lambda: case_notes(window)[0].note == "第一句，第二句", timeout=3000)
    assert len(case_notes(window)) == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert case_notes(window) == [], "undoing the first words undoes the note"


def test_a_case_note_emptied_is_deleted_when_left_and_undo_brings_it_back(window, qtbot):
    from reader.domain.annotation import new_case_note

    window.annotation_store.add(new_case_note("stid-a-01", "要删掉的笔记"))
    press_case_note(window, qtbot)
    editor = window.annotations.editor
    assert editor.note.toPlainText() == "要删掉的笔记"
    editor.note.selectAll()
    qtbot.keyClick(editor.note, Qt.Key.Key_Delete)
    qtbot.wait(800)
    assert [a.note for a in case_notes(window)] == ["要删掉的笔记"], "while it is edited the empty text is not written"
    window.open_case("stid-a-02")
    assert case_notes(window) == []
    assert window.annotation_store.undo_stack.undoText() in ("删除空的案例批注", "Delete empty case note")
    window.annotation_store.undo_stack.undo()
    assert [a.note for a in case_notes(window)] == ["要删掉的笔记"]
