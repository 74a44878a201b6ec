"""``casebook import FILE [--dry-run] [--title T] [--replace] [--json]``.

``reader/cli.py`` wires ``add_parser`` in; until it does, the handler is tested through a parser built here
with the main parser's global options.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli_import import add_parser
from reader.domain.annotation import new_highlight
from reader.domain.text import plain_text
from reader.storage.casebook import build_casebook
from reader.storage.library import Library, library_path
from reader.storage.userdb import UserDB

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
STID_A = SOURCES / "000_db19b12f0daba2d6.txt"


@pytest.fixture(scope="module")
def fresh_casebook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("casebook") / "casebook.db"
    build_casebook(SOURCES, path)
    return path


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="casebook")
    p.add_argument("--casebook", type=Path)
    p.add_argument("--data-dir", type=Path)
    sub = p.add_subparsers(dest="command")
    add_parser(sub)
    return p


@pytest.fixture
def run(fresh_casebook):
    def run(*argv: str) -> int:
        args = parser().parse_args(["--casebook", str(fresh_casebook), *argv])
        return args.func(args)

    return run


def imported(data_dir: Path, casebook: Path) -> set[str]:
    if not library_path(data_dir).exists():
        return set()
    with Library.open(casebook, library_path(data_dir)) as lib:
        return lib.imported_batch_ids()


def test_dry_run_prints_the_structure_and_writes_nothing(run, capsys, data_tmpdir, fresh_casebook):
    assert run("import", str(STID_A), "--dry-run", "--json", "--title", "新的一批") == 0
    out = json.loads(capsys.readouterr().out)
    [batch] = out["batches"]
    assert batch["title"] == "新的一批" and len(batch["cases"]) == 25
    first = batch["cases"][0]
    assert (first["number"], first["title"], first["contributors"], first["category"]) == (
        1,
        "创新开展专利代理对外开放试点",
        ["广州市"],
        None,
    )
    assert first["sections"] == ["一、主要做法", "二、实践效果", "三、下一步工作思路"]
    assert out["warnings"] == [] and out["dry_run"] is True and out["imported"] is False
    assert not library_path(data_tmpdir).exists()
    assert imported(data_tmpdir, fresh_casebook) == set()


def test_import_adds_the_batch_and_a_second_import_needs_replace(run, capsys, data_tmpdir, fresh_casebook):
    assert run("import", str(STID_A), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    batch_id = out["batches"][0]["id"]
    assert out["imported"] is True and batch_id.startswith("imp-")
    assert imported(data_tmpdir, fresh_casebook) == {batch_id}

    assert run("import", str(STID_A)) == 1
    err = capsys.readouterr().err
    assert err.startswith("casebook: ") and "already imported" in err and "--replace" in err
    assert err.count("\n") == 1

    assert run("import", str(STID_A), "--replace", "--title", "改名") == 0
    assert "imported as " + batch_id in capsys.readouterr().out
    with Library.open(fresh_casebook, library_path(data_tmpdir)) as lib:
        assert lib.batch_title(batch_id) == "改名"


def test_text_output(run, capsys):
    assert run("import", str(STID_A), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "25 case(s)" in out and "  1. 创新开展专利代理对外开放试点  [广州市]  (3 section(s))" in out
    assert "dry run: nothing was imported" in out


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 10, "not a text file"),
        ("nothing.txt", "这是一段没有案例的文字。\n".encode(), "no recognisable case"),
        ("broken.pdf", b"%PDF-1.4 broken", "damaged"),
        ("sheet.xlsx", b"PK", "unsupported"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_writes_nothing(run, capsys, tmp_path, data_tmpdir, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    assert run("import", str(path)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("casebook: ") and message in captured.err and captured.err.count("\n") == 1
    assert not library_path(data_tmpdir).exists()


def test_huge_file_is_refused(run, capsys, tmp_path, data_tmpdir):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    assert run("import", str(path)) == 1
    assert "too large" in capsys.readouterr().err
    assert not library_path(data_tmpdir).exists()


def test_data_dir_option_wins(run, capsys, tmp_path, fresh_casebook, data_tmpdir):
    other = tmp_path / "elsewhere"
    assert run("--data-dir", str(other), "import", str(STID_A)) == 0
    assert library_path(other).exists() and not library_path(data_tmpdir).exists()


def test_reimport_brings_orphaned_annotations_back(run, capsys, data_tmpdir, fresh_casebook):
    assert run("import", str(STID_A), "--json") == 0
    batch_id = json.loads(capsys.readouterr().out)["batches"][0]["id"]
    with Library.open(fresh_casebook, library_path(data_tmpdir)) as lib:
        case = lib.case(f"{batch_id}-03")
        text = plain_text(case)
        with UserDB.open(data_tmpdir / "user.db", backups_dir=data_tmpdir / "backups") as db:
            mark = db.add(new_highlight(case, 0, 8, text=text))
            lib.remove_batch(batch_id)
            db.reanchor_all(lib)
            assert db.get(mark.id).orphaned
    assert run("import", str(STID_A)) == 0
    assert "1 annotation(s) found their text again" in capsys.readouterr().err
    with UserDB.open(data_tmpdir / "user.db", backups_dir=data_tmpdir / "backups") as db:
        assert not db.get(mark.id).orphaned


def test_library_stays_unchanged_when_the_write_fails(run, capsys, data_tmpdir, fresh_casebook):
    assert run("import", str(SOURCES / "003_1188d1618b6c3124.txt")) == 0
    conn = sqlite3.connect(library_path(data_tmpdir))
    conn.execute("CREATE TRIGGER no_more BEFORE INSERT ON cases BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert run("import", str(STID_A)) == 1
    assert "disk trouble" in capsys.readouterr().err
    assert len(imported(data_tmpdir, fresh_casebook)) == 1


# ---------------------------------------------------------------------------------------------
# through the real command line (python -m reader)


def real_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )


def test_real_cli_says_a_bundled_document_is_already_in_the_library(tmp_path):
    proc = real_cli("import", str(SOURCES / "003_1188d1618b6c3124.txt"), data_dir=tmp_path / "data")
    assert proc.returncode == 0, proc.stderr
    assert (
        "note: this document is already in the library as sop-a (国家服务业扩大开放综合试点示范最佳实践案例"
        in proc.stdout
    )
    assert "comes with Casebook" in proc.stdout
    assert re.search(r"imported as imp-[0-9a-f]{8}: 8 case\(s\) \(a copy\)", proc.stdout), proc.stdout
    proc = real_cli("import", "--json", str(STID_A), data_dir=tmp_path / "data")
    assert json.loads(proc.stdout)["copy_of"] == {
        "id": "stid-a",
        "title": "全面深化服务贸易创新发展试点最佳实践案例",
        "bundled": True,
    }


def test_real_cli_imports_an_ofd_package(tmp_path):
    from tests.ingest.test_docx import CASE_LINES, write_ofd

    path = write_ofd(tmp_path / "来文.ofd", [CASE_LINES])
    proc = real_cli("import", "--dry-run", "--json", str(path), data_dir=tmp_path / "data")
    assert proc.returncode == 0, proc.stderr
    (batch,) = json.loads(proc.stdout)["batches"]
    assert batch["kind"] == "ofd"
    assert [c["title"] for c in batch["cases"]] == ["推行游艇自由行“一网通办”提升湾区海事服务水平"]
    assert batch["cases"][0]["contributors"] == ["深圳市"]


def test_real_cli_refuses_a_caseless_document_then_imports_it_as_one_case(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text("关于试点工作的报告\n一是推进改革。\n二是加强保障。\n", encoding="utf-8")
    proc = real_cli("import", str(path), data_dir=tmp_path / "data")
    assert proc.returncode == 1 and "no recognisable case" in proc.stderr
    proc = real_cli("import", "--as-one-case", "--json", str(path), data_dir=tmp_path / "data")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["imported"] and [c["title"] for c in data["batches"][0]["cases"]] == ["关于试点工作的报告"]


def test_real_cli_tells_old_word_files_to_be_saved_as_docx(tmp_path):
    path = tmp_path / "旧文件.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    proc = real_cli("import", str(path), data_dir=tmp_path / "data")
    assert proc.returncode == 1 and "save it as .docx" in proc.stderr
