"""What a chunk of pushed ops will write, locked up front in one order.

A push applies up to a hundred ops in one transaction. Each bill locks its customer, the
customer's balances and the vouchers it used, and its writes then lock the feed's counter
rows (the change-log triggers) until the commit. Taken as the bills come, two terminals'
chunks would take them in different orders and deadlock; and a chunk already holding a
counter while it waits for a balance row would deadlock with an online hold or an owner's
top-up that holds that balance and waits for the counter. So a chunk takes them all first,
each kind in key order, in the order every other writer takes them: customers, balances,
vouchers, then the counters. One-op transactions never needed this; chunks do.

SQLite has one writer at a time, so there is nothing to order and nothing is queried.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services.voucher_redemptions import used_vouchers
from crm.store.models import (
    BalanceRow,
    CustomerAliasRow,
    CustomerRow,
    SyncCounterRow,
    VoucherRedemptionRow,
    VoucherRow,
)
from sync.wire.ops import BillClosed, BillVoided, Op


def lock_for(session: Session, ops: Sequence[Op]) -> list[CustomerRow]:
    """Lock what the ops will write; the customers' rows, which the caller keeps referenced
    while it applies them (the session's identity map holds rows weakly)."""
    if session.get_bind().dialect.name != "postgresql":
        return []
    bills = [op for op in ops if isinstance(op, BillClosed | BillVoided)]
    customers = _customers(session, {op.customer_id for op in bills if op.customer_id})
    held: list[CustomerRow] = []
    if customers:
        # FOR NO KEY UPDATE: a bill's foreign key holds a key-share lock on its customer,
        # which FOR UPDATE would wait for: a deadlock per pair of tills. The rows stay in the
        # session, so the bills find their customers without asking again.
        held = list(
            session.scalars(
                select(CustomerRow)
                .where(CustomerRow.id.in_(customers))
                .order_by(CustomerRow.id)
                .with_for_update(key_share=True)
            )
        )
        session.execute(
            select(BalanceRow.customer_id)
            .where(BalanceRow.customer_id.in_(customers))
            .order_by(BalanceRow.customer_id, BalanceRow.account)
            .with_for_update()
        )
    codes = _vouchers(session, bills)
    if codes:
        session.execute(
            select(VoucherRow.code)
            .where(VoucherRow.code.in_(codes))
            .order_by(VoucherRow.code)
            .with_for_update()
        )
    session.execute(select(SyncCounterRow.stream).order_by(SyncCounterRow.stream).with_for_update())
    return held


def _customers(session: Session, named: set[str]) -> list[str]:
    """The CRM's ids for the customers the terminal named (a proposal's id via its alias)."""
    if not named:
        return []
    aliased = session.scalars(
        select(CustomerAliasRow.customer_id).where(CustomerAliasRow.alias_id.in_(named))
    )
    return sorted(named | set(aliased))


def _vouchers(session: Session, bills: list[BillClosed | BillVoided]) -> list[str]:
    """Codes the closed bills use, and those the voided bills had redeemed."""
    codes = {code for op in bills if isinstance(op, BillClosed) for code in used_vouchers(op)}
    voided = [op.bill_id for op in bills if isinstance(op, BillVoided)]
    if voided:
        codes |= set(
            session.scalars(
                select(VoucherRedemptionRow.code).where(VoucherRedemptionRow.bill_id.in_(voided))
            )
        )
    return sorted(codes)
