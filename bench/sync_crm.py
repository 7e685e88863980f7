"""The two sides of `python -m bench sync` in a run: the CRM served by `python -m crm` on
127.0.0.1, terminals enrolled with it over HTTP as a till enrols (their store, service and
engine), and what the CRM ended up holding.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.store.models import BillRow, ProcessedOpRow
from pos_terminal.db.store import Store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.services.startup import prepare_store
from pos_terminal.services.terminal import TerminalService
from sync.client import CrmClient
from sync.engine import SyncEngine
from sync.enrolment import Enrolment, enrol
from sync.wire.envelope import APPLIED, Envelope, OpResult
from sync.wire.ops import BillClosed
from tests.live_crm import free_port

SHOP = "Bistro Centrum"
T = TypeVar("T")


class ServedCrm:
    """`python -m crm --workers N` as its own process (its CPU is not this process's GIL),
    on a port kept across `stop()` and `start()`: a CRM that is down for a while."""

    def __init__(self, database_url: str, *, workers: int, log: Path) -> None:
        self.database_url, self.workers, self.log = database_url, workers, log
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        if self._process is None:
            raise RuntimeError("the CRM is not running")
        return self._process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServedCrm:
        command = [
            *(sys.executable, "-m", "crm", "--database", self.database_url),
            *("--port", str(self.port), "--workers", str(self.workers), "--no-scheduler"),
        ]
        with self.log.open("ab") as sink:
            process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        self._process = process
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/readyz").status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the CRM did not start; see {self.log}")
            time.sleep(0.2)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            process.wait(timeout=30)

    def __enter__(self) -> ServedCrm:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def enrol_terminal(services: CrmServices, crm_url: str, name: str) -> Enrolment:
    """A one-time code made as the owner makes it, exchanged over HTTP as a till does."""
    code = services.terminals.create_code_for_shop_named(CLI, SHOP).code
    with CrmClient(crm_url, app_version="bench") as client:
        return enrol(client, code, name)


@dataclass(frozen=True, slots=True)
class Tally:
    found: int  # bills the CRM holds from the terminals
    lost: int  # bills the terminals sold (or were told were applied) that the CRM lacks
    duplicated: int  # bills held or applied more than once, or that nobody sold


def tally(services: CrmServices, terminal_ids: list[str], expected: set[str]) -> Tally:
    """Exactly once, as the CRM sees it. A bill's id is the key of its row, so a bill applied
    twice would show as a second applied `bill.closed` op rather than a second row."""

    def read(session: Session) -> tuple[list[str], int]:
        rows = session.scalars(select(BillRow.bill_id).where(BillRow.terminal_id.in_(terminal_ids)))
        applied = session.scalar(
            select(func.count())
            .select_from(ProcessedOpRow)
            .where(
                ProcessedOpRow.terminal_id.in_(terminal_ids),
                ProcessedOpRow.kind == BillClosed.KIND,
                ProcessedOpRow.status == APPLIED,
            )
        )
        return list(rows), int(applied or 0)

    bills, applied = services.ctx.db.read(read)
    found = set(bills)
    extra = (len(bills) - len(found)) + max(0, applied - len(found)) + len(found - expected)
    return Tally(len(found), len(expected - found), extra)


class TimedSyncStore(TerminalSyncStore):
    """The terminal's side of the engine, counting the seconds it spends reading and writing
    the store: the rest of a cycle is the CRM and the wire (where a slow sync is slow)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.seconds = 0.0

    def _timed(self, work: Callable[[], T]) -> T:
        started = time.perf_counter()
        try:
            return work()
        finally:
            self.seconds += time.perf_counter() - started

    def pending(self, limit: int) -> list[Envelope]:
        return self._timed(lambda: super(TimedSyncStore, self).pending(limit))

    def record(self, results: Sequence[OpResult]) -> None:
        self._timed(lambda: super(TimedSyncStore, self).record(results))

    def apply_snapshot_page(self, stream: str, page: Mapping[str, Any]) -> int:
        return self._timed(lambda: super(TimedSyncStore, self).apply_snapshot_page(stream, page))

    def apply_pull_page(self, stream: str, page: Mapping[str, Any]) -> int:
        return self._timed(lambda: super(TimedSyncStore, self).apply_pull_page(stream, page))


@dataclass
class Till:
    """A terminal as the app runs it: its store, the cashier's service, the sync engine."""

    store: Store
    service: TerminalService
    engine: SyncEngine
    terminal_id: str
    sync_store: TimedSyncStore

    def close(self) -> None:
        self.engine.stop()
        self.store.close()


def empty_store(path: Path) -> Store:
    """A new terminal's store: the demo menu and staff; customers and rules come from the CRM."""
    return prepare_store(path, now=datetime.now(), demo_customers=0, crm_owns_loyalty=True)


def enrolled_till(store: Store, services: CrmServices, crm_url: str, name: str) -> Till:
    done = enrol_terminal(services, crm_url, name)
    client = CrmClient(crm_url, app_version="bench", token=done.token)
    sync_store = TimedSyncStore(store)
    engine = SyncEngine(sync_store, client, lambda _link: None)
    return Till(store, TerminalService(store), engine, done.terminal_id, sync_store)
