"""The real main window over a private copy of the casebook, for the GUI tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from reader.paths import UserPaths
from reader.settings import Settings


@pytest.fixture
def chinese(qapp):
    """The Chinese UI for this test (English again after it)."""
    from reader import i18n

    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def make_window(qtbot, casebook_file, data_tmpdir):
    """``make_window(library=False)``: a new main window, shown and ready (tree filled, a case rendered).

    Every window shares the test's user data folder, so a second one sees the first one's saved session.
    With ``library=True`` the window reads the bundled casebook plus the user's library of imported batches.
    """
    from reader.app import create_main_window
    from reader.storage.casebook import Casebook
    from reader.storage.library import Library, library_path

    def make(*, library: bool = False):
        paths = UserPaths(data_tmpdir, False, "option")
        book = Library.open(casebook_file, library_path(data_tmpdir)) if library else Casebook.open(casebook_file)
        w = create_main_window(
            book=book,
            settings=Settings(path=paths.settings_file),
            paths=paths,
            app=QApplication.instance(),
        )
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.ready, timeout=10000):
            w.show()
        return w

    # The books stay open until the widgets are gone (pytest-qt closes them after this fixture).
    return make


@pytest.fixture(scope="module")
def fresh_casebook(tmp_path_factory):
    """A casebook built from data/sources now (not the committed file), once per test module."""
    from pathlib import Path

    from reader.storage.casebook import build_casebook

    path = tmp_path_factory.mktemp("casebook") / "casebook.db"
    build_casebook(Path(__file__).resolve().parents[2] / "data" / "sources", path)
    return path


@pytest.fixture
def library(fresh_casebook, data_tmpdir):
    """The library (imported batches) of a fresh data folder over :func:`fresh_casebook`."""
    from reader.storage.library import Library, library_path

    lib = Library.open(fresh_casebook, library_path(data_tmpdir))
    yield lib
    lib.close()
