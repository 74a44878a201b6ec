"""Every user-visible string has a Chinese translation, the compiled .qm is current, and the switch works."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from reader import i18n

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "casebook_zh_CN.ts"
QM = TS.with_suffix(".qm")
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations  # noqa: E402


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    """Translators are process-wide: leave the source language installed for the tests that follow."""
    yield
    i18n.install(qapp, "en")


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """Every message by (context, source, disambiguation comment): one source can have two meanings."""
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        for msg in ctx.iter("message"):
            out[(ctx.findtext("name"), msg.findtext("source"), msg.findtext("comment") or "")] = msg
    return out


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> Path:
    """The committed .ts updated from the current code, in a temporary copy."""
    ts = tmp_path_factory.mktemp("i18n") / TS.name
    shutil.copyfile(TS, ts)
    update_translations.lupdate(ts)
    return ts


def test_every_string_in_the_code_is_translated(fresh_ts):
    missing = update_translations.untranslated(fresh_ts)
    assert missing == [], f"untranslated strings (run scripts/update_translations.py): {missing}"
    assert len(messages(fresh_ts)) > 100


def test_committed_ts_has_every_string_of_the_code(fresh_ts):
    assert set(messages(fresh_ts)) == set(messages(TS)), "run scripts/update_translations.py"


def test_translations_have_no_stray_whitespace():
    """A translation starts and ends as its source does: a line break or indentation left in one (a merge put it
    there once) breaks the line it is shown in (the agenda slide's "日期 ·" above a lone "3 个案例")."""
    stray = []
    for (ctx, src, _comment), msg in messages(TS).items():
        tr = msg.find("translation")
        forms = [f.text or "" for f in tr.iter("numerusform")] if msg.get("numerus") == "yes" else [tr.text or ""]
        for text in forms:
            if text != text.strip() and src == src.strip():
                stray.append((ctx, src, text))
    assert stray == []


def test_qm_is_compiled_from_the_ts(qapp):
    tr = QTranslator()
    assert tr.load(str(QM))
    for (ctx, src, comment), msg in messages(TS).items():
        if msg.get("numerus") == "yes":
            continue
        expected = msg.findtext("translation")
        assert tr.translate(ctx, src, comment or None) == expected, f"{ctx}: {src!r} — recompile the .qm"


def test_language_switch(qapp):
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "Library") == "目录"
    assert QCoreApplication.translate("LibraryModel", "%n case(s)", "", 3) == "3 个案例"
    assert i18n.install(qapp, "en") == "en"
    assert QCoreApplication.translate("MainWindow", "Library") == "Library"


def test_system_language_resolution():
    assert i18n.resolve_language("system", QLocale(QLocale.Language.English)) == "en"
    assert i18n.resolve_language("system", QLocale(QLocale.Language.Chinese)) == "zh_CN"
    assert i18n.resolve_language("system", QLocale(QLocale.Language.French)) == "zh_CN", "Chinese is the default"
    assert i18n.resolve_language("en", QLocale(QLocale.Language.Chinese)) == "en"


def test_lupdate_sees_strings(tmp_path):
    """The checker itself can fail: a file with a new string shows up as untranslated."""
    src = tmp_path / "x.py"
    src.write_text(
        'from PySide6.QtCore import QObject\nclass X(QObject):\n    def f(self):\n        return self.tr("A brand new string")\n'
    )
    ts = tmp_path / "x.ts"
    subprocess.run(
        [update_translations.tool("pyside6-lupdate"), str(src), "-ts", str(ts)], check=True, capture_output=True
    )
    assert ("X", "A brand new string") in update_translations.untranslated(ts)
