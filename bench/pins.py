"""A PIN check: what a sign-in costs with the pepper, and how many PINs an hour allows.

Sign-in is by PIN alone, so `StaffRepository.find_by_pin` hashes the PIN once per active
staff member until one matches (scrypt, 16 MiB, keyed with the pepper). Measured on a
store with STAFF members: the first member's PIN (one hash), the last one's (all of them),
and a wrong PIN (all of them, and the audit record). The guesses per hour are
`domain/pin_guard.py`'s rule played by an attacker who tries as fast as it lets them.
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.report import Figure
from pos_terminal.db.store import open_store
from pos_terminal.domain.staff import PinPadWaitsError, Role, WrongPinError
from pos_terminal.services.terminal import TerminalService

STAFF = 8
ROUNDS = 10


def _timed(service: TerminalService, pin: str, now: datetime) -> float:
    started = time.perf_counter()
    with contextlib.suppress(WrongPinError):
        service.login(pin, now=now)
    return (time.perf_counter() - started) * 1000


def _guesses_in_an_hour(service: TerminalService, now: datetime) -> int:
    """PINs checked (a wrong PIN, a failed lift) in the hour, as the audit log counts them."""
    at, end = now, now + timedelta(hours=1)
    guesses = (f"{n:06d}" for n in range(900_000, 1_000_000))
    while at < end:
        try:
            service.login(next(guesses), now=at)
        except WrongPinError:
            continue
        except PinPadWaitsError as waiting:
            for _ in range(10):  # lift tries while it waits: three are checked
                with contextlib.suppress(PinPadWaitsError):
                    service.login(next(guesses), now=at)
            at = waiting.until
    checked = [e for e in service.audit_recent(10_000) if e.at >= now]
    return sum(e.action in ("login.failed", "pin.lift_failed") for e in checked)


def main(argv: list[str]) -> list[Figure]:
    del argv
    now = datetime.now()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "terminal.db", now=now)
        try:
            with store.unit_of_work() as tx:
                for n in range(STAFF):
                    tx.staff.add(f"Member {n}", Role.CASHIER, f"{1000 + n}")
            service = TerminalService(store)
            first = [_timed(service, "1000", now) for _ in range(ROUNDS)]
            last = [_timed(service, f"{1000 + STAFF - 1}", now) for _ in range(ROUNDS)]
            wrong = [_timed(service, "0999", now) for _ in range(4)]  # four: before any wait
            service.login("1000", now=now)  # a sign-in ends the wrong PINs' streak
            guesses = _guesses_in_an_hour(service, now + timedelta(minutes=1))
        finally:
            store.close()
    return [
        Figure("pins.check_first_of_8_staff", statistics.median(first), "ms"),
        Figure("pins.check_last_of_8_staff", statistics.median(last), "ms"),
        Figure("pins.wrong_pin_8_staff", statistics.median(wrong), "ms"),
        Figure("pins.checked_in_the_first_hour", guesses, "PINs", 200),
    ]
