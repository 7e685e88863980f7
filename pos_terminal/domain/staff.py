"""Who works the till: staff members, their roles and PINs, and the audit log of their actions.

A cashier sells and opens a shift; a manager may also void a closed bill and close the shift
with its Z report. Both sign in with a PIN of digits only, typed on the on-screen keypad.
The store keeps a salted slow hash of the PIN, never the PIN (`db/repositories/staff.py`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from loyalty.errors import DomainError

PIN_LENGTHS = range(4, 9)  # 4 to 8 digits
MANAGER_PIN_DIGITS = 6  # at least: a manager's PIN voids bills and lifts limits


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


class PinPadWaitsError(DomainError):
    """Too many wrong PINs: no PIN is checked until `until` (a manager's PIN lifts it)."""

    def __init__(self, until: datetime, now: datetime) -> None:
        seconds = max(1, math.ceil((until - now).total_seconds()))
        super().__init__(
            "Too many wrong PINs: the next try in {seconds} s, or a manager's PIN now",
            seconds=seconds,
        )
        self.until = until


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


def checked_pin_for(role: Role, pin: str) -> str:
    """A new PIN for someone of `role`: a manager's has at least MANAGER_PIN_DIGITS."""
    pin = checked_pin(pin)
    if role is Role.MANAGER and len(pin) < MANAGER_PIN_DIGITS:
        raise DomainError("a manager's PIN has at least {digits} digits", digits=MANAGER_PIN_DIGITS)
    return pin


def pin_too_short(member: StaffMember, pin: str) -> bool:
    """A manager who signed in with a PIN from before managers' PINs grew longer: they
    are asked for a new one before anything else."""
    return member.is_manager and len(pin.strip()) < MANAGER_PIN_DIGITS


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
