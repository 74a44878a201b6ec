"""``casebook export-pdf``: choosing cases, formats, errors on one line, a PDF from a process without a GUI."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli_export import add_parser
from tests.export.exportkit import CASES, needs_poppler, pdftotext, squeeze

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*argv: str) -> int:
    """Parse like ``reader.cli`` does (global --casebook/--data-dir, then the sub-command) and run."""
    parser = argparse.ArgumentParser(prog="casebook")
    parser.add_argument("--casebook", type=Path)
    parser.add_argument("--data-dir", type=Path)
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def base(casebook_file, tmp_path, annotated):
    return ["--casebook", str(casebook_file), "--data-dir", str(tmp_path / "user")]


def test_markdown_by_extension_with_ids(base, tmp_path, capsys, annotated):
    out = tmp_path / "two.md"
    assert run_cli(*base, "export-pdf", "stid-a-02", "stid-a-01", "-o", str(out)) == 0
    md = out.read_text(encoding="utf-8")
    assert md.index("深化仲裁领域改革开放") < md.index("创新开展专利代理对外开放试点")  # the order given
    assert annotated["stid-a-01"].md.quote.exact in md
    assert "exported 2 case(s) with 10 annotation(s)" in capsys.readouterr().out


def test_annotated_alone_and_with_a_batch(base, tmp_path, capsys):
    out = tmp_path / "a.html"
    assert run_cli(*base, "export-pdf", "--annotated", "-o", str(out)) == 0
    assert "exported 3 case(s) with 15 annotation(s)" in capsys.readouterr().out
    out2 = tmp_path / "b.txt"
    assert run_cli(*base, "export-pdf", "--batch", "stid-a", "--annotated", "--format", "md", "-o", str(out2)) == 0
    assert "exported 2 case(s)" in capsys.readouterr().out
    assert out2.read_text(encoding="utf-8").startswith("# 全面深化服务贸易创新发展试点最佳实践案例")


def test_batch_and_notes_only(base, tmp_path, capsys):
    out = tmp_path / "batch.md"
    assert run_cli(*base, "export-pdf", "--batch", "sop-a", "--notes-only", "-o", str(out)) == 0
    assert "exported 8 case(s) with 0 annotation(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv,message",
    [
        (["export-pdf", "-o", "x.pdf"], "name at least one CASE_ID"),
        (["export-pdf", "nope", "-o", "x.md"], "no case with id 'nope'"),
        (["export-pdf", "--batch", "nope", "-o", "x.md"], "no batch with id 'nope'"),
        (["export-pdf", "stid-a-01", "-o", "x.txt"], "cannot tell the format"),
        (["export-pdf", "stid-b-01", "--annotated", "-o", "x.md"], "no chosen case has annotations"),
        (["export-pdf", "stid-a-01", "-o", "missing-folder/x.md"], "missing-folder"),
    ],
)
def test_errors_are_one_line_and_exit_1(base, tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    assert run_cli(*base, *argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("casebook: ") and message in err and err.count("\n") == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


SCRIPT = """
import argparse, sys
from pathlib import Path
from reader.cli_export import add_parser
p = argparse.ArgumentParser(prog="casebook")
p.add_argument("--casebook", type=Path)
p.add_argument("--data-dir", type=Path)
add_parser(p.add_subparsers(dest="command"))
args = p.parse_args(sys.argv[1:])
sys.exit(args.func(args))
"""


@pytest.mark.slow
@needs_poppler
def test_pdf_from_a_process_without_gui(base, tmp_path, annotated):
    """The CLI makes its own headless Qt application (no display needed) and writes a Letter-size PDF."""
    out = tmp_path / "cli.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, *base, "export-pdf", *CASES, "--paper", "Letter", "-o", str(out)],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "(pdf, " in proc.stdout and " pages, " in proc.stdout
    text = squeeze(pdftotext(out))
    for made in annotated.values():
        assert squeeze(made.md.quote.exact) in text
    assert "列表第一项要点" in text
