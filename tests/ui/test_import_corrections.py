"""The import preview's corrections, driven with the mouse and keyboard, checked in what the library stores:
mark a line as a case title (split), merge a case into the previous one, edit a title and contributors, skip a
case, import a document with no recognisable case as one case, Replace keeping the library's title."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ingest.readers import load_document
from reader.ui.import_dialog import ImportCasesModel, ImportPreviewDialog
from tests.ui.uikit import type_chinese

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"

BODY = "一、主要做法\n推进改革，取得成效。\n二、实践效果\n效果明显。"
DOC = "\n".join(
    [
        "试点经验汇编",
        "1.第一个案例",
        "（广州市提供）",
        "第一个导语。",
        BODY,
        "藏在正文里的案例",
        "它的导语段落。",
        "2.第二个案例",
        "（上海市提供）",
        "第二个导语。",
        BODY,
        "3.第三个案例",
        "（北京市提供）",
        "第三个导语。",
        BODY,
    ]
)


def opened(qtbot, library, path: Path) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(path=path, library=library)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    return dialog


def imported_cases(qtbot, dialog, library):
    with qtbot.waitSignal(dialog.imported, timeout=20000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    batch_id = blocker.args[0]
    (summary,) = [b for b in library.batches() if b.id == batch_id]
    return batch_id, [library.case(c.id) for c in summary.cases]


def click_line(qtbot, dialog, text: str) -> None:
    model = dialog.lines_model
    row = next(r for r in range(model.rowCount()) if model.index(r).data(Qt.ItemDataRole.ToolTipRole) == text)
    index = model.index(row)
    dialog.lines_view.scrollTo(index)
    rect = dialog.lines_view.visualRect(index)
    qtbot.mouseClick(dialog.lines_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_case(qtbot, dialog, row: int) -> None:
    rect = dialog.table.visualRect(dialog.model.index(row, ImportCasesModel.SECTIONS))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def doc_path(tmp_path) -> Path:
    path = tmp_path / "batch.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


def titles(dialog) -> list[str]:
    return [dialog.model.index(r, ImportCasesModel.TITLE).data() for r in range(dialog.model.rowCount())]


def test_mark_a_line_as_title_splits_the_case_and_is_written(qtbot, library, doc_path):
    dialog = opened(qtbot, library, doc_path)
    assert titles(dialog) == ["第一个案例", "第二个案例", "第三个案例"]
    assert not dialog.mark_title_button.isEnabled()
    click_line(qtbot, dialog, "藏在正文里的案例")
    assert dialog.mark_title_button.isEnabled()
    qtbot.mouseClick(dialog.mark_title_button, Qt.MouseButton.LeftButton)
    assert titles(dialog) == ["第一个案例", "藏在正文里的案例", "第二个案例", "第三个案例"]
    _, cases = imported_cases(qtbot, dialog, library)
    assert [c.title for c in cases] == ["第一个案例", "藏在正文里的案例", "第二个案例", "第三个案例"]
    assert cases[1].lead == ("它的导语段落。",)
    assert "藏在正文里的案例" not in "".join(b.text for s in cases[0].walk() for b in s.blocks)


def test_merge_into_previous_case_is_written(qtbot, library, doc_path):
    dialog = opened(qtbot, library, doc_path)
    click_case(qtbot, dialog, 0)
    assert not dialog.merge_button.isEnabled()  # the first case has none before it
    click_case(qtbot, dialog, 2)
    assert dialog.merge_button.isEnabled()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert titles(dialog) == ["第一个案例", "第二个案例"]
    _, cases = imported_cases(qtbot, dialog, library)
    assert [c.title for c in cases] == ["第一个案例", "第二个案例"]
    second = "".join(t for s in cases[1].walk() for b in s.blocks for t in b.texts())
    assert "第三个导语。" in second


def test_edit_title_and_contributors_and_skip_a_case_survive_a_split(qtbot, library, doc_path):
    dialog = opened(qtbot, library, doc_path)
    index = dialog.model.index(2, ImportCasesModel.TITLE)
    dialog.table.setCurrentIndex(index)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_chinese(editor, "改过的标题")
    dialog.table.setFocus()  # leaving the editor commits it
    qtbot.waitUntil(lambda: titles(dialog)[2] == "改过的标题", timeout=5000)
    index = dialog.model.index(2, ImportCasesModel.CONTRIBUTORS)
    dialog.table.setCurrentIndex(index)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_chinese(editor, "北京市、天津市")
    dialog.table.setFocus()
    qtbot.waitUntil(lambda: dialog.model.case_at(2).contributors == ("北京市", "天津市"), timeout=5000)
    dialog.model.set_kept(1, False)  # uncheck 第二个案例 (what its checkbox does; the click target varies by style)
    # a later correction re-parses the document: the edits and the skip are kept
    click_line(qtbot, dialog, "藏在正文里的案例")
    qtbot.mouseClick(dialog.mark_title_button, Qt.MouseButton.LeftButton)
    assert titles(dialog) == ["第一个案例", "藏在正文里的案例", "第二个案例", "改过的标题"]
    _, cases = imported_cases(qtbot, dialog, library)
    assert [c.title for c in cases] == ["第一个案例", "藏在正文里的案例", "改过的标题"]
    assert cases[2].contributors == ("北京市", "天津市")


def test_no_recognisable_case_can_be_imported_as_one_case(qtbot, library, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("关于试点工作的报告\n一是推进改革。\n二是加强保障。\n", encoding="utf-8")
    dialog = ImportPreviewDialog(path=path, library=library)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.failed, timeout=20000):
        pass
    assert dialog.whole_button.isVisible() and not dialog.import_button.isEnabled()
    assert "one case" in dialog.error_label.text()
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        qtbot.mouseClick(dialog.whole_button, Qt.MouseButton.LeftButton)
    assert any("one case" in w for w in dialog.warnings_model.stringList())
    _, cases = imported_cases(qtbot, dialog, library)
    assert [c.title for c in cases] == ["关于试点工作的报告"]
    assert "".join(cases[0].lead) == "一是推进改革。二是加强保障。"


def test_replace_keeps_the_title_the_user_gave_the_batch(qtbot, library, doc_path):
    doc = load_document(doc_path)
    batch_id = library.import_batch(doc.result, title="我改过的批次名", content_hash=doc.content_hash)
    dialog = opened(qtbot, library, doc_path)
    assert dialog.import_button.text() == "Replace"
    assert dialog.title_edit.text() == "我改过的批次名"
    imported_cases(qtbot, dialog, library)
    assert library.batch_title(batch_id) == "我改过的批次名"
