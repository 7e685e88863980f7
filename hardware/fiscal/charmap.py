"""The Mazovia code page, which Python lacks, as a codec named "mazovia".

Posnet devices print cp1250 by default and can be switched to Mazovia or Latin-2 (cp852).
In Mazovia the printer prints only ASCII, the Polish letters and the box-drawing elements
(the specification's table: it draws them single-line, from the double-line positions of
cp437); every other byte above 0x7F prints as a space. So this codec maps exactly those
characters and refuses the rest, and `encode_text` replaces what cannot be printed rather
than letting the device print a space where a letter was.
"""

from __future__ import annotations

import codecs
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

# The Polish letters in Mazovia.
_POLISH = {
    0x86: "ą",
    0x8D: "ć",
    0x8F: "Ą",
    0x90: "Ę",
    0x91: "ę",
    0x92: "ł",
    0x95: "Ć",
    0x98: "Ś",
    0x9C: "Ł",
    0x9E: "ś",
    0xA0: "Ź",
    0xA1: "Ż",
    0xA2: "ó",
    0xA3: "Ó",
    0xA4: "ń",
    0xA5: "Ń",
    0xA6: "ź",
    0xA7: "ż",
}
# The table elements, as the specification lists their Mazovia codes.
_BOX = {
    0xC8: "└",
    0xBC: "┘",
    0xC9: "┌",
    0xBB: "┐",
    0xCA: "┴",
    0xCB: "┬",
    0xCC: "├",
    0xB9: "┤",
    0xBA: "│",
    0xCD: "─",
    0xCE: "┼",
}
_TABLE = "".join(chr(i) for i in range(0x80)) + "".join(
    _POLISH.get(i) or _BOX.get(i) or "\ufffe" for i in range(0x80, 0x100)
)
_ENCODING = codecs.charmap_build(_TABLE)
NAME = "mazovia"


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return codecs.charmap_encode(text, errors, _ENCODING)


def _decode(data: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
    return codecs.charmap_decode(data, errors, _TABLE)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != NAME:
        return None
    return codecs.CodecInfo(name=NAME, encode=_encode, decode=_decode)


codecs.register(_search)


def encode_text(text: str, encoding: str) -> bytes:
    """`text` in the device's code page; a letter it lacks loses its accent ("é" → "e"),
    anything else becomes "?" — never an exception in the middle of a receipt."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for char in text:
        try:
            out += char.encode(encoding)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore")
            out += plain or b"?"
    return bytes(out)
