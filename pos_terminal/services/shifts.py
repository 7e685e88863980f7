"""Shifts (opened with a cash float, closed by a manager with the Z report), X readings in
between, and voiding a closed bill — each one unit of work, audited and queued for the CRM.

Voiding reverses the bill's effect on its customer locally at once (a negative
`customer_effect` row), so the balances and today's discount limit shown on this terminal
come back; the `bill.voided` op names the `bill.closed` op it cancels.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import date, datetime

from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender
from pos_terminal.db.repositories.balances import BillEffect
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.shift_report import ReportKind, ShiftInfo, ShiftReport, build_shift_report
from pos_terminal.domain.staff import StaffMember, require_manager
from pos_terminal.services.bills import (
    BILL_CLOSED,
    OFFLINE,
    ClosedBill,
    StoredValueDecision,
    close_bill,
)
from sync.wire.codec import utc
from sync.wire.ops import (
    BillVoided,
    NamedAmount,
    ShiftClosed,
    ShiftOpened,
    StaffRef,
    VatFigure,
)

OUTSIDE_SHIFT = "bill.outside_shift"
MANUAL_DISCOUNT = "bill.manual_discount"  # a cashier's discount on a closed bill
CREDITS_REMOVED = "bill.credits_removed"  # promotional credits taken off a bill
SHIFT_OPENED = ShiftOpened.KIND
SHIFT_CLOSED = ShiftClosed.KIND
BILL_VOIDED = BillVoided.KIND


def _who(actor: StaffMember) -> StaffRef:
    return StaffRef(actor.id, actor.name, actor.role.value)


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
        ShiftOpened(shift.id, business_date, utc(now), _who(actor), Money(float_minor)),
        aggregate_id=shift.id,
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
    op_id: str | None = None,
    hold: StoredValueDecision = OFFLINE,
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
        cashier=cashier,
        name_on_receipt=name_on_receipt,
        op_id=op_id,
        hold=hold,
    )
    if shift is None:
        tx.audit.record(cashier, OUTSIDE_SHIFT, bill.id, {"local_no": closed.local_no}, now=at)
    _audit_what_moved_money(tx, closed, cashier, at)
    return closed


def _audit_what_moved_money(
    tx: UnitOfWork, closed: ClosedBill, cashier: StaffMember | None, at: datetime
) -> None:
    """A cashier's own discount, and credits taken off the bill, are in the audit log with
    who closed it (the amounts are on the bill too)."""
    priced, number = closed.priced, {"local_no": closed.local_no}
    if priced.manual_discount.minor:
        details = {**number, "amount_minor": priced.manual_discount.minor}
        tx.audit.record(cashier, MANUAL_DISCOUNT, priced.bill.id, details, now=at)
    if priced.bill.credits_removed:
        tx.audit.record(cashier, CREDITS_REMOVED, priced.bill.id, number, now=at)


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
    tx.outbox.append(shift_closed_op(report, _who(actor)), aggregate_id=shift.id, now=now)
    # Printed on paper, the head is what a later rewrite of the log cannot reach back to.
    return dataclasses.replace(report, audit_head=tx.audit.head())


def shift_closed_op(report: ShiftReport, closed_by: StaffRef) -> ShiftClosed:
    """A Z report's figures for the CRM."""
    assert report.closed_at is not None, "a Z report is of a closed shift"
    return ShiftClosed(
        shift_id=report.shift_id,
        business_date=report.business_date,
        opened_at=utc(report.opened_at),
        closed_at=utc(report.closed_at),
        closed_by=closed_by,
        cash_float=report.cash_float,
        bills=report.bills_count,
        voided=report.voided_count,
        voided_total=report.voided_total,
        gross=report.gross,
        discounts=tuple(NamedAmount(d.source, d.amount) for d in report.discounts),
        credits_used=report.credits_used,
        net_sales=report.net_sales,
        tenders=tuple(NamedAmount(kind.value, amount) for kind, amount in report.tenders),
        change=report.change,
        expected_cash=report.expected_cash,
        points_issued=report.points_issued,
        credits_issued=report.credits_issued,
        vat=tuple(VatFigure(v.code, v.percent, v.gross, v.vat) for v in report.vat),
    )


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
                decided_offline=effect.decided_offline,
            )
        )
    voided = BillVoided(
        bill_id=bill_id,
        local_no=stored.local_no,
        voids_op_id=tx.outbox.op_for(BILL_CLOSED, bill_id),
        shift_id=stored.shift_id,
        customer_id=stored.customer_id,
        total=stored.record.total,
        voided_at=utc(now),
        voided_by=_who(actor),
        reason=reason,
    )
    tx.outbox.append(voided, aggregate_id=bill_id, now=now, op_id=op_id)
    tx.audit.record(
        actor,
        BILL_VOIDED,
        bill_id,
        {"local_no": stored.local_no, "total_minor": stored.record.total.minor, "reason": reason},
        now=now,
    )
    return op_id
