"""Keyboard only: open a case from the tree, move into the text, select a sentence, highlight it, write a note,
export the case. Only key events are sent (QTest key clicks; the note is typed in ASCII); an application-wide
filter counts mouse events and the test fails if there was one."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFileDialog, QLineEdit

from reader.domain.text import plain_text

MOUSE_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
}


class NoMouse(QObject):
    """Counts mouse button and wheel events anywhere in the application (the test sends none)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, obj, event) -> bool:
        if event.type() in MOUSE_EVENTS:
            self.seen += 1
        return False


def focus() -> object:
    return QApplication.focusWidget()


def key(widget, k, mods=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(widget, k, mods)


# The file dialog's completion pop-up asks the offscreen platform for a keyboard grab and a raise().
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard", "does not support raise")
def test_read_select_highlight_note_and_export_without_a_mouse(qtbot, make_window, tmp_path):
    guard = NoMouse()
    QApplication.instance().installEventFilter(guard)
    try:
        _walk(qtbot, make_window, tmp_path)
    finally:
        QApplication.instance().removeEventFilter(guard)
    assert guard.seen == 0


def _walk(qtbot, make_window, tmp_path) -> None:
    w = make_window()
    w.activateWindow()
    # 1. The library: Ctrl+L puts the focus in its filter, Tab into the tree; Down, Enter opens the next case.
    QTest.keySequence(w, "Ctrl+L")
    assert focus() is w.library.filter_field
    tree = w.library.tree
    key(focus(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focus() is tree)
    assert w.current_tab().case_id == "stid-a-01"  # the first case is open at a fresh start
    key(tree, Qt.Key.Key_Down)
    key(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current_tab().case_id == "stid-a-02")
    tab = w.current_tab()
    view = tab.view

    # 2. Tab goes from the tree straight into the text (main content early), which shows a focus frame.
    key(tree, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focus() is view)
    # 3. F7: caret browsing. Ctrl+Home, then down into the lead paragraph, S selects the sentence there.
    key(view, Qt.Key.Key_F7)
    assert view.caret_browsing()
    key(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.textCursor().position() == 0
    key(view, Qt.Key.Key_Down, times=6)
    key(view, Qt.Key.Key_S)
    sentence = view.selected_text().strip()
    text = plain_text(view.case)
    assert sentence and sentence.endswith("。") and sentence in text, sentence
    at = text.index(sentence)
    assert at == 0 or text[at - 1] in "。！？；\n", "the selection starts mid-sentence"
    # Shift+Right extends the selection by one character (keyboard selection works character by character).
    end = view.textCursor().selectionEnd()
    key(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectionEnd() == end + 1
    key(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectionEnd() == end
    # 4. "2" highlights it in green.
    key(view, Qt.Key.Key_2)
    highlights = [a for a in w.annotation_store.for_case("stid-a-02") if a.is_highlight]
    assert len(highlights) == 1 and highlights[0].color == 1
    assert highlights[0].quote.exact.strip() == sentence

    # 5. The next sentence: caret down, S, N highlights and opens the note editor with the focus in it.
    key(view, Qt.Key.Key_Down, times=2)
    key(view, Qt.Key.Key_S)
    second = view.selected_text().strip()
    assert second and second != sentence
    key(view, Qt.Key.Key_N)
    editor = w.annotations.editor
    qtbot.waitUntil(lambda: focus() is editor.note)
    QTest.keyClicks(editor.note, "Typed without a mouse")
    qtbot.waitUntil(
        lambda: any(a.note == "Typed without a mouse" for a in w.annotation_store.for_case("stid-a-02")), timeout=3000
    )
    noted = next(a for a in w.annotation_store.for_case("stid-a-02") if a.note)
    assert noted.quote.exact.strip() == second

    # 6. Ctrl+E: the export dialog; Tab to the file type, Down to Markdown, Enter; then the file name, Enter.
    out = tmp_path / "keyboard-export.md"
    steps: list[str] = []

    def drive() -> None:
        # The dialog on top (not activeModalWidget(): a dialog an earlier test left behind may still count).
        shown = [
            t
            for t in QApplication.topLevelWidgets()
            if t.isVisible() and isinstance(t, QDialog) and shiboken6.getCppPointer(t)[0] not in earlier
        ]
        modal = next((t for t in shown if isinstance(t, QFileDialog)), None) or next(
            (t for t in shown if t.objectName() == "ExportOptionsDialog"), None
        )
        if modal is None:
            if "file" not in steps:
                QTimer.singleShot(50, drive)
            return
        if isinstance(modal, QFileDialog):
            edit = modal.findChild(QLineEdit, "fileNameEdit")
            if edit is None:  # never leave a modal dialog open: that would hang the whole run
                steps.append("no file name field")
                modal.reject()
                return
            edit.setFocus()
            if edit.text() != str(out):
                key(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                QTest.keyClicks(edit, str(out))
                popup = edit.completer().popup() if edit.completer() else None
                if popup is not None and popup.isVisible():
                    key(popup, Qt.Key.Key_Escape)  # the completion list, not the dialog
            key(edit, Qt.Key.Key_Return)
            if "file" not in steps:
                steps.append("file")
            QTimer.singleShot(300, drive)  # the dialog checks the folder in the background: again if still open
            return
        if isinstance(modal, QDialog) and modal.objectName() == "ExportOptionsDialog":
            for _ in range(12):
                if isinstance(modal.focusWidget(), QComboBox) and modal.focusWidget() is modal.format_combo:
                    break
                key(modal.focusWidget() or modal, Qt.Key.Key_Tab)
            if modal.focusWidget() is not modal.format_combo:
                steps.append("format not reached by Tab")
                modal.reject()
                return
            for _ in range(modal.format_combo.count()):  # Down through the formats to Markdown
                if modal.format_combo.currentData() == "md":
                    break
                key(modal.format_combo, Qt.Key.Key_Down)
            assert modal.format_combo.currentData() == "md"
            key(modal.focusWidget(), Qt.Key.Key_Return)
            steps.append("options")
            QTimer.singleShot(50, drive)
            return
        if modal is not None and "file" not in steps:
            QTimer.singleShot(50, drive)

    def give_up() -> None:  # a safety net: a modal dialog left open must fail the test, not hang the run
        while (modal := QApplication.activeModalWidget()) is not None and "file" not in steps:
            steps.append(f"left open: {type(modal).__name__}")
            modal.close()

    # Only the dialogs this export opens: one an earlier test left behind is not driven.
    earlier = {shiboken6.getCppPointer(t)[0] for t in QApplication.topLevelWidgets()}
    QTimer.singleShot(0, drive)
    QTimer.singleShot(20000, give_up)
    QTest.keySequence(w, "Ctrl+E")
    assert steps == ["options", "file"], steps
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=15000)
    assert steps == ["options", "file"]
    exported = out.read_text(encoding="utf-8")
    assert view.case.title in exported
    assert "Typed without a mouse" in exported
    assert sentence[:20] in exported.replace("\n", "")
