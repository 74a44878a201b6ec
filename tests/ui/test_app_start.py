"""The app started the way a user starts it: ``python -m reader``, a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start(*args: str, data: Path, script: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "reader", *args]
    return subprocess.run(
        [*cmd, "--data-dir", str(data), "--exit-when-ready"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_exit_when_ready_starts_saves_the_session_and_exits_cleanly(tmp_path):
    first = start(data=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    settings = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "tabs=stid-a-01|top+0\n" in settings, settings  # the first case of the first batch, at its top
    assert (tmp_path / "user.db").is_file()
    again = start(data=tmp_path)
    assert again.returncode == 0, again.stderr


WATCH_GC = textwrap.dedent(
    """
    import gc, json, sys
    import reader.app
    seen = {}
    make = reader.app.create_main_window
    def create_main_window(**kw):
        seen["while_building"] = gc.isenabled()
        window = make(**kw)
        window.ready.connect(lambda: seen.setdefault("ready", True))
        kw["app"].aboutToQuit.connect(lambda: seen.update(at_quit=gc.isenabled(), frozen=gc.get_freeze_count() > 0))
        return window
    reader.app.create_main_window = create_main_window
    from reader.cli import run
    status = run(sys.argv[1:])
    seen["after"] = gc.isenabled()
    print(json.dumps(seen))
    sys.exit(status)
    """
)


def test_garbage_collection_waits_for_the_ready_window(tmp_path):
    """Paused while start-up builds its long-lived objects, running again once the window is ready, with
    those objects frozen out of its walks (the app quits at ready with ``--exit-when-ready``)."""
    proc = start(data=tmp_path, script=WATCH_GC)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen == {"while_building": False, "ready": True, "at_quit": True, "frozen": True, "after": True}
