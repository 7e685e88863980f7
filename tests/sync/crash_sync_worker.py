"""The seller and the syncer of A1 (sync-protocol §8), forked on demand from one warm parent.

    python -m tests.sync.crash_sync_worker DATABASE CRM_URL TOKEN

Importing SQLAlchemy, the store and the sync engine takes about half a second; a test that
kills a process every 5–50 ms and restarts it needs a new one within milliseconds. So this
process imports everything once, opens nothing, and forks a child per command read from
stdin (a zygote):

    spawn seller SEED   → `spawned seller PID`; the child sells bills for ever
    spawn syncer        → `spawned syncer PID`; the child runs SyncEngine.run_once for ever
    kill PID            → SIGKILL, then reap: `exit PID CODE` (CODE -9: killed as asked)
    quit                → kill and reap every child, then exit

Before each command, children that ended by themselves are reaped and reported (`exit PID
CODE` with another code: the test fails on those). Children are reaped only here, so a pid
cannot be reused before the test has heard of its end, and a `kill` never hits a stranger.

Children share this process's stdout and write whole lines with one `os.write` each (a
pipe write of at most PIPE_BUF bytes is atomic), so lines never interleave:

    ready ROLE PID        the child has opened the store
    TRY BILL_ID           the seller is about to close this bill
    ACK BILL_ID           the close has COMMITTED (printed only after `TerminalService.close`
                          returned), as the receipt would be printed
    cycle STATE PENDING   the syncer finished a cycle

The seller takes the app's single-instance lock, as the app does. The syncer is a second
process on the same file, which the app never is (its engine is a thread of the one
process, and the lock exists to refuse a second app), so it opens the same `Store`
without the lock — `store_at_head(locked=False)` below. That workaround lives here only.
Both skip `open_store`'s schema check (the test migrated the file before), see there.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import random
import signal
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine

from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.engine import create_store_engine
from pos_terminal.db.lock import StoreLock
from pos_terminal.db.migrate import MigrationResult, head_revision
from pos_terminal.db.store import Store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.shifts import close_in_shift
from pos_terminal.services.terminal import TerminalService
from sync.client import CrmClient
from sync.engine import SyncEngine
from sync.link_state import CrmLink
from tests.sync.reliability_world import NOW, WALLET_SPEND

WALLET_SHARE = 0.3  # of the bills, sold to a customer (paying a little from the wallet)


PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """SIGKILL this process when its parent ends (Linux), so nothing outlives the test."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())  # one write: atomic on a pipe, never buffered


def store_at_head(path: Path, head: str, engine: Engine, *, locked: bool) -> Store:
    """The store as `open_store` builds it, for a file already at head.

    `open_store` also checks the schema: it parses every migration script, 50–200 ms on a
    busy machine, which a child killed every 5–50 ms cannot spare (crashes while starting
    are A3's subject, not this test's). `locked`: take the app's single-instance lock, as
    the seller (the app) does; the syncer does not (see above), so its lock object is made
    but never acquired, and `close()` releases nothing."""
    lock = StoreLock(path)
    if locked:
        lock.acquire()
    return Store.over(path, engine, MigrationResult(head, head, None), lock)


class _RehearsedError(Exception):
    """Ends the rehearsal sale, so that its transaction rolls back."""


def rehearsed_engine(path: Path, head: str, customers: list[str]) -> Engine:
    """The seller's engine, built and warmed in the zygote: one sale without and one with a
    customer, rolled back, so each child inherits the dialect's first-connect set-up and
    every statement of a sale already compiled (a cold first sale costs 30–100 ms of CPU on
    a busy machine, longer than a seller lives here). Its connections are closed before
    any fork; each child opens its own."""
    engine = create_store_engine(path)
    store = store_at_head(path, head, engine, locked=False)
    products = list(TerminalService(store).menu().products)
    with contextlib.suppress(_RehearsedError), store.unit_of_work() as tx:
        cached = [c for c in customers[:1] if tx.customers.by_id(c) is not None]
        for number, customer in enumerate((None, *cached)):
            line = BillLine("l1", products[0])
            bill = Bill(f"rehearsal-{number}", (line,), customer_id=customer, credits_removed=True)
            tenders: tuple[Tender, ...] = (Tender(TenderKind.CASH, Money(100_000)),)
            if customer is not None:
                tenders = (Tender(TenderKind.WALLET, Money(WALLET_SPEND)), *tenders)
            close_in_shift(tx, bill, tenders, name="", at=NOW, business_date=NOW.date())
        raise _RehearsedError
    engine.dispose()
    return engine


def seller(path: Path, head: str, engine: Engine, seed: int, customers: list[str]) -> None:
    engine.dispose(close=False)  # a fresh pool in this process (it was empty anyway)
    store = store_at_head(path, head, engine, locked=True)
    service = TerminalService(store)
    products = list(service.menu().products)
    with store.unit_of_work(read_only=True) as tx:  # the customers this till has cached
        known = [c for c in customers if tx.customers.by_id(c) is not None]
    rng = random.Random(seed)
    say(f"ready seller {os.getpid()}")
    while True:
        bill_id = str(uuid.uuid4())
        customer = rng.choice(known) if known and rng.random() < WALLET_SHARE else None
        line = BillLine("l1", rng.choice(products), rng.randint(1, 3))
        bill = Bill(bill_id, (line,), customer_id=customer, credits_removed=True)
        tenders: tuple[Tender, ...] = (Tender(TenderKind.CASH, Money(100_000)),)
        if customer is not None:
            tenders = (Tender(TenderKind.WALLET, Money(WALLET_SPEND)), *tenders)
        say(f"TRY {bill_id}")
        service.close(bill, tenders, name="", at=NOW, business_date=NOW.date())
        say(f"ACK {bill_id}")


def prepared_syncer(path: Path, head: str, url: str, token: str) -> tuple[Store, SyncEngine]:
    """The syncer's store and engine, built in the zygote before any fork: neither has
    opened a connection yet (each child opens its own), and building the HTTP client's TLS
    context alone takes 20–40 ms, which a child killed within 5–50 ms cannot spare."""
    store = store_at_head(path, head, create_store_engine(path), locked=False)

    def on_status(link: CrmLink) -> None:  # before each batch, and at the cycle's end
        say(f"status {link.state.value} {link.pending}")

    engine = SyncEngine(
        TerminalSyncStore(store, now=lambda: NOW),
        CrmClient(url, app_version="test", token=token),
        on_status,
    )
    return store, engine


def syncer(store: Store, engine: SyncEngine) -> None:
    store.engine.dispose(close=False)  # a fresh pool in this process (it was empty anyway)
    say(f"ready syncer {os.getpid()}")
    while True:
        link, _ = engine.run_once()
        say(f"cycle {link.state.value} {link.pending}")
        time.sleep(0.002)  # a breath for the seller's write lock


def _code(status: int) -> int:
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def main(path: Path, url: str, token: str, customers: list[str]) -> None:
    die_with_parent()
    head = head_revision()  # once, here: it parses every migration script
    store, engine = prepared_syncer(path, head, url, token)
    warmed = rehearsed_engine(path, head, customers)
    children: set[int] = set()

    def reap_ended() -> None:
        for pid in list(children):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                children.discard(pid)
                say(f"exit {pid} {_code(status)}")

    say("zygote ready")
    for command in sys.stdin:
        reap_ended()
        words = command.split()
        if words[:1] == ["spawn"]:
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                try:
                    die_with_parent()
                    if words[1] == "seller":
                        seller(path, head, warmed, int(words[2]), customers)
                    else:
                        syncer(store, engine)
                except BaseException as error:  # anything but SIGKILL is a failure
                    say(f"crashed {os.getpid()} {type(error).__name__}: {error}")
                    os._exit(1)
                os._exit(0)
            children.add(pid)
            say(f"spawned {words[1]} {pid}")
        elif words[:1] == ["kill"]:
            pid = int(words[1])
            if pid in children:
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                children.discard(pid)
                say(f"exit {pid} {_code(status)}")
        elif words[:1] == ["quit"]:
            break
    for pid in children:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        say(f"exit {pid} {_code(status)}")
    say("zygote done")


if __name__ == "__main__":
    customers = sys.argv[4].split(",") if sys.argv[4:] else []
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], customers)
