"""Customers and cards proposed at a till, decided by the CRM (sync-protocol §5.4).

A customer added offline may be someone the chain already knows — the same person signed
up at two tills, or at the till and online. The CRM looks for them by phone, e-mail, NIP
and card, in that order; a match makes the till's local id an alias of the customer found,
otherwise the customer is created under the till's own id. Either way the answer names
the one id every terminal should use, and bills naming the local id land on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services import customer_cards
from crm.services.actor import Actor
from crm.services.bill_facts import canonical_customer
from crm.services.context import new_id
from crm.services.customer_input import CustomerInput
from crm.services.customers import CustomerService
from crm.services.errors import Conflict, Invalid, NotFound, ServiceError
from crm.store.models import CustomerAliasRow, CustomerGroupRow, CustomerRow
from loyalty.card_codes import enrolment_keys
from sync.wire.ops import CardAssigned, CustomerProposed

CARD_TAKEN = "card_taken"
GROUP_UNKNOWN = "group_unknown"


class RefusedError(ServiceError):
    """An op the CRM will not apply (a card already someone else's): rejected, with why."""

    code = "refused"


@dataclass(frozen=True, slots=True)
class Decision:
    customer_id: str
    merged: bool  # True: an existing customer, the local id is now its alias
    matched_by: str | None
    flags: tuple[str, ...]

    def result(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "merged": self.merged,
            "matched_by": self.matched_by,
            "flags": list(self.flags),
        }


def decide(
    session: Session,
    customers: CustomerService,
    op: CustomerProposed,
    *,
    op_id: str,
    actor: Actor,
    now: datetime,
) -> Decision:
    known = canonical_customer(session, op.local_id)
    if known is not None:  # proposed again (a restored till): the same answer
        return Decision(known, known != op.local_id, None, ())
    found = _match(session, op)
    if found is not None:
        customer_id, matched_by = found
        session.add(
            CustomerAliasRow(
                alias_id=op.local_id, customer_id=customer_id, source_op=op_id, created_at=now
            )
        )
        return Decision(
            customer_id, True, matched_by, _give_card(session, op, customer_id, actor, now)
        )
    flags: tuple[str, ...] = ()
    group_id = op.group_id
    if group_id is not None and session.get(CustomerGroupRow, group_id) is None:
        group_id, flags = None, (GROUP_UNKNOWN,)
    fields = CustomerInput(
        name=op.name, phone=op.phone, email=op.email, nip=op.nip, group_id=group_id
    )
    try:
        with session.begin_nested():
            customers.create_in(session, actor, fields, customer_id=op.local_id)
    except Conflict:  # the same phone, committed by another till a moment ago
        return decide(session, customers, op, op_id=op_id, actor=actor, now=now)
    except Invalid as error:
        raise RefusedError(f"the customer cannot be created: {error}") from error
    flags += _give_card(session, op, op.local_id, actor, now)
    return Decision(op.local_id, False, None, flags)


def _match(session: Session, op: CustomerProposed) -> tuple[str, str] | None:
    checks = (
        ("phone", CustomerRow.phone, op.phone),
        ("email", CustomerRow.email, op.email.lower() if op.email else None),
        ("nip", CustomerRow.nip, op.nip),
    )
    for name, column, value in checks:
        if value:
            found = session.scalar(select(CustomerRow.id).where(column == value).limit(1))
            if found is not None:
                return found, name
    if op.card is not None:
        try:
            owner = customer_cards.owner_of(session, enrolment_keys(op.card.code))
        except ValueError:
            owner = None
        if owner is not None:
            return owner, "card"
    return None


def _give_card(
    session: Session, op: CustomerProposed, customer_id: str, actor: Actor, now: datetime
) -> tuple[str, ...]:
    if op.card is None:
        return ()
    try:
        _add_card(session, customer_id, op.card.code, op.card.number, actor=actor, now=now)
    except RefusedError:
        return (CARD_TAKEN,)
    return ()


def assign_card(session: Session, op: CardAssigned, *, actor: Actor, now: datetime) -> str:
    """Give the card tapped at the till to the customer; RefusedError when it cannot be."""
    customer_id = canonical_customer(session, op.customer_id)
    if customer_id is None:
        raise RefusedError(f"no customer {op.customer_id!r}")
    _add_card(session, customer_id, op.code, op.code, actor=actor, now=now)
    return customer_id


def _add_card(
    session: Session, customer_id: str, code: str, number: str, *, actor: Actor, now: datetime
) -> None:
    """In a savepoint: a card someone else holds leaves the rest of the op standing."""
    try:
        keys, printed = customer_cards.checked_card(code, number)
        if customer_cards.owner_of(session, keys) == customer_id:
            return  # already theirs: a repeated proposal
        with session.begin_nested():
            customer_cards.add_card(
                session,
                actor=actor,
                now=now,
                customer_id=customer_id,
                keys=keys,
                number=printed,
                expires_on=None,
                new_id=new_id(),
            )
    except (Conflict, Invalid, NotFound) as error:
        raise RefusedError(f"card {code}: {error}") from error
