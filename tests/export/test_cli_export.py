"""``casebook export-pdf``: choosing cases, formats, errors on one line, a PDF from a process without a GUI.

Every test runs the real entry point, ``python -m reader``, in a subprocess: a command that were not wired
into :mod:`reader.cli` would fail here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.export.exportkit import CASES, needs_poppler, pdftotext, squeeze

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*argv: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m reader ARGV…`` with this checkout's ``reader`` package, from ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        cwd=cwd,
        env={**(env if env is not None else os.environ), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def base(casebook_file, tmp_path, annotated):
    return ["--casebook", str(casebook_file), "--data-dir", str(tmp_path / "data")]


def test_markdown_by_extension_with_ids(base, tmp_path, annotated):
    out = tmp_path / "two.md"
    proc = run_cli(*base, "export-pdf", "stid-a-02", "stid-a-01", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    md = out.read_text(encoding="utf-8")
    assert md.index("深化仲裁领域改革开放") < md.index("创新开展专利代理对外开放试点")  # the order given
    assert annotated["stid-a-01"].md.quote.exact in md
    assert "exported 2 case(s) with 10 annotation(s)" in proc.stdout


def test_annotated_alone_and_with_a_batch(base, tmp_path):
    out = tmp_path / "a.html"
    proc = run_cli(*base, "export-pdf", "--annotated", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "exported 3 case(s) with 15 annotation(s)" in proc.stdout
    out2 = tmp_path / "b.txt"
    proc = run_cli(*base, "export-pdf", "--batch", "stid-a", "--annotated", "--format", "md", "-o", str(out2))
    assert proc.returncode == 0, proc.stderr
    assert "exported 2 case(s)" in proc.stdout
    assert out2.read_text(encoding="utf-8").startswith("# 全面深化服务贸易创新发展试点最佳实践案例")


def test_batch_and_notes_only(base, tmp_path):
    out = tmp_path / "batch.md"
    proc = run_cli(*base, "export-pdf", "--batch", "sop-a", "--notes-only", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "exported 8 case(s) with 0 annotation(s)" in proc.stdout


@pytest.mark.parametrize(
    "argv,message",
    [
        (["export-pdf", "-o", "x.pdf"], "name at least one CASE_ID"),
        (["export-pdf", "nope", "-o", "x.md"], "no case with id 'nope'"),
        (["export-pdf", "stid-a-01", "-o", "x.txt"], "cannot tell the format"),
        (["export-pdf", "stid-b-01", "--annotated", "-o", "x.md"], "no chosen case has annotations"),
        (["export-pdf", "stid-a-01", "-o", "missing-folder/x.md"], "missing-folder"),
    ],
)
def test_errors_are_one_line_and_exit_1(base, tmp_path, argv, message):
    proc = run_cli(*base, *argv, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    err = proc.stderr
    assert err.startswith("casebook: ") and message in err and err.count("\n") == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_an_unknown_batch_is_a_usage_error_naming_the_known_ones(base, tmp_path):
    proc = run_cli(*base, "export-pdf", "--batch", "stid-a", "--batch", "nope", "-o", "x.md", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("casebook: error: unknown --batch 'nope'") and proc.stderr.count("\n") == 1
    assert "known values: stid-a, stid-b, stid-c, sop-a, sop-c" in proc.stderr
    assert not (tmp_path / "x.md").exists()


@pytest.mark.slow
@needs_poppler
def test_pdf_from_a_process_without_gui(base, tmp_path, annotated):
    """The CLI makes its own headless Qt application (no display needed) and writes a Letter-size PDF."""
    out = tmp_path / "cli.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    proc = run_cli(*base, "export-pdf", *CASES, "--paper", "Letter", "-o", str(out), env=env)
    assert proc.returncode == 0, proc.stderr
    assert "(pdf, " in proc.stdout and " pages, " in proc.stdout
    text = squeeze(pdftotext(out))
    for made in annotated.values():
        assert squeeze(made.md.quote.exact) in text
    assert "列表第一项要点" in text
