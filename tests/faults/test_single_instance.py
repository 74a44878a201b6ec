"""Starting Casebook while it runs brings the running window to the front with the new arguments; no second
window writes the same files."""

from __future__ import annotations

import subprocess
import sys
import time

from tests.faults.xapp import ROOT, App, x_server


def test_a_second_start_hands_over_and_exits(tmp_path):
    data = tmp_path / "data"
    with x_server() as display:
        first = App(display, data)
        env = {**first.env}
        t0 = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "reader", "--data-dir", str(data), "--case", "stid-b-03"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        handed_over_in = time.monotonic() - t0
        assert second.returncode == 0 and "Traceback" not in second.stderr, second.stderr
        time.sleep(1.0)
        windows = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "."], env=env, capture_output=True, text=True
        ).stdout.split()
        first.focus_keys("ctrl+q")
        assert first.wait() == 0
    settings = (data / "settings.ini").read_text(encoding="utf-8")
    assert "stid-b-03" in settings, "the running window opened the case the second start named"
    assert first.window in windows and len(windows) == len(set(windows)), "still one app window"
    assert handed_over_in < 30
