"""Turning a keyboard-wedge reader's key events into the text of one card reading.

A wedge reader "types" a code in one burst of key presses (4-16 ms apart on the readers
measured) and ends it with Enter, keypad Enter or Tab, or with a suffix character it was
programmed with. `WedgeDecoder` is fed the key events (kernel key codes, so the desktop's
layout does not matter, see `keymaps`) and returns the raw text of each completed frame.

Frames are refused, silently, when they are too short or too long, contain a character
outside the whitelist, or when a gap longer than `max_gap` separates two keys: the part
before such a gap is dropped, because a reader never pauses inside a code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from hardware.keymaps import (
    KEY_ENTER,
    KEY_KPENTER,
    KEY_LEFTSHIFT,
    KEY_PRESS,
    KEY_RELEASE,
    KEY_TAB,
    KEYPAD_DIGIT_KEYS,
    SHIFT_KEYS,
    US_CHAR_KEYS,
    character,
)

HEX_AND_COMMA = frozenset("0123456789abcdefABCDEF,")


@dataclass(frozen=True, slots=True)
class WedgeConfig:
    """How a reader frames its codes. The defaults fit the readers in the hardware notes.

    `suffix`: a character string the reader appends (e.g. "?"); it ends the frame like a
    terminator key and is not part of the text returned. `prefix`: a string the reader puts
    first (e.g. ";"); when set, a frame must start with it and it is removed.
    `min_length`/`max_length`/`allowed` apply to the text between prefix and suffix.
    """

    terminators: frozenset[int] = frozenset({KEY_ENTER, KEY_KPENTER, KEY_TAB})
    suffix: str = ""
    prefix: str = ""
    min_length: int = 4
    max_length: int = 64
    max_gap: float = 0.2
    allowed: frozenset[str] = field(default=HEX_AND_COMMA)

    def __post_init__(self) -> None:
        if self.min_length < 1:
            raise ValueError("min_length must be at least 1")
        if self.max_length < self.min_length:
            raise ValueError("max_length cannot be smaller than min_length")
        if not (math.isfinite(self.max_gap) and self.max_gap > 0):
            raise ValueError("max_gap must be a positive number of seconds")
        if not self.terminators and not self.suffix:
            raise ValueError("a frame needs a terminator key or a suffix to end it")
        untypeable = sorted(set(self.suffix + self.prefix) - set(US_CHAR_KEYS))
        if untypeable:
            raise ValueError(f"prefix/suffix characters {untypeable} cannot be typed by a reader")


class WedgeDecoder:
    """Feed it key events; get back the raw text of each completed frame. Never raises."""

    def __init__(self, config: WedgeConfig | None = None) -> None:
        self.config = config if config is not None else WedgeConfig()
        self._limit = self.config.max_length + len(self.config.prefix) + len(self.config.suffix)
        self._chars: list[str] = []
        self._overflow = False
        self._last_press: float | None = None
        self._shifts: set[int] = set()

    def reset(self) -> None:
        """Forget the frame in progress and the held keys (e.g. when the device was lost)."""
        self._clear()
        self._last_press = None
        self._shifts.clear()

    def resync(self, held: Iterable[int]) -> None:
        """Events were lost (SYN_DROPPED): forget the frame in progress, and take the
        modifiers the device says are down now instead of the ones counted so far."""
        self.reset()
        self._shifts.update(code for code in held if code in SHIFT_KEYS)

    def feed(self, code: int, value: int, timestamp: float) -> str | None:
        """One EV_KEY event: `value` 1 press, 0 release, 2 autorepeat (ignored)."""
        try:
            return self._feed(code, value, timestamp)
        except Exception:  # pragma: no cover - defensive: odd input must never kill a reader
            self.reset()
            return None

    def _feed(self, code: int, value: int, timestamp: float) -> str | None:
        if code in SHIFT_KEYS:
            if value == KEY_PRESS:
                self._shifts.add(code)
            elif value == KEY_RELEASE:
                self._shifts.discard(code)
            return None
        is_terminator = code in self.config.terminators
        char = None if is_terminator else character(code, bool(self._shifts))
        if value != KEY_PRESS or (char is None and not is_terminator):
            # Releases and autorepeat type nothing; nor do modifiers, function keys, arrows
            # (and they do not count as a key for the gap either).
            return None
        if not math.isfinite(timestamp):
            self._clear()  # no kernel sends this; a frame cannot be timed across it
            self._last_press = None
            return None
        if self._last_press is not None and timestamp - self._last_press > self.config.max_gap:
            self._clear()  # a reader types a code in one burst: what came before is not ours
        self._last_press = timestamp
        if char is None:
            return self._complete(suffixed=False)
        return self._append(char)

    def _append(self, char: str) -> str | None:
        if self._overflow:
            return None
        self._chars.append(char)
        if len(self._chars) > self._limit:
            self._chars.clear()
            self._overflow = True  # discard the rest of this burst too, up to its end
            return None
        suffix = self.config.suffix
        if suffix and "".join(self._chars[-len(suffix) :]) == suffix:
            return self._complete(suffixed=True)
        return None

    def _complete(self, *, suffixed: bool) -> str | None:
        text = "".join(self._chars)
        overflow = self._overflow
        self._clear()
        if overflow:
            return None
        cfg = self.config
        if suffixed:
            text = text[: len(text) - len(cfg.suffix)]
        if cfg.prefix:
            if not text.startswith(cfg.prefix):
                return None
            text = text[len(cfg.prefix) :]
        if not cfg.min_length <= len(text) <= cfg.max_length:
            return None
        if not set(text) <= cfg.allowed:
            return None
        return text

    def _clear(self) -> None:
        self._chars.clear()
        self._overflow = False


def events_for(
    text: str,
    *,
    start: float,
    gap: float,
    terminator: int | None = KEY_ENTER,
    keypad: bool = False,
) -> list[tuple[int, int, float]]:
    """The (code, value, timestamp) key events a US-layout wedge reader sends for `text`.

    Key `i` is pressed at `start + i * gap` and released half a gap later; Shift is pressed
    around the characters that need it. `terminator` (Enter by default, None for none) is
    the last key. `keypad=True` types digits on the keypad. Raises ValueError for a
    character a keyboard cannot type.
    """
    events: list[tuple[int, int, float]] = []
    t = start
    for char in text:
        if keypad and char.isascii() and char.isdigit():
            code, shifted = KEYPAD_DIGIT_KEYS[int(char)], False
        elif char in US_CHAR_KEYS:
            code, shifted = US_CHAR_KEYS[char]
        else:
            raise ValueError(f"{char!r} cannot be typed on a US keyboard")
        events.extend(_stroke(code, t, gap / 2, shifted=shifted))
        t += gap
    if terminator is not None:
        events.extend(_stroke(terminator, t, gap / 2, shifted=False))
    return events


def _stroke(code: int, t: float, hold: float, *, shifted: bool) -> Iterable[tuple[int, int, float]]:
    if shifted:
        yield (KEY_LEFTSHIFT, KEY_PRESS, t)
    yield (code, KEY_PRESS, t)
    yield (code, KEY_RELEASE, t + hold)
    if shifted:
        yield (KEY_LEFTSHIFT, KEY_RELEASE, t + hold)


def decode_all(
    events: Iterable[tuple[int, int, float]], config: WedgeConfig | None = None
) -> list[str]:
    """Every frame a fresh decoder finds in `events` (for tests, benchmarks, probes)."""
    decoder = WedgeDecoder(config)
    frames = (decoder.feed(code, value, t) for code, value, t in events)
    return [frame for frame in frames if frame is not None]
