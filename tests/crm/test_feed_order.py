"""E1 on PostgreSQL: changes committed out of order are never skipped by a pulling terminal.

Eight writers hold their transactions open for random times while they change, create and
delete customers; five readers pull the feed over HTTP at the same time with random page
sizes. Each reader must end with exactly the CRM's entities, final states and versions, its
positions and each entity's version never going backwards.

The control runs the same writers and readers over a naive feed (`WHERE id > cursor` over a
BIGSERIAL) and must lose changes: the proof that this harness can see the problem.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import Connection, delete, insert, text, update
from sqlalchemy.orm import Session

from crm.services.container import CrmServices
from crm.store.models import CustomerRow
from tests.crm.feed_client import current_state, pull, terminal_client
from tests.live_crm import LiveApi

WRITERS, READERS = 8, 5
TARGET = 2000  # changes


@pytest.fixture
def crm(postgres_url: str) -> Iterator[CrmServices]:
    services = CrmServices.at(postgres_url)
    yield services
    services.close()


def _customer(customer_id: str, name: str) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "id": customer_id, "name": name, "sort_name": name.lower(), "type": "client",
        "country": "PL", "city": "", "street": "", "building": "", "flat": "",
        "verified": False, "active": True, "discount_limit_disabled": False,
        "transactions": 0, "created_at": now, "updated_at": now, "version": 1,
    }  # fmt: skip


class Writers:
    """WRITERS threads, each running `transaction(rng, k)` until TARGET changes are made.

    A transaction makes 1–4 changes with pauses between them and before its COMMIT, so
    transactions that began later often commit earlier.
    """

    def __init__(self, transaction: Callable[[random.Random, int], int]) -> None:
        self.done = threading.Event()
        self.changes = 0
        self._lock = threading.Lock()
        self._transaction = transaction
        self._threads = [threading.Thread(target=self._run, args=(k,)) for k in range(WRITERS)]

    def _run(self, k: int) -> None:
        rng = random.Random(k)
        while self.changes < TARGET:
            made = self._transaction(rng, k)
            with self._lock:
                self.changes += made

    def __enter__(self) -> Writers:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        for thread in self._threads:
            thread.join()
        self.done.set()


def _pause(rng: random.Random, most_s: float) -> None:
    time.sleep(rng.uniform(0, most_s))


def test_every_reader_gets_every_change_when_commits_are_out_of_order(crm: CrmServices) -> None:
    # Each writer has customers of its own: the writers meet only at the feed's counter.
    owned = [[f"w{k}-c{n}" for n in range(20)] for k in range(WRITERS)]
    crm.ctx.db.write(
        lambda s: s.execute(insert(CustomerRow), [_customer(i, i) for ids in owned for i in ids])
    )
    names = iter(range(10**9))

    def transaction(rng: random.Random, k: int) -> int:
        def work(session: Session) -> int:
            made = rng.randint(1, 4)
            for _ in range(made):
                mine = owned[k]
                roll = rng.random()
                if roll < 0.1:
                    new = f"w{k}-n{next(names)}"
                    session.execute(insert(CustomerRow).values(**_customer(new, new)))
                    mine.append(new)
                elif roll < 0.15 and len(mine) > 5:
                    gone = mine.pop(rng.randrange(len(mine)))
                    session.execute(delete(CustomerRow).where(CustomerRow.id == gone))
                else:
                    named = update(CustomerRow).where(CustomerRow.id == rng.choice(mine))
                    session.execute(named.values(name=f"name {next(names)}"))
                _pause(rng, 0.002)
            _pause(rng, 0.004)  # the COMMIT comes late
            return made

        return crm.ctx.db.write(work)

    api = LiveApi(crm).start()
    clients = [terminal_client(api.url, crm, f"till {j}") for j in range(READERS)]
    try:
        with Writers(transaction) as writers:
            readers = [_FeedReader(client, writers.done, j) for j, client in enumerate(clients)]
            for reader in readers:
                reader.thread.start()
        for reader in readers:
            reader.thread.join(timeout=300)
            assert reader.error is None, reader.error
        assert writers.changes >= TARGET
        truth = current_state(clients[0], "reference")
        for reader in readers:
            assert reader.pages > 20  # they really pulled while the writers wrote
            live = {key: (v, data) for key, (v, data) in reader.state.items() if data is not None}
            assert live == truth
    finally:
        for client in clients:
            client.close()
        api.stop()


class _FeedReader:
    def __init__(self, client: httpx.Client, done: threading.Event, seed: int) -> None:
        self.client, self.done, self.rng = client, done, random.Random(100 + seed)
        self.state: dict[tuple[str, str], tuple[int, Any]] = {}
        self.pages = 0
        self.error: str | None = None
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        try:
            self._pull_until_done()
        except AssertionError as error:
            self.error = str(error)

    def _pull_until_done(self) -> None:
        cursor, position = None, 0
        while True:
            finished = self.done.is_set()  # read before the pull: that pull sees everything
            page = pull(self.client, "reference", cursor, self.rng.randint(1, 60))
            self.pages += 1
            assert page["position"] >= position, "the feed position went backwards"
            position, cursor = page["position"], page["next_cursor"]
            for change in page["changes"]:
                key = (change["entity"], change["id"])
                before = self.state.get(key)
                assert before is None or change["version"] >= before[0], f"{key} went back"
                self.state[key] = (change["version"], change["data"])
            if not page["has_more"]:
                if finished:
                    return
                time.sleep(0.005)


def test_control_a_naive_cursor_over_a_sequence_loses_changes(crm: CrmServices) -> None:
    engine = crm.ctx.db.engine
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE naive_log (id BIGSERIAL PRIMARY KEY, item TEXT)"))
    items = iter(range(10**9))

    def transaction(rng: random.Random, k: int) -> int:
        with engine.begin() as connection:
            made = rng.randint(1, 4)
            for _ in range(made):
                connection.execute(
                    text("INSERT INTO naive_log (item) VALUES (:item)"), {"item": next(items)}
                )
                _pause(rng, 0.002)
            _pause(rng, 0.004)
        return made

    seen: list[set[int]] = [set() for _ in range(READERS)]

    def read(j: int, done: threading.Event) -> None:
        rng, cursor = random.Random(100 + j), 0
        with engine.connect() as connection:
            while True:
                finished = done.is_set()
                rows = _naive_page(connection, cursor, rng.randint(1, 60))
                seen[j].update(row_id for row_id, _ in rows)
                cursor = max([cursor, *(row_id for row_id, _ in rows)])
                if not rows:
                    if finished:
                        return
                    time.sleep(0.005)

    with Writers(transaction) as writers:
        threads = [threading.Thread(target=read, args=(j, writers.done)) for j in range(READERS)]
        for thread in threads:
            thread.start()
    for thread in threads:
        thread.join(timeout=300)
    with engine.connect() as connection:
        everything = set(connection.scalars(text("SELECT id FROM naive_log")))
    assert len(everything) >= TARGET
    lost = [len(everything - found) for found in seen]
    assert max(lost) > 0, "the naive feed lost nothing: this harness cannot see the problem"


def _naive_page(connection: Connection, cursor: int, limit: int) -> list[tuple[int, str]]:
    rows = connection.execute(
        text("SELECT id, item FROM naive_log WHERE id > :cursor ORDER BY id LIMIT :limit"),
        {"cursor": cursor, "limit": limit},
    ).all()
    connection.commit()  # each page its own transaction, as separate requests would be
    return [(row_id, item) for row_id, item in rows]
