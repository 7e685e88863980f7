"""C6: the same new customer added at two tills while offline ends as one customer, and
both tills' bills point at it (sync-protocol §5.4)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, text

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.store.models import BillRow, CustomerAliasRow, CustomerRow
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.store import Store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.customers import NewCustomer
from pos_terminal.services.startup import prepare_store
from pos_terminal.services.terminal import TerminalService
from sync.client import CrmClient
from sync.engine import SyncEngine
from sync.enrolment import enrol
from tests.live_crm import LiveApi

NOW = datetime(2026, 11, 29, 12, 0)


def till(services: CrmServices, live: LiveApi, path: Path) -> tuple[Store, SyncEngine]:
    code = services.terminals.create_code_for_shop_named(CLI, "Bistro").code
    store = prepare_store(path, now=NOW, demo_customers=0, crm_owns_loyalty=True)
    with CrmClient(live.url, app_version="test") as client:
        done = enrol(client, code, path.stem)
    engine = SyncEngine(
        TerminalSyncStore(store),
        CrmClient(live.url, app_version="test", token=done.token),
        lambda link: None,
    )
    engine.run_once()
    return store, engine


def sell_to_new_customer(store: Store, bill_id: str) -> str:
    service = TerminalService(store)
    ewa = service.add_customer(NewCustomer("Ewa Nowak", phone="601 555 123"), now=NOW)
    with store.unit_of_work(read_only=True) as tx:
        product = tx.catalog.products()[0]
    bill = Bill(bill_id, (BillLine("l1", product),), customer_id=ewa.id)
    tender = (Tender(TenderKind.CASH, product.price),)
    service.close(bill, tender, name="", at=NOW, business_date=NOW.date())
    return ewa.id


def test_one_customer_proposed_at_two_tills_is_one_customer_everywhere(
    services: CrmServices, live: LiveApi, tmp_path: Path
) -> None:
    (first, one), (second, two) = (till(services, live, tmp_path / n) for n in ("k1.db", "k2.db"))
    live.stop()  # both offline: neither can know of the other's
    local_one = sell_to_new_customer(first, "bill-1")
    local_two = sell_to_new_customer(second, "bill-2")
    assert local_one != local_two
    live.start()
    for engine in (one, two, one, two):
        engine.run_once()
    query = select(func.count()).select_from(CustomerRow).where(CustomerRow.phone == "+48601555123")
    assert services.ctx.db.read(lambda s: s.scalar(query)) == 1
    canonical = services.ctx.db.read(
        lambda s: s.scalar(select(CustomerRow.id).where(CustomerRow.phone == "+48601555123"))
    )
    assert canonical == local_one  # the first to arrive keeps its id; the second is an alias
    assert (
        services.ctx.db.read(lambda s: s.scalar(select(CustomerAliasRow.customer_id))) == canonical
    )
    bills = services.ctx.db.read(
        lambda s: dict(s.execute(select(BillRow.bill_id, BillRow.customer_id)).all())
    )
    assert bills == {"bill-1": canonical, "bill-2": canonical}
    for store in (first, second):
        with store.unit_of_work(read_only=True) as tx:
            rows = tx.session.execute(
                text("SELECT id, proposed_locally FROM customer WHERE phone = '+48601555123'")
            ).all()
            bill_customer = tx.session.scalar(text("SELECT customer_id FROM bill"))
        assert [r.id for r in rows] == [canonical]
        assert bill_customer == canonical
        found = TerminalService(store).identify_customer(canonical, business_date=NOW.date())
        assert found.state is not None and found.state.wallet == Money(0)
    for engine, store in ((one, first), (two, second)):
        engine.stop()
        store.close()
