"""The search for a card reader, against a fake /dev/input (pipe-backed devices fed real
`evdev.InputEvent`s: no uinput here) and real pseudo-terminals playing serial readers.

Then `CardReaders`, the terminal's side: the search until a reader is taken, then that
reader alone, grabbing the device the search only watched.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import serial  # type: ignore[import-untyped]

from hardware import keymaps as k
from hardware.base import Reader
from hardware.evdev_reader import UDEV_RULE, EvdevWedgeReader
from hardware.events import CardRead, ReaderFound, ReaderState, ReaderStatus
from hardware.framers import rdm6300_frame
from hardware.registry import parse_reader_spec
from hardware.search import ReaderSearch
from hardware.serial_reader import SerialCandidate
from hardware.wedge import events_for
from pos_terminal.readers import CardReaders, build_from_setting
from tests.hardware.fakes import FakeDevice as PtyDevice
from tests.hardware_wedge.fakes import T0, FakeInput, Spec, evdev, input_events

CARD = "0006547886"
CARD2 = "0008844356"
READER = "/fake/input/event5"
KEYBOARD = "/fake/input/event2"
MOUSE = "/fake/input/event3"
SECOND = "/fake/input/event9"
WAIT = 3.0
FAST = {"rescan": 0.05, "select_timeout": 0.05}


def cashier_keyboard() -> Spec:
    return Spec(name="Logitech USB Keyboard", vendor=0x046D, product=0xC31C)


class Heard:
    """What the search (or the readers) told, queued for the test to wait on."""

    def __init__(self) -> None:
        self.found: queue.Queue[ReaderFound] = queue.Queue()
        self.reads: queue.Queue[CardRead] = queue.Queue()
        self.statuses: list[ReaderStatus] = []
        self.threads: set[str] = set()

    def on_found(self, found: ReaderFound) -> None:
        self.threads.add(threading.current_thread().name)
        self.found.put(found)

    def on_read(self, read: CardRead) -> None:
        self.reads.put(read)

    def on_status(self, status: ReaderStatus) -> None:
        self.statuses.append(status)

    def next_found(self) -> ReaderFound:
        return self.found.get(timeout=WAIT)

    def nothing_found(self, within: float = 0.3) -> bool:
        try:
            found = self.found.get(timeout=within)
        except queue.Empty:
            return True
        raise AssertionError(f"unexpected: {found}")

    def status(self, source: str = "search") -> ReaderStatus | None:
        mine = [status for status in self.statuses if status.source == source]
        return mine[-1] if mine else None


def wait_until(condition: Callable[[], bool], timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.005)


def watching(heard: Heard, keyboards: int, ports: int = 0) -> Callable[[], bool]:
    text = f"watching {keyboards} keyboard-like device(s) and {ports} USB serial port(s)"
    return lambda: (status := heard.status()) is not None and status.detail.startswith(text)


@pytest.fixture
def world() -> Iterator[FakeInput]:
    fake = FakeInput()
    yield fake
    fake.close_all()


@pytest.fixture
def ports() -> Iterator[list[SerialCandidate]]:
    """The USB serial ports the OS lists (pyserial never lists ptys: the test does)."""
    listed: list[SerialCandidate] = []
    yield listed


@pytest.fixture
def ptys() -> Iterator[Callable[[], PtyDevice]]:
    made: list[PtyDevice] = []

    def make() -> PtyDevice:
        made.append(PtyDevice())
        return made[-1]

    yield make
    for device in made:
        device.unplug()


@pytest.fixture
def searching(
    world: FakeInput, ports: list[SerialCandidate], tmp_path: Path
) -> Iterator[Callable[..., tuple[ReaderSearch, Heard]]]:
    started: list[ReaderSearch] = []

    def start(**options: object) -> tuple[ReaderSearch, Heard]:
        search = ReaderSearch(
            open_device=world.open,
            list_devices=world.list,
            list_ports=lambda: list(ports),
            input_by_id=str(tmp_path / "no-input-links"),
            serial_by_id=str(tmp_path / "serial-by-id"),
            **FAST,  # type: ignore[arg-type]
            **options,  # type: ignore[arg-type]
        )
        heard = Heard()
        search.start(heard.on_found, heard.on_status)
        started.append(search)
        return search, heard

    yield start
    for search in started:
        search.stop()


@pytest.fixture(autouse=True)
def thread_exceptions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    escaped: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.exc_value))
    yield escaped
    assert escaped == []


def by_id_link(tmp_path: Path, pty: PtyDevice, name: str) -> str:
    """/dev/serial/by-id/<name> as udev makes it: a link to the port's node."""
    folder = tmp_path / "serial-by-id"
    folder.mkdir(exist_ok=True)
    link = folder / name
    link.symlink_to(pty.path)
    return str(link)


def typed_slowly(text: str, gap: float, start: float) -> list[object]:
    """A person at the keyboard: the same keys, `gap` seconds apart."""
    out: list[object] = []
    for code, value, t in events_for(text, start=start, gap=gap):
        sec, usec = int(t), round((t - int(t)) * 1_000_000)
        out.append(evdev.InputEvent(sec, usec, k.EV_KEY, code, value))
        out.append(evdev.InputEvent(sec, usec, k.EV_SYN, 0, 0))
    return out


def test_a_tap_on_a_keyboard_like_device_is_found_without_grabbing_it(
    world: FakeInput, searching: Callable[..., tuple[ReaderSearch, Heard]]
) -> None:
    world.specs[READER] = Spec()
    search, heard = searching()
    wait_until(watching(heard, 1))
    assert heard.status().state is ReaderState.SEARCHING  # type: ignore[union-attr]
    device = world.latest(READER)
    device.push(input_events(CARD))
    found = heard.next_found()
    assert (found.setting, found.code) == ("evdev:ffff:0035", CARD)
    assert found.name == Spec().name
    assert heard.threads == {"reader search"}
    assert device.grab_calls == 0, "watched, never grabbed: its keys still reach the screen"
    device.push(input_events(CARD2, start=T0 + 5))
    assert heard.next_found().code == CARD2, "every tap is told; the caller asks once"
    search.stop()
    assert device.closed
    assert "reader search" not in {thread.name for thread in threading.enumerate()}


def test_a_person_typing_is_not_card_shaped(
    world: FakeInput, searching: Callable[..., tuple[ReaderSearch, Heard]]
) -> None:
    """Digits and Enter from the cashier's keyboard: 80 ms apart is a quick typist, not a
    reader; too short, or a word, is no card even when typed fast."""
    world.specs[KEYBOARD] = cashier_keyboard()
    _, heard = searching()
    wait_until(watching(heard, 1))
    keyboard = world.latest(KEYBOARD)
    keyboard.push(typed_slowly("0006547886", gap=0.08, start=T0))
    keyboard.push(typed_slowly("12345", gap=0.06, start=T0 + 10))
    keyboard.push(input_events("12", start=T0 + 20))
    keyboard.push(input_events("hello", start=T0 + 30))
    assert heard.nothing_found()
    keyboard.push(input_events(CARD, start=T0 + 40))  # as fast as a reader: taken as one
    assert heard.next_found().setting == "evdev:046d:c31c"


def test_a_second_reader_plugged_in_later_is_found_on_either_kind_of_port(
    world: FakeInput,
    ports: list[SerialCandidate],
    ptys: Callable[[], PtyDevice],
    searching: Callable[..., tuple[ReaderSearch, Heard]],
    tmp_path: Path,
) -> None:
    world.specs[KEYBOARD] = cashier_keyboard()
    world.specs[MOUSE] = Spec(name="USB Mouse", vendor=0x046D, product=0xC077, keys=[0x110])
    _, heard = searching()
    wait_until(watching(heard, 1))
    mouse_opens = world.opens_of(MOUSE, since=0)
    assert mouse_opens == 1, "a device that is no keyboard is opened once, then left alone"

    world.specs[SECOND] = Spec()  # a wedge reader plugged in while the search runs
    wait_until(watching(heard, 2))
    world.latest(SECOND).push(input_events(CARD))
    assert heard.next_found().setting == "evdev:ffff:0035"

    rdm = ptys()
    link = by_id_link(tmp_path, rdm, "usb-1a86_USB_Serial-if00-port0")
    ports.append(SerialCandidate(rdm.path, "1a86:7523", "USB Serial"))
    wait_until(watching(heard, 2, ports=1))
    for _ in range(5):  # a card resting on an RDM6300 is sent every ~50 ms
        rdm.write(rdm6300_frame("100086F444"))
    found = heard.next_found()
    assert (found.setting, found.code) == (f"serial:{link}?framer=rdm6300", CARD2)
    assert found.name == f"USB Serial ({rdm.path})"
    assert heard.nothing_found(0.2), "one tap, one find"
    assert parse_reader_spec(found.setting).options == {"framer": "rdm6300"}

    line = ptys()
    ports.append(SerialCandidate(line.path, "0403:6001", "FT232R USB UART"))
    wait_until(watching(heard, 2, ports=2))
    line.write(b"0006547886\r\n")
    found = heard.next_found()
    assert (found.setting, found.code) == (f"serial:{line.path}?framer=line", CARD)
    assert world.opens_of(MOUSE, since=0) == mouse_opens


def test_an_unplugged_device_is_closed_and_watched_again_when_it_is_back(
    world: FakeInput,
    ports: list[SerialCandidate],
    ptys: Callable[[], PtyDevice],
    searching: Callable[..., tuple[ReaderSearch, Heard]],
) -> None:
    world.specs[READER] = Spec()
    rdm = ptys()
    ports.append(SerialCandidate(rdm.path, "1a86:7523", "USB Serial"))
    _, heard = searching()
    wait_until(watching(heard, 1, ports=1))
    first = world.latest(READER)
    world.unplug(READER)
    rdm.unplug()
    ports.clear()
    wait_until(watching(heard, 0, ports=0))
    assert first.closed
    world.specs[READER].present = True
    wait_until(watching(heard, 1))
    again = world.latest(READER)
    assert again is not first
    again.push(input_events(CARD))
    assert heard.next_found().code == CARD


def test_where_no_input_device_may_be_opened_it_says_how_to_grant_access(
    world: FakeInput, searching: Callable[..., tuple[ReaderSearch, Heard]]
) -> None:
    world.specs[READER] = Spec(denied=True)
    world.specs[KEYBOARD] = Spec(denied=True)
    _, heard = searching()
    wait_until(lambda: heard.status() is not None)
    status = heard.status()
    assert status is not None and status.state is ReaderState.PERMISSION_DENIED
    assert UDEV_RULE in status.detail and READER in status.detail
    world.specs[READER].denied = False  # the udev rule installed, the reader replugged
    wait_until(watching(heard, 1))
    world.latest(READER).push(input_events(CARD))
    assert heard.next_found().code == CARD
    assert "1 input device(s) may not be opened" in heard.status().detail  # type: ignore[union-attr]


def test_ports_left_alone_built_in_ones_and_those_in_use(
    ports: list[SerialCandidate],
    ptys: Callable[[], PtyDevice],
    searching: Callable[..., tuple[ReaderSearch, Heard]],
) -> None:
    """A port the terminal prints on is ignored; a built-in port (no USB ID: a fiscal printer
    on COM1) is never opened; one another program holds is skipped, not fought over."""
    printer, built_in, held, reader = ptys(), ptys(), ptys(), ptys()
    ports.extend(
        [
            SerialCandidate(printer.path, "0416:5011", "Thermal printer"),
            SerialCandidate(built_in.path, None, "ttyS0"),
            SerialCandidate(held.path, "067b:2303", "USB-Serial Controller"),
            SerialCandidate(reader.path, "1a86:7523", "USB Serial"),
        ]
    )
    holder = serial.Serial(held.path, 9600, exclusive=True)
    try:
        _, heard = searching(ignore=lambda: {printer.path})
        wait_until(watching(heard, 0, ports=1))
        for pty in (printer, built_in):  # the search has them not: they open exclusively
            serial.Serial(pty.path, 9600, exclusive=True).close()
        with pytest.raises(serial.SerialException):
            serial.Serial(reader.path, 9600, exclusive=True)
    finally:
        holder.close()


def test_without_evdev_and_pyserial_it_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "evdev", None)  # import evdev -> ImportError
    monkeypatch.setitem(sys.modules, "serial", None)
    search, heard = ReaderSearch(**FAST), Heard()  # type: ignore[arg-type]
    search.start(heard.on_found, heard.on_status)
    wait_until(lambda: heard.status() is not None)
    search.stop()
    status = heard.status()
    assert status is not None and status.state is ReaderState.LIBRARY_MISSING
    assert "evdev" in status.detail and "pyserial" in status.detail


# --- the terminal's side: the search, then the reader taken ------------------------------


def fake_build(world: FakeInput) -> Callable[[str], Reader]:
    """The registry's readers, evdev ones on the fake /dev/input."""

    def build(setting: str) -> Reader:
        spec = parse_reader_spec(setting)
        if spec.kind != "evdev":
            return build_from_setting(setting)
        return EvdevWedgeReader(
            vid_pid=spec.target,
            open_device=world.open,
            list_devices=world.list,
            poll_interval=0.05,
            select_timeout=0.05,
        )

    return build


def test_card_readers_search_until_a_reader_is_taken_then_read_from_it_alone(
    world: FakeInput, tmp_path: Path
) -> None:
    world.specs[KEYBOARD] = cashier_keyboard()
    world.specs[READER] = Spec()
    heard = Heard()
    readers = CardReaders(
        (),
        build=fake_build(world),
        search=lambda: ReaderSearch(
            open_device=world.open,
            list_devices=world.list,
            list_ports=list,
            input_by_id=str(tmp_path),
            **FAST,  # type: ignore[arg-type]
        ),
    )
    readers.start(lambda reader: reader.start(heard.on_read, heard.on_status), heard.on_found,
                  heard.on_status)  # fmt: skip
    try:
        assert readers.searching and readers.setting is None
        wait_until(watching(heard, 2))
        watched = world.latest(READER)
        watched.push(input_events(CARD))
        found = heard.next_found()

        readers.use(found.setting)
        assert not readers.searching and readers.setting == "evdev:ffff:0035"
        assert watched.closed and world.latest(KEYBOARD).closed, "the search let go first"
        wait_until(lambda: heard.status("evdev:ffff:0035") is not None)
        status = heard.status("evdev:ffff:0035")
        assert status is not None and status.state is ReaderState.CONNECTED
        grabbed = world.latest(READER)
        assert grabbed is not watched and grabbed.grabbed, "the reader grabs it from now on"
        assert world.latest(KEYBOARD).grab_calls == 0, "never the cashier's keyboard"
        grabbed.push(input_events(CARD2, start=T0 + 5))
        read = heard.reads.get(timeout=WAIT)
        assert (read.source, read.code) == ("evdev:ffff:0035", CARD2)

        world.specs[SECOND] = Spec(vendor=0x08FF, product=0x0009)  # a second reader, later
        time.sleep(0.2)
        assert world.opens_of(SECOND, since=0) == 0, "with a reader set, nothing else is opened"
        assert heard.found.empty()
    finally:
        readers.stop()
    assert world.latest(READER).closed


def test_a_setting_that_cannot_be_read_is_left_out_and_the_search_runs(tmp_path: Path) -> None:
    heard = Heard()
    readers = CardReaders(
        ("evdev:not-a-device",),
        search=lambda: ReaderSearch(
            list_devices=list,
            list_ports=list,
            open_device=FakeInput().open,
            **FAST,  # type: ignore[arg-type]
        ),
    )
    readers.start(lambda reader: reader.start(heard.on_read, heard.on_status), heard.on_found,
                  heard.on_status)  # fmt: skip
    try:
        assert readers.searching and readers.readers == []
        with pytest.raises(ValueError, match="neither a path nor a VID:PID"):
            readers.use("serial:ttyUSB0")  # refused before the search is stopped
        assert readers.searching
    finally:
        readers.stop()
