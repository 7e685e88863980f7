"""Open bills survive anything; closing stores the whole priced bill in one transaction."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.repositories.bills import BillNotDraftError
from pos_terminal.db.store import Store, open_store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.bills import close_bill, price_open_bill, save_draft
from pos_terminal.services.identify import identify_by_card

from .conftest import JAN, MANAGER_10, NOW, PIWO, SCHABOWY, TODAY, ZUREK, seed


def jan_bill(bill_id: str = "b-1", *, schabowy: int = 2) -> Bill:
    return Bill(
        bill_id,
        (
            BillLine("l1", ZUREK, 1),
            BillLine("l2", SCHABOWY, schabowy, manual_discount_id=MANAGER_10.id),
            BillLine("l3", PIWO, 2),
        ),
        customer_id=JAN.id,
    )


def test_a_draft_comes_back_exactly_after_the_store_is_reopened(db_path: Path) -> None:
    store = open_store(db_path, now=NOW)
    seed(store)
    bill = jan_bill().with_voucher("abc123").with_credits_removed(True)
    with store.unit_of_work() as tx:
        save_draft(tx, bill, name="Stolik 4", now=NOW)
    with store.unit_of_work() as tx:  # a change is saved over the previous state
        save_draft(tx, bill.with_quantity("l3", 3), name="Stolik 4", now=NOW + timedelta(minutes=1))
    store.close()  # as after a crash: nothing but the file remains

    reopened = open_store(db_path, now=NOW)
    try:
        with reopened.unit_of_work(read_only=True) as tx:
            [draft] = tx.bills.drafts()
        assert draft.bill == bill.with_quantity("l3", 3)
        assert (draft.name, draft.opened_at, draft.updated_at) == (
            "Stolik 4",
            NOW,
            NOW + timedelta(minutes=1),
        )
    finally:
        reopened.close()


def test_closing_stores_everything_in_one_go(store: Store) -> None:
    seed(store)
    bill = jan_bill()
    with store.unit_of_work() as tx:
        save_draft(tx, bill, name="Stolik 1", now=NOW)
        priced = price_open_bill(tx, bill, at=NOW, business_date=TODAY)
    # 18,00 + 84,00 (manual 10 % → 8,40 beats group 5 %) + 28,00; group 5 % on soup and beer.
    assert (priced.gross, priced.manual_discount, priced.group_discount) == (
        Money(13000),
        Money(840),
        Money(90 + 140),
    )
    assert priced.credits_used == Money(5000)  # Jan's 50,00 credits, auto-applied
    due = priced.total
    with store.unit_of_work() as tx:
        closed = close_bill(
            tx,
            bill,
            (Tender(TenderKind.CARD, Money(5000)), Tender(TenderKind.CASH, Money(3000))),
            name="Stolik 1",
            shift_id=None,
            at=NOW,
            business_date=TODAY,
        )
    assert closed.local_no == 1 and closed.priced.total == due == Money(6930)
    with store.unit_of_work(read_only=True) as tx:
        record = tx.bills.closed(bill.id)
        payload = tx.outbox.payload(closed.op_id)
        assert tx.bills.drafts() == []
        after = identify_by_card(tx, "0006547886", today=TODAY, business_date=TODAY).state
    assert record is not None
    assert (record.total, record.change, record.credits) == (Money(6930), Money(1070), Money(5000))
    assert sum(record.line_totals) == record.total.minor == sum(record.vat_gross)
    assert record.payments == (("card", 5000), ("cash", 3000))
    assert payload is not None and payload["total"] == {"amount_minor": 6930, "currency": "PLN"}
    assert payload["bill_id"] == bill.id and len(payload["lines"]) == 3
    # What Jan has now: credits spent, today's group discount counted, before any sync.
    assert after is not None
    assert after.credits == Money(0)
    assert after.group_discount_used_today == Money(230)


def test_the_daily_limit_holds_over_two_bills_through_the_store(store: Store) -> None:
    seed(store)
    big = Bill("b-big", (BillLine("l1", SCHABOWY, 8),), customer_id=JAN.id)  # 5 % of 336 = 16,80
    with store.unit_of_work() as tx:
        first = close_bill(
            tx,
            big,
            (Tender(TenderKind.CASH, Money(40000)),),
            name="",
            shift_id=None,
            at=NOW,
            business_date=TODAY,
        )
    assert first.priced.group_discount == Money(1680)
    again = Bill("b-again", (BillLine("l1", SCHABOWY, 8),), customer_id=JAN.id)
    with store.unit_of_work() as tx:
        second = price_open_bill(tx, again, at=NOW, business_date=TODAY)
        tomorrow = price_open_bill(tx, again, at=NOW, business_date=TODAY + timedelta(days=1))
    assert second.group_discount == Money(2000 - 1680)  # the 20,00 limit, 16,80 used already
    assert second.limit is not None and second.limit.capped_by is not None
    assert tomorrow.group_discount == Money(1680)


def test_closing_refuses_what_is_not_paid_and_bills_already_closed(store: Store) -> None:
    seed(store)
    bill = Bill("b-2", (BillLine("l1", ZUREK, 1),))
    with store.unit_of_work() as tx, pytest.raises(DomainError, match="18,00 PLN is still to pay"):
        close_bill(tx, bill, (), name="", shift_id=None, at=NOW, business_date=TODAY)
    with store.unit_of_work() as tx:
        close_bill(
            tx,
            bill,
            (Tender(TenderKind.CASH, Money(2000)),),
            name="",
            shift_id=None,
            at=NOW,
            business_date=TODAY,
        )
    with store.unit_of_work() as tx, pytest.raises(BillNotDraftError):
        save_draft(tx, bill, name="", now=NOW)
    with store.unit_of_work() as tx:
        third = close_bill(
            tx,
            Bill("b-3", (BillLine("l1", PIWO, 1),)),
            (Tender(TenderKind.CARD, Money(1400)),),
            name="",
            shift_id=None,
            at=NOW,
            business_date=TODAY,
        )
    assert third.local_no == 2


def test_a_failure_while_closing_leaves_no_trace(store: Store) -> None:
    seed(store)
    bill = jan_bill("b-fail")
    with store.unit_of_work() as tx:
        save_draft(tx, bill, name="Stolik 9", now=NOW)
    with pytest.raises(RuntimeError), store.unit_of_work() as tx:
        close_bill(
            tx,
            bill,
            (Tender(TenderKind.CASH, Money(20000)),),
            name="Stolik 9",
            shift_id=None,
            at=NOW,
            business_date=TODAY,
        )
        raise RuntimeError("power cut before COMMIT")
    with store.unit_of_work(read_only=True) as tx:
        assert tx.bills.closed(bill.id) is None
        assert [d.bill.id for d in tx.bills.drafts()] == [bill.id]  # still open, as it was
        assert tx.outbox.pending_count() == 0
        effects = tx.session.execute(text("SELECT count(*) FROM customer_effect")).scalar_one()
        assert effects == 0


def test_discarding_a_draft(store: Store) -> None:
    with store.unit_of_work() as tx:
        save_draft(tx, Bill("b-x", (BillLine("l1", ZUREK, 1),)), name="", now=NOW)
    with store.unit_of_work() as tx:
        tx.bills.discard_draft("b-x")
    with store.unit_of_work(read_only=True) as tx:
        assert tx.bills.drafts() == []
