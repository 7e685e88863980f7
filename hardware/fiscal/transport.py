"""How bytes reach a fiscal printer: a TCP socket (Posnet Online's LAN port, 6666 by
default) or a serial line (RS-232, or USB-CDC, which looks the same to pyserial; a pty in
tests). The driver only writes bytes and reads what arrived within a time limit; a failure
of the line is `DeviceUnreachable`, and the next write opens it again.

A setting is `tcp://192.168.1.60:6666`, `serial:/dev/ttyACM0?baud=9600` or a device path.
"""

from __future__ import annotations

import contextlib
import select
import socket
import time
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from hardware.fiscal.errors import DeviceUnreachable

DEFAULT_TCP_PORT = 6666
DEFAULT_BAUD = 9600  # Posnet's factory setting; USB-CDC ignores it
# What a serial line that went away raises: the OS's error (pyserial's SerialException is
# one) and termios.error when the port's settings are touched after an unplug.
try:
    import termios
except ImportError:  # Windows
    _FAILURES: tuple[type[BaseException], ...] = (OSError,)
else:
    _FAILURES = (OSError, termios.error)


class Transport(Protocol):
    description: str

    def write(self, data: bytes) -> None: ...
    def read(self, timeout: float) -> bytes: ...  # b"" when nothing came in time
    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class FiscalSpec:
    kind: str  # "tcp" or "serial"
    target: str  # host, or device path
    port: int = DEFAULT_TCP_PORT
    baud: int = DEFAULT_BAUD


def parse_spec(text: str) -> FiscalSpec:
    text = text.strip()
    if text.startswith("/"):
        return FiscalSpec("serial", text)
    parts = urlsplit(text if "//" in text else text.replace(":", "://", 1))
    if parts.scheme == "tcp" and parts.hostname:
        return FiscalSpec("tcp", parts.hostname, parts.port or DEFAULT_TCP_PORT)
    if parts.scheme == "serial" and (parts.netloc + parts.path):
        baud = parse_qs(parts.query).get("baud", [str(DEFAULT_BAUD)])[0]
        if not baud.isdigit():
            raise ValueError(f"baud must be a number, not {baud!r}")
        return FiscalSpec("serial", parts.netloc + parts.path, baud=int(baud))
    raise ValueError(f"{text!r}: write a fiscal printer as tcp://HOST:PORT or serial:/dev/ttyACM0")


class TcpTransport:
    def __init__(self, host: str, port: int, *, connect_timeout: float = 3.0) -> None:
        self.host, self.port, self.connect_timeout = host, port, connect_timeout
        self.description = f"tcp://{host}:{port}"
        self._sock: socket.socket | None = None

    def _open(self) -> socket.socket:
        if self._sock is None:
            try:
                self._sock = socket.create_connection(
                    (self.host, self.port), timeout=self.connect_timeout
                )
            except OSError as error:
                raise DeviceUnreachable() from error
            # Small frames, one at a time: Nagle's delay would add up over a 20-line bill.
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self._sock

    def write(self, data: bytes) -> None:
        try:
            self._open().sendall(data)
        except OSError as error:
            self.close()
            raise DeviceUnreachable() from error

    def read(self, timeout: float) -> bytes:
        sock = self._open()
        try:
            ready, _, _ = select.select([sock], [], [], max(0.0, timeout))
            if not ready:
                return b""
            data = sock.recv(4096)
        except OSError as error:
            self.close()
            raise DeviceUnreachable() from error
        if not data:  # the device closed the connection
            self.close()
            raise DeviceUnreachable()
        return data

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


class SerialTransport:
    """pyserial, imported when first opened (the package imports without it)."""

    def __init__(self, path: str, *, baud: int = DEFAULT_BAUD) -> None:
        self.path, self.baud = path, baud
        self.description = f"serial:{path}"
        self._port: Any = None

    def _open(self) -> Any:
        if self._port is None:
            import serial  # type: ignore[import-untyped]  # noqa: PLC0415

            try:
                self._port = serial.Serial(self.path, self.baud, timeout=0, exclusive=True)
            except _FAILURES as error:
                raise DeviceUnreachable() from error
        return self._port

    def write(self, data: bytes) -> None:
        port = self._open()
        try:
            port.write(data)
            port.flush()
        except _FAILURES as error:
            self.close()
            raise DeviceUnreachable() from error

    def read(self, timeout: float) -> bytes:
        port = self._open()
        deadline = time.monotonic() + max(0.0, timeout)
        try:
            # The port was opened with timeout=0 (reads return what is there) and is never
            # reconfigured: touching its settings after an unplug raises termios.error.
            while True:
                waiting = port.in_waiting
                if waiting:
                    return bytes(port.read(waiting))
                left = deadline - time.monotonic()
                if left <= 0:
                    return b""
                if hasattr(port, "fileno"):
                    select.select([port.fileno()], [], [], left)
                    if not port.in_waiting:
                        # Readable yet empty: the device went away (pyserial raises here).
                        return bytes(port.read(1))
                else:  # Windows: no descriptor to wait on
                    time.sleep(min(0.005, left))
        except _FAILURES as error:
            self.close()
            raise DeviceUnreachable() from error

    def close(self) -> None:
        if self._port is not None:
            with contextlib.suppress(*_FAILURES):
                self._port.close()
            self._port = None


def open_transport(spec: FiscalSpec | str) -> Transport:
    spec = parse_spec(spec) if isinstance(spec, str) else spec
    if spec.kind == "tcp":
        return TcpTransport(spec.target, spec.port)
    return SerialTransport(spec.target, baud=spec.baud)
