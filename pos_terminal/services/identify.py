"""Identifying the customer on a bill: by a card read, a typed card number, or a search pick.

The answer carries what the customer has available right now (credits, wallet, points,
today's remaining group limit), computed from the local cache alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from loyalty.customers import Card, CardStatus, Customer, CustomerState
from loyalty.money import Money
from pos_terminal.db.uow import UnitOfWork


class IdentifyStatus(StrEnum):
    FOUND = "found"
    UNREADABLE = "unreadable"  # the read cannot be a card code
    UNKNOWN_CARD = "unknown_card"
    AMBIGUOUS_CARD = "ambiguous_card"  # a short (W26) read that fits several cards
    BLOCKED_CARD = "blocked_card"
    EXPIRED_CARD = "expired_card"
    UNKNOWN_CUSTOMER = "unknown_customer"
    DEACTIVATED = "deactivated"


@dataclass(frozen=True, slots=True)
class Identification:
    status: IdentifyStatus
    read: str
    card: Card | None = None
    state: CustomerState | None = None

    @property
    def found(self) -> bool:
        return self.status is IdentifyStatus.FOUND


def customer_state(tx: UnitOfWork, customer: Customer, business_date: date) -> CustomerState:
    """The customer with their group and what is available to them on `business_date`."""
    group = tx.rules.group(customer.group_id) if customer.group_id else None
    balances = tx.balances.available(customer.id, business_date)
    return CustomerState(
        customer=customer,
        group=group,
        credits=balances.credits,
        wallet=balances.wallet,
        points=balances.points,
        group_discount_used_today=balances.group_discount_used_today,
        allowance_used_here=(
            balances.allowance_used_here
            if customer.discount_allowance is not None
            else Money.zero()
        ),
    )


def _for_card(
    tx: UnitOfWork,
    card: Card,
    customer: Customer | None,
    read: str,
    *,
    today: date,
    business_date: date,
) -> Identification:
    status = card.status_on(today)
    state = customer_state(tx, customer, business_date) if customer is not None else None
    if status is CardStatus.BLOCKED:
        return Identification(IdentifyStatus.BLOCKED_CARD, read, card, state)
    if status is CardStatus.EXPIRED:
        return Identification(IdentifyStatus.EXPIRED_CARD, read, card, state)
    if customer is None:
        return Identification(IdentifyStatus.UNKNOWN_CUSTOMER, read, card)
    if not customer.active:
        return Identification(IdentifyStatus.DEACTIVATED, read, card, state)
    return Identification(IdentifyStatus.FOUND, read, card, state)


def identify_by_card(
    tx: UnitOfWork, read: str, *, today: date, business_date: date
) -> Identification:
    """What a reader typed, in any of the forms readers use for the same card."""
    try:
        cards = tx.cards.find_with_customers(read)
    except ValueError:
        return Identification(IdentifyStatus.UNREADABLE, read)
    if not cards:
        return Identification(IdentifyStatus.UNKNOWN_CARD, read)
    if len(cards) > 1:
        return Identification(IdentifyStatus.AMBIGUOUS_CARD, read)
    [(card, customer)] = cards
    return _for_card(tx, card, customer, read, today=today, business_date=business_date)


def identify_by_number(
    tx: UnitOfWork, number: str, *, today: date, business_date: date
) -> Identification:
    """The number printed on the card, typed by the cashier; failing that, any form a
    reader shows of its code ("0006547886" as well as "1001")."""
    card = tx.cards.find_by_number(number)
    if card is None:
        return identify_by_card(tx, number.strip(), today=today, business_date=business_date)
    customer = tx.customers.by_id(card.customer_id)
    return _for_card(tx, card, customer, number, today=today, business_date=business_date)


def identify_by_id(tx: UnitOfWork, customer_id: str, *, business_date: date) -> Identification:
    """A customer picked from the search results."""
    customer = tx.customers.by_id(customer_id)
    if customer is None:
        return Identification(IdentifyStatus.UNKNOWN_CUSTOMER, customer_id)
    state = customer_state(tx, customer, business_date)
    status = IdentifyStatus.FOUND if customer.active else IdentifyStatus.DEACTIVATED
    return Identification(status, customer_id, None, state)
