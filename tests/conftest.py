"""Test isolation: offscreen Qt, user data in tmp_path, and no network for anything under test."""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUNDLED_DB = ROOT / "data" / "casebook.db"
SOURCES = ROOT / "data" / "sources"


class NetworkAccessError(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any attempt to open a network connection (Unix sockets stay allowed for Xvfb and D-Bus)."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkAccessError(f"network access attempted: {address!r}")

    def connect(self, address):
        guard(self, address)
        return real_connect(self, address)

    def connect_ex(self, address):
        guard(self, address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: guard(socket.socket(), a[0]))


@pytest.fixture(autouse=True)
def data_tmpdir(tmp_path, monkeypatch):
    """User data and settings of everything under test live in a fresh folder."""
    data = tmp_path / "userdata"
    data.mkdir()
    monkeypatch.setenv("CASEBOOK_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return data


@pytest.fixture
def casebook_file(tmp_path) -> Path:
    """A private copy of the bundled casebook."""
    dst = tmp_path / "casebook.db"
    shutil.copyfile(BUNDLED_DB, dst)
    return dst


@pytest.fixture
def casebook(casebook_file):
    from reader.storage.casebook import Casebook

    book = Casebook.open(casebook_file)
    yield book
    book.close()


@pytest.fixture
def open_userdb(tmp_path):
    """Opens user databases for a test: ``open_userdb("a")`` is ``tmp_path/a/user.db`` with its backups beside it
    (default folder ``data``); every one is closed after the test. The one way tests make a user database."""
    from reader.storage.userdb import UserDB

    opened: list[UserDB] = []

    def open_(folder: str = "data") -> UserDB:
        db = UserDB.open(tmp_path / folder / "user.db", backups_dir=tmp_path / folder / "backups")
        opened.append(db)
        return db

    yield open_
    for db in opened:
        db.close()


@pytest.fixture
def userdb(open_userdb):
    """A fresh user database in ``tmp_path/data``."""
    return open_userdb()


@pytest.fixture
def no_leftover_tasks():
    """After the test, every background task has finished and delivered (none reaches the next test's widgets);
    use with ``pytestmark = pytest.mark.usefixtures("no_leftover_tasks")``."""
    yield
    from tests.ui.uikit import drain_pool

    drain_pool()
