"""Guard against Qt bindings that corrupt the interpreter (PySide6 6.12.0's abi3 wheels on Python < 3.12
drop a reference to None on every void call and abort the app after a few thousand calls)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, QObject


def test_qt_calls_keep_none_alive():
    obj = QObject()
    index = QModelIndex()
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("x")
        index.data()
    assert sys.getrefcount(None) >= before - 50
