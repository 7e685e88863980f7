"""Card codes: the textual forms one loyalty card takes, and how to match them.

Cheap readers print the same card differently depending on model and DIP switches (see
hardware-notes §1.1). Nothing in the text tells which form it is, so a READ is expanded into
every plausible interpretation (`lookup_keys`), while an ENROLLED card stores exactly one
canonical interpretation (`enrolment_keys`). A read matches an enrolment when the normalised
codes are equal, or a 32-bit card number is shared (`key32`), or a 24-bit Wiegand-26 number
(facility << 16 | card) is shared (`key24`). Every 32-bit candidate of a read also offers its
low 24 bits, because a card enrolled through a W26 reader knows only those.

Enrolled from the 10-digit form `0006547886` (key32 0x0063E9AE, key24 0x63E9AE), the card
matches these reads:
    0006547886       same code / key32
    0063E9AE         key32, 8 hex MSB first (HEX-mode reader)
    AEE96300         key32, 8 hex LSB first (lookup tries both byte orders)
    010063E9AE       key32, low 32 bits of the RDM6300 40-bit payload (any version byte)
    0004301515182    key32, low 32 bits of the 13-digit decimal of the 40-bit value
    099,59822        key24, W26 "FFF,CCCCC"
    09959822         key24, W26 "8-digit" form
    6547886          key32, the 10-digit form with its leading zeros dropped (6 to 9 digits)
Enrolling from 8 hex MSB first, 10 hex or 13 digits stores the same keys, so it matches the
same reads. Limits, by design:
  * 8 hex typed LSB first (`AEE96300`) is enrolled as 0xAEE96300: it matches both hex orders
    and W26 reads of those bytes, but not the decimal or RDM6300 forms of the card.
  * W26 forms (`099,59822`, `09959822`) carry 24 bits: such an enrolment matches every form of
    the card, and also any other card with the same low 24 bits; a reader cannot tell them apart.
  * Eight digits that fit W26 (facility ≤ 255, number ≤ 65535), such as `00123456`, are
    enrolled as W26. Decided so because every code a W26 "8-digit" reader types has that
    shape, while a HEX-mode reader types one for about 1 card in 250 (eight hex digits that
    are all 0-9 and fit those ranges); storing both readings would give a W26 fleet's cards
    32-bit keys that collide with other cards' (hundreds in a million). Such a hex card is
    found by the same reader (its code), not by other readers' forms of it; enrolled from
    the 10-digit number printed on it (`0001193046`), it matches every form, that HEX read
    included. A READ of eight digits is always looked up in every reading (W26, hex in both
    byte orders, a decimal whose leading zeros were dropped).
  * A 10-character all-digit text is enrolled as decimal. An RDM6300 payload without A-F letters
    would be mistaken, so callers that know the reader should pass the payload through
    `rdm6300_payload_to_decimal` first.
  * Two 32-bit cards sharing their low 24 bits both match a read; `match_strength` lets the
    store prefer a code or key32 hit over a key24 one.
  * Other forms (7-byte Mifare UIDs `04A22B9C114480`, letters G-Z) match by code only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum

_MASK24 = 0xFFFFFF
_MASK32 = 0xFFFFFFFF
_LIMIT40 = 1 << 40
# Separators some readers type between bytes or W26 fields ("04:A2:...", "00-63-E9-AE").
_DROP_SEPARATORS = str.maketrans("", "", ":- ")
# Explicit ASCII classes: str.isdigit()/isalnum() accept Arabic-Indic digits, "²" and the like.
_ALLOWED = re.compile(r"[0-9A-Za-z,]+")
_W26_TEXT = re.compile(r"([0-9]{1,3}),([0-9]{1,5})")
_DIGITS = re.compile(r"[0-9]+")
_HEX = re.compile(r"[0-9A-F]+")
# The shortest digits read as a 10-digit number whose leading zeros a reader dropped: a card
# number below 100,000 (1 in 40,000 of them) is left to match by code.
MIN_UNPADDED = 6


def _shown(text: str) -> str:
    """The offending input for an error message, cut short: a reader may spew a long burst."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def normalise_code(text: str) -> str:
    """Return the code a reader typed without whitespace, control chars or separators.

    Leading zeros are kept (`0006547886` is a different text from `6547886`). A comma survives
    only in the W26 form, padded to "FFF,CCCCC". Raises ValueError for anything else.
    """
    # Control chars arrive as prefixes/suffixes (STX/ETX, Ctrl-G); Enter/Tab end a reading.
    kept = "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cc")
    kept = kept.translate(_DROP_SEPARATORS)
    # Some readers frame the code as ";…?" (magnetic-track style start/end sentinels).
    if len(kept) >= 2 and kept[0] == ";" and kept[-1] == "?":
        kept = kept[1:-1]
    if not kept:
        raise ValueError(f"card code {_shown(text)} is empty once separators are removed")
    if _ALLOWED.fullmatch(kept) is None:
        bad = "".join(sorted({c for c in kept if _ALLOWED.fullmatch(c) is None}))
        raise ValueError(
            f"card code {_shown(text)} has characters other than 0-9, A-Z and ',': {bad!r}"
        )
    if "," in kept:
        fields = _W26_TEXT.fullmatch(kept)
        if fields is None:
            raise ValueError(
                f"card code {_shown(text)}: a comma is allowed only in the W26 form FFF,CCCCC"
            )
        return f"{int(fields[1]):03d},{int(fields[2]):05d}"
    return kept.upper()


@dataclass(frozen=True, slots=True)
class CardKeys:
    """A normalised code and the card numbers it may denote (empty sets: match by code only)."""

    code: str
    key32: frozenset[int] = frozenset()
    key24: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        # min/max rather than a generator: a bulk load builds a million of these.
        if self.key32 and (min(self.key32) < 0 or max(self.key32) > _MASK32):
            raise ValueError(f"card {self.code}: key32 values must fit in 32 bits")
        if self.key24 and (min(self.key24) < 0 or max(self.key24) > _MASK24):
            raise ValueError(f"card {self.code}: key24 values must fit in 24 bits")


class MatchStrength(IntEnum):
    NONE = 0
    KEY24 = 1  # only 24 bits agree: another card may share them
    KEY32 = 2
    CODE = 3


def _reverse32(value: int) -> int:
    return int.from_bytes(value.to_bytes(4, "big"), "little")


def _w26_key(facility: str, card: str) -> int | None:
    """facility << 16 | card, or None when the fields do not fit W26 (8 + 16 bits)."""
    f, c = int(facility), int(card)
    return (f << 16) | c if f <= 0xFF and c <= 0xFFFF else None


def _w26_of(code: str) -> int | None:
    """The W26 number of "FFF,CCCCC" or of 8 digits "FFFCCCCC"; None for other codes."""
    if "," in code:
        return _w26_key(code[:3], code[4:])
    if len(code) == 8 and _DIGITS.fullmatch(code):
        return _w26_key(code[:3], code[3:])
    return None


def lookup_keys(text: str) -> CardKeys:
    """Every interpretation of what a reader typed, for looking the card up."""
    code = normalise_code(text)
    is_digits = _DIGITS.fullmatch(code) is not None
    is_hex = _HEX.fullmatch(code) is not None
    key32: set[int] = set()
    key24: set[int] = set()
    if (w26 := _w26_of(code)) is not None:
        key24.add(w26)
    if len(code) == 8 and is_hex:
        if is_digits:  # also a 10-digit reader's output with the leading zeros dropped
            key32.add(int(code))
        value = int(code, 16)
        key32 |= {value, _reverse32(value)}  # readers disagree on UID byte order
    elif len(code) == 10 and is_hex:
        if is_digits and int(code) <= _MASK32:
            key32.add(int(code))
        # An RDM6300 payload may contain no A-F at all, so digits are tried as hex as well.
        key32.add(int(code, 16) & _MASK32)
    elif len(code) == 13 and is_digits and int(code) < _LIMIT40:
        key32.add(int(code) & _MASK32)
    elif MIN_UNPADDED <= len(code) <= 9 and is_digits:
        key32.add(int(code))  # a 10-digit reader's output with its leading zeros dropped
    key24 |= {k & _MASK24 for k in key32}
    return CardKeys(code, frozenset(key32), frozenset(key24))


def enrolment_keys(text: str) -> CardKeys:
    """The one canonical interpretation stored for an enrolled card (see module docstring)."""
    # Fast path for the commonest enrolment, the clean 10-digit form (bulk loads of a
    # million cards spend most of their parsing time here otherwise).
    if len(text) == 10 and text.isascii() and text.isdigit() and int(text) <= _MASK32:
        number = int(text)
        return CardKeys(text, frozenset({number}), frozenset({number & _MASK24}))
    code = normalise_code(text)
    is_digits = _DIGITS.fullmatch(code) is not None
    is_hex = _HEX.fullmatch(code) is not None
    value: int | None = None
    if (w26 := _w26_of(code)) is not None:
        # W26 carries 24 bits only: claiming a 32-bit number would invent the top byte.
        return CardKeys(code, key24=frozenset({w26}))
    if len(code) == 10 and is_digits and int(code) <= _MASK32:
        value = int(code)
    elif len(code) == 8 and is_hex:  # 8 digits out of W26 range can only be hex
        value = int(code, 16)
    elif len(code) == 10 and is_hex:
        value = int(code, 16) & _MASK32
    elif len(code) == 13 and is_digits and int(code) < _LIMIT40:
        value = int(code) & _MASK32
    if value is None:
        return CardKeys(code)
    return CardKeys(code, frozenset({value}), frozenset({value & _MASK24}))


def match_strength(enrolled: CardKeys, read: CardKeys) -> MatchStrength:
    """How strongly a read matches an enrolment; the strongest shared evidence wins."""
    if enrolled.code == read.code:
        return MatchStrength.CODE
    if not enrolled.key32.isdisjoint(read.key32):
        return MatchStrength.KEY32
    if not enrolled.key24.isdisjoint(read.key24):
        return MatchStrength.KEY24
    return MatchStrength.NONE


def matches(enrolled: CardKeys, read: CardKeys) -> bool:
    """Code equal, or a key32 shared, or a key24 shared (the store queries the same columns)."""
    return match_strength(enrolled, read) is not MatchStrength.NONE


def rdm6300_payload_to_decimal(payload: str) -> str:
    """The 10-digit form of an RDM6300 payload: the 32 data bits, version byte dropped."""
    code = normalise_code(payload)
    if len(code) != 10 or _HEX.fullmatch(code) is None:
        raise ValueError(f"RDM6300 payload {_shown(payload)} must be 10 hex characters")
    return f"{int(code, 16) & _MASK32:010d}"


def w26(value32: int) -> str:
    """The W26 form "FFF,CCCCC" of a 32-bit card number: bits 16-23, then bits 0-15."""
    if not 0 <= value32 <= _MASK32:
        raise ValueError(f"card number {value32} does not fit in 32 bits")
    return f"{(value32 >> 16) & 0xFF:03d},{value32 & 0xFFFF:05d}"
