"""The print queue against fake printers on 127.0.0.1 and on pseudo-terminals: what reaches
the printer, what the status strip is told, and what becomes of a job when the paper runs
out or the printer vanishes."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardware.printers.queue import PrintQueue
from hardware.printers.spec import PrinterSpec, Transport, parse_printer_spec
from hardware.printers.status import (
    JobKind,
    JobOutcome,
    JobPhase,
    PrinterState,
    PrinterStatus,
)
from tests.hardware.fake_printer import PrinterBrain, PtyPrinter, TcpPrinter

WAIT = 5.0
DRAWER_KICK = b"\x1bp\x00\x32\x32"  # ESC p 0: pin 2, 100 ms on, 100 ms off
RECEIPT = b"\x1b@\x1bt\x12Za\xbe\xa2\x88\x86\n\x1dVB\x00"


class Recorder:
    def __init__(self) -> None:
        self.statuses: queue.Queue[PrinterStatus] = queue.Queue()
        self.jobs: queue.Queue[JobOutcome] = queue.Queue()

    def wait_state(self, state: PrinterState) -> PrinterStatus:
        deadline = time.monotonic() + WAIT
        while True:
            status = self.statuses.get(timeout=max(0.01, deadline - time.monotonic()))
            if status.state is state:
                return status

    def wait_job(self, job: int) -> JobOutcome:
        outcome = self.jobs.get(timeout=WAIT)
        assert outcome.job == job, outcome
        return outcome


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def brain() -> PrinterBrain:
    return PrinterBrain()


def make_queue(recorder: Recorder, **options: object) -> PrintQueue:
    timing: dict[str, object] = {"poll": 0.1, "retry_min": 0.05, "retry_max": 0.2, "timeout": 0.3}
    return PrintQueue(recorder.statuses.put, recorder.jobs.put, **{**timing, **options})  # type: ignore[arg-type]


@pytest.fixture
def tcp(brain: PrinterBrain) -> Iterator[TcpPrinter]:
    printer = TcpPrinter(brain)
    yield printer
    printer.close()


@pytest.fixture
def print_queue(recorder: Recorder) -> Iterator[PrintQueue]:
    started = make_queue(recorder)
    started.start()
    yield started
    started.stop()


def test_the_setting_names_usb_network_or_serial() -> None:
    assert parse_printer_spec("usb:/dev/usb/lp0") == PrinterSpec(Transport.USB, "/dev/usb/lp0")
    assert parse_printer_spec("tcp:192.168.1.50") == PrinterSpec(Transport.TCP, "192.168.1.50")
    assert parse_printer_spec(" tcp:drukarka.local:9101 ").port == 9101
    serial = parse_printer_spec("serial:/dev/ttyUSB0?baud=19200")
    assert (serial.target, serial.baud, serial.setting) == (
        "/dev/ttyUSB0", 19200, "serial:/dev/ttyUSB0?baud=19200",
    )  # fmt: skip
    assert parse_printer_spec("tcp:10.0.0.9").setting == "tcp:10.0.0.9:9100"
    bad_settings = (
        "lp0", "usb:lp0", "tcp:", "tcp:host:99999", "tcp:a b", "serial:/dev/ttyS0?baud=7",
        "serial:/dev/ttyS0?parity=E", "cups:Epson", "usb:/dev/usb/lp0?baud=9600",
    )  # fmt: skip
    for bad in bad_settings:
        with pytest.raises(ValueError):
            parse_printer_spec(bad)


def test_a_job_reaches_a_network_printer_and_the_drawer_is_kicked_first(
    print_queue: PrintQueue, tcp: TcpPrinter, brain: PrinterBrain, recorder: Recorder
) -> None:
    print_queue.configure(tcp.setting)
    assert recorder.wait_state(PrinterState.READY).setting == tcp.setting
    receipt = print_queue.submit(JobKind.RECEIPT, "12", RECEIPT)
    drawer = print_queue.submit(JobKind.DRAWER, "12")
    received = brain.wait_for(RECEIPT)
    assert received == DRAWER_KICK + RECEIPT  # the drawer before the receipt, nothing else
    outcomes = {recorder.jobs.get(timeout=WAIT).job for _ in range(2)}
    assert outcomes == {receipt, drawer}


def test_paper_out_holds_the_job_and_it_prints_once_the_roll_is_changed(
    print_queue: PrintQueue, tcp: TcpPrinter, brain: PrinterBrain, recorder: Recorder
) -> None:
    print_queue.configure(tcp.setting)
    recorder.wait_state(PrinterState.READY)
    brain.paper_out = True
    assert recorder.wait_state(PrinterState.PAPER_OUT).detail  # seen by the idle poll
    job = print_queue.submit(JobKind.RECEIPT, "7", RECEIPT)
    waiting = recorder.wait_job(job)
    assert (waiting.phase, waiting.state, waiting.label) == (
        JobPhase.WAITING, PrinterState.PAPER_OUT, "7",
    )  # fmt: skip
    brain.wait_for_queries(4)  # asked again and again; still nothing sent
    assert brain.received == b""
    brain.paper_out = False
    assert recorder.wait_job(job).phase is JobPhase.PRINTED
    assert brain.wait_for(RECEIPT) == RECEIPT
    assert print_queue.status.state is PrinterState.READY


def test_a_printer_that_vanishes_is_offline_and_the_job_prints_when_it_is_back(
    print_queue: PrintQueue, tcp: TcpPrinter, brain: PrinterBrain, recorder: Recorder
) -> None:
    print_queue.configure(tcp.setting)
    recorder.wait_state(PrinterState.READY)
    tcp.vanish()
    offline = recorder.wait_state(PrinterState.OFFLINE)
    assert offline.setting == tcp.setting and offline.detail
    job = print_queue.submit(JobKind.DUPLICATE, "3", RECEIPT)
    assert recorder.wait_job(job).phase is JobPhase.WAITING
    tcp.come_back()
    assert recorder.wait_job(job).phase is JobPhase.PRINTED
    assert brain.wait_for(RECEIPT) == RECEIPT


def test_a_job_the_printer_never_takes_is_given_up_and_said_so(
    recorder: Recorder, tcp: TcpPrinter, brain: PrinterBrain
) -> None:
    patient = make_queue(recorder, patience={JobKind.RECEIPT: 0.5})
    patient.configure(tcp.setting)
    brain.paper_out = True
    patient.start()
    try:
        job = patient.submit(JobKind.RECEIPT, "9", RECEIPT)
        assert recorder.wait_job(job).phase is JobPhase.WAITING
        failed = recorder.wait_job(job)
        assert (failed.phase, failed.state) == (JobPhase.FAILED, PrinterState.PAPER_OUT)
        brain.paper_out = False
        recorder.wait_state(PrinterState.READY)
        assert brain.received == b""  # a given-up job never prints later by surprise
    finally:
        patient.stop()


def test_a_printer_that_never_answers_the_status_query_still_prints(
    print_queue: PrintQueue, tcp: TcpPrinter, brain: PrinterBrain, recorder: Recorder
) -> None:
    brain.silent = True
    print_queue.configure(tcp.setting)
    ready = recorder.wait_state(PrinterState.READY)
    assert "does not report" in ready.detail
    job = print_queue.submit(JobKind.REPORT, "X", RECEIPT)
    assert recorder.wait_job(job).phase is JobPhase.PRINTED
    assert brain.wait_for(RECEIPT) == RECEIPT


def test_without_a_printer_a_job_fails_at_once(print_queue: PrintQueue, recorder: Recorder) -> None:
    assert not print_queue.configured
    job = print_queue.submit(JobKind.RECEIPT, "1", RECEIPT)
    outcome = recorder.wait_job(job)
    assert (outcome.phase, outcome.state) == (JobPhase.FAILED, PrinterState.NONE)
    with pytest.raises(ValueError):
        print_queue.configure("lpt1")


@pytest.mark.parametrize("transport", ["serial", "usb"])
def test_a_printer_on_a_device_file_prints_reports_paper_out_and_comes_back(
    print_queue: PrintQueue, brain: PrinterBrain, recorder: Recorder, tmp_path: Path,
    transport: str,
) -> None:  # fmt: skip
    printer = PtyPrinter(brain, tmp_path / "printer")
    try:
        setting = f"{transport}:{printer.path}" + ("?baud=19200" if transport == "serial" else "")
        print_queue.configure(setting)
        assert recorder.wait_state(PrinterState.READY).setting == setting
        job = print_queue.submit(JobKind.RECEIPT, "5", RECEIPT)
        assert recorder.wait_job(job).phase is JobPhase.PRINTED
        assert brain.wait_for(RECEIPT) == RECEIPT
        brain.paper_low = True
        recorder.wait_state(PrinterState.PAPER_LOW)
        brain.paper_out = True
        recorder.wait_state(PrinterState.PAPER_OUT)
        brain.paper_out = brain.paper_low = False
        recorder.wait_state(PrinterState.READY)
        printer.vanish()
        recorder.wait_state(PrinterState.OFFLINE)
        drawer = print_queue.submit(JobKind.DRAWER, "manager")
        assert recorder.wait_job(drawer).phase is JobPhase.WAITING
        printer.come_back()
        assert recorder.wait_job(drawer).phase is JobPhase.PRINTED
        assert brain.wait_for(DRAWER_KICK).endswith(DRAWER_KICK)
    finally:
        printer.close()


def _refused_device(tmp_path: Path) -> Path:
    """A file this account may not open for writing. Root may open any mode-0 file (CI runs
    as root), but not a read-only sysfs attribute, which has nothing to write with."""
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    device.chmod(0)
    for candidate in (device, Path("/sys/kernel/notes"), Path("/sys/kernel/uevent_seqnum")):
        try:
            with candidate.open("r+b"):
                pass
        except PermissionError:
            return candidate
        except OSError:
            continue
    pytest.fail("no file here refuses this account, so the refusal cannot be shown")


def test_a_device_this_account_may_not_open_says_so(
    print_queue: PrintQueue, recorder: Recorder, tmp_path: Path
) -> None:
    device = _refused_device(tmp_path)
    print_queue.configure(f"usb:{device}")
    assert "udev" in recorder.wait_state(PrinterState.NO_PERMISSION).detail


def test_a_new_setting_takes_over_and_none_stops_printing(
    print_queue: PrintQueue, tcp: TcpPrinter, recorder: Recorder
) -> None:
    print_queue.configure(tcp.setting)
    recorder.wait_state(PrinterState.READY)
    print_queue.configure(None)
    assert recorder.wait_state(PrinterState.NONE).setting == ""
