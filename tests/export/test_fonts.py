"""The bundled font: registered at start-up, covers the casebook, and makes correct PDFs on a machine with no
CJK font at all (checked for real in a subprocess whose fontconfig knows no font)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader import resources
from reader.domain.text import case_segments
from reader.export import fonts
from tests.export.exportkit import needs_poppler, pdffonts, pdftotext_body, squeeze

ROOT = Path(__file__).resolve().parents[2]


def test_font_and_licence_are_bundled():
    font = resources.find(fonts.FONT_FILE)
    licence = resources.find(fonts.LICENSE_FILE).read_text(encoding="utf-8")
    assert font.stat().st_size > 4_000_000
    assert "Apache License" in licence and "Version 2.0" in licence and "font exception" in licence.lower()


def test_register_fonts_is_idempotent(qapp):
    first = fonts.register_fonts()
    assert fonts.FAMILY in first and fonts.MONO_FAMILY in first
    assert fonts.register_fonts() == first
    assert fonts.export_family() == fonts.FAMILY


NO_FONT_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from reader.export.fonts import ensure_gui_application, register_fonts, FAMILY
    ensure_gui_application()
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
    before = sorted(QFontDatabase.families())
    registered = register_fonts()
    from reader.domain.annotation import new_highlight
    from reader.domain.text import plain_text
    from reader.export.bundle import make_job, write_export
    from reader.storage.casebook import Casebook
    book = Casebook.open(Path(sys.argv[1]))
    case = book.case("stid-a-02")
    text = plain_text(case)
    start = text.index("仲裁")
    note = new_highlight(case, start, start + 20, color=1, note="**笔记**：中文笔记内容。", text=text)
    job = make_job(book, ["stid-a-02", "sop-a-3e8e4363"], annotations=[note], title="无中文字体的机器")
    result = write_export(job, Path(sys.argv[2]))
    metrics = QFontMetrics(QFont(FAMILY))
    chars = set()
    for c in book.cases():
        chars |= set(plain_text(c))
    missing = sorted(ch for ch in chars if ch != "\\n" and not metrics.inFontUcs4(ord(ch)))
    print(json.dumps({"before": before, "registered": registered, "after": sorted(QFontDatabase.families()),
                      "missing": missing, "pages": result.pages}))
    """
)


@pytest.mark.slow
@needs_poppler
def test_correct_pdf_on_a_machine_without_cjk_fonts(casebook, casebook_file, tmp_path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n"
    )
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(conf),
        "FONTCONFIG_PATH": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    out = tmp_path / "out.pdf"
    proc = subprocess.run(
        [sys.executable, "-c", NO_FONT_SCRIPT, str(casebook_file), str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    generic = {"Monospace", "Sans Serif", "Serif"}  # Qt's aliases, backed by no font file here
    assert set(report["before"]) <= generic, "the subprocess must see no font at all"
    assert fonts.FAMILY in report["registered"]
    assert set(report["after"]) - generic == {fonts.FAMILY, fonts.MONO_FAMILY}
    assert report["missing"] == [], "every character of the casebook is in the bundled font"

    rows = pdffonts(out)
    assert rows and all(r["emb"] == "yes" and "WenQuanYi" in r["name"] for r in rows), rows
    text = squeeze(pdftotext_body(out))
    for case_id in ("stid-a-02", "sop-a-3e8e4363"):
        for seg in case_segments(casebook.case(case_id)):
            assert squeeze(seg.text) in text, (case_id, seg.text[:30])
    assert "笔记：中文笔记内容。" in text and "**" not in text


UI_FONT_SCRIPT = textwrap.dedent(
    """
    import json
    from PySide6.QtGui import QFontDatabase
    from reader.app import make_application
    from reader.export import fonts
    make_application()
    print(json.dumps({"registered_at_start": fonts._families is not None,
                      "chinese": QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)}))
    """
)


def _ui_font_report(tmp_path: Path, *, no_fonts: bool) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    if no_fonts:
        (tmp_path / "no-fonts").mkdir(parents=True)
        conf = tmp_path / "fonts.conf"
        conf.write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
            f"<fontconfig><dir>{tmp_path / 'no-fonts'}</dir><cachedir>{tmp_path / 'fc'}</cachedir></fontconfig>\n"
        )
        env |= {"FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", UI_FONT_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_ui_gets_the_bundled_font_only_where_the_system_has_no_chinese_font(tmp_path):
    bare = _ui_font_report(tmp_path / "bare", no_fonts=True)
    assert bare["registered_at_start"], "a machine without a Chinese font must get the bundled one at start-up"
    assert fonts.FAMILY in bare["chinese"]

    system = _ui_font_report(tmp_path / "system", no_fonts=False)
    assert system["chinese"], "this test needs a system Chinese font (.ci/run installs fonts-wqy-microhei)"
    assert not system["registered_at_start"], "with a system Chinese font, registering waits for an export"


def test_ui_text_is_unhinted_on_linux(qapp):
    """FreeType's autohinter makes every new Chinese glyph ~3× slower to draw (bench/glyph_bench.py)."""
    from PySide6.QtGui import QFont

    before = qapp.font()
    try:
        assert fonts.use_unhinted_ui_text(qapp) == sys.platform.startswith("linux")
        if sys.platform.startswith("linux"):
            assert qapp.font().hintingPreference() == QFont.HintingPreference.PreferNoHinting
    finally:
        qapp.setFont(before)
