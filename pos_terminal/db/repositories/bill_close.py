"""Writing a bill as closed: its priced amounts, lines, adjustments, payments and VAT, and the
group-discount limits as they stood, all in the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from loyalty.money import Money
from loyalty.tenders import Tender
from pos_terminal.db.models import (
    BillAdjustmentRow,
    BillLineRow,
    BillPaymentRow,
    BillRow,
    BillVatRow,
)
from pos_terminal.domain.explanation import LimitStatus
from pos_terminal.domain.priced import PricedBill


def write_closed(
    session: Session,
    priced: PricedBill,
    tenders: Sequence[Tender],
    *,
    shift_id: str | None,
    local_no: int,
    cashier: str | None,
    now: datetime,
    cashier_id: str | None = None,
) -> None:
    """Mark the (already saved) bill closed and store every priced amount of it."""
    bill = priced.bill
    change = priced.settlement.change.minor if priced.settlement is not None else 0
    session.execute(
        update(BillRow)
        .where(BillRow.id == bill.id)
        .values(
            status="closed",
            local_no=local_no,
            shift_id=shift_id,
            business_date=priced.business_date,
            gross_minor=priced.gross.minor,
            discount_minor=priced.discount_total.minor,
            credits_minor=priced.credits_used.minor,
            total_minor=priced.total.minor,
            change_minor=change,
            closed_at=now,
            cashier=cashier,
            cashier_id=cashier_id,
            **_limit_columns(priced.limit),
        )
    )
    for position, line in enumerate(priced.lines):
        session.execute(
            update(BillLineRow)
            .where(BillLineRow.bill_id == bill.id, BillLineRow.position == position)
            .values(
                gross_minor=line.gross_minor,
                discount_minor=line.gross_minor - line.total_minor,
                total_minor=line.total_minor,
            )
        )
    if priced.adjustments:
        session.execute(
            insert(BillAdjustmentRow),
            [
                {
                    "bill_id": bill.id,
                    "position": i,
                    "source": a.source.value,
                    "rule_id": a.rule_id,
                    "rule_name": a.rule_name,
                    "percent": _text(a.percent),
                    "base_minor": a.base.minor,
                    "amount_minor": a.amount.minor,
                    "uncapped_minor": a.uncapped.minor if a.uncapped is not None else None,
                    "cap": a.cap.value if a.cap is not None else None,
                    "status": a.status.value,
                    "refusal": a.refusal,
                }
                for i, a in enumerate(priced.adjustments)
            ],
        )
    if tenders:
        session.execute(
            insert(BillPaymentRow),
            [
                {
                    "bill_id": bill.id,
                    "position": i,
                    "kind": t.kind.value,
                    "amount_minor": t.amount.minor,
                }
                for i, t in enumerate(tenders)
            ],
        )
    if priced.vat:
        session.execute(
            insert(BillVatRow),
            [
                {
                    "bill_id": bill.id,
                    "vat_code": v.rate.code,
                    "vat_percent": str(v.rate.percent),
                    "gross_minor": v.gross.minor,
                    "vat_minor": v.vat.minor,
                    "net_minor": v.net.minor,
                }
                for v in priced.vat
            ],
        )


def _minor(amount: Money | None) -> int | None:
    return amount.minor if amount is not None else None


def _limit_columns(limit: LimitStatus | None) -> dict[str, object]:
    if limit is None:
        return {}
    return {
        "limit_daily_minor": _minor(limit.daily_limit),
        "limit_used_before_minor": limit.used_before.minor,
        "limit_allowance_minor": _minor(limit.allowance),
        "limit_available_minor": _minor(limit.available),
        "limit_used_minor": limit.used_by_bill.minor,
        "limit_capped_by": limit.capped_by.value if limit.capped_by is not None else None,
    }


def _text(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None
