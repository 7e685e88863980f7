"""Signing in with a PIN, manager-only actions, adding and deactivating staff — each one
audited.

A wrong PIN is recorded as "login.failed" with no actor and without the PIN. The record is
written in the caller's unit of work, so `authenticate` answers None instead of raising:
raising would roll the record back with the transaction. `TerminalService.login` raises
`WrongPinError` once the unit of work has committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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
    "REFUSED",
    "STAFF_ADDED",
    "STAFF_DEACTIVATED",
    "NotAllowedError",
    "WrongPinError",
    "add_staff",
    "authenticate",
    "deactivate_staff",
    "record_refusal",
    "refusal_audited",
    "require_manager",
]

LOGIN = "login"
LOGIN_FAILED = "login.failed"
STAFF_ADDED = "staff.added"
STAFF_DEACTIVATED = "staff.deactivated"
REFUSED = "refused"  # a manager-only action tried by a cashier


def authenticate(tx: UnitOfWork, pin: str, *, now: datetime) -> StaffMember | None:
    """The active staff member with this PIN, or None; either way the attempt is audited."""
    member = tx.staff.find_by_pin(pin)
    if member is None:
        tx.audit.record(None, LOGIN_FAILED, now=now)
        return None
    tx.audit.record(member, LOGIN, member.id, {"role": member.role.value}, now=now)
    return member


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
