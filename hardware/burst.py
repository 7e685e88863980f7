"""Telling a card reader's burst from a person typing, by timing alone.

Used where the reader's keystrokes cannot be captured at the device (no evdev permission,
Windows): every key that could belong to a card code is held back for at most `max_gap_ms`.
If more keys follow within the gap and a terminator ends at least `min_length` of them, they
were a card: the held keys are dropped and the code reported. Otherwise the held keys are
handed back, in order, to go where they were typed — a person sees them a few milliseconds
late, and nothing is lost.

Pure and Qt-free: the payload `T` is whatever the caller needs to replay a key later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

DEFAULT_MAX_GAP_MS = 30
DEFAULT_MIN_LENGTH = 4
DEFAULT_TERMINATORS = frozenset({"\r", "\n", "\t"})
CARD_CHARACTERS = frozenset("0123456789ABCDEFabcdef,")


@dataclass(frozen=True, slots=True)
class KeyOutcome(Generic[T]):
    """What to do after one key: replay these held keys, then let this key through or not."""

    replay: tuple[T, ...] = ()
    pass_key: bool = False
    card: str | None = None


@dataclass
class BurstDetector(Generic[T]):
    max_gap_ms: float = DEFAULT_MAX_GAP_MS
    min_length: int = DEFAULT_MIN_LENGTH
    terminators: frozenset[str] = DEFAULT_TERMINATORS
    characters: frozenset[str] = CARD_CHARACTERS
    _held: list[tuple[str, T]] = field(default_factory=list)
    _last_ms: float = 0.0

    @property
    def holding(self) -> bool:
        return bool(self._held)

    @property
    def deadline_ms(self) -> float | None:
        """When the held keys must be handed back if nothing else arrives."""
        return self._last_ms + self.max_gap_ms if self._held else None

    def _release(self) -> tuple[T, ...]:
        held = tuple(payload for _, payload in self._held)
        self._held.clear()
        return held

    def on_key(self, text: str, at_ms: float, payload: T) -> KeyOutcome[T]:
        """One key press with its text ("" for keys that type nothing)."""
        in_time = bool(self._held) and at_ms - self._last_ms <= self.max_gap_ms
        if text in self.terminators:
            if in_time and len(self._held) >= self.min_length:
                code = "".join(char for char, _ in self._held)
                self._held.clear()
                return KeyOutcome(card=code)
            return KeyOutcome(replay=self._release(), pass_key=True)
        if len(text) != 1 or text not in self.characters:
            return KeyOutcome(replay=self._release(), pass_key=True)
        replay = () if in_time else self._release()
        self._held.append((text, payload))
        self._last_ms = at_ms
        return KeyOutcome(replay=replay)

    def on_timeout(self, now_ms: float) -> tuple[T, ...]:
        """Hand back held keys whose burst did not go on in time."""
        if self._held and now_ms - self._last_ms > self.max_gap_ms:
            return self._release()
        return ()
