"""A shift from opening to its Z report: sales, the X reading figure by figure, a manager's
void that gives the customer's balances back, the ops for the CRM and the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.repositories.balances import Balances
from pos_terminal.db.store import Store
from pos_terminal.domain.amount_limits import AmountAboveLimitError, AmountLimits
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.shift_report import DiscountTotal, VatTotal
from pos_terminal.domain.staff import NotAllowedError
from sync.wire.ops import StaffRef, VatFigure

from .conftest import JAN, NOW, PIWO, TODAY, ZOLC, ZUREK
from .shift_world import FLOAT, cash, figures, ops, sell, three_sales, world


def test_a_shift_from_opening_to_its_z_report(store: Store) -> None:
    service, anna, marek = world(store)
    assert service.current_shift() is None
    shift = service.open_shift(anna, FLOAT, now=NOW, business_date=TODAY)
    assert service.current_shift() == shift
    assert (shift.opened_by, shift.cash_float, shift.is_open) == (
        "Anna Kasjerka",
        Money(FLOAT),
        True,
    )
    with pytest.raises(DomainError, match="already open"):
        service.open_shift(marek, 0, now=NOW, business_date=TODAY)

    _, second, _ = three_sales(service, anna)
    with store.unit_of_work(read_only=True) as tx:
        stored = [tx.bills.closed_bill(bill_id) for bill_id in ("b1", "b2", "b3")]
        before = tx.balances.available(JAN.id, TODAY)
    assert [b.shift_id if b else None for b in stored] == [shift.id] * 3
    assert (before.credits, before.wallet, before.points) == (Money(0), Money(18000), 125)
    assert before.group_discount_used_today == Money(420)

    x = service.shift_report()
    assert (x.kind, x.shift_id, x.opened_by, x.cash_float) == (
        "X",
        shift.id,
        "Anna Kasjerka",
        Money(FLOAT),
    )
    assert figures(x) == {
        "bills": (3, 0, 0),
        "gross": 5000 + 8400 + 4200,
        "discounts": {"group": 420, "manual": 500, "voucher": 1000},
        "credits": 1000,
        "net": 4500 + 5980 + 4200,
        "tenders": {"cash": 5000 + 4200, "card": 3980, "wallet": 2000},
        "change": 500,
        "expected_cash": FLOAT + 9200 - 500,
        "loyalty": (5 + 4, 59 + 42),
        "vat": [("A", "23", 1260 + 4200, 236 + 785), ("B", "8", 3240 + 5980, 240 + 443)],
    }
    assert x.vat == (
        VatTotal("A", "23", Money(5460), Money(1021)),
        VatTotal("B", "8", Money(9220), Money(683)),
    )

    # A cashier may not void; the refusal is audited and changes nothing.
    voided_at = NOW + timedelta(minutes=10)
    with pytest.raises(NotAllowedError, match="Only a manager can void a bill"):
        service.void_bill(anna, "b2", "klient zrezygnował", now=voided_at)
    assert service.shift_report() == x
    with pytest.raises(DomainError, match="why"):
        service.void_bill(marek, "b2", "   ", now=voided_at)
    service.void_bill(marek, "b2", "klient  zrezygnował", now=voided_at)
    with pytest.raises(DomainError, match="voided, not closed"):
        service.void_bill(marek, "b2", "again", now=voided_at)

    after = service.shift_report()
    assert figures(after) == {
        "bills": (2, 1, 5980),
        "gross": 5000 + 4200,
        "discounts": {"group": 0, "manual": 500, "voucher": 0},
        "credits": 0,
        "net": 4500 + 4200,
        "tenders": {"cash": 9200, "card": 0, "wallet": 0},
        "change": 500,
        "expected_cash": FLOAT + 9200 - 500,
        "loyalty": (4, 42),
        "vat": [("A", "23", 5460, 1021), ("B", "8", 3240, 240)],
    }
    with store.unit_of_work(read_only=True) as tx:
        restored = tx.balances.available(JAN.id, TODAY)
        voided = tx.bills.closed_bill("b2")
    assert restored == Balances(Money(1000), Money(20000), 120, Money(0), Money(0))
    assert voided is not None and voided.voided
    assert (voided.voided_at, voided.voided_by, voided.void_reason) == (
        voided_at,
        "Marek Kierownik",
        "klient zrezygnował",
    )
    listed = service.bills_today(TODAY)
    assert [(b.local_no, b.status, b.total, b.customer_name) for b in listed] == [
        (3, "closed", Money(4200), ZOLC.name),
        (2, "voided", Money(5980), JAN.name),
        (1, "closed", Money(4500), None),
    ]

    # Only a manager closes the shift; the Z report is the last X reading, closed.
    closed_at = NOW + timedelta(hours=10)
    with pytest.raises(NotAllowedError):
        service.close_shift(anna, now=closed_at)
    z = service.close_shift(marek, now=closed_at)
    assert (z.kind, z.closed_at, z.closed_by) == ("Z", closed_at, "Marek Kierownik")
    assert figures(z) == figures(after)
    assert z.discounts[0] == DiscountTotal("group", Money(0))
    assert service.current_shift() is None
    with pytest.raises(DomainError, match="no shift is open"):
        service.shift_report()
    with pytest.raises(DomainError, match="Z report"):
        service.void_bill(marek, "b1", "za późno", now=closed_at)

    # The next shift may open; a sale outside any shift is still allowed, and audited.
    sell(service, Bill("b4", (BillLine("l1", ZUREK),)), cash(1800), minute=700)
    nxt = service.open_shift(anna, 0, now=closed_at + timedelta(hours=1), business_date=TODAY)
    assert nxt.id != shift.id and service.current_shift() == nxt

    # What the CRM is sent.
    [(_, opened), _] = ops(store, "shift.opened")
    assert opened.shift_id == shift.id and opened.cash_float == Money(FLOAT)
    assert opened.opened_by == StaffRef(anna.id, "Anna Kasjerka", "cashier")
    [(void_op_id, void_op)] = ops(store, "bill.voided")
    assert void_op.voids_op_id == second.op_id
    assert (void_op.bill_id, void_op.local_no, void_op.total) == ("b2", 2, Money(5980))
    assert void_op.reason == "klient zrezygnował"
    with store.unit_of_work(read_only=True) as tx:
        reversal = tx.session.execute(
            text(
                "SELECT credits_used_minor, wallet_used_minor, group_discount_minor,"
                " points_earned, credits_earned_minor, business_date"
                " FROM customer_effect WHERE op_id = :op"
            ),
            {"op": void_op_id},
        ).one()
    assert tuple(reversal) == (-1000, -2000, -420, -5, -59, TODAY.isoformat())
    [(_, closed_op)] = ops(store, "shift.closed")
    assert closed_op.shift_id == shift.id
    assert closed_op.closed_by == StaffRef(marek.id, "Marek Kierownik", "manager")
    assert (closed_op.net_sales, closed_op.expected_cash) == (Money(8700), Money(28700))
    assert {t.name: t.amount.minor for t in closed_op.tenders} == {
        "cash": 9200,
        "card": 0,
        "wallet": 0,
    }
    assert {d.name: d.amount.minor for d in closed_op.discounts} == {
        "group": 0,
        "manual": 500,
        "voucher": 0,
    }
    assert closed_op.vat == (
        VatFigure("A", "23", Money(5460), Money(1021)),
        VatFigure("B", "8", Money(3240), Money(240)),
    )

    # The audit log, newest first, with who and when.
    log = [(e.action, e.actor_name, e.target, e.at) for e in service.audit_recent(20)]
    assert log == [
        ("shift.opened", "Anna Kasjerka", nxt.id, closed_at + timedelta(hours=1)),
        ("bill.outside_shift", None, "b4", NOW + timedelta(minutes=700)),
        ("shift.closed", "Marek Kierownik", shift.id, closed_at),
        ("refused", "Anna Kasjerka", None, closed_at),
        ("bill.voided", "Marek Kierownik", "b2", voided_at),
        ("refused", "Anna Kasjerka", "b2", voided_at),
        ("bill.manual_discount", None, "b1", NOW + timedelta(minutes=1)),  # sold by nobody named
        ("shift.opened", "Anna Kasjerka", shift.id, NOW),
    ]
    details = {e.action: dict(e.details) for e in service.audit_recent(20)}
    assert details["bill.voided"] == {
        "local_no": 2,
        "total_minor": 5980,
        "reason": "klient zrezygnował",
    }
    assert details["shift.closed"] == {
        "bills": 2,
        "net_sales_minor": 8700,
        "expected_cash_minor": 28700,
    }


def test_a_draft_or_unknown_bill_cannot_be_voided(store: Store) -> None:
    service, anna, marek = world(store)
    service.save_and_price(
        Bill("draft", (BillLine("l1", ZUREK),)), name="", at=NOW, business_date=TODAY
    )
    with pytest.raises(DomainError, match="draft, not closed"):
        service.void_bill(marek, "draft", "pomyłka", now=NOW)
    with pytest.raises(DomainError, match="not on this terminal"):
        service.void_bill(marek, "nope", "pomyłka", now=NOW)
    with pytest.raises(DomainError, match="cash float"):
        service.open_shift(anna, -1, now=NOW, business_date=TODAY)


def test_a_voucher_used_on_this_till_is_refused_here_until_its_bill_is_voided(
    store: Store,
) -> None:
    service, anna, marek = world(store)
    service.open_shift(anna, FLOAT, now=NOW, business_date=TODAY)
    three_sales(service, anna)  # bill b2 used WITAJ10 (single use)

    def voucher_on_a_new_bill() -> tuple[str, str | None]:
        bill = Bill("b9", (BillLine("l1", ZUREK),)).with_voucher("WITAJ10")
        priced, _ = service.save_and_price(bill, name="", at=NOW, business_date=TODAY, save=False)
        [used] = [a for a in priced.adjustments if a.rule_id == "WITAJ10"]
        return used.status.value, used.refusal

    # The CRM's copy still says "active" until a pull; this till knows better.
    assert voucher_on_a_new_bill() == ("refused", "redeemed")
    service.void_bill(marek, "b2", "pomyłka", now=NOW + timedelta(minutes=9))
    assert voucher_on_a_new_bill() == ("applied", None)


def test_amounts_above_their_limits_are_refused_by_the_service_itself(store: Store) -> None:
    """Issue 11: the limits hold below the screen too (a tender, the cash float)."""
    service, anna, _ = world(store)
    with pytest.raises(AmountAboveLimitError, match="cash float"):
        service.open_shift(anna, 1_000_001, now=NOW, business_date=TODAY)
    service.open_shift(anna, 1_000_000, now=NOW, business_date=TODAY)
    huge = Tender(TenderKind.CASH, Money(2_000_001))
    with pytest.raises(AmountAboveLimitError, match="tender"):
        service.close(
            Bill("b-huge", (BillLine("l1", PIWO),)), (huge,), name="", at=NOW,
            business_date=TODAY, cashier=anna,
        )  # fmt: skip
    with store.unit_of_work(read_only=True) as tx:
        assert tx.bills.closed_bill("b-huge") is None
    service.amount_limits = AmountLimits(tender=Money(3_000_000))
    service.close(
        Bill("b-big", (BillLine("l1", PIWO),)), (huge,), name="", at=NOW,
        business_date=TODAY, cashier=anna,
    )  # fmt: skip


def test_limits_a_manager_set_are_read_at_start_and_bad_values_fall_back() -> None:
    read = AmountLimits.from_settings
    assert read({}) == AmountLimits()
    assert read({"tender_limit_minor": 5_000_000}).tender == Money(5_000_000)
    for bad in (-1, 0, "100", 1.5, True, 10**30):
        assert read({"tender_limit_minor": bad, "float_limit_minor": bad}) == AmountLimits()
