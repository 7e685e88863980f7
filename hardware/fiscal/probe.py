"""Find and identify a fiscal printer: `python -m hardware.probe fiscal [SPEC]`.

With a setting (`tcp://192.168.1.60:6666`, `serial:/dev/ttyACM0`) it asks that device who
it is and prints its unique number, fiscal mode, rate table and state. Without one it
asks every serial port this computer lists (USB-CDC printers appear as /dev/ttyACM*), with
a short timeout, and reports the ones that answer as a Posnet. A LAN printer cannot be
found this way: its address is on its configuration printout.
"""

from __future__ import annotations

from typing import TextIO

from hardware.fiscal.errors import FiscalError
from hardware.fiscal.port import DeviceInfo
from hardware.fiscal.posnet import PosnetDevice
from hardware.fiscal.transport import open_transport, parse_spec
from hardware.serial_reader import list_serial_candidates

LETTERS = "ABCDEFG"
SCAN_TIMEOUT = 0.5  # a port that is not a Posnet stays silent; do not wait long on each


def describe(info: DeviceInfo) -> list[str]:
    rates = ", ".join(
        f"{LETTERS[slot]} {percent}%"
        for percent, slot in sorted(info.vat_table.items(), key=lambda item: item[1])
    )
    exempt = f", {LETTERS[info.exempt_slot]} zw" if info.exempt_slot is not None else ""
    return [
        f"  {info.model} {info.firmware}, unique no. {info.unique_no}",
        f"  fiscal mode: {'yes' if info.fiscal else 'NO (training device)'}",
        f"  VAT rates: {rates}{exempt}",
    ]


def identify(spec: str, *, timeout: float = 3.0) -> tuple[DeviceInfo, str]:
    device = PosnetDevice(open_transport(spec), timeout=timeout)
    try:
        return device.identify(), device.status().value
    finally:
        device.close()


def check_fiscal(spec: str | None, out: TextIO, *, timeout: float = 3.0) -> int:
    if spec is not None:
        try:
            parse_spec(spec)
            info, state = identify(spec, timeout=timeout)
        except ValueError as error:
            print(f"error: {error}", file=out)
            return 2
        except FiscalError as error:
            print(f"{spec}: {error.message()}", file=out)
            return 1
        print(f"{spec}: state {state}", file=out)
        print("\n".join(describe(info)), file=out)
        return 0
    found = 0
    print("Fiscal printers on serial ports:", file=out)
    for port in list_serial_candidates():
        setting = f"serial:{port.device}"
        try:
            info, state = identify(setting, timeout=SCAN_TIMEOUT)
        except FiscalError:
            continue
        found += 1
        print(f"{setting}  (state {state})", file=out)
        print("\n".join(describe(info)), file=out)
    if not found:
        print(
            "  none answered. For a LAN printer: python -m hardware.probe fiscal tcp://ADDRESS:6666",
            file=out,
        )
    return 0 if found else 1
