"""How the terminal's threads share the one Python interpreter.

The sync engine applies snapshot pages on a thread of its own while the cashier taps cards
and the window repaints. CPython hands its interpreter lock to a waiting thread only after
the running one has held it for the switch interval, 5 ms by default, and a card tap waits
for it a dozen times (once after each SQLite call): beside a thread busy in Python, a tap
of 1 ms took 12 ms at p50 (23 ms p99); at 0.5 ms the p99 was 3.4 ms, at 0.1 ms 1.9 ms.
Applying 120 recorded snapshot pages took the same 6.2–6.7 s at every interval tried.
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL_S = 0.0002


def favour_the_cashier() -> None:
    """Set for the whole process, once at start-up (the benchmarks call it as the app does)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
