"""``casebook FILE`` (the desktop's "Open with Casebook"): an annotation export imports, a document opens the
import preview, a missing file is explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from reader.domain.text import plain_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def dialogs(monkeypatch):
    shown: list[tuple[str, str]] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, title, text, *a, _n=name, **k: shown.append((_n, text)))
    return shown


def test_an_annotation_export_is_imported(make_window, tmp_path, dialogs):
    from reader.storage.exchange import export_json
    from reader.ui.open_file import open_file

    window = make_window()
    tab = window.current_tab()
    s = plain_text(tab.view.case).index("知识产权")
    window.annotate.highlight(tab, s, s + 4, 1)
    out = tmp_path / "从同事那里.JSON"
    export_json(window.annotation_store.db, out)
    (a,) = window.annotation_store.db.list()
    window.annotation_store.delete(a.id)
    open_file(window, out)
    assert window.annotation_store.get(a.id) == a
    assert dialogs and dialogs[-1][0] == "information", dialogs


def test_a_document_opens_the_import_preview(make_window, monkeypatch, dialogs):
    from reader.ui import import_dialog
    from reader.ui.open_file import open_file

    opened: list[Path] = []

    def fake_exec(dlg):
        opened.append(dlg.path)
        return 0  # the user cancels: nothing is imported

    monkeypatch.setattr(import_dialog.ImportPreviewDialog, "exec", fake_exec)
    window = make_window(library=True)
    doc = ROOT / "data" / "sources" / "003_1188d1618b6c3124.txt"
    open_file(window, doc)
    assert opened == [doc]
    assert window.catalog.imported_batch_ids() == set()


def test_a_missing_file_is_explained(make_window, tmp_path, dialogs):
    from reader.ui.open_file import open_file

    window = make_window()
    open_file(window, tmp_path / "gone.json")
    assert dialogs and dialogs[-1][0] == "warning" and "gone.json" in dialogs[-1][1]
