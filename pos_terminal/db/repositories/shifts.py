"""Shifts of the cash drawer, and the stored figures of a shift's bills for its X/Z report.

At most one shift is open at a time: opening checks for an open one under `BEGIN IMMEDIATE`
(one writer at a time), as receipt numbers do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from loyalty.errors import DomainError
from loyalty.money import Money
from pos_terminal.db.models import (
    BillAdjustmentRow,
    BillPaymentRow,
    BillRow,
    BillVatRow,
    CustomerEffectRow,
    ShiftRow,
)
from pos_terminal.domain.explanation import AdjustmentStatus
from pos_terminal.domain.shift_report import DISCOUNT_SOURCES, BillFigures, ShiftInfo
from pos_terminal.domain.staff import StaffMember

_SETTLED = ("closed", "voided")


def _shift(row: Any) -> ShiftInfo:
    return ShiftInfo(
        id=row.id,
        business_date=row.business_date,
        opened_at=row.opened_at,
        opened_by=row.opened_by,
        cash_float=Money(row.float_minor),
        closed_at=row.closed_at,
        closed_by=row.closed_by,
    )


class ShiftRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def open(
        self,
        shift_id: str,
        *,
        actor: StaffMember,
        float_minor: int,
        business_date: date,
        now: datetime,
    ) -> ShiftInfo:
        if self.current() is not None:
            raise DomainError("a shift is already open: close it with a Z report first")
        self._session.execute(
            insert(ShiftRow).values(
                id=shift_id,
                business_date=business_date,
                opened_at=now,
                closed_at=None,
                cashier_id=actor.id,
                float_minor=float_minor,
                opened_by=actor.name,
            )
        )
        shift = self.get(shift_id)
        assert shift is not None
        return shift

    def get(self, shift_id: str) -> ShiftInfo | None:
        row = self._session.execute(
            select(*ShiftRow.__table__.c).where(ShiftRow.id == shift_id)
        ).first()
        return _shift(row) if row is not None else None

    def current(self) -> ShiftInfo | None:
        """The open shift, if any."""
        row = self._session.execute(
            select(*ShiftRow.__table__.c)
            .where(ShiftRow.closed_at.is_(None))
            .order_by(ShiftRow.opened_at.desc())
            .limit(1)
        ).first()
        return _shift(row) if row is not None else None

    def close(self, shift_id: str, *, by: str, now: datetime) -> ShiftInfo:
        shift = self.get(shift_id)
        if shift is None or not shift.is_open:
            raise DomainError("this shift is not open")
        self._session.execute(
            update(ShiftRow).where(ShiftRow.id == shift_id).values(closed_at=now, closed_by=by)
        )
        return replace(shift, closed_at=now, closed_by=by)

    def bill_figures(self, shift_id: str) -> list[BillFigures]:
        """Every closed and voided bill of the shift, in receipt order, as plain figures."""
        in_shift = select(BillRow.id).where(
            BillRow.shift_id == shift_id, BillRow.status.in_(_SETTLED)
        )
        discounts: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for bill_id, source, amount in self._session.execute(
            select(
                BillAdjustmentRow.bill_id,
                BillAdjustmentRow.source,
                func.sum(BillAdjustmentRow.amount_minor),
            )
            .where(
                BillAdjustmentRow.bill_id.in_(in_shift),
                BillAdjustmentRow.status == AdjustmentStatus.APPLIED.value,
                BillAdjustmentRow.source.in_([s.value for s in DISCOUNT_SOURCES]),
            )
            .group_by(BillAdjustmentRow.bill_id, BillAdjustmentRow.source)
        ):
            discounts[bill_id].append((source, int(amount)))
        payments: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for bill_id, kind, amount in self._session.execute(
            select(
                BillPaymentRow.bill_id, BillPaymentRow.kind, func.sum(BillPaymentRow.amount_minor)
            )
            .where(BillPaymentRow.bill_id.in_(in_shift))
            .group_by(BillPaymentRow.bill_id, BillPaymentRow.kind)
        ):
            payments[bill_id].append((kind, int(amount)))
        vat: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
        for row in self._session.execute(
            select(*BillVatRow.__table__.c).where(BillVatRow.bill_id.in_(in_shift))
        ):
            vat[row.bill_id].append((row.vat_code, row.vat_percent, row.gross_minor, row.vat_minor))
        earned = {
            bill_id: (int(points), int(credits))
            for bill_id, points, credits in self._session.execute(
                select(
                    CustomerEffectRow.bill_id,
                    func.sum(CustomerEffectRow.points_earned),
                    func.sum(CustomerEffectRow.credits_earned_minor),
                )
                .where(CustomerEffectRow.bill_id.in_(in_shift))
                .group_by(CustomerEffectRow.bill_id)
            )
        }
        bills = self._session.execute(
            select(*BillRow.__table__.c)
            .where(BillRow.shift_id == shift_id, BillRow.status.in_(_SETTLED))
            .order_by(BillRow.local_no)
        )
        return [
            BillFigures(
                bill_id=bill.id,
                voided=bill.status == "voided",
                gross=bill.gross_minor,
                total=bill.total_minor,
                credits_used=bill.credits_minor,
                change=bill.change_minor,
                discounts=tuple(sorted(discounts[bill.id])),
                payments=tuple(sorted(payments[bill.id])),
                vat=tuple(sorted(vat[bill.id])),
                points_earned=earned.get(bill.id, (0, 0))[0],
                credits_earned=earned.get(bill.id, (0, 0))[1],
                cashier=bill.cashier,
            )
            for bill in bills
        ]
