"""A fake /dev/input for the evdev tests: no input devices and no uinput on these machines.

A fake device is backed by an os.pipe() so that a reader's real `select` works on it, and
its `read()` hands out real `evdev.InputEvent` objects queued by the test. A removed device
behaves as the kernel's does: its fd stays readable and every read raises ENODEV.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pytest

from hardware import keymaps as k
from hardware.evdev_reader import DeviceLike
from hardware.wedge import events_for

evdev: Any = pytest.importorskip("evdev")

EV_MSC, MSC_SCAN = 4, 4
KEYBOARD_KEYS = [k.KEY_ESC, *k.DIGIT_KEYS, k.KEY_ENTER, k.KEY_A, k.KEY_LEFTSHIFT, k.KEY_TAB]
T0 = 1_700_000_000.0


def input_events(
    text: str, *, start: float = T0, terminator: int | None = k.KEY_ENTER
) -> list[Any]:
    """What the kernel delivers for a wedge burst: MSC_SCAN, EV_KEY, SYN_REPORT per key."""
    out = []
    for code, value, t in events_for(text, start=start, gap=0.004, terminator=terminator):
        sec, usec = int(t), round((t - int(t)) * 1_000_000)
        out.append(evdev.InputEvent(sec, usec, EV_MSC, MSC_SCAN, 0x70000 + code))
        out.append(evdev.InputEvent(sec, usec, k.EV_KEY, code, value))
        out.append(evdev.InputEvent(sec, usec, k.EV_SYN, 0, 0))
    return out


class Info(NamedTuple):
    bustype: int
    vendor: int
    product: int
    version: int


@dataclass
class Spec:
    """What is plugged in at one path of the fake /dev/input."""

    name: str = "Sycreader RFID Technology Co., Ltd SYC ID&IC USB Reader"
    vendor: int = 0xFFFF
    product: int = 0x0035
    keys: list[int] = field(default_factory=lambda: list(KEYBOARD_KEYS))
    phys: str = "usb-0000:00:14.0-2/input0"
    present: bool = True
    denied: bool = False
    grab_error: OSError | None = None
    dead: bool = False  # the node still opens, but the device is gone: reads fail


class FakeDevice:
    """Implements `DeviceLike`; reads come from a queue, readiness from a pipe."""

    def __init__(self, path: str, spec: Spec) -> None:
        self.path, self.name, self.phys = path, spec.name, spec.phys
        self.info = Info(3, spec.vendor, spec.product, 0x0110)
        self._spec = spec
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        self._queue: deque[list[Any] | OSError] = deque()
        self._lock = threading.Lock()
        self.grabbed = self.closed = False
        self.grab_calls = self.ungrab_calls = self.read_calls = 0
        self.held: set[int] = set()  # the keys down now, as EVIOCGKEY reports them
        if spec.dead:
            self.push(OSError(errno.ENODEV, "No such device"))

    def push(self, item: list[Any] | OSError) -> None:
        with self._lock:
            self._queue.append(item)
            os.write(self._w, b"!")

    def fileno(self) -> int:
        return self._r

    def read(self) -> Iterator[Any]:
        with self._lock:
            self.read_calls += 1
            if self.closed:
                raise OSError(errno.EBADF, "Bad file descriptor")
            os.read(self._r, 1)  # BlockingIOError when nothing is pending, as evdev
            item = self._queue.popleft()
            if isinstance(item, OSError):  # a dead device stays readable, reads keep failing
                self._queue.appendleft(item)
                os.write(self._w, b"!")
                raise item
            return iter(item)

    def grab(self) -> None:
        self.grab_calls += 1
        if self._spec.grab_error is not None:
            raise self._spec.grab_error
        self.grabbed = True

    def ungrab(self) -> None:
        if self.closed:
            raise OSError(errno.EBADF, "Bad file descriptor")
        self.ungrab_calls += 1
        self.grabbed = False

    def close(self) -> None:
        with self._lock:
            if not self.closed:
                self.closed = True
                os.close(self._r)
                os.close(self._w)

    def active_keys(self) -> list[int]:
        return sorted(self.held)

    def capabilities(self) -> Mapping[int, Sequence[object]]:
        caps: dict[int, Sequence[object]] = {k.EV_SYN: [0, 1, 4]}
        if self._spec.keys:
            caps[k.EV_KEY] = list(self._spec.keys)
        return caps


class FakeInput:
    """A fake /dev/input: plug, unplug, count opening attempts."""

    def __init__(self, specs: dict[str, Spec] | None = None) -> None:
        self.specs = dict(specs or {})
        self.opened: list[FakeDevice] = []
        self.attempts: list[tuple[float, str]] = []
        self._lock = threading.Lock()

    def open(self, path: str) -> DeviceLike:
        with self._lock:
            self.attempts.append((time.monotonic(), path))
            spec = self.specs.get(path)
            if spec is None or not spec.present:
                raise FileNotFoundError(errno.ENOENT, "No such file or directory", path)
            if spec.denied:
                raise PermissionError(errno.EACCES, "Permission denied", path)
            device = FakeDevice(path, spec)
            self.opened.append(device)
            return device

    def list(self) -> list[str]:
        with self._lock:
            return [path for path, spec in self.specs.items() if spec.present]

    def latest(self, path: str) -> FakeDevice:
        with self._lock:
            return [device for device in self.opened if device.path == path][-1]

    def unplug(self, path: str) -> None:
        with self._lock:
            self.specs[path].present = False
            live = [d for d in self.opened if d.path == path and not d.closed]
        for device in live:
            device.push(OSError(errno.ENODEV, "No such device"))

    def opens_of(self, path: str, since: float) -> int:
        with self._lock:
            return sum(1 for t, p in self.attempts if p == path and t >= since)

    def close_all(self) -> None:
        for device in self.opened:
            device.close()
