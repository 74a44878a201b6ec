"""One Casebook per user data folder: a second start hands its arguments to the running window and exits.

The usual desktop behaviour (double-clicking the app twice brings the open window to the front) through a
Unix domain socket (what ``QLocalServer`` uses, without bundling Qt's network module: the bundle has none,
by design, since the app never uses a network). One JSON line in, ``ok`` back. The socket's name comes from the
user and the data folder, so a portable copy on a stick and the installed app do not meet; it is created
readable by its user only, in ``$XDG_RUNTIME_DIR`` (or the temp folder). A socket left by a crashed instance
is taken over: nobody answers on it.

Where Python has no Unix sockets (Windows), or with ``CASEBOOK_SINGLE_INSTANCE=mailbox``, a *mailbox* does the
same with files only: the running instance holds a ``QLockFile`` in a folder of the user's temp folder (a lock
whose process died is stale and taken over) and reads the JSON files a second start drops beside it; the second
start waits until its file was taken, else it runs on its own.

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
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

#: How long a second start waits for the running instance to answer (it answers at once when idle).
HANDOVER_S = 3.0
#: How often the GUI thread looks at what the listener received.
POLL_MS = 150
#: The longest message accepted (a case id and a file path).
MAX_MESSAGE = 64 * 1024

_UNIX = hasattr(socket, "AF_UNIX") and os.environ.get("CASEBOOK_SINGLE_INSTANCE") != "mailbox"
#: How often a second start looks whether the running instance took its message from the mailbox.
MAILBOX_CHECK_S = 0.05


def server_name(data_dir: Path) -> str:
    """The socket path instances of this user and data folder meet at."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment: the folder alone tells instances apart
        user = ""
    digest = hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode()).hexdigest()[:20]
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return str(Path(base) / f"casebook-{digest}.{'sock' if _UNIX else 'inbox'}")


def hand_over(name: str, message: dict, *, timeout: float = HANDOVER_S) -> bool:
    """Send ``message`` to the instance listening at ``name``; True once it acknowledged it."""
    if not _UNIX:
        return _post(Path(name), message, timeout=timeout)
    if not Path(name).exists():
        return False  # nobody listens: no wait
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(name)
            sock.sendall(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
            return sock.recv(16).startswith(b"ok")
    except OSError:
        return False


def _post(inbox: Path, message: dict, *, timeout: float) -> bool:
    """Drop ``message`` into the mailbox; True once the running instance took it within ``timeout``."""
    if not (inbox / "lock").exists():
        return False  # nobody runs
    probe = QLockFile(str(inbox / "lock"))
    probe.setStaleLockTime(0)
    if probe.tryLock(0):  # the lock's process is gone (a crash): nobody would take the letter
        probe.unlock()
        return False
    letter = inbox / f"{os.getpid()}-{time.monotonic_ns()}.json"
    temp = letter.with_suffix(".part")
    try:
        temp.write_text(json.dumps(message, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, letter)  # whole or not at all: the reader never sees half a letter
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not letter.exists():
            return True
        time.sleep(MAILBOX_CHECK_S)
    with contextlib.suppress(OSError):
        letter.unlink()  # not taken: the holder of the lock hangs; this start runs on its own
    return False


class InstanceServer(QObject):
    """Listens for later starts; ``received(dict)`` carries each one's arguments, on the GUI thread."""

    received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._sock: socket.socket | None = None
        self._lock: QLockFile | None = None
        self._inbox: queue.SimpleQueue[dict] = queue.SimpleQueue()
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._deliver)

    def listen(self) -> bool:
        """Start listening; False when another instance already answers at the name (hand over to it then)."""
        if not _UNIX:
            return self._listen_mailbox()
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

    def _listen_mailbox(self) -> bool:
        inbox = Path(self.name)
        try:
            inbox.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return True  # no mailbox possible: run without one; the app works the same
        lock = QLockFile(str(inbox / "lock"))
        lock.setStaleLockTime(0)  # only a lock whose process is gone is stale, however old
        if not lock.tryLock(0):
            # Another instance holds it: hand over (False); the lock cannot be written: run without a mailbox.
            return lock.error() != QLockFile.LockError.LockFailedError
        self._lock = lock
        for old in inbox.glob("*.json"):  # letters nobody took before a crash
            with contextlib.suppress(OSError):
                old.unlink()
        self._timer.start()
        return True

    def _read_mailbox(self) -> None:
        for letter in sorted(Path(self.name).glob("*.json")):
            try:
                message = json.loads(letter.read_bytes()[:MAX_MESSAGE].decode("utf-8"))
            except (OSError, ValueError, UnicodeDecodeError):
                message = None
            with contextlib.suppress(OSError):
                letter.unlink()  # taken: the second start sees it gone and exits
            if isinstance(message, dict) and not message.get("ping"):
                self._inbox.put(message)

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
        if self._lock is not None:
            self._read_mailbox()
        while True:
            try:
                message = self._inbox.get_nowait()
            except queue.Empty:
                return
            self.received.emit(message)

    def close(self) -> None:
        """Stop listening and remove the socket file (at exit)."""
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.unlock()
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
        # The tab already showing it comes to the front; otherwise a new tab: what the user was reading stays open.
        showing = [t for t in window.reader_tabs() if t.case_id == case_id]
        if showing:
            window.tabs.setCurrentWidget(showing[0])
        else:
            window.open_case(case_id, True)
    file = message.get("file")
    if isinstance(file, str) and file:  # "Open with Casebook" while it runs: the running window opens it
        from reader.ui.open_file import open_file

        open_file(window, Path(file))
