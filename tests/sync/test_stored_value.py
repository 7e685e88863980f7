"""Credits and wallet across tills: held online, bounded offline (sync-protocol §5.1, §8 C1)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.ledger import OperationRequest
from crm.store.models import BalanceRow, BillRow, HoldRow, LedgerEntryRow
from loyalty.money import Money
from loyalty.offline import OfflinePolicy, OfflineSpendError
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.store import Store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.startup import prepare_store
from pos_terminal.services.stored_value import NotEnoughAtCrmError
from pos_terminal.services.terminal import TerminalService
from sync.authorizer import CrmAuthorizer
from sync.client import CrmClient
from sync.engine import SyncEngine
from sync.enrolment import enrol
from tests.live_crm import LiveApi, free_port

NOW = datetime(2026, 11, 29, 12, 0)
POLICY = OfflinePolicy(
    per_bill_minor=3000, per_customer_terminal_minor=5000, per_terminal_day_minor=40_000
)


@dataclass
class Till:
    store: Store
    engine: SyncEngine
    token: str
    crm_url: str
    online: bool = True
    sold: int = 0

    def service(self) -> TerminalService:
        # Offline, the hold is asked of a port nobody listens on: refused at once.
        url = self.crm_url if self.online else f"http://127.0.0.1:{DEAD_PORT}"
        return TerminalService(
            self.store, authorizer=CrmAuthorizer(url, token=self.token, app_version="test")
        )

    def sell(self, customer_id: str, wallet: int) -> str:
        """A bill of one product, `wallet` of it from the customer's wallet, the rest cash."""
        with self.store.unit_of_work(read_only=True) as tx:
            product = max(tx.catalog.products(), key=lambda p: p.price.minor)
        self.sold += 1
        bill_id = f"{id(self)}-{self.sold}"
        tenders = (Tender(TenderKind.WALLET, Money(wallet)),) if wallet else ()
        if product.price.minor > wallet:
            tenders += (Tender(TenderKind.CASH, Money(product.price.minor - wallet)),)
        bill = Bill(bill_id, (BillLine("l1", product),), customer_id=customer_id)
        self.service().close(bill, tenders, name="", at=NOW, business_date=NOW.date())
        return bill_id

    def shown_wallet(self, customer_id: str) -> int:
        found = TerminalService(self.store).identify_customer(customer_id, business_date=NOW.date())
        assert found.state is not None
        return found.state.wallet.minor

    def sync(self) -> None:
        assert self.online
        for _ in range(5):
            self.engine.run_once()
            if TerminalService(self.store).pending_ops() == 0:
                return
        raise AssertionError("the till did not drain")


DEAD_PORT = free_port()


def make_till(services: CrmServices, live: LiveApi, folder: Path, name: str) -> Till:
    code = services.terminals.create_code_for_shop_named(CLI, "Bistro Centrum").code
    store = prepare_store(folder / f"{name}.db", now=NOW, demo_customers=0, crm_owns_loyalty=True)
    with CrmClient(live.url, app_version="test") as client:
        done = enrol(client, code, name)
    client = CrmClient(live.url, app_version="test", token=done.token)
    till = Till(store, SyncEngine(TerminalSyncStore(store), client, lambda link: None), done.token,
                live.url)  # fmt: skip
    till.sync()
    return till


@pytest.fixture
def tills(services: CrmServices, live: LiveApi, tmp_path: Path) -> Iterator[list[Till]]:
    services.transfer.install_demo(customers=30)
    services.holds.set_policy(CLI, {
        "enabled": True, "per_bill_minor": POLICY.per_bill_minor,
        "per_customer_terminal_minor": POLICY.per_customer_terminal_minor,
        "per_terminal_day_minor": POLICY.per_terminal_day_minor, "hold_minutes": 30,
    })  # fmt: skip
    made = [make_till(services, live, tmp_path, f"Kasa {n}") for n in range(1, 4)]
    yield made
    for till in made:
        till.engine.stop()
        till.store.close()


def wallet_at_crm(services: CrmServices, customer_id: str) -> int:
    query = select(BalanceRow.amount).where(
        BalanceRow.customer_id == customer_id, BalanceRow.account == "wallet"
    )
    return int(services.ctx.db.read(lambda s: s.scalar(query)) or 0)


def customers_with_wallet(services: CrmServices, least: int) -> list[str]:
    query = (
        select(BalanceRow.customer_id)
        .where(BalanceRow.account == "wallet", BalanceRow.amount >= least)
        .order_by(BalanceRow.customer_id)
    )
    return list(services.ctx.db.read(lambda s: s.scalars(query).all()))


def test_online_a_hold_comes_first_and_a_till_that_thought_there_was_more_is_told(
    services: CrmServices, tills: list[Till]
) -> None:
    first, second = tills[:2]
    customer_id = customers_with_wallet(services, 3000)[0]
    start = wallet_at_crm(services, customer_id)
    bill_id = first.sell(customer_id, 2000)
    hold = services.ctx.db.read(lambda s: s.scalars(select(HoldRow)).one())
    assert (hold.bill_id, hold.wallet_minor, hold.status) == (bill_id, 2000, "pending")
    first.sync()
    assert services.ctx.db.read(lambda s: s.get(HoldRow, hold.id)).status == "posted"
    # The second till has not pulled since: it still shows the old figure, the CRM knows.
    assert second.shown_wallet(customer_id) == start
    with pytest.raises(NotEnoughAtCrmError, match="spent at another till"):
        second.sell(customer_id, start - 1000)
    with second.store.unit_of_work(read_only=True) as tx:
        assert tx.session.scalar(text("SELECT count(*) FROM bill WHERE status = 'closed'")) == 0


def test_offline_spending_stops_at_the_allowances_and_refills_after_a_sync(
    services: CrmServices, tills: list[Till]
) -> None:
    till = tills[0]
    customer_id = customers_with_wallet(services, 10_000)[0]
    till.online = False
    with pytest.raises(OfflineSpendError, match=r"on one bill"):
        till.sell(customer_id, 3500)
    till.sell(customer_id, 3000)
    with pytest.raises(OfflineSpendError, match="for this customer until the till syncs"):
        till.sell(customer_id, 2500)
    till.sell(customer_id, 2000)  # 5000 in all: the allowance, exactly
    till.online = True
    till.sync()
    till.sell(customer_id, 0)  # a hold is asked again online; nothing to hold here
    till.online = False
    till.sell(customer_id, 3000)  # refilled by the sync


def test_tills_cut_off_overdraw_a_customer_no_more_than_their_allowances(
    services: CrmServices, tills: list[Till]
) -> None:
    """C1: every till spends from the same customers, going on and off line at random."""
    rng = random.Random(11)
    people = customers_with_wallet(services, 100)[:6]
    for customer_id in people:  # a little money each, so the offline spends overdraw
        have = wallet_at_crm(services, customer_id)
        services.ledger.operate(CLI, customer_id, OperationRequest("wallet", "set", 4000, "C1"))
        assert have >= 0
    for till in tills:
        till.sync()
    refused = 0
    for _ in range(90):
        till = rng.choice(tills)
        if rng.random() < 0.15:
            till.online = not till.online
            if till.online:
                till.sync()
            continue
        customer_id = rng.choice(people)
        shown = till.shown_wallet(customer_id)
        amount = min(max(0, shown), rng.randint(500, 3000))
        try:
            till.sell(customer_id, amount)
        except (OfflineSpendError, NotEnoughAtCrmError):
            refused += 1
    for till in tills:
        till.online = True
        till.sync()
    bound = len(tills) * POLICY.per_customer_terminal_minor
    for customer_id in people:
        balance = wallet_at_crm(services, customer_id)
        entries = services.ctx.db.read(
            lambda s, c=customer_id: s.execute(
                select(LedgerEntryRow.amount, LedgerEntryRow.balance_after, LedgerEntryRow.bill_id)
                .where(LedgerEntryRow.customer_id == c, LedgerEntryRow.account == "wallet")
                .order_by(LedgerEntryRow.id)
            ).all()
        )
        assert balance >= -bound, (customer_id, balance)
        assert sum(e.amount for e in entries) == balance
        for entry in entries:
            if entry.balance_after < 0 and entry.amount < 0:  # this spend overdrew: flagged
                bill = services.ctx.db.read(lambda s, b=entry.bill_id: s.get(BillRow, b))
                assert bill is not None and "wallet_overdraft" in bill.flags
        for till in tills:  # and every till now shows the CRM's figure
            assert till.shown_wallet(customer_id) == balance
    lowest = min(wallet_at_crm(services, c) for c in people)
    print(f"C1: tills=3 customers=6 refused={refused} lowest={lowest} bound=-{bound}")
