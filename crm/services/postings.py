"""Posting to a balance: the one way credits, wallet and points change.

An entry and the balance move together in the caller's transaction, the balance row locked
first (`FOR UPDATE` on PostgreSQL; SQLite's writer lock serialises anyway), so
balance = Σ entries however many workers post at once. A posting that would take a balance
below zero is refused, naming what there is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services.actor import Actor
from crm.services.errors import Invalid, NotFound
from crm.store.models import ACCOUNTS, BalanceRow, CustomerRow, LedgerEntryRow


@dataclass(frozen=True, slots=True)
class Posted:
    entry_id: int
    customer_id: str
    account: str
    amount: int  # the change: + in, − out
    balance: int  # after the change


def new_balances(customer_id: str) -> list[BalanceRow]:
    """The zero balance rows every customer gets when created."""
    return [BalanceRow(customer_id=customer_id, account=a, amount=0) for a in ACCOUNTS]


def locked_balance(session: Session, customer_id: str, account: str) -> BalanceRow:
    if account not in ACCOUNTS:
        raise Invalid.one("account", f"one of {', '.join(ACCOUNTS)}")
    row = session.scalar(
        select(BalanceRow)
        .where(BalanceRow.customer_id == customer_id, BalanceRow.account == account)
        .with_for_update()
    )
    if row is None:
        if session.get(CustomerRow, customer_id) is None:
            raise NotFound("customer", customer_id)
        row = BalanceRow(customer_id=customer_id, account=account, amount=0)
        session.add(row)
        session.flush()
    return row


def post(
    session: Session,
    *,
    customer_id: str,
    account: str,
    amount: int,
    kind: str,
    description: str,
    actor: Actor,
    at: datetime,
    allow_negative: bool = False,
    operation_id: str | None = None,
    period: int | None = None,
    bill_id: str | None = None,
) -> Posted:
    balance = locked_balance(session, customer_id, account)
    after = balance.amount + amount
    if after < 0 and not allow_negative:
        unit = "points" if account == "points" else "grosze"
        raise Invalid.one(
            "amount",
            f"the customer has {balance.amount} {unit} of {account}; cannot take {-amount}",
        )
    balance.amount = after
    entry = LedgerEntryRow(
        customer_id=customer_id,
        account=account,
        amount=amount,
        balance_after=after,
        kind=kind,
        description=description,
        operation_id=operation_id,
        period=period,
        bill_id=bill_id,
        actor=actor.name,
        created_at=at,
    )
    session.add(entry)
    session.flush()
    return Posted(entry.id, customer_id, account, amount, after)
