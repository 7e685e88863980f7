"""Signing in with a PIN, manager-only actions, and adding staff — each one audited.

A wrong PIN is recorded as "login.failed" with no actor and without the PIN. The record is
written in the caller's unit of work, so `authenticate` answers None instead of raising:
raising would roll the record back with the transaction. `TerminalService.login` raises
`WrongPinError` once the unit of work has committed.
"""

from __future__ import annotations

from datetime import datetime

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
    "NotAllowedError",
    "WrongPinError",
    "add_staff",
    "authenticate",
    "record_refusal",
    "require_manager",
]

LOGIN = "login"
LOGIN_FAILED = "login.failed"
STAFF_ADDED = "staff.added"
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


def record_refusal(
    tx: UnitOfWork, actor: StaffMember, action: str, target: str | None, *, now: datetime
) -> None:
    """Audit a manager-only `action` that `actor` was refused."""
    tx.audit.record(actor, REFUSED, target, {"action": action}, now=now)
