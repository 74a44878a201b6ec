"""How long drawing Chinese glyphs for the first time takes, hinted (fontconfig's default) and unhinted.

    python bench/glyph_bench.py [--runs N]

Each run is a fresh process (Qt caches a glyph once drawn): it draws every distinct character of one
case once with the app's default font, at the reader's body size, and times it. Runs alternate between
the two hinting preferences. Prints the medians and their ratio; asserts nothing. The app draws its text
unhinted on Linux (``reader.export.fonts.use_unhinted_ui_text``) because of this figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys, time
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication
from reader import resources
from reader.domain.text import plain_text
from reader.storage.casebook import Casebook
app = QApplication(["glyph-bench"])
chars = sorted(set(plain_text(Casebook.open(resources.casebook_path()).case("stid-a-02"))) - {"\\n", " "})
font = QFont()
font.setPixelSize(17)
if sys.argv[1] == "unhinted":
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
image = QImage(1200, 1200, QImage.Format.Format_ARGB32_Premultiplied)
image.fill(QColor("white"))
painter = QPainter(image)
painter.setFont(font)
painter.drawText(0, 20, "Casebook")  # load the font engine outside the timing
lines = ["".join(chars[i : i + 40]) for i in range(0, len(chars), 40)]
start = time.perf_counter()
for n, line in enumerate(lines):
    painter.drawText(10, 40 + 20 * n, line)
first = time.perf_counter() - start
start = time.perf_counter()
for n, line in enumerate(lines):
    painter.drawText(10, 40 + 20 * n, line)
again = time.perf_counter() - start
painter.end()
print(json.dumps({"glyphs": len(chars), "first": first, "again": again}))
"""


def run(mode: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    results: dict[str, list[dict]] = {"hinted (default)": [], "unhinted": []}
    for _ in range(args.runs):
        results["hinted (default)"].append(run("default"))
        results["unhinted"].append(run("unhinted"))
    glyphs = results["unhinted"][0]["glyphs"]
    print(f"runs: {args.runs} each, alternating; {glyphs} distinct glyphs of one case at 17 px")
    print(f"{'':18} {'first draw ms':>14} {'p90 ms':>8} {'cached ms':>10}")
    medians = {}
    for name, rows in results.items():
        firsts = sorted(r["first"] * 1000 for r in rows)
        medians[name] = statistics.median(firsts)
        p90 = firsts[min(len(firsts) - 1, int(0.9 * len(firsts)))]
        again = statistics.median(r["again"] * 1000 for r in rows)
        print(f"{name:18} {medians[name]:14.1f} {p90:8.1f} {again:10.1f}")
    print(f"hinted / unhinted first draw: {medians['hinted (default)'] / medians['unhinted']:.2f}")


if __name__ == "__main__":
    main()
