"""How the terminal's threads share the one Python interpreter.

The sync engine applies snapshot pages on a thread of its own while the cashier taps cards
and the window repaints. CPython hands its interpreter lock to a waiting thread only after
the running one has held it for the switch interval, 5 ms by default, and a card tap waits
for it a dozen times (once after each SQLite call): a tap of 1 ms took 12 ms while a
thread computed. At 0.2 ms the tap is back near its idle time, and the sync's own
throughput did not measurably change (`python -m bench sync`).
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL_S = 0.0002


def favour_the_cashier() -> None:
    """Set for the whole process, once at start-up (the benchmarks call it as the app does)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
