"""A customer onto the open bill in one unit of work: identify, attach, price.

A card tap (or a typed card number, or a customer picked from the search) is answered with
everything the screen shows next: who it is and, when the bill has no other customer, the
bill with them on it, priced with what they have now. Their state (balances, today's
limit, group) is computed once, by the identification, and the pricing uses it; the rules
come from the store's in-memory `RulesCache`. The draft is saved afterwards, in a unit of
work of its own (`bills.save_draft`), so the cashier waits for reads only. Replacing
another customer takes the cashier's word first, so that case comes back unattached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from loyalty.customers import CustomerState
from pos_terminal.db.store import Store
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.priced import PricedBill
from pos_terminal.services.bills import price_open_bill
from pos_terminal.services.identify import Identification, IdentifyStatus, identify_by_card
from sync.wire.holds import Authorizer

T = TypeVar("T")
Step = Callable[[UnitOfWork, Identification], T]  # what to do with it, in the same unit of work


@dataclass(frozen=True, slots=True)
class Attached:
    """What an identification did to the open bill."""

    identification: Identification
    bill: Bill  # with the customer when attached, else as it was given
    priced: PricedBill | None = None  # the attached bill priced; None when not attached

    @property
    def state(self) -> CustomerState | None:
        return self.identification.state


def onto(
    tx: UnitOfWork, bill: Bill, found: Identification, *, at: datetime, business_date: date
) -> Attached:
    """Attach the customer found when the bill has none or has them already, and price it
    with the state the identification computed."""
    state = found.state
    if not found.found or state is None or bill.customer_id not in (None, state.customer.id):
        return Attached(found, bill)
    attached = bill.with_customer(state.customer.id)
    priced = price_open_bill(tx, attached, at=at, business_date=business_date, state=state)
    return Attached(found, attached, priced)


def by_card(
    store: Store,
    authorizer: Authorizer | None,
    read: str,
    then: Step[T],
    *,
    today: date,
    business_date: date,
) -> T:
    """What a reader typed, found in the cache and handed to `then` in one read-only unit of
    work. A card the cache lacks is asked of the CRM (when online, within its budget), cached
    for the next tap, and `then` runs again in the unit of work that caches it."""
    with store.unit_of_work(read_only=True) as tx:
        found = identify_by_card(tx, read, today=today, business_date=business_date)
        answer = then(tx, found)
    if found.status is not IdentifyStatus.UNKNOWN_CARD or authorizer is None:
        return answer
    looked_up = authorizer.lookup(card=read, business_date=business_date)
    if looked_up is None:
        return answer
    with store.unit_of_work() as tx:
        tx.pulled.apply_looked_up("reference", looked_up.reference)
        tx.pulled.apply_looked_up("balances", looked_up.balances)
        return then(tx, identify_by_card(tx, read, today=today, business_date=business_date))
