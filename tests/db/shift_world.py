"""The world of the shift tests: cashback, a voucher, two staff members and three sales whose
every figure is worked out by hand."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from loyalty.cashback import CashbackRule, Resource
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from loyalty.vouchers import Voucher, VoucherKind
from pos_terminal.db.store import Store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.shift_report import ShiftReport
from pos_terminal.domain.staff import Role, StaffMember
from pos_terminal.services.bills import ClosedBill
from pos_terminal.services.terminal import TerminalService
from sync.wire.envelope import decode_op

from .conftest import JAN, MANAGER_10, NOW, PIWO, SCHABOWY, TODAY, ZOLC, ZUREK, seed

FLOAT = 20000


def cash(minor: int) -> Tender:
    return Tender(TenderKind.CASH, Money(minor))


def world(store: Store) -> tuple[TerminalService, StaffMember, StaffMember]:
    """The seed, plus cashback (10 % points, 1 % credits), a voucher, Jan with 10,00 zł of
    credits, and the two staff members."""
    seed(store)
    with store.unit_of_work() as tx:
        tx.rules.add_cashback_rule(
            CashbackRule("cb-pkt", "Punkty 10%", Resource.POINTS, percent=Decimal(10))
        )
        tx.rules.add_cashback_rule(
            CashbackRule("cb-kr", "Kredyty 1%", Resource.CREDITS, percent=Decimal(1))
        )
        tx.rules.add_voucher(
            Voucher("WITAJ10", VoucherKind.AMOUNT, amount=Money(1000), offline_redeemable=True)
        )
        tx.balances.set_snapshot(JAN.id, credits=1000, wallet=20000, points=120, as_of_seq=10)
        anna = tx.staff.add("Anna Kasjerka", Role.CASHIER, "1111")
        marek = tx.staff.add("Marek Kierownik", Role.MANAGER, "999999")
    return TerminalService(store), anna, marek


def sell(service: TerminalService, bill: Bill, *tenders: Tender, minute: int) -> ClosedBill:
    at = NOW + timedelta(minutes=minute)
    return service.close(bill, tenders, name="", at=at, business_date=TODAY)


def three_sales(service: TerminalService, anna: StaffMember) -> tuple[ClosedBill, ...]:
    # 1. No customer: 2 × żurek 36,00 (8 %) + piwo 14,00 (23 %), manager's 10 % on the bill:
    #    −5,00 → 45,00, paid 50,00 cash, 5,00 change. VAT B 2,40 of 32,40; A 2,36 of 12,60.
    first = sell(
        service,
        Bill(
            "b1", (BillLine("l1", ZUREK, 2), BillLine("l2", PIWO)), manual_discount_id=MANAGER_10.id
        ),
        cash(5000),
        minute=1,
    )
    # 2. Jan (group 5 %): 2 × schabowy 84,00 − group 4,20 − voucher 10,00 − credits 10,00
    #    = 59,80: 20,00 from the wallet, 39,80 by card. VAT B 4,43. 5 points, 0,59 credits.
    second = service.close(
        Bill("b2", (BillLine("l1", SCHABOWY, 2),), customer_id=JAN.id).with_voucher("WITAJ10"),
        (Tender(TenderKind.WALLET, Money(2000)), Tender(TenderKind.CARD, Money(3980))),
        name="Stolik 2",
        at=NOW + timedelta(minutes=2),
        business_date=TODAY,
        cashier=anna,
    )
    # 3. Łucja (no group, no credits): 3 × piwo 42,00 cash. VAT A 7,85. 4 points, 0,42 credits.
    third = sell(
        service, Bill("b3", (BillLine("l1", PIWO, 3),), customer_id=ZOLC.id), cash(4200), minute=3
    )
    assert [c.priced.total for c in (first, second, third)] == [
        Money(4500),
        Money(5980),
        Money(4200),
    ]
    return first, second, third


def figures(report: ShiftReport) -> dict[str, object]:
    return {
        "bills": (report.bills_count, report.voided_count, report.voided_total.minor),
        "gross": report.gross.minor,
        "discounts": {d.source: d.amount.minor for d in report.discounts},
        "credits": report.credits_used.minor,
        "net": report.net_sales.minor,
        "tenders": {kind.value: amount.minor for kind, amount in report.tenders},
        "change": report.change.minor,
        "expected_cash": report.expected_cash.minor,
        "loyalty": (report.points_issued, report.credits_issued.minor),
        "vat": [(v.code, v.percent, v.gross.minor, v.vat.minor) for v in report.vat],
    }


def ops(store: Store, kind: str) -> list[tuple[str, Any]]:
    """(op id, op as the CRM decodes it) of every queued op of `kind`, in order."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT op_id, kind_version, payload FROM outbox WHERE kind = :kind"
                " ORDER BY terminal_seq"
            ),
            {"kind": kind},
        ).all()
    return [(op_id, decode_op(kind, version, json.loads(text))) for op_id, version, text in rows]
