"""``casebook annotations export|import|list``.

``reader/cli.py`` wires ``add_parser`` in; until it does, the handler is tested through a parser built
here with the main parser's global options. The subprocess test runs once ``reader.cli`` imports it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import cli_annotations
from reader.cli_annotations import add_parser
from reader.domain.annotation import new_case_note, new_highlight
from reader.domain.text import plain_text
from reader.paths import platform_data_dir as default_data_dir
from reader.storage.userdb import UserDB

ROOT = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="casebook")
    p.add_argument("--casebook", type=Path)
    p.add_argument("--data-dir", type=Path)
    p.add_argument("--lang")
    sub = p.add_subparsers(dest="command")
    add_parser(sub)
    return p


def run(*argv: str) -> int:
    args = parser().parse_args(list(argv))
    return args.func(args)


@pytest.fixture
def filled(data_tmpdir, casebook):
    """The user database in the test's data folder (``$CASEBOOK_DATA_DIR``), with two annotations."""
    case = casebook.case("stid-a-01")
    text = plain_text(case)
    start = text.index("国际知识产权服务大厅")
    with UserDB.open(data_tmpdir / "user.db", backups_dir=data_tmpdir / "backups") as db:
        h = db.add(new_highlight(case, start, start + 10, color=1, note="第一行\n第二行", tags=["重点"], text=text))
        n = db.add(new_case_note("sop-a-3e8e4363", "另一个案例"))
    return h, n


def test_list_json_uses_the_data_dir_from_the_environment(filled, capsys, casebook_file):
    h, n = filled
    assert run("--casebook", str(casebook_file), "annotations", "list", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert {a["id"] for a in out["annotations"]} == {h.id, n.id}
    assert run("annotations", "list", "--case", "stid-a-01", "--json") == 0
    assert [a["id"] for a in json.loads(capsys.readouterr().out)["annotations"]] == [h.id]


def test_list_text(filled, capsys):
    h, _ = filled
    assert run("annotations", "list") == 0
    out = capsys.readouterr().out
    assert h.id in out and "highlight/green" in out and "「国际知识产权服务大厅」" in out and "[重点]" in out
    assert out.rstrip().endswith("2 annotation(s)")


def test_export_json_and_markdown(filled, capsys, tmp_path, casebook_file):
    out = tmp_path / "export.json"
    assert run("--casebook", str(casebook_file), "annotations", "export", "--format", "json", "-o", str(out)) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "casebook-annotations" and doc["count"] == 2
    md = tmp_path / "export.md"
    assert (
        run(
            "--casebook",
            str(casebook_file),
            "annotations",
            "export",
            "--format",
            "md",
            "-o",
            str(md),
            "--case",
            "stid-a-01",
        )
        == 0
    )
    text = md.read_text(encoding="utf-8")
    assert "> 国际知识产权服务大厅" in text and "另一个案例" not in text
    assert "exported 1 annotation(s)" in capsys.readouterr().out


def test_import_into_another_data_dir(filled, capsys, tmp_path, casebook_file):
    out = tmp_path / "export.json"
    run("annotations", "export", "-o", str(out))
    capsys.readouterr()
    target = tmp_path / "elsewhere"
    assert (
        run(
            "--data-dir",
            str(target),
            "--casebook",
            str(casebook_file),
            "annotations",
            "import",
            str(out),
            "--dry-run",
            "--json",
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["dry_run"] and summary["added"] == 2
    with UserDB.open(target / "user.db", backups_dir=target / "backups") as db:
        assert db.count() == 0
    assert run("--data-dir", str(target), "--casebook", str(casebook_file), "annotations", "import", str(out)) == 0
    assert capsys.readouterr().out.startswith("2 added, 0 updated, 0 unchanged")
    with UserDB.open(target / "user.db", backups_dir=target / "backups") as db:
        assert db.count() == 2


def test_errors_are_one_line_and_exit_1(filled, capsys, tmp_path, casebook_file):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "casebook-annotations", "version": 99, "annotations": []}')
    assert run("--casebook", str(casebook_file), "annotations", "import", str(bad)) == 1
    err = capsys.readouterr().err
    assert err.startswith("casebook: ") and err.count("\n") == 1 and "newer Casebook" in err
    assert run("annotations", "import", str(tmp_path / "missing.json"), "--dry-run") == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert run("annotations", "export", "-o", str(tmp_path / "no" / "such" / "dir" / "x.json")) == 1
    assert capsys.readouterr().err.startswith("casebook: ")


def test_unreadable_casebook_is_an_error(filled, capsys, tmp_path):
    none = str(tmp_path / "none.db")
    assert run("--lang", "en", "--casebook", none, "annotations", "import", str(tmp_path / "x.json")) == 1
    assert "casebook database could not be found" in capsys.readouterr().err


def test_action_is_required():
    with pytest.raises(SystemExit) as exc:
        parser().parse_args(["annotations"])
    assert exc.value.code == 2


def test_qt_free_default_equals_qstandardpaths(qapp, monkeypatch, tmp_path):
    from reader.paths import qt_platform_data_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    qapp.setApplicationName("Casebook")
    assert default_data_dir() == qt_platform_data_dir()


def test_default_data_dir_matches_qt_locations(tmp_path):
    home = Path.home()
    assert default_data_dir(platform="linux", environ={}) == home / ".local/share/Casebook"
    assert default_data_dir(platform="linux", environ={"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "Casebook"
    assert default_data_dir(platform="linux", environ={"XDG_DATA_HOME": "relative"}) == home / ".local/share/Casebook"
    assert default_data_dir(platform="win32", environ={"LOCALAPPDATA": str(tmp_path)}) == tmp_path / "Casebook"
    assert default_data_dir(platform="darwin", environ={}) == home / "Library/Application Support/Casebook"


def test_no_data_dir_anywhere_uses_the_platform_folder(monkeypatch, tmp_path):
    from reader import resources
    from reader.paths import resolve_user_paths

    monkeypatch.delenv("CASEBOOK_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    paths = resolve_user_paths(option=None, exe_dir=resources.executable_dir(), platform_default=default_data_dir)
    assert paths.origin == "platform"
    if sys.platform.startswith("linux"):
        assert paths.data_dir == tmp_path / "xdg" / "Casebook"


def test_python_m_reader_annotations(filled, data_tmpdir):
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "annotations", "list", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CASEBOOK_DATA_DIR": str(data_tmpdir)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["annotations"]) == 2


def test_module_is_qt_free():
    code = "import sys, reader.cli_annotations as m; sys.exit(1 if any(k.startswith('PySide6') for k in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
    assert cli_annotations.EXIT_ERROR == 1
