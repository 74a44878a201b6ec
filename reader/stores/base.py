"""What every store shares: the one undo stack, ``changed``/``failed``, pending editors and ``flush()``, and
noticing another window's or process's writes.

A store's write runs through :meth:`Store._run` (a read-only database refuses it and says why; a storage
failure is reported through ``failed`` with a translated message and changes nothing) and, once written,
:meth:`Store._push` puts an undoable command on the undo stack. The stores of one window share one
:class:`~PySide6.QtGui.QUndoStack`, so Ctrl+Z undoes the last change whatever kind of user data it was.

Undo and redo are writes too: each command's ``undo``/``redo`` checks that what is stored is still what its
change left (or, for redo, what its undo left) and refuses otherwise, so undoing never reverts a change
another window made meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.i18n import error_text
from reader.storage.db import StorageError
from reader.storage.userdb import UserDB
from reader.stores.read_only import refusal_text


class StoreCommand(QUndoCommand):
    """Runs ``do`` on redo and ``undo`` on undo through its store; the first redo is skipped (the change is
    already written). A command whose undo or redo could not be written becomes obsolete (dropped)."""

    def __init__(self, store: Store, text: str, key: str, do: Callable[[], object], undo: Callable[[], object]) -> None:
        super().__init__(text)
        self._store, self._key, self._do, self._undo = store, key, do, undo
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._store._run(self._do, self._key, self)

    def undo(self) -> None:
        self._store._run(self._undo, self._key, self)


#: How often a store asks SQLite whether another window or process changed the database (PRAGMA data_version:
#: a read of a counter in shared memory, no file access).
WATCH_MS = 1000


class Store(QObject):
    changed = Signal(str)  # what changed: a case id (annotations), a playlist id; "" = many things
    failed = Signal(str)  # a translated message

    def __init__(self, *, db: UserDB, undo_stack: QUndoStack | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._pending: list[Callable[[], object]] = []
        self._version = self._data_version()
        self._watch = QTimer(self, interval=WATCH_MS)
        self._watch.timeout.connect(self.check_outside_changes)
        self._watch.start()

    def _data_version(self) -> int | None:
        try:
            return self.db.data_version()
        except (StorageError, AttributeError):
            return None

    def check_outside_changes(self) -> bool:
        """When another window or process committed to the database: flush pending edits (merged onto the
        new rows, never over them) and tell every view to refresh. Polled every :data:`WATCH_MS` ms."""
        version = self._data_version()
        if version is None or version == self._version:
            return False
        self._version = version
        self.flush()
        self._version = self._data_version()
        self.changed.emit("")
        return True

    def add_pending(self, flush: Callable[[], object], *, owner: QObject | None = None) -> None:
        """Register an editor's "save what is waiting now" function; :meth:`flush` calls it until ``owner``
        (the editor widget) is destroyed."""
        self._pending.append(flush)
        if owner is not None:
            owner.destroyed.connect(lambda _obj=None: self.remove_pending(flush))

    def remove_pending(self, flush: Callable[[], object]) -> None:
        if flush in self._pending:
            self._pending.remove(flush)

    def flush(self) -> None:
        """Write every edit still pending in a registered editor, now (each is one undoable change)."""
        for fn in list(self._pending):
            fn()

    @property
    def read_only(self) -> StorageError | None:
        """Why nothing can be saved (a read-only folder, a full disk: the app's read-only mode), else None."""
        return self.db.read_only

    def _run(self, fn: Callable[[], object], key: str, command: QUndoCommand | None = None) -> bool:
        """Run one write; ``changed(key)`` after it, ``failed`` (and the command dropped) when it fails."""
        if self.db.read_only is not None:
            self.failed.emit(refusal_text(self.db.read_only))
            return False
        try:
            fn()
        except StorageError as exc:
            if command is not None:
                command.setObsolete(True)
            self.failed.emit(self._failure_text(exc))
            return False
        self.changed.emit(key)
        return True

    def _failure_text(self, exc: StorageError) -> str:
        return QCoreApplication.translate("AnnotationStore", "The change could not be saved:") + "\n" + error_text(exc)

    def _push(self, text: str, key: str, do: Callable[[], object], undo: Callable[[], object]) -> None:
        """Put a change already written on the undo stack (``do`` redoes it, ``undo`` reverts it)."""
        self.undo_stack.push(StoreCommand(self, text, key, do, undo))
