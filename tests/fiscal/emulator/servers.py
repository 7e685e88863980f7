"""The emulated printer behind a real TCP port on 127.0.0.1 and behind a real pty, each
served by one thread, as the driver meets a LAN printer and a USB-CDC one."""

from __future__ import annotations

import os
import select
import socket
import threading
import tty

from tests.fiscal.emulator import wire
from tests.fiscal.emulator.faults import Faults, exchange
from tests.fiscal.emulator.model import PosnetModel

POLL = 0.05  # how often a serving thread looks at its stop flag


class _Served:
    spec: str

    def __init__(self, model: PosnetModel, faults: Faults) -> None:
        self.model, self.faults = model, faults
        self.lock = threading.Lock()  # one frame at a time, and tests read the model safely
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def _start(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        thread.start()
        self._threads.append(thread)

    def _answer(self, buffer: bytearray) -> list[bytes]:
        replies = []
        for frame in wire.split_frames(buffer):
            with self.lock:
                reply = exchange(self.model, self.faults, frame)
            if reply is not None:
                replies.append(reply)
        return replies

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)


class TcpPrinter(_Served):
    def __init__(self, model: PosnetModel, faults: Faults) -> None:
        super().__init__(model, faults)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(POLL)
        self.port = self._listener.getsockname()[1]
        self.spec = f"tcp://127.0.0.1:{self.port}"
        self.connections = 0
        self._start(self._accept)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._start(self._serve, conn)
        self._listener.close()

    def _serve(self, conn: socket.socket) -> None:
        buffer = bytearray()
        with conn:
            while not self._stop.is_set():
                ready, _, _ = select.select([conn], [], [], POLL)
                if not ready:
                    continue
                try:
                    data = conn.recv(4096)
                except OSError:
                    return
                if not data:
                    return
                buffer += data
                for reply in self._answer(buffer):
                    conn.sendall(reply)


class PtyPrinter(_Served):
    """The master end plays the printer; the driver opens `path` (the slave) with pyserial."""

    def __init__(self, model: PosnetModel, faults: Faults) -> None:
        super().__init__(model, faults)
        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self.spec = f"serial:{self.path}"
        self._start(self._serve)

    def _serve(self) -> None:
        buffer = bytearray()
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], POLL)
            if not ready:
                continue
            try:
                buffer += os.read(self.master, 4096)
            except OSError:
                continue  # no one has the slave open right now
            for reply in self._answer(buffer):
                os.write(self.master, reply)

    def close(self) -> None:
        super().close()
        os.close(self.master)
        os.close(self._slave)
