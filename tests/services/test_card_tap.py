"""A card tap (issue 12): one unit of work of reads, with rules that are never stale.

Everything runs on a real store; statements are watched through SQLAlchemy's own events,
so what is counted is what SQLite was asked, not what our code says it did.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import event

from loyalty.customers import CustomerGroup
from loyalty.discounts import Discount
from loyalty.money import Money
from pos_terminal.db.store import Store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.attach import Attached
from pos_terminal.services.terminal import TerminalService
from sync.wire.reference import encode, entity_of, id_of
from tests.db.conftest import JAN, NOW, SCHABOWY, STALY, STALY_5, TODAY, ZUREK, seed

BILL = Bill("b-tap", (BillLine("l1", ZUREK), BillLine("l2", SCHABOWY)))  # 60,00 zł
JANS_CARD = "0063E9AE"  # Jan's card as a reader in hex mode types it
RULE_READ = re.compile(r"\bFROM (customer_group|discount|cashback_rule)\b")


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """Every statement SQLAlchemy sends to SQLite meanwhile, in order."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def tap(service: TerminalService, bill: Bill = BILL) -> Attached:
    return service.attach_card(bill, JANS_CARD, at=NOW, today=TODAY, business_date=TODAY)


def group_discount(service: TerminalService) -> Money:
    priced = tap(service).priced
    assert priced is not None
    return priced.group_discount


def pulled(store: Store, *values: Discount | CustomerGroup, position: int = 1) -> None:
    """A page of the reference feed with these rows, applied as the sync engine applies it."""
    changes = [
        {"entity": entity_of(v), "id": id_of(v), "version": 2, "op": "upsert", "data": encode(v)}
        for v in values
    ]
    page = {"epoch": "e1", "changes": changes, "next_cursor": f"c{position}", "position": position}
    TerminalSyncStore(store).apply_pull_page("reference", page)


def test_a_tap_is_one_read_only_unit_of_work_that_computes_the_customer_once(
    store: Store,
) -> None:
    seed(store)
    service = TerminalService(store)
    tap(service)  # the rules are in memory from here on
    with statements(store) as seen:
        tapped = tap(service)
    assert tapped.bill.customer_id == JAN.id and tapped.bill.shown_to_customer
    assert tapped.priced is not None and tapped.priced.group_discount == Money(90 + 210)
    assert tapped.state is not None and tapped.state.credits == Money(5000)
    assert [s for s in seen if s.startswith("BEGIN")] == ["BEGIN DEFERRED"]
    assert sum("FROM balance_snapshot" in s for s in seen) == 1  # the customer's state, once
    assert not [s for s in seen if RULE_READ.search(s)]  # rules from memory
    assert not [s for s in seen if re.match(r"\s*(INSERT|UPDATE|DELETE)", s)]  # no draft yet


def test_a_draft_saved_between_taps_does_not_send_the_next_tap_to_the_rules(
    store: Store,
) -> None:
    """The database thread saves a draft after every tap and change: the pool gives it the
    same connection back, so its own commits do not count as another connection's."""
    seed(store)
    service = TerminalService(store)
    with store.engine.connect() as one, store.engine.connect() as two:  # two in the pool
        assert one.connection.driver_connection is not two.connection.driver_connection
    tapped = tap(service)
    with statements(store) as seen:
        service.save_draft(tapped.bill, name="", at=NOW)
        tap(service, tapped.bill)
    assert any("INSERT INTO bill " in s for s in seen)
    assert not [s for s in seen if RULE_READ.search(s)]


def test_a_discount_changed_by_a_pulled_page_prices_the_next_tap(store: Store) -> None:
    seed(store)
    service = TerminalService(store)
    assert group_discount(service) == Money(300)
    pulled(store, replace(STALY_5, percent=Decimal(10)))
    assert group_discount(service) == Money(600)


def test_a_group_changed_by_a_pulled_page_prices_the_next_tap(store: Store) -> None:
    seed(store)
    service = TerminalService(store)
    assert group_discount(service) == Money(300)
    pulled(store, replace(STALY, discount_ids=()))
    assert group_discount(service) == Money(0)


def test_a_rule_written_on_another_connection_prices_the_next_tap(store: Store) -> None:
    """Another process on the file (a technician's sqlite3, a tool) as much as another
    connection of this one: SQLite's data_version tells the cache."""
    seed(store)
    service = TerminalService(store)
    assert group_discount(service) == Money(300)
    with closing(sqlite3.connect(store.path)) as other:
        other.execute("UPDATE discount SET percent = '10' WHERE id = ?", (STALY_5.id,))
        other.commit()
    assert group_discount(service) == Money(600)
    with closing(sqlite3.connect(store.path)) as other:
        other.execute("UPDATE customer_group SET discount_ids = '' WHERE id = ?", (STALY.id,))
        other.commit()
    assert group_discount(service) == Money(0)
