from __future__ import annotations

import sys

import pytest

from reader import resources


def test_finds_bundled_casebook():
    path = resources.casebook_path()
    assert path.name == "casebook.db" and path.is_file()


@pytest.mark.parametrize("bad", ["/etc/passwd", "../secret", "data/../../x", "", "C:/x", "c:\\windows"])
def test_rejects_unsafe_paths(bad):
    with pytest.raises(resources.ResourceError):
        resources.find(bad)


def test_missing_file_is_a_clear_error():
    with pytest.raises(resources.ResourceError, match="not found"):
        resources.find("resources/nope.txt")


def test_bundle_dir_wins(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "casebook.db").write_bytes(b"x")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources.base_dirs.cache_clear()
    try:
        assert resources.casebook_path() == tmp_path / "data" / "casebook.db"
    finally:
        monkeypatch.delattr(sys, "_MEIPASS")
        resources.base_dirs.cache_clear()
