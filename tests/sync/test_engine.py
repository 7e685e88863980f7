"""A real terminal and the real CRM over HTTP on 127.0.0.1, with the sync engine between
them: enrol, first snapshot, sales online and offline, exactly once, balances that agree."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.ledger import OperationRequest
from crm.store.models import BalanceRow, BillRow, CustomerRow
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.store import Store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.staff import Role, StaffMember
from pos_terminal.services.startup import prepare_store
from pos_terminal.services.terminal import TerminalService
from sync.client import CrmClient
from sync.engine import SyncEngine
from sync.enrolment import enrol
from sync.link_state import CrmLink, LinkState
from sync.priority import collector_paused
from tests.live_crm import LiveApi

NOW = datetime(2026, 11, 29, 12, 0)


@dataclass
class Till:
    store: Store
    service: TerminalService
    engine: SyncEngine
    links: list[CrmLink]

    def sync(self) -> CrmLink:
        link, _ = self.engine.run_once()
        return link

    def sell(self, customer_id: str, bill_id: str, *, wallet: int = 0) -> None:
        with self.store.unit_of_work(read_only=True) as tx:
            product = tx.catalog.products()[0]
        total = product.price.minor
        tenders: tuple[Tender, ...] = (Tender(TenderKind.WALLET, Money(wallet)),) if wallet else ()
        if total > wallet:
            tenders += (Tender(TenderKind.CASH, Money(total - wallet)),)
        bill = Bill(bill_id, (BillLine("l1", product),), customer_id=customer_id)
        self.service.close(bill, tenders, name="", at=NOW, business_date=NOW.date())

    def wallet(self, customer_id: str) -> int:
        return wallet_shown(self.service, customer_id)

    def pending(self) -> int:
        return self.service.pending_ops()


def wallet_shown(service: TerminalService, customer_id: str) -> int:
    """The wallet the cashier sees: snapshot minus what the CRM has not shown yet."""
    found = service.identify_customer(customer_id, business_date=NOW.date())
    assert found.state is not None, found
    return found.state.wallet.minor


def crm_figures(services: CrmServices, customer_id: str) -> dict[str, int]:
    return services.ctx.db.read(
        lambda s: {
            r.account: r.amount
            for r in s.scalars(select(BalanceRow).where(BalanceRow.customer_id == customer_id))
        }
    )


@pytest.fixture
def till(services: CrmServices, live: LiveApi, tmp_path: Path) -> Iterator[Till]:
    services.transfer.install_demo(customers=40)
    code = services.terminals.create_code_for_shop_named(CLI, "Bistro Centrum").code
    store = prepare_store(
        tmp_path / "terminal.db", now=NOW, demo_customers=0, crm_owns_loyalty=True
    )
    with CrmClient(live.url, app_version="test") as client:
        done = enrol(client, code, "Kasa 1")
    links: list[CrmLink] = []
    client = CrmClient(live.url, app_version="test", token=done.token)
    engine = SyncEngine(TerminalSyncStore(store), client, links.append)
    yield Till(store, TerminalService(store), engine, links)
    engine.stop()
    store.close()


def queued_at_crm(services: CrmServices) -> int | None:
    """What the terminals page shows as the till's ops not sent yet."""
    [terminal] = services.terminals.list_terminals(CLI).items
    return terminal.queued_ops


def rich_customer(services: CrmServices) -> tuple[str, int]:
    """A demo customer with at least 50,00 zł in the wallet, and that amount."""
    query = (
        select(BalanceRow.customer_id, BalanceRow.amount)
        .where(BalanceRow.account == "wallet", BalanceRow.amount >= 5000)
        .order_by(BalanceRow.customer_id)
        .limit(1)
    )
    customer_id, amount = services.ctx.db.read(lambda s: s.execute(query).one())
    return str(customer_id), int(amount)


def test_a_terminal_syncs_its_sales_once_and_shows_the_crms_balances(
    services: CrmServices, live: LiveApi, till: Till
) -> None:
    # First start: the snapshot brings every customer and balance.
    assert till.sync().state is LinkState.ONLINE
    with till.store.unit_of_work(read_only=True) as tx:
        cached = tx.session.scalar(text("SELECT count(*) FROM customer"))
    assert cached == services.ctx.db.read(
        lambda s: s.scalar(select(func.count()).select_from(CustomerRow))
    )
    customer_id, wallet = rich_customer(services)
    assert till.wallet(customer_id) == wallet

    # Online: the sale shows at once, goes to the CRM once, and is not counted twice after.
    till.sell(customer_id, "b-online", wallet=1000)
    assert till.wallet(customer_id) == wallet - 1000 and till.pending() == 1
    assert till.sync().state is LinkState.ONLINE
    assert till.pending() == 0
    assert crm_figures(services, customer_id)["wallet"] == wallet - 1000
    assert till.wallet(customer_id) == wallet - 1000

    # Offline: the till sells on; the CRM gets everything once it is back.
    live.stop()
    for n in range(3):
        till.sell(customer_id, f"b-off-{n}", wallet=500)
    link = till.sync()
    assert link.state is LinkState.OFFLINE and link.pending == 3
    assert till.wallet(customer_id) == wallet - 2500
    live.start()
    till.engine._hello()  # the first step of a sync: the CRM learns what the till holds
    assert queued_at_crm(services) == 3
    assert till.sync().state is LinkState.ONLINE and till.pending() == 0
    assert queued_at_crm(services) == 0, "said with the push that took the last ops"
    assert crm_figures(services, customer_id)["wallet"] == wallet - 2500
    assert till.wallet(customer_id) == wallet - 2500
    bills = services.ctx.db.read(lambda s: s.scalar(select(func.count()).select_from(BillRow)))
    assert bills == 4

    # A change made at the CRM reaches the till.
    services.ledger.operate(CLI, customer_id, OperationRequest("wallet", "add", 700, "zwrot"))
    till.sync()
    assert till.wallet(customer_id) == wallet - 2500 + 700


def test_what_a_restarted_terminal_shows_counts_each_unsent_sale_once(
    services: CrmServices, live: LiveApi, till: Till, tmp_path: Path
) -> None:
    till.sync()
    customer_id, wallet = rich_customer(services)
    live.stop()
    till.sell(customer_id, "b1", wallet=800)
    till.engine.stop()
    till.store.close()
    store = prepare_store(
        tmp_path / "terminal.db", now=NOW + timedelta(minutes=5), demo_customers=0
    )
    try:
        assert wallet_shown(TerminalService(store), customer_id) == wallet - 800
    finally:
        store.close()


def manager(till: Till) -> StaffMember:
    with till.store.unit_of_work() as tx:
        return tx.staff.add("Marek Kierownik", Role.MANAGER, "987654")


def _allowance_at_crm(services: CrmServices, customer_id: str) -> int | None:
    query = select(CustomerRow.discount_allowance_minor).where(CustomerRow.id == customer_id)
    return services.ctx.db.read(lambda s: s.scalar(query))


def test_a_discount_allowance_is_taken_once_by_the_crm_and_shown_once_at_the_till(
    services: CrmServices, till: Till
) -> None:
    assert till.sync().state is LinkState.ONLINE
    with till.store.unit_of_work(read_only=True) as tx:
        product = tx.catalog.products()[0]
        ids = tx.session.scalars(text("SELECT id FROM customer ORDER BY id")).all()

    def group_discount(customer_id: str, bill_id: str = "probe") -> int:
        bill = Bill(bill_id, (BillLine("l1", product),), customer_id=customer_id)
        priced, _ = till.service.save_and_price(
            bill, name="", at=NOW, business_date=NOW.date(), save=False
        )
        return priced.group_discount.minor

    customer_id = next(c for c in ids if group_discount(c) > 0)
    given = group_discount(customer_id)

    def put(session: Session) -> None:
        customer = session.get(CustomerRow, customer_id)
        assert customer is not None
        customer.discount_allowance_minor, customer.discount_limit_disabled = 10 * given, False

    services.ctx.db.write(put)
    till.sync()

    def left() -> int | None:
        found = till.service.identify_customer(customer_id, business_date=NOW.date())
        assert found.state is not None and found.state.allowance_left is not None
        return found.state.allowance_left.minor

    assert left() == 10 * given
    till.sell(customer_id, "b-allow")
    assert left() == 9 * given  # at once, before the CRM knows
    assert till.sync().state is LinkState.ONLINE
    assert _allowance_at_crm(services, customer_id) == 9 * given
    assert left() == 9 * given  # the CRM's figure, not taken a second time

    till.service.void_bill(manager(till), "b-allow", "pomyłka", now=NOW + timedelta(minutes=1))
    assert left() == 10 * given
    till.sync()
    assert _allowance_at_crm(services, customer_id) == 10 * given
    assert left() == 10 * given


class _WatchedStore(TerminalSyncStore):
    """The real store, noting the collections that start while it applies a page."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.applying = False
        self.collections: list[int] = []  # generations, of collections during a page
        self.made = 0  # tracked objects the pages made, net, the most in one page

    def apply_snapshot_page(self, stream: str, page: Mapping[str, Any]) -> int:
        gc.collect()  # so that the count below is the page's own
        self.applying = True
        try:
            return super().apply_snapshot_page(stream, page)
        finally:
            self.applying = False
            self.made = max(self.made, gc.get_count()[0])

    def noticed(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start" and self.applying:
            self.collections.append(info["generation"])


def test_no_garbage_collection_stops_the_till_while_pages_apply(
    services: CrmServices, live: LiveApi, tmp_path: Path
) -> None:
    """A page puts thousands of objects alive at once; each automatic collection they set
    off stopped every thread, a card tap too (sync/priority.py). None runs while a page
    applies now, though a page makes enough objects to set off several, and the collector
    runs again after the pull."""
    services.transfer.install_demo(customers=1000)
    code = services.terminals.create_code_for_shop_named(CLI, "Bistro Centrum").code
    store = prepare_store(
        tmp_path / "terminal.db", now=NOW, demo_customers=0, crm_owns_loyalty=True
    )
    with CrmClient(live.url, app_version="test") as client:
        token = enrol(client, code, "Kasa 1").token
    watched = _WatchedStore(store)
    engine = SyncEngine(watched, CrmClient(live.url, app_version="test", token=token), print)
    gc.callbacks.append(watched.noticed)
    try:
        assert engine.run_once()[0].state is LinkState.ONLINE
    finally:
        gc.callbacks.remove(watched.noticed)
        engine.stop()
        store.close()
    assert watched.collections == []
    assert watched.made > 2 * gc.get_threshold()[0]  # unpaused, two or more would have run
    assert gc.isenabled()


def test_pauses_of_the_collector_nest_and_keep_it_off_if_it_was() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # someone else turned it off: it stays off
    finally:
        gc.enable()


def test_which_groups_a_cashier_may_give_comes_from_the_crm(
    services: CrmServices, till: Till
) -> None:
    """The flag alone changed at the CRM reaches the till, on SQLite and PostgreSQL alike
    (the feed's UPDATE trigger watches it since CRM migration 0005)."""
    assert till.sync().state is LinkState.ONLINE

    def at_till() -> dict[str, bool]:
        with till.store.unit_of_work(read_only=True) as tx:
            return {group.name: group.assignable_at_till for group in tx.rules.groups()}

    # The demo's ordinary groups, not staff or VIP.
    assert at_till() == {"Stały klient": True, "Student": True, "VIP": False, "Pracownik": False}
    vip = next(g for g in services.groups.list(CLI).items if g.name == "VIP")
    assert services.groups.edit(CLI, vip.id, {"assignable_at_till": True}).assignable_at_till
    assert till.sync().state is LinkState.ONLINE
    assert at_till()["VIP"] is True
