"""A customer's loyalty cards: add, block, unblock, remove — one physical card, one customer.

A card is stored with its canonical enrolment keys (`loyalty.card_codes.enrolment_keys`),
so the same card typed in another reader format ("0006547886" and "0063E9AE") is found to be
taken: equal codes, an equal 32-bit number, or — when either card was enrolled through a
W26 reader and knows only 24 bits — an equal 24-bit number. The unique indexes on `code`,
`key32` and `number` are the last line against two managers adding the same card at once.
These functions run inside the caller's transaction (`CustomerService`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crm.services import audit
from crm.services.actor import Actor
from crm.services.errors import Conflict, NotFound, Problems
from crm.store.models import CardRow, CustomerRow
from loyalty.card_codes import CardKeys, enrolment_keys
from loyalty.customers import Card

# The first key of PostgreSQL's two-key advisory locks that guard card numbers.
CARD_LOCK_SPACE = 7243

NUMBER_MAX = 64


@dataclass(frozen=True, slots=True)
class CardView:
    id: str
    customer_id: str
    code: str
    number: str
    expires_on: date | None
    blocked: bool
    status: str  # active | blocked | expired, on the day it was read
    created_at: datetime


def card_view(row: CardRow, today: date) -> CardView:
    card = Card(row.code, row.number, row.customer_id, row.expires_on, row.blocked)
    return CardView(
        row.id,
        row.customer_id,
        row.code,
        row.number,
        row.expires_on,
        row.blocked,
        card.status_on(today).value,
        row.created_at,
    )


def checked_card(code: str, number: str | None) -> tuple[CardKeys, str]:
    """The card's keys and printed number; `Invalid` naming each bad field."""
    problems = Problems()
    keys = CardKeys("")
    try:
        keys = enrolment_keys(code)
    except ValueError as error:  # card_codes raises plain ValueError with a readable text
        problems.add("code", str(error))
    if len(keys.code) > 64:
        problems.add("code", "at most 64 characters")
    printed = (number or "").strip() or keys.code  # no printed number: the code is shown
    if len(printed) > NUMBER_MAX:
        problems.add("number", f"at most {NUMBER_MAX} characters")
    problems.raise_if_any()
    return keys, printed


def owner_of(session: Session, keys: CardKeys) -> str | None:
    """The customer who has this physical card (in any reader form), if anyone."""
    return session.scalar(select(CardRow.customer_id).where(_same_card(keys)).limit(1))


def _same_card(keys: CardKeys) -> ColumnElement[bool]:
    """Whether a stored card is the same physical card as `keys` (`card_codes.matches`)."""
    same: list[ColumnElement[bool]] = [CardRow.code == keys.code]
    # Every reading of the keys: a card typed in hex is either byte order (lookup_keys
    # gives both), and taking one of them would miss the card half the time.
    key32 = sorted(keys.key32)
    key24 = sorted(keys.key24)
    if key32:
        same.append(CardRow.key32.in_(key32))
        # 24 bits only prove identity when one side knows no more (a W26 enrolment).
        if key24:
            same.append(and_(CardRow.key24.in_(key24), CardRow.key32.is_(None)))
    elif key24:
        same.append(CardRow.key24.in_(key24))
    return or_(*same)


def add_card(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    customer_id: str,
    keys: CardKeys,
    number: str,
    expires_on: date | None,
    new_id: str,
) -> CardView:
    # FOR NO KEY UPDATE: bills a till is pushing for this customer hold key-share locks on
    # the row; a stronger lock would wait on each of them (and deadlock with some).
    customer = session.get(CustomerRow, customer_id, with_for_update={"key_share": True})
    if customer is None:
        raise NotFound("customer", customer_id)
    key24 = next(iter(keys.key24), None)
    if key24 is not None and session.get_bind().dialect.name == "postgresql":
        # No unique index can say "24 bits equal and one side knows only 24": two managers
        # adding such a card at once are serialised on its 24-bit number instead (SQLite
        # has one writer anyway). The lock ends with the transaction.
        session.execute(select(func.pg_advisory_xact_lock(CARD_LOCK_SPACE, key24)))
    taken = session.execute(
        select(CardRow.code, CardRow.customer_id).where(_same_card(keys)).limit(1)
    ).first()
    if taken is not None:
        raise Conflict(
            "code", f"already enrolled as card {taken.code} of customer {taken.customer_id}"
        )
    if session.scalar(select(CardRow.customer_id).where(CardRow.number == number)):
        raise Conflict("number", f"card number {number!r} is already used")
    row = CardRow(
        id=new_id,
        customer_id=customer_id,
        code=keys.code,
        number=number,
        key32=next(iter(keys.key32), None),
        key24=next(iter(keys.key24), None),
        expires_on=expires_on,
        blocked=False,
        created_at=now,
        version=1,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as error:  # a concurrent enrolment of the same card won the race
        raise Conflict("code", "this card was just added to another customer") from error
    _touch(customer, now)
    after = {"code": row.code, "number": number, "expires_on": _day(expires_on)}
    audit.record(
        session,
        actor=actor,
        at=now,
        action="card.added",
        entity="card",
        entity_id=row.id,
        after=after,
        customer_id=customer_id,
    )
    return card_view(row, now.date())


def set_blocked(
    session: Session, *, actor: Actor, now: datetime, card_id: str, blocked: bool
) -> CardView:
    row = session.get(CardRow, card_id, with_for_update=True)
    if row is None:
        raise NotFound("card", card_id)
    if row.blocked != blocked:
        row.blocked = blocked
        row.version += 1
        _bump(session, row.customer_id, now)
        audit.record(
            session,
            actor=actor,
            at=now,
            action="card.blocked" if blocked else "card.unblocked",
            entity="card",
            entity_id=card_id,
            before={"blocked": not blocked},
            after={"blocked": blocked},
            customer_id=row.customer_id,
        )
    return card_view(row, now.date())


def remove_card(session: Session, *, actor: Actor, now: datetime, card_id: str) -> None:
    row = session.get(CardRow, card_id, with_for_update=True)
    if row is None:
        raise NotFound("card", card_id)
    before = {"code": row.code, "number": row.number, "blocked": row.blocked}
    session.delete(row)
    _bump(session, row.customer_id, now)
    audit.record(
        session,
        actor=actor,
        at=now,
        action="card.removed",
        entity="card",
        entity_id=card_id,
        before=before,
        customer_id=row.customer_id,
    )


def _touch(customer: CustomerRow, now: datetime) -> None:
    # Cards travel to terminals with their customer: a card change is a customer change.
    customer.version += 1
    customer.updated_at = now


def _bump(session: Session, customer_id: str, now: datetime) -> None:
    session.execute(
        update(CustomerRow)
        .where(CustomerRow.id == customer_id)
        .values(version=CustomerRow.version + 1, updated_at=now)
    )


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
