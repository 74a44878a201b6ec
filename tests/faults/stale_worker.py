"""A second Casebook process writing through the real stores from copies it read a moment before (a window
that has not looked again): ``python -m tests.faults.stale_worker USER_DB NAME ROUNDS PLAYLIST_ID ANNOTATION_ID``.

Each round it reads the playlist and the annotation, waits a few milliseconds (the other process writes
meanwhile), then replaces the playlist's notes with ``NAME-i`` and adds the tag ``NAME-i`` to the annotation,
both made on the copies it read. It prints one JSON line: what it wrote, the text each write replaced (as
it saw it), and how many writes found a newer version stored (merged) or a conflict (both texts kept).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from reader.storage import userdb
    from reader.storage.userdb import UserDB
    from reader.stores.annotations import AnnotationStore
    from reader.stores.playlists import PlaylistStore

    path, name, rounds, pid, aid = Path(argv[0]), argv[1], int(argv[2]), argv[3], argv[4]
    app = QGuiApplication.instance() or QGuiApplication([])
    merges = [0]
    real_merge = userdb.merge_edit

    def counting_merge(*args, **kwargs):
        merges[0] += 1
        return real_merge(*args, **kwargs)

    userdb.merge_edit = counting_merge  # counts the annotation writes that found a newer row stored
    db = UserDB.open(path, backups_dir=path.parent / "backups")
    playlists = PlaylistStore(db=db)
    annotations = AnnotationStore(db=db, undo_stack=playlists.undo_stack)
    told: list[str] = []
    playlists.failed.connect(told.append)
    random.seed(name)
    out: dict = {"name": name, "notes": [], "replaced": [], "stale_playlist": 0, "tags": [], "failed": 0}
    for i in range(rounds):
        base = playlists.get(pid)
        a = annotations.get(aid)
        assert base is not None and a is not None
        time.sleep(random.uniform(0, 0.006))
        value = f"{name}-{i}"
        if playlists.get(pid) != base:
            out["stale_playlist"] += 1
        stored = playlists.set_notes(base, value)
        if stored is None:
            out["failed"] += 1
        else:
            out["notes"].append(value)
            out["replaced"].append(base.notes)
        if annotations.update(a.replace(tags=(*a.tags, value)), base=a):
            out["tags"].append(value)
        else:
            out["failed"] += 1
    out["conflicts_kept_both"] = sum("Both texts are kept" in t for t in told)
    out["annotation_merges"] = merges[0]
    db.close()
    del app
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
