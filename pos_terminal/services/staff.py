"""Signing in with a PIN, manager-only actions, adding and deactivating staff — each one
audited.

A wrong PIN is recorded as "login.failed" with no actor and without the PIN. The record is
written in the caller's unit of work, so `authenticate` answers instead of raising: raising
would roll the record back with the transaction. `TerminalService.login` raises
`WrongPinError` (or `PinPadWaitsError`) once the unit of work has committed. How often a PIN
may be tried is `domain/pin_guard.py`; its waits, lifts and failed lifts are audited too
("pin.wait", "pin.lifted", "pin.lift_failed").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime

from loyalty.errors import DomainError
from pos_terminal.db.store import Store
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.staff import (
    NotAllowedError,
    Role,
    StaffMember,
    WrongPinError,
    require_manager,
)

__all__ = [
    "LOGIN",
    "LOGIN_FAILED",
    "PIN_CHANGED",
    "PIN_LIFTED",
    "PIN_LIFT_FAILED",
    "PIN_WAIT",
    "REFUSED",
    "STAFF_ADDED",
    "STAFF_DEACTIVATED",
    "Authentication",
    "NotAllowedError",
    "WrongPinError",
    "add_staff",
    "authenticate",
    "change_own_pin",
    "deactivate_staff",
    "record_refusal",
    "refusal_audited",
    "require_manager",
]

LOGIN = "login"
LOGIN_FAILED = "login.failed"
PIN_WAIT = "pin.wait"  # the pad starts to wait (details: seconds, failures)
PIN_LIFTED = "pin.lifted"  # a manager's PIN ended the wait
PIN_LIFT_FAILED = "pin.lift_failed"  # a PIN typed while the pad waits that was no manager's
STAFF_ADDED = "staff.added"
STAFF_DEACTIVATED = "staff.deactivated"
PIN_CHANGED = "staff.pin_changed"
REFUSED = "refused"  # a manager-only action tried by a cashier


@dataclass(frozen=True, slots=True)
class Authentication:
    member: StaffMember | None  # None: a wrong PIN, or the pad waits
    waits_until: datetime | None = None  # the pad waits until then (a manager may lift it)


def authenticate(
    tx: UnitOfWork, pin: str, *, now: datetime, quiet_try: bool = False
) -> Authentication:
    """The active staff member with this PIN, unless too many wrong PINs came before
    (`pin_guard`); every attempt that was checked is audited. A `quiet_try` is the PIN pad's
    try of the digits typed so far (`domain/pin_pad.py`): checked against the PINs of that
    length only, and a miss counts like any wrong PIN (its details say "partial")."""
    attempts = tx.audit.pin_attempts(
        wrong=LOGIN_FAILED, lift_failed=PIN_LIFT_FAILED, streak_ends=(LOGIN, PIN_LIFTED)
    )
    until = attempts.locked_until()
    if until is not None and now < until:
        if quiet_try:  # a lift is checked on the whole PIN only: a try would spend a lift try
            return Authentication(None, until)
        return _lift(tx, pin, attempts.failures, until, may_try=attempts.may_try_lift(), now=now)
    member = tx.staff.find_by_pin(pin, same_length=quiet_try)
    if member is None:
        tx.audit.record(None, LOGIN_FAILED, None, {"partial": True} if quiet_try else None, now=now)
        after = replace(attempts, failures=attempts.failures + 1, last_failure=now)
        waits = after.locked_until()
        if waits is not None:
            seconds = round((waits - now).total_seconds())
            details = {"seconds": seconds, "failures": after.failures}
            tx.audit.record(None, PIN_WAIT, None, details, now=now)
        return Authentication(None, waits)
    return _signed_in(tx, member, now)


def _signed_in(tx: UnitOfWork, member: StaffMember, now: datetime) -> Authentication:
    tx.audit.record(member, LOGIN, member.id, {"role": member.role.value}, now=now)
    return Authentication(member)


def _lift(
    tx: UnitOfWork, pin: str, failures: int, until: datetime, *, may_try: bool, now: datetime
) -> Authentication:
    """While the pad waits, a PIN is checked only as a manager's ending the wait."""
    if not may_try:
        return Authentication(None, until)  # not checked: nothing to record
    member = tx.staff.find_by_pin(pin)
    if member is None or not member.is_manager:
        tx.audit.record(None, PIN_LIFT_FAILED, now=now)
        return Authentication(None, until)
    tx.audit.record(member, PIN_LIFTED, None, {"failures": failures}, now=now)
    return _signed_in(tx, member, now)


def add_staff(
    tx: UnitOfWork,
    name: str,
    role: Role,
    pin: str,
    *,
    now: datetime,
    by: StaffMember | None = None,
) -> StaffMember:
    """A new staff member. Only a manager may add one; `by=None` is the installer's set-up."""
    if by is not None:
        require_manager(by, "add staff")
    member = tx.staff.add(name, role, pin)
    tx.audit.record(
        by, STAFF_ADDED, member.id, {"name": member.name, "role": member.role.value}, now=now
    )
    return member


def deactivate_staff(
    tx: UnitOfWork, actor: StaffMember, staff_id: str, *, now: datetime
) -> StaffMember:
    """Take a member's PIN out of use (the member stays in the audit log and on old bills).

    A manager may not deactivate themself, nor the last active manager: the terminal would
    be left with nobody who can close a shift.
    """
    require_manager(actor, "deactivate staff")
    active = tx.staff.list()
    member = next((m for m in active if m.id == staff_id), None)
    if member is None:
        raise DomainError("no such active staff member on this terminal")
    if member.id == actor.id:
        raise DomainError("you cannot deactivate yourself: ask another manager")
    if member.is_manager and sum(m.is_manager for m in active) == 1:
        raise DomainError("the terminal needs at least one active manager")
    tx.staff.deactivate(member.id)
    tx.audit.record(
        actor, STAFF_DEACTIVATED, member.id, {"name": member.name, "role": member.role.value},
        now=now,
    )  # fmt: skip
    return member


def record_refusal(
    tx: UnitOfWork, actor: StaffMember, action: str, target: str | None, *, now: datetime
) -> None:
    """Audit a manager-only `action` that `actor` was refused."""
    tx.audit.record(actor, REFUSED, target, {"action": action}, now=now)


@contextmanager
def refusal_audited(
    store: Store, actor: StaffMember, action: str, target: str | None, now: datetime
) -> Iterator[None]:
    """A manager-only action refused to a cashier is recorded, in its own transaction (the
    action's own transaction is rolled back by the refusal)."""
    try:
        yield
    except NotAllowedError:
        with store.unit_of_work() as tx:
            record_refusal(tx, actor, action, target, now=now)
        raise


def change_own_pin(
    tx: UnitOfWork, member: StaffMember, old_pin: str, new_pin: str, *, now: datetime
) -> None:
    """A member's new PIN, given their current one (checked again: the screen could have
    been left signed in)."""
    if tx.staff.find_by_pin(old_pin) != member:
        raise WrongPinError("Wrong PIN")
    tx.staff.change_pin(member, new_pin)
    tx.audit.record(member, PIN_CHANGED, member.id, now=now)
