"""Test helper: the real app in a real X server (Xvfb), driven with xdotool like a user at the keyboard."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def need_x_tools() -> None:
    missing = [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI"):
            raise AssertionError(f"CI must have {', '.join(missing)}")
        pytest.skip(f"needs {', '.join(missing)}")


@contextlib.contextmanager
def x_server() -> Iterator[str]:
    """A private Xvfb display (``:N``), stopped afterwards."""
    need_x_tools()
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            raise AssertionError("Xvfb did not start")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


class App:
    """``python -m reader --data-dir D`` on ``display``; :meth:`keys` and :meth:`type` go to its window."""

    def __init__(self, display: str, data: Path, *args: str) -> None:
        self.display = display
        env = {**os.environ, "DISPLAY": display, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        self.env = env
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reader", "--data-dir", str(data), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.window = self._find_window()

    def _xdotool(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60)
        if check and out.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)}: {out.stderr}")
        return out.stdout.strip()

    def _find_window(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"the app exited at start: {self.proc.stderr.read() if self.proc.stderr else ''}")
            found = self._xdotool("search", "--onlyvisible", "--pid", str(self.proc.pid), check=False).split()
            if found:
                time.sleep(1.5)  # the window is mapped; let it finish its first paint and restore the session
                self._xdotool("windowfocus", "--sync", found[-1], check=False)
                return found[-1]
            time.sleep(0.2)
        raise AssertionError("the app's window did not appear")

    def keys(self, *keys: str) -> None:
        self._xdotool("key", "--clearmodifiers", "--window", self.window, *keys)

    def focus_keys(self, *keys: str) -> None:
        """Keys sent to the focused window (the way a user types), not synthesised into one window."""
        self._xdotool("key", "--clearmodifiers", *keys)

    def type(self, text: str) -> None:
        self._xdotool("type", "--delay", "20", text)

    def wait(self, timeout: float = 30) -> int:
        try:
            return self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()

    def stderr(self) -> str:
        return self.proc.stderr.read() if self.proc.stderr else ""
