from __future__ import annotations

import pytest

from reader.settings import OPTIONS, SETTINGS_VERSION, ZOOM_MAX, Settings


def test_defaults(tmp_path):
    s = Settings(path=tmp_path / "s.ini")
    for key, opt in OPTIONS.items():
        assert s.get(key) == opt.default


def test_round_trip_across_instances(tmp_path):
    path = tmp_path / "s.ini"
    s = Settings(path=path)
    s.set("ui/theme", "dark")
    s.set("reader/zoom", 130)
    s.set("reader/copy_reference", True)
    s.set("session/tabs", ["a|1", "b|2"])
    s.sync()
    t = Settings(path=path)
    assert (t.get("ui/theme"), t.get("reader/zoom"), t.get("reader/copy_reference")) == ("dark", 130, True)
    assert t.get("session/tabs") == ["a|1", "b|2"]
    assert f"version={SETTINGS_VERSION}" in path.read_text().replace(" ", "")


def test_bad_values_fall_back(tmp_path):
    path = tmp_path / "s.ini"
    path.write_text("[ui]\ntheme=purple\n[reader]\nzoom=lots\n")
    s = Settings(path=path)
    assert s.get("ui/theme") == "system" and s.get("reader/zoom") == 100


def test_zoom_clamped(tmp_path):
    path = tmp_path / "s.ini"
    path.write_text("[reader]\nzoom=5000\n")
    assert Settings(path=path).get("reader/zoom") == ZOOM_MAX


def test_undeclared_and_mistyped(tmp_path):
    s = Settings(path=tmp_path / "s.ini")
    with pytest.raises(KeyError):
        s.get("nope")
    with pytest.raises(TypeError):
        s.set("reader/zoom", "120")
