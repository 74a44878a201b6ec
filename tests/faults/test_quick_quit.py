"""A note typed and quit at once is kept: the real window in a real X server, keys from xdotool."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.faults.xapp import ROOT, App, x_server

NOTE = "quick note, kept: **bold** 42"  # ASCII: xdotool types through the X keymap, which has no CJK keys


def cli_annotations(data) -> list[dict]:
    """What the next start reads: ``python -m reader annotations list --json`` on the same folder."""
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data), "annotations", "list", "--json"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout)["annotations"]


@pytest.mark.parametrize("pause", [0.0, 0.05, 0.2])
def test_note_typed_then_ctrl_q_is_there_after_reopening(tmp_path, pause):
    data = tmp_path / "data"
    with x_server() as display:
        app = App(display, data)
        app.focus_keys("ctrl+shift+n")  # Edit → Note on This Case…: the editor, keyboard in its text box
        time.sleep(0.5)
        app.type(NOTE)
        time.sleep(pause)  # well under the editor's 700 ms pause before it saves by itself
        app.focus_keys("ctrl+q")
        assert app.wait() == 0
        assert "Traceback" not in app.stderr()
    notes = [a["note"] for a in cli_annotations(data) if a["kind"] == "case_note"]
    assert notes == [NOTE]
