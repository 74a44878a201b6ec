"""``python -m reader export``: the format from the file name (Word too), a playlist handout by name, the
official layout, and ``export-pdf`` still working as an alias. Each test runs the real command in a process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.storage import playlists
from tests.export.exportkit import CASES

docx = pytest.importorskip("docx")
ROOT = Path(__file__).resolve().parents[2]


def casebook_cli(*argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def base(casebook_file, tmp_path, annotated):
    return ["--casebook", str(casebook_file), "--data-dir", str(tmp_path / "data")]


def test_word_by_extension_with_comments_and_official_layout(base, tmp_path, annotated):
    out = tmp_path / "handout.docx"
    proc = casebook_cli(*base, "export", *CASES, "--layout", "official", "--author", "李处长", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"exported {len(CASES)} case(s) with 15 annotation(s)" in proc.stdout and "(docx, " in proc.stdout
    document = docx.Document(str(out))
    comments = list(document.comments)
    assert len(comments) == 12 and {c.author for c in comments} == {"李处长"}
    normal = document.styles["Normal"].element.rPr
    assert (
        normal.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts").get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "仿宋_GB2312"
    )


def test_playlist_handout_by_title(base, tmp_path, userdb):
    p = playlists.create_playlist(userdb, "开放创新研讨会", case_ids=("stid-a-02", "stid-a-01"))
    out = tmp_path / "handout.md"
    proc = casebook_cli(*base, "export", "--playlist", "开放创新研讨会", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# 开放创新研讨会") and "研讨材料" in md
    assert md.index("深化仲裁领域改革开放") < md.index("创新开展专利代理对外开放试点")  # the playlist's order
    by_id = casebook_cli(*base, "export", "--playlist", p.id, "-o", str(tmp_path / "again.md"))
    assert by_id.returncode == 0, by_id.stderr


def test_export_pdf_is_an_alias(base, tmp_path):
    out = tmp_path / "two.md"
    proc = casebook_cli(*base, "export-pdf", "stid-a-02", "stid-a-01", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("# 全面深化服务贸易创新发展试点最佳实践案例")


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--playlist", "没有这个"], "no playlist titled '没有这个'"),
        (["--playlist", "x", "stid-a-01"], "--playlist cannot be combined"),
        (["stid-a-01", "--layout", "fancy"], "invalid choice: 'fancy'"),
    ],
)
def test_errors(base, tmp_path, argv, message):
    proc = casebook_cli(*base, "export", *argv, "-o", str(tmp_path / "x.docx"))
    assert proc.returncode in (1, 2) and message in proc.stderr, proc.stderr
    assert not (tmp_path / "x.docx").exists()
