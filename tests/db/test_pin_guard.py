"""Wrong PINs are limited (domain/pin_guard.py): five are free, then the PIN pad waits, 30 s
doubling; a manager's PIN lifts the wait; every step is audited and survives a restart."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from loyalty.errors import DomainError
from pos_terminal.db.store import Store, open_store
from pos_terminal.domain.pin_guard import FIRST_WAIT
from pos_terminal.domain.staff import PinPadWaitsError, Role, WrongPinError
from pos_terminal.services.terminal import TerminalService

from .conftest import NOW

CASHIER, MANAGER, WRONG = "1111", "987654", "0000"


@pytest.fixture
def service(store: Store) -> TerminalService:
    with store.unit_of_work() as tx:
        tx.staff.add("Anna Kasjerka", Role.CASHIER, CASHIER)
        tx.staff.add("Marek Kierownik", Role.MANAGER, MANAGER)
    return TerminalService(store)


def _wrong(service: TerminalService, times: int, at: datetime) -> None:
    for _ in range(times):
        with pytest.raises(WrongPinError):
            service.login(WRONG, now=at)


def _actions(service: TerminalService) -> list[str]:
    return [entry.action for entry in reversed(service.audit_recent(1000))]


def test_after_five_wrong_pins_the_pad_waits_even_for_the_right_one(
    service: TerminalService,
) -> None:
    _wrong(service, 4, NOW)
    with pytest.raises(PinPadWaitsError, match="30 s"):
        service.login(WRONG, now=NOW)  # the fifth: from now on the pad waits
    with pytest.raises(PinPadWaitsError, match="20 s"):
        service.login(CASHIER, now=NOW + timedelta(seconds=10))  # right, but not checked
    member = service.login(CASHIER, now=NOW + FIRST_WAIT)
    assert member.name == "Anna Kasjerka"
    assert _actions(service)[-3:] == ["pin.wait", "pin.lift_failed", "login"]


def test_each_wrong_pin_after_the_wait_doubles_it(service: TerminalService) -> None:
    _wrong(service, 4, NOW)
    with pytest.raises(PinPadWaitsError):
        service.login(WRONG, now=NOW)
    later = NOW + FIRST_WAIT
    with pytest.raises(PinPadWaitsError, match="60 s"):
        service.login(WRONG, now=later)
    with pytest.raises(PinPadWaitsError, match="120 s"):
        service.login(WRONG, now=later + 2 * FIRST_WAIT)


def test_a_managers_pin_lifts_the_wait_and_signs_the_manager_in(
    service: TerminalService,
) -> None:
    _wrong(service, 4, NOW)
    with pytest.raises(PinPadWaitsError):
        service.login(WRONG, now=NOW)
    manager = service.login(MANAGER, now=NOW + timedelta(seconds=1))
    assert manager.role is Role.MANAGER
    assert _actions(service)[-2:] == ["pin.lifted", "login"]
    _wrong(service, 4, NOW + timedelta(seconds=2))  # the streak began again: four are free


def test_only_three_lift_tries_per_wait(service: TerminalService) -> None:
    _wrong(service, 4, NOW)
    with pytest.raises(PinPadWaitsError):
        service.login(WRONG, now=NOW)
    for _ in range(3):
        with pytest.raises(PinPadWaitsError):
            service.login(CASHIER, now=NOW + timedelta(seconds=1))
    with pytest.raises(PinPadWaitsError):  # the fourth is not even checked: the manager too
        service.login(MANAGER, now=NOW + timedelta(seconds=2))
    assert _actions(service).count("pin.lift_failed") == 3


def test_a_restart_does_not_reset_the_wait(db_path: Path) -> None:
    store = open_store(db_path, now=NOW)
    try:
        with store.unit_of_work() as tx:
            tx.staff.add("Anna Kasjerka", Role.CASHIER, CASHIER)
        _wrong(TerminalService(store), 4, NOW)
        with pytest.raises(PinPadWaitsError):
            TerminalService(store).login(WRONG, now=NOW)
    finally:
        store.close()
    reopened = open_store(db_path, now=NOW + timedelta(seconds=5))
    try:
        with pytest.raises(PinPadWaitsError):
            TerminalService(reopened).login(CASHIER, now=NOW + timedelta(seconds=5))
    finally:
        reopened.close()


def test_two_hundred_guesses_take_far_more_than_an_hour(service: TerminalService) -> None:
    """An attacker guessing as fast as the pad lets them: at each wait, ten more guesses at
    once (as lifts), then the next guess the moment the wait ends. Nobody's PIN is among
    2000-9999, so each guess is a wrong PIN; the audit log counts those checked."""
    guesses = (f"{n:04d}" for n in range(2000, 10000))
    at, end = NOW, NOW + timedelta(hours=1)
    while at < end:
        try:
            service.login(next(guesses), now=at)
            raise AssertionError("a guess signed in")
        except WrongPinError:
            continue
        except PinPadWaitsError as waiting:
            for _ in range(10):
                with pytest.raises(PinPadWaitsError):
                    service.login(next(guesses), now=at)
            at = waiting.until
    actions = _actions(service)
    checked = actions.count("login.failed") + actions.count("pin.lift_failed")
    print(f"PINs checked in the first hour: {checked}")
    assert checked < 200


def test_a_new_managers_pin_has_at_least_six_digits(store: Store) -> None:
    with store.unit_of_work() as tx, pytest.raises(DomainError, match="at least 6 digits"):
        tx.staff.add("Ola Kierownik", Role.MANAGER, "4321")
    with store.unit_of_work() as tx:
        assert tx.staff.add("Ola Kierownik", Role.MANAGER, "432198").is_manager
        assert tx.staff.add("Ewa Kasjerka", Role.CASHIER, "4321").role is Role.CASHIER
