"""Who works the till: staff members, their roles and PINs, and the audit log of their actions.

A cashier sells and opens a shift; a manager may also void a closed bill and close the shift
with its Z report. Both sign in with a PIN of digits only, typed on the on-screen keypad.
The store keeps a salted slow hash of the PIN, never the PIN (`db/repositories/staff.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from loyalty.errors import DomainError

PIN_LENGTHS = range(4, 9)  # 4 to 8 digits


class Role(StrEnum):
    CASHIER = "cashier"
    MANAGER = "manager"


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    name: str
    role: Role

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER


class NotAllowedError(DomainError):
    """The action needs a manager (the message names the action for the cashier)."""


class WrongPinError(DomainError):
    """No active staff member has this PIN."""


def require_manager(actor: StaffMember, action: str = "do this") -> None:
    """Refuse `action` ("void a bill") unless `actor` is a manager."""
    if not actor.is_manager:
        raise NotAllowedError(
            "Only a manager can {action} ({name} is signed in as a cashier)",
            action=action,
            name=actor.name,
        )


def checked_pin(pin: str) -> str:
    """The PIN as it is hashed: 4–8 digits, surrounding spaces ignored."""
    pin = pin.strip()
    if not (pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS):
        raise DomainError(
            "a PIN is {shortest} to {longest} digits",
            shortest=PIN_LENGTHS.start,
            longest=PIN_LENGTHS.stop - 1,
        )
    return pin


def checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise DomainError("a staff member needs a name")
    return name


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log: who did what to which thing, when, with what details.

    `actor_id` and `actor_name` are None for an attempt nobody could be named for (a wrong
    PIN); the name is kept as it was at the time.
    """

    id: int
    at: datetime
    actor_id: str | None
    actor_name: str | None
    action: str
    target: str | None
    details: Mapping[str, object] = field(default_factory=dict)
