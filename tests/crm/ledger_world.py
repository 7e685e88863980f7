"""Customers, groups and a movable clock for the ledger, scheduler and history tests.

Customers are made minimally (a row and its zero balances) straight in the database, so
these tests do not depend on the customer API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.services.container import CrmServices
from crm.services.context import new_id
from crm.services.postings import new_balances
from crm.store.models import BalanceRow, CustomerGroupRow, CustomerRow, LedgerEntryRow


@dataclass
class FakeClock:
    """A clock the test moves by hand (`CrmServices(db, clock=FakeClock(...))`)."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def add_group(services: CrmServices, name: str = "Stali klienci") -> str:
    def work(session: Session) -> str:
        at = datetime.now(UTC)
        group_id = new_id()
        reference = f"{name.lower().replace(' ', '-')}-{group_id[:8]}"
        session.add(
            CustomerGroupRow(
                id=group_id, name=name, reference=reference, created_at=at, updated_at=at
            )
        )
        return group_id

    return services.ctx.db.write(work)


def add_customers(
    services: CrmServices, count: int = 1, *, group_id: str | None = None, name: str = "Klient"
) -> list[str]:
    """`count` customers named "<name> 1" …, each with zero credits, wallet and points."""

    def work(session: Session) -> list[str]:
        at = datetime.now(UTC)
        ids = [new_id() for _ in range(count)]
        for number, customer_id in enumerate(ids, start=1):
            session.add(
                CustomerRow(
                    id=customer_id,
                    name=f"{name} {number}",
                    sort_name=f"{name.lower()} {number:04d}",
                    group_id=group_id,
                    created_at=at,
                    updated_at=at,
                )
            )
        session.flush()
        for customer_id in ids:
            session.add_all(new_balances(customer_id))
        return ids

    return services.ctx.db.write(work)


def balance(services: CrmServices, customer_id: str, account: str = "credits") -> int:
    return services.ctx.db.read(
        lambda session: (
            session.scalar(
                select(BalanceRow.amount).where(
                    BalanceRow.customer_id == customer_id, BalanceRow.account == account
                )
            )
            or 0
        )
    )


def entries_sum(services: CrmServices, customer_id: str, account: str = "credits") -> int:
    return services.ctx.db.read(
        lambda session: int(
            session.scalar(
                select(func.coalesce(func.sum(LedgerEntryRow.amount), 0)).where(
                    LedgerEntryRow.customer_id == customer_id, LedgerEntryRow.account == account
                )
            )
            or 0
        )
    )


def ledgers_agree(services: CrmServices) -> bool:
    """Every balance row equals the sum of its entries, and the last entry's balance_after."""

    def work(session: Session) -> bool:
        sums = {
            key: total
            for key, total in session.execute(
                select(
                    LedgerEntryRow.customer_id + "/" + LedgerEntryRow.account,
                    func.sum(LedgerEntryRow.amount),
                ).group_by(LedgerEntryRow.customer_id, LedgerEntryRow.account)
            )
        }
        for row in session.scalars(select(BalanceRow)):
            key = f"{row.customer_id}/{row.account}"
            if int(sums.get(key, 0)) != row.amount:
                return False
            last = session.scalar(
                select(LedgerEntryRow.balance_after)
                .where(
                    LedgerEntryRow.customer_id == row.customer_id,
                    LedgerEntryRow.account == row.account,
                )
                .order_by(LedgerEntryRow.id.desc())
                .limit(1)
            )
            if last is not None and last != row.amount:
                return False
        return True

    return services.ctx.db.read(work)
