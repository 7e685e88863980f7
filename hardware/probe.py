"""Set up a card reader in a minute: `python -m hardware.probe`.

    python -m hardware.probe list
        input devices that look like keyboards (wedge readers) and serial ports, with the
        setting that selects each;
    python -m hardware.probe watch SPEC [--count N] [--seconds S]
        start that reader and print every card read live: what arrived, the normalised code,
        and the other forms of the same number (so you can match what is printed on a card);
    python -m hardware.probe watch stdin
        for a wedge reader the terminal cannot open yet: tap cards into this window;
    python -m hardware.probe printer SPEC
        ask a receipt printer how it is and print a test page (`list` lists printers too;
        SPEC as in hardware/printers/spec.py, e.g. `tcp:192.168.1.50:9100`);
    python -m hardware.probe fiscal [SPEC]
        identify a fiscal printer (unique number, VAT table, state): SPEC is
        `tcp://192.168.1.60:6666` or `serial:/dev/ttyACM0`; without it, every serial port.

SPEC is the terminal's reader setting, e.g. `evdev:ffff:0035` or
`serial:/dev/ttyUSB0?framer=rdm6300` (see hardware/registry.py).
"""

from __future__ import annotations

import argparse
import queue
import sys
import time
from typing import TextIO

from hardware.evdev_reader import list_keyboard_candidates
from hardware.events import CardRead, ReaderStatus
from hardware.fiscal.probe import check_fiscal
from hardware.printers.probe import check_printer, print_printers
from hardware.registry import build_reader, parse_reader_spec
from hardware.serial_reader import list_serial_candidates
from loyalty.card_codes import enrolment_keys, normalise_code, w26


def forms(code: str) -> str:
    """The same card number as other readers would type it."""
    keys = enrolment_keys(code)
    shown = []
    for value in sorted(keys.key32):
        shown.append(f"decimal {value:010d}, hex {value:08X}, W26 {w26(value)}")
    return "; ".join(shown) if shown else "matched by its exact code only"


def list_readers(out: TextIO) -> int:
    keyboards = list_keyboard_candidates()
    ports = list_serial_candidates()
    print("Keyboard-wedge readers (input devices that type digits and Enter):", file=out)
    for device in keyboards:
        links = ", ".join(device.by_id) or "no /dev/input/by-id link"
        print(f"  {device.path}  {device.name!r}  [{links}]", file=out)
        print(f"      setting: evdev:{device.vid_pid}   or   evdev:{device.path}", file=out)
    if not keyboards:
        print(
            "  none visible. A reader this account may not open is not listed: install"
            " resources/udev/70-pos-card-reader.rules with its VID:PID (see `lsusb`).",
            file=out,
        )
    print("Serial ports:", file=out)
    for port in ports:
        setting = f"serial:{port.vid_pid}" if port.vid_pid else f"serial:{port.device}"
        print(f"  {port.device}  {port.description}", file=out)
        print(f"      setting: {setting}?framer=rdm6300   (or framer=line)", file=out)
    if not ports:
        print("  none found.", file=out)
    print_printers(out)
    return 0


def _print_read(read: CardRead, out: TextIO) -> None:
    print(f"{read.at:%H:%M:%S}  {read.source}  raw {read.raw!r}", file=out)
    print(f"    code {read.code}  ({forms(read.code)})", file=out, flush=True)


def watch_reader(spec_text: str, *, count: int | None, seconds: float | None, out: TextIO) -> int:
    try:
        spec = parse_reader_spec(spec_text)
        reader = build_reader(spec)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    events: queue.Queue[CardRead | ReaderStatus] = queue.Queue()
    reader.start(events.put, events.put)
    print(f"watching {reader.source}; tap a card (Ctrl+C to stop)", file=out, flush=True)
    deadline = None if seconds is None else time.monotonic() + seconds
    reads = 0
    try:
        while count is None or reads < count:
            wait = 0.5 if deadline is None else deadline - time.monotonic()
            if wait <= 0:
                break
            try:
                event = events.get(timeout=min(wait, 0.5))
            except queue.Empty:
                continue
            if isinstance(event, ReaderStatus):
                detail = f": {event.detail}" if event.detail else ""
                print(f"reader {event.state}{detail}", file=out, flush=True)
            else:
                reads += 1
                _print_read(event, out)
    except KeyboardInterrupt:
        pass
    finally:
        reader.stop()
    return 0


def watch_stdin(source: TextIO, out: TextIO) -> int:
    print("tap a card; each line the reader types is shown (Ctrl+D to stop)", file=out, flush=True)
    for line in source:
        try:
            code = normalise_code(line)
        except ValueError as error:
            print(f"    not a card code: {error}", file=out, flush=True)
            continue
        print(f"    code {code}  ({forms(code)})", file=out, flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hardware.probe", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list candidate readers")
    watch = commands.add_parser("watch", help="print card reads live")
    watch.add_argument("spec", help="reader setting, or 'stdin'")
    watch.add_argument("--count", type=int, help="stop after this many reads")
    watch.add_argument("--seconds", type=float, help="stop after this long")
    printer = commands.add_parser("printer", help="a receipt printer's state, a test page")
    printer.add_argument("spec", help="printer setting, e.g. tcp:192.168.1.50:9100")
    fiscal = commands.add_parser("fiscal", help="find and identify a fiscal printer")
    fiscal.add_argument("spec", nargs="?", help="e.g. tcp://192.168.1.60:6666; none: scan")
    args = parser.parse_args(argv)
    if args.command == "fiscal":
        return check_fiscal(args.spec, sys.stdout)
    if args.command == "list":
        return list_readers(sys.stdout)
    if args.command == "printer":
        return check_printer(args.spec, sys.stdout)
    if args.spec == "stdin":
        return watch_stdin(sys.stdin, sys.stdout)
    return watch_reader(args.spec, count=args.count, seconds=args.seconds, out=sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
