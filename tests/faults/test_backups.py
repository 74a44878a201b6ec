"""Backups that never make things worse: two instances backing up at once, and rotation that keeps the only
backup holding annotations the live database lacks."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from reader.storage.userdb import UserDB
from tests.faults.damage import T0, annotation, fill

ROOT = Path(__file__).resolve().parents[2]

BACKER = """
import sys
from pathlib import Path
from reader.storage.userdb import UserDB
path, backups, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
failed = 0
with UserDB.open(path, backups_dir=backups) as db:
    for _ in range(n):
        try:
            db.backup_now(keep=3)
        except Exception as exc:
            failed += 1
            print(type(exc).__name__, exc, file=sys.stderr)
print(failed)
"""


def test_two_instances_backing_up_at_once_never_fail(tmp_path):
    path, backups = tmp_path / "user.db", tmp_path / "backups"
    with UserDB.open(path, backups_dir=backups) as db:
        fill(db, [annotation(i) for i in range(200)])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", BACKER, str(path), str(backups), "60"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [int(out.strip()) for out, _err in results] == [0, 0], [err for _out, err in results]
    assert not [p.name for p in backups.iterdir() if p.name.endswith((".tmp", "-journal"))], "no temp files left"


def test_rotation_keeps_the_only_backup_holding_lost_annotations(tmp_path):
    """The issue's row: 50 annotations in one backup, the live database lost them (a recovery without that
    backup, or deletions); seven daily starts later that backup is still there, and restoring it works."""
    path, backups = tmp_path / "user.db", tmp_path / "backups"
    items = [annotation(i) for i in range(50)]
    with UserDB.open(path, backups_dir=backups) as db:
        fill(db, items)
        holding = db.backup_now(now=T0)
        for a in items:
            db.delete(a.id)
        for day in range(1, 15):
            db.backup_if_due(now=T0 + dt.timedelta(days=day))
        names = [b.path for b in db.backups()]
        assert holding in names, "the only backup with the 50 annotations survived rotation"
        assert len(names) == 7 + 1
        db.restore(holding)
        assert {a.id for a in db.list()} == {a.id for a in items}
        db.backup_if_due(now=T0 + dt.timedelta(days=20))
        assert holding not in [b.path for b in db.backups()], "once nothing is missing it rotates out as usual"
