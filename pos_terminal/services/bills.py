"""Open bills as durable drafts, pricing them against the cache, and closing them.

Closing is one transaction: the priced bill, its lines, adjustments, payments and VAT, the
receipt number, the customer's balance effects and the outbox op. After COMMIT nothing about
the bill can be lost, so printing and showing "done" come only after it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from loyalty.cashback import Resource
from loyalty.customers import CustomerState
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender
from pos_terminal.db.repositories.balances import BillEffect
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.bill import Bill, reductions
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.pricing import price_bill
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.identify import customer_state
from sync.wire.codec import utc
from sync.wire.ops import Adjustment, BillClosed, BillLine, CashbackAward, Payment, StaffRef

LINE_REDUCED = "bill.line_reduced"  # taken off a bill the customer had seen (audit log)

BILL_CLOSED = BillClosed.KIND


@dataclass(frozen=True, slots=True)
class StoredValueDecision:
    """How a bill's credits and wallet were allowed: a hold at the CRM, or offline rules."""

    authorization_id: str | None
    decided_offline: bool


OFFLINE = StoredValueDecision(None, decided_offline=True)


@dataclass(frozen=True, slots=True)
class ClosedBill:
    priced: PricedBill
    local_no: int
    op_id: str
    tenders: tuple[Tender, ...]
    closed_at: datetime
    shift_id: str | None = None
    cashier: str | None = None  # the name printed on the receipt, when known


def price_open_bill(
    tx: UnitOfWork,
    bill: Bill,
    *,
    at: datetime,
    business_date: date,
    tenders: Sequence[Tender] = (),
    state: CustomerState | None = None,
) -> PricedBill:
    """Price `bill` with the rules and the customer's balances as the cache has them now."""
    if state is None and bill.customer_id is not None:
        customer = tx.customers.by_id(bill.customer_id)
        if customer is None:
            raise DomainError(
                "customer {customer} is not in this terminal's cache", customer=bill.customer_id
            )
        state = customer_state(tx, customer, business_date)
    rules = tx.rules.pricing_rules(bill)
    return price_bill(
        bill, rules=rules, customer=state, at=at, business_date=business_date, tenders=tenders
    )


def close_bill(
    tx: UnitOfWork,
    bill: Bill,
    tenders: Sequence[Tender],
    *,
    name: str,
    shift_id: str | None,
    at: datetime,
    business_date: date,
    op_id: str | None = None,
    cashier: StaffMember | None = None,
    name_on_receipt: str | None = None,
    hold: StoredValueDecision = OFFLINE,
) -> ClosedBill:
    """Price, check the payment covers it, and store everything in the caller's transaction.

    `shift_id` is the open shift (None: sold outside a shift); `cashier` who was signed in
    (on the bill and its op), `name_on_receipt` the name printed (the cashier's, unless
    given); `hold` how its credits and wallet were decided (`stored_value`)."""
    if name_on_receipt is None and cashier is not None:
        name_on_receipt = cashier.name
    priced = price_open_bill(tx, bill, at=at, business_date=business_date, tenders=tenders)
    settlement = priced.settlement
    if not priced.total.is_zero and (settlement is None or not settlement.settled):
        left = settlement.remaining if settlement is not None else priced.total
        raise DomainError("{left} is still to pay", left=left)
    op_id = op_id or str(uuid.uuid4())
    local_no = tx.bills.next_receipt_number()
    tx.bills.close(
        priced,
        tenders,
        name=name,
        shift_id=shift_id,
        local_no=local_no,
        now=at,
        cashier=name_on_receipt,
        cashier_id=cashier.id if cashier is not None else None,
    )
    if bill.customer_id is not None:
        tx.balances.record(
            BillEffect(
                op_id=op_id,
                customer_id=bill.customer_id,
                bill_id=bill.id,
                business_date=business_date,
                credits_used=priced.credits_used.minor,
                wallet_used=settlement.wallet_used.minor if settlement is not None else 0,
                group_discount=priced.group_discount.minor,
                points_earned=priced.earned(Resource.POINTS),
                credits_earned=priced.earned(Resource.CREDITS),
                decided_offline=hold.decided_offline,
            )
        )
    made = bill_closed_op(
        priced, tenders, local_no=local_no, shift_id=shift_id, at=at, cashier=cashier
    )
    tx.outbox.append(
        replace(made, decided_offline=hold.decided_offline, authorization_id=hold.authorization_id),
        aggregate_id=bill.id,
        now=at,
        op_id=op_id,
    )
    return ClosedBill(priced, local_no, op_id, tuple(tenders), at, shift_id, name_on_receipt)


def bill_closed_op(
    priced: PricedBill,
    tenders: Sequence[Tender],
    *,
    local_no: int,
    shift_id: str | None,
    at: datetime,
    cashier: StaffMember | None = None,
) -> BillClosed:
    """The fact the CRM records: every amount, adjustment and award named, and who sold it."""
    bill, settlement = priced.bill, priced.settlement
    wallet = settlement.wallet_used if settlement is not None else Money.zero(bill.currency)
    return BillClosed(
        bill_id=bill.id,
        local_no=local_no,
        shift_id=shift_id,
        business_date=priced.business_date,
        closed_at=utc(at),
        customer_id=bill.customer_id,
        gross=priced.gross,
        group_discount=priced.group_discount,
        credits_used=priced.credits_used,
        wallet_used=wallet,
        limit_overridden=bill.limit_overridden,
        total=priced.total,
        lines=tuple(
            BillLine(
                product_id=line.line.product.id,
                quantity=line.line.quantity,
                unit_price=line.line.product.price,
                gross=Money(line.gross_minor, bill.currency),
                total=Money(line.total_minor, bill.currency),
                discount_id=line.discount_id,
                vat_code=line.line.product.vat.code,
            )
            for line in priced.lines
        ),
        adjustments=tuple(
            Adjustment(
                source=a.source.value,
                rule_id=a.rule_id,
                amount=a.amount,
                status=a.status.value,
                cap=a.cap.value if a.cap else None,
            )
            for a in priced.adjustments
        ),
        payments=tuple(Payment(t.kind.value, t.amount) for t in tenders),
        cashback=tuple(
            CashbackAward(a.rule_id, a.resource.value, a.amount)
            for a in priced.cashback
            if a.counts
        ),
        cashier=(
            StaffRef(cashier.id, cashier.name, cashier.role.value) if cashier is not None else None
        ),
    )


def save_draft(
    tx: UnitOfWork, bill: Bill, *, name: str, now: datetime, actor: StaffMember | None = None
) -> None:
    """Store the open bill as it is now. Once the customer has seen it (a card tap, the
    subtotal), whatever is taken off it is audited, in the same transaction."""
    before = tx.bills.draft(bill.id)
    tx.bills.save_draft(bill, name=name, now=now)
    if before is None or not before.bill.shown_to_customer:
        return
    for taken in reductions(before.bill, bill):
        tx.audit.record(actor, LINE_REDUCED, bill.id, taken.details(), now=now)
