"""The emulator's own frame handling, deliberately not the driver's: the CRC is computed
bit by bit from the specification's parameters (poly 0x1021, init 0, no reflection), so a
mistake in the driver's codec cannot hide behind the same mistake here."""

from __future__ import annotations

from dataclasses import dataclass

STX, ETX = 0x02, 0x03


def crc16(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


@dataclass(frozen=True)
class Request:
    command: str
    fields: dict[str, str]
    token: str | None  # "0042", as sent


class BadFrame(Exception):  # noqa: N818 - the device's word
    def __init__(self, code: int, token: str | None = None) -> None:
        super().__init__(code)
        self.code, self.token = code, token


def parse_request(frame: bytes, encoding: str) -> Request:
    if frame[:1] != bytes([STX]) or frame[-1:] != bytes([ETX]) or b"#" not in frame:
        raise BadFrame(15)  # no checksum
    body, _, check = frame[1:-1].rpartition(b"#")
    text = body.decode(encoding, "replace")
    parts = [part for part in text.split("\t") if part]
    token = next((p[1:] for p in parts if p.startswith("@")), None)
    if check.upper() != f"{crc16(body):04X}".encode():
        raise BadFrame(5, token)
    if not parts or not text.endswith("\t"):
        raise BadFrame(6, token)
    fields: dict[str, str] = {}
    for part in parts[1:]:
        if part.startswith("@"):
            if len(part) != 5 or not part[1:].isdigit():
                raise BadFrame(4)
        elif len(part) < 2 or not part[:2].isalpha():
            raise BadFrame(6, token)
        else:
            fields[part[:2]] = part[2:]
    return Request(parts[0], fields, token)


def build(command: str, fields: list[tuple[str, str]], token: str | None, encoding: str) -> bytes:
    parts = [command] + ([f"@{token}"] if token is not None else [])
    parts += [name + value for name, value in fields]
    body = "".join(part + "\t" for part in parts).encode(encoding, "replace")
    return bytes([STX]) + body + b"#" + f"{crc16(body):04X}".encode() + bytes([ETX])


def error(command: str, code: int, token: str | None, encoding: str) -> bytes:
    """`cmd ?nnnn` for a refused command, `ERR ?n` (command "ERR") for a refused frame."""
    parts = [command] + ([f"@{token}"] if token is not None else []) + [f"?{code}"]
    body = "".join(part + "\t" for part in parts).encode(encoding)
    return bytes([STX]) + body + b"#" + f"{crc16(body):04X}".encode() + bytes([ETX])


def split_frames(buffer: bytearray) -> list[bytes]:
    """Complete frames taken off the front of `buffer`; bytes before an STX are noise."""
    frames: list[bytes] = []
    while True:
        start = buffer.find(bytes([STX]))
        if start < 0:
            buffer.clear()
            return frames
        del buffer[:start]
        end = buffer.find(bytes([ETX]))
        if end < 0:
            return frames
        frames.append(bytes(buffer[: end + 1]))
        del buffer[: end + 1]
