"""The Posnet Online frame: STX cmd TAB (pp value TAB)* [@token TAB] # CRC ETX.

The CRC is CRC16-CCITT (poly 0x1021, init 0, no reflection) over the bytes between STX and
'#', written as four upper-case hex digits; the standard library's `binascii.crc_hqx(data,
0)` is exactly that algorithm. Text goes in the device's code page (cp1250 by default,
Mazovia or Latin-2 if the device is set so). Amounts are integer grosze, never separated.

Replies are `cmd TAB [@token TAB] fields… # CRC`, an error `cmd TAB ?nnnn`, and a frame the
device could not take `ERR TAB [@token TAB] ?n` (the specification's `rpt` example writes
`ern`; both are read).
"""

from __future__ import annotations

import binascii
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from hardware.fiscal import charmap

STX, ETX, TAB = b"\x02", b"\x03", b"\t"
ENCODINGS = {"cp1250": "cp1250", "mazovia": charmap.NAME, "latin2": "cp852"}
MAX_AMOUNT = 9_999_999_999  # the specification's "Kwota": ten digits of grosze
MAX_FRAME = 4096  # no reply is longer; a stream without ETX is garbage past this
TOKENS = 10_000  # a token is four decimal digits
ERR = "ERR"

_FIELD_NAME = re.compile(r"[a-z]{2}")
_SPACES = re.compile(r"\s+")

Value = str | int


class FrameError(ValueError):
    """Bytes that are not a well-formed frame: bad CRC, no STX/ETX, an unreadable field."""


def crc(data: bytes) -> str:
    return f"{binascii.crc_hqx(data, 0):04X}"


def clean(text: str, limit: int) -> str:
    """Text safe inside a field: TAB, '#' and control characters would end the field or the
    frame, so they become spaces; runs of spaces collapse; cut to the field's `limit`."""
    text = unicodedata.normalize("NFC", text)
    chars = [
        " " if char in "\t#" or unicodedata.category(char)[0] == "C" else char for char in text
    ]
    return _SPACES.sub(" ", "".join(chars)).strip()[:limit]


def amount(grosze: int) -> str:
    """An amount field: whole grosze, no separator ("12,50 zł" is `1250`)."""
    if type(grosze) is not int or not 0 <= grosze <= MAX_AMOUNT:
        raise ValueError(f"an amount must be whole grosze in 0..{MAX_AMOUNT}, not {grosze!r}")
    return str(grosze)


def token_text(token: int) -> str:
    return f"@{token % TOKENS:04d}"


def encode_request(
    command: str,
    fields: Sequence[tuple[str, Value]] = (),
    *,
    token: int | None = None,
    encoding: str = "cp1250",
) -> bytes:
    """One request frame. Values are written as given (callers `clean` free text and use
    `amount` for money): a TAB or '#' that slipped through is refused, never sent."""
    parts = [command]
    if token is not None:
        parts.append(token_text(token))
    for name, value in fields:
        if not _FIELD_NAME.fullmatch(name):
            raise ValueError(f"a field name is two small letters, not {name!r}")
        text = str(value)
        if "\t" in text or "#" in text or any(ord(c) < 0x20 for c in text):
            raise ValueError(f"field {name}: {text!r} holds a character that ends a field")
        parts.append(name + text)
    body = b"".join(charmap.encode_text(part, ENCODINGS[encoding]) + TAB for part in parts)
    return STX + body + b"#" + crc(body).encode("ascii") + ETX


@dataclass(frozen=True, slots=True)
class Reply:
    """A decoded reply. `error` is the device's ?nnnn; `frame_error` marks an ERR frame (the
    device did not take the request at all, so it did not run it)."""

    command: str
    fields: tuple[tuple[str, str], ...] = ()
    token: int | None = None
    error: int | None = None
    frame_error: bool = False

    def get(self, name: str) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def require(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise FrameError(f"{self.command} reply lacks the field {name!r}")
        return value

    def number(self, name: str) -> int:
        text = self.require(name)
        if not text.isdigit():
            raise FrameError(f"{self.command} field {name}: {text!r} is not a number")
        return int(text)


def decode_reply(frame: bytes, *, encoding: str = "cp1250") -> Reply:
    if not (frame.startswith(STX) and frame.endswith(ETX)):
        raise FrameError("a frame starts with STX and ends with ETX")
    body, hash_, check = frame[1:-1].rpartition(b"#")
    if not hash_ or crc(body) != check.decode("ascii", "replace").upper():
        raise FrameError("bad CRC")
    parts = [p for p in body.decode(ENCODINGS[encoding], "replace").split("\t") if p]
    if not parts:
        raise FrameError("an empty frame")
    command, fields = parts[0], []
    token = error = None
    for part in parts[1:]:
        if part.startswith("@") and part[1:].isdigit():
            token = int(part[1:])
        elif part.startswith("?") and part[1:].isdigit():
            error = int(part[1:])
        elif command == ERR and part.startswith("er") and part[2:].isdigit():
            error = int(part[2:])
        elif len(part) >= 2:
            fields.append((part[:2], part[2:]))
        else:
            raise FrameError(f"{command}: unreadable field {part!r}")
    return Reply(command, tuple(fields), token, error, frame_error=command == ERR)


class FrameReader:
    """Cuts a byte stream into frames: bytes before STX are dropped (line noise, a late
    half of a reply), and a frame that never ends is dropped at MAX_FRAME."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        frames: list[bytes] = []
        while True:
            start = self._buffer.find(STX)
            if start < 0:
                self._buffer.clear()
                return frames
            del self._buffer[:start]
            end = self._buffer.find(ETX)
            if end < 0:
                if len(self._buffer) > MAX_FRAME:
                    del self._buffer[:1]
                    continue
                return frames
            frames.append(bytes(self._buffer[: end + 1]))
            del self._buffer[: end + 1]

    def clear(self) -> None:
        self._buffer.clear()
