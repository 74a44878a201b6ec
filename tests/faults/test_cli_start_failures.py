"""Every way the command line can fail to start (a missing or damaged casebook, a file where the data folder
should be, a read-only folder or home, a full disk) prints one line in the app's language and no traceback,
and exits non-zero. Real ``python -m reader`` processes; the language comes from the locale as in the app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.storage.userdb import UserDB
from tests.faults.damage import annotation, fill
from tests.faults.mounts import fill_up, read_only_folder, small_disk

ROOT = Path(__file__).resolve().parents[2]
ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}
EN = {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or ZH)}
    full.pop("CASEBOOK_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], cwd=ROOT, env=full, capture_output=True, text=True, timeout=120
    )


def one_line(proc: subprocess.CompletedProcess, *expected: str) -> str:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("casebook: "), proc.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["show", "stid-a-01"],
    ["search", "仲裁"],
    ["export", "stid-a-01", "-o", "OUT/x.md"],
    ["annotations", "import", "OUT/none.json"],
    ["figures", "stid-a-01"],
]


def _args(cmd: list[str], out: Path) -> list[str]:
    return [a.replace("OUT", str(out)) for a in cmd]


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_missing_casebook(tmp_path, cmd):
    proc = cli("--data-dir", str(tmp_path / "d"), "--casebook", str(tmp_path / "gone.db"), *_args(cmd, tmp_path))
    one_line(proc, "找不到案例库数据库", str(tmp_path / "gone.db"))


@pytest.mark.parametrize("cmd", COMMANDS[:5], ids=lambda c: " ".join(c[:2]))
def test_a_damaged_casebook(tmp_path, cmd):
    bad = tmp_path / "bad.db"
    bad.write_bytes(os.urandom(8192))
    proc = cli("--data-dir", str(tmp_path / "d"), "--casebook", str(bad), *_args(cmd, tmp_path))
    one_line(proc, "数据库文件已损坏")


def test_the_line_follows_the_language(tmp_path):
    gone = str(tmp_path / "gone.db")
    assert "could not be found" in one_line(cli("--casebook", gone, "list", env=EN))
    assert "could not be found" in one_line(cli("--lang", "en", "--casebook", gone, "list"))
    assert "找不到" in one_line(cli("--lang", "zh_CN", "--casebook", gone, "list", env=EN))
    data = tmp_path / "d"
    data.mkdir()
    (data / "settings.ini").write_text("[ui]\nlanguage=en\n")  # chosen in Preferences
    assert "could not be found" in one_line(cli("--data-dir", str(data), "--casebook", gone, "list"))


@pytest.mark.parametrize(
    "cmd",
    [["annotations", "list"], ["annotations", "import", "OUT/x.json"], ["annotations", "export", "-o", "OUT/x.json"]],
)
def test_a_file_where_the_data_folder_should_be(tmp_path, cmd):
    (tmp_path / "data").write_text("not a folder")
    proc = cli("--data-dir", str(tmp_path / "data"), *_args(cmd, tmp_path))
    one_line(proc, "文件夹")


def test_a_read_only_data_folder_and_home(tmp_path):
    home = tmp_path / "home"
    data = home / ".local" / "share" / "Casebook"
    data.mkdir(parents=True)
    with UserDB.open(data / "user.db", backups_dir=data / "backups") as db:
        fill(db, [annotation(i) for i in range(3)])
    notes = tmp_path / "notes.json"
    assert cli("--data-dir", str(data), "annotations", "export", "-o", str(notes)).returncode == 0
    env = {**ZH, "HOME": str(home), "XDG_DATA_HOME": ""}
    with read_only_folder(home):
        listed = cli("annotations", "list", "--json", env=env)
        assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
        assert cli("list", env=env).returncode == 0
        one_line(cli("annotations", "import", str(notes), env=env), "只读")


def test_an_unwritable_home_that_has_no_data_folder_yet(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {**ZH, "HOME": str(home), "XDG_DATA_HOME": ""}
    with read_only_folder(home):
        listed = cli("annotations", "list", env=env)
        assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
        one_line(cli("annotations", "import", str(ROOT / "pyproject.toml"), env=env), "只读")
    assert list(home.iterdir()) == []


def test_a_full_disk(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        data = disk / "data"
        data.mkdir()
        fill_up(disk)
        notes = tmp_path / "notes.json"
        notes.write_text('{"format": "casebook-annotations", "version": 1, "annotations": []}')
        one_line(cli("--data-dir", str(data), "annotations", "import", str(notes)), "磁盘已满")
        listed = cli("--data-dir", str(data), "annotations", "list")
        assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
