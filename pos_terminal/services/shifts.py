"""Shifts (opened with a cash float, closed by a manager with the Z report), X readings in
between, and voiding a closed bill — each one unit of work, audited and queued for the CRM.

Voiding reverses the bill's effect on its customer locally at once (a negative
`customer_effect` row), so the balances and today's discount limit shown on this terminal
come back; the `bill.voided` op names the `bill.closed` op it cancels.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from loyalty.errors import DomainError
from loyalty.tenders import Tender
from pos_terminal.db.repositories.balances import BillEffect
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.shift_report import ReportKind, ShiftInfo, ShiftReport, build_shift_report
from pos_terminal.domain.staff import StaffMember, require_manager
from pos_terminal.services.bills import BILL_CLOSED, ClosedBill, close_bill

OUTSIDE_SHIFT = "bill.outside_shift"
SHIFT_OPENED = "shift.opened"
SHIFT_CLOSED = "shift.closed"
BILL_VOIDED = "bill.voided"


def _who(actor: StaffMember) -> dict[str, str]:
    return {"id": actor.id, "name": actor.name, "role": actor.role.value}


def open_shift(
    tx: UnitOfWork,
    actor: StaffMember,
    float_minor: int,
    *,
    now: datetime,
    business_date: date,
) -> ShiftInfo:
    """Open a shift with the cash float counted into the drawer; refused while one is open."""
    if type(float_minor) is not int or float_minor < 0:
        raise DomainError("the cash float must be a whole number of grosze, not below zero")
    shift = tx.shifts.open(
        str(uuid.uuid4()),
        actor=actor,
        float_minor=float_minor,
        business_date=business_date,
        now=now,
    )
    tx.audit.record(actor, SHIFT_OPENED, shift.id, {"float_minor": float_minor}, now=now)
    tx.outbox.append(
        kind=SHIFT_OPENED,
        aggregate_id=shift.id,
        payload={
            "shift_id": shift.id,
            "business_date": business_date.isoformat(),
            "opened_at": now.isoformat(),
            "opened_by": _who(actor),
            "float_minor": float_minor,
        },
        now=now,
    )
    return shift


def current_shift(tx: UnitOfWork) -> ShiftInfo | None:
    return tx.shifts.current()


def close_in_shift(
    tx: UnitOfWork,
    bill: Bill,
    tenders: Sequence[Tender],
    *,
    name: str,
    at: datetime,
    business_date: date,
    cashier: StaffMember | None = None,
) -> ClosedBill:
    """Close a bill in the open shift. Without one it still sells (the terminal never stops
    a sale), and the audit log records it as "bill.outside_shift"."""
    shift = tx.shifts.current()
    name_on_receipt = cashier.name if cashier else shift.opened_by if shift else None
    closed = close_bill(
        tx,
        bill,
        tenders,
        name=name,
        shift_id=shift.id if shift else None,
        at=at,
        business_date=business_date,
        cashier=name_on_receipt,
    )
    if shift is None:
        tx.audit.record(cashier, OUTSIDE_SHIFT, bill.id, {"local_no": closed.local_no}, now=at)
    return closed


def shift_report(
    tx: UnitOfWork, shift_id: str, kind: ReportKind | str = ReportKind.X
) -> ShiftReport:
    """The X reading of a shift (any time), or the Z report of a closed one (again)."""
    kind = ReportKind(kind)
    shift = tx.shifts.get(shift_id)
    if shift is None:
        raise DomainError("no such shift on this terminal")
    if kind is ReportKind.Z and shift.is_open:
        raise DomainError("a Z report is taken by closing the shift")
    return build_shift_report(kind, shift, tx.shifts.bill_figures(shift_id))


def close_shift(tx: UnitOfWork, actor: StaffMember, *, now: datetime) -> ShiftReport:
    """Close the open shift (a manager only) and return its Z report."""
    require_manager(actor, "close the shift")
    shift = tx.shifts.current()
    if shift is None:
        raise DomainError("no shift is open")
    closed = tx.shifts.close(shift.id, by=actor.name, now=now)
    report = build_shift_report(ReportKind.Z, closed, tx.shifts.bill_figures(shift.id))
    payload = report_payload(report)
    tx.audit.record(
        actor,
        SHIFT_CLOSED,
        shift.id,
        {
            "bills": report.bills_count,
            "net_sales_minor": report.net_sales.minor,
            "expected_cash_minor": report.expected_cash.minor,
        },
        now=now,
    )
    tx.outbox.append(
        kind=SHIFT_CLOSED,
        aggregate_id=shift.id,
        payload={**payload, "closed_by": _who(actor)},
        now=now,
    )
    return report


def report_payload(report: ShiftReport) -> dict[str, Any]:
    """A report's figures for the CRM, in grosze."""
    return {
        "kind": report.kind.value,
        "shift_id": report.shift_id,
        "business_date": report.business_date.isoformat(),
        "opened_at": report.opened_at.isoformat(),
        "closed_at": report.closed_at.isoformat() if report.closed_at else None,
        "currency": report.gross.currency,
        "float_minor": report.cash_float.minor,
        "bills": report.bills_count,
        "voided": report.voided_count,
        "voided_total_minor": report.voided_total.minor,
        "gross_minor": report.gross.minor,
        "discounts_minor": {d.source: d.amount.minor for d in report.discounts},
        "credits_used_minor": report.credits_used.minor,
        "net_sales_minor": report.net_sales.minor,
        "tenders_minor": {kind.value: amount.minor for kind, amount in report.tenders},
        "change_minor": report.change.minor,
        "expected_cash_minor": report.expected_cash.minor,
        "points_issued": report.points_issued,
        "credits_issued_minor": report.credits_issued.minor,
        "vat": [
            {
                "code": v.code,
                "percent": v.percent,
                "gross_minor": v.gross.minor,
                "vat_minor": v.vat.minor,
            }
            for v in report.vat
        ],
    }


def void_bill(
    tx: UnitOfWork, actor: StaffMember, bill_id: str, reason: str, *, now: datetime
) -> str:
    """Void a closed bill of an open shift (a manager only); returns the `bill.voided` op id."""
    require_manager(actor, "void a bill")
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError("say why the bill is voided")
    tx.bills.void(bill_id, by=actor.name, reason=reason, now=now)  # refuses all but closed
    stored = tx.bills.closed_bill(bill_id)
    assert stored is not None
    shift = tx.shifts.get(stored.shift_id) if stored.shift_id is not None else None
    if shift is not None and not shift.is_open:  # raising rolls the void back
        raise DomainError(
            "bill {number} belongs to a shift closed with its Z report", number=stored.local_no
        )
    op_id = str(uuid.uuid4())
    effect = tx.balances.effect_of_bill(bill_id)
    if effect is not None:
        tx.balances.record(
            BillEffect(
                op_id=op_id,
                customer_id=effect.customer_id,
                bill_id=bill_id,
                business_date=effect.business_date,  # gives that day's limit back
                credits_used=-effect.credits_used,
                wallet_used=-effect.wallet_used,
                group_discount=-effect.group_discount,
                points_earned=-effect.points_earned,
                credits_earned=-effect.credits_earned,
            )
        )
    tx.outbox.append(
        kind=BILL_VOIDED,
        aggregate_id=bill_id,
        payload={
            "bill_id": bill_id,
            "local_no": stored.local_no,
            "voids_op_id": tx.outbox.op_for(BILL_CLOSED, bill_id),
            "shift_id": stored.shift_id,
            "customer_id": stored.customer_id,
            "total_minor": stored.record.total.minor,
            "voided_at": now.isoformat(),
            "voided_by": _who(actor),
            "reason": reason,
        },
        now=now,
        op_id=op_id,
    )
    tx.audit.record(
        actor,
        BILL_VOIDED,
        bill_id,
        {"local_no": stored.local_no, "total_minor": stored.record.total.minor, "reason": reason},
        now=now,
    )
    return op_id
