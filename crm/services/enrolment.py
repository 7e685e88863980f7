"""One-time enrolment codes, and the exchange of one for a terminal token (sync-protocol §7).

A code is 16 characters from an alphabet without look-alikes (no 0/O, 1/I), shown in four
groups of four — 80 random bits, typed once at the till. The till gets a `pos_` token for
it. The CRM keeps only the SHA-256 of both, so a copy of the database lets nobody enrol or
sync; SHA-256 is enough because both are long and random (passwords need scrypt, not these).

Wrong codes are counted in the audit log, which every worker and replica shares: after
`FAILURES_ALLOWED` within `FAILURE_WINDOW`, from anywhere, enrolment pauses until the oldest
of them is a window old. Guessing 80 bits at ten tries a minute is hopeless.

These functions run inside the caller's transaction (`TerminalService`).
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services import audit
from crm.services.actor import Actor, Role
from crm.services.context import new_id
from crm.services.errors import Conflict, ServiceError, TooManyAttempts, Unauthorized
from crm.services.passwords import token_digest
from crm.store.models import AuditRow, EnrolCodeRow, ShopRow, TerminalRow

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: 5 bits each
CODE_LENGTH = 16  # 80 bits
FAILURES_ALLOWED = 10
FAILURE_WINDOW = timedelta(minutes=1)
ENROLMENT = Actor("enrolment", Role.READ_ONLY)  # the audit log's actor for a till enrolling
# Refusals share one key of the audit log's (entity, entity_id, id) index: counting is cheap.
_REFUSALS = "enrolment"


@dataclass(frozen=True, slots=True)
class Shop:
    id: str
    name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class EnrolCode:
    code: str  # shown once, e.g. "K7QM-3XTP-9HWD-ZB2C"; the CRM keeps only its hash
    shop: Shop
    expires_at: datetime
    shop_created: bool = False


@dataclass(frozen=True, slots=True)
class Enrolment:
    terminal_id: str
    shop_id: str
    token: str  # shown once; the CRM keeps only its hash


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(typed: str) -> str:
    """Without separators or case: "k7qm 3xtp-…" is the same code as "K7QM-3XTP-…"."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def shop_of(row: ShopRow) -> Shop:
    return Shop(row.id, row.name, row.created_at)


def add_code(
    session: Session, actor: Actor, shop: ShopRow, now: datetime, valid: timedelta
) -> EnrolCode:
    code = new_code()
    session.add(
        EnrolCodeRow(
            code_sha256=token_digest(normalise_code(code)),
            shop_id=shop.id,
            created_by=actor.name,
            created_at=now,
            expires_at=now + valid,
        )
    )
    audit.record(
        session,
        actor=actor,
        at=now,
        action="enrol_code.created",
        entity="shop",
        entity_id=shop.id,
        after={"expires_at": (now + valid).isoformat()},
    )
    return EnrolCode(code, shop_of(shop), now + valid)


def enrol(
    session: Session, now: datetime, *, code: str, name: str, token: str, source: str
) -> Enrolment | ServiceError:
    """Consume the code for a new terminal holding `token`, or say why not (audited).

    The refusal is returned, not raised, so the caller commits its audit entry.
    """
    wait = _throttle_wait(session, now)
    if wait:
        refusal: ServiceError = TooManyAttempts(
            f"too many wrong codes; try again in {wait} s", wait
        )
        _refused(session, now, "throttled", refusal, {"device_name": name, "source": source})
        return refusal
    row = session.get(EnrolCodeRow, token_digest(normalise_code(code)), with_for_update=True)
    if row is None or row.used_at is not None or row.expires_at <= now:
        if row is None:
            refusal = Unauthorized("unknown enrolment code")
        elif row.used_at is not None:
            refusal = Conflict("code", "this code was already used; ask for a new one")
        else:
            refusal = Conflict("code", "this code has expired; ask for a new one")
        about = {"device_name": name, "source": source, "shop_id": row.shop_id if row else None}
        _refused(session, now, "failed", refusal, about)
        return refusal
    terminal = TerminalRow(
        id=new_id(),
        shop_id=row.shop_id,
        name=name,
        token_sha256=token_digest(token),
        status="active",
        hwm_seq=0,
        enrolled_at=now,
    )
    session.add(terminal)
    row.used_at, row.terminal_id = now, terminal.id
    audit.record(
        session,
        actor=ENROLMENT,
        at=now,
        action="terminal.enrolled",
        entity="terminal",
        entity_id=terminal.id,
        after={"shop_id": row.shop_id, "name": name, "code_by": row.created_by, "source": source},
    )
    return Enrolment(terminal.id, row.shop_id, token)


def _throttle_wait(session: Session, now: datetime) -> int:
    """Seconds until enrolment may be tried again; 0 if it may now."""
    recent = list(
        session.scalars(
            select(AuditRow.at)
            .where(AuditRow.entity == _REFUSALS, AuditRow.entity_id == "failed")
            .order_by(AuditRow.id.desc())
            .limit(FAILURES_ALLOWED)
        )
    )
    if len(recent) < FAILURES_ALLOWED or recent[-1] + FAILURE_WINDOW <= now:
        return 0
    return max(1, math.ceil((recent[-1] + FAILURE_WINDOW - now).total_seconds()))


def _refused(
    session: Session, now: datetime, kind: str, error: ServiceError, about: dict[str, str | None]
) -> None:
    # Never the code itself: a wrong one may be a typo of a live one.
    audit.record(
        session,
        actor=ENROLMENT,
        at=now,
        action=f"terminal.enrol_{kind}",
        entity=_REFUSALS,
        entity_id=kind,
        after={**about, "reason": error.message},
    )
