"""Starting Casebook while it runs brings the running window to the front with the new arguments; no second
window writes the same files. Both ways of meeting are tried: the Unix socket (Linux) and the mailbox of files
(what Windows, which has no Unix sockets in Python, uses; forced here by CASEBOOK_SINGLE_INSTANCE=mailbox)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.faults.xapp import ROOT, App, x_server


def second_start(data, env: dict) -> subprocess.CompletedProcess:
    """``casebook --data-dir DATA --case stid-b-03`` as a second start would be made, to its end."""
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data), "--case", "stid-b-03"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(params=["socket", "mailbox"])
def meeting(request, monkeypatch):
    if request.param == "mailbox":
        monkeypatch.setenv("CASEBOOK_SINGLE_INSTANCE", "mailbox")
    else:
        monkeypatch.delenv("CASEBOOK_SINGLE_INSTANCE", raising=False)
    return request.param


def test_a_second_start_hands_over_and_exits(tmp_path, meeting):
    data = tmp_path / "data"
    with x_server() as display:
        first = App(display, data)
        env = {**first.env}
        t0 = time.monotonic()
        second = second_start(data, env)
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


def test_an_instance_killed_does_not_keep_the_next_from_starting(tmp_path, meeting):
    """kill -9 leaves the socket or the mailbox's lock behind: the next start takes it over and shows its window
    (it neither exits thinking one runs nor waits for an answer that never comes)."""
    data = tmp_path / "data"
    with x_server() as display:
        first = App(display, data)
        os.kill(first.proc.pid, signal.SIGKILL)
        first.proc.wait(10)
        t0 = time.monotonic()
        second = App(display, data, "--case", "stid-b-03")  # fails unless its own window comes up
        started_in = time.monotonic() - t0
        second.focus_keys("ctrl+q")
        assert second.wait() == 0, second.stderr()
    assert started_in < 30
    assert "stid-b-03" in (data / "settings.ini").read_text(encoding="utf-8")


def test_a_second_start_without_a_display_still_hands_over(tmp_path, meeting):
    """From a terminal without DISPLAY (ssh, a script) `casebook --case X` reaches the running window instead of
    dying in Qt's platform plugin (SIGABRT)."""
    data = tmp_path / "data"
    with x_server() as display:
        first = App(display, data)
        env = {k: v for k, v in first.env.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
        second = second_start(data, env)
        assert second.returncode == 0, second.stderr
        time.sleep(1.0)
        first.focus_keys("ctrl+q")
        assert first.wait() == 0
    assert "stid-b-03" in (data / "settings.ini").read_text(encoding="utf-8")
