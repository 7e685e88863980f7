"""SerialReader against real pseudo-terminals: the master end plays the card reader.

Closing the master end is what a USB unplug looks like to pyserial (hardware-notes §3). A
pty gets a new /dev/pts/N each time, so tests that replug give the reader a symlink they own
and re-point it at the new pty, as udev's /dev/serial/by-id links do for real adapters.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
import serial  # type: ignore[import-untyped]

from hardware.events import CardRead, ReaderState, ReaderStatus
from hardware.framers import rdm6300_frame
from hardware.serial_reader import (
    SerialCandidate,
    SerialReader,
    list_serial_candidates,
    parse_vid_pid,
)
from tests.hardware.fakes import FakeDevice

CARD = rdm6300_frame("100086F444")
CARD_CODE = "0008844356"
OTHER = rdm6300_frame("010063E9AE")
OTHER_CODE = "0006547886"
WAIT = 3.0  # generous upper bound for one event; the normal case takes milliseconds


class Recorder:
    """Callbacks that queue what they get and remember the thread they ran on."""

    def __init__(self) -> None:
        self.reads: queue.Queue[CardRead] = queue.Queue()
        self.statuses: queue.Queue[ReaderStatus] = queue.Queue()
        self.history: list[ReaderStatus] = []
        self.threads: set[threading.Thread] = set()

    def on_read(self, read: CardRead) -> None:
        self.threads.add(threading.current_thread())
        self.reads.put(read)

    def on_status(self, status: ReaderStatus) -> None:
        self.threads.add(threading.current_thread())
        self.history.append(status)
        self.statuses.put(status)

    def wait_for(self, state: ReaderState, timeout: float = WAIT) -> ReaderStatus:
        deadline = time.monotonic() + timeout
        while True:
            status = self.statuses.get(timeout=max(0.0, deadline - time.monotonic()))
            if status.state is state:
                return status

    def next_read(self, timeout: float = WAIT) -> CardRead:
        return self.reads.get(timeout=timeout)

    def no_more_reads(self, within: float = 0.15) -> bool:
        try:
            self.reads.get(timeout=within)
        except queue.Empty:
            return True
        return False

    def states(self) -> list[ReaderState]:
        return [status.state for status in self.history]


@pytest.fixture(autouse=True)
def thread_exceptions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """Every exception that escapes a thread; none may."""
    escaped: list[BaseException] = []

    def hook(args: threading.ExceptHookArgs) -> None:
        escaped.append(args.exc_value or RuntimeError(str(args.exc_type)))

    monkeypatch.setattr(threading, "excepthook", hook)
    yield escaped
    assert escaped == []


@pytest.fixture
def devices() -> Iterator[Callable[[], FakeDevice]]:
    made: list[FakeDevice] = []

    def make() -> FakeDevice:
        made.append(FakeDevice())
        return made[-1]

    yield make
    for device in made:
        device.unplug()


@pytest.fixture
def start_reader() -> Iterator[Callable[..., tuple[SerialReader, Recorder]]]:
    readers: list[SerialReader] = []

    def start(port: str | Path | None = None, **options: object) -> tuple[SerialReader, Recorder]:
        options.setdefault("initial_backoff", 0.02)
        options.setdefault("max_backoff", 0.1)
        reader = SerialReader(None if port is None else str(port), **options)  # type: ignore[arg-type]
        recorder = Recorder()
        reader.start(recorder.on_read, recorder.on_status)
        readers.append(reader)
        return reader, recorder

    yield start
    for reader in readers:
        reader.stop()


def point(link: Path, target: str) -> None:
    """Atomically (re)point a symlink, like udev updating /dev/serial/by-id."""
    temporary = link.with_name(link.name + ".new")
    temporary.symlink_to(target)
    os.replace(temporary, link)


def test_a_card_is_read_on_the_readers_thread(
    devices: Callable[[], FakeDevice], start_reader: Callable[..., tuple[SerialReader, Recorder]]
) -> None:
    device = devices()
    reader, recorder = start_reader(device.path)
    connected = recorder.wait_for(ReaderState.CONNECTED)
    assert connected.source == f"serial:{device.path}"
    assert connected.detail == f"reading {device.path}"
    before = datetime.now()
    device.write(CARD)
    read = recorder.next_read()
    assert read.source == reader.source == f"serial:{device.path}"
    assert (read.code, read.raw) == (CARD_CODE, CARD)
    assert before <= read.at <= datetime.now()
    (thread,) = recorder.threads
    assert thread is not threading.main_thread()
    assert thread.name == f"reader {reader.source}" and thread.daemon


def test_a_card_held_on_the_reader_is_reported_once(
    devices: Callable[[], FakeDevice], start_reader: Callable[..., tuple[SerialReader, Recorder]]
) -> None:
    device = devices()
    _, recorder = start_reader(device.path, repeat_window=0.3)
    recorder.wait_for(ReaderState.CONNECTED)

    def hold(frame: bytes, seconds: float) -> None:
        until = time.monotonic() + seconds
        while time.monotonic() < until:  # an RDM6300 repeats its frame every 50 ms
            device.write(frame)
            time.sleep(0.05)

    hold(CARD, 0.5)
    assert recorder.next_read().code == CARD_CODE
    assert recorder.no_more_reads()
    time.sleep(0.4)  # the card is away for longer than the window
    hold(CARD, 0.15)
    assert recorder.next_read().code == CARD_CODE
    device.write(OTHER)  # a different card counts at once, within the window
    assert recorder.next_read().code == OTHER_CODE
    assert recorder.no_more_reads()


def test_unplug_in_the_middle_of_a_frame_then_replug(
    tmp_path: Path,
    devices: Callable[[], FakeDevice],
    start_reader: Callable[..., tuple[SerialReader, Recorder]],
) -> None:
    first = devices()
    link = tmp_path / "ttyRFID"
    point(link, first.path)
    _, recorder = start_reader(link)
    recorder.wait_for(ReaderState.CONNECTED)

    first.write(CARD[:7])  # half a frame ...
    time.sleep(0.05)  # ... which the reader takes in
    # udev removes the by-id link of an unplugged device. Removing it first also keeps the
    # reader off a /dev/pts/N that the kernel may hand to another test process right away.
    link.unlink()
    first.unplug()
    gone = recorder.wait_for(ReaderState.DISCONNECTED)
    assert "disconnected" in gone.detail
    assert recorder.no_more_reads()
    # While the link is gone the reader keeps retrying without flapping to CONNECTED.
    assert recorder.wait_for(ReaderState.DISCONNECTED).detail == (
        f"{link} not found: is the reader plugged in?"
    )

    second = devices()
    point(link, second.path)
    back = recorder.wait_for(ReaderState.CONNECTED)
    assert str(link) in back.detail
    # The rest of the old frame must not complete the half kept from before the unplug.
    second.write(CARD[7:] + OTHER)
    assert recorder.next_read().code == OTHER_CODE
    assert recorder.no_more_reads()
    assert recorder.states()[:2] == [ReaderState.CONNECTED, ReaderState.DISCONNECTED]
    assert recorder.states().count(ReaderState.CONNECTED) == 2


def test_a_missing_port_is_reported_and_retried_until_it_appears(
    tmp_path: Path,
    devices: Callable[[], FakeDevice],
    start_reader: Callable[..., tuple[SerialReader, Recorder]],
) -> None:
    link = tmp_path / "ttyMissing"
    _, recorder = start_reader(link)
    status = recorder.wait_for(ReaderState.DISCONNECTED)
    assert status.detail == f"{link} not found: is the reader plugged in?"
    time.sleep(0.1)  # several retries fail the same way ...
    assert recorder.history == [status]  # ... and are not reported again
    device = devices()
    point(link, device.path)
    recorder.wait_for(ReaderState.CONNECTED)
    device.write(CARD)
    assert recorder.next_read().code == CARD_CODE


def test_an_absent_usb_id_is_reported(
    start_reader: Callable[..., tuple[SerialReader, Recorder]],
) -> None:
    if any(c.vid_pid == "fffe:0001" for c in list_serial_candidates()):
        pytest.skip("a device with the test's USB ID is plugged in")
    reader, recorder = start_reader(vid_pid="FFFE:0001")
    assert reader.source == "serial:usb:fffe:0001"
    status = recorder.wait_for(ReaderState.DISCONNECTED)
    assert status.detail == "no serial device with USB ID fffe:0001 is plugged in"


def test_a_port_held_by_another_program_is_retried(
    devices: Callable[[], FakeDevice], start_reader: Callable[..., tuple[SerialReader, Recorder]]
) -> None:
    device = devices()
    other_program = serial.Serial(device.path, 9600, timeout=0.1, exclusive=True)
    try:
        _, recorder = start_reader(device.path)
        status = recorder.wait_for(ReaderState.DISCONNECTED)
        assert status.detail == f"{device.path} is in use by another program"
    finally:
        other_program.close()
    recorder.wait_for(ReaderState.CONNECTED)


def _unopenable_path(tmp_path: Path) -> str:
    """A path whose open(O_RDWR) fails with EACCES, for root as well as for other users."""
    locked = tmp_path / "ttyLocked"
    locked.touch(mode=0o000)
    for path in (str(locked), "/sys/devices/system/cpu/possible", "/sys/kernel/profiling"):
        try:
            os.close(os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK))
        except PermissionError:
            return path
        except OSError:
            continue
    pytest.skip("no path here refuses to open with EACCES")


def test_permission_denied_tells_the_user_what_to_do(
    tmp_path: Path, start_reader: Callable[..., tuple[SerialReader, Recorder]]
) -> None:
    path = _unopenable_path(tmp_path)
    _, recorder = start_reader(path)
    status = recorder.wait_for(ReaderState.PERMISSION_DENIED)
    assert status.detail.startswith(f"no permission to open {path}: ")
    assert "dialout" in status.detail and "udev rule" in status.detail


def test_a_missing_pyserial_is_reported(
    monkeypatch: pytest.MonkeyPatch, start_reader: Callable[..., tuple[SerialReader, Recorder]]
) -> None:
    monkeypatch.setitem(sys.modules, "serial", None)  # `import serial` now raises ImportError
    _, recorder = start_reader("/dev/ttyUSB0")
    status = recorder.wait_for(ReaderState.LIBRARY_MISSING)
    assert "pyserial is not installed" in status.detail
    (thread,) = recorder.threads
    thread.join(timeout=WAIT)
    assert not thread.is_alive()  # nothing to retry: the thread ends


def test_stop_is_quick_ends_the_thread_and_frees_the_port(
    devices: Callable[[], FakeDevice], start_reader: Callable[..., tuple[SerialReader, Recorder]]
) -> None:
    device = devices()
    reader, recorder = start_reader(device.path, read_timeout=0.2)
    recorder.wait_for(ReaderState.CONNECTED)
    (thread,) = recorder.threads
    started = time.monotonic()
    reader.stop()
    assert time.monotonic() - started < 0.5
    assert not thread.is_alive()
    assert recorder.history[-1] == ReaderStatus(
        reader.source, ReaderState.DISCONNECTED, "reader stopped"
    )
    serial.Serial(device.path, 9600, exclusive=True).close()  # the lock was released
    reader.stop()  # stopping twice is harmless


def test_stop_during_the_back_off_is_quick(
    tmp_path: Path, start_reader: Callable[..., tuple[SerialReader, Recorder]]
) -> None:
    reader, recorder = start_reader(tmp_path / "absent", initial_backoff=5.0, max_backoff=5.0)
    recorder.wait_for(ReaderState.DISCONNECTED)
    (thread,) = recorder.threads
    started = time.monotonic()
    reader.stop()
    assert time.monotonic() - started < 0.5
    assert not thread.is_alive()


def test_a_failing_callback_does_not_stop_the_reader(
    devices: Callable[[], FakeDevice],
) -> None:
    device = devices()
    recorder = Recorder()
    calls: list[str] = []

    def on_read(read: CardRead) -> None:
        calls.append(read.code)
        if len(calls) == 1:
            raise RuntimeError("the UI blew up")
        recorder.on_read(read)

    reader = SerialReader(device.path, initial_backoff=0.02)
    reader.start(on_read, recorder.on_status)
    try:
        recorder.wait_for(ReaderState.CONNECTED)
        device.write(CARD)
        device.write(OTHER)
        assert recorder.next_read().code == OTHER_CODE
        assert calls == [CARD_CODE, OTHER_CODE]
    finally:
        reader.stop()


def test_line_framed_readers(
    devices: Callable[[], FakeDevice], start_reader: Callable[..., tuple[SerialReader, Recorder]]
) -> None:
    device = devices()
    _, recorder = start_reader(device.path, framer="line", baudrate=115200)
    recorder.wait_for(ReaderState.CONNECTED)
    device.write(b"noise!\r\n0006547886\r\n")
    read = recorder.next_read()
    assert (read.code, read.raw) == ("0006547886", b"0006547886")


def test_bad_configuration_is_refused_in_the_constructor() -> None:
    with pytest.raises(ValueError, match="unknown serial frame format 'em4100'"):
        SerialReader("/dev/ttyUSB0", framer="em4100")
    with pytest.raises(ValueError, match="either a port or a vid_pid"):
        SerialReader("/dev/ttyUSB0", vid_pid="ffff:0035")
    with pytest.raises(ValueError, match="either a port or a vid_pid"):
        SerialReader()
    with pytest.raises(ValueError, match="must look like 'ffff:0035'"):
        SerialReader(vid_pid="ffff0035")
    with pytest.raises(ValueError, match="baud rate"):
        SerialReader("/dev/ttyUSB0", baudrate=0)
    with pytest.raises(ValueError, match="back-off"):
        SerialReader("/dev/ttyUSB0", initial_backoff=2, max_backoff=1)


def test_a_reader_cannot_be_started_twice(
    tmp_path: Path, start_reader: Callable[..., tuple[SerialReader, Recorder]]
) -> None:
    reader, recorder = start_reader(tmp_path / "absent")
    with pytest.raises(RuntimeError, match="already started"):
        reader.start(recorder.on_read, recorder.on_status)


def test_usb_ids_and_candidates() -> None:
    assert parse_vid_pid("ffff:0035") == (0xFFFF, 0x0035)
    assert parse_vid_pid(" 1A86:7523 ") == (0x1A86, 0x7523)
    assert parse_vid_pid("0xffff:0x35") == (0xFFFF, 0x0035)
    for bad in ("ffff", "ffff:00350", "gggg:0035", "ffff:0035:1"):
        with pytest.raises(ValueError, match="must look like"):
            parse_vid_pid(bad)
    candidates = list_serial_candidates()  # ptys are never listed; real ports may be
    assert all(isinstance(c, SerialCandidate) and c.device for c in candidates)
    assert candidates == sorted(candidates, key=lambda c: c.device)
