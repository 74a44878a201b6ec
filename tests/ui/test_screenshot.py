"""A real window under Xvfb (not offscreen), photographed for the README: docs/screenshots/main-window.png."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"

needs_xvfb = pytest.mark.skipif(
    shutil.which("xvfb-run") is None and not os.environ.get("CI"),
    reason="xvfb-run is not installed (.ci/run installs it; CI never skips this)",
)


@needs_xvfb
@pytest.mark.slow
def test_main_window_screenshot(qapp):
    out = SHOTS / "main-window.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    proc = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1600x1000x24",
            sys.executable,
            str(ROOT / "scripts" / "screenshot.py"),
            "main-window",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1600, 1000)
    colours = {img.pixel(x, y) for x in range(0, 1600, 7) for y in range(0, 1000, 7)}
    assert len(colours) > 40, "the screenshot looks blank"
    # the hit highlight colour (#ff9632) shows up in the reader
    assert any((c & 0xFFFFFF) == 0xFF9632 for c in colours)
