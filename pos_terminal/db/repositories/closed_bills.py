"""Closed bills read back: the day's bill list, a bill whole for its duplicate receipt, the
check that a bill is whole, and voiding one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db import mapping
from pos_terminal.db.models import (
    BillAdjustmentRow,
    BillLineRow,
    BillPaymentRow,
    BillRow,
    BillVatRow,
    CustomerEffectRow,
    CustomerRow,
)
from pos_terminal.domain.explanation import (
    Adjustment,
    AdjustmentStatus,
    CapReason,
    LimitStatus,
    Source,
)
from pos_terminal.domain.receipt_record import BillRecord, RecordItem
from pos_terminal.domain.vat import VatLine

_SETTLED = ("closed", "voided")


@dataclass(frozen=True, slots=True)
class BillSummary:
    """One row of the day's bill list."""

    bill_id: str
    local_no: int
    closed_at: datetime
    total: Money
    status: str  # "closed" or "voided"
    customer_id: str | None
    customer_name: str | None = None
    name: str = ""  # a table, if the cashier named the bill

    @property
    def voided(self) -> bool:
        return self.status == "voided"


@dataclass(frozen=True, slots=True)
class StoredBill:
    """A closed or voided bill as stored, with everything its receipt printed."""

    bill_id: str
    local_no: int
    status: str
    name: str
    shift_id: str | None
    business_date: date
    closed_at: datetime
    customer_id: str | None
    cashier: str | None
    record: BillRecord
    voided_at: datetime | None = None
    voided_by: str | None = None
    void_reason: str | None = None

    @property
    def voided(self) -> bool:
        return self.status == "voided"


def summaries(session: Session, business_date: date) -> list[BillSummary]:
    """The bills closed (or since voided) on `business_date`, the latest first."""
    rows = session.execute(
        select(
            BillRow.id,
            BillRow.local_no,
            BillRow.closed_at,
            BillRow.total_minor,
            BillRow.currency,
            BillRow.status,
            BillRow.customer_id,
            BillRow.name,
            CustomerRow.name.label("customer_name"),
        )
        .outerjoin(CustomerRow, CustomerRow.id == BillRow.customer_id)
        .where(BillRow.business_date == business_date, BillRow.status.in_(_SETTLED))
        .order_by(BillRow.local_no.desc())
    )
    return [
        BillSummary(
            bill_id=row.id,
            local_no=row.local_no,
            closed_at=row.closed_at,
            total=Money(row.total_minor, row.currency),
            status=row.status,
            customer_id=row.customer_id,
            customer_name=row.customer_name,
            name=row.name,
        )
        for row in rows
    ]


def _money(minor: int | None, currency: str) -> Money | None:
    return Money(minor, currency) if minor is not None else None


def _limit(row: Any) -> LimitStatus | None:
    if row.limit_used_before_minor is None:
        return None
    currency = row.currency
    return LimitStatus(
        daily_limit=_money(row.limit_daily_minor, currency),
        used_before=Money(row.limit_used_before_minor, currency),
        allowance=_money(row.limit_allowance_minor, currency),
        available=_money(row.limit_available_minor, currency),
        used_by_bill=Money(row.limit_used_minor, currency),
        capped_by=CapReason(row.limit_capped_by) if row.limit_capped_by else None,
    )


def _adjustment(row: Any, currency: str) -> Adjustment:
    return Adjustment(
        source=Source(row.source),
        rule_id=row.rule_id,
        rule_name=row.rule_name,
        base=Money(row.base_minor, currency),
        amount=Money(row.amount_minor, currency),
        percent=Decimal(row.percent) if row.percent is not None else None,
        uncapped=_money(row.uncapped_minor, currency),
        cap=CapReason(row.cap) if row.cap else None,
        status=AdjustmentStatus(row.status),
        refusal=row.refusal,
    )


def stored_bill(session: Session, bill_id: str) -> StoredBill | None:
    row = session.execute(
        select(*BillRow.__table__.c).where(BillRow.id == bill_id, BillRow.status.in_(_SETTLED))
    ).first()
    if row is None:
        return None
    currency = row.currency

    def rows(table: Any, *order: Any) -> list[Any]:
        query = select(*table.__table__.c).where(table.bill_id == bill_id).order_by(*order)
        return list(session.execute(query))

    # The bill's own effect, not a void's reversal of it (whose figures are ≤ 0).
    points, credits = session.execute(
        select(
            func.coalesce(func.max(CustomerEffectRow.points_earned), 0),
            func.coalesce(func.max(CustomerEffectRow.credits_earned_minor), 0),
        ).where(CustomerEffectRow.bill_id == bill_id)
    ).one()
    record = BillRecord(
        items=tuple(
            RecordItem(
                name=line.product_name,
                quantity=line.quantity,
                unit_price=Money(line.unit_price_minor, currency),
                gross=Money(line.gross_minor, currency),
                vat_code=line.vat_code,
            )
            for line in rows(BillLineRow, BillLineRow.position)
        ),
        adjustments=tuple(
            _adjustment(a, currency) for a in rows(BillAdjustmentRow, BillAdjustmentRow.position)
        ),
        limit=_limit(row),
        vat=tuple(
            VatLine(
                mapping.vat_rate(v.vat_code, v.vat_percent),
                Money(v.gross_minor, currency),
                Money(v.vat_minor, currency),
                Money(v.net_minor, currency),
            )
            for v in rows(BillVatRow, BillVatRow.vat_code, BillVatRow.vat_percent)
        ),
        gross=Money(row.gross_minor, currency),
        discount=Money(row.discount_minor, currency),
        credits_used=Money(row.credits_minor, currency),
        total=Money(row.total_minor, currency),
        tenders=tuple(
            Tender(TenderKind(p.kind), Money(p.amount_minor, currency))
            for p in rows(BillPaymentRow, BillPaymentRow.position)
        ),
        points_earned=int(points),
        credits_earned=int(credits),
    )
    return StoredBill(
        bill_id=row.id,
        local_no=row.local_no,
        status=row.status,
        name=row.name,
        shift_id=row.shift_id,
        business_date=row.business_date,
        closed_at=row.closed_at,
        customer_id=row.customer_id,
        cashier=row.cashier,
        record=record,
        voided_at=row.voided_at,
        voided_by=row.voided_by,
        void_reason=row.void_reason,
    )


def void(session: Session, bill_id: str, *, by: str, reason: str, now: datetime) -> None:
    """Mark a closed bill voided; a draft, a voided or an unknown bill is refused."""
    status = session.execute(
        select(BillRow.status).where(BillRow.id == bill_id)
    ).scalar_one_or_none()
    if status != "closed":
        state = "not on this terminal" if status is None else f"{status}, not closed"
        raise DomainError("only a closed bill can be voided; this one is {state}", state=state)
    session.execute(
        update(BillRow)
        .where(BillRow.id == bill_id)
        .values(status="voided", voided_at=now, voided_by=by, void_reason=reason)
    )
