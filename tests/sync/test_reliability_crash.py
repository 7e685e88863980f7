"""Crashes and lost CRM state (sync-protocol §8 A1, D3, D4): a real terminal store and the
real sync engine against the real CRM over HTTP; every bill counted at both ends."""

from __future__ import annotations

import json
import logging
import queue
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx
import pytest
from sqlalchemy import delete, func, select

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.ledger import OperationRequest
from crm.store.models import BalanceRow, LedgerEntryRow, ProcessedOpRow, TerminalRow
from pos_terminal.db.store import Store, open_store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.services.startup import prepare_store
from sync.client import CrmClient
from sync.engine import SyncEngine
from sync.link_state import CrmLink, LinkState
from tests.live_crm import LiveApi, LiveCrm
from tests.sync.fault_proxy import FaultProxy
from tests.sync.reliability_world import (
    BIG,
    NOW,
    Till,
    crm_bills,
    enrol_terminal,
    integrity,
    local_bill_ops,
    local_bills,
    open_till,
    outbox_states,
    rich_customers,
    tally,
    wallet_spends,
)

ROOT = Path(__file__).resolve().parents[2]


# -- A1 ------------------------------------------------------------------------------------


@dataclass
class Workers:
    """The zygote of tests/sync/crash_sync_worker.py and what its children said."""

    process: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    tried: set[str] = field(default_factory=set)
    acked: list[str] = field(default_factory=list)
    alive: dict[str, int] = field(default_factory=dict)  # role → pid
    exits: dict[int, int] = field(default_factory=dict)  # pid → exit code (-9: SIGKILL)
    ready_pids: set[int] = field(default_factory=set)  # children that have opened the store
    crashes: list[str] = field(default_factory=list)
    ready: bool = False  # the zygote has imported everything
    done: bool = False  # the zygote has ended
    # The syncer's story: its last words before each kill, and how often a batch's
    # answers were recorded (its pending count went down).
    syncer_said: str = ""
    syncer_reports: int = 0  # status reports by the syncer alive now
    killed_after: Counter[str] = field(default_factory=Counter)
    recorded: int = 0
    cycles: int = 0
    _pending: int | None = None

    def start_reading(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None

        def read(source: IO[str]) -> None:
            for line in source:
                self.lines.put(line)
            self.lines.put("")  # the zygote has gone

        threading.Thread(target=read, args=(stdout,), name="a1 reader", daemon=True).start()

    def send(self, command: str) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(command + "\n")
        stdin.flush()

    def pump(self, condition: Callable[[], bool], seconds: float = 30) -> None:
        """Take in what the workers said until `condition` holds."""
        deadline = time.monotonic() + seconds
        while not condition():
            left = deadline - time.monotonic()
            if left <= 0 or self.done:
                raise AssertionError(f"A1 workers: stuck or gone ({self.crashes})")
            try:
                self._take(self.lines.get(timeout=left))
            except queue.Empty:
                continue

    def take_all_said(self) -> None:
        while True:
            try:
                self._take(self.lines.get_nowait())
            except queue.Empty:
                return

    def _take(self, line: str) -> None:
        words = line.split()
        if not words:
            self.done = True
        elif words[0] == "TRY":
            self.tried.add(words[1])
        elif words[0] == "ACK":
            self.acked.append(words[1])
        elif words[0] == "status":
            pending = int(words[2])
            if self._pending is not None and pending < self._pending:
                self.recorded += 1
            self._pending = pending
            self.syncer_said = f"status {words[1]}"
            self.syncer_reports += 1
        elif words[0] == "cycle":
            self.cycles += 1
            self.syncer_said = "cycle end"
        elif words[0] == "ready":
            self.ready_pids.add(int(words[2]))
            if words[1] == "syncer":
                self.syncer_said = "ready"
        elif words[0] == "spawned":
            self.alive[words[1]] = int(words[2])
        elif words[0] == "exit":
            self.exits[int(words[1])] = int(words[2])
        elif words[0] == "crashed":
            self.crashes.append(line.strip())
        elif words[:2] == ["zygote", "ready"]:
            self.ready = True

    def spawn(self, role: str, seed: int) -> None:
        old = self.alive.get(role)
        if role == "syncer":
            self.syncer_said, self.syncer_reports = "spawned", 0
        self.send(f"spawn {role} {seed}" if role == "seller" else f"spawn {role}")
        self.pump(lambda: self.alive.get(role) not in (None, old))

    def kill(self, role: str) -> int:
        pid = self.alive[role]
        self.send(f"kill {pid}")
        self.pump(lambda: pid in self.exits)
        if role == "syncer":  # everything it wrote is in the pipe before `exit`
            self.killed_after[self.syncer_said] += 1
        return self.exits[pid]

    def working(self, role: str) -> bool:
        return self.alive[role] in self.ready_pids


@pytest.fixture
def a1_store(tmp_path: Path) -> Path:
    path = tmp_path / "terminal.db"
    prepare_store(path, now=NOW, demo_customers=0, crm_owns_loyalty=True).close()
    return path


def _engine_on(store: Store, url: str, token: str) -> SyncEngine:
    def on_status(_: CrmLink) -> None:
        return None

    client = CrmClient(url, app_version="test", token=token)
    return SyncEngine(TerminalSyncStore(store, now=lambda: NOW), client, on_status)


SYNCER_REPORTS = (0, 3)  # the syncer is spared until it has reported this often (drawn)


def test_a1_kill_minus_nine_during_sales_with_sync_running(
    services: CrmServices, live: LiveApi, a1_store: Path, tmp_path: Path
) -> None:
    """A seller and a syncer process on one terminal file. Every 5–50 ms one of them,
    chosen at random, is SIGKILLed and restarted; ≥ 100 kills, until enough bills are
    acked; then heal, drain, and count.

    A tick is skipped when its victim has not opened the store yet (killed while starting,
    a process does nothing this test is about; crashes during start-up are A3's subject).
    The syncer is also spared until it has reported a number of times drawn at its birth
    from SYNCER_REPORTS (0: anywhere in its first hello and push; 2: after it recorded the
    first batch's answers; …): a push of 100 ops to the real CRM takes 0.3–2 s, so a syncer
    killed every 5–50 ms would never record an answer, pull or settle, and those crash
    points would go untested. The tick that finally kills it lands at a random point of
    the step it is in. The seller is killed at every tick it is chosen once it sells.
    """
    services.transfer.install_demo(customers=40)
    customers = rich_customers(services, 3)
    enrolled = enrol_terminal(services)
    wanted = 1000 if BIG else 300
    started = time.monotonic()
    first = open_store(a1_store, now=NOW)  # the first snapshot: the till knows customers
    try:
        assert _engine_on(first, live.url, enrolled.token).run_once()[0].state is LinkState.ONLINE
    finally:
        first.close()
    with (tmp_path / "workers.err").open("w") as errors:
        zygote = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.sync.crash_sync_worker",
                str(a1_store),
                live.url,
                enrolled.token,
                ",".join(customers),
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    workers = Workers(zygote)
    workers.start_reading()
    kills: Counter[str] = Counter()
    rng = random.Random(2026)
    try:
        workers.pump(lambda: workers.ready, 60)
        workers.spawn("syncer", 0)
        workers.spawn("seller", 0)
        syncer_due = rng.randint(*SYNCER_REPORTS)
        deadline = time.monotonic() + (900 if BIG else 240)
        while kills.total() < 100 or len(workers.acked) < wanted:
            assert time.monotonic() < deadline, (kills, len(workers.acked))
            time.sleep(rng.uniform(0.005, 0.05))
            workers.take_all_said()
            role = rng.choice(("seller", "syncer"))
            if not workers.working(role):
                continue  # still opening the store: kills land in the work, not the start
            if role == "syncer" and workers.syncer_reports < syncer_due:
                continue
            code = workers.kill(role)
            assert code == -9, f"{role} ended with {code}: {workers.crashes}"
            kills[role] += 1
            workers.spawn(role, kills.total())
            if role == "syncer":
                syncer_due = rng.randint(*SYNCER_REPORTS)
        workers.send("quit")
        workers.pump(lambda: workers.done, 30)
    finally:
        if zygote.poll() is None:  # a failure above: the children die with the zygote
            zygote.kill()  # (each asked the kernel for SIGKILL when its parent dies)
        zygote.wait(timeout=30)
    healed = time.monotonic()
    assert not workers.crashes, workers.crashes
    unexpected_exits = {p: c for p, c in workers.exits.items() if c != -9}
    assert not unexpected_exits, unexpected_exits

    # Heal: no more kills; this process drains what is left with the real engine.
    store = open_store(a1_store, now=NOW)
    engine = _engine_on(store, live.url, enrolled.token)
    try:
        drain_cycles = 0
        while drain_cycles < 100:
            drain_cycles += 1
            link, _ = engine.run_once()
            if link.state is LinkState.ONLINE and set(outbox_states(store)) == {"reflected"}:
                break
        drain_seconds = time.monotonic() - healed
        states = outbox_states(store)
        local = local_bills(store)
        ops = local_bill_ops(store)
        check = integrity(store)
    finally:
        engine.stop()
        store.close()
    counts = tally(services, enrolled.terminal_id, workers.acked, workers.tried)
    print(
        counts.line(
            f"A1[{services.ctx.db.dialect}]",
            tried=len(workers.tried),
            local=len(local),
            kills=kills.total(),
            seller_kills=kills["seller"],
            syncer_kills=kills["syncer"],
            syncer_killed_after=json.dumps(dict(workers.killed_after)),
            batches_recorded=workers.recorded,
            syncer_cycles=workers.cycles,
            drain_cycles=drain_cycles,
            drained_in_s=round(drain_seconds, 1),
            integrity=check,
            seconds=round(time.monotonic() - started, 1),
        )
    )
    assert (counts.lost, counts.duplicated, counts.unexpected) == (0, 0, 0)
    assert counts.acked >= wanted and kills.total() >= 100
    assert kills["seller"] and kills["syncer"]
    assert workers.recorded > 0  # the syncer did get answers while being killed
    assert set(workers.acked) <= local <= workers.tried
    assert counts.crm == len(local)  # drained: every bill the till holds is at the CRM
    assert Counter(local) == ops  # one bill.closed op for each closed bill, and no other
    assert check == "ok"
    assert set(states) == {"reflected"} and drain_seconds < 30, states
    assert wallet_spends(services) <= local


# -- D4 ------------------------------------------------------------------------------------


def _backup(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API (WAL included)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _crm_hwm(services: CrmServices, terminal_id: str) -> int:
    query = select(TerminalRow.hwm_seq).where(TerminalRow.id == terminal_id)
    found: int | None = services.ctx.db.read(lambda s: s.scalar(query))
    assert found is not None
    return found


def test_d4_a_crm_restored_from_a_backup_gets_every_op_again(
    tmp_path: Path, sqlite_template: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crm_db = tmp_path / "crm.db"
    shutil.copy(sqlite_template, crm_db)
    url = f"sqlite:///{crm_db}"
    crm = LiveCrm(url).start()
    crm.services.transfer.install_demo(customers=40)
    customers = rich_customers(crm.services, 3)
    enrolled = enrol_terminal(crm.services)
    till = open_till(tmp_path / "till", crm.url, enrolled.token)
    rng = random.Random(4)
    first, later = (300, 1000) if BIG else (100, 500)
    started = time.monotonic()
    try:
        assert till.sync().state is LinkState.ONLINE
        for _ in range(first):
            till.sell(rng, rng.choice(customers) if rng.random() < 0.3 else None)
        till.drain()
        _backup(crm_db, tmp_path / "backup.db")
        for _ in range(later):
            till.sell(rng, rng.choice(customers) if rng.random() < 0.3 else None)
        till.drain()
        assert _crm_hwm(crm.services, enrolled.terminal_id) == first + later
        # The CRM's admin restores last night's backup.
        port = crm.port
        crm.close()
        _backup(tmp_path / "backup.db", crm_db)
        crm = LiveCrm(url, port=port).start()
        hwm_after_restore = _crm_hwm(crm.services, enrolled.terminal_id)
        with till.store.unit_of_work(read_only=True) as tx:
            acked_max = tx.sync_queue.highest_acked()
        lost_by_restore = len(set(till.sold) - set(crm_bills(crm.services, enrolled.terminal_id)))
        with caplog.at_level(logging.WARNING, logger="sync.engine"):
            cycles = till.drain()
        reopened = [r.args for r in caplog.records if "acknowledged ops" in r.getMessage()]
        states = outbox_states(till.store)
        counts = tally(crm.services, enrolled.terminal_id, till.sold)
        hwm_end = _crm_hwm(crm.services, enrolled.terminal_id)
        # And the cache follows the restored CRM: a change made there now reaches the till.
        for customer in customers:
            crm.services.ledger.operate(CLI, customer, OperationRequest("wallet", "add", 777))
        till.drain()
        wallets = [(_wallet_shown(till, c), _crm_wallet(crm.services, c)) for c in customers]
    finally:
        till.close()
        crm.close()
    print(
        counts.line(
            "D4[sqlite]",
            lost_by_restore=lost_by_restore,
            crm_hwm_after_restore=hwm_after_restore,
            till_acked_max=acked_max,
            crm_hwm_end=hwm_end,
            reopened=reopened,
            drain_cycles=cycles,
            wallets_shown_vs_crm=wallets,
            seconds=round(time.monotonic() - started, 1),
        )
    )
    assert hwm_after_restore == first < acked_max == first + later  # what hello shows
    assert lost_by_restore == later
    assert reopened == [(later,)]  # the engine saw it once, and sent exactly those again
    assert (counts.lost, counts.duplicated, counts.unexpected) == (0, 0, 0)
    assert counts.crm == counts.acked == first + later
    assert hwm_end == first + later
    assert set(states) == {"reflected"}, states
    assert all(shown == at_crm for shown, at_crm in wallets), wallets


def _wallet_shown(till: Till, customer_id: str) -> int:
    found = till.service.identify_customer(customer_id, business_date=NOW.date())
    assert found.state is not None, found
    return found.state.wallet.minor


def _crm_wallet(services: CrmServices, customer_id: str) -> int:
    query = select(BalanceRow.amount).where(
        BalanceRow.customer_id == customer_id, BalanceRow.account == "wallet"
    )
    found: int | None = services.ctx.db.read(lambda s: s.scalar(query))
    assert found is not None
    return found


# -- D3 ------------------------------------------------------------------------------------


def _ledger(services: CrmServices) -> tuple[int, dict[tuple[str, str], int]]:
    def read(session: Any) -> tuple[int, dict[tuple[str, str], int]]:
        entries = int(session.scalar(select(func.count()).select_from(LedgerEntryRow)))
        balances = {
            (str(r.customer_id), str(r.account)): int(r.amount)
            for r in session.scalars(select(BalanceRow))
        }
        return entries, balances

    return services.ctx.db.read(read)


@pytest.fixture
def proxy(live: LiveApi) -> Iterator[FaultProxy]:
    started = FaultProxy(live.port).start()  # every request passes; the log keeps bodies
    yield started
    started.stop()


def test_d3_ops_replayed_after_processed_op_was_purged_are_duplicates(
    services: CrmServices, live: LiveApi, proxy: FaultProxy, tmp_path: Path
) -> None:
    services.transfer.install_demo(customers=40)
    customers = rich_customers(services, 3)
    enrolled = enrol_terminal(services)
    till: Till = open_till(tmp_path, proxy.url, enrolled.token)
    rng = random.Random(3)
    try:
        assert till.sync().state is LinkState.ONLINE
        for _ in range(30):
            till.sell(rng, rng.choice(customers) if rng.random() < 0.4 else None)
        till.drain()
        ledger_before = _ledger(services)
        pushes = [e for e in proxy.exchanges() if e.path == "/v1/sync/push"]
        first_results = {r["op_id"]: r for e in pushes for r in e.upstream_json()["results"]}
        purge = delete(ProcessedOpRow)

        # The same requests again, byte for byte, as a terminal retrying would send them.
        services.ctx.db.write(lambda s: s.execute(purge))
        replayed: list[dict[str, Any]] = []
        with httpx.Client(
            base_url=live.url, headers={"Authorization": f"Bearer {enrolled.token}"}
        ) as http:
            for exchange in pushes:
                answer = http.post(
                    "/v1/sync/push",
                    content=exchange.request_body,
                    headers={"Content-Type": "application/json"},
                )
                assert answer.status_code == 200, answer.text
                replayed += answer.json()["results"]
        ledger_after_replay = _ledger(services)

        # And the terminal's own path: its ops reopened and sent by the engine.
        services.ctx.db.write(lambda s: s.execute(purge))
        with till.store.unit_of_work() as tx:
            reopened = tx.sync_queue.reopen_after(0)
        till.drain()
        states = outbox_states(till.store)
        counts = tally(services, enrolled.terminal_id, till.sold)
        ledger_end = _ledger(services)
    finally:
        till.close()
    statuses = Counter(r["status"] for r in replayed)
    changed = [
        r["op_id"]
        for r in replayed
        if r["status"] == "duplicate" and r["result"] != first_results[r["op_id"]]["result"]
    ]
    print(
        counts.line(
            f"D3[{services.ctx.db.dialect}]",
            replayed=len(replayed),
            answers=json.dumps(dict(statuses)),
            results_changed=len(changed),
            reopened=reopened,
            outbox=json.dumps(dict(states)),
        )
    )
    assert statuses == Counter({"duplicate": len(first_results)}), replayed[:3]
    assert not changed  # a duplicate carries the answer given the first time
    assert ledger_after_replay == ledger_before  # no second spend, no second point
    assert set(states) == {"reflected"}, states  # the engine's resend: acked, none rejected
    assert ledger_end == ledger_before
    assert (counts.lost, counts.duplicated, counts.unexpected) == (0, 0, 0)
    assert counts.crm == counts.acked == 30
