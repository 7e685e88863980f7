"""Fault injection for the emulated printer, command by command.

    faults.drop_reply("trend")          the close runs, its answer never arrives
    faults.swallow("trline")            the frame is lost on the way in: nothing runs
    faults.corrupt_request("trinit")    the device sees a bad CRC and answers ERR ?5
    faults.corrupt_reply("trpayment")   it runs; the answer arrives with a bad CRC
    faults.refuse("trline", 2106)       the device answers ?2106 without running it
    faults.silent = True                nothing answers at all (cable out, power off)
    faults.on_request = callback        called with each command's name as it arrives

Each rule fires `times` times (default once), in the order added. The model's own refusals
(an inactive rate, a total that differs, a receipt already open, paper out, a missing
daily report) need no rule: set the model up so and it refuses as a device does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from tests.fiscal.emulator import wire
from tests.fiscal.emulator.model import PosnetModel


@dataclass
class _Rule:
    kind: str
    command: str
    times: int
    code: int = 0


class Faults:
    def __init__(self) -> None:
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self.silent = False
        self.on_request: Callable[[str], None] | None = None
        self.seen: list[str] = []  # every command that arrived, in order

    def _add(self, kind: str, command: str, times: int, code: int = 0) -> None:
        with self._lock:
            self._rules.append(_Rule(kind, command, times, code))

    def drop_reply(self, command: str, times: int = 1) -> None:
        self._add("drop_reply", command, times)

    def swallow(self, command: str, times: int = 1) -> None:
        self._add("swallow", command, times)

    def corrupt_request(self, command: str, times: int = 1) -> None:
        self._add("corrupt_request", command, times)

    def corrupt_reply(self, command: str, times: int = 1) -> None:
        self._add("corrupt_reply", command, times)

    def refuse(self, command: str, code: int, times: int = 1) -> None:
        self._add("refuse", command, times, code)

    def _take(self, command: str) -> _Rule | None:
        with self._lock:
            for rule in self._rules:
                if rule.command == command and rule.times > 0:
                    rule.times -= 1
                    return rule
        return None


def _command(frame: bytes) -> tuple[str, str | None]:
    parts = frame[1:].split(b"\t")
    token = next((p[1:].decode() for p in parts[1:] if p.startswith(b"@")), None)
    return parts[0].decode("ascii", "replace"), token


def _flip_crc(frame: bytes) -> bytes:
    at = frame.rindex(b"#") + 1
    digit = b"0" if frame[at : at + 1] != b"0" else b"1"
    return frame[:at] + digit + frame[at + 1 :]


def exchange(model: PosnetModel, faults: Faults, frame: bytes) -> bytes | None:
    """The bytes the device sends back for `frame`, faults applied (None: no answer)."""
    command, token = _command(frame)
    faults.seen.append(command)
    if faults.on_request is not None:
        faults.on_request(command)
    if faults.silent:
        return None
    rule = faults._take(command)
    kind = rule.kind if rule else ""
    if kind == "swallow":
        return None
    if rule is not None and kind == "refuse":
        return wire.error(command, rule.code, token, model.encoding)
    reply = model.handle(_flip_crc(frame) if kind == "corrupt_request" else frame)
    if kind == "drop_reply":
        return None
    return _flip_crc(reply) if kind == "corrupt_reply" else reply
