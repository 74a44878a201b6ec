"""The one way to run slow work off the GUI thread (after Anki's ``QueryOp``).

``run_in_background(fn, on_success=..., on_failure=...)`` runs ``fn()`` on a pool thread and calls
exactly one of the callbacks on the GUI thread with its result or exception. ``fn`` must not touch
widgets. Callers that may start a newer request before an older one returns discard stale results
themselves (see :class:`Latest`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_alive: set[_Relay] = set()


class _Relay(QObject):
    """Lives in the GUI thread; its signals are emitted from the worker and delivered queued."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None] | None):
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._success)
        self.failed.connect(self._failure)

    @Slot(object)
    def _success(self, result: Any) -> None:
        _alive.discard(self)
        self._on_success(result)

    @Slot(object)
    def _failure(self, exc: BaseException) -> None:
        _alive.discard(self)
        if self._on_failure is None:
            log.error("background task failed", exc_info=exc)
        else:
            self._on_failure(exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to on_failure on the GUI thread
            signal, value = self._relay.failed, exc
        else:
            signal, value = self._relay.succeeded, result
        # The application may be shutting down with the relay gone: then nobody is waiting for this result.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


def run_in_background(
    fn: Callable[[], Any],
    *,
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Run ``fn`` on ``pool`` (the global pool by default); call back on the GUI thread."""
    relay = _Relay(on_success, on_failure)
    _alive.add(relay)  # keep the relay alive until a callback has run
    (pool or QThreadPool.globalInstance()).start(_Task(fn, relay))


class Latest:
    """Hands out request tokens; only the newest token's result is current."""

    def __init__(self) -> None:
        self._n = 0

    def next(self) -> int:
        self._n += 1
        return self._n

    def is_current(self, token: int) -> bool:
        return token == self._n
