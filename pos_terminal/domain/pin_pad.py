"""When the PIN pad signs in by itself: as soon as the PIN's length is reached.

A PIN is 4 to 8 digits and staff may differ (a manager's is at least 6), so the pad knows
the lengths of the active staff's PINs (never which member has which). At a length that is
the longest, it signs in as if Sign in were tapped. At a shorter length that some PIN has,
it tries the digits so far against the PINs of exactly that length ("a try"): a match signs
in; a miss says nothing and the cashier types on. A try is checked like any sign-in and a
miss counts as a wrong PIN for the PIN guard (`pin_guard.py`): a try is a guess, so an
attempt of 6 digits where 4-digit PINs exist spends two of the five free guesses. The
holder of a long PIN typing it right ends the streak at once, so only their mistakes cost
double. A 4-digit mistake is counted once: Sign in after a missed try says "Wrong PIN"
without checking the same digits again. With every PIN the same length (the usual setup)
there are no tries at all.

Where a member's PIN length is not known yet (a PIN set before lengths were kept; it is
learnt at their next sign-in), the pad never signs in by itself at the longest known
length, since theirs may be longer: it tries there, and Sign in finishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class PadStep(Enum):
    TYPING = "typing"  # no PIN has this length: wait for more digits
    TRY = "try"  # some PIN has this length, a longer one may be meant: try quietly
    SIGN_IN = "sign_in"  # the longest PIN there is: sign in (a miss is a wrong PIN)


@dataclass(frozen=True, slots=True)
class PinLengths:
    known: frozenset[int] = frozenset()
    complete: bool = False  # every active member's PIN length is known

    def step(self, typed: int) -> PadStep:
        if typed not in self.known:
            return PadStep.TYPING
        if self.complete and typed == max(self.known):
            return PadStep.SIGN_IN
        return PadStep.TRY
