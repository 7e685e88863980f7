"""What the ledger shows: balances, credit operations with their runs, newest-first pages.

`older_than` is keyset pagination for lists shown newest first (the shared
`crm.services.keyset` pages oldest first); its cursors are the same opaque form.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from crm.services.errors import Invalid, NotFound
from crm.services.keyset import Page, page_of
from crm.services.periods import next_period
from crm.store.models import BalanceRow, CreditOperationRow, CustomerRow, OperationRunRow


@dataclass(frozen=True, slots=True)
class Balances:
    customer_id: str
    credits: int  # grosze
    wallet: int  # grosze
    points: int


@dataclass(frozen=True, slots=True)
class OperationRun:
    period: int
    due_on: date
    customers: int  # whose balance changed
    ran_at: datetime


@dataclass(frozen=True, slots=True)
class Operation:
    id: str
    account: str
    kind: str
    amount: int
    description: str
    customer_id: str | None  # one customer, or
    filter: dict[str, Any] | None  # every customer of this filter (re-read each period)
    every_months: int | None  # None: once
    start_date: date
    end_date: date | None
    active: bool
    created_by: str
    created_at: datetime
    runs: tuple[OperationRun, ...]
    next_due_on: date | None  # None: nothing more will run


def older_than(
    cursor: str | None, first: Any, second: Any, load: Callable[[str], Any] = str
) -> list[ColumnElement[bool]]:
    """The WHERE clause for rows after the cursor in (first DESC, second DESC) order."""
    if not cursor:
        return []
    try:
        text, last = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        key = load(str(text))
    except (ValueError, TypeError, binascii.Error, UnicodeError) as error:
        raise Invalid.one("cursor", "not a cursor this list gave") from error
    if second is None:
        return [first < key]
    return [or_(first < key, and_(first == key, second < str(last)))]


def balances_of(session: Session, customer_id: str) -> Balances:
    if session.get(CustomerRow, customer_id) is None:
        raise NotFound("customer", customer_id)
    found = {
        account: amount
        for account, amount in session.execute(
            select(BalanceRow.account, BalanceRow.amount).where(
                BalanceRow.customer_id == customer_id
            )
        )
    }
    return Balances(
        customer_id, found.get("credits", 0), found.get("wallet", 0), found.get("points", 0)
    )


def _runs(session: Session, ids: list[str]) -> dict[str, list[OperationRun]]:
    runs: dict[str, list[OperationRun]] = {key: [] for key in ids}
    rows = session.scalars(
        select(OperationRunRow)
        .where(OperationRunRow.operation_id.in_(ids))
        .order_by(OperationRunRow.operation_id, OperationRunRow.period)
    )
    for row in rows:
        runs[row.operation_id].append(
            OperationRun(row.period, row.due_on, row.customers, row.ran_at)
        )
    return runs


def _view(row: CreditOperationRow, runs: list[OperationRun]) -> Operation:
    last = runs[-1].period if runs else None
    following = next_period(row.start_date, row.every_months, row.end_date, last)
    return Operation(
        id=row.id,
        account=row.account,
        kind=row.kind,
        amount=row.amount,
        description=row.description,
        customer_id=row.customer_id,
        filter=row.filter,
        every_months=row.every_months,
        start_date=row.start_date,
        end_date=row.end_date,
        active=row.active,
        created_by=row.created_by,
        created_at=row.created_at,
        runs=tuple(runs),
        next_due_on=following.due_on if following and row.active else None,
    )


def operation_of(session: Session, row: CreditOperationRow) -> Operation:
    return _view(row, _runs(session, [row.id])[row.id])


def operations_page(
    session: Session,
    *,
    recurring: bool | None,
    active: bool | None,
    customer_id: str | None,
    cursor: str | None,
    limit: int,
) -> Page[Operation]:
    query = select(CreditOperationRow).where(
        *older_than(
            cursor, CreditOperationRow.created_at, CreditOperationRow.id, datetime.fromisoformat
        )
    )
    if recurring is not None:
        every = CreditOperationRow.every_months
        query = query.where(every.is_not(None) if recurring else every.is_(None))
    if active is not None:
        query = query.where(CreditOperationRow.active.is_(active))
    if customer_id is not None:
        query = query.where(CreditOperationRow.customer_id == customer_id)
    rows = list(
        session.scalars(
            query.order_by(
                CreditOperationRow.created_at.desc(), CreditOperationRow.id.desc()
            ).limit(limit + 1)
        )
    )
    runs = _runs(session, [row.id for row in rows])
    views = [_view(row, runs[row.id]) for row in rows]
    return page_of(views, limit, lambda view: (view.created_at.isoformat(), view.id))
