"""A keyboard-wedge card reader read directly from its Linux input device (evdev).

The reader's device is grabbed (EVIOCGRAB), so its keystrokes never reach the desktop or
the focused widget; its key events go through a `WedgeDecoder` and each completed frame is
reported as a `CardRead`. The device is found by path (`/dev/input/by-id/...-event-kbd`,
resolved again on each attempt) or by USB `vid_pid` ("ffff:0035").

Hot-plug is handled by polling: while the device is absent, or after it disappeared (a
read raises `OSError` errno 19 ENODEV), the device is closed and looked for again every
`poll_interval` seconds; a dead fd is never selected on again, so nothing spins.

Access is granted by a udev rule for the reader's VID:PID only
(resources/udev/70-pos-card-reader.rules). Never add the POS user to the `input` group: it
could then read every keyboard, i.e. log the cashier's keystrokes.

`evdev` is imported lazily, so this module imports everywhere (Windows included); without
it the reader reports LIBRARY_MISSING. Tests inject `open_device`/`list_devices` fakes.
"""

from __future__ import annotations

import errno
import glob
import logging
import os
import re
import select
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, cast

from hardware.base import OnRead, OnStatus, ThreadedReader
from hardware.events import CardRead, ReaderState, ReaderStatus
from hardware.keymaps import (
    DIGIT_KEYS,
    EV_KEY,
    EV_SYN,
    KEY_ENTER,
    KEY_KPENTER,
    KEYPAD_DIGIT_KEYS,
    SYN_DROPPED,
    SYN_REPORT,
)
from hardware.wedge import WedgeConfig, WedgeDecoder
from loyalty.card_codes import normalise_code

log = logging.getLogger(__name__)

UDEV_RULE = "resources/udev/70-pos-card-reader.rules"
PERMISSION_HINT = (
    f"install the udev rule {UDEV_RULE} (it grants access to this reader only) and replug "
    "the reader; do not add the POS user to the 'input' group, which would let it read "
    "every keyboard"
)
LIBRARY_HINT = "the evdev package is not installed (Linux only): pip install evdev"

_VID_PID = re.compile(r"(?:0x)?([0-9a-fA-F]{1,4}):(?:0x)?([0-9a-fA-F]{1,4})")
_ABSENT_ERRNOS = frozenset({errno.ENOENT, errno.ENODEV, errno.ENXIO})
_SYS_CLASS_INPUT = "/sys/class/input"
_DEV_INPUT = "/dev/input"


class InputEventLike(Protocol):
    """What the reader uses of an `evdev.InputEvent`."""

    @property
    def type(self) -> int: ...
    @property
    def code(self) -> int: ...
    @property
    def value(self) -> int: ...
    def timestamp(self) -> float: ...


class DeviceInfoLike(Protocol):
    @property
    def vendor(self) -> int: ...
    @property
    def product(self) -> int: ...


class DeviceLike(Protocol):
    """What the reader uses of an `evdev.InputDevice` (tests implement it with a pipe)."""

    @property
    def path(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def phys(self) -> str: ...
    @property
    def info(self) -> DeviceInfoLike: ...
    def fileno(self) -> int: ...
    def read(self) -> Iterable[InputEventLike]: ...
    def grab(self) -> None: ...
    def ungrab(self) -> None: ...
    def close(self) -> None: ...
    def capabilities(self) -> Mapping[int, Sequence[object]]: ...
    def active_keys(self) -> list[int]: ...


OpenDevice = Callable[[str], DeviceLike]
ListDevices = Callable[[], list[str]]
DeviceId = Callable[[str], str | None]


def parse_vid_pid(text: str) -> str:
    """ "FFFF:35" or "0xffff:0x0035" -> "ffff:0035"; ValueError for anything else."""
    match = _VID_PID.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"VID:PID must look like 'ffff:0035', not {text!r}")
    return f"{int(match[1], 16):04x}:{int(match[2], 16):04x}"


def vid_pid_of(device: DeviceLike) -> str:
    return f"{device.info.vendor:04x}:{device.info.product:04x}"


def looks_like_keyboard(capabilities: Mapping[int, Sequence[object]]) -> bool:
    """Has an Enter key and the ten digits (top row or keypad), as a wedge reader does."""
    keys = set(capabilities.get(EV_KEY, ()))
    has_enter = KEY_ENTER in keys or KEY_KPENTER in keys
    return has_enter and (keys >= set(DIGIT_KEYS) or keys >= set(KEYPAD_DIGIT_KEYS))


def sysfs_vid_pid(path: str, sys_root: str = _SYS_CLASS_INPUT) -> str | None:
    """The VID:PID of /dev/input/eventN from sysfs, readable without access to the node."""
    name = os.path.basename(path)
    if not name.startswith("event"):
        return None
    ids = os.path.join(sys_root, name, "device", "id")
    try:
        with open(os.path.join(ids, "vendor"), encoding="ascii") as vendor_file:
            vendor = vendor_file.read().strip()
        with open(os.path.join(ids, "product"), encoding="ascii") as product_file:
            product = product_file.read().strip()
        return parse_vid_pid(f"{vendor}:{product}")
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _event_number(path: str) -> tuple[int, str]:
    digits = re.search(r"(\d+)$", path)
    return (int(digits[1]) if digits else -1, path)


def list_event_nodes(input_dir: str = _DEV_INPUT) -> list[str]:
    """Every /dev/input/event* node, readable or not (unlike `evdev.list_devices()`, which
    hides the nodes we may not open, so a missing udev rule would look like a missing
    reader)."""
    return sorted(glob.glob(os.path.join(input_dir, "event*")), key=_event_number)


def open_evdev(path: str) -> DeviceLike:
    import evdev  # noqa: PLC0415 - lazily: this module must import where evdev is missing

    return cast(DeviceLike, evdev.InputDevice(path))


def evdev_available() -> bool:
    try:
        import evdev  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def close_quietly(device: DeviceLike) -> None:
    try:
        device.close()
    except Exception:
        log.debug("closing %r failed", device, exc_info=True)


class EvdevWedgeReader(ThreadedReader):
    """A wedge reader grabbed through evdev; one daemon thread between `start` and `stop`."""

    def __init__(
        self,
        *,
        device: str | None = None,
        vid_pid: str | None = None,
        wedge: WedgeConfig | None = None,
        poll_interval: float = 1.0,
        select_timeout: float = 0.2,
        open_device: OpenDevice | None = None,
        list_devices: ListDevices | None = None,
        device_id: DeviceId | None = None,
    ) -> None:
        """Give exactly one of `device` (a path, symlinks allowed) or `vid_pid`.

        `open_device`, `list_devices` and `device_id` replace evdev for tests: they open a
        node, list the nodes to scan for `vid_pid`, and tell a node's VID:PID without
        opening it (None: unknown, open it and look). `device_id` defaults to sysfs when
        evdev is used, to "unknown" when `open_device` is injected.
        """
        if (device is None) == (vid_pid is None):
            raise ValueError("give either a device path or a vid_pid, not both or neither")
        if device is not None and not device.strip():
            raise ValueError("the device path is empty")
        if poll_interval <= 0 or select_timeout <= 0:
            raise ValueError("poll_interval and select_timeout must be positive")
        self._device = device
        self._vid_pid = parse_vid_pid(vid_pid) if vid_pid is not None else None
        self._wedge = wedge if wedge is not None else WedgeConfig()
        self._poll_interval = poll_interval
        self._select_timeout = select_timeout
        self._injected = open_device is not None
        self._open = open_device if open_device is not None else open_evdev
        self._list = list_devices if list_devices is not None else list_event_nodes
        if device_id is not None:
            self._device_id: DeviceId = device_id
        else:
            self._device_id = sysfs_vid_pid if open_device is None else (lambda _path: None)
        super().__init__()
        self._last_status: tuple[ReaderState, str] | None = None

    @property
    def source(self) -> str:
        return f"evdev:{self._device if self._device is not None else self._vid_pid}"

    def _before_start(self) -> None:
        self._last_status = None

    # --- the reader's thread ---------------------------------------------------------------

    def _run(self, on_read: OnRead, on_status: OnStatus, stopping: threading.Event) -> None:
        try:
            if not self._injected and not evdev_available():
                self._report(on_status, ReaderState.LIBRARY_MISSING, LIBRARY_HINT)
                return
            decoder = WedgeDecoder(self._wedge)
            while not stopping.is_set():
                device = self._acquire(on_status)
                if device is None:
                    stopping.wait(self._poll_interval)
                    continue
                try:
                    decoder.reset()
                    self._pump(device, decoder, on_read, on_status, stopping)
                except Exception as exc:  # a broken device object: drop it, try again later
                    log.exception("%s: reading failed", self.source)
                    detail = f"{device.path} failed: {exc!r}"
                    self._report(on_status, ReaderState.DISCONNECTED, detail)
                finally:
                    self._release(device)
                if not stopping.is_set():
                    stopping.wait(self._poll_interval)  # lost: never reopen in a tight loop
            if self._last_status is not None and self._last_status[0] is ReaderState.CONNECTED:
                self._report(on_status, ReaderState.DISCONNECTED, "reader stopped")
        except Exception:
            log.exception("%s: the reader thread failed", self.source)

    def _report(self, on_status: OnStatus, state: ReaderState, detail: str) -> None:
        """Tell the status if its state changed (a new detail alone is not news)."""
        if self._last_status is not None and self._last_status[0] is state:
            return
        self._last_status = (state, detail)
        try:
            on_status(ReaderStatus(self.source, state, detail))
        except Exception:
            log.exception("%s: the status callback failed", self.source)

    def _acquire(self, on_status: OnStatus) -> DeviceLike | None:
        """Open and grab the reader, reporting why not; None when it is not usable now."""
        try:
            if self._device is not None:
                device = self._open_by_path(on_status)
            else:
                device = self._open_by_id(on_status)
            if device is None:
                return None
        except Exception as exc:  # a broken opener or device must not end the thread
            log.exception("%s: opening failed", self.source)
            self._report(on_status, ReaderState.DISCONNECTED, f"cannot open the reader: {exc}")
            return None
        try:
            device.grab()
        except PermissionError:
            close_quietly(device)
            self._report(
                on_status,
                ReaderState.PERMISSION_DENIED,
                f"{device.path} cannot be grabbed: {PERMISSION_HINT}",
            )
            return None
        except OSError as exc:
            close_quietly(device)
            busy = exc.errno == errno.EBUSY
            detail = "is grabbed by another program" if busy else f"cannot be grabbed: {exc}"
            self._report(on_status, ReaderState.DISCONNECTED, f"{device.path} {detail}")
            return None
        except Exception as exc:
            close_quietly(device)
            log.exception("%s: grab failed", self.source)
            self._report(on_status, ReaderState.DISCONNECTED, f"cannot be grabbed: {exc}")
            return None
        self._report(on_status, ReaderState.CONNECTED, f"{device.name} at {device.path}")
        return device

    def _open_by_path(self, on_status: OnStatus) -> DeviceLike | None:
        assert self._device is not None
        path = os.path.realpath(self._device)  # by-id links move to a new eventN on replug
        try:
            return self._open(path)
        except PermissionError:
            self._report(
                on_status,
                ReaderState.PERMISSION_DENIED,
                f"{self._device}: permission denied: {PERMISSION_HINT}",
            )
        except OSError as exc:
            if exc.errno in _ABSENT_ERRNOS:
                detail = f"{self._device} is not present (is the reader plugged in?)"
            else:
                detail = f"cannot open {self._device}: {exc}"
            self._report(on_status, ReaderState.DISCONNECTED, detail)
        return None

    def _open_by_id(self, on_status: OnStatus) -> DeviceLike | None:
        target = self._vid_pid
        matches: list[tuple[int, int, DeviceLike]] = []
        denied: list[str] = []
        for index, path in enumerate(self._list()):
            known = self._device_id(path)
            if known is not None and known != target:
                continue  # not ours: do not even open other keyboards
            try:
                device = self._open(path)
            except PermissionError:
                if known == target:
                    denied.append(path)
                continue
            except OSError:
                continue  # vanished between listing and opening, or not an input device
            try:
                if vid_pid_of(device) == target:
                    caps = device.capabilities()
                    if EV_KEY in caps:
                        matches.append((2 if looks_like_keyboard(caps) else 1, -index, device))
                        continue
            except Exception:
                log.debug("%s: inspecting %s failed", self.source, path, exc_info=True)
            close_quietly(device)
        if matches:
            # The keyboard-like interface first; among equals, the lowest eventN.
            matches.sort(key=lambda match: match[:2], reverse=True)
            for _, _, other in matches[1:]:
                close_quietly(other)
            return matches[0][2]
        if denied:
            self._report(
                on_status,
                ReaderState.PERMISSION_DENIED,
                f"{', '.join(denied)} ({target}): permission denied: {PERMISSION_HINT}",
            )
        else:
            self._report(
                on_status,
                ReaderState.DISCONNECTED,
                f"no input device with VID:PID {target} (is the reader plugged in?)",
            )
        return None

    def _pump(
        self,
        device: DeviceLike,
        decoder: WedgeDecoder,
        on_read: OnRead,
        on_status: OnStatus,
        stopping: threading.Event,
    ) -> None:
        """Read until stopped (returns) or until the device is lost (reports, returns)."""
        fd = device.fileno()
        dropping = False  # after SYN_DROPPED, until the next SYN_REPORT
        while not stopping.is_set():
            try:
                ready, _, _ = select.select([fd], [], [], self._select_timeout)
                if not ready:
                    continue
                events = list(device.read())
            except BlockingIOError:
                continue
            except (OSError, ValueError) as exc:
                decoder.reset()
                gone = isinstance(exc, OSError) and exc.errno == errno.ENODEV
                detail = "was removed" if gone else f"cannot be read: {exc}"
                self._report(on_status, ReaderState.DISCONNECTED, f"{device.path} {detail}")
                return
            for event in events:
                if event.type == EV_SYN and event.code == SYN_DROPPED:
                    dropping = True  # the kernel lost events: a release may be among them
                    continue
                if dropping:
                    if event.type == EV_SYN and event.code == SYN_REPORT:
                        dropping = False
                        decoder.resync(held_keys(device))
                    continue
                if event.type != EV_KEY:
                    continue
                frame = decoder.feed(event.code, event.value, event.timestamp())
                if frame is not None:
                    self._deliver(frame, on_read)

    def _deliver(self, frame: str, on_read: OnRead) -> None:
        try:
            code = normalise_code(frame)
        except ValueError:
            log.debug("%s: dropped %r", self.source, frame)
            return
        try:
            on_read(CardRead(self.source, code, frame.encode(), datetime.now()))
        except Exception:
            log.exception("%s: the read callback failed", self.source)

    def _release(self, device: DeviceLike) -> None:
        try:
            device.ungrab()
        except Exception:
            log.debug("%s: ungrab failed (device gone?)", self.source, exc_info=True)
        close_quietly(device)


# --- setup probe -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WedgeCandidate:
    """An input device that may be a wedge reader, for the setup probe to show."""

    path: str
    by_id: tuple[str, ...]
    name: str
    vid_pid: str
    phys: str


def held_keys(device: DeviceLike) -> list[int]:
    """The keys down now (EVIOCGKEY), as the kernel's documentation says to ask after
    SYN_DROPPED; none when it cannot say (the next read then reports a lost device)."""
    try:
        return list(device.active_keys())
    except (OSError, AttributeError):
        return []


def by_id_links(by_id_dir: str) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    try:
        names = sorted(os.listdir(by_id_dir))
    except OSError:
        return links
    for name in names:
        link = os.path.join(by_id_dir, name)
        links.setdefault(os.path.realpath(link), []).append(link)
    return links


def list_keyboard_candidates(
    *,
    open_device: OpenDevice | None = None,
    list_devices: ListDevices | None = None,
    by_id_dir: str = os.path.join(_DEV_INPUT, "by-id"),
) -> list[WedgeCandidate]:
    """The readable input devices that have Enter and digit keys; [] without evdev or
    /dev/input. Devices this process may not open are left out (see the udev rule)."""
    if open_device is None and not evdev_available():
        return []
    opener = open_device if open_device is not None else open_evdev
    try:
        paths = list_devices() if list_devices is not None else list_event_nodes()
    except Exception:
        log.debug("listing input devices failed", exc_info=True)
        return []
    links = by_id_links(by_id_dir)
    found: list[WedgeCandidate] = []
    for path in paths:
        try:
            device = opener(path)
        except Exception:
            continue
        try:
            if looks_like_keyboard(device.capabilities()):
                real = os.path.realpath(path)
                found.append(
                    WedgeCandidate(
                        path=path,
                        by_id=tuple(links.get(real, ())),
                        name=device.name,
                        vid_pid=vid_pid_of(device),
                        phys=device.phys,
                    )
                )
        except Exception:
            log.debug("inspecting %s failed", path, exc_info=True)
        finally:
            close_quietly(device)
    return found
