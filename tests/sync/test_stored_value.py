"""Credits and wallet across tills: held online, bounded offline (sync-protocol §5.1, §8 C1)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.ledger import OperationRequest
from crm.services.voucher_fields import VoucherSpec
from crm.store.models import BalanceRow, BillRow, HoldRow, LedgerEntryRow, VoucherRow
from loyalty.money import Money
from loyalty.offline import OfflinePolicy, OfflineSpendError
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.store import Store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.startup import prepare_store
from pos_terminal.services.stored_value import NotEnoughAtCrmError, VoucherNotAvailableError
from pos_terminal.services.terminal import TerminalService
from sync.authorizer import CrmAuthorizer
from sync.client import CrmClient
from sync.engine import SyncEngine
from sync.enrolment import enrol
from sync.wire.holds import HoldRequest
from tests.live_crm import LiveApi, free_port
from tests.sync.fault_proxy import PASS, RESET_AFTER, FaultProxy

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
        tenders: tuple[Tender, ...] = (Tender(TenderKind.WALLET, Money(wallet)),) if wallet else ()
        if product.price.minor > wallet:
            tenders += (Tender(TenderKind.CASH, Money(product.price.minor - wallet)),)
        bill = Bill(bill_id, (BillLine("l1", product),), customer_id=customer_id)
        self.service().close(bill, tenders, name="", at=NOW, business_date=NOW.date())
        return bill_id

    def sell_with_voucher(self, code: str) -> None:
        with self.store.unit_of_work(read_only=True) as tx:
            product = max(tx.catalog.products(), key=lambda p: p.price.minor)
        self.sold += 1
        bill = Bill(f"{id(self)}-{self.sold}", (BillLine("l1", product),)).with_voucher(code)
        due = product.price.minor - 1000
        tenders = (Tender(TenderKind.CASH, Money(due)),)
        self.service().close(bill, tenders, name="", at=NOW, business_date=NOW.date())

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


def wallet_ledger(services: CrmServices, customer_id: str) -> list[Any]:
    query = (
        select(LedgerEntryRow.amount, LedgerEntryRow.balance_after, LedgerEntryRow.bill_id)
        .where(LedgerEntryRow.customer_id == customer_id, LedgerEntryRow.account == "wallet")
        .order_by(LedgerEntryRow.id)
    )
    return list(services.ctx.db.read(lambda s: s.execute(query).all()))


def bill_at_crm(services: CrmServices, bill_id: str) -> BillRow | None:
    return services.ctx.db.read(lambda s: s.get(BillRow, bill_id))


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
    posted = services.ctx.db.read(lambda s: s.get(HoldRow, hold.id))
    assert posted is not None and posted.status == "posted"
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
        entries = wallet_ledger(services, customer_id)
        assert balance >= -bound, (customer_id, balance)
        assert sum(e.amount for e in entries) == balance
        for entry in entries:
            if entry.balance_after < 0 and entry.amount < 0:  # this spend overdrew: flagged
                bill = bill_at_crm(services, str(entry.bill_id))
                assert bill is not None and "wallet_overdraft" in bill.flags
        for till in tills:  # and every till now shows the CRM's figure
            assert till.shown_wallet(customer_id) == balance
    lowest = min(wallet_at_crm(services, c) for c in people)
    print(f"C1: tills=3 customers=6 refused={refused} lowest={lowest} bound=-{bound}")


def test_a_voucher_is_held_online_and_offline_only_if_the_crm_allows_it(
    services: CrmServices, tills: list[Till]
) -> None:
    """C5 at the tills: one till redeems online; another that has not synced is told; offline
    only vouchers marked offline-redeemable are taken."""
    services.vouchers.create_voucher(CLI, VoucherSpec("amount", code="RAZ10", amount_minor=1000))
    services.vouchers.create_voucher(
        CLI, VoucherSpec("amount", code="OFF10", amount_minor=1000, offline_redeemable=True)
    )
    services.vouchers.create_voucher(CLI, VoucherSpec("amount", code="TYLKO10", amount_minor=1000))
    for till in tills:
        till.sync()
    first, second, third = tills
    first.sell_with_voucher("RAZ10")
    with pytest.raises(VoucherNotAvailableError, match="RAZ10 cannot be used"):
        second.sell_with_voucher("RAZ10")  # its cache still says the voucher is active
    third.online = False
    with pytest.raises(VoucherNotAvailableError, match="only while the CRM answers"):
        third.sell_with_voucher("TYLKO10")
    third.sell_with_voucher("OFF10")
    third.online = True
    first.sync()
    third.sync()
    mine = ("RAZ10", "OFF10", "TYLKO10")
    redeemed = services.ctx.db.read(
        lambda s: {
            v.code: v.status for v in s.scalars(select(VoucherRow).where(VoucherRow.code.in_(mine)))
        }
    )
    assert redeemed == {"RAZ10": "redeemed", "OFF10": "redeemed", "TYLKO10": "active"}


def test_a_sale_refused_after_a_hold_it_never_heard_about_leaves_nothing_held(
    services: CrmServices, live: LiveApi, tills: list[Till]
) -> None:
    """The CRM made the hold, its answer was lost on the way back, so the till applied the
    offline rules and refused the sale: the hold is released by the op it was asked under,
    or it would keep the customer's money from every other till until it expires."""
    till = tills[0]
    customer_id = customers_with_wallet(services, 10_000)[0]
    lose_holds = FaultProxy(
        live.port, lambda r: RESET_AFTER if r.path == "/v1/authorizations" else PASS
    ).start()
    till.crm_url = lose_holds.url
    try:
        with pytest.raises(OfflineSpendError, match="on one bill"):
            till.sell(customer_id, 3500)  # beyond the offline per-bill allowance
    finally:
        lose_holds.stop()
    holds = services.ctx.db.read(
        lambda s: [(h.wallet_minor, h.status) for h in s.scalars(select(HoldRow))]
    )
    assert holds == [(3500, "voided")]


def test_a_hold_released_before_its_ask_arrives_reserves_nothing(
    services: CrmServices, tills: list[Till]
) -> None:
    """The release can overtake a slow ask: the late ask then finds its hold void."""
    till = tills[0]
    customer_id = customers_with_wallet(services, 10_000)[0]
    authorizer = CrmAuthorizer(till.crm_url, token=till.token, app_version="test")
    try:
        request = HoldRequest("op-late", customer_id, "b-late", Money(0), Money(4000), ())
        authorizer.release_asked(request)
        granted = authorizer.authorize(request)  # arrives late: the same op id
    finally:
        authorizer.close()
    assert granted is not None
    holds = services.ctx.db.read(
        lambda s: [(h.op_id, h.wallet_minor, h.status) for h in s.scalars(select(HoldRow))]
    )
    assert holds == [("op-late", 0, "voided")]
