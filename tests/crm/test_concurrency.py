"""Many admins changing one customer's credits at once over the live API lose nothing.

8 clients (threads, each its own signed-in connection) send 25 adds and reduces each to one
customer; the server's thread pool serves them concurrently. Row locks (PostgreSQL) or the
single writer (SQLite) serialise the postings, so afterwards the balance equals the sum of
the ledger entries and the sum of the operations acknowledged with 2xx. A reduce refused
(422, below zero) is allowed and not counted; a 5xx never is.
"""

from __future__ import annotations

import random
import threading

import httpx
from sqlalchemy import select

from crm.services.container import CrmServices
from crm.store.models import LedgerEntryRow
from tests.crm.conftest import make_admin, signed_in
from tests.crm.ledger_world import add_customers, balance, entries_sum
from tests.live_crm import LiveApi

CLIENTS = 8
OPERATIONS_EACH = 25


def test_concurrent_operations_on_one_customer_add_up(live: LiveApi, services: CrmServices) -> None:
    [anna] = add_customers(services)
    names = [f"admin{number}" for number in range(CLIENTS)]
    for name in names:
        make_admin(services, name, "manager")
    clients = [signed_in(live, name) for name in names]
    start = threading.Barrier(CLIENTS)
    acknowledged: list[int] = []
    statuses: list[int] = []
    lock = threading.Lock()

    def send(number: int, client: httpx.Client) -> None:
        pick = random.Random(number)
        start.wait()
        for _ in range(OPERATIONS_EACH):
            kind = pick.choice(("add", "add", "reduce"))
            amount = pick.randint(100, 900) if kind == "add" else pick.randint(100, 1500)
            answer = client.post(
                f"/v1/customers/{anna}/balances/credits/operations",
                json={"kind": kind, "amount": amount, "description": f"client {number}"},
            )
            with lock:
                statuses.append(answer.status_code)
                if answer.is_success:
                    change = amount if kind == "add" else -amount
                    assert answer.json()["change"] == change
                    acknowledged.append(change)

    threads = [
        threading.Thread(target=send, args=(number, client))
        for number, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for client in clients:
        client.close()

    assert not any(thread.is_alive() for thread in threads)
    assert len(statuses) == CLIENTS * OPERATIONS_EACH
    assert set(statuses) <= {201, 422}, sorted(set(statuses))
    assert len(acknowledged) == statuses.count(201)
    assert balance(services, anna) == entries_sum(services, anna) == sum(acknowledged)

    # Each entry's balance_after continues the one before it: no posting saw a stale balance.
    def chain(session):  # type: ignore[no-untyped-def]
        return session.execute(
            select(LedgerEntryRow.amount, LedgerEntryRow.balance_after)
            .where(LedgerEntryRow.customer_id == anna)
            .order_by(LedgerEntryRow.id)
        ).all()

    running = 0
    for amount, after in services.ctx.db.read(chain):
        running += amount
        assert after == running >= 0
