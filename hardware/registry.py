"""Readers from a one-line setting, so a terminal's config (or the probe) names its reader.

    evdev:/dev/input/by-id/usb-Sycreader_RFID-event-kbd   keyboard-wedge, by device path
    evdev:ffff:0035                                       keyboard-wedge, by USB VID:PID
    serial:/dev/ttyUSB0?framer=rdm6300&baud=9600          serial, by port (options optional)
    serial:1a86:7523?framer=line&repeat=2                 serial, by USB VID:PID
    fake                                                  no device (demo mode)

evdev and pyserial are imported only inside a reader's thread, so a missing library becomes
the reader's "library missing" status, never an import error at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl

# The reader modules import evdev and pyserial lazily, inside the reader's thread.
from hardware.base import Reader
from hardware.evdev_reader import EvdevWedgeReader
from hardware.fake import FakeReader
from hardware.serial_reader import SerialReader
from hardware.wedge import WedgeConfig

_VID_PID = re.compile(r"[0-9a-fA-F]{4}:[0-9a-fA-F]{4}")
_OPTIONS = {
    "evdev": {"max_gap", "min_length"},
    "serial": {"framer", "baud", "repeat"},
    "fake": set(),
}


@dataclass(frozen=True, slots=True)
class ReaderSpec:
    kind: str  # "evdev" | "serial" | "fake"
    target: str = ""  # a device path, a VID:PID, or a name for fake readers
    options: dict[str, str] = field(default_factory=dict)

    @property
    def by_vid_pid(self) -> bool:
        return _VID_PID.fullmatch(self.target) is not None


def parse_reader_spec(text: str) -> ReaderSpec:
    """A `ReaderSpec` from its one-line form; ValueError says what is wrong."""
    kind, _, rest = text.strip().partition(":")
    if kind not in _OPTIONS:
        raise ValueError(f"reader {text!r}: the kind must be one of {', '.join(sorted(_OPTIONS))}")
    target, _, query = rest.partition("?")
    options = dict(parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query)))
    unknown = set(options) - _OPTIONS[kind]
    if unknown:
        raise ValueError(f"reader {text!r}: unknown option(s) {', '.join(sorted(unknown))}")
    if kind != "fake" and not target:
        raise ValueError(f"reader {text!r}: give a device path or a USB VID:PID after '{kind}:'")
    if kind != "fake" and not (target.startswith("/") or _VID_PID.fullmatch(target)):
        raise ValueError(
            f"reader {text!r}: {target!r} is neither a path nor a VID:PID like ffff:0035"
        )
    return ReaderSpec(kind, target or ("demo" if kind == "fake" else ""), options)


def build_reader(spec: ReaderSpec) -> Reader:
    """The reader a spec names; its device is opened only when the reader starts."""
    if spec.kind == "fake":
        return FakeReader(spec.target)
    if spec.kind == "evdev":
        wedge = WedgeConfig()
        if "max_gap" in spec.options:
            wedge = replace(wedge, max_gap=float(spec.options["max_gap"]))
        if "min_length" in spec.options:
            wedge = replace(wedge, min_length=int(spec.options["min_length"]))
        if spec.by_vid_pid:
            return EvdevWedgeReader(vid_pid=spec.target, wedge=wedge)
        return EvdevWedgeReader(device=spec.target, wedge=wedge)
    baudrate = int(spec.options.get("baud", 9600))
    framer = spec.options.get("framer", "rdm6300")
    repeat = float(spec.options.get("repeat", 1.0))
    if spec.by_vid_pid:
        return SerialReader(
            vid_pid=spec.target, baudrate=baudrate, framer=framer, repeat_window=repeat
        )
    return SerialReader(spec.target, baudrate=baudrate, framer=framer, repeat_window=repeat)
