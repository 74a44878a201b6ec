"""The import preview dialog: background parsing behind a busy indicator, preview, case checkboxes, import."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.ingest.readers import load_document
from reader.ui.import_dialog import ImportCasesModel, ImportPreviewDialog

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"
SOP_A = SOURCES / "003_1188d1618b6c3124.txt"
GAPPY = "1.第一个案例\n（北京市提供）\n导语。\n一、主要做法\n做法。\n3.第三个案例\n（上海市提供）\n导语。\n"


def open_dialog(qtbot, library, path: Path, **kwargs) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(path=path, library=library, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_model(qtmodeltester):
    doc = load_document(SOP_A)
    model = ImportCasesModel()
    model.set_cases(doc.result.batch.cases)
    qtmodeltester.check(model)
    assert model.rowCount() == 8 and model.columnCount() == 6
    assert model.index(0, ImportCasesModel.TITLE).data() == "突破堵点贯通知识产权服务业产业链体系"
    assert model.index(0, ImportCasesModel.CATEGORY).data() == "产业综合类案例"
    assert model.index(0, ImportCasesModel.SECTIONS).data() == str(len(doc.result.batch.cases[0].sections))
    assert model.index(0, ImportCasesModel.FIRST_LINES).data().startswith(doc.result.batch.cases[0].lead[0][:20])
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(model.index(2, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert model.dropped_case_ids() == [doc.result.batch.cases[2].id] and model.kept_count() == 7
    qtmodeltester.check(model)


def test_busy_indicator_while_parsing_then_preview(qtbot, library):
    gate = threading.Event()

    def slow_loader(path: Path):
        gate.wait(10)
        return load_document(path)

    dialog = open_dialog(qtbot, library, SOP_A, loader=slow_loader)
    dialog.show()
    assert dialog.is_busy() and dialog.busy_bar.maximum() == 0 and not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        gate.set()
    assert not dialog.is_busy()
    # The bundled batch has this title: the copy is named apart (the tree could not tell two of one name apart).
    assert dialog.title_edit.text() == "国家服务业扩大开放综合试点示范最佳实践案例 (copy)"
    assert dialog.categories_label.text() == "产业综合类案例、特色探索类案例"
    assert dialog.model.rowCount() == 8
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import as Copy"  # it is bundled


def test_import_with_a_case_left_out_and_a_new_title(qtbot, library):
    dialog = open_dialog(qtbot, library, SOP_A)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    dropped = dialog.model.case_at(1).id
    dialog.model.set_kept(1, False)
    assert "7 of 8" in dialog.cases_label.text()
    dialog.title_edit.setText("  我的 批次 ")
    with qtbot.waitSignal(dialog.imported, timeout=20000) as blocker:
        dialog.import_button.click()
    batch_id = blocker.args[0]
    assert dialog.result() == ImportPreviewDialog.DialogCode.Accepted and dialog.batch_id == batch_id
    assert library.batch_title(batch_id) == "我的 批次"
    summary = library.batches()[-1]
    assert len(summary.cases) == 7 and dropped not in {c.id for c in summary.cases}


def test_warnings_are_listed(qtbot, library, tmp_path):
    path = tmp_path / "gappy.txt"
    path.write_text(GAPPY, encoding="utf-8")
    dialog = open_dialog(qtbot, library, path)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    warnings = dialog.warnings_model.stringList()
    assert any("jump from 1 to 3" in w for w in warnings)
    assert any("no sections" in w for w in warnings)
    assert dialog.warnings_label.text().startswith("Warnings (")
    assert dialog.title_edit.text() == "gappy"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.txt", b"", "The file is empty."),
        ("binary.txt", bytes(range(256)) * 8, "The file is not a text document."),
        ("nothing.txt", "没有案例的文字。\n".encode(), "No case was recognised in the document."),
        ("broken.pdf", b"%PDF-1.7 nothing", "The file is damaged."),
    ],
)
def test_bad_files_show_the_reason_and_write_nothing(qtbot, library, tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    dialog = open_dialog(qtbot, library, path)
    with qtbot.waitSignal(dialog.failed, timeout=20000) as blocker:
        pass
    assert blocker.args[0].startswith(expected)
    assert expected in dialog.error_label.text() and dialog.stack.currentIndex() == dialog.ERROR
    assert not dialog.import_button.isEnabled()
    dialog.confirm()
    assert library.imported_batch_ids() == set()


def test_an_earlier_import_is_offered_as_replace(qtbot, library):
    doc = load_document(SOP_A)
    batch_id = library.import_batch(doc.result, title="旧的", content_hash=doc.content_hash)
    dialog = open_dialog(qtbot, library, SOP_A)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    assert dialog.duplicate_of == batch_id and dialog.import_button.text() == "Replace"
    assert "旧的" in dialog.duplicate_label.text() and not dialog.duplicate_label.isHidden()
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        dialog.confirm()
    assert library.imported_batch_ids() == {batch_id}
    assert library.batch_title(batch_id) == "旧的"  # Replace keeps the title the batch has in the library


def test_a_bundled_document_is_pointed_out_before_writing(qtbot, library):
    """data/sources/003 is the bundled batch sop-a: the preview says so and offers a copy, nothing written yet."""
    dialog = open_dialog(qtbot, library, SOP_A)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    assert dialog.same_as == ("sop-a", True) and dialog.duplicate_of is None
    assert not dialog.duplicate_label.isHidden()
    assert "国家服务业扩大开放综合试点示范最佳实践案例" in dialog.duplicate_label.text()
    assert dialog.import_button.text() == "Import as Copy"
    assert library.imported_batch_ids() == set()
    with qtbot.waitSignal(dialog.imported, timeout=20000) as blocker:
        dialog.confirm()
    assert len(library.imported_batch_ids()) == 1
    assert library.batch_title(blocker.args[0]) != library.batch_title("sop-a")  # two batches, two names


def test_same_title_and_case_titles_as_an_imported_batch_is_pointed_out(qtbot, library, tmp_path):
    first = tmp_path / "第一份.txt"
    first.write_text(GAPPY, encoding="utf-8")
    doc = load_document(first)
    batch_id = library.import_batch(doc.result, title=doc.result.batch.title, content_hash=doc.content_hash)
    second = tmp_path / "第二份.txt"
    second.write_text(GAPPY.replace("做法。", "另一种做法。"), encoding="utf-8")
    dialog = open_dialog(qtbot, library, second)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    assert dialog.same_as == (batch_id, False) and not dialog.duplicate_label.isHidden()
    assert dialog.import_button.text() == "Import as Copy"


def test_a_new_document_is_not_pointed_out(qtbot, library, tmp_path):
    path = tmp_path / "新的.txt"
    path.write_text(GAPPY, encoding="utf-8")
    dialog = open_dialog(qtbot, library, path)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    assert dialog.same_as is None and dialog.duplicate_label.isHidden() and dialog.import_button.text() == "Import"


def test_cancel_writes_nothing(qtbot, library):
    dialog = open_dialog(qtbot, library, SOP_A)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    with qtbot.assertNotEmitted(dialog.imported):
        dialog.cancel_button.click()
    assert dialog.result() == ImportPreviewDialog.DialogCode.Rejected
    assert library.imported_batch_ids() == set()


def test_empty_title_or_no_case_disables_import(qtbot, library):
    dialog = open_dialog(qtbot, library, SOP_A)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    dialog.title_edit.setText("   ")
    assert not dialog.import_button.isEnabled()
    dialog.title_edit.setText("标题")
    for row in range(dialog.model.rowCount()):
        dialog.model.set_kept(row, False)
    assert not dialog.import_button.isEnabled()
    dialog.confirm()
    assert library.imported_batch_ids() == set()


def test_a_failed_write_keeps_the_dialog_open_with_the_reason(qtbot, library, monkeypatch):
    from reader.storage.db import DiskFullError

    dialog = open_dialog(qtbot, library, SOP_A)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass

    def full(*args, **kwargs):
        raise DiskFullError("the disk is full")

    monkeypatch.setattr(library, "import_batch", full)
    dialog.confirm()
    assert dialog.is_busy() and not dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.status_label.isHidden(), timeout=20000)
    assert "Nothing was imported." in dialog.status_label.text() and "disk is full" in dialog.status_label.text()
    assert dialog.stack.currentIndex() == dialog.PREVIEW and dialog.import_button.isEnabled()
    assert dialog.cancel_button.isEnabled() and dialog.result() != ImportPreviewDialog.DialogCode.Accepted


def test_closing_while_parsing_is_safe(qtbot, library):
    gate = threading.Event()
    dialog = ImportPreviewDialog(path=SOP_A, library=library, loader=lambda p: (gate.wait(10), load_document(p))[1])
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not _alive(dialog), timeout=5000)
    gate.set()
    from PySide6.QtCore import QThreadPool

    assert QThreadPool.globalInstance().waitForDone(20000)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()  # deliver the queued result: the deleted dialog must ignore it


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
