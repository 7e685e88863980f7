"""Bills: drafts saved on every change, and closing, which writes the priced bill whole
(`bill_close.py`); closed bills are read back and voided in `closed_bills.py`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, delete, func, insert, select, update
from sqlalchemy.orm import Session

from loyalty.catalog import Product
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender
from pos_terminal.db import mapping
from pos_terminal.db.models import (
    BillAdjustmentRow,
    BillLineRow,
    BillPaymentRow,
    BillRow,
    BillVatRow,
)
from pos_terminal.db.repositories import closed_bills
from pos_terminal.db.repositories.bill_close import write_closed
from pos_terminal.db.repositories.closed_bills import BillSummary, StoredBill
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.priced import PricedBill


class BillNotDraftError(DomainError):
    """The bill was already closed (on this terminal, perhaps in another window)."""


@dataclass(frozen=True, slots=True)
class DraftBill:
    bill: Bill
    name: str
    opened_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ClosedBillRecord:
    """A closed bill as stored: enough to reprint it and to check it is whole."""

    bill_id: str
    local_no: int
    business_date: date
    customer_id: str | None
    gross: Money
    discount: Money
    credits: Money
    total: Money
    change: Money
    line_totals: tuple[int, ...]
    adjustment_amounts: tuple[int, ...]
    payments: tuple[tuple[str, int], ...]
    vat_gross: tuple[int, ...]
    closed_at: datetime


class BillRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _status(self, bill_id: str) -> str | None:
        return self._session.execute(
            select(BillRow.status).where(BillRow.id == bill_id)
        ).scalar_one_or_none()

    def save_draft(self, bill: Bill, *, name: str, now: datetime) -> None:
        """Store the bill exactly as it is now; called on every change."""
        status = self._status(bill.id)
        if status not in (None, "draft"):
            raise BillNotDraftError("bill {bill} is already {status}", bill=bill.id, status=status)
        fields = {
            "name": name,
            "customer_id": bill.customer_id,
            "currency": bill.currency,
            "manual_discount_id": bill.manual_discount_id,
            "voucher_codes": mapping.join_ids(bill.voucher_codes),
            "credits_removed": bill.credits_removed,
            "limit_overridden": bill.limit_overridden,
            "shown_to_customer": bill.shown_to_customer,
            "updated_at": now,
        }
        if status is None:
            self._session.execute(
                insert(BillRow).values(id=bill.id, status="draft", opened_at=now, **fields)
            )
        else:
            self._session.execute(update(BillRow).where(BillRow.id == bill.id).values(**fields))
        self._session.execute(delete(BillLineRow).where(BillLineRow.bill_id == bill.id))
        if bill.lines:
            self._session.execute(
                insert(BillLineRow),
                [_line_row(bill.id, i, line) for i, line in enumerate(bill.lines)],
            )

    def drafts(self) -> list[DraftBill]:
        rows = self._session.execute(
            select(*BillRow.__table__.c)
            .where(BillRow.status == "draft")
            .order_by(BillRow.opened_at)
        ).all()
        return [self._draft(row) for row in rows]

    def draft(self, bill_id: str) -> DraftBill | None:
        row = self._session.execute(
            select(*BillRow.__table__.c).where(BillRow.id == bill_id, BillRow.status == "draft")
        ).first()
        return self._draft(row) if row is not None else None

    def _draft(self, row: Any) -> DraftBill:
        lines = self._session.execute(
            select(*BillLineRow.__table__.c)
            .where(BillLineRow.bill_id == row.id)
            .order_by(BillLineRow.position)
        ).all()
        bill = Bill(
            id=row.id,
            lines=tuple(
                BillLine(
                    id=line.line_id,
                    product=Product(
                        id=line.product_id,
                        name=line.product_name,
                        category_id=line.category_id,
                        price=Money(line.unit_price_minor, row.currency),
                        vat=mapping.vat_rate(line.vat_code, line.vat_percent),
                    ),
                    quantity=line.quantity,
                    manual_discount_id=line.manual_discount_id,
                )
                for line in lines
            ),
            currency=row.currency,
            customer_id=row.customer_id,
            manual_discount_id=row.manual_discount_id,
            voucher_codes=mapping.split_ids(row.voucher_codes),
            credits_removed=bool(row.credits_removed),
            limit_overridden=bool(row.limit_overridden),
            shown_to_customer=bool(row.shown_to_customer),
        )
        return DraftBill(bill, row.name, row.opened_at, row.updated_at)

    def discard_draft(self, bill_id: str) -> None:
        if self._status(bill_id) != "draft":
            raise BillNotDraftError("bill {bill} is not an open bill", bill=bill_id)
        self._session.execute(delete(BillRow).where(BillRow.id == bill_id))

    def next_receipt_number(self) -> int:
        # Safe without a sequence table: closing runs under BEGIN IMMEDIATE (one writer).
        highest = self._session.execute(select(func.max(BillRow.local_no))).scalar_one()
        return int(highest or 0) + 1

    def close(
        self,
        priced: PricedBill,
        tenders: Sequence[Tender],
        *,
        name: str,
        shift_id: str | None,
        local_no: int,
        now: datetime,
        cashier: str | None = None,
        cashier_id: str | None = None,
    ) -> None:
        """Write the priced bill, its lines, adjustments, payments and VAT as closed;
        `cashier` is the name on its receipt, `cashier_id` who was signed in."""
        bill = priced.bill
        self.save_draft(bill, name=name, now=now)
        write_closed(
            self._session,
            priced,
            tenders,
            shift_id=shift_id,
            local_no=local_no,
            cashier=cashier,
            cashier_id=cashier_id,
            now=now,
        )

    def void(self, bill_id: str, *, by: str, reason: str, now: datetime) -> None:
        """Mark a closed bill voided (refused for any other bill)."""
        closed_bills.void(self._session, bill_id, by=by, reason=reason, now=now)

    def closed_today(self, business_date: date) -> list[BillSummary]:
        return closed_bills.summaries(self._session, business_date)

    def closed_bill(self, bill_id: str) -> StoredBill | None:
        """A closed or voided bill with everything its receipt printed."""
        return closed_bills.stored_bill(self._session, bill_id)

    def closed(self, bill_id: str) -> ClosedBillRecord | None:
        row = self._session.execute(
            select(*BillRow.__table__.c).where(BillRow.id == bill_id, BillRow.status == "closed")
        ).first()
        if row is None:
            return None

        def column(query: Select[Any]) -> tuple[int, ...]:
            return tuple(int(value or 0) for value in self._session.execute(query).scalars())

        payments = self._session.execute(
            select(BillPaymentRow.kind, BillPaymentRow.amount_minor)
            .where(BillPaymentRow.bill_id == bill_id)
            .order_by(BillPaymentRow.position)
        ).all()
        return ClosedBillRecord(
            bill_id=row.id,
            local_no=row.local_no,
            business_date=row.business_date,
            customer_id=row.customer_id,
            gross=Money(row.gross_minor, row.currency),
            discount=Money(row.discount_minor, row.currency),
            credits=Money(row.credits_minor, row.currency),
            total=Money(row.total_minor, row.currency),
            change=Money(row.change_minor, row.currency),
            line_totals=column(
                select(BillLineRow.total_minor)
                .where(BillLineRow.bill_id == bill_id)
                .order_by(BillLineRow.position)
            ),
            adjustment_amounts=column(
                select(BillAdjustmentRow.amount_minor)
                .where(BillAdjustmentRow.bill_id == bill_id)
                .order_by(BillAdjustmentRow.position)
            ),
            payments=tuple((kind, amount) for kind, amount in payments),
            vat_gross=column(
                select(BillVatRow.gross_minor)
                .where(BillVatRow.bill_id == bill_id)
                .order_by(BillVatRow.vat_code)
            ),
            closed_at=row.closed_at,
        )


def _line_row(bill_id: str, position: int, line: BillLine) -> dict[str, object]:
    product = line.product
    return {
        "bill_id": bill_id,
        "position": position,
        "line_id": line.id,
        "product_id": product.id,
        "product_name": product.name,
        "category_id": product.category_id,
        "unit_price_minor": product.price.minor,
        "vat_code": product.vat.code,
        "vat_percent": str(product.vat.percent),
        "quantity": line.quantity,
        "manual_discount_id": line.manual_discount_id,
    }
