"""Figure 4 of `python -m bench sync`: a chain's terminals pushing at once to 2 CRM workers.

Each simulated terminal is enrolled over HTTP and is a thread with its own `httpx.Client`,
pushing `bill.closed` envelopes (made as tests/crm/sync_world.py makes them: `sync.wire`
ops, canonical payload and its sha256) in batches the size the engine sends, back to back,
for a fixed time: the backlog of a chain coming back after an outage. A push that gets no
answer is sent again unchanged, as the engine would. Envelopes are made between pushes, so
the latency is of the push alone.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import select

from bench.report import Figure, percentile
from bench.sync_crm import ServedCrm, Tally, enrol_terminal, tally
from crm.services.container import CrmServices
from crm.store.models import CustomerRow
from sync.engine import PUSH_BATCH
from sync.wire.envelope import APPLIED, DUPLICATE, NOT_PROCESSED, RETRY_LATER
from tests.crm import sync_world

ACKED = (APPLIED, DUPLICATE)


@dataclass
class Pusher:
    """One terminal: what it sent, what the CRM acknowledged, how long each push took."""

    till: sync_world.Till
    customers: list[str]
    batch: int
    rng: random.Random  # which customers: each till's own, as in a chain's shops
    latencies_ms: list[float] = field(default_factory=list)
    acked: set[str] = field(default_factory=set)  # bill ids
    refused: int = 0
    reasons: set[str] = field(default_factory=set)  # why the CRM refused some, if it did
    resent: int = 0  # pushes sent again (no answer, or not a 200)
    later: int = 0  # ops the CRM answered "retry later" (or did not reach), sent again

    def run(self, start: threading.Barrier, stop_at: list[float]) -> None:
        start.wait()
        number = 0
        backlog: list[dict[str, Any]] = []  # envelopes the CRM has not answered for good
        while time.monotonic() < stop_at[0]:
            while len(backlog) < self.batch:
                number += 1
                customer = self.rng.choice(self.customers) if number % 3 else None
                op = sync_world.sale(str(uuid.uuid4()), number, 2500, customer_id=customer)
                backlog.append(self.till.envelope(op))
            sent = backlog
            results = self._push(sent)["results"]
            backlog = sent[len(results) :]  # not answered: sent again first, as the engine does
            for envelope, result in zip(sent, results, strict=False):
                if result["status"] in ACKED:
                    self.acked.add(envelope["payload"]["bill_id"])
                elif result["status"] in (RETRY_LATER, NOT_PROCESSED):
                    backlog.append(envelope)
                else:
                    self.refused += 1
                    self.reasons.add(f"{result['status']}: {result.get('reason')}")
            if backlog:
                backlog.sort(key=lambda envelope: envelope["terminal_seq"])
                self.later += len(backlog)
                time.sleep(1.0)  # the engine's first back-off after "retry later"

    def _push(self, envelopes: list[dict[str, Any]]) -> dict[str, Any]:
        while True:
            started = time.perf_counter()
            try:
                answer = self.till.http.post("/v1/sync/push", json={"ops": envelopes})
            except httpx.TransportError:
                self.resent += 1
                continue
            if answer.status_code != 200:
                self.resent += 1
                time.sleep(0.5)  # a busy CRM (503): back off a little, as the engine does
                continue
            self.latencies_ms.append((time.perf_counter() - started) * 1000)
            body: dict[str, Any] = answer.json()
            return body


@dataclass(frozen=True, slots=True)
class Fleet:
    terminals: int
    seconds: float
    ops: int
    refused: int
    reasons: set[str]
    resent: int
    later: int
    latencies_ms: list[float]
    tally: Tally


def fleet(
    services: CrmServices, crm: ServedCrm, terminals: int, seconds: float, batch: int = PUSH_BATCH
) -> Fleet:
    customers = services.ctx.db.read(
        lambda s: list(s.scalars(select(CustomerRow.id).order_by(CustomerRow.id)))
    )
    pushers = []
    for n in range(terminals):
        done = enrol_terminal(services, crm.url, f"Kasa {n + 1}")
        http = httpx.Client(
            base_url=crm.url, timeout=120, headers={"Authorization": f"Bearer {done.token}"}
        )
        till = sync_world.Till(http, done.terminal_id)
        pushers.append(Pusher(till, customers, batch, random.Random(n)))
    start, stop_at = threading.Barrier(terminals + 1), [0.0]
    threads = [threading.Thread(target=p.run, args=(start, stop_at)) for p in pushers]
    for thread in threads:
        thread.start()
    stop_at[0] = time.monotonic() + seconds
    started = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for pusher in pushers:
        pusher.till.http.close()
    acked = set().union(*(p.acked for p in pushers))
    ids = [p.till.terminal_id for p in pushers]
    return Fleet(
        terminals,
        elapsed,
        len(acked),
        sum(p.refused for p in pushers),
        set().union(*(p.reasons for p in pushers)),
        sum(p.resent for p in pushers),
        sum(p.later for p in pushers),
        [ms for p in pushers for ms in p.latencies_ms],
        tally(services, ids, acked),
    )


def figures(done: Fleet, deadlocks: int) -> list[Figure]:
    name = f"sync.push_{done.terminals}_terminals_2_workers_postgresql"
    return [
        Figure(f"{name}.ops_per_s", done.ops / done.seconds, "ops/s"),
        Figure(f"{name}.push_p50", percentile(done.latencies_ms, 0.5), "ms"),
        Figure(f"{name}.push_p99", percentile(done.latencies_ms, 0.99), "ms"),
        Figure(f"{name}.lost", done.tally.lost, "bills", 0),
        Figure(f"{name}.duplicated", done.tally.duplicated, "bills", 0),
        Figure(f"{name}.deadlocks", deadlocks, "deadlocks"),
    ]
