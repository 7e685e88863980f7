"""One open printer, through python-escpos: send a job's bytes, kick the drawer, ask how it is.

python-escpos carries the transports (`Network` for a raw TCP port, `Serial` over pyserial,
`File` for a device file), the real-time status query (DLE EOT n, `query_status`), its
reply masks and the drawer kick (`cashdraw`). Three of its reads are adjusted here, each a
few lines, so that a status read neither hangs nor lies:
  * `File` only writes; the kernel's usblp driver also reads back what a bidirectional
    printer answers, so `/dev/usb/lp*` is opened for reading and writing;
  * `Serial` reads 16 bytes, waiting out the whole timeout for a one-byte answer;
  * `Network` takes a closed connection (recv gives b"") for a printer with nothing to say.
Here a read gives b"" when nothing came within the timeout, and raises when the device is
gone. Every failure becomes `PrinterUnavailable` with the state to show.
"""

from __future__ import annotations

import errno
import os
import select
from typing import Any

from escpos.constants import (
    RT_MASK_LOWPAPER,
    RT_MASK_NOPAPER,
    RT_MASK_ONLINE,
    RT_STATUS_ONLINE,
    RT_STATUS_PAPER,
)
from escpos.escpos import Escpos
from escpos.exceptions import Error as EscposError
from escpos.printer import File, Network, Serial

from hardware.printers.spec import PrinterSpec, Transport
from hardware.printers.status import STATUS_TIMEOUT, PrinterState

DRAWER_PINS = (2, 5)  # the drawer connector's pin the kick pulses
# What a printer that went away raises: the OS's error, python-escpos's, and pyserial's
# termios.error when the port's settings are touched after an unplug.
try:
    import termios
except ImportError:  # Windows
    _FAILURES: tuple[type[BaseException], ...] = (OSError, EscposError)
else:
    _FAILURES = (OSError, EscposError, termios.error)


class PrinterUnavailable(Exception):  # noqa: N818 - a state, not a programming error
    def __init__(self, state: PrinterState, detail: str) -> None:
        super().__init__(detail)
        self.state, self.detail = state, detail


def _valid(reply: int) -> bool:
    """A real-time status byte is 0xx1xx10b (Epson's DLE EOT): bits 1 and 4 set, 0 and 7
    clear — anything else is not an answer to the query."""
    return reply & 0x93 == 0x12


class _UsbLinePrinter(File):  # type: ignore[misc]
    def __init__(self, devfile: str, timeout: float, **kwargs: Any) -> None:
        super().__init__(devfile=devfile, **kwargs)
        self.timeout = timeout

    def open(self, raise_not_found: bool = True) -> None:
        # O_NOCTTY: a pseudo-terminal standing in for the printer must not become ours.
        fd = os.open(self.devfile, os.O_RDWR | os.O_NOCTTY)
        self.device = os.fdopen(fd, "r+b", buffering=0)

    def _raw(self, msg: bytes) -> None:
        view = memoryview(msg)
        while view:  # an unbuffered write may take part of it
            view = view[self.device.write(view) :]

    def _read(self) -> bytes:
        fd = self.device.fileno()
        ready, _, _ = select.select([fd], [], [], self.timeout)
        if not ready:
            return b""
        data = os.read(fd, 16)
        if not data:
            raise OSError(errno.ENODEV, "the printer went away")
        return data


class _SerialPrinter(Serial):  # type: ignore[misc]
    def _read(self) -> bytes:
        return bytes(self.device.read(1))  # a status is one byte


class _NetworkPrinter(Network):  # type: ignore[misc]
    def _read(self) -> bytes:
        try:
            data = bytes(self.device.recv(16))
        except TimeoutError:
            return b""
        if not data:
            raise ConnectionResetError(errno.ECONNRESET, "the printer closed the connection")
        return data


def _build(spec: PrinterSpec, timeout: float, profile: str | None) -> Escpos:
    if spec.transport is Transport.TCP:
        return _NetworkPrinter(spec.target, spec.port, timeout=timeout, profile=profile)
    if spec.transport is Transport.SERIAL:
        return _SerialPrinter(spec.target, baudrate=spec.baud, timeout=timeout, profile=profile)
    return _UsbLinePrinter(spec.target, timeout, profile=profile)


def _unavailable(error: BaseException, spec: PrinterSpec) -> PrinterUnavailable:
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__  # escpos wraps the OS's error
    if isinstance(cause, PermissionError):
        return PrinterUnavailable(
            PrinterState.NO_PERMISSION,
            f"{spec.target}: no permission (install resources/udev/70-pos-printer.rules or"
            " add the cashier's account to the lp / dialout group)",
        )
    reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(error)
    return PrinterUnavailable(PrinterState.OFFLINE, reason.strip() or type(error).__name__)


class PrinterConnection:
    """Opened on the print queue's thread and used there only."""

    def __init__(
        self, spec: PrinterSpec, *, timeout: float = STATUS_TIMEOUT, profile: str | None = None
    ) -> None:
        self.spec, self._timeout, self._profile = spec, timeout, profile
        self._printer: Escpos | None = None
        self._answers = False  # it answered a status query since it was opened

    def open(self) -> None:
        try:
            printer = _build(self.spec, self._timeout, self._profile)
            printer.open()
        except _FAILURES as error:
            raise _unavailable(error, self.spec) from error
        self._printer, self._answers = printer, False

    def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                printer.close()
            except Exception:
                printer._device = False  # so that its __del__ does not try again

    def _call(self, action: str, *args: object) -> Any:
        if self._printer is None:
            self.open()
        try:
            return getattr(self._printer, action)(*args)
        except _FAILURES as error:
            self.close()
            raise _unavailable(error, self.spec) from error

    def send(self, data: bytes) -> None:
        """Every byte of `data` to the printer (the transport's raw write)."""
        self._call("_raw", data)

    def kick_drawer(self, pin: int = 2) -> None:
        self._call("cashdraw", pin)

    def _ask(self, query: bytes) -> int | None:
        replies = [byte for byte in self._call("query_status", query) if _valid(byte)]
        return replies[-1] if replies else None

    def status(self) -> tuple[PrinterState, str]:
        """Ask the printer (DLE EOT 4, then DLE EOT 1). A printer that never answers is
        taken as ready — many cheap ones do not; one that answered and falls silent is not."""
        paper = self._ask(RT_STATUS_PAPER)
        if paper is None:
            if self._answers:
                self.close()
                raise PrinterUnavailable(PrinterState.OFFLINE, "it stopped answering")
            return PrinterState.READY, "the printer does not report its status"
        self._answers = True
        if paper & RT_MASK_NOPAPER == RT_MASK_NOPAPER:
            return PrinterState.PAPER_OUT, "the paper roll is empty"
        online = self._ask(RT_STATUS_ONLINE)
        if online is not None and online & RT_MASK_ONLINE:
            return PrinterState.OFFLINE, "the printer is offline (its cover open, or an error)"
        if paper & RT_MASK_LOWPAPER == RT_MASK_LOWPAPER:
            return PrinterState.PAPER_LOW, "the paper roll is nearly empty"
        return PrinterState.READY, ""
