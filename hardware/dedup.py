"""Suppressing the repeats a reader sends while a card rests on it.

Serial readers such as the RDM6300 send the same frame every ~50 ms for as long as the card
is in range. A card is reported on arrival; the same code again only after it has been
away (no frame) for `window` seconds. A different card is always reported at once.
"""

from __future__ import annotations


class RepeatFilter:
    def __init__(self, window: float = 1.0) -> None:
        if window < 0:
            raise ValueError("the repeat window cannot be negative")
        self.window = window
        self._last_code: str | None = None
        self._last_seen = float("-inf")

    def admit(self, code: str, now: float) -> bool:
        """True if this read of `code` at monotonic time `now` should be reported."""
        repeat = code == self._last_code and now - self._last_seen < self.window
        self._last_code, self._last_seen = code, now
        return not repeat
