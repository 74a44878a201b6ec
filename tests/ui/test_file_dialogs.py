"""Where the app's file dialogs start: the last folder used for the purpose, else Documents, else home; never
the program's folder. Driven through the real dialogs (Qt's own file dialog, found on screen and answered)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "sources" / "001_7d1d9c300672fa55.txt"


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(ROOT)  # started from the checkout, as `python -m reader` is
    from reader.ui import file_dialogs

    monkeypatch.setattr(file_dialogs, "_session", {})  # a fresh start: no folder used yet (other tests exported)
    return home


def answer_dialog(qtbot, choose: Path | None, seen: list[Path]) -> None:
    """When the next file dialog shows: record the folder it starts in, then choose ``choose`` (or cancel)."""

    def answer() -> None:
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog), timeout=10000)
        dialog = QApplication.activeModalWidget()
        seen.append(Path(dialog.directory().absolutePath()).resolve())
        if choose is None:
            dialog.reject()
        else:
            dialog.selectFile(str(choose))
            dialog.accept()

    QTimer.singleShot(0, answer)


def import_dialog_folder(window, qtbot, choose: Path | None = None) -> Path:
    seen: list[Path] = []
    answer_dialog(qtbot, choose, seen)
    if choose is not None:  # the import preview that follows: cancel it
        from reader.ui.import_dialog import ImportPreviewDialog

        def cancel_preview() -> None:
            qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ImportPreviewDialog), timeout=10000)
            QApplication.activeModalWidget().reject()

        QTimer.singleShot(50, cancel_preview)
    window.library_actions.import_batch()
    (folder,) = seen
    return folder


def test_import_starts_in_home_without_documents_then_in_the_last_folder(make_window, qtbot, home, tmp_path):
    window = make_window(library=True)
    assert import_dialog_folder(window, qtbot) == home.resolve(), "not the program's folder (the cwd)"
    (home / "Documents").mkdir()
    assert import_dialog_folder(window, qtbot) == (home / "Documents").resolve()
    elsewhere = tmp_path / "来文"
    elsewhere.mkdir()
    (elsewhere / "批次.txt").write_bytes(SOURCE.read_bytes())
    import_dialog_folder(window, qtbot, choose=elsewhere / "批次.txt")
    assert import_dialog_folder(window, qtbot) == elsewhere.resolve()
    assert window.settings.get("import/last_folder") == str(elsewhere)


def test_export_never_starts_in_the_program_folder(make_window, qtbot, home):
    from reader.ui.export_dialog import ask_path

    window = make_window()
    window.settings.set("export/last_folder", str(ROOT / "reader"))  # e.g. saved by an older version
    seen: list[Path] = []
    answer_dialog(qtbot, None, seen)
    assert ask_path(window, settings=window.settings, fmt="pdf", name="案例.pdf") is None
    assert seen == [home.resolve()]
    assert os.getcwd() == str(ROOT)
