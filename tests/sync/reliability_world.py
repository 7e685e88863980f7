"""What the reliability tests share (sync-protocol §8 A, B, D): a real terminal store with
the real sync engine talking to the live CRM (through the fault proxy when a test wants
faults), the sales it makes, and the Jepsen-style count of what arrived.

acked = the sale's close COMMIT returned; lost = acked but not at the CRM after draining;
duplicated = more than one CRM bill, or more than one ledger entry of one kind on one
account, for one bill; unexpected = at the CRM but never sold by this terminal.
"""

from __future__ import annotations

import os
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy import func, select, text

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.ledger import OperationRequest
from crm.store.models import BalanceRow, BillRow, LedgerEntryRow
from loyalty.catalog import Product
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.models import OutboxRow
from pos_terminal.db.store import Store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.startup import prepare_store
from pos_terminal.services.terminal import TerminalService
from sync.client import TIMEOUT, CrmClient
from sync.engine import SyncEngine
from sync.link_state import CrmLink, LinkState

NOW = datetime(2026, 11, 29, 12, 0)
BIG = os.environ.get("POS_RELIABILITY_BIG") == "1"
WALLET_SPEND = 100  # grosze of wallet on each bill with a customer
TOP_UP = 1_000_000  # given to the customers the tests sell to, so no wallet runs dry


@dataclass(frozen=True, slots=True)
class Enrolled:
    terminal_id: str
    token: str


def enrol_terminal(services: CrmServices, name: str = "Kasa 1") -> Enrolled:
    code = services.terminals.create_code_for_shop_named(CLI, "Bistro Centrum").code
    done = services.terminals.enrol(code, name)
    return Enrolled(done.terminal_id, done.token)


def rich_customers(services: CrmServices, how_many: int) -> list[str]:
    """Demo customers given a large wallet, so any number of test sales can spend from it."""
    ids = services.ctx.db.read(
        lambda s: list(
            s.scalars(
                select(BalanceRow.customer_id)
                .where(BalanceRow.account == "wallet")
                .order_by(BalanceRow.customer_id)
                .limit(how_many)
            )
        )
    )
    for customer_id in ids:
        services.ledger.operate(CLI, customer_id, OperationRequest("wallet", "add", TOP_UP))
    return [str(i) for i in ids]


class SeenTransport(httpx.BaseTransport):
    """httpx's own transport, noting the request id of every answer that reached the
    client whole. The proxy knows what it sent; only the client knows what it read (one
    that gave up waiting, on a slow machine, did not), and exact counts need the latter."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self._lock = threading.Lock()
        self._seen: set[str] = set()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        try:
            response.read()  # the whole body here, so a timeout reading it counts as unseen
        except BaseException:
            response.close()
            raise
        with self._lock:
            self._seen.add(request.headers.get("X-Request-Id", ""))
        return response

    def seen(self) -> set[str]:
        with self._lock:
            return set(self._seen)

    def close(self) -> None:
        self._inner.close()


@dataclass
class Till:
    """One terminal: its store, the cashier's service, and its sync engine."""

    store: Store
    service: TerminalService
    engine: SyncEngine
    links: list[CrmLink]
    products: list[Product]
    transport: SeenTransport
    sold: list[str] = field(default_factory=list)  # bill ids whose close returned: acked

    def sell(self, rng: random.Random, customer_id: str | None = None) -> str:
        """Close one bill; its id once the COMMIT has returned (the receipt would print)."""
        bill_id = str(uuid.uuid4())
        line = BillLine("l1", rng.choice(self.products), rng.randint(1, 3))
        # Credits off: what is due stays above the wallet part, whatever a customer holds.
        bill = Bill(bill_id, (line,), customer_id=customer_id, credits_removed=True)
        tenders: tuple[Tender, ...] = (Tender(TenderKind.CASH, Money(100_000)),)
        if customer_id is not None:
            tenders = (Tender(TenderKind.WALLET, Money(WALLET_SPEND)), *tenders)
        self.service.close(bill, tenders, name="", at=NOW, business_date=NOW.date())
        self.sold.append(bill_id)
        return bill_id

    def sync(self) -> CrmLink:
        link, _ = self.engine.run_once()
        return link

    def drain(self, most_cycles: int = 200) -> int:
        """Cycles until nothing is pending or acked-but-unreflected (§8 "drained")."""
        for cycle in range(1, most_cycles + 1):
            link = self.sync()
            states = outbox_states(self.store)
            if link.state is LinkState.ONLINE and set(states) <= {"reflected", "rejected"}:
                return cycle
        raise AssertionError(f"not drained after {most_cycles} cycles: {outbox_states(self.store)}")

    def close(self) -> None:
        self.engine.stop()
        self.store.close()


def open_till(
    folder: Path,
    crm_url: str,
    token: str,
    *,
    timeout: httpx.Timeout = TIMEOUT,
    interval: float = 30.0,
    max_backoff: float = 300.0,
) -> Till:
    store = prepare_store(folder / "terminal.db", now=NOW, demo_customers=0, crm_owns_loyalty=True)
    links: list[CrmLink] = []
    transport = SeenTransport()
    client = CrmClient(
        crm_url, app_version="test", token=token, timeout=timeout, transport=transport
    )
    # The sync store's clock is the test's: pruning then depends on nothing outside it.
    engine = SyncEngine(
        TerminalSyncStore(store, now=lambda: NOW),
        client,
        links.append,
        interval=interval,
        max_backoff=max_backoff,
    )
    service = TerminalService(store)
    return Till(store, service, engine, links, list(service.menu().products), transport)


# -- what the terminal holds --------------------------------------------------------------


def outbox_states(store: Store) -> Counter[str]:
    with store.unit_of_work(read_only=True) as tx:
        rows = tx.session.execute(select(OutboxRow.state, func.count()).group_by(OutboxRow.state))
        return Counter({str(state): int(n) for state, n in rows})


def local_bills(store: Store) -> set[str]:
    with store.unit_of_work(read_only=True) as tx:
        return set(tx.session.scalars(text("SELECT id FROM bill WHERE status = 'closed'")))


def local_bill_ops(store: Store) -> Counter[str]:
    """Bill ids as the outbox's `bill.closed` ops name them (one each, if all is well)."""
    with store.unit_of_work(read_only=True) as tx:
        return Counter(
            str(b)
            for b in tx.session.scalars(
                select(OutboxRow.aggregate_id).where(OutboxRow.kind == "bill.closed")
            )
        )


def integrity(store: Store) -> str:
    with store.unit_of_work(read_only=True) as tx:
        return str(tx.session.execute(text("PRAGMA integrity_check")).scalar_one())


# -- what the CRM holds -------------------------------------------------------------------


def crm_bills(services: CrmServices, terminal_id: str) -> Counter[str]:
    return services.ctx.db.read(
        lambda s: Counter(
            str(b)
            for b in s.scalars(select(BillRow.bill_id).where(BillRow.terminal_id == terminal_id))
        )
    )


def doubled_ledger_entries(services: CrmServices) -> int:
    """Ledger entries beyond the first for one (bill, account, kind): a bill applied twice."""
    return int(
        services.ctx.db.read(
            lambda s: sum(
                n - 1
                for (n,) in s.execute(
                    select(func.count())
                    .where(LedgerEntryRow.bill_id.is_not(None))
                    .group_by(LedgerEntryRow.bill_id, LedgerEntryRow.account, LedgerEntryRow.kind)
                )
            )
        )
    )


def wallet_spends(services: CrmServices) -> set[str]:
    """Bills the CRM took wallet money for."""
    return services.ctx.db.read(
        lambda s: {
            str(b)
            for b in s.scalars(
                select(LedgerEntryRow.bill_id).where(
                    LedgerEntryRow.account == "wallet", LedgerEntryRow.amount < 0
                )
            )
        }
    )


@dataclass(frozen=True, slots=True)
class Tally:
    acked: int
    crm: int
    lost: int
    duplicated: int
    unexpected: int
    recovered: int

    def line(self, test: str, **more: object) -> str:
        extra = "".join(f" {k}={v}" for k, v in more.items())
        return (
            f"{test}: bills acked={self.acked} crm={self.crm} lost={self.lost} "
            f"duplicated={self.duplicated} unexpected={self.unexpected} "
            f"recovered={self.recovered}{extra}"
        )


def tally(
    services: CrmServices,
    terminal_id: str,
    acked: Iterable[str],
    sold: Iterable[str] | None = None,
) -> Tally:
    """The Jepsen set check: `acked` must all be at the CRM once; anything at the CRM must
    be in `sold` (every bill this terminal committed or was about to: defaults to acked)."""
    acked_set = set(acked)
    sold_set = set(sold) if sold is not None else acked_set
    at_crm = crm_bills(services, terminal_id)
    duplicated = sum(n - 1 for n in at_crm.values() if n > 1) + doubled_ledger_entries(services)
    return Tally(
        acked=len(acked_set),
        crm=sum(at_crm.values()),
        lost=len(acked_set - set(at_crm)),
        duplicated=duplicated,
        unexpected=len(set(at_crm) - sold_set - acked_set),
        recovered=len((set(at_crm) & sold_set) - acked_set),
    )


def until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Wait for `condition`, polling; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.02)
