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

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.domain.annotation import Annotation
from reader.i18n import error_text
from reader.storage.db import StorageError
from reader.storage.userdb import UserDB
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


class AnnotationStore(QObject):
    changed = Signal(str)  # case id whose annotations changed ("" = many cases)
    failed = Signal(str)  # a translated message

    def __init__(self, *, db: UserDB, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self._pending: list[Callable[[], object]] = []

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

    def update(self, annotation: Annotation, *, text: str | None = None) -> bool:
        holder: dict[str, Annotation] = {}

        def do() -> None:
            holder["previous"] = self.db.update(annotation)

        if not self._run(do, annotation.case_id):
            return False
        previous = holder["previous"]
        self.undo_stack.push(
            _Command(
                self,
                text or QCoreApplication.translate("AnnotationStore", "Edit annotation"),
                annotation.case_id,
                do,
                lambda: self.db.put(previous),
            )
        )
        return True

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
