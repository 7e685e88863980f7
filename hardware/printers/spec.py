"""The printer setting: where the receipt printer is and how to reach it.

    usb:/dev/usb/lp0                       a USB printer through the kernel's usblp driver
    tcp:192.168.1.50[:9100]                a network printer's raw port (9100 by default)
    serial:/dev/ttyUSB0[?baud=19200]       a serial printer (9600 baud by default)

An empty setting means no printer: the terminal writes PDF receipts instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs

RAW_PORT = 9100
DEFAULT_BAUD = 9600
BAUDS = (2400, 4800, 9600, 19200, 38400, 57600, 115200)
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$")


class Transport(StrEnum):
    USB = "usb"
    TCP = "tcp"
    SERIAL = "serial"


@dataclass(frozen=True, slots=True)
class PrinterSpec:
    transport: Transport
    target: str  # the device's path, or the host
    port: int = RAW_PORT  # tcp only
    baud: int = DEFAULT_BAUD  # serial only

    @property
    def setting(self) -> str:
        if self.transport is Transport.TCP:
            return f"tcp:{self.target}:{self.port}"
        if self.transport is Transport.SERIAL and self.baud != DEFAULT_BAUD:
            return f"serial:{self.target}?baud={self.baud}"
        return f"{self.transport}:{self.target}"


def parse_printer_spec(text: str) -> PrinterSpec:
    """The setting as a spec; ValueError says what is wrong with it."""
    kind, sep, rest = text.strip().partition(":")
    if not sep or not rest:
        raise ValueError(f"{text!r}: write usb:/dev/usb/lp0, tcp:HOST[:PORT] or serial:PORT")
    try:
        transport = Transport(kind.lower())
    except ValueError:
        raise ValueError(f"{text!r}: the printer is reached by usb, tcp or serial") from None
    if transport is Transport.TCP:
        host, _, port_text = rest.partition(":")
        if not _HOST.match(host):
            raise ValueError(f"{text!r}: {host!r} is not a host name or an IPv4 address")
        port = RAW_PORT
        if port_text:
            if not port_text.isdigit() or not 0 < int(port_text) < 65536:
                raise ValueError(f"{text!r}: the port must be a number from 1 to 65535")
            port = int(port_text)
        return PrinterSpec(transport, host, port=port)
    path, _, query = rest.partition("?")
    if not path.startswith("/"):
        raise ValueError(f"{text!r}: give the device's full path, e.g. /dev/usb/lp0")
    if transport is Transport.USB:
        if query:
            raise ValueError(f"{text!r}: a USB printer takes no options")
        return PrinterSpec(transport, path)
    options = parse_qs(query, strict_parsing=False) if query else {}
    unknown = set(options) - {"baud"}
    if unknown:
        raise ValueError(f"{text!r}: unknown option {sorted(unknown)[0]!r} (baud only)")
    baud = DEFAULT_BAUD
    if "baud" in options:
        value = options["baud"][-1]
        if not value.isdigit() or int(value) not in BAUDS:
            raise ValueError(f"{text!r}: baud is one of {', '.join(map(str, BAUDS))}")
        baud = int(value)
    return PrinterSpec(transport, path, baud=baud)
