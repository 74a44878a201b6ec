"""The fault table of issue #14, with figures measured now: what the user does, and what happens.

Each row runs the real thing (real processes, real SQLite files, the real window where a window is needed)
and prints what was lost. Rows that need root (a full tmpfs, a read-only bind mount) or an X server
(Xvfb + xdotool) say "skipped" when they cannot run. Nothing here asserts: the tests in tests/faults/ do.

    python bench/faults.py            # every row
    python bench/faults.py --quick    # fewer repetitions
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.storage.userdb import UserDB  # noqa: E402
from tests.faults.damage import DAMAGE, T0, annotation, fill, readable  # noqa: E402

ROWS: list[tuple[str, str]] = []


def row(what: str, result: str) -> None:
    ROWS.append((what, result))
    print(f"  {what}: {result}", flush=True)


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


# ---------------------------------------------------------------------------------------------


def quick_quit(tries: int) -> None:
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        row("types a note and quits within 0.7 s", "skipped (needs Xvfb and xdotool)")
        return
    from tests.faults.xapp import App, x_server

    kept = total = 0
    with x_server() as display:
        for i in range(tries):
            pause = (0.0, 0.05, 0.2)[i % 3]
            data = Path(tempfile.mkdtemp(prefix="casebook-quit-"))
            app = App(display, data)
            app.focus_keys("ctrl+shift+n")
            time.sleep(0.5)
            app.type(f"note {i}")
            time.sleep(pause)
            app.focus_keys("ctrl+q")
            app.wait()
            with UserDB.open(data / "user.db", backups_dir=data / "backups") as db:
                kept += any(a.note == f"note {i}" for a in db.list())
            total += 1
            shutil.rmtree(data, ignore_errors=True)
    row("types a note and quits (Ctrl+Q) 0, 50 or 200 ms later", f"note kept {kept} of {total} tries")


KILL_CHILD = r"""
import sys
from pathlib import Path
from tests.faults.damage import annotation
from reader.storage.userdb import UserDB
db = UserDB.open(Path(sys.argv[1]), backups_dir=Path(sys.argv[2]))
i = int(sys.argv[3])
print("READY", flush=True)
while True:
    a = annotation(i)
    db.add(a)
    print(a.id, flush=True)
    i += 1
"""


def kills(rounds: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="casebook-kill-"))
    path, backups = work / "user.db", work / "backups"
    acknowledged: set[str] = set()
    rng = random.Random(14)
    for r in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-c", KILL_CHILD, str(path), str(backups), str(r * 100000)],
            env=env(),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        for _ in range(rng.randint(20, 80)):
            acknowledged.add(proc.stdout.readline().strip())
        os.kill(proc.pid, signal.SIGKILL)
        acknowledged |= {line.strip() for line in proc.stdout.read().splitlines() if line.strip()}
        proc.wait()
    with UserDB.open(path, backups_dir=backups) as db:
        stored = {a.id for a in db.list()}
    lost = len(acknowledged - stored)
    row("SIGKILL while adding annotations", f"{rounds} kills, {len(acknowledged)} acknowledged edits, {lost} lost")
    shutil.rmtree(work, ignore_errors=True)


def damaged_files() -> None:
    for with_backup in (True, False):
        for name, damage in DAMAGE.items():
            work = Path(tempfile.mkdtemp(prefix="casebook-damage-"))
            path, backups = work / "user.db", work / "backups"
            older = [annotation(i) for i in range(100)]
            newer = [annotation(i) for i in range(100, 400)]
            with UserDB.open(path, backups_dir=backups) as db:
                fill(db, older)
                if with_backup:
                    db.backup_now(now=T0)
                fill(db, newer)
            damage(path)
            still = readable(path, older + newer)
            with UserDB.open(path, backups_dir=backups) as db:
                got = {a.id for a in db.list()}
                r = db.recovery
            newest_in_file = len(still & {a.id for a in newer})
            newest_back = len(got & {a.id for a in newer} & still)
            where = f"{r.from_backup} from the backup, {r.salvaged} salvaged" if r else "no recovery"
            label = f"damaged file ({name}), {'backup of the first 100' if with_backup else 'no backup'}"
            row(
                label,
                f"{len(got)} of 400 back ({where}); of the 300 newest, {newest_in_file} still in the file, "
                f"{newest_back} salvaged",
            )
            shutil.rmtree(work, ignore_errors=True)


BACKER = """
import sys
from pathlib import Path
from reader.storage.userdb import UserDB
failed = 0
with UserDB.open(Path(sys.argv[1]), backups_dir=Path(sys.argv[2])) as db:
    for _ in range(int(sys.argv[3])):
        try:
            db.backup_now(keep=3)
        except Exception:
            failed += 1
print(failed)
"""


def two_backups(each: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="casebook-backup-"))
    path, backups = work / "user.db", work / "backups"
    with UserDB.open(path, backups_dir=backups) as db:
        fill(db, [annotation(i) for i in range(200)])
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", BACKER, str(path), str(backups), str(each)],
            env=env(),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    failed = sum(int(p.communicate()[0].strip() or 0) for p in procs)
    left = [p.name for p in backups.iterdir() if p.name.endswith((".tmp", "-journal"))]
    row("two instances take a backup at once", f"{2 * each} backups, {failed} failed, {len(left)} temp files left")
    shutil.rmtree(work, ignore_errors=True)


def rotation() -> None:
    import datetime as dt

    work = Path(tempfile.mkdtemp(prefix="casebook-rotate-"))
    with UserDB.open(work / "user.db", backups_dir=work / "backups") as db:
        items = [annotation(i) for i in range(50)]
        fill(db, items)
        holding = db.backup_now(now=T0)
        for a in items:
            db.delete(a.id)
        for day in range(1, 8):
            db.backup_if_due(now=T0 + dt.timedelta(days=day))
        kept = holding in [b.path for b in db.backups()]
    row(
        "the only backup holding 50 annotations, after 7 daily starts",
        "kept" if kept else "ROTATED OUT",
    )
    shutil.rmtree(work, ignore_errors=True)


TWO_WINDOWS = r"""
import json, random, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from reader.storage.userdb import UserDB
from reader.stores.annotations import AnnotationStore
from tests.faults.damage import annotation
app = QApplication([])
path = Path(sys.argv[1])
a_db = UserDB.open(path, backups_dir=path.parent / "b")
b_db = UserDB.open(path, backups_dir=path.parent / "b")
a_store, b_store = AnnotationStore(db=a_db), AnnotationStore(db=b_db)
for s in (a_store, b_store):
    s._watch.stop()
    s.failed.connect(lambda _m: None)
rng = random.Random(14)
items = [annotation(i) for i in range(20)]
for x in items:
    a_store.add(x)
use_base = sys.argv[3] == "base"
edits = lost = conflicts = 0
for round in range(int(sys.argv[2])):
    aid = rng.choice(items).id
    base_a, base_b = a_store.get(aid), b_store.get(aid)  # both windows show the same copy
    note = f"A{round}"
    a_store.update(base_a.replace(note=note), base=base_a if use_base else None)
    field = rng.choice(["color", "tags", "note"])
    value = {"color": (base_b.color + 1) % 5, "tags": (f"B{round}",), "note": f"B{round}"}[field]
    before = len(b_db.list())
    b_store.update(base_b.replace(**{field: value}), base=base_b if use_base else None)
    edits += 2
    after, copies = a_store.get(aid), len(b_db.list()) - before
    if field == "note":
        kept = {after.note} | {x.note for x in b_db.list()[-copies:]} if copies else {after.note}
        lost += (note not in kept) + (f"B{round}" not in {x.note for x in b_db.list()})
        conflicts += copies
    else:
        lost += (after.note != note) + (getattr(after, field) != value)
print(json.dumps({"edits": edits, "lost": lost, "conflicts": conflicts}))
"""


def two_windows(rounds: int) -> None:
    """Each round: A saves a note, then B (showing the copy from before) changes colour, tags or the note.
    Measured twice in this run: writes without their base copy (as before this issue) and with it."""
    results = {}
    for mode in ("nobase", "base"):
        work = Path(tempfile.mkdtemp(prefix="casebook-windows-"))
        out = subprocess.run(
            [sys.executable, "-c", TWO_WINDOWS, str(work / "user.db"), str(rounds), mode],
            env=env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        shutil.rmtree(work, ignore_errors=True)
        if out.returncode != 0:
            row("two windows edit the same highlight", f"error: {out.stderr.strip().splitlines()[-1:]}")
            return
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    old, new = results["nobase"], results["base"]
    row(
        "two windows edit the same highlight from the same stale copy",
        f"{new['edits']} edits: {new['lost']} lost, {new['conflicts']} same-field conflicts kept as copies "
        f"(last writer wins, as before, in this run: {old['lost']} lost)",
    )


def two_processes(rounds: int) -> None:
    """Two real processes (``tests.faults.stale_worker``) replace one playlist's notes and add tags to one
    annotation, each from copies read a few milliseconds earlier: writes on stale copies, merges, conflicts."""
    from reader.domain.annotation import new_case_note
    from reader.storage import playlists as pl
    from reader.storage.userdb import UserDB

    work = Path(tempfile.mkdtemp(prefix="casebook-race-"))
    path = work / "user.db"
    with UserDB.open(path, backups_dir=work / "backups") as db:
        p = pl.create_playlist(db, "工作坊", case_ids=["stid-a-01", "stid-a-02"])
        a = db.add(new_case_note("stid-a-01", note="笔记"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.faults.stale_worker", str(path), name, str(rounds), p.id, a.id],
            cwd=ROOT,
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    results = [json.loads(proc.communicate(timeout=600)[0].strip().splitlines()[-1]) for proc in procs]
    with UserDB.open(path, backups_dir=work / "backups") as db:
        notes, tags = pl.playlist(db, p.id).notes, set(db.get(a.id).tags)
    shutil.rmtree(work, ignore_errors=True)
    written = [v for r in results for v in r["notes"]]
    seen = "\n".join(t for r in results for t in r["replaced"])
    lost = sum(v not in notes and v not in seen for v in written)
    lost_tags = sum(t not in tags for r in results for t in r["tags"])
    row(
        "two processes write one playlist's notes and one annotation's tags",
        f"{2 * len(written)} edits, {sum(r['conflicts_kept_both'] for r in results)} same-text conflicts caught "
        "(both texts kept), "
        f"{sum(r['annotation_merges'] for r in results)} tag writes merged; lost: {lost} notes, {lost_tags} tags",
    )


def markdown_inert() -> None:
    import markdown

    from reader.domain.note_text import inert_markdown
    from tests.domain.test_note_text import HOSTILE

    live = 0
    for text in HOSTILE.values():
        html = markdown.markdown(inert_markdown(text))
        live += html.count("<img") + html.count("<a ") + html.count("<script")
    row(
        "notes with images, javascript:/data:/file: links, HTML, exported to Markdown",
        f"{len(HOSTILE)} notes, {live} live",
    )


def read_only_and_full() -> None:
    if os.geteuid() != 0:
        row("read-only data folder / full disk at first start", "skipped (needs root for the mounts)")
        return
    from tests.faults.mounts import fill_up, read_only_folder, small_disk, snapshot

    def start(data: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "reader", "--data-dir", str(data), "--exit-when-ready"],
            env=env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
        )

    work = Path(tempfile.mkdtemp(prefix="casebook-ro-"))
    data = work / "data"
    with UserDB.open(data / "user.db", backups_dir=data / "backups") as db:
        fill(db, [annotation(i) for i in range(30)])
    start(data)
    before = snapshot(data)
    with read_only_folder(data):
        gui = start(data)
        cli = subprocess.run(
            [sys.executable, "-m", "reader", "--data-dir", str(data), "annotations", "list", "--json"],
            env=env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    n = len(json.loads(cli.stdout)["annotations"]) if cli.returncode == 0 else 0
    row(
        "the data folder is read-only",
        f"GUI exit {gui.returncode}, traceback: {'Traceback' in gui.stderr}; `annotations list` reads {n} of 30; "
        f"files changed: {snapshot(data) != before}",
    )
    with small_disk(work / "disk") as disk:
        fill_up(disk)
        (disk / "data").mkdir()
        gui = start(disk / "data")
        row("the disk is full at first start", f"GUI exit {gui.returncode}, traceback: {'Traceback' in gui.stderr}")
    with small_disk(work / "disk2", size="8m") as disk:
        d = disk / "data"
        with UserDB.open(d / "user.db", backups_dir=d / "backups") as db:
            fill(db, [annotation(i) for i in range(50)])
            db.backup_now()
        start(d)
        DAMAGE["page 2 zeroed"](d / "user.db")
        fill_up(disk)
        before = snapshot(d)
        gui = start(d)
        moved = snapshot(d) != before
        (disk / "filler.bin").unlink()
        start(d)
        with UserDB.open(d / "user.db", backups_dir=d / "backups") as db:
            back = db.count()
        row(
            "the disk is full when a damaged user database is found",
            f"exit {gui.returncode}, anything moved: {moved}; after freeing space: {back} of 50 annotations",
        )
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print("Casebook fault table (issue #14), measured now:")
    quick_quit(3 if args.quick else 9)
    kills(5 if args.quick else 20)
    damaged_files()
    two_backups(20 if args.quick else 60)
    rotation()
    two_windows(30 if args.quick else 200)
    two_processes(10 if args.quick else 50)
    markdown_inert()
    read_only_and_full()
    row("a .docx whose document.xml is 60 MB / a FIFO to import", "bounded imports are #15's: bench/import_fidelity.py")
    print()
    print("| what the user does | what happens now |")
    print("|---|---|")
    for what, result in ROWS:
        print(f"| {what} | {result} |")


if __name__ == "__main__":
    main()
