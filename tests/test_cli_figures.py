"""``casebook figures``, run as a real subprocess (``python -m reader``) the way scripts use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STID_A = ROOT / "data" / "sources" / "000_db19b12f0daba2d6.txt"


def cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CASEBOOK_DATA_DIR": ""},
        timeout=120,
    )


def test_figures_json_of_one_case(tmp_path):
    proc = cli("figures", "stid-a-02", "--no-lead", "--json", data_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)["figures"]
    keys = {"case_id", "value", "unit", "qualifier", "what", "when", "sentence", "start", "end"}
    assert all(keys <= set(f) for f in figures)
    # Read from the case text (python -m reader show stid-a-02): 近 400 名境外仲裁员来自 110多个国家和地区.
    arbitrators = next(f for f in figures if f["value"] == 400)
    assert (arbitrators["unit"], arbitrators["qualifier"], arbitrators["what"]) == ("名", "近", "境外仲裁员")
    assert "近 400 名境外仲裁员" in arbitrators["sentence"]
    assert {(f["value"], f["unit"]) for f in figures} >= {(15, "名"), (110, "个"), (42, "种"), (1200, "名")}
    places = next(f for f in figures if f["value"] == 3 and f["unit"] == "家")
    assert places["when"] == "截至2022年底"
    # start/end point at the figure in its paragraph, as `show --json` prints it
    shown = json.loads(cli("show", "stid-a-02", "--json", data_dir=tmp_path).stdout)
    paragraphs = [p for s in shown["sections"] for sub in s["subsections"] for p in sub["paragraphs"]]
    assert any(p[arbitrators["start"] : arbitrators["end"]] == "近 400 名" for p in paragraphs)


def test_figures_of_a_batch_in_text(tmp_path):
    proc = cli("figures", "--batch", "stid-b", data_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "stid-b-01"
    assert any(line.strip().startswith("45 名") and "外籍医务人员" in line for line in lines)
    assert not any(line.startswith("stid-a") for line in lines)


def test_unknown_case_or_batch_is_a_usage_error(tmp_path):
    proc = cli("figures", "stid-a-02", "no-such-case", data_dir=tmp_path)
    assert proc.returncode == 2
    assert "unknown case no-such-case" in proc.stderr and proc.stdout == ""
    proc = cli("figures", "--batch", "zz", data_dir=tmp_path)
    assert proc.returncode == 2
    assert "unknown batch zz" in proc.stderr and "stid-a" in proc.stderr


def test_figures_of_an_imported_batch(tmp_path):
    proc = cli("import", str(STID_A), "--title", "导入的批次", "--json", data_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    batch_id = json.loads(proc.stdout)["batches"][0]["id"]
    proc = cli("figures", "--batch", batch_id, "--no-lead", "--json", data_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)["figures"]
    assert figures and all(f["case_id"].startswith(batch_id) for f in figures)
    # the imported copy of stid-a-02 reports the same 近 400 名境外仲裁员
    assert any(f["value"] == 400 and f["what"] == "境外仲裁员" for f in figures)
