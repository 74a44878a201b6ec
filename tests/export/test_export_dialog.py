"""Exporting from the GUI: the options dialog builds the job; the export runs off the GUI thread with a
cancellable progress dialog; cancel and failures leave no file and say why."""

from __future__ import annotations

import errno
import os
import tempfile
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from reader.export.bundle import batch_case_ids, make_job, write_export
from reader.ui import export_dialog
from reader.ui.export_dialog import ExportOptionsDialog, export_with_progress, suggested_file_name
from tests.export.exportkit import CASES, needs_poppler, pdftotext


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def make_dialog(qtbot, casebook, userdb, **kwargs) -> ExportOptionsDialog:
    dialog = ExportOptionsDialog(None, casebook=casebook, userdb=userdb, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_options_dialog_scopes(qtbot, casebook, userdb, annotated):
    dialog = make_dialog(
        qtbot, casebook, userdb, current_case_id="stid-a-02", selected_case_ids=["stid-b-01", "stid-a-01"]
    )
    assert dialog.scope() == "selected" and dialog.case_ids() == ["stid-b-01", "stid-a-01"]
    dialog.scope_buttons["current"].setChecked(True)
    assert dialog.case_ids() == ["stid-a-02"]
    dialog.scope_buttons["batch"].setChecked(True)
    assert dialog.batch_combo.currentData() == "stid-a"  # the current case's batch
    assert dialog.case_ids() == batch_case_ids(casebook, "stid-a")
    dialog.scope_buttons["annotated"].setChecked(True)
    assert dialog.case_ids() == list(CASES)

    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("md"))
    assert not dialog.paper_combo.isEnabled()
    dialog.notes_only.setChecked(True)
    dialog.title_edit.setText("第三期研讨会")
    job = dialog.job()
    assert (job.format, job.notes_only, job.title, job.scope) == ("md", True, "第三期研讨会", "有批注的案例")
    assert [e.case.id for e in job.entries] == list(CASES) and job.annotation_count == 15
    assert suggested_file_name(job).startswith("第三期研讨会") and suggested_file_name(job).endswith(".md")


def test_options_dialog_offers_only_what_exists(qtbot, casebook, userdb):
    dialog = make_dialog(qtbot, casebook, userdb, current_case_id="stale-id")
    assert not dialog.scope_buttons["current"].isEnabled()
    assert not dialog.scope_buttons["selected"].isEnabled()
    assert not dialog.scope_buttons["annotated"].isEnabled()  # no annotation yet
    assert dialog.scope() == "batch"
    job = dialog.job()
    assert job.title == casebook.batch_title("stid-a") and job.format == "pdf" and job.paper == "A4"


@needs_poppler
def test_export_runs_off_the_gui_thread_and_matches_the_direct_call(
    qtbot, qapp, casebook, userdb, annotated, out_dir, monkeypatch
):
    from reader.export.fonts import register_fonts

    register_fonts()
    threads = []
    real = export_dialog.write_export

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(export_dialog, "write_export", spy)
    job = make_job(casebook, CASES, userdb=userdb, title="对照")
    target = out_dir / "via-dialog.pdf"
    task = export_with_progress(None, job=job, path=target)
    with qtbot.waitSignal(task.finished, timeout=30000) as blocker:
        pass
    result = blocker.args[0]
    assert result.path == target and target.is_file() and result.pages > 3
    assert threads and threads[0] is not threading.main_thread()
    direct = write_export(job, out_dir / "direct.pdf")
    assert pdftotext(target) == pdftotext(direct.path)
    assert leftovers(out_dir) == ["direct.pdf", "via-dialog.pdf"]


def test_cancel_leaves_no_file(qtbot, qapp, casebook, userdb, out_dir):
    job = make_job(casebook, batch_case_ids(casebook, "stid-a"), userdb=userdb, title="取消")
    target = out_dir / "cancelled.pdf"
    task = export_with_progress(None, job=job, path=target)
    with qtbot.waitSignal(task.cancelled, timeout=30000):
        task.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert not target.exists() and leftovers(out_dir) == []
    assert task.result is None


def test_cancel_keeps_an_existing_file(qtbot, qapp, casebook, userdb, out_dir):
    target = out_dir / "keep.md"
    target.write_text("old")
    job = make_job(casebook, batch_case_ids(casebook, "stid-a"), userdb=userdb, format="md")
    task = export_dialog.ExportTask(None, job, target)
    task.progress.cancel()  # cancelled before the writer's first step (started after: a fast writer cannot win)
    with qtbot.waitSignal(task.cancelled, timeout=30000):
        task.start()
    assert target.read_text() == "old" and leftovers(out_dir) == ["keep.md"]


def _fail_and_read_message(qtbot, task) -> str:
    with qtbot.waitSignal(task.failed, timeout=30000) as blocker:
        pass
    message = blocker.args[0]
    assert task.message_box is not None and task.message_box.text() == message
    task.message_box.close()
    return message


def test_read_only_folder_gives_the_message_and_no_file(qtbot, qapp, casebook, userdb, out_dir):
    from tests.fsutil import read_only

    with read_only(out_dir):
        job = make_job(casebook, ["stid-a-01"], userdb=userdb, format="md")
        task = export_with_progress(None, job=job, path=out_dir / "x.md")
        message = _fail_and_read_message(qtbot, task)
    assert "read-only" in message and str(out_dir) in message
    assert leftovers(out_dir) == []


def test_permission_refused_gives_the_message_and_no_file(qtbot, qapp, casebook, userdb, out_dir, monkeypatch):
    """What a read-only folder does for a normal user (the tests may run as root, who may write anywhere)."""
    real = tempfile.mkstemp

    def refuse(*args, **kwargs):
        if Path(kwargs.get("dir", "")) == out_dir:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    job = make_job(casebook, ["stid-a-01"], userdb=userdb, format="html")
    task = export_with_progress(None, job=job, path=out_dir / "x.html")
    message = _fail_and_read_message(qtbot, task)
    assert "read-only" in message and "permission" in message and str(out_dir) in message
    assert leftovers(out_dir) == []


def test_locked_file_and_full_disk(qtbot, qapp, casebook, userdb, out_dir, monkeypatch):
    target = out_dir / "open-elsewhere.md"
    target.write_text("old")
    job = make_job(casebook, ["stid-a-01"], userdb=userdb, format="md")

    def locked(*_a, **_k):
        raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used")

    monkeypatch.setattr(os, "replace", locked)
    message = _fail_and_read_message(qtbot, export_with_progress(None, job=job, path=target))
    assert "open in another program" in message
    monkeypatch.undo()

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    message = _fail_and_read_message(qtbot, export_with_progress(None, job=job, path=target))
    assert message.startswith("The disk is full.")
    assert target.read_text() == "old" and leftovers(out_dir) == ["open-elsewhere.md"]


def test_menu_flow_options_then_file_then_export(qtbot, qapp, casebook, userdb, annotated, out_dir, monkeypatch):
    """``run_export_dialog``: the options dialog (accepted as shown), the save dialog (a name without
    extension gets one), then the export."""
    from PySide6.QtWidgets import QDialog, QFileDialog

    asked = {}

    def save_name(parent, caption, start, filters):
        asked.update(start=start, filters=filters)
        return str(out_dir / "研讨会"), filters

    monkeypatch.setattr(ExportOptionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    task = export_dialog.run_export_dialog(
        None, casebook=casebook, userdb=userdb, current_case_id="stid-a-02", selected_case_ids=["stid-a-02"]
    )
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=30000) as blocker:
        pass
    assert blocker.args[0].path == out_dir / "研讨会.pdf" and (out_dir / "研讨会.pdf").is_file()
    assert asked["start"].endswith(".pdf") and "*.pdf" in asked["filters"]


def test_menu_flow_cancelled_in_the_save_dialog(qtbot, qapp, casebook, userdb, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog

    monkeypatch.setattr(ExportOptionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    assert export_dialog.run_export_dialog(None, casebook=casebook, userdb=userdb, current_case_id="stid-a-01") is None
