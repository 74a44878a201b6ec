"""One Casebook per user data folder: a second start hands its arguments to the running window and exits.

The usual desktop behaviour (double-clicking the app twice brings the open window to the front) through a
local socket: a Unix domain socket (a named pipe on Windows) from :mod:`multiprocessing.connection`, which
is what ``QLocalServer`` does, without bundling Qt's network module (the bundle has none, by design: the app
never uses a network). The name is derived from the user and the data folder, so a portable copy on a stick
and the installed app do not meet; the socket is readable by its user only. A socket left by a crashed
instance is taken over: nobody answers on it.

The listener waits in a daemon thread and queues what it receives; a timer on the GUI thread hands it to
the window (widgets are never touched from the thread).
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import queue
import sys
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

#: How long a second start waits for the running instance to answer (it answers at once when idle).
HANDOVER_S = 3.0
#: How often the GUI thread looks at what the listener received.
POLL_MS = 150


def _digest(data_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment: the folder alone tells instances apart
        user = ""
    return hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode()).hexdigest()[:20]


def server_name(data_dir: Path) -> str:
    """The address instances of this user and data folder meet at (a socket path, or a pipe on Windows)."""
    digest = _digest(data_dir)
    if sys.platform == "win32":
        return rf"\\.\pipe\casebook-{digest}"
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return str(Path(base) / f"casebook-{digest}.sock")


def _authkey(name: str) -> bytes:
    return hashlib.sha256(f"casebook\0{name}".encode()).digest()


def hand_over(name: str, message: dict, *, timeout: float = HANDOVER_S) -> bool:
    """Send ``message`` to the instance listening at ``name``; True once it acknowledged it."""
    from multiprocessing.connection import Client

    if sys.platform != "win32" and not Path(name).exists():
        return False  # nobody listens: no import of a connection, no wait
    result: list[bool] = []

    def talk() -> None:
        with contextlib.suppress(OSError, EOFError, ValueError), Client(name, authkey=_authkey(name)) as conn:
            conn.send(message)
            if conn.poll(timeout):
                result.append(conn.recv() == "ok")

    worker = threading.Thread(target=talk, daemon=True)  # a hung instance must not hang this start too
    worker.start()
    worker.join(timeout + 1.0)
    return bool(result and result[0])


class InstanceServer(QObject):
    """Listens for later starts; ``received(dict)`` carries each one's arguments, on the GUI thread."""

    received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._listener = None
        self._inbox: queue.SimpleQueue[dict] = queue.SimpleQueue()
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._deliver)

    def listen(self) -> bool:
        """Start listening; False when another instance already answers at the name (hand over to it then)."""
        from multiprocessing.connection import Listener

        if hand_over(self.name, {"ping": True}):
            return False
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                os.unlink(self.name)  # left by an instance that crashed: nobody answered on it
        old_umask = os.umask(0o177) if sys.platform != "win32" else None
        try:
            self._listener = Listener(self.name, authkey=_authkey(self.name))
        except OSError:
            return True  # cannot listen (an unusual temp folder): run without; the app works the same
        finally:
            if old_umask is not None:
                os.umask(old_umask)
        threading.Thread(target=self._serve, daemon=True).start()
        self._timer.start()
        return True

    def _serve(self) -> None:
        listener = self._listener
        while listener is not None:
            try:
                conn = listener.accept()
            except (OSError, EOFError, ValueError):
                return  # closed at exit
            except Exception:  # a failed handshake (a wrong key) from a stranger: keep listening
                continue
            with contextlib.suppress(OSError, EOFError, ValueError), conn:
                message = conn.recv()
                conn.send("ok")
                if isinstance(message, dict) and not message.get("ping"):
                    self._inbox.put(message)

    def _deliver(self) -> None:
        while True:
            try:
                message = self._inbox.get_nowait()
            except queue.Empty:
                return
            self.received.emit(message)

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.close()


def bring_to_front(window, message: dict) -> None:
    """What the running window does for a second start: come to the front, open the case or file it names."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    case_id = message.get("case")
    if isinstance(case_id, str) and case_id:
        window.open_case(case_id)
    file = message.get("file")
    if isinstance(file, str) and file:  # "Open with Casebook" while it runs: the running window opens it
        from reader.ui.open_file import open_file

        open_file(window, Path(file))
