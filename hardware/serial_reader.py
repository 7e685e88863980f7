"""Card readers on a serial port (USB-serial bridges, RDM6300 modules, virtual COM readers).

`SerialReader` owns one daemon thread. It opens the port exclusively, feeds what arrives to a
framer (`hardware.framers`), drops the repeats a reader sends while a card rests on it
(`RepeatFilter`) and calls `on_read` with a `CardRead` on that thread. The port is read with
a short timeout, so `stop()` is honoured within a fraction of a second.

Status, as `ReaderStatus` through `on_status` (reported only when it changes: a retry that fails
exactly as the previous one reports nothing):
  * CONNECTED once the port is open;
  * DISCONNECTED when the device disappears (a read fails: this is what a USB unplug looks
    like, hardware-notes §2.3), when it cannot be found or opened, and when the reader stops;
    the reader then retries with a doubling back-off (0.5 s up to 5 s by default) until the
    device is back, looking a VID:PID up again on every attempt, since a replugged adapter
    may come back as another /dev/ttyUSBn;
  * PERMISSION_DENIED when the OS refuses to open the port (EACCES/EPERM): the detail tells
    the user to install the udev rule (resources/udev/70-pos-card-reader.rules, which also
    keeps ModemManager away) or to join the `dialout` group; retried as well;
  * LIBRARY_MISSING when pyserial cannot be imported (this module imports it lazily, so it can
    be imported, configured and listed without pyserial); the thread then ends.
No exception escapes the thread: failures become statuses, and exceptions raised by the
callbacks are logged and swallowed.
"""

from __future__ import annotations

import errno
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import Any, Protocol, cast

from hardware.base import OnRead, OnStatus, ThreadedReader
from hardware.dedup import RepeatFilter
from hardware.events import CardRead, ReaderState, ReaderStatus
from hardware.framers import Framer, framer_for

log = logging.getLogger(__name__)

_VID_PID = re.compile(r"(?:0x)?([0-9A-Fa-f]{1,4}):(?:0x)?([0-9A-Fa-f]{1,4})")  # as lsusb prints
UDEV_RULE = "resources/udev/70-pos-card-reader.rules"
PERMISSION_HINT = (
    f"install the udev rule {UDEV_RULE} with this reader's VID:PID (it grants access to this "
    "reader only) and replug the reader, or add the POS user to the 'dialout' group"
)


@dataclass(frozen=True, slots=True)
class SerialCandidate:
    """A serial port a setup screen may offer: device path, USB "vvvv:pppp" if any, text."""

    device: str
    vid_pid: str | None
    description: str


def parse_vid_pid(text: str) -> tuple[int, int]:
    """(vendor, product) of a USB ID written "ffff:0035" (also "0xffff:0x35"); else ValueError."""
    match = _VID_PID.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"USB ID {text!r} must look like 'ffff:0035' (vendor:product, in hex)")
    return int(match[1], 16), int(match[2], 16)


def import_serial() -> ModuleType:
    """pyserial, imported when first needed (ImportError if it is not installed)."""
    import serial  # type: ignore[import-untyped]  # noqa: PLC0415
    import serial.tools.list_ports  # type: ignore[import-untyped]  # noqa: PLC0415

    return cast(ModuleType, serial)


def pyserial_available() -> bool:
    try:
        import_serial()
    except ImportError:
        return False
    return True


def _comports(serial_module: ModuleType) -> list[SerialCandidate]:
    candidates = []
    for info in serial_module.tools.list_ports.comports():
        vid, pid = info.vid, info.pid
        vid_pid = f"{vid:04x}:{pid:04x}" if vid is not None and pid is not None else None
        candidates.append(SerialCandidate(str(info.device), vid_pid, str(info.description)))
    return sorted(candidates, key=lambda candidate: candidate.device)


def list_serial_candidates() -> list[SerialCandidate]:
    """The serial ports the OS lists, sorted by device; [] if pyserial is missing.

    pyserial lists real hardware only (ttyS*, ttyUSB*, ttyACM*, ...): pseudo-terminals never
    appear here, though `SerialReader(port=...)` opens them fine.
    """
    try:
        return _comports(import_serial())
    except ImportError:
        return []
    except OSError:
        log.exception("listing serial ports failed")
        return []


class _Port(Protocol):
    """The part of `serial.Serial` the reader uses."""

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def cancel_read(self) -> None: ...

    def close(self) -> None: ...


class _OpenError(Exception):
    def __init__(self, state: ReaderState, detail: str) -> None:
        super().__init__(detail)
        self.state = state
        self.detail = detail


class SerialReader(ThreadedReader):
    """A card reader on one serial port, given as a device path or as a USB VID:PID."""

    def __init__(
        self,
        port: str | None = None,
        *,
        vid_pid: str | None = None,
        baudrate: int = 9600,
        framer: str = "rdm6300",
        repeat_window: float = 1.0,
        initial_backoff: float = 0.5,
        max_backoff: float = 5.0,
        read_timeout: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if (port is None) == (vid_pid is None):
            raise ValueError("give a serial reader either a port or a vid_pid, not both")
        if port is not None and not port.strip():
            raise ValueError("the serial port path is empty")
        self._vid_pid = parse_vid_pid(vid_pid) if vid_pid is not None else None
        if baudrate <= 0:
            raise ValueError(f"baud rate {baudrate} must be positive")
        if not 0 < initial_backoff <= max_backoff:
            raise ValueError("back-off delays must satisfy 0 < initial_backoff <= max_backoff")
        if read_timeout <= 0:
            raise ValueError("the read timeout must be positive (it bounds how long stop waits)")
        framer_for(framer)  # refuse an unknown frame format now, not on the reader's thread
        self._port_path = port
        self._baudrate = baudrate
        self._framer_name = framer
        self._repeats = RepeatFilter(repeat_window)
        self._initial_backoff = initial_backoff
        self._max_backoff = max_backoff
        self._read_timeout = read_timeout
        self._clock = clock
        if port is not None:
            self._source = f"serial:{port}"
        else:
            vendor, product = cast(tuple[int, int], self._vid_pid)
            self._source = f"serial:usb:{vendor:04x}:{product:04x}"
        super().__init__()
        self._lock = threading.Lock()  # guards _open_port between the thread and stop()
        self._open_port: _Port | None = None

    @property
    def source(self) -> str:
        return self._source

    def _wake(self) -> None:
        with self._lock:
            if self._open_port is not None:
                try:
                    self._open_port.cancel_read()  # wake a blocked read at once
                except Exception:  # pragma: no cover - cancel_read is best effort
                    log.debug("%s: cancel_read failed", self.source, exc_info=True)

    # --- the reader's thread -------------------------------------------------------------

    def _run(self, on_read: OnRead, on_status: OnStatus, stopping: threading.Event) -> None:
        last: list[ReaderStatus] = []

        def report(state: ReaderState, detail: str = "") -> None:
            status = ReaderStatus(self.source, state, detail)
            if last and last[0] == status:
                return
            last[:] = [status]
            try:
                on_status(status)
            except Exception:
                log.exception("%s: the status callback failed", self.source)

        try:
            serial_module = import_serial()
        except ImportError as exc:
            report(ReaderState.LIBRARY_MISSING, f"pyserial is not installed ({exc})")
            return
        backoff = self._initial_backoff
        while not stopping.is_set():
            try:
                port, device = self._open(serial_module)
            except _OpenError as failure:
                report(failure.state, failure.detail)
            except Exception as exc:  # an unforeseen pyserial error: retry anyway
                log.exception("%s: opening the port failed", self.source)
                report(ReaderState.DISCONNECTED, f"cannot open the reader: {exc}")
            else:
                backoff = self._initial_backoff
                report(ReaderState.CONNECTED, f"reading {device}")
                try:
                    detail = self._pump(port, on_read, stopping)
                except Exception as exc:  # a bug must not kill the reader: reopen and go on
                    log.exception("%s: reading failed", self.source)
                    detail = f"reader error: {exc}"
                finally:
                    self._close()
                if detail is not None:
                    report(ReaderState.DISCONNECTED, detail)
            if stopping.wait(backoff):
                break
            backoff = min(backoff * 2, self._max_backoff)
        report(ReaderState.DISCONNECTED, "reader stopped")

    def _device(self, serial_module: ModuleType) -> str:
        if self._port_path is not None:
            return self._port_path
        vendor, product = cast(tuple[int, int], self._vid_pid)
        wanted = f"{vendor:04x}:{product:04x}"
        try:
            candidates = _comports(serial_module)
        except OSError as exc:
            raise _OpenError(ReaderState.DISCONNECTED, f"cannot list serial ports: {exc}") from exc
        for candidate in candidates:
            if candidate.vid_pid == wanted:
                return candidate.device
        raise _OpenError(
            ReaderState.DISCONNECTED, f"no serial device with USB ID {wanted} is plugged in"
        )

    def _open(self, serial_module: ModuleType) -> tuple[_Port, str]:
        device = self._device(serial_module)
        try:
            port: Any = serial_module.Serial(
                port=device,
                baudrate=self._baudrate,
                timeout=self._read_timeout,
                exclusive=True,
            )
        except OSError as exc:  # serial.SerialException is an OSError; errno set by os.open
            raise _open_failure(device, exc) from exc
        with self._lock:
            self._open_port = cast(_Port, port)
        return cast(_Port, port), device

    def _close(self) -> None:
        with self._lock:
            port, self._open_port = self._open_port, None
        if port is not None:
            try:
                port.close()
            except Exception:
                log.debug("%s: closing the port failed", self.source, exc_info=True)

    def _pump(self, port: _Port, on_read: OnRead, stopping: threading.Event) -> str | None:
        """Read until stopped (None) or the device fails (the reason, for the status)."""
        framer: Framer = framer_for(self._framer_name)  # a fresh one: no stale half frame
        while not stopping.is_set():
            try:
                data = port.read(port.in_waiting or 1)
            except OSError as exc:  # SerialException included: the device is gone
                return f"the reader was disconnected ({exc})"
            if not data:
                continue
            for frame in framer.feed(data):
                if stopping.is_set() or not self._repeats.admit(frame.code, self._clock()):
                    continue
                read = CardRead(self.source, frame.code, frame.raw, datetime.now())
                try:
                    on_read(read)
                except Exception:
                    log.exception("%s: the read callback failed", self.source)
        return None


def _open_failure(device: str, exc: OSError) -> _OpenError:
    code = exc.errno
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return _OpenError(
            ReaderState.PERMISSION_DENIED, f"no permission to open {device}: {PERMISSION_HINT}"
        )
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return _OpenError(
            ReaderState.DISCONNECTED, f"{device} not found: is the reader plugged in?"
        )
    if code in (errno.EAGAIN, errno.EBUSY):
        return _OpenError(ReaderState.DISCONNECTED, f"{device} is in use by another program")
    return _OpenError(ReaderState.DISCONNECTED, f"cannot open {device}: {exc}")
