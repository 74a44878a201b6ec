"""Helpers for tests of the user database (the ``userdb`` and ``open_userdb`` fixtures are in conftest.py)."""

from __future__ import annotations

from reader.storage.userdb import UserDB


def reopen_userdb(db: UserDB) -> UserDB:
    """Close ``db`` and open the same file again, as the next start of the app would."""
    db.close()
    return UserDB.open(db.path, backups_dir=db.backups_dir)
