"""The command line, run as a real subprocess the way scripts use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


#: The user data folder of these commands: empty, so that they see the bundled casebook alone (never the
#: library of batches imported on the machine running the tests).
DATA_DIR = tempfile.mkdtemp(prefix="casebook-cli-test-")


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CASEBOOK_DATA_DIR": DATA_DIR, **(env or {})},
        timeout=120,
    )


@pytest.fixture(scope="module")
def listing() -> dict:
    proc = cli("list", "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_list_json(listing):
    batches = listing["batches"]
    assert [len(b["cases"]) for b in batches] == [25, 20, 16, 8, 11]
    case = batches[0]["cases"][0]
    assert set(case) >= {"id", "number", "title", "contributors", "category"}
    assert batches[0]["source"] == "000_db19b12f0daba2d6.txt"
    assert case["title"] == "创新开展专利代理对外开放试点" and case["contributors"] == ["广州市"]


def test_show_json(listing):
    case_id = listing["batches"][0]["cases"][0]["id"]
    proc = cli("show", case_id, "--json")
    assert proc.returncode == 0, proc.stderr
    case = json.loads(proc.stdout)
    assert case["id"] == case_id and case["batch_id"] == listing["batches"][0]["id"]
    assert [s["kind"] for s in case["sections"]] == ["practice", "effect", "next"]
    assert all(isinstance(p, str) for p in case["lead"])
    assert all(isinstance(p, str) for s in case["sections"] for p in s["paragraphs"])


def test_show_text(listing):
    case_id = listing["batches"][0]["cases"][0]["id"]
    proc = cli("show", case_id)
    assert proc.returncode == 0
    assert proc.stdout.startswith("1. 创新开展专利代理对外开放试点\n")
    assert "一、主要做法" in proc.stdout


def test_show_unknown_case():
    proc = cli("show", "nope-99")
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "nope-99" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_search_json():
    proc = cli("search", "仲裁", "--json", "--limit", "50")
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    assert res["query"] == "仲裁" and res["total"] == len(res["results"]) > 0
    ids = [r["case_id"] for r in res["results"]]
    assert len(ids) == len(set(ids)), "one result per case"
    assert all("仲裁" in r["snippet"] for r in res["results"])
    scores = [r["score"] for r in res["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_a_number_finds_it_standing_alone_first():
    """``3家``: the cases where 3 家 stands alone (首批 3 家) come before those with only 43家, 283家, 13家."""
    res = json.loads(cli("search", "3家", "--json", "--limit", "50").stdout)
    whole = [r["whole_numbers"] for r in res["results"]]
    assert whole == sorted(whole, reverse=True) and whole.count(True) >= 3 and whole.count(False) >= 3
    first = {r["case_id"] for r in res["results"] if r["whole_numbers"]}
    assert "stid-a-01" in first  # 全国首批 3 家外国专利代理机构
    assert "stid-b-18" not in first  # 联合43家金融机构 only
    text = cli("search", "3家", "--limit", "50").stdout.splitlines()
    rows = [line.split()[0] for line in text[1:] if not line.startswith(" ")]
    assert rows.index("stid-a-01") < rows.index("stid-b-18")
    snippet = text[text.index(next(line for line in text if line.startswith("stid-a-01"))) + 1]
    assert "首批 【3 家】" in snippet


def test_search_shows_title_hits_and_hit_counts():
    text = cli("search", "仲裁", "--limit", "3").stdout.splitlines()
    title_line = next(line for line in text if line.startswith("stid-a-02"))
    assert "深化【仲裁】领域改革开放 打造面向全球的亚太【仲裁】中心" in title_line
    res = json.loads(cli("search", "仲裁", "--json", "--limit", "3").stdout)
    a02 = next(r for r in res["results"] if r["case_id"] == "stid-a-02")
    assert f"({a02['hits']} hits)" in title_line and a02["hits"] > 10
    assert [a02["title"][a:b] for a, b in a02["title_spans"]] == ["仲裁", "仲裁"]


def test_search_filters(listing):
    batch = listing["batches"][1]["id"]
    proc = cli("search", "服务", "--batch", batch, "--json", "--limit", "100")
    res = json.loads(proc.stdout)
    assert res["total"] > 0 and {r["batch_id"] for r in res["results"]} == {batch}


def test_search_words_to_leave_out_need_no_double_dash(listing):
    """``casebook search 仲裁 -上海``: the excluded word is part of the query, not an unknown option."""
    every = json.loads(cli("search", "仲裁", "--json", "--limit", "100").stdout)
    proc = cli("search", "仲裁", "-上海", "--json", "--limit", "100")
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    assert res["query"] == "仲裁 -上海"
    kept = {r["case_id"] for r in res["results"]}
    shown = {c["id"]: c for b in listing["batches"] for c in b["cases"]}
    assert kept and kept < {r["case_id"] for r in every["results"]}
    for r in every["results"]:
        text = json.loads(cli("show", r["case_id"], "--json").stdout)
        assert (r["case_id"] in kept) == ("上海" not in json.dumps(text, ensure_ascii=False)), shown[r["case_id"]]
    only = cli("search", "-上海")
    assert only.returncode == 1 and only.stderr.startswith("casebook: ") and only.stderr.count("\n") == 1
    none = cli("search")
    assert none.returncode == 2 and "search needs a QUERY" in none.stderr
    typo = cli("search", "仲裁", "--limt", "3")
    assert typo.returncode == 2 and "unrecognized arguments: --limt" in typo.stderr
    before = cli("-x", "search", "仲裁")  # an unknown option before the command is not a search word
    assert before.returncode == 2 and "unrecognized arguments: -x" in before.stderr


@pytest.mark.parametrize("query", ['"unbalanced', "*", "NEAR(a b)", "'; DROP TABLE cases;--", "a" * 2000, "😀", "-"])
def test_search_hostile_input_never_tracebacks(query):
    proc = cli("search", query, "--json")
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1)
    if proc.returncode == 0:
        json.loads(proc.stdout)
    else:
        assert proc.stderr.startswith("casebook: ") and proc.stderr.count("\n") == 1


def test_missing_casebook(tmp_path):
    proc = cli("--lang", "en", "--casebook", str(tmp_path / "missing.db"), "list")
    assert proc.returncode == 1 and "could not be found" in proc.stderr and "Traceback" not in proc.stderr


def test_build_db(tmp_path):
    out = tmp_path / "out.db"
    proc = cli("build-db", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "80 cases" in proc.stdout and out.is_file()


def test_help_lists_the_commands_and_bad_options_are_usage_errors():
    proc = cli("--help")
    assert proc.returncode == 0
    for command in ("list", "show", "search", "build-db", "import", "export-pdf"):
        assert command in proc.stdout, command
    proc = cli("--no-such-option")
    assert proc.returncode == 2 and "unrecognized arguments: --no-such-option" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_closed_pipe_is_not_an_error():
    """``casebook list | head -1``: the reader goes away early; no error message, no traceback."""
    import fcntl

    read_fd, write_fd = os.pipe()
    fcntl.fcntl(read_fd, fcntl.F_SETPIPE_SZ, 4096)  # smaller than the output: the writer must block, then fail
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "list"],
        stdout=write_fd,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as out:
        first = out.readline()
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert first.startswith(b"stid-a") and err == ""
