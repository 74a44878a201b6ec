"""Refresh resources/i18n/*.ts from the sources (keeping existing translations) and compile the .qm files.

python scripts/update_translations.py          # lupdate + lrelease
python scripts/update_translations.py --check  # exit 1 when a string lacks a translation
python scripts/update_translations.py --fill new.json  # first fill untranslated strings from
                                                       # {"source text": "译文"}, then compile
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGS = ("zh_CN",)


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "reader").rglob("*.py"))


def tool(name: str) -> str:
    """A PySide6 tool (``pyside6-lupdate``): the one beside this Python first, so a virtual environment that
    is not activated (``.venv/bin/python``, as the README runs the tests) finds its own."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else name


def lupdate(ts: Path) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def untranslated(ts: Path) -> list[tuple[str, str]]:
    missing = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = "".join(tr.itertext()) if tr is not None else ""
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
                missing.append((name, msg.findtext("source") or ""))
    return missing


def fill(ts: Path, translations: dict[str, str]) -> None:
    """Give every unfinished message whose source is in ``translations`` its translation."""
    tree = ET.parse(ts)
    for msg in tree.getroot().iter("message"):
        src = msg.findtext("source") or ""
        tr = msg.find("translation")
        if tr is None or src not in translations or tr.get("type") != "unfinished":
            continue
        del tr.attrib["type"]
        if msg.get("numerus") == "yes":
            for child in list(tr):
                tr.remove(child)
            form = ET.SubElement(tr, "numerusform")
            form.text = translations[src]
        else:
            tr.text = translations[src]
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def main() -> int:
    for lang in LANGS:
        ts = I18N / f"casebook_{lang}.ts"
        lupdate(ts)
        if "--fill" in sys.argv:
            import json

            fill(ts, json.loads(Path(sys.argv[sys.argv.index("--fill") + 1]).read_text(encoding="utf-8")))
        missing = untranslated(ts)
        for ctx, src in missing:
            print(f"untranslated [{lang}] {ctx}: {src}")
        if "--check" in sys.argv:
            if missing:
                return 1
            continue
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
