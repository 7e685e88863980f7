"""Finding a card reader nobody has set up: watch what may be one, report each card it reads.

With no reader set, the terminal runs one `ReaderSearch`. Its one thread opens, reads and
closes every device it watches:

* the keyboard-like input devices (Enter and the ten digits, `looks_like_keyboard`) this
  account may open, read **without grabbing** them: their keys still reach the desktop, so
  the Qt fallback (`pos_terminal/ui/card_key_filter.py`) reads cards meanwhile;
* the USB serial ports pyserial lists, opened exclusively at 9600 baud, each byte fed to
  both serial framers (RDM6300 and lines). Built-in ports (ttyS*, no USB ID) are left alone:
  a till's COM port often drives a fiscal printer, and opening a port toggles its lines.

A card-shaped burst is what no person types and what a reader always sends:

* on an input device, 4 to 64 characters a card code can have (0-9, A-F, a comma) ended by
  Enter, keypad Enter or Tab, each key pressed within `KEY_GAP` (50 ms) of the one before —
  readers type 4-16 ms apart, while nobody keeps five keys under 50 ms apart — and a code
  `normalise_code` accepts;
* on a serial port, an RDM6300 frame whose checksum holds, or an ASCII line that is a card
  code of at least 4 characters.

Each burst is reported as a `ReaderFound`: the reader setting that would read that device
(hardware/registry.py), its name and the code. An input device is named by its USB VID:PID
(card readers carry their own; a reader of the same model plugged in instead is found too),
a serial port by its /dev/serial/by-id link (USB-serial chips are shared by printers and
scales: their VID:PID says little). Repeats of a card resting on a serial reader are
dropped. The search reports every tap: whom to ask, and when, is the caller's business.

Devices are looked for again every `rescan` seconds, so a reader plugged in later is found;
one that disappears is closed and forgotten until it comes back. The status
(`ReaderStatus`, source "search", told when it changes) is SEARCHING with what is watched;
PERMISSION_DENIED when input devices exist but none may be opened (the detail names the
udev rule); LIBRARY_MISSING when neither evdev nor pyserial is installed. Nothing escapes
the thread.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any, cast

from hardware.base import OnStatus
from hardware.dedup import RepeatFilter
from hardware.evdev_reader import (
    PERMISSION_HINT,
    DeviceLike,
    ListDevices,
    OpenDevice,
    by_id_links,
    close_quietly,
    evdev_available,
    held_keys,
    list_event_nodes,
    looks_like_keyboard,
    open_evdev,
    vid_pid_of,
)
from hardware.events import ReaderFound, ReaderState, ReaderStatus
from hardware.framers import LineFramer, Rdm6300Framer
from hardware.keymaps import EV_KEY, EV_SYN, SYN_DROPPED, SYN_REPORT
from hardware.serial_reader import (
    SerialCandidate,
    import_serial,
    list_serial_candidates,
    pyserial_available,
)
from hardware.wedge import WedgeConfig, WedgeDecoder
from loyalty.card_codes import normalise_code

log = logging.getLogger(__name__)

SOURCE = "search"
KEY_GAP = 0.05  # s between two keys of one burst; readers type 4-16 ms apart
SEARCH_WEDGE = WedgeConfig(max_gap=KEY_GAP)
BAUD = 9600  # the RDM6300's, and most line readers'
MIN_LINE_CODE = 4
INPUT_BY_ID = "/dev/input/by-id"
SERIAL_BY_ID = "/dev/serial/by-id"
LIBRARIES_HINT = "install evdev (keyboard-wedge readers) and pyserial (serial readers)"

OnFound = Callable[[ReaderFound], None]
ListPorts = Callable[[], list[SerialCandidate]]


class _Watched(ABC):
    """One device the search has open: what it reads, as (setting, code) pairs."""

    path: str
    name: str

    @abstractmethod
    def fileno(self) -> int: ...

    @abstractmethod
    def finds(self, now: float) -> list[tuple[str, str]]:
        """What the device sent since the last call; OSError/ValueError when it is gone."""

    @abstractmethod
    def close(self) -> None: ...


class _Input(_Watched):
    def __init__(self, path: str, device: DeviceLike, setting: str) -> None:
        self.path, self.name, self.setting = path, device.name, setting
        self._device = device
        self._decoder = WedgeDecoder(SEARCH_WEDGE)
        self._dropping = False  # after SYN_DROPPED, until the next SYN_REPORT

    def fileno(self) -> int:
        return self._device.fileno()

    def finds(self, now: float) -> list[tuple[str, str]]:
        try:
            events = list(self._device.read())
        except BlockingIOError:
            return []
        found = []
        for event in events:
            if event.type == EV_SYN and event.code == SYN_DROPPED:
                self._dropping = True
                continue
            if self._dropping:
                if event.type == EV_SYN and event.code == SYN_REPORT:
                    self._dropping = False
                    self._decoder.resync(held_keys(self._device))
                continue
            if event.type != EV_KEY:
                continue
            frame = self._decoder.feed(event.code, event.value, event.timestamp())
            if frame is None:
                continue
            try:
                found.append((self.setting, normalise_code(frame)))
            except ValueError:
                continue
        return found

    def close(self) -> None:
        close_quietly(self._device)  # never grabbed: nothing to let go of first


class _Port(_Watched):
    def __init__(self, path: str, name: str, port: Any, setting_base: str) -> None:
        self.path, self.name = path, name
        self._port = port
        self._base = setting_base
        self._rdm6300, self._lines = Rdm6300Framer(), LineFramer()
        self._repeats = RepeatFilter()

    def fileno(self) -> int:
        return cast(int, self._port.fileno())

    def finds(self, now: float) -> list[tuple[str, str]]:
        data = self._port.read(self._port.in_waiting or 1)
        if not data:
            return []
        found = []
        for framer, frames in (
            ("rdm6300", self._rdm6300.feed(data)),
            ("line", self._lines.feed(data)),
        ):
            for frame in frames:
                if framer == "line" and len(frame.code) < MIN_LINE_CODE:
                    continue
                if self._repeats.admit(frame.code, now):
                    found.append((f"{self._base}?framer={framer}", frame.code))
        return found

    def close(self) -> None:
        try:
            self._port.close()
        except Exception:
            log.debug("closing %s failed", self.path, exc_info=True)


class ReaderSearch:
    """Watches for a card reader on one daemon thread ("reader search"), `start` to `stop`."""

    STOP_JOIN_SECONDS = 2.0

    def __init__(
        self,
        *,
        rescan: float = 1.0,
        select_timeout: float = 0.2,
        ignore: Callable[[], Collection[str]] = tuple,
        open_device: OpenDevice | None = None,
        list_devices: ListDevices | None = None,
        list_ports: ListPorts | None = None,
        input_by_id: str = INPUT_BY_ID,
        serial_by_id: str = SERIAL_BY_ID,
    ) -> None:
        """`ignore` gives the device paths to leave alone (a printer's port), asked again at
        each rescan. `open_device`/`list_devices` replace evdev and `list_ports` pyserial's
        port listing, for tests (ports are still opened with pyserial)."""
        if rescan <= 0 or select_timeout <= 0:
            raise ValueError("rescan and select_timeout must be positive")
        self._rescan, self._select_timeout = rescan, select_timeout
        self._ignore = ignore
        self._open_device = open_device if open_device is not None else open_evdev
        self._list_devices = list_devices if list_devices is not None else list_event_nodes
        self._inputs_injected = open_device is not None
        self._list_ports = list_ports if list_ports is not None else list_serial_candidates
        self._input_by_id, self._serial_by_id = input_by_id, serial_by_id
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @property
    def source(self) -> str:
        return SOURCE

    def start(self, on_found: OnFound, on_status: OnStatus) -> None:
        if self._thread is not None:
            raise RuntimeError("the search is already started")
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run,
            args=(on_found, on_status, self._stopping),
            name="reader search",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """End the thread; every device it watched is closed when this returns."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        if thread is not threading.current_thread():
            thread.join(timeout=self.STOP_JOIN_SECONDS)

    # --- the search's thread ---------------------------------------------------------------

    def _run(self, on_found: OnFound, on_status: OnStatus, stopping: threading.Event) -> None:
        watched: dict[str, _Watched] = {}
        state = _State(on_status)
        inputs = self._inputs_injected or evdev_available()
        ports = pyserial_available()
        try:
            if not inputs and not ports:
                state.report(ReaderState.LIBRARY_MISSING, LIBRARIES_HINT)
                return
            not_readers: set[str] = set()
            next_scan = 0.0
            while not stopping.is_set():
                if time.monotonic() >= next_scan:
                    denied = self._scan(watched, not_readers, inputs=inputs, ports=ports)
                    state.tell(watched, denied, inputs=inputs, ports=ports)
                    next_scan = time.monotonic() + self._rescan
                self._pump(watched, on_found, stopping)
        except Exception:
            log.exception("the reader search failed")
        finally:
            for device in watched.values():
                device.close()

    def _scan(
        self, watched: dict[str, _Watched], not_readers: set[str], *, inputs: bool, ports: bool
    ) -> list[str]:
        """Open what appeared since the last scan; the input devices we may not open."""
        ignore = set(self._ignore())
        denied: list[str] = []
        if inputs:
            try:
                nodes = self._list_devices()
            except Exception:
                log.debug("listing input devices failed", exc_info=True)
                nodes = []
            not_readers &= set(nodes)  # a node that went may come back as another device
            links = by_id_links(self._input_by_id)
            for path in nodes:
                if path in watched or path in not_readers or path in ignore:
                    continue
                opened = self._open_input(path, links, denied, not_readers)
                if opened is not None:
                    watched[path] = opened
        if ports:
            links = by_id_links(self._serial_by_id)
            try:
                candidates = self._list_ports()
            except Exception:
                log.debug("listing serial ports failed", exc_info=True)
                candidates = []
            for candidate in candidates:
                path = candidate.device
                if candidate.vid_pid is None or path in watched or path in ignore:
                    continue
                port = self._open_port(candidate, links)
                if port is not None:
                    watched[path] = port
        return denied

    def _open_input(
        self, path: str, links: dict[str, list[str]], denied: list[str], not_readers: set[str]
    ) -> _Input | None:
        """The device, to watch; None if it cannot be opened now (`denied` when for lack of
        permission) or is no keyboard (`not_readers`: not opened again while it is there)."""
        try:
            device = self._open_device(path)
        except PermissionError:
            denied.append(path)
            return None
        except OSError:
            return None  # gone between listing and opening
        try:
            keyboard = looks_like_keyboard(device.capabilities())
            vid_pid = vid_pid_of(device)
        except Exception:
            log.debug("inspecting %s failed", path, exc_info=True)
            keyboard = False
        if not keyboard:
            close_quietly(device)
            not_readers.add(path)
            return None
        if vid_pid != "0000:0000":
            setting = f"evdev:{vid_pid}"
        else:  # no USB ID to go by: the stable link, else the node itself
            setting = f"evdev:{(links.get(os.path.realpath(path)) or [path])[0]}"
        return _Input(path, device, setting)

    def _open_port(self, candidate: SerialCandidate, links: dict[str, list[str]]) -> _Port | None:
        path = candidate.device
        try:
            port = import_serial().Serial(port=path, baudrate=BAUD, timeout=0, exclusive=True)
        except OSError as exc:  # busy (another program has it), no permission, gone
            log.debug("search: cannot open %s: %s", path, exc)
            return None
        stable = links.get(os.path.realpath(path)) or [path]
        return _Port(path, f"{candidate.description} ({path})", port, f"serial:{stable[0]}")

    def _pump(
        self, watched: dict[str, _Watched], on_found: OnFound, stopping: threading.Event
    ) -> None:
        """Wait for input until the next scan is due; report what the devices read."""
        if not watched:
            stopping.wait(self._select_timeout)
            return
        by_fd = {device.fileno(): device for device in watched.values()}
        try:
            ready, _, _ = select.select(list(by_fd), [], [], self._select_timeout)
        except (OSError, ValueError):
            ready = list(by_fd)  # one of them broke: reading each says which
        now = time.monotonic()
        for fd in ready:
            device = by_fd[fd]
            try:
                finds = device.finds(now)
            except (OSError, ValueError) as exc:
                gone = isinstance(exc, OSError) and exc.errno == errno.ENODEV
                log.debug("search: %s %s", device.path, "was removed" if gone else exc)
                device.close()
                del watched[device.path]
                continue
            for setting, code in finds:
                if stopping.is_set():
                    return
                try:
                    on_found(ReaderFound(setting, device.name, code, datetime.now()))
                except Exception:
                    log.exception("search: the callback failed")


class _State:
    """The search's status, told only when it changes."""

    def __init__(self, on_status: OnStatus) -> None:
        self._on_status = on_status
        self._last: tuple[ReaderState, str] | None = None

    def report(self, state: ReaderState, detail: str) -> None:
        if self._last == (state, detail):
            return
        self._last = (state, detail)
        try:
            self._on_status(ReaderStatus(SOURCE, state, detail))
        except Exception:
            log.exception("search: the status callback failed")

    def tell(
        self, watched: dict[str, _Watched], denied: list[str], *, inputs: bool, ports: bool
    ) -> None:
        keyboards = sum(isinstance(device, _Input) for device in watched.values())
        serial = len(watched) - keyboards
        if denied and not keyboards:
            shown = ", ".join(denied[:3]) + (" …" if len(denied) > 3 else "")
            self.report(
                ReaderState.PERMISSION_DENIED,
                f"no input device may be opened ({shown}): {PERMISSION_HINT}",
            )
            return
        parts = [f"watching {keyboards} keyboard-like device(s) and {serial} USB serial port(s)"]
        if denied:
            parts.append(f"{len(denied)} input device(s) may not be opened: {PERMISSION_HINT}")
        if not inputs:
            parts.append("evdev is not installed: keyboard readers are read as a keyboard")
        if not ports:
            parts.append("pyserial is not installed: serial readers are not looked for")
        self.report(ReaderState.SEARCHING, "; ".join(parts))
