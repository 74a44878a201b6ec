from __future__ import annotations

from pathlib import Path

from reader.paths import PORTABLE_DIR, PORTABLE_MARKER, resolve_user_paths


def _default() -> Path:
    return Path("/platform/default")


def test_option_beats_everything(tmp_path):
    (tmp_path / PORTABLE_MARKER).write_text("")
    p = resolve_user_paths(
        option=tmp_path / "x", exe_dir=tmp_path, platform_default=_default, environ={"CASEBOOK_DATA_DIR": "/env"}
    )
    assert p.data_dir == (tmp_path / "x").resolve() and p.origin == "option"


def test_environment_beats_portable(tmp_path):
    (tmp_path / PORTABLE_MARKER).write_text("")
    p = resolve_user_paths(
        option=None, exe_dir=tmp_path, platform_default=_default, environ={"CASEBOOK_DATA_DIR": str(tmp_path / "env")}
    )
    assert p.data_dir == (tmp_path / "env").resolve() and p.origin == "environment"


def test_portable_marker(tmp_path):
    (tmp_path / PORTABLE_MARKER).write_text("")
    p = resolve_user_paths(option=None, exe_dir=tmp_path, platform_default=_default, environ={})
    assert p.portable and p.data_dir == tmp_path / PORTABLE_DIR
    assert p.user_db.parent == p.settings_file.parent == p.data_dir


def test_platform_default(tmp_path):
    p = resolve_user_paths(option=None, exe_dir=tmp_path, platform_default=_default, environ={})
    assert p.data_dir == Path("/platform/default") and not p.portable
