"""A read-only data folder or a full disk: the app starts read-only and says so, nothing on disk is touched,
annotations can still be read out; a full disk is never taken for damage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.storage.userdb import UserDB
from tests.faults.damage import DAMAGE, annotation, fill
from tests.faults.mounts import fill_up, read_only_folder, small_disk, snapshot

ROOT = Path(__file__).resolve().parents[2]

#: The app started as a user starts it, quitting when ready; prints the read-only banner's text (or null).
WATCH_BANNER = textwrap.dedent(
    """
    import json, sys
    import reader.app
    seen = {}
    make = reader.app.create_main_window
    def create_main_window(**kw):
        window = make(**kw)
        def ready():
            from PySide6.QtWidgets import QLabel
            label = window.findChild(QLabel, "readOnlyText")
            seen["banner"] = label.text() if label is not None and label.isVisible() else None
            seen["annotations"] = len(kw["store"].db.list())
        window.ready.connect(ready)
        return window
    reader.app.create_main_window = create_main_window
    from reader.cli import run
    status = run(sys.argv[1:])
    print(json.dumps(seen, ensure_ascii=False))
    sys.exit(status)
    """
)


def reader(*args: str, script: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", script] if script else [sys.executable, "-m", "reader"]
    return subprocess.run([*cmd, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def start_gui(data: Path) -> tuple[subprocess.CompletedProcess, dict]:
    proc = reader("--data-dir", str(data), "--exit-when-ready", "--lang", "zh_CN", script=WATCH_BANNER)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stdout.strip().splitlines()
    return proc, json.loads(lines[-1]) if lines else {}


def user_folder(data: Path, n: int = 30) -> list:
    items = [annotation(i) for i in range(n)]
    with UserDB.open(data / "user.db", backups_dir=data / "backups") as db:
        fill(db, items)
        db.backup_now()
    return items


def test_read_only_folder_starts_read_only_and_reads_everything(tmp_path):
    data = tmp_path / "data"
    items = user_folder(data)
    first, _seen = start_gui(data)  # a normal start first: settings, library.db, session
    assert first.returncode == 0, first.stderr
    before = snapshot(data)
    with read_only_folder(data):
        proc, seen = start_gui(data)
        assert proc.returncode == 0, proc.stderr
        assert seen["banner"] and "只读" in seen["banner"], seen  # translated, says read-only
        assert seen["annotations"] == len(items)
        listed = reader("--data-dir", str(data), "annotations", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert {a["id"] for a in json.loads(listed.stdout)["annotations"]} == {a.id for a in items}
        out = tmp_path / "out.md"
        exported = reader("--data-dir", str(data), "annotations", "export", "-o", str(out), "--format", "md")
        assert exported.returncode == 0, exported.stderr
        assert all(a.note.split()[0] in out.read_text(encoding="utf-8") for a in items)
        refused = reader("--data-dir", str(data), "annotations", "import", str(ROOT / "pyproject.toml"))
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    assert snapshot(data) == before, "nothing in the read-only folder was changed"


def test_first_start_on_a_full_disk(tmp_path):
    """No library.db, no user.db yet, and no room: the app starts read-only instead of a traceback."""
    with small_disk(tmp_path / "disk") as disk:
        fill_up(disk)
        data = disk / "data"
        data.mkdir()
        proc, seen = start_gui(data)
        assert proc.returncode == 0, proc.stderr
        assert seen["banner"] and "磁盘已满" in seen["banner"], seen


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_database_on_a_full_disk_is_never_moved_aside(tmp_path, damage):
    with small_disk(tmp_path / "disk", size="8m") as disk:
        data = disk / "data"
        items = user_folder(data)
        first, _ = start_gui(data)
        assert first.returncode == 0, first.stderr
        DAMAGE[damage](data / "user.db")
        fill_up(disk)
        before = snapshot(data)
        proc, seen = start_gui(data)
        assert proc.returncode == 0, proc.stderr
        assert seen["banner"] and "磁盘已满" in seen["banner"], seen
        assert snapshot(data) == before, "nothing moved aside, deleted or added on a full disk"
        (disk / "filler.bin").unlink()  # the user frees space: the next start recovers, from the backup
        again, seen = start_gui(data)
        assert again.returncode == 0 and seen["banner"] is None
        assert seen["annotations"] >= len(items)


def test_a_data_folder_that_cannot_even_be_created_starts_read_only(tmp_path):
    """Portable mode on a write-protected stick, or an unwritable home: the folder does not exist and cannot
    be made. The app still starts (read-only, empty), with the banner; nothing is written anywhere there."""
    locked = tmp_path / "stick"
    locked.mkdir()
    with read_only_folder(locked):
        proc, seen = start_gui(locked / "Casebook data")
        assert proc.returncode == 0, proc.stderr
        assert seen["banner"] and "只读" in seen["banner"], seen
        assert seen["annotations"] == 0
        listed = reader("--data-dir", str(locked / "Casebook data"), "annotations", "list", "--json")
        assert listed.returncode == 0 and json.loads(listed.stdout) == {"annotations": []}, listed.stderr
    assert list(locked.iterdir()) == []


def test_editing_in_read_only_mode_says_why(tmp_path, qtbot):
    from reader.domain.annotation import new_case_note
    from reader.storage.db import DiskFullError
    from reader.stores.annotations import AnnotationStore

    reason = DiskFullError("the disk is full", path=tmp_path)
    store = AnnotationStore(db=UserDB.empty_read_only(tmp_path / "user.db", backups_dir=tmp_path, reason=reason))
    with qtbot.waitSignal(store.failed) as told:
        assert not store.add(new_case_note("stid-a-01"))
    assert "disk is full" in told.args[0].lower() or "磁盘已满" in told.args[0]
    assert store.db.count() == 0 and not (tmp_path / "user.db").exists()
