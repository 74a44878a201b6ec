"""Start-up time and peak memory of Casebook against a bare PySide6 window, measured in the same run.

    python bench/startup_bench.py [--runs N] [--frozen dist/casebook/casebook]

The baseline is a QMainWindow with a QTreeView and a QTextBrowser, shown, then quit. Casebook runs
with ``--exit-when-ready`` (the tree filled and a case rendered), once more with a last session of 30 tabs
to restore (only the one in front is rendered at start). Runs alternate so that machine noise
hits both alike; the figures are medians and the ratio of medians. The CPU time (user + system, all
threads) is printed beside the wall time: it moves less when the shared machine is busy. Prints
figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextBrowser, QTreeView
app = QApplication(sys.argv)
w = QMainWindow()
s = QSplitter(w)
s.addWidget(QTreeView())
t = QTextBrowser()
t.setHtml("<h1>Casebook</h1><p>" + "正文" * 200 + "</p>")
s.addWidget(t)
w.setCentralWidget(s)
w.resize(1200, 800)
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


SESSION_TABS = 30


def _session_of(count: int, folder: Path) -> None:
    """A user data folder whose last session had ``count`` case tabs open (the last one in front)."""
    import sqlite3

    with sqlite3.connect(ROOT / "data" / "casebook.db") as db:
        ids = [r[0] for r in db.execute("SELECT id FROM cases ORDER BY rowid LIMIT ?", (count,))]
    tabs = ", ".join(f"{cid}|0" for cid in ids)
    text = f"[meta]\nversion=1\n\n[session]\ncurrent_tab={len(ids) - 1}\ntabs={tabs}\n"
    (folder / "settings.ini").write_text(text, encoding="utf-8")


def measure(cmd: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds (user + system, all threads) of one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--frozen", type=Path, help="also time a frozen casebook executable")
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An installed app runs from cached bytecode; a shell with PYTHONDONTWRITEBYTECODE would make every run
    # recompile every module and measure the compiler instead (the warm-up run below writes the cache).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as big:
        env["CASEBOOK_DATA_DIR"] = data
        _session_of(SESSION_TABS, Path(big))
        commands = {
            "bare PySide6 window": [sys.executable, "-c", BARE],
            "casebook (source)": [sys.executable, "-m", "reader", "--exit-when-ready"],
            f"casebook, {SESSION_TABS}-tab session": [
                *[sys.executable, "-m", "reader", "--exit-when-ready"],
                *["--data-dir", big],
            ],
        }
        if args.frozen:
            commands["casebook (frozen)"] = [str(args.frozen), "--exit-when-ready"]
        results: dict[str, list[tuple[float, float, float]]] = {k: [] for k in commands}
        for cmd in commands.values():  # warm the file cache once
            measure(cmd, env)
        for _ in range(args.runs):
            for name, cmd in commands.items():
                results[name].append(measure(cmd, env))
    base_t = statistics.median(t for t, _, _ in results["bare PySide6 window"])
    base_m = statistics.median(m for _, m, _ in results["bare PySide6 window"])
    base_c = statistics.median(c for _, _, c in results["bare PySide6 window"])
    print(f"runs: {args.runs} each, alternating; offscreen platform")
    print(
        f"{'':24} {'median s':>9} {'p90 s':>7} {'peak MiB':>9} {'time ratio':>11} {'mem ratio':>10}"
        f" {'CPU s':>7} {'CPU ratio':>10}"
    )
    for name, rows in results.items():
        times = sorted(t for t, _, _ in rows)
        med_t = statistics.median(times)
        med_m = statistics.median(m for _, m, _ in rows)
        med_c = statistics.median(c for _, _, c in rows)
        p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
        print(
            f"{name:24} {med_t:9.3f} {p90:7.3f} {med_m:9.1f} {med_t / base_t:11.2f} {med_m / base_m:10.2f}"
            f" {med_c:7.3f} {med_c / base_c:10.2f}"
        )
    if "casebook (frozen)" in results:
        src = statistics.median(t for t, _, _ in results["casebook (source)"])
        frz = statistics.median(t for t, _, _ in results["casebook (frozen)"])
        print(f"frozen / source start-up: {frz / src:.2f}")


if __name__ == "__main__":
    main()
