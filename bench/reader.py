"""Card readers: time from the terminating key or byte to the `CardRead` callback.

Both readers run their real thread. The serial reader reads a real pty; the wedge reader
reads a pipe-backed device (this machine has no /dev/input) through the same `select` and
decoding path it uses on evdev. The clock starts when the last byte (ETX) or the Enter key
is handed to the device and stops in the callback. Budget: p99 ≤ 1 ms.
"""

from __future__ import annotations

import argparse
import os
import pty
import queue
import threading
import time
import tty
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from bench.report import Figure, percentile
from hardware.base import Reader
from hardware.evdev_reader import DeviceLike, EvdevWedgeReader
from hardware.events import CardRead, ReaderState, ReaderStatus
from hardware.framers import rdm6300_frame
from hardware.keymaps import EV_KEY
from hardware.serial_reader import SerialReader
from hardware.wedge import events_for

BUDGET_MS = 1.0


@dataclass(frozen=True)
class _Event:
    type: int
    code: int
    value: int
    at: float

    def timestamp(self) -> float:
        return self.at


@dataclass(frozen=True)
class _Info:
    vendor: int = 0xFFFF
    product: int = 0x0035


class _PipeDevice:
    """Stands in for an evdev device: events are queued, readiness comes from a pipe."""

    path = "/dev/input/bench"
    name = "bench wedge reader"
    phys = "bench"
    info = _Info()

    def __init__(self) -> None:
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        self._events: deque[list[_Event]] = deque()

    def push(self, events: list[_Event]) -> None:
        self._events.append(events)
        os.write(self._w, b"!")

    def fileno(self) -> int:
        return self._r

    def read(self) -> list[_Event]:
        os.read(self._r, 1)
        return self._events.popleft()

    def grab(self) -> None: ...
    def ungrab(self) -> None: ...

    def close(self) -> None:
        os.close(self._r)
        os.close(self._w)

    def active_keys(self) -> list[int]:
        return []

    def capabilities(self) -> dict[int, list[int]]:
        return {EV_KEY: []}


def _measure(
    reader: Reader,
    iterations: int,
    send: Callable[[int], tuple[Callable[[], None], Callable[[], None]]],
) -> list[float]:
    """Milliseconds from `finish()` (the terminator) to the callback, for each card `i`.

    `send(i)` gives two steps: the body of the i-th read, then its terminator.
    """
    samples: list[float] = []
    arrived = threading.Event()
    started = [0.0]

    def on_read(read: CardRead) -> None:
        samples.append((time.perf_counter() - started[0]) * 1000)
        arrived.set()

    statuses: queue.Queue[ReaderStatus] = queue.Queue()
    reader.start(on_read, statuses.put)
    try:
        while statuses.get(timeout=10).state is not ReaderState.CONNECTED:
            pass
        for i in range(iterations):
            body, finish = send(i)
            arrived.clear()
            body()
            time.sleep(0.002)  # the body arrives first, as it does from a real reader
            started[0] = time.perf_counter()
            finish()
            if not arrived.wait(2):
                raise RuntimeError(f"{reader.source}: read {i} never arrived")
    finally:
        reader.stop()
    return samples


def _serial(iterations: int) -> list[float]:
    master, slave = pty.openpty()
    tty.setraw(slave)

    def send(i: int) -> tuple[Callable[[], None], Callable[[], None]]:
        frame = rdm6300_frame(f"01{i + 1:08X}")
        return (lambda: os.write(master, frame[:-1]), lambda: os.write(master, frame[-1:]))  # type: ignore[return-value]

    try:
        return _measure(SerialReader(os.ttyname(slave), repeat_window=0.0), iterations, send)
    finally:
        os.close(master)
        os.close(slave)


def _wedge(iterations: int) -> list[float]:
    device = _PipeDevice()

    def open_device(path: str) -> DeviceLike:
        return device

    def send(i: int) -> tuple[Callable[[], None], Callable[[], None]]:
        keys = events_for(f"{i + 1:010d}", start=i * 10.0, gap=0.004)
        events = [_Event(EV_KEY, code, value, at) for code, value, at in keys]
        enter = max(j for j, e in enumerate(events) if e.value == 1)
        return (lambda: device.push(events[:enter]), lambda: device.push(events[enter:]))

    reader = EvdevWedgeReader(device=device.path, open_device=open_device)
    return _measure(reader, iterations, send)


def main(argv: list[str]) -> list[Figure]:
    parser = argparse.ArgumentParser(prog="python -m bench reader")
    parser.add_argument("--iterations", type=int, default=1000)
    args = parser.parse_args(argv)
    figures = []
    for name, run in (("serial", _serial), ("wedge", _wedge)):
        samples = run(args.iterations)
        figures += [
            Figure(f"reader.{name}.p50", percentile(samples, 0.5), "ms"),
            Figure(f"reader.{name}.p99", percentile(samples, 0.99), "ms", BUDGET_MS),
        ]
    return figures
