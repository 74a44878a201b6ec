"""A damaged user database is salvaged row by row: every annotation still in the file comes back, merged by id
with the newest sound backup, and the user is told how many came from where."""

from __future__ import annotations

import pytest

from reader.storage.userdb import UserDB
from tests.faults.damage import DAMAGE, T0, annotation, fill, readable


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("with_backup", [True, False], ids=["backup of 100", "no backup"])
def test_every_annotation_still_in_the_file_comes_back(tmp_path, damage, with_backup):
    path, backups = tmp_path / "user.db", tmp_path / "backups"
    older = [annotation(i) for i in range(100)]
    newer = [annotation(i) for i in range(100, 400)]
    with UserDB.open(path, backups_dir=backups) as db:
        fill(db, older)
        if with_backup:
            db.backup_now(now=T0)
        fill(db, newer)
    DAMAGE[damage](path)
    everything = older + newer
    still_there = readable(path, everything)
    expected = still_there | ({a.id for a in older} if with_backup else set())
    with UserDB.open(path, backups_dir=backups) as db:
        r = db.recovery
        assert r is not None, "the damage was noticed"
        got = {a.id for a in db.list()}
        assert got >= expected, f"{len(expected - got)} annotations still in the file or backup were lost"
        assert got <= {a.id for a in everything}
        by_id = {a.id: a for a in everything}
        for a in db.list():
            # exactly as typed; a tag whose own row was on a damaged page may be missing, never invented
            assert a.replace(tags=()) == by_id[a.id].replace(tags=()), "came back exactly"
            assert set(a.tags) <= set(by_id[a.id].tags)
        assert r.from_backup == (100 if with_backup else 0)
        assert r.salvaged == len(got) - r.from_backup
        assert r.damaged_copy.exists()
    # how much could be read at all: the bulk of the file survives each of these damages
    assert len(still_there) >= 150, still_there


def test_annotations_only_in_the_wal_are_salvaged_too(tmp_path):
    """The newest commits live in ``user.db-wal`` until a checkpoint: a damaged main file must not lose them."""
    from reader.storage.salvage import _wal_pages
    from tests.faults.damage import copy_db, zero_page

    live, path, backups = tmp_path / "live" / "user.db", tmp_path / "user.db", tmp_path / "backups"
    older = [annotation(i) for i in range(100)]
    newer = [annotation(i) for i in range(100, 150)]
    with UserDB.open(live, backups_dir=backups) as db:
        fill(db, older)
    with UserDB.open(live, backups_dir=backups) as db:
        fill(db, newer)
        copy_db(live, path)  # what a power cut leaves: the WAL not yet checkpointed
    assert path.with_name("user.db-wal").stat().st_size > 0
    in_wal, _size = _wal_pages(path, 4096)
    data = path.read_bytes()
    leaf = next(n for n in range(2, len(data) // 4096 + 1) if n not in in_wal and data[(n - 1) * 4096] == 13)
    zero_page(path, leaf)  # a page of older annotations, in the main file only
    still_there = readable(path, older)
    with UserDB.open(path, backups_dir=backups) as db:
        assert db.recovery is not None
        assert {a.id for a in db.list()} >= {a.id for a in newer}, "every commit still in the WAL came back"
        assert {a.id for a in db.list()} >= still_there
