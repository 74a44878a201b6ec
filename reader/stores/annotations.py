"""The GUI's access to annotations: every change goes through an undoable command and one signal.

``AnnotationStore`` wraps the user database (a :class:`~reader.stores.base.Store`). ``add``/``update``/``delete``
write at once (each is one committed transaction) and push a ``QUndoCommand`` whose undo/redo replays the
inverse, unless the annotation was changed elsewhere since (then an edit's undo is merged onto the other
change, or refused); after every write ``changed(case_id)`` fires once and each view decides how to refresh.
Storage failures (disk full, read-only) are reported through ``failed(str)`` with a translated message and
change nothing.

Editors that save after a pause in typing (the note editor, the playlist notes) register their save with
:meth:`AnnotationStore.add_pending`; :meth:`AnnotationStore.flush` runs them all, so an edit still waiting for
its timer is written before the window closes, the app quits, a tab or case changes, or an export or backup
reads the database.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.domain.annotation import Annotation
from reader.storage.db import StaleWriteError, StorageError
from reader.storage.userdb import StaleAnnotationError, merge_edit
from reader.stores.base import Store


class AnnotationStore(Store):
    """Annotations (highlights, case notes, bookmarks, their notes and tags): the one write path."""

    def _replace(self, new: Annotation | None, *, expected: Annotation | None, annotation_id: str) -> None:
        """Undo/redo: put ``new`` (None: delete) where ``expected`` is stored. When the stored row changed since
        (another window), an edit is merged onto it (:func:`merge_edit`; the same field changed there too:
        refused), and an annotation that is gone or changed is neither deleted nor put back."""
        with self.db.transaction():
            current = self.db.get(annotation_id)
            if current == expected:
                if new is None:
                    self.db.delete(annotation_id)
                else:
                    self.db.put(new)
                return
            if current is None or expected is None or new is None:
                raise StaleWriteError(f"annotation {annotation_id} was changed elsewhere since", path=self.db.path)
            self.db.update(new, base=expected)

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
        self._push(
            text or QCoreApplication.translate("AnnotationStore", "Add annotation"),
            a.case_id,
            lambda: self._replace(a, expected=None, annotation_id=a.id),
            lambda: self._replace(None, expected=a, annotation_id=a.id),
        )
        return True

    def update(self, annotation: Annotation, *, text: str | None = None, base: Annotation | None = None) -> bool:
        """Store an edit of ``base`` (the copy the editor showed): merged onto a row changed elsewhere meanwhile;
        when the same field was changed there too, both are kept, this edit as a copy tagged
        :data:`~reader.storage.exchange.CONFLICT_TAG`, and the user is told."""
        holder: dict[str, Annotation | None] = {}

        def do() -> None:
            holder["previous"] = self.db.update(annotation, base=base)
            holder["after"] = self.db.get(annotation.id)

        try:
            if self.db.read_only is None:
                self._conflict_guard(annotation, base)
        except StaleAnnotationError as exc:
            return self._keep_conflict_copy(exc)
        if not self._run(do, annotation.case_id):
            return False
        previous, after, key = holder["previous"], holder["after"], annotation.id
        self._push(
            text or QCoreApplication.translate("AnnotationStore", "Edit annotation"),
            annotation.case_id,
            lambda: self._replace(after, expected=previous, annotation_id=key),
            lambda: self._replace(previous, expected=after, annotation_id=key),
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

    def delete(self, annotation_id: str, *, base: Annotation | None = None, text: str | None = None) -> bool:
        """Delete the annotation. With ``base`` (the copy the user saw) one changed elsewhere since is kept and the
        user told: a delete based on a stale copy never throws away another window's edit."""
        current = self.db.get(annotation_id)
        if current is None:
            return False

        def do() -> None:
            self._replace(None, expected=base or current, annotation_id=annotation_id)

        if not self._run(do, current.case_id):
            return False
        self._push(
            text or QCoreApplication.translate("AnnotationStore", "Delete annotation"),
            current.case_id,
            do,
            lambda: self._replace(current, expected=None, annotation_id=annotation_id),
        )
        return True
