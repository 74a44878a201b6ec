"""One Casebook per user data folder: a second start hands its arguments to the running window and exits.

The usual desktop behaviour (double-clicking the app twice brings the open window to the front) through a
local socket, ``QLocalServer``/``QLocalSocket`` (a Unix socket or a Windows named pipe; no network). The
name is derived from the data folder, so a portable copy on a stick and the installed app do not meet.
A socket left by a crashed instance is taken over: nobody answers on it.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

#: How long a second start waits for the running instance to answer (it answers at once when idle).
HANDOVER_MS = 3000


def server_name(data_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment: the folder alone tells instances apart
        user = ""
    digest = hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode()).hexdigest()[:20]
    return f"casebook-{digest}"


def hand_over(name: str, message: dict, *, timeout_ms: int = HANDOVER_MS) -> bool:
    """Send ``message`` to the instance listening on ``name``; True once it acknowledged it."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
    socket.waitForBytesWritten(timeout_ms)
    answered = socket.waitForReadyRead(timeout_ms) and bytes(socket.readAll().data()).startswith(b"ok")
    socket.disconnectFromServer()
    return answered


class InstanceServer(QObject):
    """Listens for later starts; ``received(dict)`` carries each one's arguments."""

    received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; False when another instance already answers on the name (hand over to it then).

        WORKAROUND: on Unix ``QLocalServer.listen`` takes over a name another server is using, so the running
        instance is asked first; a socket file nobody answers on was left by a crash and is removed.
        """
        if hand_over(self.name, {"ping": True}, timeout_ms=HANDOVER_MS):
            return False
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        socket.write(b"ok\n")
        socket.flush()
        try:
            message = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return
        if isinstance(message, dict) and not message.get("ping"):
            self.received.emit(message)


def bring_to_front(window, message: dict) -> None:
    """What the running window does for a second start: come to the front, open the case it names."""
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
