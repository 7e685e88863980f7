"""EvdevWedgeReader driven through fake devices: no /dev/input and no uinput needed.

The fake devices (tests/hardware_wedge/fakes.py) are backed by an os.pipe() so that the
reader's real `select` works on them, and hand out real `evdev.InputEvent` objects.
"""

from __future__ import annotations

import errno
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypedDict

import pytest

from hardware import keymaps as k
from hardware.evdev_reader import (
    UDEV_RULE,
    EvdevWedgeReader,
    WedgeCandidate,
    list_keyboard_candidates,
    parse_vid_pid,
    sysfs_vid_pid,
)
from hardware.events import CardRead, ReaderState, ReaderStatus
from hardware.wedge import WedgeConfig
from tests.hardware_wedge.fakes import T0, FakeInput, Spec, evdev, input_events

CARD = "0006547886"
CARD2 = "0008844356"


class Timings(TypedDict):
    poll_interval: float
    select_timeout: float


FAST = Timings(poll_interval=0.05, select_timeout=0.05)


class Recorder:
    """The reader's callbacks, with the thread each one ran on."""

    def __init__(self) -> None:
        self.reads: list[tuple[CardRead, str]] = []
        self.statuses: list[ReaderStatus] = []

    def on_read(self, read: CardRead) -> None:
        self.reads.append((read, threading.current_thread().name))

    def on_status(self, status: ReaderStatus) -> None:
        self.statuses.append(status)

    @property
    def states(self) -> list[ReaderState]:
        return [status.state for status in self.statuses]

    def codes(self) -> list[str]:
        return [read.code for read, _ in self.reads]


def wait_until(condition: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the reader")
        time.sleep(0.005)


@pytest.fixture
def world() -> Iterator[FakeInput]:
    fake = FakeInput()
    yield fake
    fake.close_all()


@pytest.fixture
def started() -> Iterator[Callable[[EvdevWedgeReader], Recorder]]:
    """Start readers; stop them at the end of the test whatever happened."""
    readers: list[EvdevWedgeReader] = []

    def start(reader: EvdevWedgeReader) -> Recorder:
        recorder = Recorder()
        reader.start(recorder.on_read, recorder.on_status)
        readers.append(reader)
        return recorder

    yield start
    for reader in readers:
        reader.stop()


def reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("reader evdev:")]


PATH = "/fake/input/event5"


def test_grabs_then_reads_a_burst_on_its_own_thread_and_stop_releases(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs[PATH] = Spec()
    reader = EvdevWedgeReader(device=PATH, open_device=world.open, **FAST)
    rec = started(reader)
    wait_until(lambda: rec.states == [ReaderState.CONNECTED])
    device = world.latest(PATH)
    assert device.grabbed and device.grab_calls == 1
    assert PATH in rec.statuses[0].detail and "Sycreader" in rec.statuses[0].detail

    burst = input_events(CARD)
    device.push(burst[:13])  # the kernel hands a burst over in several reads
    device.push(burst[13:])
    wait_until(lambda: len(rec.reads) == 1)
    read, thread_name = rec.reads[0]
    assert (read.source, read.code, read.raw) == (f"evdev:{PATH}", CARD, CARD.encode())
    assert thread_name == f"reader evdev:{PATH}" != threading.main_thread().name

    began = time.monotonic()
    reader.stop()
    assert time.monotonic() - began < 1.0
    assert device.ungrab_calls == 1 and not device.grabbed and device.closed
    assert reader_threads() == []
    assert rec.states == [ReaderState.CONNECTED, ReaderState.DISCONNECTED]
    assert rec.statuses[-1].detail == "reader stopped"


def test_a_shift_release_lost_to_syn_dropped_does_not_swallow_later_reads(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    """The kernel's event buffer overflowed while Shift was down (SYN_DROPPED): its release
    is among the lost events. The reader drops what follows up to the next SYN_REPORT,
    asks the device which keys are down now, and reads the next card as typed; taking
    Shift for still held would type every digit shifted ("!)))^...") and refuse them all."""
    world.specs[PATH] = Spec()
    reader = EvdevWedgeReader(device=PATH, open_device=world.open, **FAST)
    rec = started(reader)
    wait_until(lambda: rec.states == [ReaderState.CONNECTED])
    device = world.latest(PATH)
    sec = int(T0)
    device.push(
        [
            evdev.InputEvent(sec, 0, k.EV_KEY, k.KEY_LEFTSHIFT, k.KEY_PRESS),
            evdev.InputEvent(sec, 0, k.EV_SYN, k.SYN_REPORT, 0),
            evdev.InputEvent(sec, 5000, k.EV_SYN, k.SYN_DROPPED, 0),
            evdev.InputEvent(sec, 6000, k.EV_KEY, k.KEY_1, k.KEY_RELEASE),  # half a report
            evdev.InputEvent(sec, 6000, k.EV_SYN, k.SYN_REPORT, 0),
        ]
    )
    device.push(input_events(CARD, start=T0 + 1))  # Shift went up among the lost events
    wait_until(lambda: len(rec.reads) == 1)
    assert rec.reads[0][0].code == CARD
    device.held = {k.KEY_LEFTSHIFT}  # now it is held while events are lost: still shifted
    device.push([evdev.InputEvent(sec + 2, 0, k.EV_SYN, k.SYN_DROPPED, 0)])
    device.push(input_events(CARD2, start=T0 + 3))
    time.sleep(0.3)
    assert len(rec.reads) == 1  # typed with Shift held, CARD2 is no card


def test_unplug_mid_frame_then_replug_without_restarting(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs[PATH] = Spec()
    rec = started(EvdevWedgeReader(device=PATH, open_device=world.open, **FAST))
    wait_until(lambda: rec.states == [ReaderState.CONNECTED])
    first = world.latest(PATH)
    partial = input_events(CARD, terminator=None)[: 3 * 5 * 2]  # "00065", pressed and released
    first.push(partial)
    wait_until(lambda: first.read_calls >= 1)
    world.unplug(PATH)
    wait_until(lambda: rec.states == [ReaderState.CONNECTED, ReaderState.DISCONNECTED])
    assert rec.statuses[-1].detail == f"{PATH} was removed"

    # No spin: the dead fd is read once and closed; the node is retried once per poll.
    window_start = time.monotonic()
    time.sleep(0.5)
    opens = world.opens_of(PATH, window_start)
    assert 3 <= opens <= 0.5 / 0.05 + 3, opens
    assert first.closed and first.read_calls == 2
    assert rec.reads == []

    world.specs[PATH].present = True
    wait_until(lambda: rec.states[-1] is ReaderState.CONNECTED)
    second = world.latest(PATH)
    assert second is not first and second.grabbed
    # Typed straight after the partial frame: only a decoder reset keeps "00065" out of it.
    second.push(input_events(CARD2, start=partial[-1].timestamp() + 0.004))
    wait_until(lambda: len(rec.reads) == 1)
    assert rec.codes() == [CARD2]
    assert rec.states == [ReaderState.CONNECTED, ReaderState.DISCONNECTED, ReaderState.CONNECTED]


def test_a_node_that_opens_but_cannot_be_read_is_retried_once_per_poll(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    # Between the kernel removing a device and udev deleting its node, opening may succeed
    # and every read fail at once: the reader must still wait a poll between attempts.
    world.specs[PATH] = Spec(dead=True)
    rec = started(EvdevWedgeReader(device=PATH, open_device=world.open, **FAST))
    wait_until(lambda: ReaderState.DISCONNECTED in rec.states)
    window_start = time.monotonic()
    time.sleep(0.5)
    opens = world.opens_of(PATH, window_start)
    assert 3 <= opens <= 0.5 / 0.05 + 3, opens
    assert all(device.read_calls == 1 for device in world.opened if device.closed)


def test_an_absent_device_is_polled_about_once_a_second_and_stop_is_prompt(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    reader = EvdevWedgeReader(device=PATH, open_device=world.open)  # default timings
    rec = started(reader)
    wait_until(lambda: rec.states == [ReaderState.DISCONNECTED])
    assert rec.statuses[0].detail == f"{PATH} is not present (is the reader plugged in?)"
    time.sleep(1.5)
    assert 1 <= len(world.attempts) <= 3
    began = time.monotonic()
    reader.stop()
    assert time.monotonic() - began < 1.0
    assert reader_threads() == []
    assert rec.states == [ReaderState.DISCONNECTED]


def test_permission_denied_names_the_udev_rule_then_recovers(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs[PATH] = Spec(denied=True)
    rec = started(EvdevWedgeReader(device=PATH, open_device=world.open, **FAST))
    wait_until(lambda: rec.states == [ReaderState.PERMISSION_DENIED])
    detail = rec.statuses[0].detail
    assert UDEV_RULE == "resources/udev/70-pos-card-reader.rules"
    assert UDEV_RULE in detail and "do not add" in detail and "'input' group" in detail
    world.specs[PATH].denied = False  # the rule was installed and the reader replugged
    wait_until(lambda: rec.states == [ReaderState.PERMISSION_DENIED, ReaderState.CONNECTED])
    world.latest(PATH).push(input_events(CARD))
    wait_until(lambda: rec.codes() == [CARD])


def test_a_device_grabbed_by_another_program_is_not_read(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs[PATH] = Spec(grab_error=OSError(errno.EBUSY, "Device or resource busy"))
    rec = started(EvdevWedgeReader(device=PATH, open_device=world.open, **FAST))
    wait_until(lambda: rec.states == [ReaderState.DISCONNECTED])
    assert "grabbed by another program" in rec.statuses[0].detail
    wait_until(lambda: len(world.opened) >= 2)
    assert all(d.closed for d in world.opened[:-1])


def test_a_by_id_link_is_resolved_again_on_each_attempt(
    tmp_path: Path, world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    (tmp_path / "by-id").mkdir()
    link = (
        tmp_path / "by-id" / "usb-Sycreader_RFID_Technology_Co.__Ltd_SYC_ID_IC_USB_Reader-event-kbd"
    )
    event7, event9 = str(tmp_path / "event7"), str(tmp_path / "event9")
    link.symlink_to(event7)
    world.specs[event7] = Spec()
    rec = started(EvdevWedgeReader(device=str(link), open_device=world.open, **FAST))
    wait_until(lambda: rec.states == [ReaderState.CONNECTED])
    assert world.attempts[0][1] == event7
    world.unplug(event7)
    link.unlink()
    link.symlink_to(event9)  # replugged: udev points the link at a new node
    world.specs[event9] = Spec()
    wait_until(lambda: rec.states[-1] is ReaderState.CONNECTED and len(rec.states) == 3)
    world.latest(event9).push(input_events(CARD))
    wait_until(lambda: rec.codes() == [CARD])


def several_devices() -> dict[str, Spec]:
    return {
        "/fake/input/event0": Spec(name="AT Translated Set 2 keyboard", vendor=1, product=1),
        "/fake/input/event3": Spec(name="Sycreader Consumer Control", keys=[115, 114, 113]),
        "/fake/input/event4": Spec(name="Sycreader Mouse", keys=[]),
        "/fake/input/event5": Spec(name="Sycreader Keyboard"),
        "/fake/input/event6": Spec(name="Logitech USB Receiver", vendor=0x046D, product=0xC52B),
    }


def test_vid_pid_picks_the_keyboard_interface_of_that_device(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs.update(several_devices())
    reader = EvdevWedgeReader(
        vid_pid="FFFF:0035", open_device=world.open, list_devices=world.list, **FAST
    )
    assert reader.source == "evdev:ffff:0035"
    rec = started(reader)
    wait_until(lambda: rec.states == [ReaderState.CONNECTED])
    assert rec.statuses[0].detail == "Sycreader Keyboard at /fake/input/event5"
    chosen = world.latest("/fake/input/event5")
    assert chosen.grabbed
    others = [d for d in world.opened if d is not chosen]
    assert others and all(d.closed and d.grab_calls == 0 for d in others)
    chosen.push(input_events(CARD))
    wait_until(lambda: rec.codes() == [CARD])


def test_vid_pid_falls_back_to_any_key_device_and_skips_known_foreign_ones(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    specs = several_devices()
    del specs["/fake/input/event5"]
    world.specs.update(specs)
    ids = {path: f"{s.vendor:04x}:{s.product:04x}" for path, s in specs.items()}
    reader = EvdevWedgeReader(
        vid_pid="ffff:0035",
        open_device=world.open,
        list_devices=world.list,
        device_id=ids.get,
        **FAST,
    )
    rec = started(reader)
    wait_until(lambda: rec.states == [ReaderState.CONNECTED])
    assert rec.statuses[0].detail.endswith("/fake/input/event3")  # has EV_KEY; the mouse none
    assert {p for _, p in world.attempts} == {"/fake/input/event3", "/fake/input/event4"}


def test_vid_pid_absent_then_plugged_in(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs["/fake/input/event0"] = Spec(name="AT keyboard", vendor=1, product=1)
    rec = started(
        EvdevWedgeReader(
            vid_pid="ffff:0035", open_device=world.open, list_devices=world.list, **FAST
        )
    )
    wait_until(lambda: rec.states == [ReaderState.DISCONNECTED])
    assert (
        rec.statuses[0].detail
        == "no input device with VID:PID ffff:0035 (is the reader plugged in?)"
    )
    world.specs["/fake/input/event8"] = Spec()
    wait_until(lambda: rec.states == [ReaderState.DISCONNECTED, ReaderState.CONNECTED])


def test_vid_pid_permission_denied_when_the_node_is_known_to_be_ours(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs["/fake/input/event0"] = Spec(name="AT keyboard", vendor=1, product=1, denied=True)
    world.specs["/fake/input/event5"] = Spec(denied=True)
    ids = {"/fake/input/event0": "0001:0001", "/fake/input/event5": "ffff:0035"}
    rec = started(
        EvdevWedgeReader(
            vid_pid="ffff:0035",
            open_device=world.open,
            list_devices=world.list,
            device_id=ids.get,
            **FAST,
        )
    )
    wait_until(lambda: rec.states == [ReaderState.PERMISSION_DENIED])
    assert "/fake/input/event5" in rec.statuses[0].detail and UDEV_RULE in rec.statuses[0].detail
    assert "/fake/input/event0" not in {p for _, p in world.attempts}


def test_non_key_events_noise_and_refused_frames_are_dropped(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs[PATH] = Spec()
    wedge = WedgeConfig(allowed=frozenset("0123456789."))
    rec = started(EvdevWedgeReader(device=PATH, open_device=world.open, wedge=wedge, **FAST))
    wait_until(lambda: rec.states == [ReaderState.CONNECTED])
    device = world.latest(PATH)
    device.push([evdev.InputEvent(int(T0), 0, 2, 0, 5)])  # EV_REL: not a key
    device.push(input_events("12.34"))  # whitelisted here, refused by normalise_code
    device.push(input_events("12", start=T0 + 1))  # too short
    device.push(input_events(CARD, start=T0 + 2))
    wait_until(lambda: len(rec.reads) == 1)
    time.sleep(0.1)
    assert rec.codes() == [CARD]


def test_a_failing_callback_does_not_stop_the_reader(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs[PATH] = Spec()
    reader = EvdevWedgeReader(device=PATH, open_device=world.open, **FAST)
    codes: list[str] = []
    statuses: list[ReaderState] = []

    def on_read(read: CardRead) -> None:
        codes.append(read.code)
        raise RuntimeError("the UI is broken")

    def on_status(status: ReaderStatus) -> None:
        statuses.append(status.state)
        raise RuntimeError("so is the status strip")

    reader.start(on_read, on_status)
    try:
        wait_until(lambda: statuses == [ReaderState.CONNECTED])
        device = world.latest(PATH)
        device.push(input_events(CARD))
        device.push(input_events(CARD2, start=T0 + 1))
        wait_until(lambda: codes == [CARD, CARD2])
    finally:
        reader.stop()
    assert reader_threads() == []


def test_a_broken_device_object_is_dropped_and_retried(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs[PATH] = Spec()
    rec = started(EvdevWedgeReader(device=PATH, open_device=world.open, **FAST))
    wait_until(lambda: rec.states == [ReaderState.CONNECTED])
    first = world.latest(PATH)
    first.push(["not an event"])  # AttributeError inside the reader's loop
    wait_until(lambda: len(rec.states) == 3)
    assert rec.states == [ReaderState.CONNECTED, ReaderState.DISCONNECTED, ReaderState.CONNECTED]
    assert first.closed
    world.latest(PATH).push(input_events(CARD))
    wait_until(lambda: rec.codes() == [CARD])


def test_start_twice_is_an_error_and_a_stopped_reader_can_start_again(
    world: FakeInput, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    world.specs[PATH] = Spec()
    reader = EvdevWedgeReader(device=PATH, open_device=world.open, **FAST)
    rec = started(reader)
    wait_until(lambda: rec.states == [ReaderState.CONNECTED])
    with pytest.raises(RuntimeError, match="already started"):
        reader.start(rec.on_read, rec.on_status)
    reader.stop()
    reader.stop()  # harmless
    again = started(reader)
    wait_until(lambda: again.states == [ReaderState.CONNECTED])
    world.latest(PATH).push(input_events(CARD))
    wait_until(lambda: again.codes() == [CARD])


def test_without_evdev_the_reader_reports_library_missing(
    monkeypatch: pytest.MonkeyPatch, started: Callable[[EvdevWedgeReader], Recorder]
) -> None:
    monkeypatch.setitem(sys.modules, "evdev", None)  # import evdev -> ImportError
    rec = started(EvdevWedgeReader(device="/dev/input/event0"))
    wait_until(lambda: rec.states == [ReaderState.LIBRARY_MISSING])
    assert "pip install evdev" in rec.statuses[0].detail
    assert list_keyboard_candidates() == []


def test_real_evdev_on_a_machine_without_input_devices(
    started: Callable[[EvdevWedgeReader], Recorder],
) -> None:
    by_path = started(EvdevWedgeReader(device="/nonexistent/input/by-id/usb-x-event-kbd", **FAST))
    by_id = started(EvdevWedgeReader(vid_pid="ffff:0035", list_devices=lambda: [], **FAST))
    wait_until(lambda: by_path.states == [ReaderState.DISCONNECTED])
    wait_until(lambda: by_id.states == [ReaderState.DISCONNECTED])
    assert "is not present" in by_path.statuses[0].detail
    assert "no input device with VID:PID ffff:0035" in by_id.statuses[0].detail


def test_list_keyboard_candidates(tmp_path: Path, world: FakeInput) -> None:
    specs = several_devices()
    paths = {name: str(tmp_path / name) for name in ("event0", "event3", "event4", "event5")}
    world.specs.update({paths[Path(p).name]: s for p, s in specs.items() if Path(p).name in paths})
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    (by_id / "usb-Sycreader-event-kbd").symlink_to(paths["event5"])
    (by_id / "usb-Sycreader-if01-event-kbd").symlink_to(paths["event5"])
    (by_id / "usb-Sycreader-event-mouse").symlink_to(paths["event4"])
    found = list_keyboard_candidates(
        open_device=world.open, list_devices=world.list, by_id_dir=str(by_id)
    )
    assert found == [
        WedgeCandidate(
            path=paths["event0"],
            by_id=(),
            name="AT Translated Set 2 keyboard",
            vid_pid="0001:0001",
            phys="usb-0000:00:14.0-2/input0",
        ),
        WedgeCandidate(
            path=paths["event5"],
            by_id=(
                str(by_id / "usb-Sycreader-event-kbd"),
                str(by_id / "usb-Sycreader-if01-event-kbd"),
            ),
            name="Sycreader Keyboard",
            vid_pid="ffff:0035",
            phys="usb-0000:00:14.0-2/input0",
        ),
    ]
    assert all(device.closed for device in world.opened)
    assert list_keyboard_candidates() == []  # the real one: no /dev/input on this machine


def test_configuration_is_checked() -> None:
    assert parse_vid_pid("0xFFFF:0x35") == "ffff:0035"
    with pytest.raises(ValueError, match="VID:PID"):
        parse_vid_pid("ffff-0035")
    with pytest.raises(ValueError, match="either"):
        EvdevWedgeReader()
    with pytest.raises(ValueError, match="either"):
        EvdevWedgeReader(device="/dev/input/event3", vid_pid="ffff:0035")
    with pytest.raises(ValueError, match="empty"):
        EvdevWedgeReader(device=" ")


def test_sysfs_ids_are_read_without_opening_the_node(tmp_path: Path) -> None:
    ids = tmp_path / "event12" / "device" / "id"
    ids.mkdir(parents=True)
    (ids / "vendor").write_text("ffff\n")
    (ids / "product").write_text("0035\n")
    assert sysfs_vid_pid("/dev/input/event12", sys_root=str(tmp_path)) == "ffff:0035"
    assert sysfs_vid_pid("/dev/input/event13", sys_root=str(tmp_path)) is None
    assert sysfs_vid_pid("/dev/input/mouse0", sys_root=str(tmp_path)) is None
