"""Open bills as durable drafts, pricing them against the cache, and closing them.

Closing is one transaction: the priced bill, its lines, adjustments, payments and VAT, the
receipt number, the customer's balance effects and the outbox op. After COMMIT nothing about
the bill can be lost, so printing and showing "done" come only after it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from loyalty.cashback import Resource
from loyalty.customers import CustomerState
from loyalty.errors import DomainError
from loyalty.tenders import Tender
from pos_terminal.db.repositories.balances import BillEffect
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.pricing import price_bill
from pos_terminal.services.identify import customer_state

BILL_CLOSED = "bill.closed"


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
    rules = tx.rules.pricing_rules(bill, state.group if state else None)
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
    cashier: str | None = None,
) -> ClosedBill:
    """Price, check the payment covers it, and store everything in the caller's transaction.

    `shift_id` is the open shift (None: sold outside a shift); `cashier` the name printed on
    the receipt."""
    priced = price_open_bill(tx, bill, at=at, business_date=business_date, tenders=tenders)
    settlement = priced.settlement
    if not priced.total.is_zero and (settlement is None or not settlement.settled):
        left = settlement.remaining if settlement is not None else priced.total
        raise DomainError("{left} is still to pay", left=left)
    op_id = op_id or str(uuid.uuid4())
    local_no = tx.bills.next_receipt_number()
    tx.bills.close(
        priced, tenders, name=name, shift_id=shift_id, local_no=local_no, now=at, cashier=cashier
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
            )
        )
    tx.outbox.append(
        kind=BILL_CLOSED,
        aggregate_id=bill.id,
        payload=bill_closed_payload(priced, tenders, local_no=local_no, shift_id=shift_id, at=at),
        now=at,
        op_id=op_id,
    )
    return ClosedBill(priced, local_no, op_id, tuple(tenders), at, shift_id, cashier)


def bill_closed_payload(
    priced: PricedBill,
    tenders: Sequence[Tender],
    *,
    local_no: int,
    shift_id: str | None,
    at: datetime,
) -> dict[str, Any]:
    """The fact the CRM records: amounts in grosze, every adjustment and award named."""
    bill = priced.bill
    return {
        "bill_id": bill.id,
        "local_no": local_no,
        "shift_id": shift_id,
        "business_date": priced.business_date.isoformat(),
        "closed_at": at.isoformat(),
        "customer_id": bill.customer_id,
        "currency": bill.currency,
        "gross_minor": priced.gross.minor,
        "group_discount_minor": priced.group_discount.minor,
        "credits_used_minor": priced.credits_used.minor,
        "limit_overridden": bill.limit_overridden,
        "total_minor": priced.total.minor,
        "lines": [
            {
                "product_id": line.line.product.id,
                "quantity": line.line.quantity,
                "unit_price_minor": line.line.product.price.minor,
                "gross_minor": line.gross_minor,
                "total_minor": line.total_minor,
                "discount_id": line.discount_id,
                "vat_code": line.line.product.vat.code,
            }
            for line in priced.lines
        ],
        "adjustments": [
            {
                "source": a.source.value,
                "rule_id": a.rule_id,
                "amount_minor": a.amount.minor,
                "status": a.status.value,
                "cap": a.cap.value if a.cap else None,
            }
            for a in priced.adjustments
        ],
        "payments": [{"kind": t.kind.value, "amount_minor": t.amount.minor} for t in tenders],
        "cashback": [
            {"rule_id": a.rule_id, "resource": a.resource.value, "amount": a.amount}
            for a in priced.cashback
            if a.counts
        ],
    }


def save_draft(tx: UnitOfWork, bill: Bill, *, name: str, now: datetime) -> None:
    tx.bills.save_draft(bill, name=name, now=now)
