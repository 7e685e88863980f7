"""A customer a till's cache does not have yet (a card enrolled a minute ago at the CRM, a
customer from another region), looked up online by card or phone (sync-protocol §4.5).

The answer is the customer as the pull streams would carry it — the customer, its cards
and its group (stream `reference`), its balances and today's limit use (`balances`) — with
each entity's feed version, so the till writes them with the same code as a pull page and
a later pull never moves them backwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services import customer_cards
from crm.services.context import Context
from crm.services.errors import Invalid, NotFound
from crm.services.sync_feed import Change, states
from crm.store.models import CardRow, CustomerRow
from loyalty.card_codes import lookup_keys
from loyalty.contacts import normalise_phone
from loyalty.errors import DomainError


@dataclass(frozen=True, slots=True)
class Found:
    customer_id: str
    reference: tuple[Change, ...]
    balances: tuple[Change, ...]


class LookupService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def lookup(self, *, card: str | None, phone: str | None, business_date: date) -> Found:
        if (card is None) == (phone is None):
            raise Invalid.one("card", "give a card or a phone, one of them")

        def work(session: Session) -> Found:
            customer_id = _by_card(session, card) if card is not None else _by_phone(session, phone)
            if customer_id is None:
                raise NotFound("customer", card or phone or "")
            customer = session.get(CustomerRow, customer_id)
            assert customer is not None
            codes = list(
                session.scalars(select(CardRow.code).where(CardRow.customer_id == customer_id))
            )
            reference = [
                *states(session, "reference", "customer", [customer_id]),
                *states(session, "reference", "card", codes),
            ]
            if customer.group_id is not None:
                reference += states(session, "reference", "group", [customer.group_id])
            balances = [
                *states(session, "balances", "balance", [customer_id]),
                *states(
                    session, "balances", "limit", [f"{customer_id}/{business_date.isoformat()}"]
                ),
            ]
            live = tuple(c for c in balances if c.op == "upsert")
            return Found(customer_id, tuple(reference), live)

        return self.ctx.db.read_snapshot(work)


def _by_card(session: Session, read: str) -> str | None:
    try:
        keys = lookup_keys(read)
    except ValueError as error:
        raise Invalid.one("card", str(error)) from error
    return customer_cards.owner_of(session, keys)


def _by_phone(session: Session, typed: str | None) -> str | None:
    try:
        phone = normalise_phone(typed or "")
    except DomainError as error:
        raise Invalid.one("phone", str(error)) from error
    return session.scalar(select(CustomerRow.id).where(CustomerRow.phone == phone))
