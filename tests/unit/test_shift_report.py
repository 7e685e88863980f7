"""The X/Z report as a pure function of a shift and its bills' figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from loyalty.errors import DomainError
from loyalty.money import Money, MoneyError
from pos_terminal.domain.shift_report import (
    BillFigures,
    CashierSales,
    DiscountTotal,
    ReportKind,
    ShiftInfo,
    VatTotal,
    build_shift_report,
)
from pos_terminal.domain.staff import (
    NotAllowedError,
    Role,
    StaffMember,
    checked_pin,
    require_manager,
)

OPENED = datetime(2026, 11, 18, 8, 0)
SHIFT = ShiftInfo("s-1", date(2026, 11, 18), OPENED, "Anna Kasjerka", Money(20000))

# Cash with change, a group discount and credits; a split card + wallet with a voucher and
# a manual discount; and a voided bill that must count for nothing but itself.
CASH_BILL = BillFigures(
    bill_id="b1",
    voided=False,
    gross=5000,
    total=4250,
    credits_used=500,
    change=750,
    discounts=(("group", 250),),
    payments=(("cash", 5000),),
    vat=(("B", "8", 3240, 240), ("A", "23", 1010, 189)),
    points_earned=4,
    credits_earned=42,
)
SPLIT_BILL = BillFigures(
    bill_id="b2",
    voided=False,
    gross=8400,
    total=6900,
    discounts=(("manual", 500), ("voucher", 1000)),
    payments=(("card", 4900), ("wallet", 2000)),
    vat=(("B", "8", 6900, 511),),
    points_earned=6,
)
VOIDED_BILL = BillFigures(
    bill_id="b3",
    voided=True,
    gross=9900,
    total=9900,
    payments=(("cash", 10000),),
    change=100,
    vat=(("A", "23", 9900, 1851),),
    points_earned=9,
    credits_earned=99,
)


def test_an_x_report_adds_up_every_figure() -> None:
    report = build_shift_report(ReportKind.X, SHIFT, [CASH_BILL, SPLIT_BILL, VOIDED_BILL])
    assert (report.kind, report.shift_id, report.opened_by) == ("X", "s-1", "Anna Kasjerka")
    assert report.closed_at is None and report.closed_by is None
    assert (report.bills_count, report.voided_count) == (2, 1)
    assert report.voided_total == Money(9900)
    assert report.gross == Money(13400)
    assert report.discounts == (
        DiscountTotal("group", Money(250)),
        DiscountTotal("manual", Money(500)),
        DiscountTotal("voucher", Money(1000)),
    )
    assert report.discount_total == Money(1750)
    assert report.credits_used == Money(500)
    assert report.net_sales == Money(11150) == report.gross - report.discount_total - Money(500)
    assert (report.cash, report.card, report.wallet) == (Money(5000), Money(4900), Money(2000))
    assert report.change == Money(750)
    # The voided bill's 100,00 zł cash and 1,00 zł change are not in the drawer's figures.
    assert report.expected_cash == Money(20000 + 5000 - 750)
    assert report.cash + report.card + report.wallet - report.change == report.net_sales
    assert (report.points_issued, report.credits_issued) == (10, Money(42))
    assert report.vat == (
        VatTotal("A", "23", Money(1010), Money(189)),
        VatTotal("B", "8", Money(10140), Money(751)),
    )
    assert report.vat_total == Money(940)


def test_sales_are_told_by_cashier_voided_bills_left_out() -> None:
    bills = [
        replace(CASH_BILL, cashier="Basia Nowak"),
        replace(SPLIT_BILL, cashier="Anna Kasjerka"),
        replace(CASH_BILL, bill_id="b4", cashier=None),  # closed before tills knew
        replace(VOIDED_BILL, cashier="Anna Kasjerka"),
    ]
    report = build_shift_report(ReportKind.X, SHIFT, bills)
    assert report.by_cashier == (
        CashierSales("", 1, Money(4250)),
        CashierSales("Anna Kasjerka", 1, Money(6900)),
        CashierSales("Basia Nowak", 1, Money(4250)),
    )
    assert sum((s.net_sales for s in report.by_cashier), Money(0)) == report.net_sales


def test_an_empty_shift_reports_zeros_and_its_float() -> None:
    report = build_shift_report(ReportKind.Z, SHIFT, [])
    assert report.kind == "Z"
    assert report.bills_count == report.voided_count == report.points_issued == 0
    assert report.net_sales == report.gross == Money(0)
    assert [d.amount for d in report.discounts] == [Money(0)] * 3
    assert report.expected_cash == Money(20000)
    assert report.vat == ()


def test_a_closed_shift_reports_who_closed_it_and_when() -> None:
    closed = ShiftInfo(
        "s-1",
        date(2026, 11, 18),
        OPENED,
        "Anna Kasjerka",
        Money(0),
        closed_at=datetime(2026, 11, 18, 22, 0),
        closed_by="Marek Kierownik",
    )
    report = build_shift_report(ReportKind.Z, closed, [CASH_BILL])
    assert (report.closed_at, report.closed_by) == (closed.closed_at, "Marek Kierownik")
    assert not closed.is_open and SHIFT.is_open


def test_currencies_never_mix() -> None:
    with pytest.raises(MoneyError):
        build_shift_report(ReportKind.X, SHIFT, [CASH_BILL], currency="EUR")


def test_roles_and_pins() -> None:
    anna = StaffMember("s1", "Anna", Role.CASHIER)
    marek = StaffMember("s2", "Marek", Role.MANAGER)
    assert marek.is_manager and not anna.is_manager
    require_manager(marek, "void a bill")
    with pytest.raises(NotAllowedError, match="Only a manager can void a bill"):
        require_manager(anna, "void a bill")
    assert checked_pin(" 1234 ") == "1234"
    for bad in ("123", "123456789", "12a4", "", "١٢٣٤"):  # the last: Arabic-Indic digits
        with pytest.raises(DomainError):
            checked_pin(bad)
