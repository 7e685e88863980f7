"""One period of a credit operation, applied in the caller's transaction: claimed, then posted.

The claim is the `operation_run` row: its primary key (operation, period) lets one
transaction win; a second claim does nothing (`ON CONFLICT DO NOTHING`; on PostgreSQL it
waits for the first claimer and then finds the row), so a period is posted once however many
workers run it. The claim and the postings commit or roll back together.

A single-customer operation posts through `postings.post` (row lock, refusal below zero).
A filter's operation is set-based SQL, whatever the number of customers:

1. lock the filter's balance rows in customer order (`FOR UPDATE`; concurrent bulk runs then
   queue instead of deadlocking; SQLite's writer lock serialises anyway);
2. `INSERT INTO ledger_entry … SELECT` from those balances, each entry computing its change
   and `balance_after` from the locked amount (it locks again, for a customer who joined
   the filter in between);
3. `UPDATE balance` to the entries' `balance_after`: the entries are the truth.

A one-off reduce that would take anyone below zero is refused whole after step 2 (the
transaction rolls back: nothing changes), naming how many and the first few customers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    CursorResult,
    Table,
    case,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from crm.services.actor import Actor
from crm.services.customer_filter import CustomerFilter, matching_ids
from crm.services.errors import Invalid
from crm.services.periods import Period
from crm.services.postings import locked_balance, post
from crm.store.base import Base, UtcDateTime
from crm.store.models import (
    BalanceRow,
    CreditOperationRow,
    CustomerRow,
    LedgerEntryRow,
    OperationRunRow,
)

NAMED_SHORTFALLS = 3


def unit_of(account: str) -> str:
    return "points" if account == "points" else "grosze"


def run_period(
    session: Session, operation: CreditOperationRow, period: Period, actor: Actor, at: datetime
) -> int | None:
    """Claim and apply `period`: the number of customers whose balance changed, or None if
    the period was already claimed (by another worker, or an earlier run)."""
    if not _claim(session, operation.id, period, at):
        return None
    if operation.customer_id is not None:
        changed = _apply_one(session, operation, period, actor, at)
    else:
        changed = _apply_filter(session, operation, period, actor, at)
    session.execute(
        update(OperationRunRow)
        .where(
            OperationRunRow.operation_id == operation.id, OperationRunRow.period == period.number
        )
        .values(customers=changed)
    )
    return changed


def _table(model: type[Base]) -> Table:
    # Core statements on the table: an ORM-entity INSERT is run as a bulk insert, and an
    # INSERT's rowcount is kept only when asked (`preserve_rowcount`).
    return cast(Table, model.__table__)


def _claim(session: Session, operation_id: str, period: Period, at: datetime) -> bool:
    dialect = session.get_bind().dialect.name
    values = {
        "operation_id": operation_id,
        "period": period.number,
        "due_on": period.due_on,
        "customers": 0,
        "ran_at": at,
    }
    insert_of = postgresql.insert if dialect == "postgresql" else sqlite.insert
    claim = insert_of(_table(OperationRunRow)).values(**values).on_conflict_do_nothing()
    result = cast(
        CursorResult[Any], session.execute(claim.execution_options(preserve_rowcount=True))
    )
    return result.rowcount == 1


def _apply_one(
    session: Session, operation: CreditOperationRow, period: Period, actor: Actor, at: datetime
) -> int:
    customer_id = operation.customer_id or ""
    current = locked_balance(session, customer_id, operation.account).amount
    if operation.kind == "add":
        change = operation.amount
    elif operation.kind == "set":
        change = operation.amount - current
    elif operation.every_months is None:
        change = -operation.amount  # post() refuses it below zero, naming what there is
    else:
        change = -min(operation.amount, max(current, 0))  # a recurring reduce takes what is
    if change == 0:
        return 0
    post(
        session,
        customer_id=customer_id,
        account=operation.account,
        amount=change,
        kind=operation.kind,
        description=operation.description,
        actor=actor,
        at=at,
        operation_id=operation.id,
        period=period.number,
    )
    return 1


def _change(operation: CreditOperationRow) -> ColumnElement[int]:
    """Each customer's change as SQL over the locked `balance.amount`."""
    amount = literal(operation.amount, BigInteger)
    if operation.kind == "add":
        return amount
    if operation.kind == "set":
        return amount - BalanceRow.amount
    if operation.every_months is None:
        return -amount
    # Recurring reduce: at most what the customer has, never making a balance grow.
    return -case(
        (BalanceRow.amount <= 0, literal(0, BigInteger)),
        (BalanceRow.amount < amount, BalanceRow.amount),
        else_=amount,
    )


def _apply_filter(
    session: Session, operation: CreditOperationRow, period: Period, actor: Actor, at: datetime
) -> int:
    where = CustomerFilter.from_document(operation.filter)
    targets = (BalanceRow.account == operation.account) & BalanceRow.customer_id.in_(
        matching_ids(where)
    )
    locking = (
        select(BalanceRow.customer_id)
        .where(targets)
        .order_by(BalanceRow.customer_id)
        .with_for_update(of=BalanceRow)
    )
    session.execute(select(func.count()).select_from(locking.subquery()))

    change = _change(operation)
    source = (
        select(
            BalanceRow.customer_id,
            BalanceRow.account,
            change,
            BalanceRow.amount + change,
            literal(operation.kind),
            literal(operation.description),
            literal(operation.id),
            literal(period.number),
            literal(actor.name),
            literal(at, UtcDateTime()),
        )
        .where(targets, change != 0)
        .order_by(BalanceRow.customer_id)
        .with_for_update(of=BalanceRow)
    )
    columns = [
        "customer_id",
        "account",
        "amount",
        "balance_after",
        "kind",
        "description",
        "operation_id",
        "period",
        "actor",
        "created_at",
    ]
    insert_entries = insert(_table(LedgerEntryRow)).from_select(columns, source)
    inserted = cast(
        CursorResult[Any], session.execute(insert_entries.execution_options(preserve_rowcount=True))
    ).rowcount

    this_period = (LedgerEntryRow.operation_id == operation.id) & (
        LedgerEntryRow.period == period.number
    )
    if operation.kind == "reduce" and operation.every_months is None:
        _refuse_shortfalls(session, operation, this_period)
    balance_after = (
        select(LedgerEntryRow.balance_after)
        .where(
            this_period,
            LedgerEntryRow.customer_id == BalanceRow.customer_id,
            LedgerEntryRow.account == BalanceRow.account,
        )
        .scalar_subquery()
    )
    session.execute(
        update(BalanceRow)
        .where(
            BalanceRow.account == operation.account,
            BalanceRow.customer_id.in_(select(LedgerEntryRow.customer_id).where(this_period)),
        )
        .values(amount=balance_after)
        .execution_options(synchronize_session=False)
    )
    return inserted


def _refuse_shortfalls(
    session: Session, operation: CreditOperationRow, this_period: ColumnElement[bool]
) -> None:
    short = this_period & (LedgerEntryRow.balance_after < 0)
    count = session.scalar(select(func.count()).select_from(LedgerEntryRow).where(short)) or 0
    if not count:
        return
    first = session.execute(
        select(CustomerRow.name, LedgerEntryRow.balance_after - LedgerEntryRow.amount)
        .join(CustomerRow, CustomerRow.id == LedgerEntryRow.customer_id)
        .where(short)
        .order_by(CustomerRow.sort_name, CustomerRow.id)
        .limit(NAMED_SHORTFALLS)
    ).all()
    unit = unit_of(operation.account)
    named = ", ".join(f"{name} has {has}" for name, has in first)
    more = f" and {count - len(first)} more" if count > len(first) else ""
    raise Invalid.one(
        "amount",
        f"{count} customer(s) of the filter have less than {operation.amount} {unit} of "
        f"{operation.account} ({named}{more}); nothing was changed",
    )
