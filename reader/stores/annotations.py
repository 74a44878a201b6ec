"""The GUI's access to annotations: every change goes through an undoable command and one signal.

``AnnotationStore`` wraps the user database. ``add``/``update``/``delete`` write at once (each is one
committed transaction) and push a ``QUndoCommand`` whose undo/redo replays the inverse; after every
write ``changed(case_id)`` fires once and each view decides how to refresh. Storage failures (disk full,
read-only) are reported through ``failed(str)`` with a translated message and change nothing.

Editors that save after a pause in typing (the note editor, the playlist notes) register their save with
:meth:`AnnotationStore.add_pending`; :meth:`AnnotationStore.flush` runs them all, so an edit still waiting for
its timer is written before the window closes, the app quits, a tab or case changes, or an export or backup
reads the database.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.domain.annotation import Annotation
from reader.i18n import error_text
from reader.storage.db import StorageError
from reader.storage.userdb import StaleAnnotationError, UserDB, merge_edit
from reader.stores.read_only import refusal_text


class _Command(QUndoCommand):
    """Runs ``do`` on redo and ``undo`` on undo; the first redo is skipped (the change is already written)."""

    def __init__(
        self, store: AnnotationStore, text: str, case_id: str, do: Callable[[], object], undo: Callable[[], object]
    ) -> None:
        super().__init__(text)
        self._store, self._case_id, self._do, self._undo = store, case_id, do, undo
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._store._run(self._do, self._case_id, self)

    def undo(self) -> None:
        self._store._run(self._undo, self._case_id, self)


#: How often the store asks SQLite whether another window or process changed the annotations (PRAGMA
#: data_version: a read of a counter in shared memory, no file access).
WATCH_MS = 1000


class AnnotationStore(QObject):
    changed = Signal(str)  # case id whose annotations changed ("" = many cases)
    failed = Signal(str)  # a translated message

    def __init__(self, *, db: UserDB, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
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

    def _run(self, fn: Callable[[], object], case_id: str, command: QUndoCommand | None = None) -> bool:
        if self.db.read_only is not None:
            self.failed.emit(refusal_text(self.db.read_only))
            return False
        try:
            fn()
        except StorageError as exc:
            if command is not None:
                command.setObsolete(True)
            self.failed.emit(
                QCoreApplication.translate("AnnotationStore", "The change could not be saved:") + "\n" + error_text(exc)
            )
            return False
        self.changed.emit(case_id)
        return True

    # Reads -----------------------------------------------------------------------------------

    def for_case(self, case_id: str) -> list[Annotation]:
        return list(self.db.list(case_id))

    def get(self, annotation_id: str) -> Annotation | None:
        return self.db.get(annotation_id)

    def tags(self) -> list[str]:
        return [t for t, _ in self.db.tags()]

    def counts_by_case(self) -> dict[str, int] | None:
        """``case id -> number of annotations`` for every annotated case (one query); None when it cannot be read."""
        try:
            return self.db.counts_by_case()
        except StorageError:
            return None

    # Writes (undoable) -----------------------------------------------------------------------

    def add(self, annotation: Annotation, *, text: str | None = None) -> bool:
        a = annotation
        if not self._run(lambda: self.db.add(a), a.case_id):
            return False
        self.undo_stack.push(
            _Command(
                self,
                text or QCoreApplication.translate("AnnotationStore", "Add annotation"),
                a.case_id,
                lambda: self.db.add(a),
                lambda: self.db.delete(a.id),
            )
        )
        return True

    def update(self, annotation: Annotation, *, text: str | None = None, base: Annotation | None = None) -> bool:
        """Store an edit of ``base`` (the copy the editor showed): merged onto a row changed elsewhere meanwhile;
        when the same field was changed there too, both are kept, this edit as a copy tagged
        :data:`~reader.storage.exchange.CONFLICT_TAG`, and the user is told."""
        holder: dict[str, Annotation] = {}

        def do() -> None:
            holder["previous"] = self.db.update(annotation, base=base)

        try:
            if self.db.read_only is None:
                self._conflict_guard(annotation, base)
        except StaleAnnotationError as exc:
            return self._keep_conflict_copy(exc)
        if not self._run(do, annotation.case_id):
            return False
        previous = holder["previous"]
        self.undo_stack.push(
            _Command(
                self,
                text or QCoreApplication.translate("AnnotationStore", "Edit annotation"),
                annotation.case_id,
                lambda: self.db.update(annotation),
                lambda: self.db.put(previous),
            )
        )
        return True

    def _conflict_guard(self, annotation: Annotation, base: Annotation | None) -> None:
        """Raise :class:`StaleAnnotationError` now when the edit cannot be merged (nothing written yet)."""
        if base is None:
            return
        current = self.db.get(annotation.id)
        if current is not None and current.modified != base.modified:
            merge_edit(base, annotation, current, path=self.db.path)

    def _keep_conflict_copy(self, exc: StaleAnnotationError) -> bool:
        from reader.domain.annotation import new_id
        from reader.storage.exchange import CONFLICT_TAG

        mine = exc.mine
        copy = mine.replace(id=new_id(), tags=mine.tags if CONFLICT_TAG in mine.tags else (*mine.tags, CONFLICT_TAG))
        if not self.add(copy, text=QCoreApplication.translate("AnnotationStore", "Keep conflicting edit")):
            return False
        self.failed.emit(
            QCoreApplication.translate(
                "AnnotationStore",
                "This annotation was changed in another window at the same time. Both versions are kept: "
                "yours as a copy tagged “%1”.",
            ).replace("%1", CONFLICT_TAG)
        )
        return False

    def delete(self, annotation_id: str) -> bool:
        holder: dict[str, Annotation] = {}

        def do() -> None:
            holder["deleted"] = self.db.delete(annotation_id)

        current = self.db.get(annotation_id)
        if current is None or not self._run(do, current.case_id):
            return False
        self.undo_stack.push(
            _Command(
                self,
                QCoreApplication.translate("AnnotationStore", "Delete annotation"),
                current.case_id,
                do,
                lambda: self.db.add(holder["deleted"]),
            )
        )
        return True
