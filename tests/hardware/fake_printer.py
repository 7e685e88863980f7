"""A receipt printer for tests: it records the bytes it is sent, answers the real-time status
query (DLE EOT n) as an Epson-compatible printer does, can run out of paper, and can vanish.

It listens on 127.0.0.1 (a network printer's raw port) or sits at the far end of a
pseudo-terminal (a serial or USB printer's device file).
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import time
import tty
from pathlib import Path

DLE_EOT = b"\x10\x04"
WAIT = 5.0


class PrinterBrain:
    """What the printer does with what it gets: prints it, or answers a status query."""

    def __init__(self) -> None:
        self.received = bytearray()  # everything but the status queries, in order
        self.queries = 0
        self.paper_out = False
        self.paper_low = False
        self.silent = False  # a printer that never answers a status query
        self._pending = b""
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)

    def feed(self, data: bytes) -> bytes:
        """Take bytes from the host; what the printer answers."""
        replies = bytearray()
        with self._lock:
            data = self._pending + data
            self._pending = b""
            while data:
                at = data.find(DLE_EOT)
                if at < 0:
                    keep = 1 if data.endswith(b"\x10") else 0
                    self.received += data[: len(data) - keep]
                    self._pending = data[len(data) - keep :]
                    break
                self.received += data[:at]
                if len(data) < at + 3:
                    self._pending = data[at:]
                    break
                replies += self._answer(data[at + 2])
                self.queries += 1
                data = data[at + 3 :]
            self._changed.notify_all()
        return bytes(replies)

    def _answer(self, n: int) -> bytes:
        if self.silent:
            return b""
        status = 0x12  # the fixed bits
        if n == 1 and self.paper_out:
            status |= 0x08  # out of paper, the printer goes offline
        elif n == 4:
            status |= 0x60 if self.paper_out else 0
            status |= 0x0C if self.paper_low else 0
        return bytes([status])

    def wait_for(self, wanted: bytes, timeout: float = WAIT) -> bytes:
        """Wait until `wanted` was received; everything received so far."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while wanted not in self.received:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{wanted!r} never arrived; got {bytes(self.received)!r}")
                self._changed.wait(left)
            return bytes(self.received)

    def wait_for_queries(self, count: int, timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            target = self.queries + count
            while self.queries < target:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("the printer was not asked for its status")
                self._changed.wait(left)


class TcpPrinter:
    """A network printer's raw port on 127.0.0.1."""

    def __init__(self, brain: PrinterBrain) -> None:
        self.brain = brain
        self.port = 0
        self._connections: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self.come_back()

    @property
    def setting(self) -> str:
        return f"tcp:127.0.0.1:{self.port}"

    def come_back(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(4)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return  # closed: vanished
            self._connections.append(connection)
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := connection.recv(4096):
                if reply := self.brain.feed(data):
                    connection.sendall(reply)

    def vanish(self) -> None:
        """Switched off: the port refuses and open connections are cut."""
        if self._listener is not None:
            with contextlib.suppress(OSError):  # wakes the thread blocked in accept()
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        for connection in self._connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()
        self._connections.clear()

    close = vanish


class PtyPrinter:
    """A printer at the far end of a pseudo-terminal; `path` is a link the test owns (as
    udev's by-id links are), re-pointed when the printer comes back on a new pty."""

    def __init__(self, brain: PrinterBrain, link: Path) -> None:
        self.brain, self.path = brain, link
        self._master = self._slave = -1
        self._stop = threading.Event()
        self.come_back()

    def come_back(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # bytes pass as they are (no CR added to a line feed)
        if self.path.is_symlink():
            self.path.unlink()
        self.path.symlink_to(os.ttyname(self._slave))
        self._stop = threading.Event()
        threading.Thread(target=self._serve, args=(self._master, self._stop), daemon=True).start()

    def _serve(self, master: int, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(master, 4096)
            except OSError:
                return  # EIO: nobody has the device open just now; closed: vanished
            if reply := self.brain.feed(data):
                with contextlib.suppress(OSError):  # closed meanwhile: vanished
                    os.write(master, reply)

    def vanish(self) -> None:
        """Unplugged: the far end is closed, the device file gone."""
        self._stop.set()
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._master = self._slave = -1

    close = vanish
