"""How often a PIN may be guessed: a terminal's PINs are 4–8 digits, so what keeps them
from being tried one after another is time.

Five wrong PINs in a row are free; then the PIN pad waits, 30 s after the fifth, doubling
with each further wrong PIN (60 s, 120 s, …). While it waits, a PIN typed is not checked,
except as a manager's lifting the wait, and only three such tries per wait (else the wait
itself would become the guessing loop). A correct sign-in or a lift ends the streak. So
the first hour allows at most 5 + 7 sign-in guesses and 3 lift tries per wait: about 30.
The counts come from the audit log (`PinAttempts`), so a restart does not reset them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_TRIES = 5
FIRST_WAIT = timedelta(seconds=30)
LIFT_TRIES = 3  # a manager's PIN typed while the pad waits, per wait
MAX_DOUBLINGS = 20  # a year: the wait stops growing there (a timedelta has its limits)


@dataclass(frozen=True, slots=True)
class PinAttempts:
    """Wrong PINs since the last sign-in or lift, and the lift tries since the last one."""

    failures: int = 0
    last_failure: datetime | None = None
    lift_failures: int = 0  # since the last wrong PIN

    def locked_until(self) -> datetime | None:
        if self.failures < FREE_TRIES or self.last_failure is None:
            return None
        doublings = min(self.failures - FREE_TRIES, MAX_DOUBLINGS)
        return self.last_failure + FIRST_WAIT * (1 << doublings)

    def waits_at(self, now: datetime) -> bool:
        until = self.locked_until()
        return until is not None and now < until

    def may_try_lift(self) -> bool:
        return self.lift_failures < LIFT_TRIES
