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
from dataclasses import dataclass

from bench.report import Figure, percentile
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

    def capabilities(self) -> dict[int, list[int]]:
        return {EV_KEY: []}


def _wait_connected(statuses: queue.Queue[ReaderStatus]) -> None:
    while statuses.get(timeout=10).state is not ReaderState.CONNECTED:
        pass


def _serial(iterations: int) -> list[float]:
    master, slave = pty.openpty()
    tty.setraw(slave)
    reader = SerialReader(os.ttyname(slave), repeat_window=0.0)
    samples: list[float] = []
    arrived = threading.Event()
    started = [0.0]

    def on_read(read: CardRead) -> None:
        samples.append((time.perf_counter() - started[0]) * 1000)
        arrived.set()

    statuses: queue.Queue[ReaderStatus] = queue.Queue()
    reader.start(on_read, statuses.put)
    try:
        _wait_connected(statuses)
        for i in range(iterations):
            frame = rdm6300_frame(f"01{i + 1:08X}")
            arrived.clear()
            os.write(master, frame[:-1])
            time.sleep(0.002)  # the body arrives first, as it does over a real line
            started[0] = time.perf_counter()
            os.write(master, frame[-1:])
            if not arrived.wait(2):
                raise RuntimeError(f"serial read {i} never arrived")
    finally:
        reader.stop()
        os.close(master)
        os.close(slave)
    return samples


def _wedge(iterations: int) -> list[float]:
    device = _PipeDevice()

    def open_device(path: str) -> DeviceLike:
        return device

    reader = EvdevWedgeReader(device=device.path, open_device=open_device)
    samples: list[float] = []
    arrived = threading.Event()
    started = [0.0]

    def on_read(read: CardRead) -> None:
        samples.append((time.perf_counter() - started[0]) * 1000)
        arrived.set()

    statuses: queue.Queue[ReaderStatus] = queue.Queue()
    reader.start(on_read, statuses.put)
    try:
        _wait_connected(statuses)
        clock = 0.0
        for i in range(iterations):
            keys = events_for(f"{i + 1:010d}", start=clock, gap=0.004)
            clock = keys[-1][2] + 1.0
            events = [_Event(EV_KEY, code, value, at) for code, value, at in keys]
            enter_press = max(j for j, e in enumerate(events) if e.value == 1)
            arrived.clear()
            device.push(events[:enter_press])
            time.sleep(0.002)
            started[0] = time.perf_counter()
            device.push(events[enter_press:])
            if not arrived.wait(2):
                raise RuntimeError(f"wedge read {i} never arrived")
    finally:
        reader.stop()
    return samples


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
