"""H2 of sync-protocol §8: real terminals and the real CRM under a Hypothesis state machine.

Two or three real terminal stores (SQLite files), each started as the terminal starts
(`pos_terminal.crm_connection.connect`: enrolment, the first snapshot, the sync engine and
the online-hold authorizer), talk to one live CRM (uvicorn on 127.0.0.1, SQLite) through a
gate of their own: a TCP forwarder that can be cut, which is how a till goes offline. The
steps: sell (with or without a customer; wallet and credits within what the till shows),
void a bill, add a customer at the till (two tills adding the same person offline become
one customer and an alias at the CRM), cut or mend a till's network, stop or start the CRM,
lose the CRM's next push answer after it committed, close a till's store and open it again
from the file, run one sync cycle.

After every step: no bill at the CRM twice and no effect of a bill posted twice, nothing at
the CRM that no till sold or voided, every op a till counts as acknowledged really applied
at the CRM, and each till's outbox consistent with its bills. At the end: heal, drain, and
every till shows the CRM's balances for every customer, and the CRM's bills are exactly the
bills the tills closed and voided (Jepsen's counts — sold, at CRM, lost, duplicated,
unexpected — printed).

One CRM serves the whole run; each example uses customers and tills of its own, so nothing
one example did can satisfy or spoil another's checks. Sized for CI (well under a minute);
`POS_RELIABILITY_BIG=1` runs a bigger search. A failure shrinks to a few steps; those steps
are then kept below as a plain test that replays them (`test_replay_…`).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select, text

from crm.services.actor import CLI
from crm.services.cashback_rules import CashbackSpec
from crm.services.container import CrmServices
from crm.services.ledger import OperationRequest
from crm.store.models import (
    BalanceRow,
    BillRow,
    CustomerRow,
    HoldRow,
    LedgerEntryRow,
    ProcessedOpRow,
)
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.crm_connection import CrmSetup, connect
from pos_terminal.db.store import Store, open_store
from pos_terminal.db.store_checks import TOKEN_FILE
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.customers import NewCustomer
from pos_terminal.services.startup import prepare_store
from pos_terminal.services.terminal import TerminalService
from sync.authorizer import CrmAuthorizer
from sync.client import CrmClient
from sync.engine import SyncEngine
from sync.enrolment import TokenFile
from sync.link_state import CrmLink, LinkState
from tests.crm.sync_world import customer
from tests.live_crm import LiveApi

NOW = datetime(2026, 11, 29, 12, 0)
DAY = NOW.date()
BIG = os.environ.get("POS_RELIABILITY_BIG") == "1"
CUSTOMERS = 3  # made at the CRM, per example
PEOPLE = 2  # who may walk up to a till and be added there, per example
MANAGER_PIN = "999999"  # the demo staff's manager (pos_terminal.services.demo)
_examples = itertools.count(1)


# -- the network between a till and the CRM ----------------------------------------------------


class Gate:
    """A TCP forwarder on 127.0.0.1 in front of the CRM, one per till. Cut, it resets the
    connections it carries and refuses new ones: the till's cable pulled."""

    def __init__(self, upstream_port: int) -> None:
        self._upstream = ("127.0.0.1", upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.is_open = True
        self.answers_lost = 0
        self._lose_next = False
        self._stopping = False
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, name="gate", daemon=True)
        self._thread.start()

    def cut(self) -> None:
        self.is_open = False
        with self._lock:
            carried, self._sockets = self._sockets, set()
        for sock in carried:
            _drop(sock)

    def mend(self) -> None:
        self.is_open = True

    def heal(self) -> None:
        self.is_open, self._lose_next = True, False

    def lose_next_answer(self) -> None:
        """The next bytes the CRM sends back on any of the till's connections are thrown
        away and the connection closed: the CRM did the work, the till never hears of it
        (a hold as much as a push)."""
        self._lose_next = True

    def close(self) -> None:
        self._stopping = True
        self.cut()
        self._thread.join(timeout=5)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopping:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            if not self.is_open:
                _drop(client)
                continue
            try:
                server = socket.create_connection(self._upstream, timeout=3)
            except OSError:  # the CRM is down: the till sees its connection closed
                _drop(client)
                continue
            for sock in (client, server):
                sock.settimeout(None)
                # Without it, Nagle and delayed ACKs cost every forwarded request 40 ms.
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._sockets |= {client, server}
            for source, target, answers in ((client, server, False), (server, client, True)):
                threading.Thread(
                    target=self._pump, args=(source, target, answers), daemon=True
                ).start()

    def _pump(self, source: socket.socket, target: socket.socket, answers: bool) -> None:
        try:
            while data := source.recv(65536):
                if answers and self._lose_next:
                    self._lose_next = False
                    self.answers_lost += 1
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                _drop(sock)
            with self._lock:
                self._sockets -= {source, target}


def _drop(sock: socket.socket) -> None:
    # shutdown wakes a thread blocked in recv on it; close alone would not.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class LosingTransport(httpx.HTTPTransport):
    """Delivers each request; when its till asks, the CRM's answer to the next push is read
    and thrown away, and the sync engine sees a connection reset instead: the CRM committed,
    the till does not know (sync-protocol §8 B1)."""

    def __init__(self, till: Till) -> None:
        super().__init__(verify=False)  # plain HTTP on loopback: no certificates to load
        self._till = till

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if self._till.lose_next_answer and request.url.path == "/v1/sync/push":
            self._till.lose_next_answer = False
            response.read()
            response.close()
            self._till.answers_lost += 1
            raise httpx.ReadError("connection reset after the CRM answered (test)", request=request)
        return response


# -- one till ----------------------------------------------------------------------------------


@dataclass
class Till:
    name: str
    path: Path
    gate: Gate
    manager: StaffMember  # signed in on the template (a PIN check costs ~0.2 s)
    terminal_id: str = ""
    store: Store | None = None
    service: TerminalService | None = None
    engine: SyncEngine | None = None
    authorizer: CrmAuthorizer | None = None
    links: list[CrmLink] = field(default_factory=list)
    lose_next_answer: bool = False
    answers_lost: int = 0
    sold: dict[str, int] = field(default_factory=dict)  # bill id → total, as committed
    voided: set[str] = field(default_factory=set)
    added: dict[str, int] = field(default_factory=dict)  # local customer id → person

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    def start(self, enrol_code: str | None = None) -> None:
        """Start as the terminal does (`connect`: enrol if given a code, first snapshot),
        then put the sync engine on a client whose answers the test can lose."""
        store = open_store(self.path, now=NOW)
        setup = CrmSetup(self.gate.url, enrol_code, self.name, self.data_dir)
        connection = connect(store, setup, self.links.append)
        assert connection is not None, "an enrolled till connects"
        connection.engine.stop()  # never started; it was built without a losing transport
        with store.unit_of_work(read_only=True) as tx:
            identity = tx.identity.get()
        assert identity is not None
        self.terminal_id = identity.terminal_id
        token = TokenFile(self.data_dir / TOKEN_FILE).read()
        client = CrmClient(
            self.gate.url, app_version="model", token=token, transport=LosingTransport(self)
        )
        # A fixed "now" for pruning: no op is old enough to be pruned while the test
        # still compares the outbox with the CRM.
        sync_store = TerminalSyncStore(store, now=lambda: NOW)
        self.engine = SyncEngine(sync_store, client, self.links.append)
        self.authorizer = connection.authorizer
        self.service = TerminalService(store, authorizer=self.authorizer)
        self.store = store
        if self.service.current_shift() is None:  # the first start: the manager opens it
            self.service.open_shift(self.manager, 10000, now=NOW, business_date=DAY)

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()
        if self.authorizer is not None:
            self.authorizer.close()
        if self.store is not None:
            self.store.close()
        self.store = self.service = self.engine = self.authorizer = None

    def sync(self) -> CrmLink:
        assert self.engine is not None
        link, _ = self.engine.run_once()
        return link

    def view(self) -> TerminalService:
        assert self.service is not None
        return self.service

    def db(self) -> Store:
        assert self.store is not None
        return self.store

    def outbox(self) -> list[tuple[int, str, str, str, dict[str, Any]]]:
        """(terminal_seq, op id, kind, state, the CRM's answer) of every op, in order."""
        with self.db().unit_of_work(read_only=True) as tx:
            rows = tx.session.execute(
                text(
                    "SELECT terminal_seq, op_id, kind, state, server_result FROM outbox"
                    " ORDER BY terminal_seq"
                )
            ).all()
        return [(int(a), str(b), str(c), str(d), json.loads(e or "{}")) for a, b, c, d, e in rows]

    def bills(self) -> dict[str, tuple[int, str]]:
        """bill id → (total, status) of every bill closed here."""
        with self.db().unit_of_work(read_only=True) as tx:
            rows = tx.session.execute(
                text("SELECT id, total_minor, status FROM bill WHERE status <> 'open'")
            ).all()
        return {str(bill_id): (int(total), str(status)) for bill_id, total, status in rows}

    def expected_bills(self) -> dict[str, tuple[int, str]]:
        return {b: (t, "voided" if b in self.voided else "closed") for b, t in self.sold.items()}

    def shown(self, customer_id: str) -> tuple[int, int, int] | None:
        """wallet, credits, points as the cashier sees them; None: not known here."""
        found = self.view().identify_customer(customer_id, business_date=DAY)
        if found.state is None:
            return None
        state = found.state
        return state.wallet.minor, state.credits.minor, state.points

    def canonical(self) -> dict[str, str]:
        """local id → the CRM's id, for every customer added here that the CRM answered."""
        return {
            local: answer["result"]["customer_id"]
            for local, answer in self._proposal_answers().items()
        }

    def _proposal_answers(self) -> dict[str, dict[str, Any]]:
        with self.db().unit_of_work(read_only=True) as tx:
            rows = tx.session.execute(
                text(
                    "SELECT aggregate_id, server_result FROM outbox"
                    " WHERE kind = 'customer.proposed' AND server_result IS NOT NULL"
                )
            ).all()
        return {str(local): json.loads(answer) for local, answer in rows}


# -- the CRM for the whole run -----------------------------------------------------------------


@dataclass
class Crm:
    services: CrmServices
    live: LiveApi
    folder: Path
    template: Path  # a terminal store with its menu and staff, never enrolled
    manager: StaffMember  # of the template, so of every till copied from it
    running: bool = True

    def stop(self) -> None:
        self.live.stop()
        self.running = False

    def start(self) -> None:
        self.live.start()
        self.running = True

    def read(self, work: Any) -> Any:
        return self.services.ctx.db.read(work)

    def balances(self, customer_id: str) -> tuple[int, int, int]:
        found = self.read(
            lambda s: {
                r.account: r.amount
                for r in s.scalars(select(BalanceRow).where(BalanceRow.customer_id == customer_id))
            }
        )
        return found.get("wallet", 0), found.get("credits", 0), found.get("points", 0)

    def bills_of(self, terminal_ids: list[str]) -> list[BillRow]:
        rows: list[BillRow] = self.read(
            lambda s: list(s.scalars(select(BillRow).where(BillRow.terminal_id.in_(terminal_ids))))
        )
        return rows

    def entries_of(self, bill_ids: set[str]) -> list[tuple[str, str, str]]:
        """(bill, account, kind) of each ledger entry the bills made."""
        entries: list[tuple[str, str, str]] = self.read(
            lambda s: [
                (str(e.bill_id), e.account, e.kind)
                for e in s.scalars(
                    select(LedgerEntryRow).where(LedgerEntryRow.bill_id.in_(bill_ids))
                )
            ]
        )
        return entries

    def processed(self, terminal_id: str) -> dict[str, str]:
        return dict(
            self.read(
                lambda s: s.execute(
                    select(ProcessedOpRow.op_id, ProcessedOpRow.status).where(
                        ProcessedOpRow.terminal_id == terminal_id
                    )
                ).all()
            )
        )

    def customers_with_phone(self, phone: str) -> list[str]:
        ids: list[str] = self.read(
            lambda s: list(s.scalars(select(CustomerRow.id).where(CustomerRow.phone == phone)))
        )
        return ids


def ledger_faults(entries: list[tuple[str, str, str]], voided_at_crm: set[str]) -> list[str]:
    """A bill's spend or earn posted twice on one account, or a void that reverses more
    (or, for a voided bill, other) than what the bill posted."""
    made = Counter((b, a, k) for b, a, k in entries if k != "void")
    undone = Counter((b, a) for b, a, k in entries if k == "void")
    faults = [f"{key} posted {n}×" for key, n in made.items() if n > 1]
    for bill in {b for b, _, _ in entries}:
        for account in {a for b, a, _ in entries if b == bill}:
            posted = sum(n for (b, a, _), n in made.items() if (b, a) == (bill, account))
            wanted = posted if bill in voided_at_crm else 0
            if undone[bill, account] != wanted:
                faults.append(f"{bill}/{account}: {undone[bill, account]} void(s), {wanted} due")
    return faults


@pytest.fixture(scope="module")
def crm(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Crm]:
    folder = tmp_path_factory.mktemp("model")
    shutil.copy(sqlite_template, folder / "crm.db")
    services = CrmServices.at(f"sqlite:///{folder / 'crm.db'}")
    # Cashback makes sales earn points and credits that later sales may spend.
    services.rules.create_cashback_rule(CLI, CashbackSpec("Punkty 10%", "points", percent="10"))
    services.rules.create_cashback_rule(CLI, CashbackSpec("Kredyty 2%", "credits", percent="2"))
    template = folder / "terminal-template.db"
    store = prepare_store(template, now=NOW, demo_customers=0, crm_owns_loyalty=True)
    manager = TerminalService(store).login(MANAGER_PIN, now=NOW)
    store.close()
    live = LiveApi(services).start()
    yield Crm(services, live, folder, template, manager)
    live.stop()
    services.close()


# -- the model ---------------------------------------------------------------------------------

# One bill: its customer (an index into the customers this example knows of, or none), its
# lines (product index, quantity), the share of the wallet shown as available that pays
# it, and whether pricing may take the customer's credits.
Sale = tuple[int | None, list[tuple[int, int]], int, bool]
LINES = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 3)), min_size=1, max_size=3)
WALLET = st.sampled_from([0, 50, 100])
SALES = st.tuples(st.one_of(st.none(), st.integers(0, 7)), LINES, WALLET, st.booleans())


class TillsAndCrm(RuleBasedStateMachine):
    """Bound to one CRM by `bound()`; every example builds its own tills and customers."""

    CRM: Crm

    def __init__(self) -> None:
        super().__init__()
        self.example = next(_examples)
        self.tills: list[Till] = []
        self.customers: list[str] = []  # made at the CRM for this example
        self.refused = 0  # sales the till would not close (holds, offline allowances)
        self.minute = 0

    # -- set-up ---------------------------------------------------------------------------

    @initialize(
        tills=st.integers(2, 3),
        wallets=st.lists(st.sampled_from([0, 1500, 6000, 20000]), min_size=3, max_size=3),
        credits=st.lists(st.sampled_from([0, 500, 3000]), min_size=3, max_size=3),
    )
    def start(self, tills: int, wallets: list[int], credits: list[int]) -> None:
        crm = self.CRM
        if not crm.running:  # an earlier example ended with it stopped
            crm.start()
        for k in range(CUSTOMERS):
            customer_id = f"c-m{self.example}-{k}"
            money: dict[str, Any] = {"wallet": wallets[k], "credits": credits[k]}
            customer(
                crm.services,
                customer_id,
                phone=self.phone(5, k),
                **{a: v for a, v in money.items() if v},
            )
            self.customers.append(customer_id)
        folder = crm.folder / f"example-{self.example}"
        for n in range(tills):
            path = folder / f"till-{n}" / "terminal.db"
            path.parent.mkdir(parents=True)
            shutil.copy(crm.template, path)
            till = Till(f"Kasa {n + 1}", path, Gate(crm.live.port), crm.manager)
            self.tills.append(till)  # before start: teardown must close its gate anyway
            code = crm.services.terminals.create_code_for_shop_named(CLI, "Bistro Model").code
            till.start(enrol_code=code)

    def phone(self, first: int, k: int) -> str:
        """A number no other example uses: +48, then `first`, the example, `k`."""
        return f"+48{first}{self.example % 10_000:04d}{k:04d}"

    def till(self, t: int) -> Till:
        return self.tills[t % len(self.tills)]

    def pool(self) -> list[str]:
        """Every customer id of this example: the CRM's, each till's own additions, and
        what the CRM answered those were."""
        ids = list(self.customers)
        for till in self.tills:
            ids += sorted(till.added)
            ids += sorted(set(till.canonical().values()) - set(ids))
        return ids

    # -- rules ----------------------------------------------------------------------------

    @rule(t=st.integers(0, 2), sales=st.lists(SALES, min_size=1, max_size=4))
    def sell(self, t: int, sales: list[Sale]) -> None:
        """The cashier closes a few bills in a row."""
        for who, items, wallet_percent, use_credits in sales:
            self._sell_one(self.till(t), who, items, wallet_percent, use_credits)

    @rule(t=st.integers(0, 2), who=st.integers(0, 7), items=LINES, wallet_percent=WALLET)
    def sell_to_a_customer(
        self, t: int, who: int, items: list[tuple[int, int]], wallet_percent: int
    ) -> None:
        """A customer pays; a rule of its own, so that most steps are sales."""
        self._sell_one(self.till(t), who, items, wallet_percent, True)

    def _sell_one(
        self,
        till: Till,
        who: int | None,
        items: list[tuple[int, int]],
        wallet_percent: int,
        use_credits: bool,
    ) -> None:
        service = till.view()
        products = service.menu().products
        lines = tuple(
            BillLine(f"l{n}", products[p % len(products)], q) for n, (p, q) in enumerate(items)
        )
        pool = self.pool()
        customer_id = None if who is None else pool[who % len(pool)]
        if customer_id is not None and till.shown(customer_id) is None:
            customer_id = None  # not known at this till (yet): sold without a customer
        bill = Bill(str(uuid.uuid4()), lines, customer_id=customer_id)
        bill = bill.with_credits_removed(not use_credits)
        at = self.tick()
        priced, state = service.save_and_price(bill, name="", at=at, business_date=DAY, save=False)
        due = priced.total.minor
        # From the wallet, at most what the till shows as available (credits are taken by
        # pricing itself, within what it shows, unless the cashier removed them).
        available = max(0, state.wallet.minor) if state is not None else 0
        wallet = min(available, due) * wallet_percent // 100
        tenders: tuple[Tender, ...] = ()
        if wallet:
            tenders += (Tender(TenderKind.WALLET, Money(wallet)),)
        if due > wallet:
            tenders += (Tender(TenderKind.CASH, Money(due - wallet)),)
        try:
            service.close(bill, tenders, name="", at=at, business_date=DAY)
        except DomainError:
            # Refused (the CRM holds less than the till showed, or beyond the offline
            # allowances): the sale is not made, and nothing of it may be stored.
            self.refused += 1
            assert bill.id not in till.bills()
            return
        till.sold[bill.id] = due

    def tick(self) -> datetime:
        self.minute += 1
        return NOW + timedelta(minutes=self.minute)

    @rule(t=st.integers(0, 2), k=st.integers(0, 50))
    def void(self, t: int, k: int) -> None:
        """The manager voids one of the till's bills (sent or not)."""
        till = self.till(t)
        standing = [b for b in till.sold if b not in till.voided]
        if not standing:
            return
        bill_id = standing[k % len(standing)]
        till.view().void_bill(till.manager, bill_id, "klient zrezygnował", now=self.tick())
        till.voided.add(bill_id)

    @rule(t=st.integers(0, 2), person=st.integers(0, PEOPLE - 1))
    def add_customer(self, t: int, person: int) -> None:
        """Someone new is added at the till. The same person added at two tills before
        they synced is one customer at the CRM, the later an alias of the first."""
        till = self.till(t)
        form = NewCustomer(f"Gość {person}", phone=self.phone(6, person))
        try:
            added = till.view().add_customer(form, now=self.tick())
        except DomainError:
            return  # this till already knows the number (it pulled the other till's)
        till.added[added.id] = person

    @rule(k=st.integers(0, CUSTOMERS - 1), amount=st.sampled_from([500, 3000]))
    def top_up_at_the_crm(self, k: int, amount: int) -> None:
        """An admin adds to a customer's wallet at the CRM: the tills learn it by pulling,
        while their own unsent sales still count against it."""
        request = OperationRequest("wallet", "add", amount, "doładowanie")
        self.CRM.services.ledger.operate(CLI, self.customers[k], request)

    @rule(t=st.integers(0, 2), up=st.booleans())
    def network(self, t: int, up: bool) -> None:
        """The till's cable plugged in or pulled."""
        if up:
            self.till(t).gate.mend()
        else:
            self.till(t).gate.cut()

    @rule()
    def crm_power(self) -> None:
        """The CRM stopped, or started again (every till loses it at once)."""
        if self.CRM.running:
            self.CRM.stop()
        else:
            self.CRM.start()

    @rule(t=st.integers(0, 2), which=st.sampled_from(["push", "any"]))
    def lose_next_answer(self, t: int, which: str) -> None:
        """The CRM's next answer to this till is lost after the CRM committed: to its
        next push (the sync engine's client), or to whatever it asks next (a hold too)."""
        if which == "push":
            self.till(t).lose_next_answer = True
        else:
            self.till(t).gate.lose_next_answer()

    @rule(t=st.integers(0, 2))
    def reopen(self, t: int) -> None:
        """The till is switched off and on: its store closed and opened again from the
        file, the sync engine and holds client built anew."""
        till = self.till(t)
        till.stop()
        till.start()

    @rule(t=st.integers(0, 2))
    def sync(self, t: int) -> None:
        self.till(t).sync()

    # -- after every step -------------------------------------------------------------------

    @invariant()
    def consistent(self) -> None:
        if not self.tills or any(t.store is None for t in self.tills):
            return  # before the tills exist
        expected = {b: v for t in self.tills for b, v in t.expected_bills().items()}
        at_crm = self.CRM.bills_of([t.terminal_id for t in self.tills])
        twice = [b for b, n in Counter(r.bill_id for r in at_crm).items() if n > 1]
        assert not twice, f"a bill twice at the CRM: {twice}"
        unexpected = [r.bill_id for r in at_crm if r.bill_id not in expected]
        assert not unexpected, f"at the CRM, never sold: {unexpected}"
        wrongly_voided = [
            r.bill_id for r in at_crm if r.status == "voided" != expected[r.bill_id][1]
        ]
        assert not wrongly_voided, f"voided at the CRM, not at the till: {wrongly_voided}"
        voided = {r.bill_id for r in at_crm if r.status == "voided"}
        faults = ledger_faults(self.CRM.entries_of({r.bill_id for r in at_crm}), voided)
        assert not faults, faults
        for till in self.tills:
            self._outbox_consistent(till)

    def _outbox_consistent(self, till: Till) -> None:
        rows = till.outbox()
        assert [seq for seq, *_ in rows] == list(range(1, len(rows) + 1)), "terminal_seq gaps"
        states = Counter(state for _, _, _, state, _ in rows)
        assert set(states) <= {"pending", "acked", "reflected"}, states  # nothing rejected
        assert states["pending"] == till.view().pending_ops()
        assert till.bills() == till.expected_bills(), "the till's bills are what it committed"
        kinds = Counter(kind for _, _, kind, _, _ in rows)
        assert (kinds["bill.closed"], kinds["bill.voided"], kinds["customer.proposed"]) == (
            len(till.sold),
            len(till.voided),
            len(till.added),
        ), kinds
        # An op the till counts as acknowledged is at the CRM, applied.
        processed = self.CRM.processed(till.terminal_id)
        for _, op_id, kind, state, answer in rows:
            if state != "pending":
                assert processed.get(op_id) == "applied", (till.name, kind, state, answer)

    # -- the end ---------------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            if len(self.tills) == 0 or any(t.store is None for t in self.tills):
                return  # set-up failed; its error is the one to see
            self._heal_and_drain()
            self._converged()
        finally:
            for till in self.tills:
                till.stop()
                till.gate.close()

    def _heal_and_drain(self) -> None:
        if not self.CRM.running:
            self.CRM.start()
        for till in self.tills:
            till.gate.heal()
            till.lose_next_answer = False
        # Round after round until no till has anything pending; then one more, so each
        # pulls after the last push of every other till.
        for _ in range(10):
            links = [till.sync() for till in self.tills]
            if all(link.state is LinkState.ONLINE and link.pending == 0 for link in links):
                break
        links = [till.sync() for till in self.tills]
        assert all(link.state is LinkState.ONLINE and link.pending == 0 for link in links), links

    def _converged(self) -> None:
        expected = {b: v for t in self.tills for b, v in t.expected_bills().items()}
        at_crm = self.CRM.bills_of([t.terminal_id for t in self.tills])
        ids = Counter(r.bill_id for r in at_crm)
        voided = {r.bill_id for r in at_crm if r.status == "voided"}
        faults = ledger_faults(self.CRM.entries_of(set(ids)), voided)
        counts = {
            "sold": len(expected),
            "voided": len([v for v in expected.values() if v[1] == "voided"]),
            "at CRM": len(at_crm),
            "lost": len(set(expected) - set(ids)),
            "duplicated": sum(n - 1 for n in ids.values()) + len(faults),
            "unexpected": len(set(ids) - set(expected)),
            "refused": self.refused,
            "answers lost": sum(t.answers_lost + t.gate.answers_lost for t in self.tills),
            "added": sum(len(t.added) for t in self.tills),
        }
        print(f"H2 example {self.example} ({len(self.tills)} tills): {counts}")
        assert (counts["lost"], counts["duplicated"], counts["unexpected"]) == (0, 0, 0), counts
        for till in self.tills:
            states = {state for _, _, _, state, _ in till.outbox()}
            assert states <= {"reflected"}, (till.name, states)  # drained
        assert {r.bill_id: (r.total_minor, r.status) for r in at_crm} == expected
        flagged = {r.bill_id: r.flags for r in at_crm if {"unknown_customer"} & set(r.flags)}
        assert not flagged, f"bills whose customer the CRM did not know: {flagged}"
        # A person added at several tills is one customer at the CRM.
        for person in range(PEOPLE):
            if any(person in t.added.values() for t in self.tills):
                assert len(self.CRM.customers_with_phone(self.phone(6, person))) == 1
        # What every till shows is what the CRM holds, for every customer of the example.
        at_crm_ids = set(self.CRM.read(lambda s: set(s.scalars(select(CustomerRow.id)))))
        pool = set(self.pool())
        for customer_id in sorted(pool & at_crm_ids):
            crm = self.CRM.balances(customer_id)
            for till in self.tills:
                assert till.shown(customer_id) == crm, (till.name, customer_id, crm)
        # Every hold a till took was posted by its bill or given back: none keeps a
        # customer's money from the other tills once everything is drained.
        stuck = self.CRM.read(
            lambda s: [
                (h.customer_id, h.credits_minor, h.wallet_minor, h.bill_id)
                for h in s.scalars(
                    select(HoldRow).where(
                        HoldRow.customer_id.in_(pool), HoldRow.status == "pending"
                    )
                )
            ]
        )
        assert not stuck, f"holds still pending after the drain: {stuck}"


def bound(crm: Crm) -> type[TillsAndCrm]:
    class Bound(TillsAndCrm):
        CRM = crm

    return Bound


def test_tills_and_the_crm_converge_whatever_the_network_does(crm: Crm, tmp_path: Path) -> None:
    started = time.monotonic()
    run_state_machine_as_test(
        bound(crm),
        settings=settings(
            max_examples=60 if BIG else 6,
            stateful_step_count=50 if BIG else 25,
            deadline=None,
            database=DirectoryBasedExampleDatabase(tmp_path / "hypothesis"),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )
    print(f"H2: {time.monotonic() - started:.1f} s")


# -- failures found, kept as plain tests --------------------------------------------------------


def replay(crm: Crm, start: dict[str, Any], *steps: tuple[str, dict[str, Any]]) -> None:
    """Run steps of the machine as Hypothesis printed them, checking the invariants after
    each one, as it does, and the convergence at the end."""
    state = bound(crm)()
    try:
        state.start(**start)
        state.consistent()
        for name, arguments in steps:
            getattr(state, name)(**arguments)
            state.consistent()
    finally:
        state.teardown()


def test_replay_a_hold_whose_answer_was_lost_is_posted_by_its_bill(crm: Crm) -> None:
    """Found by the machine (POS_RELIABILITY_BIG=1; Hypothesis stopped shrinking after
    5 minutes at 40 steps, cut down by hand to these). The CRM granted the hold, its answer
    never reached the till (lost, or later than the 1.5 s budget), so the till closed the
    bill under the offline rules; `bill.closed` carries no authorization id, and the hold
    — taken under the bill's own op id — stays pending until it expires (30 minutes),
    keeping the customer's credits from every till though the bill already spent them."""
    replay(
        crm,
        {"tills": 2, "credits": [3000, 0, 0], "wallets": [0, 0, 0]},
        ("lose_next_answer", {"t": 0, "which": "any"}),
        ("sell", {"t": 0, "sales": [(0, [(3, 1)], 0, True)]}),
    )
