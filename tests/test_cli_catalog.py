"""The command line reads the same catalog as the window: an imported batch is listed, shown, searched and
exported like a bundled one, and an unknown filter value is a usage error naming the known values.

Every command runs the real entry point, ``python -m reader``, in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "sources" / "000_db19b12f0daba2d6.txt"  # the stid-a document


def cli(data_dir: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def as_json(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, dict]:
    """A data folder with the stid-a document imported under a new title; its batch as ``import --json`` says."""
    data = tmp_path_factory.mktemp("data")
    batch = as_json(cli(data, "import", str(SOURCE), "--title", "新导入的一批", "--json"))["batches"][0]
    return data, batch


def case_text(case: dict) -> str:
    """Every paragraph of a ``show --json`` case, for a plain substring check."""
    parts = [case["title"], *case["lead"]]
    stack = list(case["sections"])
    while stack:
        s = stack.pop()
        parts += [s.get("heading") or "", s.get("title") or "", *s["paragraphs"]]
        parts += [str(b) for b in s.get("blocks", [])]
        stack += s.get("subsections", [])
    return "".join(parts).replace(" ", "")


def test_list_shows_the_imported_batch_marked(imported):
    data, batch = imported
    listing = as_json(cli(data, "list", "--json"))["batches"]
    assert [(b["id"], b["imported"]) for b in listing] == [
        ("stid-a", False),
        ("stid-b", False),
        ("stid-c", False),
        ("sop-a", False),
        ("sop-c", False),
        (batch["id"], True),
    ]
    mine = listing[-1]
    assert mine["title"] == "新导入的一批" and len(mine["cases"]) == 25
    assert [c["id"] for c in mine["cases"]] == [c["id"] for c in batch["cases"]]
    text = cli(data, "list").stdout
    assert f"{batch['id']}  新导入的一批  (25)  [imported]" in text


def test_show_search_and_export_work_on_the_imported_batch(imported, tmp_path):
    data, batch = imported
    first = batch["cases"][0]
    case = as_json(cli(data, "show", first["id"], "--json"))
    assert case["id"] == first["id"] and case["batch_id"] == batch["id"]
    assert case["title"] == "创新开展专利代理对外开放试点" and case["batch_title"] == "新导入的一批"
    assert cli(data, "show", first["id"]).stdout.startswith("1. 创新开展专利代理对外开放试点\n")

    # The truth for the search: the imported cases whose text contains the word, read case by case.
    cases = [as_json(cli(data, "show", c["id"], "--json")) for c in batch["cases"]]
    truth = {c["id"] for c in cases if "仲裁" in case_text(c)}
    assert truth, "the stid-a document mentions arbitration"
    found = as_json(cli(data, "search", "仲裁", "--batch", batch["id"], "--json", "--limit", "100"))
    assert found["total"] == len(truth) and {r["case_id"] for r in found["results"]} == truth
    assert {r["batch_id"] for r in found["results"]} == {batch["id"]}
    everywhere = as_json(cli(data, "search", "仲裁", "--json", "--limit", "100"))
    assert truth <= {r["case_id"] for r in everywhere["results"]}

    out = tmp_path / "batch.md"
    proc = cli(data, "export-pdf", "--batch", batch["id"], "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "exported 25 case(s)" in proc.stdout
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# 新导入的一批") and all(c["title"] in md for c in batch["cases"])


@pytest.mark.parametrize(
    "argv,option,known",
    [
        (["search", "仲裁", "--batch", "nope"], "--batch", "stid-a, stid-b, stid-c, sop-a, sop-c, imp-"),
        (["search", "仲裁", "--category", "没有的类别"], "--category", "体制机制创新"),
        (["search", "仲裁", "--region", "火星"], "--region", "上海市"),
        (["export-pdf", "--batch", "nope", "-o", "x.md"], "--batch", "sop-c, imp-"),
    ],
)
def test_an_unknown_filter_value_is_a_usage_error_naming_the_known_ones(imported, tmp_path, argv, option, known):
    data, _batch = imported
    work = tmp_path / "work"
    work.mkdir()
    proc = cli(data, *argv, cwd=work)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"casebook: error: unknown {option} ") and proc.stderr.count("\n") == 1
    assert "known values: " in proc.stderr and known in proc.stderr
    assert proc.stdout == "" and list(work.iterdir()) == []


def test_a_known_filter_value_with_no_hits_is_not_an_error(imported):
    data, batch = imported
    found = as_json(cli(data, "search", "邮轮", "--batch", batch["id"], "--json"))  # only in stid-b
    assert found["total"] == 0 and found["results"] == []
