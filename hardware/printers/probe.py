"""Receipt printers this computer can see, for `python -m hardware.probe list` and the
Printer page: USB printers through the kernel's usblp driver (`/dev/usb/lp*`, named from
sysfs), and the serial ports (a serial printer looks like any other port). A network
printer cannot be seen from here — nothing scans the shop's network: its setting is
written by hand, `tcp:ADDRESS:9100` (the address is on the printer's self-test slip).

    python -m hardware.probe printer SPEC      ask a printer how it is, print a test page
"""

from __future__ import annotations

import queue
import sys
from pathlib import Path
from typing import TextIO

from hardware.printers.status import PrinterCandidate
from hardware.serial_reader import list_serial_candidates

DEV = Path("/dev/usb")
SYS_USBMISC = Path("/sys/class/usbmisc")


def _usb_name(device: str, sysfs: Path) -> str:
    """ "EPSON TM-T20III" from the USB device's manufacturer and product strings."""
    usb = sysfs / device / "device" / ".."
    parts = []
    for field in ("manufacturer", "product"):
        try:
            parts.append((usb / field).read_text(encoding="utf-8", errors="replace").strip())
        except OSError:
            continue
    return " ".join(part for part in parts if part) or "USB printer"


def list_printers(dev: Path = DEV, sysfs: Path = SYS_USBMISC) -> list[PrinterCandidate]:
    found = [
        PrinterCandidate(f"usb:{path}", f"{_usb_name(path.name, sysfs)} ({path.name})")
        for path in sorted(dev.glob("lp*"))
    ]
    for port in list_serial_candidates():
        found.append(PrinterCandidate(f"serial:{port.device}", f"{port.description} (serial)"))
    return found


def print_printers(out: TextIO) -> None:
    print("Receipt printers:", file=out)
    for candidate in list_printers():
        print(f"  {candidate.name}", file=out)
        print(f"      setting: {candidate.setting}", file=out)
    print(
        "  a network printer: tcp:ADDRESS:9100 (its address is on its self-test slip:"
        " hold the feed button while switching it on)",
        file=out,
    )


def test_page() -> bytes:
    """Polish letters in CP852 and a cut, by python-escpos (its Dummy printer keeps the bytes)."""
    from escpos.printer import Dummy  # noqa: PLC0415 - a fifth of a second

    page = Dummy()
    page.charcode("CP852")
    page.textln("Test drukarki: Zażółć gęślą jaźń")
    page.textln("ZAŻÓŁĆ GĘŚLĄ JAŹŃ")
    page.cut(mode="PART")
    return bytes(page.output)


def check_printer(setting: str, out: TextIO, *, seconds: float = 10.0) -> int:
    """Ask the printer how it is and print a short test page (Polish letters, a cut)."""
    from hardware.printers.queue import PrintQueue  # noqa: PLC0415
    from hardware.printers.status import JobKind, JobOutcome, JobPhase  # noqa: PLC0415

    outcomes: queue.Queue[JobOutcome] = queue.Queue()
    printer = PrintQueue(
        lambda status: print(f"printer {status.state}: {status.detail}", file=out, flush=True),
        outcomes.put,
        patience={JobKind.TEST: seconds},
    )
    try:
        printer.configure(setting)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    printer.start()
    try:
        job = printer.submit(JobKind.TEST, "probe", test_page())
        while (outcome := outcomes.get()).phase is JobPhase.WAITING:
            print(f"waiting: {outcome.detail}", file=out, flush=True)
        print(f"test page {outcome.phase} (job {job})", file=out)
        return 0 if outcome.phase is JobPhase.PRINTED else 1
    finally:
        printer.stop()
