"""A card tap on the sale screen (issue 12): one trip to the database thread, which finds
the customer, attaches them and prices the bill; the draft is saved after the screen has
the answer. Statements are watched through SQLAlchemy's events on the real store."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import event

from loyalty.money import Money
from pos_terminal.db.store import Store
from tests.db.conftest import JAN, SCHABOWY, ZUREK, seed

from .conftest import Till, open_till
from .test_sale_flows import add_products, label_text, tap

JANS_CARD = "0063E9AE"  # as a reader in hex mode types it
SHOWN = "-- the screen has the priced bill"


def test_a_tap_is_one_trip_and_the_draft_is_saved_after_the_screen_has_it(
    qtbot: QtBot, till: Till, store: Store
) -> None:
    add_products(qtbot, till, ZUREK.id, SCHABOWY.id)
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)  # on the database thread; list.append is atomic

    till.presenter.priced.connect(lambda *_: seen.append(SHOWN))
    event.listen(store.engine, "before_cursor_execute", record)
    try:
        tap(qtbot, till, JANS_CARD)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert seen.count(SHOWN) == 1
    before, after = seen[: seen.index(SHOWN)], seen[seen.index(SHOWN) + 1 :]
    assert [s for s in before if s.startswith("BEGIN")] == ["BEGIN DEFERRED"]
    assert sum("FROM balance_snapshot" in s for s in before) == 1  # the state, computed once
    assert [s for s in after if s.startswith("BEGIN")] == ["BEGIN IMMEDIATE"]  # the draft
    assert any(s.startswith("UPDATE bill SET") for s in after)
    assert till.presenter.bill.customer_id == JAN.id
    priced = till.presenter.last_priced
    assert priced is not None and priced.bill == till.presenter.bill
    assert priced.group_discount == Money(90 + 210)
    assert "Jan Kowalski" in label_text(till, "customer")


def test_after_a_tap_a_restart_shows_the_customer_on_the_bill(qtbot: QtBot, store: Store) -> None:
    seed(store)
    first = open_till(qtbot, store)
    add_products(qtbot, first, ZUREK.id)
    tap(qtbot, first, JANS_CARD)
    first.runner.shutdown()
    first.window.close()

    again = open_till(qtbot, store)
    assert again.presenter.bill.customer_id == JAN.id
    assert again.presenter.bill.shown_to_customer
    assert "Jan Kowalski" in label_text(again, "customer")
    again.runner.shutdown()


def test_a_product_added_before_the_tap_is_answered_keeps_both(qtbot: QtBot, till: Till) -> None:
    """The tap priced the bill as it was; the bill changed meanwhile, so the customer is
    put on the bill as it is now and that is priced."""
    add_products(qtbot, till, ZUREK.id)
    till.presenter.identify_card(JANS_CARD)
    till.presenter.add_product(SCHABOWY)  # before the database thread has answered
    till.settle(qtbot)
    bill = till.presenter.bill
    assert bill.customer_id == JAN.id
    assert [line.product.id for line in bill.lines] == [ZUREK.id, SCHABOWY.id]
    priced = till.presenter.last_priced
    assert priced is not None and priced.bill == bill
    assert priced.group_discount == Money(90 + 210)
