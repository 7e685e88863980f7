"""The CRM on PostgreSQL with a chain's worth of customers (default 1,000,000).

Figures:
- `crm.bulk_topup`: one credits top-up of 100,000 customers chosen by a filter (a tag), in
  set-based SQL (budget 10 s);
- `crm.list_p99`: the first page of the customer list filtered by text (the first letters
  of a surname) and group, through the service (budget p99 100 ms); text alone too;
- `crm.page_*`: the owner's customer list page over real HTTP (`GET /customers?q=…`, signed
  in), its first page for a text search: whole for a surname's first letters, and as the
  results fragment the page fetches as you type (`&fragment=1`) for a surname's first
  letters, a phone fragment, an e-mail's start and a card's code or number. Server time,
  read from the response's `Server-Timing` header (`crm.api.server_timing`): not the
  client's or the network's (budget p99 150 ms each); and one letter typed (no budget);
- `crm.credit_ops`: credit operations per second over HTTP with 8 concurrent clients on
  distinct customers, against `python -m crm --workers 2` (no budget: a capacity figure).

PostgreSQL runs in a cluster of its own under .bench-data/crm-pg (initdb + pg_ctl, with the
tests' settings: fsync and synchronous_commit off, so the figures are of the CRM, not the
disk), kept between runs with its database, which is built once (`--rebuild` builds it
again): the demo programme and customers, loaded through the CRM's own bulk path.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import string
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
from sqlalchemy import text

from bench.report import Figure, percentile, time_each
from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.services.ledger import OperationRequest
from crm.store.migrate import upgrade_to_head
from tests.live_crm import free_port
from tests.postgres import PostgresCluster, server_binaries

DATA = Path(__file__).resolve().parents[1] / ".bench-data"
TOPUP_TAG = "bench-topup"
PASSWORD = "bench password 1"
PAGE_BUDGET_MS = 150.0
_SERVER_MS = re.compile(r"(?:^|,)\s*app;dur=([0-9.]+)")


class KeptCluster(PostgresCluster):
    """A cluster in a fixed folder that outlives the run (a million customers take minutes)."""

    def __init__(self, binaries: Path, folder: Path) -> None:
        super().__init__(binaries)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = folder
        self.data = folder / "data"
        folder.mkdir(parents=True, exist_ok=True)
        if self._as_postgres:
            shutil.chown(folder, "postgres", "postgres")

    def start(self) -> KeptCluster:
        if (self.data / "PG_VERSION").exists():
            self.serve()
        else:
            shutil.rmtree(self.data, ignore_errors=True)
            super().start()
        return self

    def stop(self) -> None:
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")


def _database(cluster: KeptCluster, customers: int, rebuild: bool) -> tuple[str, float | None]:
    name = f"crm_bench_{customers}"
    url = cluster.url(name)
    probe = CrmServices.at(cluster.url("postgres"))
    with probe.ctx.db.engine.connect() as connection:
        exists = connection.scalar(text(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))
    probe.close()
    if exists and not rebuild:
        kept = CrmServices.at(url)  # a database kept from an older build: bring it to head
        upgrade_to_head(kept.ctx.db.engine)
        kept.close()
        return url, None
    cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    cluster.execute(f"CREATE DATABASE {name}")
    services = CrmServices.at(url)
    upgrade_to_head(services.ctx.db.engine)
    started = time.perf_counter()
    services.transfer.install_demo(customers=customers)
    loaded = time.perf_counter() - started
    with services.ctx.db.session() as session:
        session.execute(
            text(
                "INSERT INTO customer_tag (customer_id, tag) "
                "SELECT id, :tag FROM customer ORDER BY id LIMIT 100000"
            ),
            {"tag": TOPUP_TAG},
        )
        session.execute(text("ANALYZE customer_tag"))
    services.close()
    return url, loaded


def _topup(services: CrmServices) -> Figure:
    request = OperationRequest("credits", "add", 1000, "bench: bulk top-up")
    started = time.perf_counter()
    operation = services.ledger.operate_bulk(CLI, request, CustomerFilter(tag=TOPUP_TAG))
    elapsed = time.perf_counter() - started
    print(f"crm.bulk_topup: {operation.runs[0].customers if operation.runs else 0} customers")
    return Figure("crm.bulk_topup", elapsed, "s", 10.0)


def _list_queries(services: CrmServices, count: int) -> list[tuple[str, str]]:
    """(first 3–5 letters of a sampled customer's surname, a group): what an owner types."""
    with services.ctx.db.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name, group_id FROM customer TABLESAMPLE SYSTEM (1) LIMIT :n"),
            {"n": count},
        ).all()
        groups = list(connection.scalars(text("SELECT id FROM customer_group ORDER BY id")))
    rng = random.Random(7)
    return [
        (name.split()[-1][: rng.randint(3, 5)], group_id or rng.choice(groups))
        for name, group_id in rows
    ]


def _listing(services: CrmServices, queries: list[tuple[str, str]]) -> list[Figure]:
    def with_group(query: tuple[str, str]) -> None:
        services.customers.list(CLI, CustomerFilter(text=query[0], group_id=query[1]), limit=50)

    def text_only(query: tuple[str, str]) -> None:
        services.customers.list(CLI, CustomerFilter(text=query[0]), limit=50)

    figures = []
    for label, page, budget in (
        ("text_and_group", with_group, 100.0),
        ("text", text_only, None),
    ):
        samples = time_each(page, queries)
        figures += [
            Figure(f"crm.list_{label}_p50", percentile(samples, 0.5), "ms"),
            Figure(f"crm.list_{label}_p99", percentile(samples, 0.99), "ms", budget),
        ]
    return figures


@contextmanager
def _served(url: str) -> Iterator[str]:
    """`python -m crm --workers 2` on the database; its address while it runs."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crm",
            "--database",
            url,
            "--port",
            str(port),
            "--workers",
            "2",
            "--no-scheduler",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the CRM did not start")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _page_queries(services: CrmServices, count: int) -> dict[str, list[str]]:
    """What an owner types in the list's search box, `count` of each kind, from sampled
    customers: a surname's first 3–5 letters (other customers' for the whole page, so
    neither reads what the other has just brought into memory), a phone's first 5–9
    digits (as written, "601 234 5", or joined), an e-mail's first 4–10 characters, a
    card's code or number."""
    with services.ctx.db.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT c.name, c.phone, c.email, card.code, card.number "
                "FROM customer c TABLESAMPLE SYSTEM (1) REPEATABLE (11) "
                "LEFT JOIN LATERAL (SELECT code, number FROM card "
                "WHERE card.customer_id = c.id LIMIT 1) card ON true LIMIT :n"
            ),
            {"n": count * 3},
        ).all()
    rng = random.Random(11)
    kinds: dict[str, list[str]] = {"page": [], "surname": [], "phone": [], "email": [], "card": []}
    for n, (name, phone, email, code, number) in enumerate(rows):
        kinds["page" if n % 2 else "surname"].append(name.split()[-1][: rng.randint(3, 5)])
        if phone and phone.startswith("+48"):
            digits = phone[3:][: rng.randint(5, 9)]
            spaced = " ".join(digits[i : i + 3] for i in range(0, len(digits), 3))
            kinds["phone"].append(spaced if rng.random() < 0.5 else digits)
        if email:
            kinds["email"].append(email[: rng.randint(4, 10)])
        if code:
            kinds["card"].append(code if rng.random() < 0.5 else number)
    return {kind: typed[:count] for kind, typed in kinds.items()}


def _sign_in(http: httpx.Client, services: CrmServices) -> None:
    """Sign the client in to the pages as an owner, through the sign-in form."""
    username = f"bench-owner-{os.getpid()}"
    services.accounts.create(CLI, username, PASSWORD, "owner")
    form = http.get("/signin").text
    found = re.search(r'name="csrf" value="([^"]+)"', form)
    if found is None:
        raise RuntimeError("the sign-in page has no form token")
    answer = http.post(
        "/signin", data={"csrf": found.group(1), "username": username, "password": PASSWORD}
    )
    if answer.status_code != 303:
        raise RuntimeError(f"signing in failed: {answer.status_code}")


def _server_ms(http: httpx.Client, typed: str, fragment: bool) -> float:
    """The server's milliseconds for the list's first page for `typed`."""
    params = {"q": typed, **({"fragment": "1"} if fragment else {})}
    answer = http.get(f"/customers?{urlencode(params)}")
    if answer.status_code != 200 or 'id="customer-rows"' not in answer.text:
        raise RuntimeError(f"the list for {typed!r} answered {answer.status_code}")
    found = _SERVER_MS.search(answer.headers.get("server-timing", ""))
    if found is None:
        raise RuntimeError("the CRM sent no Server-Timing header")
    return float(found.group(1))


def _list_page(base: str, services: CrmServices, count: int) -> list[Figure]:
    queries = _page_queries(services, count)
    figures = []
    with httpx.Client(base_url=base, timeout=30) as http:
        _sign_in(http, services)
        for _ in range(10):  # each worker's templates and connections, not the queries'
            for fragment in (False, True):
                http.get("/customers?fragment=1" if fragment else "/customers")
        runs = [("page_surname", "page", False)]
        runs += [(f"page_fragment_{kind}", kind, True) for kind in queries if kind != "page"]
        for label, kind, fragment in runs:
            samples = [_server_ms(http, typed, fragment) for typed in queries[kind]]
            figures += [
                Figure(f"crm.{label}_p50", percentile(samples, 0.5), "ms"),
                Figure(f"crm.{label}_p99", percentile(samples, 0.99), "ms", PAGE_BUDGET_MS),
            ]
        # The first keystroke, should the owner pause after it: every word of a letter.
        letters = [_server_ms(http, letter, True) for letter in string.ascii_lowercase]
        figures += [
            Figure("crm.page_fragment_one_letter_p50", percentile(letters, 0.5), "ms"),
            Figure("crm.page_fragment_one_letter_max", max(letters), "ms"),
        ]
    return figures


def _credit_ops(base: str, services: CrmServices, seconds: float) -> Figure:
    username = f"bench-{os.getpid()}"
    services.accounts.create(CLI, username, PASSWORD, "manager")
    with services.ctx.db.engine.connect() as connection:
        customers = list(connection.scalars(text("SELECT id FROM customer ORDER BY id LIMIT 8")))
    done = [0] * len(customers)
    stop_at = time.monotonic() + seconds

    def client(index: int, customer_id: str) -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            token = http.post(
                "/v1/auth/login", json={"username": username, "password": PASSWORD}
            ).json()["token"]
            http.headers["Authorization"] = f"Bearer {token}"
            path = f"/v1/customers/{customer_id}/balances/credits/operations"
            while time.monotonic() < stop_at:
                answer = http.post(path, json={"kind": "add", "amount": 100})
                if answer.status_code < 300:
                    done[index] += 1

    threads = [threading.Thread(target=client, args=(i, c)) for i, c in enumerate(customers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return Figure("crm.credit_ops", sum(done) / elapsed, "ops/s")


def main(argv: list[str]) -> list[Figure]:
    parser = argparse.ArgumentParser(prog="python -m bench crm")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--page-queries", type=int, default=200, help="of each kind")
    parser.add_argument("--seconds", type=float, default=10.0, help="of concurrent credit ops")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    binaries = server_binaries()
    if binaries is None:
        print("crm: PostgreSQL server binaries are not installed (apt-get install postgresql)")
        return []
    cluster = KeptCluster(binaries, DATA / "crm-pg").start()
    try:
        url, loaded = _database(cluster, args.customers, args.rebuild)
        figures = [] if loaded is None else [Figure("crm.demo_load", loaded, "s")]
        services = CrmServices.at(url)
        try:
            # The list first: right after the top-up, PostgreSQL is still writing its 100,000
            # rows out (checkpoint, autovacuum), which is a figure of the disk, not the list.
            figures += _listing(services, _list_queries(services, args.queries))
            with _served(url) as base:
                figures += _list_page(base, services, args.page_queries)
                figures.append(_topup(services))
                figures.append(_credit_ops(base, services, args.seconds))
        finally:
            services.close()
    finally:
        cluster.stop()
    return figures
