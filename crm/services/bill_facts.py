"""A terminal's closed and voided bills, applied to the CRM's ledgers in the op's transaction.

A closed bill is a fact: the food was served. It is recorded whatever it finds — a balance
that goes below zero, a daily limit or discount allowance already used elsewhere, a
customer the CRM no longer has — and what it found becomes the bill's flags for a manager,
never a refusal (sync-protocol §4.1.5, §5). Amounts are the terminal's; the CRM posts them as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, delete, func, literal, select, update
from sqlalchemy.orm import Session

from crm.services import holds, review, voucher_redemptions
from crm.services.actor import Actor
from crm.services.postings import post
from crm.store.base import UtcDateTime
from crm.store.models import (
    BillRow,
    CustomerAliasRow,
    CustomerGroupRow,
    CustomerRow,
    DiscountUsageRow,
    LedgerEntryRow,
)
from sync.wire import codec
from sync.wire.ops import BillClosed, BillVoided

# Flags a manager sees on a bill.
WALLET_OVERDRAFT = "wallet_overdraft"
CREDITS_OVERDRAFT = "credits_overdraft"
OVER_LIMIT = "over_limit"
OVER_ALLOWANCE = "over_allowance"
UNKNOWN_CUSTOMER = "unknown_customer"
VOID_OF_UNKNOWN_BILL = "void_of_unknown_bill"


@dataclass(frozen=True, slots=True)
class Recorded:
    customer_id: str | None  # the CRM's id for the bill's customer (after any alias)
    flags: tuple[str, ...]
    again: bool = False  # the bill was recorded before (its processed_op was purged)


def canonical_customer(session: Session, customer_id: str | None) -> str | None:
    """The CRM's id for a customer a terminal names (its own id, or a proposal's local id);
    None when the CRM has no such customer."""
    if customer_id is None:
        return None
    # Its own id first (a chunk has the row already); a merged proposal's id is only an alias.
    if session.get(CustomerRow, customer_id) is not None:
        return customer_id
    alias = session.get(CustomerAliasRow, customer_id)
    return alias.customer_id if alias is not None else None


def record_closed(
    session: Session,
    op: BillClosed,
    *,
    op_id: str,
    terminal_id: str,
    actor: Actor,
    now: datetime,
    look_first: bool = True,
) -> Recorded:
    """Record the bill and its effects. `look_first=False` skips the look for a bill already
    recorded under this op (its processed_op purged since): the insert then fails on the
    bill's unique op id, and the caller must apply the op again looking first."""
    if look_first:
        known = session.scalar(select(BillRow).where(BillRow.op_id == op_id))
        if known is not None:  # bill.op_id is UNIQUE for ever: the same answer again
            return Recorded(known.customer_id, tuple(known.flags), again=True)
    customer_id = canonical_customer(session, op.customer_id)
    flags: list[str] = []
    if op.customer_id is not None and customer_id is None:
        flags.append(UNKNOWN_CUSTOMER)
    bill = BillRow(
        bill_id=op.bill_id,
        op_id=op_id,
        terminal_id=terminal_id,
        local_no=op.local_no,
        business_date=op.business_date,
        customer_id=customer_id,
        total_minor=op.total.minor,
        discount_minor=op.gross.minor - op.total.minor,
        status="closed",
        closed_at=op.closed_at,
        received_at=now,
        payload=codec.encode(op),
        flags=[],
    )
    session.add(bill)
    session.flush()
    flags += voucher_redemptions.redeem(session, op, op_id=op_id, terminal_id=terminal_id, now=now)
    if _could_hold(op):
        holds.post_hold(session, op.authorization_id, customer_id, op_id=op_id)
    if customer_id is not None:
        flags += _post_balances(session, op, customer_id, actor, now)
        if op.group_discount.minor:
            flags += _count_group_discount(session, op, customer_id)
        _count_visit(session, customer_id, op.closed_at)
    bill.flags = sorted(set(flags))
    if bill.flags:
        review.raise_bill(session, bill, now)
    return Recorded(customer_id, tuple(bill.flags))


def _count_visit(session: Session, customer_id: str, closed_at: datetime) -> None:
    """One more transaction, and the latest activity: computed by the database on the row
    it locks, so two tills' bills of one customer never lose one."""
    latest, closed = CustomerRow.last_activity_at, literal(closed_at, UtcDateTime())
    later = case((latest.is_(None) | (latest < closed), closed), else_=latest)
    session.execute(
        update(CustomerRow)
        .where(CustomerRow.id == customer_id)
        .values(
            transactions=CustomerRow.transactions + 1,
            last_activity_at=later,
        )
        .execution_options(synchronize_session=False)  # nothing in a push reads them back
    )


def _could_hold(op: BillClosed) -> bool:
    """A till asks for a hold only for a customer's credits or wallet, or for vouchers (the
    terminal's `stored_value.hold_request`; keep the two alike): a bill with none of them
    has no hold to post, and needs no look for one."""
    spent = op.customer_id is not None and (op.credits_used.minor or op.wallet_used.minor)
    return bool(op.authorization_id or spent or voucher_redemptions.used_vouchers(op))


def _post_balances(
    session: Session, op: BillClosed, customer_id: str, actor: Actor, now: datetime
) -> list[str]:
    description = f"bill {op.local_no}"
    moves = (
        ("credits", -op.credits_used.minor, "spend", CREDITS_OVERDRAFT),
        ("wallet", -op.wallet_used.minor, "spend", WALLET_OVERDRAFT),
        ("credits", op.earned("credits"), "earn", None),
        ("points", op.earned("points"), "earn", None),
    )
    flags = []
    for account, amount, kind, overdraft in moves:
        if amount == 0:
            continue
        posted = post(
            session,
            customer_id=customer_id,
            account=account,
            amount=amount,
            kind=kind,
            description=description,
            actor=actor,
            at=now,
            allow_negative=True,  # a fact: the debt is kept, and flagged
            bill_id=op.bill_id,
        )
        if overdraft is not None and posted.balance < 0:
            flags.append(overdraft)
    return flags


def _count_group_discount(session: Session, op: BillClosed, customer_id: str) -> list[str]:
    """Count the bill's group discount against the customer's limit for its business day,
    and take it from the customer's remaining discount allowance (DESIGN §2 step 4)."""
    customer = session.get(CustomerRow, customer_id)
    assert customer is not None
    given = op.group_discount.minor
    limit = None
    if customer.group_id is not None and not customer.discount_limit_disabled:
        group = session.get(CustomerGroupRow, customer.group_id)
        limit = group.daily_discount_limit_minor if group is not None else None
    used = session.scalar(
        select(func.coalesce(func.sum(DiscountUsageRow.amount_minor), 0)).where(
            DiscountUsageRow.customer_id == customer_id,
            DiscountUsageRow.business_date == op.business_date,
        )
    )
    over = limit is not None and not op.limit_overridden and int(used or 0) + given > limit
    taken, flags = 0, [OVER_LIMIT] if over else []
    left = customer.discount_allowance_minor
    if left is not None and not customer.discount_limit_disabled:
        # The customer row is locked for the chunk (push_locks), so two tills' bills
        # cannot both take the same remainder.
        taken = min(max(left, 0), given)
        customer.discount_allowance_minor = left - taken
        if given > taken and not op.limit_overridden:
            flags.append(OVER_ALLOWANCE)
    session.add(
        DiscountUsageRow(
            customer_id=customer_id,
            bill_id=op.bill_id,
            business_date=op.business_date,
            discount_id=next(
                (a.rule_id for a in op.adjustments if a.source == "group" and a.rule_id), None
            ),
            amount_minor=given,
            allowance_minor=taken,
            over_limit=over,
        )
    )
    return flags


def record_voided(
    session: Session, op: BillVoided, *, terminal_id: str, actor: Actor, now: datetime
) -> Recorded:
    """Undo what the bill did: its ledger entries reversed, its limit use and what it took
    from the discount allowance given back."""
    bill = session.scalar(
        select(BillRow)
        .where(BillRow.bill_id == op.bill_id, BillRow.terminal_id == terminal_id)
        .with_for_update()
    )
    if bill is None:  # its bill.closed was rejected or quarantined: keep the void anyway
        return Recorded(None, (VOID_OF_UNKNOWN_BILL,))
    if bill.status == "voided":
        return Recorded(bill.customer_id, ())
    bill.status = "voided"
    entries = session.execute(
        select(LedgerEntryRow.customer_id, LedgerEntryRow.account, LedgerEntryRow.amount)
        .where(LedgerEntryRow.bill_id == op.bill_id, LedgerEntryRow.kind.in_(("spend", "earn")))
        .order_by(LedgerEntryRow.id)
    ).all()
    for customer_id, account, amount in entries:
        post(
            session,
            customer_id=customer_id,
            account=account,
            amount=-amount,
            kind="void",
            description=f"bill {op.local_no} voided: {op.reason}"[:500],
            actor=actor,
            at=now,
            allow_negative=True,
            bill_id=op.bill_id,
        )
    _give_allowance_back(session, op.bill_id)
    session.execute(delete(DiscountUsageRow).where(DiscountUsageRow.bill_id == op.bill_id))
    voucher_redemptions.give_back(session, op.bill_id, now)
    return Recorded(bill.customer_id, ())


def _give_allowance_back(session: Session, bill_id: str) -> None:
    taken = session.execute(
        select(DiscountUsageRow.customer_id, DiscountUsageRow.allowance_minor).where(
            DiscountUsageRow.bill_id == bill_id, DiscountUsageRow.allowance_minor > 0
        )
    ).all()
    for customer_id, amount in taken:
        # Through the session, as it was taken: a later bill in the same chunk reads it.
        customer = session.get(CustomerRow, customer_id)
        if customer is not None and customer.discount_allowance_minor is not None:
            customer.discount_allowance_minor += amount  # (one cleared since stays cleared)
