"""The export dialog's Word and comparison choices, the remembered folder and format, and the box that offers
to open the exported file or show it in its folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from reader.domain.compare import align
from reader.ui import export_dialog
from reader.ui.export_dialog import ExportDoneBox, ExportOptionsDialog

docx = pytest.importorskip("docx")


@pytest.fixture
def settings(tmp_path):
    from reader.settings import Settings

    return Settings(path=tmp_path / "config" / "casebook.ini")


@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def accept_as(monkeypatch, **choices):
    """Make the options dialog accept at once, with the given combo choices (format=…, layout=…)."""
    seen = []

    def exec_(dialog):
        for name, value in choices.items():
            combo = getattr(dialog, f"{name}_combo")
            combo.setCurrentIndex(combo.findData(value))
        seen.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportOptionsDialog, "exec", exec_)
    return seen


def wait_done(qtbot, task):
    with qtbot.waitSignal(task.finished, timeout=30000) as blocker:
        pass
    return blocker.args[0]


def done_boxes(qapp) -> list[ExportDoneBox]:
    return [w for w in qapp.topLevelWidgets() if isinstance(w, ExportDoneBox) and w.isVisible()]


def test_word_official_from_the_dialog_and_the_choices_are_remembered(
    qtbot, qapp, casebook, userdb, annotated, out_dir, settings, monkeypatch
):
    accept_as(monkeypatch, format="docx", layout="official")
    asked = []

    def save_name(parent, caption, start, filters):
        asked.append((start, filters))
        return str(out_dir / "研讨会"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    task = export_dialog.run_export_dialog(
        None, casebook=casebook, userdb=userdb, current_case_id="stid-a-01", settings=settings
    )
    result = wait_done(qtbot, task)
    assert result.path == out_dir / "研讨会.docx" and result.format == "docx"
    assert "*.docx" in asked[0][1]
    document = docx.Document(str(result.path))
    assert document.sections[0].top_margin.mm == pytest.approx(37, abs=0.5)  # the official layout
    assert len(list(document.comments)) == 4
    assert settings.get("export/last_folder") == str(out_dir)
    assert (settings.get("export/format"), settings.get("export/layout")) == ("docx", "official")
    for box in done_boxes(qapp):
        box.close()

    # the next export starts with the same choices, in the same folder
    dialog = ExportOptionsDialog(None, casebook=casebook, userdb=userdb, current_case_id="stid-a-02", settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.format() == "docx" and dialog.layout_combo.currentData() == "official"
    accept_as(monkeypatch)
    task = export_dialog.run_export_dialog(
        None, casebook=casebook, userdb=userdb, current_case_id="stid-a-02", settings=settings
    )
    wait_done(qtbot, task)
    assert Path(asked[1][0]).parent == out_dir
    for box in done_boxes(qapp):
        box.close()


def test_done_box_opens_the_file_or_its_folder(qtbot, qapp, casebook, userdb, out_dir, monkeypatch):
    opened = []
    monkeypatch.setattr(export_dialog.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    monkeypatch.setattr(export_dialog.sys, "platform", "linux")
    accept_as(monkeypatch, format="md")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(out_dir / "a.md"), "")))
    task = export_dialog.run_export_dialog(None, casebook=casebook, userdb=userdb, current_case_id="stid-a-01")
    wait_done(qtbot, task)
    qtbot.waitUntil(lambda: len(done_boxes(qapp)) == 1, timeout=3000)
    box = done_boxes(qapp)[0]
    assert "a.md" in box.text()
    box.open_button.click()
    assert opened[-1].isLocalFile() and Path(opened[-1].toLocalFile()) == out_dir / "a.md"
    box = export_dialog.show_export_done(None, box.result)
    box.folder_button.click()
    assert Path(opened[-1].toLocalFile()) == out_dir


def test_from_a_compare_tab_the_comparison_is_offered_and_written_to_word(
    qtbot, qapp, casebook, userdb, out_dir, monkeypatch
):
    cases = [casebook.case(c) for c in ("stid-a-02", "stid-c-02")]
    alignment = align(cases, batch_titles={c.batch_id: casebook.batch_title(c.batch_id) for c in cases})
    dialog = ExportOptionsDialog(
        None, casebook=casebook, userdb=userdb, current_case_id="stid-a-02", comparison=alignment
    )
    qtbot.addWidget(dialog)
    assert dialog.scope() == "comparison" and dialog.scope_buttons["comparison"].isVisibleTo(dialog)
    model = dialog.format_combo.model()
    enabled = {dialog.format_combo.itemData(i): model.item(i).isEnabled() for i in range(dialog.format_combo.count())}
    assert enabled == {"pdf": True, "docx": True, "md": False, "html": False}
    dialog.scope_buttons["current"].setChecked(True)  # a case again: every format
    assert model.item(dialog.format_combo.findData("md")).isEnabled()

    accept_as(monkeypatch, format="docx")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(out_dir / "cmp"), "")))
    task = export_dialog.run_export_dialog(
        None, casebook=casebook, userdb=userdb, current_case_id="stid-a-02", comparison=alignment, offer_open=False
    )
    result = wait_done(qtbot, task)
    assert result.path == out_dir / "cmp.docx"
    table = docx.Document(str(result.path)).tables[0]
    assert [c.text for c in table.rows[0].cells] == [c.display_title for c in cases]
