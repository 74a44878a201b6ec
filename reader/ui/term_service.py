"""The casebook's term statistics (:class:`reader.domain.terms.TermIndex`), built once off the GUI thread.

Shared terms in a comparison, the "most similar first" order of the compare picker and the Similar panel all
read one :class:`TermService`; the first of them to need it starts the build.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QObject, Signal

from reader.domain.case import Case
from reader.domain.terms import TermIndex
from reader.tasks import run_in_background

log = logging.getLogger(__name__)


class TermService(QObject):
    """Builds the casebook's :class:`TermIndex` once, on a pool thread, for every view that needs it."""

    ready = Signal()
    failed = Signal(str)

    def __init__(self, *, load_cases: Callable[[], Sequence[Case]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load_cases = load_cases
        self._index: TermIndex | None = None
        self._started = False

    def index(self) -> TermIndex | None:
        """The index, or None while it is being built (call :meth:`ensure` and wait for :attr:`ready`)."""
        return self._index

    def set_index(self, index: TermIndex) -> None:
        self._index = index
        self._started = True
        self.ready.emit()

    def ensure(self) -> None:
        """Start building the index unless it is built or being built."""
        if self._started:
            return
        self._started = True
        cases = list(self._load_cases())  # the casebook connection belongs to the GUI thread

        def done(index: TermIndex) -> None:
            if shiboken6.isValid(self):
                self._index = index
                self.ready.emit()

        def fail(exc: BaseException) -> None:
            log.error("building the term index failed", exc_info=exc)
            if shiboken6.isValid(self):
                self._started = False
                self.failed.emit(str(exc))

        run_in_background(lambda: TermIndex.build(cases), on_success=done, on_failure=fail)
