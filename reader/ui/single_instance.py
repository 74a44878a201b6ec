"""One Casebook per user data folder: a second start hands its arguments to the running window and exits.

The usual desktop behaviour (double-clicking the app twice brings the open window to the front) through a
Unix domain socket (what ``QLocalServer`` uses, without bundling Qt's network module: the bundle has none,
by design, since the app never uses a network). One JSON line in, ``ok`` back. The socket's name comes from the
user and the data folder, so a portable copy on a stick and the installed app do not meet; it is created
readable by its user only, in ``$XDG_RUNTIME_DIR`` (or the temp folder). A socket left by a crashed instance
is taken over: nobody answers on it. Where the platform has no Unix sockets every start is its own instance.

The listener waits in a daemon thread and queues what it receives; a timer on the GUI thread hands it to
the window (widgets are never touched from the thread).
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import queue
import socket
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

#: How long a second start waits for the running instance to answer (it answers at once when idle).
HANDOVER_S = 3.0
#: How often the GUI thread looks at what the listener received.
POLL_MS = 150
#: The longest message accepted (a case id and a file path).
MAX_MESSAGE = 64 * 1024

_UNIX = hasattr(socket, "AF_UNIX")


def server_name(data_dir: Path) -> str:
    """The socket path instances of this user and data folder meet at."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment: the folder alone tells instances apart
        user = ""
    digest = hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode()).hexdigest()[:20]
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return str(Path(base) / f"casebook-{digest}.sock")


def hand_over(name: str, message: dict, *, timeout: float = HANDOVER_S) -> bool:
    """Send ``message`` to the instance listening at ``name``; True once it acknowledged it."""
    if not _UNIX or not Path(name).exists():
        return False  # nobody listens: no wait
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(name)
            sock.sendall(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
            return sock.recv(16).startswith(b"ok")
    except OSError:
        return False


class InstanceServer(QObject):
    """Listens for later starts; ``received(dict)`` carries each one's arguments, on the GUI thread."""

    received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._sock: socket.socket | None = None
        self._inbox: queue.SimpleQueue[dict] = queue.SimpleQueue()
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._deliver)

    def listen(self) -> bool:
        """Start listening; False when another instance already answers at the name (hand over to it then)."""
        if not _UNIX:
            return True
        if hand_over(self.name, {"ping": True}):
            return False
        with contextlib.suppress(OSError):
            os.unlink(self.name)  # left by an instance that crashed: nobody answered on it
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o177)  # the socket file: its user only
        try:
            sock.bind(self.name)
            sock.listen(4)
        except OSError:
            sock.close()
            return True  # cannot listen (an unusual temp folder): run without; the app works the same
        finally:
            os.umask(old_umask)
        self._sock = sock
        threading.Thread(target=self._serve, args=(sock,), daemon=True).start()
        self._timer.start()
        return True

    def _serve(self, sock: socket.socket) -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return  # closed at exit
            with contextlib.suppress(OSError, ValueError, UnicodeDecodeError), conn:
                conn.settimeout(HANDOVER_S)
                data = b""
                while b"\n" not in data and len(data) < MAX_MESSAGE:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                conn.sendall(b"ok\n")
                message = json.loads(data.split(b"\n", 1)[0].decode("utf-8"))
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
        """Stop listening and remove the socket file (at exit)."""
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()
            with contextlib.suppress(OSError):
                os.unlink(self.name)


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
