"""Staff members and their PINs: a salted scrypt hash is stored, never the PIN.

The PIN is first keyed with the terminal's pepper (`db/pin_pepper.py`, kept outside the
database): HMAC-SHA256(pepper, PIN) is what scrypt hashes ("scrypt-pepper$…"). A hash
written before the pepper ("scrypt$…") still signs its member in, and is replaced by a
peppered one at that sign-in, the one moment the PIN is known.

Sign-in is by PIN alone, so a PIN identifies one person: adding a second active member with
a PIN already in use is refused. A PIN is a few digits, so each active member's hash is
checked in turn (a terminal has a handful of staff); the slow hash is what makes guessing
from a stolen database file expensive, not the length of the PIN.
"""

from __future__ import annotations

import builtins
import hashlib
import hmac
import secrets
import uuid
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from loyalty.errors import DomainError
from pos_terminal.db.models import StaffRow
from pos_terminal.domain.pin_pad import PinLengths
from pos_terminal.domain.staff import (
    Role,
    StaffMember,
    checked_name,
    checked_pin,
    checked_pin_for,
)

# scrypt with 16 MiB of memory per hash: about 50 ms on a till, far more for a GPU farm.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 14, 8, 1
_DIGEST_BYTES = 32


PEPPERED, UNPEPPERED = "scrypt-pepper", "scrypt"


def hash_pin(
    pin: str,
    salt: bytes,
    pepper: bytes | None,
    *,
    n: int = SCRYPT_N,
    r: int = SCRYPT_R,
    p: int = SCRYPT_P,
) -> str:
    """ "<scheme>$<n>$<r>$<p>$<hex>": the parameters are kept so they can be raised later.
    `pepper=None` only to check a hash written before the pepper."""
    secret = pin.encode()
    if pepper is not None:
        secret = hmac.new(pepper, secret, hashlib.sha256).digest()
    digest = hashlib.scrypt(
        secret, salt=salt, n=n, r=r, p=p, dklen=_DIGEST_BYTES, maxmem=64 * 1024 * 1024
    )
    scheme = PEPPERED if pepper is not None else UNPEPPERED
    return f"{scheme}${n}${r}${p}${digest.hex()}"


def pin_matches(pin: str, stored: str, salt_hex: str, pepper: bytes) -> bool:
    """Whether `pin` hashes to `stored` (compared in constant time)."""
    scheme, n, r, p, _ = stored.split("$")
    if scheme not in (PEPPERED, UNPEPPERED):
        return False
    keyed = pepper if scheme == PEPPERED else None
    candidate = hash_pin(pin, bytes.fromhex(salt_hex), keyed, n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(candidate, stored)


def _member(row: Any) -> StaffMember:
    return StaffMember(id=row.id, name=row.name, role=Role(row.role))


class StaffRepository:
    def __init__(self, session: Session, pepper: bytes) -> None:
        self._session, self._pepper = session, pepper

    def _active(self) -> builtins.list[Any]:
        return builtins.list(
            self._session.execute(
                select(
                    StaffRow.id,
                    StaffRow.name,
                    StaffRow.role,
                    StaffRow.pin_hash,
                    StaffRow.pin_salt,
                    StaffRow.pin_length,
                )
                .where(StaffRow.active.is_(True))
                .order_by(StaffRow.name, StaffRow.id)
            ).all()
        )

    def add(self, name: str, role: Role, pin: str, *, staff_id: str | None = None) -> StaffMember:
        """Store a new member with a hash of `pin`; refuse a PIN another active member has."""
        name, pin = checked_name(name), checked_pin_for(role, pin)
        if self._match(pin) is not None:
            raise DomainError("this PIN is already in use: choose another one")
        salt = secrets.token_bytes(16)
        member = StaffMember(id=staff_id or str(uuid.uuid4()), name=name, role=role)
        self._session.execute(
            insert(StaffRow).values(
                id=member.id,
                name=member.name,
                role=member.role.value,
                pin_hash=hash_pin(pin, salt, self._pepper),
                pin_salt=salt.hex(),
                pin_length=len(pin),
                active=True,
            )
        )
        return member

    def _match(self, pin: str, *, same_length: bool = False) -> StaffMember | None:
        """The active member with this PIN; with `same_length`, only among the PINs known to
        have its length (the pad's quiet try, `domain/pin_pad.py`)."""
        for row in self._active():
            if same_length and row.pin_length != len(pin):
                continue
            if pin_matches(pin, row.pin_hash, row.pin_salt, self._pepper):
                if not row.pin_hash.startswith(PEPPERED + "$"):
                    self._pepper_hash(row.id, pin)
                elif row.pin_length is None:  # a PIN from before lengths were kept: learnt
                    self._session.execute(
                        update(StaffRow).where(StaffRow.id == row.id).values(pin_length=len(pin))
                    )
                return _member(row)
        return None

    def pin_lengths(self) -> PinLengths:
        """The lengths of the active members' PINs (not whose is which), for the PIN pad."""
        lengths = [row.pin_length for row in self._active()]
        known = frozenset(length for length in lengths if length is not None)
        return PinLengths(known, complete=None not in lengths)

    def _pepper_hash(self, staff_id: str, pin: str) -> None:
        salt = secrets.token_bytes(16)
        self._session.execute(
            update(StaffRow)
            .where(StaffRow.id == staff_id)
            .values(
                pin_hash=hash_pin(pin, salt, self._pepper), pin_salt=salt.hex(), pin_length=len(pin)
            )
        )

    def find_by_pin(self, pin: str, *, same_length: bool = False) -> StaffMember | None:
        """The active member with this PIN; None for a wrong PIN (or one that is not a PIN)."""
        try:
            pin = checked_pin(pin)
        except DomainError:
            return None
        return self._match(pin, same_length=same_length)

    def change_pin(self, member: StaffMember, pin: str) -> None:
        """Give `member` a new PIN (one no other active member has)."""
        pin = checked_pin_for(member.role, pin)
        other = self._match(pin)
        if other is not None and other.id != member.id:
            raise DomainError("this PIN is already in use: choose another one")
        self._pepper_hash(member.id, pin)

    def by_id(self, staff_id: str) -> StaffMember | None:
        row = self._session.execute(
            select(StaffRow.id, StaffRow.name, StaffRow.role).where(StaffRow.id == staff_id)
        ).first()
        return _member(row) if row is not None else None

    def list(self, *, include_inactive: bool = False) -> builtins.list[StaffMember]:
        query = select(StaffRow.id, StaffRow.name, StaffRow.role).order_by(StaffRow.name)
        if not include_inactive:
            query = query.where(StaffRow.active.is_(True))
        return [_member(row) for row in self._session.execute(query)]

    def deactivate(self, staff_id: str) -> None:
        self._session.execute(update(StaffRow).where(StaffRow.id == staff_id).values(active=False))

    def count(self) -> int:
        return int(self._session.execute(select(func.count()).select_from(StaffRow)).scalar_one())
