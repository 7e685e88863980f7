"""Figures 1 and 2 of `python -m bench sync`: a terminal's first sync, and card taps meanwhile.

The CRM (PostgreSQL with N demo customers, a card each) is served by `python -m crm
--workers 2`; an empty terminal enrols and its real engine's `run_once()` takes the
snapshot of every stream. Its time is compared with a plain `executemany` of the very rows
the sync wrote, into another empty store's tables, in one transaction: the baseline.

Card taps go through `TerminalService.identify_card` on a thread of their own, as the UI's
database thread would, over TAP_CUSTOMERS customers (with their cards and balances) loaded
into the store before the sync, through the terminal's bulk path: an empty terminal has no
card to tap. First while nothing else runs (idle), then while the snapshot applies. The
engine's cycle runs on a thread that gives way as the engine's own does (sync/priority.py).
Unless `--shared`, the CRM and PostgreSQL run on a processor of their own (bench/cpus.py).
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench.report import Figure, percentile
from bench.sync_crm import ServedCrm, Till, empty_store, enrolled_till
from crm.services.container import CrmServices
from crm.services.feed_entities import KINDS
from loyalty.customers import Card, Customer
from pos_terminal.db import search_schema
from pos_terminal.db.bulk import CustomerBundle, load_customers
from pos_terminal.services.terminal import TerminalService
from pos_terminal.threads import favour_the_cashier
from sync.link_state import CrmLink, LinkState
from sync.priority import give_way
from sync.wire.reference import BalanceFigures

TAP_CUSTOMERS = 1000
TAP_PAUSE = 0.005  # s between taps: far above a cashier's pace, yet a few % of one core
# The baseline p99: of 1,000 taps (the 10th slowest) it ranged 0.46–1.11 ms run to run, the
# ratio with it 1.1–2.3× over the same taps during; 3,000 make it steadier (~15 s).
IDLE_TAPS = 3000
# What the initial sync writes, in an order the foreign keys accept.
PULLED_TABLES = (
    "customer_group", "discount", "cashback_rule", "customer", "card", "balance_snapshot",
    "limit_snapshot", "voucher",
)  # fmt: skip
BATCH = 10_000


def _tap_bundles(services: CrmServices, count: int, today: date) -> list[CustomerBundle]:
    """Customers with a card a reader finds today, spread over the whole key range (md5
    order), as the CRM's feed would describe them."""

    def read(session: Session) -> list[CustomerBundle]:
        picked = session.execute(
            text(
                "SELECT card.code, card.customer_id FROM card"
                " JOIN customer ON customer.id = card.customer_id"
                " WHERE customer.active AND NOT card.blocked"
                " AND (card.expires_on IS NULL OR card.expires_on > :today)"
                " ORDER BY md5(card.code) LIMIT :n"
            ),
            {"today": today, "n": count},
        ).all()
        ids = [customer_id for _, customer_id in picked]
        customers = KINDS["customer"].load(session, ids)
        cards = KINDS["card"].load(session, [code for code, _ in picked])
        balances = KINDS["balance"].load(session, ids)
        bundles = []
        for code, customer_id in picked:
            customer, card = customers[customer_id], cards[code]
            money = balances.get(customer_id, BalanceFigures(customer_id, 0, 0, 0))
            assert isinstance(customer, Customer) and isinstance(card, Card)
            assert isinstance(money, BalanceFigures)
            bundles.append(
                CustomerBundle(
                    customer, (card,), money.credits_minor, money.wallet_minor, money.points
                )
            )
        return bundles

    return services.ctx.db.read(read)


class Taps(threading.Thread):
    """A cashier tapping the cards in turn until `halt()` (or `limit` taps): ms per tap."""

    def __init__(self, service: TerminalService, reads: list[str], today: date, limit: int = 0):
        super().__init__(name="card taps", daemon=True)
        self.service, self.reads, self.today, self.limit = service, reads, today, limit
        self.samples: list[float] = []
        self.misses = 0
        self._halt = threading.Event()

    def run(self) -> None:
        for read in itertools.cycle(self.reads):
            if self._halt.is_set() or len(self.samples) == self.limit > 0:
                return
            started = time.perf_counter_ns()
            found = self.service.identify_card(read, today=self.today, business_date=self.today)
            self.samples.append((time.perf_counter_ns() - started) / 1e6)
            self.misses += not found.found
            self._halt.wait(TAP_PAUSE)

    def halt(self) -> list[float]:
        self._halt.set()
        self.join()
        return self.samples


def executemany_baseline(synced: Path, target: Path, *, lifted: bool) -> float:
    """Seconds to insert the rows `synced` holds into the pulled tables of a new empty store
    with plain `executemany`, in one transaction; reading them from `synced` is not counted.
    The schema is as the migrations make it (indexes and search triggers on), unless
    `lifted`: then, as bulk.py loads an empty cache, the tables' indexes and triggers are
    dropped first and made again before COMMIT (one sort per index, one rebuild of the
    search index) — the fastest way SQLite has to the same store."""
    empty_store(target).close()
    source = sqlite3.connect(f"file:{synced}?mode=ro", uri=True)
    sink = sqlite3.connect(target, isolation_level=None)
    elapsed = 0.0

    def timed(statement: str, rows: list[Any] | None = None) -> None:
        nonlocal elapsed
        started = time.perf_counter()
        if rows is None:
            sink.execute(statement)
        else:
            sink.executemany(statement, rows)
        elapsed += time.perf_counter() - started

    try:
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            sink.execute(f"PRAGMA {pragma}")  # the store's own settings (pos_terminal/db/engine)
        timed("BEGIN IMMEDIATE")
        schema: list[tuple[str, str, str]] = []
        if lifted:
            marks = ", ".join("?" * len(PULLED_TABLES))
            schema = sink.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
                f" AND sql IS NOT NULL AND tbl_name IN ({marks})",
                PULLED_TABLES,
            ).fetchall()
            for kind, name, _ in schema:
                timed(f"DROP {kind.upper()} {name}")
        for table in PULLED_TABLES:
            columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
            names, marks = ", ".join(columns), ", ".join("?" * len(columns))
            rows = source.execute(f"SELECT {names} FROM {table}")
            while batch := rows.fetchmany(BATCH):
                timed(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
        for sql in (sql for kind, _, sql in schema if kind == "index"):
            timed(sql)
        for statement in search_schema.REBUILD if lifted else ():
            timed(statement)
        for sql in (sql for kind, _, sql in schema if kind == "trigger"):
            timed(sql)
        timed("COMMIT")
        return elapsed
    finally:
        source.close()
        sink.close()


def _cycle_on_sync_thread(till: Till) -> CrmLink:
    """One engine cycle on a thread that gives way as the engine's own thread does."""
    ended: list[CrmLink] = []

    def cycle() -> None:
        give_way()
        ended.append(till.engine.run_once()[0])

    thread = threading.Thread(target=cycle, name="crm sync")
    thread.start()
    thread.join()
    if not ended:
        raise RuntimeError("the sync cycle raised; see above")
    return ended[0]


@dataclass(frozen=True, slots=True)
class FirstSync:
    seconds: float
    terminal: float  # of `seconds`, in the terminal's store (the rest: the CRM and the wire)
    baseline: float  # executemany, schema as is
    lifted: float  # executemany with indexes and triggers lifted, made again after
    customers: int
    cards: int
    idle_ms: list[float]
    during_ms: list[float]


def first_sync(services: CrmServices, crm: ServedCrm, folder: Path, today: date) -> FirstSync:
    favour_the_cashier()  # as the terminal's start-up does
    store = empty_store(folder / "terminal.db")
    till: Till | None = None
    try:
        bundles = _tap_bundles(services, TAP_CUSTOMERS, today)
        load_customers(store.engine, [bundles])
        till = enrolled_till(store, services, crm.url, "Kasa bench")
        reads = [bundle.cards[0].code for bundle in bundles]
        idle = Taps(till.service, reads, today, limit=IDLE_TAPS)
        idle.start()
        idle.join()
        idle_ms = idle.samples
        during = Taps(till.service, reads, today)
        during.start()
        started = time.perf_counter()
        link = _cycle_on_sync_thread(till)
        seconds = time.perf_counter() - started
        terminal = till.sync_store.seconds
        during_ms = during.halt()
        if link.state is not LinkState.ONLINE:
            raise RuntimeError(f"the first sync failed: {link.detail}")
        if idle.misses or during.misses:
            raise RuntimeError(f"taps that found nobody: {idle.misses + during.misses}")
        with store.unit_of_work(read_only=True) as tx:
            run = tx.session.execute
            customers = run(text("SELECT count(*) FROM customer")).scalar_one()
            cards = run(text("SELECT count(*) FROM card")).scalar_one()
    finally:
        if till is not None:
            till.close()
        else:
            store.close()
    synced = folder / "terminal.db"
    baseline = executemany_baseline(synced, folder / "baseline.db", lifted=False)
    lifted = executemany_baseline(synced, folder / "lifted.db", lifted=True)
    return FirstSync(seconds, terminal, baseline, lifted, customers, cards, idle_ms, during_ms)


def figures(done: FirstSync, label: str) -> list[Figure]:
    name = f"sync.first_sync_{label}"
    idle, during = percentile(done.idle_ms, 0.99), percentile(done.during_ms, 0.99)
    return [
        Figure(f"{name}.engine", done.seconds, "s"),
        Figure(f"{name}.engine_in_terminal_store", done.terminal, "s"),
        Figure(f"{name}.executemany", done.baseline, "s"),
        Figure(f"{name}.ratio", done.seconds / done.baseline, "×", 3.0),
        Figure(f"{name}.executemany_indexes_lifted", done.lifted, "s"),
        Figure(f"{name}.ratio_to_lifted", done.seconds / done.lifted, "×"),
        Figure(f"{name}.rows_per_s", (done.customers + done.cards) / done.seconds, "rows/s"),
        Figure("sync.tap_idle.p50", percentile(done.idle_ms, 0.5), "ms"),
        Figure("sync.tap_idle.p99", idle, "ms"),
        Figure("sync.tap_during_snapshot.p50", percentile(done.during_ms, 0.5), "ms"),
        Figure("sync.tap_during_snapshot.p99", during, "ms"),
        Figure("sync.tap_during_snapshot.p99_ratio", during / idle, "×", 2.0),
    ]
