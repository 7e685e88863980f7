"""Frame parsers for serial card readers: pure, fed with bytes, never raising.

A serial port delivers bytes in arbitrary chunks: half a frame, three frames, noise after a
power glitch, a frame cut short by an unplug. A framer keeps the partial frame between calls
to `feed` and returns the complete, valid frames found so far. Anything else is dropped, the
framer resynchronises on the next frame start, and its buffer is capped so a noisy line cannot
grow memory.

Frames carry the card code already normalised (`card_codes.normalise_code`) and the raw bytes
as they arrived, for logs and for enrolment screens that show "what the reader sent".

There is no common frame for serial readers (hardware-notes §2.2), hence one framer per
protocol and `framer_for(name)` to pick one from configuration:

* "rdm6300": the 125 kHz RDM6300 module, STX + 10 hex + 2 hex XOR checksum + ETX;
* "line": readers (or USB-serial bridges) that print the code as an ASCII line.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import reduce
from operator import xor

from loyalty.card_codes import normalise_code, rdm6300_payload_to_decimal

DEFAULT_BUFFER_CAP = 256


@dataclass(frozen=True, slots=True)
class Frame:
    """One card frame: `code` normalised for lookup, `raw` the bytes that carried it."""

    code: str
    raw: bytes


class Framer(ABC):
    """Turns a byte stream into frames. `feed` never raises, whatever the bytes."""

    @abstractmethod
    def feed(self, data: bytes) -> list[Frame]:
        """Add received bytes; return the frames they complete, oldest first."""

    @abstractmethod
    def reset(self) -> None:
        """Forget any partial frame (e.g. after the port was reopened)."""


_STX = 0x02
_ETX = 0x03
_RDM6300_FRAME_LEN = 14  # STX + 10 hex data + 2 hex checksum + ETX
_HEX12 = re.compile(rb"[0-9A-Fa-f]{12}")


def rdm6300_frame(payload: str) -> bytes:
    """The 14-byte frame an RDM6300 sends for a 10-hex-digit payload (for tests and tools)."""
    if len(payload) != 10 or re.fullmatch(r"[0-9A-Fa-f]{10}", payload) is None:
        raise ValueError(f"RDM6300 payload {payload!r} must be 10 hex characters")
    checksum = reduce(xor, bytes.fromhex(payload))
    return b"\x02" + f"{payload.upper()}{checksum:02X}".encode("ascii") + b"\x03"


class Rdm6300Framer(Framer):
    """RDM6300 frames: STX, 10 ASCII hex (version byte + 4 data bytes), 2 ASCII hex, ETX.

    The two checksum characters are the XOR of the five payload bytes. A frame with a bad
    checksum, a non-hex character or the wrong length is dropped; parsing resumes at the next
    STX, so a corrupted frame never hides the good one after it.

    The code is the 10-digit zero-padded decimal of the 32 data bits (the version byte is
    dropped, `card_codes.rdm6300_payload_to_decimal`): that is the number printed on EM4100
    cards and what keyboard-wedge readers type, so a card enrolled at a wedge reader is found
    by the same text when read here. `raw` is the whole 14-byte frame, STX and ETX included,
    so the version byte is not lost.
    """

    def __init__(self, buffer_cap: int = DEFAULT_BUFFER_CAP) -> None:
        if buffer_cap < _RDM6300_FRAME_LEN:
            raise ValueError(f"the buffer must hold at least one frame ({_RDM6300_FRAME_LEN})")
        self._cap = buffer_cap
        self._buffer = bytearray()

    def reset(self) -> None:
        self._buffer.clear()

    def feed(self, data: bytes) -> list[Frame]:
        buffer = self._buffer
        buffer += data
        frames: list[Frame] = []
        while True:
            start = buffer.find(_STX)
            if start < 0:
                buffer.clear()  # nothing here can begin a frame
                break
            del buffer[:start]
            if len(buffer) < _RDM6300_FRAME_LEN:
                break  # wait for the rest of this frame
            frame = self._parse(bytes(buffer[:_RDM6300_FRAME_LEN]))
            if frame is None:
                del buffer[:1]  # a false start: resync at the next STX
            else:
                frames.append(frame)
                del buffer[:_RDM6300_FRAME_LEN]
        if len(buffer) > self._cap:  # cannot happen with the loop above; kept as a guarantee
            del buffer[: len(buffer) - self._cap]
        return frames

    @staticmethod
    def _parse(raw: bytes) -> Frame | None:
        if raw[0] != _STX or raw[-1] != _ETX or _HEX12.fullmatch(raw[1:13]) is None:
            return None
        data = bytes.fromhex(raw[1:13].decode("ascii"))
        if reduce(xor, data[:5]) != data[5]:
            return None
        return Frame(rdm6300_payload_to_decimal(raw[1:11].decode("ascii")), raw)


class LineFramer(Framer):
    """ASCII lines ended by CR, LF or CRLF, one code per line.

    Each line is stripped and normalised with `normalise_code`; empty lines and lines it
    refuses (not ASCII, letters outside 0-9/A-Z, ...) are dropped, as are lines longer than
    `max_length` bytes (dropped whole, up to their terminator, never cut into a false code).
    `raw` is the line as received, without its terminator.
    """

    def __init__(self, max_length: int = 64) -> None:
        if not 0 < max_length <= DEFAULT_BUFFER_CAP:
            raise ValueError(f"max_length must be between 1 and {DEFAULT_BUFFER_CAP}")
        self._max_length = max_length
        self._buffer = bytearray()
        self._overlong = False  # inside a line already known to be too long

    def reset(self) -> None:
        self._buffer.clear()
        self._overlong = False

    def feed(self, data: bytes) -> list[Frame]:
        frames: list[Frame] = []
        rest = data
        while rest:
            end = _first_terminator(rest)
            if end < 0:
                self._take(rest)
                break
            self._take(rest[:end])
            frame = self._finish_line()
            if frame is not None:
                frames.append(frame)
            rest = rest[end + 1 :]  # CRLF: the LF then ends an empty line, which is ignored
        return frames

    def _take(self, chunk: bytes) -> None:
        if self._overlong:
            return
        if len(self._buffer) + len(chunk) > self._max_length:
            self._buffer.clear()
            self._overlong = True
        else:
            self._buffer += chunk

    def _finish_line(self) -> Frame | None:
        raw = bytes(self._buffer)
        self._buffer.clear()
        if self._overlong:
            self._overlong = False
            return None
        try:
            text = raw.decode("ascii").strip()
            return Frame(normalise_code(text), raw) if text else None
        except ValueError:  # UnicodeDecodeError is a ValueError too
            return None


def _first_terminator(data: bytes) -> int:
    positions = [i for i in (data.find(b"\r"), data.find(b"\n")) if i >= 0]
    return min(positions, default=-1)


FRAMERS: dict[str, type[Framer]] = {"rdm6300": Rdm6300Framer, "line": LineFramer}


def framer_for(name: str) -> Framer:
    """A new framer for a configured protocol name ("rdm6300", "line")."""
    framer = FRAMERS.get(name)
    if framer is None:
        known = ", ".join(sorted(FRAMERS))
        raise ValueError(f"unknown serial frame format {name!r}; expected one of: {known}")
    return framer()
